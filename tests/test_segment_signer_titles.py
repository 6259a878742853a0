"""Authority and position of a signer block's title lines, from the lines real documents print (text
layer, one block per case): the authority runs to the first line that opens with a position, the position
is that line and the lines that go on with it, and a second title under it is not glued on."""
import pytest

from pipeline.segment.lines import Row
from pipeline.segment.signers import parse_signers

BLOCKS = [
    pytest.param(  # TL. over a position printed on two lines
        ["TL. HIỆU TRƯỞNG", "PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH", "PHÒNG KT&ĐBCLGD", "(Đã ký)", "ThS. Lê Hà Như Thảo"],
        ("TL. HIỆU TRƯỞNG", "PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH PHÒNG KT&ĐBCLGD", "Lê Hà Như Thảo"),
        id="hd-64-vku-tl-two-line-position"),
    pytest.param(  # KT. and the head's agency on its own line
        ["KT. VIỆN TRƯỞNG", "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO", "PHÓ VIỆN TRƯỞNG", "Trần Công Phàn"],
        ("KT. VIỆN TRƯỞNG VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO", "PHÓ VIỆN TRƯỞNG", "Trần Công Phàn"),
        id="ttlt-08-2015-kt-agency-line"),
    pytest.param(
        ["KT. CHÁNH ÁN", "TÒA ÁN NHÂN DÂN TỐI CAO", "PHÓ CHÁNH ÁN", "Nguyễn Sơn"],
        ("KT. CHÁNH ÁN TÒA ÁN NHÂN DÂN TỐI CAO", "PHÓ CHÁNH ÁN", "Nguyễn Sơn"),
        id="ttlt-08-2015-kt-court"),
    pytest.param(  # a joint block: the agency's two lines are the authority
        ["TẠP CHÍ GIÁO DỤC", "THÀNH PHỐ HỒ CHÍ MINH", "TỔNG BIÊN TẬP", "Nguyễn Thanh Tú"],
        ("TẠP CHÍ GIÁO DỤC THÀNH PHỐ HỒ CHÍ MINH", "TỔNG BIÊN TẬP", "Nguyễn Thanh Tú"),
        id="khlt-90-joint-agency"),
    pytest.param(  # a second title of the signer under the seal
        ["TM. ĐOÀN GIÁM SÁT", "TRƯỞNG ĐOÀN", "CHỦ TỊCH HĐND TỈNH", "Phạm Văn Chánh"],
        ("TM. ĐOÀN GIÁM SÁT", "TRƯỞNG ĐOÀN", "Phạm Văn Chánh"),
        id="tb-11-dgs-stacked-title"),
    pytest.param(  # the same, the second title wrapped: its last line in capitals is no name
        ["TM. HỘI ĐỒNG", "CHỦ TỊCH", "GIÁM ĐỐC SỞ GIÁO DỤC VÀ", "ĐÀO TẠO", "Lê Quang Trí"],
        ("TM. HỘI ĐỒNG", "CHỦ TỊCH", "Lê Quang Trí"),
        id="bc-355-stacked-title-wrapped"),
    pytest.param(  # authority lines one after another, then the position
        ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Phùng Tô Long"],
        ("TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Phùng Tô Long"),
        id="cv-507-tl-kt"),
    pytest.param(
        ["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Vũ Đức Đam"],
        ("TM. CHÍNH PHỦ KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Vũ Đức Đam"),
        id="nd-57-2022-tm-kt"),
    pytest.param(  # no position line at all: the authority alone
        ["T/M BAN BÍ THƯ", "Trần Cẩm Tú"], ("T/M BAN BÍ THƯ", None, "Trần Cẩm Tú"), id="hd-06-tm-alone"),
    pytest.param(  # a name printed in capitals is still the name when no other follows
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "LÊ HẢI YẾN"], ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "LÊ HẢI YẾN"),
        id="upper-case-name"),
]


def _rows(lines):
    return [Row(text, 1, i, x0=330.0, x1=520.0, top=500.0 + 16 * i, page_width=595.0) for i, text in enumerate(lines)]


