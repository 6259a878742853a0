"""What follows the signed text (annexes, forms, the regulation a decision issues) is not its Nơi nhận
nor its signer block; a Word table cell read as one line is cut into the lines it prints as. The
tails are copied from real documents of corpus/eval/dev (text as their readers give it)."""
import json
from pathlib import Path

import pytest

from pipeline import process
from pipeline.segment.signers import clean_ocr_line
from tests.segment_helpers import BODY, seg

DEV = Path(__file__).resolve().parent.parent / "corpus" / "eval" / "dev"
HEAD = ["KẾ HOẠCH", "Đón tiếp và làm việc với Đoàn kiểm tra"]


def _signers(report):
    return [(s.authority, s.position, s.name) for s in report.signers]


TAILS = [
    pytest.param(
        # kh-362-sgddt-dong-thap-2026.pdf: Phụ lục I and II after the signer, each with its agency line
        ["Nơi nhận:", "- Đoàn kiểm tra của Bộ GDĐT (để báo cáo);", "- Ban Giám đốc (để báo cáo);",
         "- Các trường THPT (để thực hiện);", "- Lưu VT, GDPT. Hiển (3b).", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
         "Nguyễn Phương Toàn", "Phụ lục I", "DANH SÁCH CÁC TRƯỜNG THAM GIA LÀM VIỆC",
         "VỚI ĐOÀN KIỂM TRA CỦA BỘ GIÁO DỤC VÀ ĐÀO TẠO",
         "(Đính kèm Kế hoạch số 362 /KH-SGDĐT ngày 14 /4/2026 của Sở GDĐT)",
         "Danh sách có 09 trường tham gia làm việc./.", "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
         "Phụ lục II", "CHƯƠNG TRÌNH LÀM VIỆC", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"],
        [("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Phương Toàn")],
        ["Đoàn kiểm tra của Bộ GDĐT (để báo cáo)", "Ban Giám đốc (để báo cáo)", "Các trường THPT (để thực hiện)",
         "Lưu VT, GDPT. Hiển (3b)"],
        id="phu-luc-after-the-signer",
    ),
    pytest.param(
        # tt-2442-2007-ttcp.doc: the forms the circular issues, their '- …:' fields are no Nơi nhận
        ["Nơi nhận:", "- Ban Bí thư Trung ương Đảng;", "- Công báo, Website Chính phủ;", "- Lưu VT, Viện KHTT, Vụ PC.",
         "TỔNG THANH TRA", "Trần Văn Truyền – Đã ký",
         "Mẫu số 1 ban hành kèm theo Thông tư số 2442/2007/TT-TTCP ngày 13/11/2007 của Thanh tra Chính phủ",
         "MẪU BẢN KÊ KHAI TÀI SẢN, THU NHẬP BỔ SUNG",
         "- Họ và tên người kê khai tài sản, thu nhập: ...........................................",
         "- Chức vụ/chức danh công tác:................................................................"],
        [(None, "TỔNG THANH TRA", "Trần Văn Truyền")],
        ["Ban Bí thư Trung ương Đảng", "Công báo, Website Chính phủ", "Lưu VT, Viện KHTT, Vụ PC"],
        id="forms-after-the-signer",
    ),
    pytest.param(
        # qd-15-2010-ubnd-ha-noi.doc: each Word cell one line; the Quy định issued, signed again
        ["Nơi nhận: - Như Điều 3; - Bộ TTTT; - Cục Kiểm tra văn bản – Bộ TP; - Trung tâm Công báo TP; - Lưu: VT, VHKGh",
         "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH (đã ký) Ngô Thị Thanh Hằng",
         "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI _____", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
         "Độc lập – Tự do – Hạnh phúc ________", "QUY ĐỊNH", "Về quản lý, cung cấp, sử dụng Internet tại các đại lý",
         "Chương I", "QUY ĐỊNH CHUNG", "Điều 1. Đối tượng và phạm vi điều chỉnh",
         "1. Lợi dụng Internet nhằm mục đích:", "- Chống lại nhà nước;",
         "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH (đã ký) Ngô Thị Thanh Hằng"],
        [("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Ngô Thị Thanh Hằng")] * 2,
        ["Như Điều 3", "Bộ TTTT", "Cục Kiểm tra văn bản – Bộ TP", "Trung tâm Công báo TP", "Lưu: VT, VHKGh"],
        id="regulation-issued-and-signed-again",
    ),
    pytest.param(
        # qd-93-2007-ttg.doc: the Quy chế's own header (agency, rule, motto) ends the tail
        ["Nơi nhận:", "- Ban Bí thư Trung ương Đảng;", "- Lưu: Văn thư, CCHC (5b). Hà", "THỦ TƯỚNG", "Đã ký",
         "Nguyễn Tấn Dũng", "THỦ TƯỚNG CHÍNH PHỦ", "_________", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
         "Độc lập - Tự do - Hạnh phúc", "QUY CHẾ", "Thực hiện cơ chế một cửa, cơ chế một cửa liên thông",
         "Điều 1. Phạm vi điều chỉnh", "THỦ TƯỚNG", "Nguyễn Tấn Dũng"],
        [(None, "THỦ TƯỚNG", "Nguyễn Tấn Dũng")] * 2,
        ["Ban Bí thư Trung ương Đảng", "Lưu: Văn thư, CCHC (5b). Hà"],
        id="annex-header-after-a-rule",
    ),
    pytest.param(
        # nd-19-2018 (DOCX): "TM. CHÍNH PHỦ THỦ TƯỚNG Nguyễn Xuân Phúc" as one cell, a Phụ lục of examples
        ["Nơi nhận:", "- Ban Bí thư Trung ương Đảng;", "- Lưu: VT, NC (2). XH",
         "TM. CHÍNH PHỦ THỦ TƯỚNG Nguyễn Xuân Phúc", "PHỤ LỤC",
         "VỀ VIỆC TÍNH TỔNG KHỐI LƯỢNG HOẶC THỂ TÍCH CÁC CHẤT MA TÚY TRONG MỘT SỐ TRƯỜNG HỢP CỤ THỂ",
         "- Cộng khối lượng của từng chất lại với nhau để xác định tổng khối lượng của 05 chất ma túy;"],
        [("TM. CHÍNH PHỦ", "THỦ TƯỚNG", "Nguyễn Xuân Phúc")],
        ["Ban Bí thư Trung ương Đảng", "Lưu: VT, NC (2). XH"],
        id="phu-luc-of-examples",
    ),
]


@pytest.mark.parametrize("tail, signers, distribution", TAILS)
def test_annex_ends_the_tail(tail, signers, distribution):
    report = seg(HEAD + BODY + tail)
    assert _signers(report) == signers
    assert list(report.distribution) == distribution


def test_annex_text_is_body_text():
    """An annex's references are still found: its text joins the body."""
    report = seg(HEAD + BODY + TAILS[2].values[0])
    body = "\n".join(s.title + "\n" + s.text for s in report.walk_sections())
    assert "Lợi dụng Internet" in body


def test_a_form_sample_name_is_no_signer():
    # thông tư liên tịch 13/2025 (DOCX), the forms annexed: "Nguyễn Văn A" signs a sample
    tail = ["Nơi nhận:", "- Công báo;", "- Lưu: VT.", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Thanh Tịnh",
            "PHỤ LỤC", "Mẫu số 01", "VĂN BẢN ỦY THÁC TƯ PHÁP VỀ DÂN SỰ", "Nơi nhận:", "- Như trên;", "- Lưu hồ sơ vụ việc, VP.",
            "GIÁM ĐỐC", "Nguyễn Văn A"]
    report = seg(HEAD + BODY + tail)
    assert _signers(report) == [("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Thanh Tịnh")]
    assert list(report.distribution) == ["Công báo", "Lưu: VT"]


REAL = ["luat-73-2021-qh14-phong-chong-ma-tuy-congbao.pdf", "luat-73-2021-qh14-phong-chong-ma-tuy.docx",
        "nd-19-2018-nd-cp-khoi-luong-chat-ma-tuy.docx", "nd-57-2022-nd-cp-danh-muc-chat-ma-tuy.doc",
        "qd-15-2010-ubnd-ha-noi.doc", "tt-2442-2007-ttcp.doc"]


@pytest.mark.parametrize("name", REAL)
def test_real_tail_against_the_answer(name):
    """Laws and decrees from Word files and the Công báo: signers and Nơi nhận as the hand-checked
    answer gives them (a Công báo edition has none), the number and agency of the header tables."""
    answer = json.loads((DEV / (name + ".expected.json")).read_text("utf-8"))
    report = process(DEV / name)
    assert [{"authority": s.authority, "position": s.position, "name": s.name} for s in report.signers] == answer["signers"]
    assert list(report.distribution) == answer["distribution"]
    assert (report.header.agency, report.header.number) == (answer["header"]["agency"], answer["header"]["number"])


def test_docx_table_cell_line_breaks_are_lines():
    report = process(DEV / "luat-73-2021-qh14-phong-chong-ma-tuy.docx")
    texts = [line.text for page in report.document.pages for line in page.lines]
    assert "CHỦ TỊCH QUỐC HỘI" in texts and "Nguyễn Thị Kim Ngân" in texts and "QUỐC HỘI" in texts
    assert not any(t.startswith("CHỦ TỊCH QUỐC HỘI") for page in report.document.pages for table in page.tables
                   for row in table.rows for t in row if t)


@pytest.mark.parametrize("line", ["TM. UỶ BAN NHÂN DÂN", "TM. UỶ BAN NHÂN DÂN KT. CHỦ TỊCH"])
def test_printed_title_words_keep_their_spelling(line):
    # ct-09-2009-ubnd-binh-duong.doc, qd-1878-ubnd-ha-noi-2026.pdf print the older tone placement
    assert clean_ocr_line(line, ocr=False) == line
    assert clean_ocr_line(line) == line.replace("UỶ", "ỦY")  # OCR'd, the title word is set to the list's spelling


@pytest.mark.parametrize("tail, items", [
    # OCR of phone photos and screen images (corpus/eval/dev), lines as Tesseract gave them
    (["„ơi nhận:", "- Như kính gửi;", "- Lưu VT, TCKT"], ["Như kính gửi", "Lưu VT, TCKT"]),  # cv-6191 (Bắc Ninh)
    (["ưi nhận:", "- Như trên;", "~1ưu: VT,"], ["Như trên", "Lưu: VT"]),  # cv-1113 (Thanh Hoá), its dash and L misread
    (["Nơinhận: “", "- Chủ tịch UBND TP:", "~ Các đơn vị dự họp;", "- Lưu: VT, ĐT."],  # tb-229 (Hà Nội)
     ["Chủ tịch UBND TP", "Các đơn vị dự họp", "Lưu: VT, ĐT"]),
])
def test_ocr_distribution_label_and_dashes(tail, items):
    report = seg(HEAD + BODY + tail + ["GIÁM ĐỐC", "Hạ Bá Chân"])
    assert list(report.distribution) == items
    assert _signers(report) == [(None, "GIÁM ĐỐC", "Hạ Bá Chân")]


def test_a_sentence_about_where_files_go_is_no_label():
    report = seg(HEAD + BODY + ["Nơi nhận hồ sơ: Bộ phận một cửa;", "GIÁM ĐỐC", "Hạ Bá Chân"])
    assert list(report.distribution) == []