@pytest.mark.parametrize("lines, signer", BLOCKS)
def test_signer_titles(lines, signer):
    assert [(s.authority, s.position, s.name) for s in parse_signers(_rows(lines))] == [signer]


@pytest.mark.parametrize("lines, signer", BLOCKS)
def test_signer_titles_without_layout(lines, signer):
    rows = [Row(text, 1, i) for i, text in enumerate(lines)]  # a Word file's paragraphs: no coordinates
    assert [(s.authority, s.position, s.name) for s in parse_signers(rows)] == [signer]


# OCR'd blocks (text, confidence) of khlt-90-sgddt-tcgd (corpus/eval/dev), a joint plan signed side by side
OCR_BLOCKS = [
    pytest.param(  # the signature's stroke after the title, a scrap of the seal's ring over the name
        [("SỞ GIÁO DỤC VÀ ĐÀO TẠO", 96.4), ("GIÁM ĐỐC „1⁄2", 75.9), ("và", 82.9), ("Nguyễn Văn Hiếu", 96.2)],
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "GIÁM ĐỐC", "Nguyễn Văn Hiếu"), id="khlt-90-left"),
    pytest.param(  # "PHỐ" is a word of its own, not "PHÓ" misread
        [("TẠP CHÍ GIÁO DỤC", 96.5), ("THÀNH PHỐ HỒ CHÍ MINH", 89.5), ("TỔNG BIÊN TẬP", 70.5),
         ("Nguyễn Thanh Tú", 96.6)],
        ("TẠP CHÍ GIÁO DỤC THÀNH PHỐ HỒ CHÍ MINH", "TỔNG BIÊN TẬP", "Nguyễn Thanh Tú"), id="khlt-90-right"),
    pytest.param(  # a number after the title is the title's own
        [("TM. BAN CHỈ ĐẠO 389", 92.0), ("TRƯỞNG BAN", 93.0), ("Nguyễn Văn An", 95.0)],
        ("TM. BAN CHỈ ĐẠO 389", "TRƯỞNG BAN", "Nguyễn Văn An"), id="number-kept"),
]


def _ocr_rows(block, top=178.0):
    from pipeline.model import Line

    return [Row(text, 2, i, line=Line(text, 2, (112.0, top + 17 * i, 289.0, top + 14 + 17 * i), 14.0, confidence=conf),
                x0=112.0, x1=289.0, top=top + 17 * i, page_width=595.0) for i, (text, conf) in enumerate(block)]


@pytest.mark.parametrize("block, signer", OCR_BLOCKS)
def test_ocr_signer_titles(block, signer):
    assert [(s.authority, s.position, s.name) for s in parse_signers(_ocr_rows(block))] == [signer]


def test_tail_starts_at_title_over_seal_scrap():
    """The block before Nơi nhận starts at its agency line, above the seal's scrap ("và"), not at the name."""
    from pipeline.segment.distribution import find_tail

    rows = _ocr_rows([("thứ 18 năm học 2025 - 2026, đề nghị Thủ trưởng các đơn vị triển khai thực", 93.3),
                      ("hiện./.", 90.6), ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", 96.4), ("GIÁM ĐỐC „1⁄2", 75.9), ("và", 82.9),
                      ("Nguyễn Văn Hiếu", 96.2), ("Nơi nhận:", 84.1), ("- Ban Tuyên giảo Thành ủy;", 93.4),
                      ("- Lưu VT, GDTXNN&PH (ĐPT}", 67.9)])
    assert find_tail(rows) == 2


# OCR'd title lines of signer blocks on dev scans (corpus/eval/dev): a position between marks (the handwritten
# KT. read as marks before it, the signature's stroke after it) is the position; a title that is more than
# a position, or an authority word before it, stays as read
@pytest.mark.parametrize("text, title", [
    ("1. GIÁM ĐỐC", "GIÁM ĐỐC"),  # gm-10-syt-kien-giang
    ("T1, GIÁM ĐỐC Ỉ c—", "GIÁM ĐỐC"),  # bc-2268-syt-kien-giang
    ("= CHỦ TỊCH", "CHỦ TỊCH"),  # bc-69-ubnd-huyen-dak-rlap
    ("TL. GIÁM ĐỐC x", "TL. GIÁM ĐỐC"),
    ("KT. GIÁM ĐỐC", "KT. GIÁM ĐỐC"),  # the authority word is no mark
    ("Q. GIÁM ĐỐC", "Q. GIÁM ĐỐC"),
    ("GIÁM ĐỐC SỞ Y TẾ", "GIÁM ĐỐC SỞ Y TẾ"),  # "Y" ends no mark run: the title goes on
    ("3 CHÁNH VĂN PHÒNG", "3 CHÁNH VĂN PHÒNG"),  # the PHÓ read as a digit: _complete's, not a mark
    ("BỘ Y TẾ", "BỘ Y TẾ"),
])
def test_a_title_between_marks_is_the_title(text, title):
    from pipeline.segment.signers import title_in_marks

    assert title_in_marks(text) == title


# A collective body's block read with its KT. line lost (OCR merged it into the line under it: qd-ubnd-ha-noi-
# thoat-nuoc of corpus/eval/dev prints "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"): a deputy
# signs for the body only for its head, as every TM. block with a PHÓ in corpus/eval/dev and corpus/real prints
@pytest.mark.parametrize("block, signer", [
    pytest.param([("TM.ỦY BAN NHÂN DÂN", 92.5), ("PHÓ CHỦ TỊCH", 82.1), ("Trương Việt Dũng", 95.0)],
                 ("TM.ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trương Việt Dũng"), id="qd-ubnd-ha-noi"),
    pytest.param([("TM. CHÍNH PHỦ", 96.5), ("PHÓ THỦ TƯỚNG", 90.0), ("Nguyễn Văn Thắng", 96.9)],
                 ("TM. CHÍNH PHỦ KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Nguyễn Văn Thắng"), id="government"),
    pytest.param([("TM. ỦY BAN NHÂN DÂN", 95.0), ("CHỦ TỊCH", 95.0), ("Nguyễn Bốn", 95.0)],
                 ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Bốn"), id="the-head-signs"),
    pytest.param([("T/M BAN THƯỜNG VỤ", 95.0), ("PHÓ BÍ THƯ", 95.0), ("Lê Văn An", 95.0)],
                 ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Lê Văn An"), id="party-deputy-signs-directly"),
])
def test_a_deputy_under_a_collective_body_signs_for_its_head(block, signer):
    assert [(s.authority, s.position, s.name) for s in parse_signers(_ocr_rows(block))] == [signer]


# OCR'd names of dev scans (corpus/eval/dev) whose later words are no Vietnamese syllable: one letter that
# prints alike set right when one syllable of the dictionary is that letter off; names that are syllables,
# or are not Kinh names, stay as read
@pytest.mark.parametrize("ocr, name", [
    ("Nguyễn Trúc Glang", "Nguyễn Trúc Giang"),   # bc-1983-syt-kien-giang: the i's dot lost
    ("Hà Văn Phúe", "Hà Văn Phúc"),               # tm-155-syt-kien-giang: phúc, not phút or phún
    ("Trần Đăng Anh", "Trần Đăng Anh"),           # cv-808 prints Ánh: a tone is not told from the page here
    ("Thị H’Nhó", "Thị H’Nhó"),                   # bc-179-ubnd-huyen-dak-rlap: a name of Tây Nguyên
    ("Y Blang", "Y Blang"),
    ("NGUYỄN NGỌC ANH", "NGUYỄN NGỌC ANH"),
])
def test_a_name_word_that_is_no_syllable(ocr, name):
    from pipeline.read.lexicon import correct_given_names

    assert correct_given_names(ocr) == name


def test_a_name_read_with_a_slip_in_its_block():
    block = [("KT. GIÁM ĐỐC", 96.0), ("PHÓ GIÁM ĐỐC", 95.0), ("Hà Văn Phúe", 88.0)]
    assert [(s.authority, s.position, s.name) for s in parse_signers(_ocr_rows(block))] == \
        [("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hà Văn Phúc")]
