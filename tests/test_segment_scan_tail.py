"""The tail of scanned documents (Nơi nhận, signer blocks) from the lines OCR gave for real pages:
text, Tesseract's confidence and box (points) of each line of the tail, as pipeline.read returned them
for the documents of corpus/real and corpus/eval/dev named in each case; the signers and the Nơi nhận
items expected are those printed on the page (checked on its render)."""
import pytest

from pipeline.model import Document, Line, Page
from pipeline.read.lexicon import is_layout_label
from pipeline.read.ocr import _noise
from pipeline.segment import segment
from tests.segment_helpers import BODY

HEAD = ["BÁO CÁO", "Kết quả công tác quý I năm 2023", "Kính gửi: Ủy ban nhân dân tỉnh."]


def _report(tail, width):
    """A scanned document: a first page of body text, then the page whose tail OCR read as ``tail``."""
    body = tuple(Line(t, 1, (72.0, 80.0 + 18 * i, 530.0, 94.0 + 18 * i), 13.0, confidence=95.0)
                 for i, t in enumerate(HEAD + BODY[:-2]))
    last = tuple(Line(t, 2, tuple(float(v) for v in box), round((box[3] - box[1]) / 0.8 * 2) / 2, confidence=conf)
                 for t, conf, box in tail)
    pages = (Page(1, body, "ocr", width=width, height=842.0), Page(2, last, "ocr", width=width, height=842.0))
    return segment(Document("scan.pdf", "0" * 64, "pdf", pages, "ocr"))


TAILS = [
    pytest.param(
        # cv-45-pa83-da-nang-2018-scan (corpus/real) page 2: the bold italic label glued and read at 17
        [("Rất mong nhận được sự quan tâm phối hợp của các Ð/c./.", 93.6, (112, 538, 436, 554)),
         ("-_ Nơinhận:", 17.1, (65, 566, 128, 587)),
         ("- Như trên; |.", 71.6, (77, 587, 189, 600)),
         ("~ Lưu PA83 (Ð4).", 34.7, (77, 602, 155, 613)),
         ("PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH", 94.2, (295, 570, 533, 586)),
         ("Trung tá Ngô Văn Công", 95.8, (342, 680, 487, 693))],
        622.32,
        [(None, "PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH", "Ngô Văn Công")],
        ["Như trên", "Lưu PA83 (Đ4)"],
        id="cv-45-glued-label",
    ),
    pytest.param(
        # tb-493-ubnd-lam-dong-2025-scan (corpus/real) page 3: the row of the first item and of "KT. …"
        # read again from the tail's gap (read/tail.py)
        [("viên, Phó Chủ tịch UBND tỉnh đến các cơ quan, đơn vị có liên quan biết, thực hiện./.", 95.9, (72, 338, 529, 354)),
         ("Nơi nhận:", 94.4, (84, 364, 135, 375)),
         ("- Chủ tịch, các PCT. UBND tỉnh;", 93.5, (84, 377, 230, 387)),
         ("- Các sở, ban, ngành thuộc tỉnh;", 96.2, (84, 390, 224, 400)),
         ("- Lãnh đạo VP UBND tỉnh;", 94.1, (84, 402, 205, 412)),
         ("- VNPT Lâm Đồng,", 84.7, (84, 413, 171, 426)),
         ("- Trung tâm xúc tiên Đâu tư, Thương mại và Du lịch", 95.9, (84, 428, 319, 439)),
         ("tỉnh Lâm Đồng;", 95.9, (83, 439, 152, 452)),
         ("~ Trung tâm Phục vụ hành chính công tỉnh;", 90.9, (84, 454, 272, 465)),
         ("- Trung tâm thông tin;", 95.3, (84, 467, 181, 477)),
         ("- Lưu: VT, KTTH, NC, HCC.", 91.8, (84, 480, 215, 490)),
         ("TL. CHỦ TỊCH", 96.3, (380, 362, 476, 378)),
         ("KT. CHÁNH VĂN PHÒNG", 94.7, (345, 381, 511, 397)),
         ("PHÓ CHÁNH VĂN PHÒNG", 94.0, (341, 397, 515, 408)),
         ("Thạch Cảnh Minh Vũ", 96.0, (362, 503, 493, 516))],
        595.2,
        [("TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Thạch Cảnh Minh Vũ")],
        ["Chủ tịch, các PCT. UBND tỉnh", "Các sở, ban, ngành thuộc tỉnh", "Lãnh đạo VP UBND tỉnh", "VNPT Lâm Đồng",
         "Trung tâm xúc tiên Đâu tư, Thương mại và Du lịch tỉnh Lâm Đồng", "Trung tâm Phục vụ hành chính công tỉnh",
         "Trung tâm thông tin", "Lưu: VT, KTTH, NC, HCC"],
        id="tb-493-row-read-again",
    ),
    pytest.param(
        # cv-1113-ubnd-huyen-tinh-gia-thanh-hoa-2020-photo (corpus/eval/dev): a phone photo; the label's
        # N misread, the archive item's dash read as "*" (it was taken for a footnote)
        [("Yêu cầu Ủy ban nftún dân các xã. nghiệm túc thực hiện./ D", 72.4, (198, 632, 591, 663)),
         ("Aưi nhận:", 45.1, (103, 683, 167, 698)),
         ("- Như trên;", 89.5, (104, 701, 169, 715)),
         ("x CI, các PƯTUIRND huyện;", 47.2, (101, 738, 279, 753)),
         ("*Lưu: VT,", 23.2, (101, 756, 165, 768))],
        697.23,
        [],
        ["Như trên", "x CI, các PƯTUIRND huyện", "Lưu: VT"],
        id="cv-1113-photo-marks",
    ),
    pytest.param(
        # cv-808-ubnd-huyen-krong-no-xac-minh-don-trinh-bao-2019-scan (corpus/eval/dev): the label read one
        # letter off with the seal's edge after it; without it the list was taken for body text
        [("Với nội dung trên, yêu câu các đơn vị khân trương triên khai thực hiện...", 94.7, (129, 638, 538, 652)),
         ("Nai nhận:c JÖ-", 37.5, (95, 661, 168, 675)),
         ("- Như trên:", 95.2, (96, 678, 141, 686)),
         ("- UBND tỉnh (b/c):", 65.2, (96, 689, 175, 700)),
         ("- CT. các PCT huyện;", 82.8, (95, 702, 187, 712)),
         ("- Lãnh đạo Vp;", 84.5, (96, 727, 158, 737)),
         ("- lưu VT.", 68.9, (97, 739, 137, 747)),
         ("KT.CHỦ TỊCH", 94.6, (403, 664, 492, 677)),
         ("2›H1€ TP", 23.0, (402, 677, 472, 687)),
         ("TỊCH", 96.1, (465, 683, 498, 695)),
         ("Trần Đăng Anh", 86.5, (404, 760, 493, 776))],
        610.8,
        [("KT.CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Đăng Anh")],
        ["Như trên", "UBND tỉnh (b/c)", "CT. các PCT huyện", "Lãnh đạo Vp", "Lưu VT"],
        id="cv-808-label-one-letter-off",
    ),
    pytest.param(
        # qd-ubnd-ha-noi-thoat-nuoc-2026-unsigned-image (corpus/eval/dev): the label unread, the list's
        # brace notes read beside its items, the drafter's initials glued to the archive code
        [("các đơn vị, cá nhân có liên quan chịu trách nhiệm thị hành Quyêt định này./.", 92.7, (85, 552, 497, 565)),
         ("+ “... Thành", 47.5, (84, 575, 168, 594)),
         ("- Đc Bí thư Thành ủy;", 86.6, (85, 586, 184, 598)),
         ("| (đểÖ⁄€)", 72.8, (216, 596, 268, 613)),
         ("- Thường trực Thành ủy;", 89.2, (85, 599, 193, 610)),
         ("- Văn phòng Thành ủy;", 95.9, (85, 637, 186, 648)),
         ("- UBND các phường, xã;", 94.8, (85, 663, 194, 673)),
         ("- VP UBTP: CVP, các PCVP,", 88.5, (85, 714, 216, 723)),
         ("Các phòng: NNMT, TH, ĐT, KGVX, KT;", 93.5, (85, 726, 270, 736)),
         ("- Lưu: VT, ĐTpc", 69.9, (85, 751, 160, 760)),
         ("TM.UY BAN NHÂN DÂN", 92.5, (365, 575, 514, 584)),
         ("PHÓ CHỦ TỊCH", 82.1, (390, 589, 487, 615)),
         ("(đề ph/h th/h)", 72.9, (263, 660, 327, 673)),
         ("Trương Việt Dũng", 95.0, (386, 704, 497, 717))],
        595.68,
        [("TM.ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trương Việt Dũng")],  # KT. CHỦ TỊCH: the line OCR merged into PHÓ CHỦ TỊCH
        ["Đc Bí thư Thành ủy", "Thường trực Thành ủy", "Văn phòng Thành ủy", "UBND các phường, xã",
         "VP UBTP: CVP, các PCVP, Các phòng: NNMT, TH, ĐT, KGVX, KT", "Lưu: VT, ĐT"],
        id="thoat-nuoc-label-lost",
    ),
    pytest.param(
        # qd-1360-ttg-dong-thap-ntm-2025-scan (corpus/eval/dev) page 2: "- VPCP:" and the words after it
        # given as two lines, the later one first; the item's second line indented under its words
        [("Nơi nhận:", 96.1, (94, 299, 146, 309)),
         ("- Như Điều 3;", 94.9, (94, 310, 156, 321)),
         ("- Tỉnh ủy, HĐND, UBND tính Đồng Tháp;", 92.4, (94, 437, 286, 449)),
         ("BTCN, các PCN, các Trợ lý TTg, TGĐÐ Công", 91.5, (141, 449, 332, 462)),
         ("- VPCP:", 92.4, (94, 452, 130, 459)),
         ("các Vụ: KTTH, CN, KGVX, QHĐP;", 93.0, (133, 464, 297, 474)),
         ("- Lưu: VT, NN 6)", 62.3, (94, 477, 191, 492))],
        601.2,
        [],
        ["Như Điều 3", "Tỉnh ủy, HĐND, UBND tính Đồng Tháp",
         "VPCP: BTCN, các PCN, các Trợ lý TTg, TGĐ Công các Vụ: KTTH, CN, KGVX, QHĐP", "Lưu: VT, NN 6)"],
        id="qd-1360-item-read-as-two-lines",
    ),
    pytest.param(
        # qd-1380-ttg-bang-to-quoc-ghi-cong-2025-scan (corpus/eval/dev): the item's second line indented
        [("Nơi nhận:", 92.4, (74, 563, 125, 574)),
         ("- Bộ Nội vụ;", 95.6, (74, 590, 129, 601)),
         ("- VPCP: BTCN, PCN Phạm Mạnh Cường,", 92.9, (74, 604, 266, 618)),
         ("TGÐ Công TTĐT;", 72.8, (113, 616, 205, 630)),
         ("- Lưu: Văn thư, TCCV (2b), LHN (6b).", 80.7, (74, 631, 275, 644)),
         ("KT. THỦ TƯỚNG", 93.8, (397, 562, 503, 574)),
         ("^¬PHÓ THỦ TƯỚNG", 60.9, (361, 576, 506, 589)),
         ("“Nguyễn Hòa Bình", 73.7, (366, 688, 503, 704))],
        602.16,
        [("KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Nguyễn Hòa Bình")],
        ["Bộ Nội vụ", "VPCP: BTCN, PCN Phạm Mạnh Cường, TGĐ Công TTĐT", "Lưu: Văn thư, TCCV (2b), LHN (6b)"],
        id="qd-1380-hanging-indent",
    ),
    pytest.param(
        # tb-ubnd-ha-noi-treo-co-2026-unsigned-image (corpus/eval/dev): the item's note on the line under it
        [("Nơi nhận:", 96.5, (90, 388, 142, 399)),
         ("- UBND các phường, xã;", 94.8, (91, 498, 210, 509)),
         ("- Cơ quan Báo&PT, TH Thành phố;", 94.7, (91, 509, 263, 528)),
         ("(đê đưa tin)", 96.2, (132, 526, 183, 535)),
         ("- VPUB: CVP, PCVP P.T.T.Huyền,", 81.5, (91, 536, 263, 550)),
         ("phòng: KƠVX, TH, HC-QT,", 82.0, (91, 552, 228, 563)),
         ("- Lưu: VT, KGVX", 92.1, (91, 580, 180, 590)),
         ("TL. CHỦ TỊCH", 95.9, (421, 386, 516, 401)),
         ("KT. CHÁNH VĂN PHÒNG", 94.2, (385, 402, 552, 415)),
         ("PHÓ CHÁNH VĂN PHÒNG", 89.2, (382, 421, 555, 431)),
         ("Võ Tuấn Anh", 96.8, (428, 515, 509, 528))],
        612.0,
        [("TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Võ Tuấn Anh")],
        ["UBND các phường, xã", "Cơ quan Báo&PT, TH Thành phố (đê đưa tin)", "VPUB: CVP, PCVP P.T.T.Huyền, phòng: KƠVX, TH, HC-QT",
         "Lưu: VT, KGVX"],
        id="treo-co-note-under-item",
    ),
    pytest.param(
        # bc-242-ubnd-huyen-krong-no-giai-quyet-kien-nghi-2019-scan (corpus/eval/dev) page 2: the seal's
        # rim read after the label (bc-93-thanh-tra-tinh-dak-nong: "Nơi nhận: Tú")
        [("Nơi nhận:Z | Ú4", 63.2, (0, 119, 65, 133)),
         ("- TT. HĐND tỉnh;", 90.6, (0, 135, 73, 143)),
         ("- Lưu: VT, BTCD.", 78.4, (0, 255, 76, 263)),
         ("KT. CHỦ TỊCH", 96.3, (280, 120, 370, 134)),
         ("PHÓ CHỦ TỊCH", 75.1, (276, 138, 373, 150)),
         ("Trần Đăng Ánh", 80.0, (279, 228, 371, 244))],
        524.16,
        [("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Đăng Ánh")],
        ["TT. HĐND tỉnh", "Lưu: VT, BTCD"],
        id="bc-242-rim-after-label",
    ),
    pytest.param(
        # qd-3588-bgddt-sgk-thong-nhat-2025-page1 (corpus/eval/dev): the label lost, no authority line over
        # the minister's block; the items at the bottom left closed by "- Lưu: VT, …"; the family name's g read z
        [("và Đào tạo, Thủ trưởng các đơn vị, tổ chức có liên quan chịu trách nhiệm thi", 92.5, (108, 565, 534, 580)),
         ("hành Quyết định này. Lễ", 88.7, (108, 579, 263, 599)),
         ("BỘ TRƯỞNG", 96.1, (392, 611, 473, 623)),
         ("- Thủ tướng Chính phủ (để b/c);", 94.6, (113, 621, 246, 632)),
         ("- Văn phòng Trung ương Đảng (để b/c):", 90.4, (113, 633, 278, 646)),
         ("- Ủy ban VHXH của Quốc hội;", 94.7, (113, 692, 241, 704)),
         ("- Như Điều 3 (để th);", 92.8, (113, 715, 203, 727)),
         ("- Lưu: VT, Vụ GDPT.", 90.2, (113, 730, 204, 739)),
         ("Nzuyên Kim Sơn", 64.2, (384, 705, 480, 717))],
        595.2,
        [(None, "BỘ TRƯỞNG", "Nguyễn Kim Sơn")],
        ["Thủ tướng Chính phủ (để b/c)", "Văn phòng Trung ương Đảng (để b/c)", "Ủy ban VHXH của Quốc hội",
         "Như Điều 3 (để t/h)", "Lưu: VT, Vụ GDPT"],
        id="qd-3588-list-without-label",
    ),
    pytest.param(
        # bc-248-sldtbxh-dak-nong-khieu-nai-thang-2-2019-scan (corpus/eval/dev) page 2: the label read "Nơi mạn:",
        # the seal over the family name's first letters
        [("Trên đây là báo cáo công tác giải quyết khiếu nại, tố cáo tháng 02 năm 2019", 96.4, (108, 122, 540, 138)),
         ("của Sở Lao h TB&XH tỉnh Đắk Nông./.", 82.9, (72, 137, 324, 175)),
         ("Nơi mạn:", 49.2, (72, 171, 127, 188)),
         ("- Thanh tra tỉ", 95.8, (72, 190, 134, 199)),
         ("- Lưu: VT, TT.", 85.4, (72, 204, 147, 214)),
         ("GIÁM ĐỐC", 92.4, (396, 175, 470, 188)),
         ("ynh Ngọc Anh", 89.5, (400, 269, 484, 282))],
        591.12,
        [(None, "GIÁM ĐỐC", "Huỳnh Ngọc Anh")],
        ["Thanh tra tỉ", "Lưu: VT, TT"],
        id="bc-248-label-two-letters-off",
    ),
]


def test_a_form_s_head_above_its_note_starts_the_annex():
    """bc-248-sldtbxh-dak-nong (corpus/eval/dev): the statistical forms the report attaches, each on a page of
    its own, their agency, number and title above "(Kèm theo Báo cáo số …)": no part of the signer block."""
    tail = [("của Sở Lao h TB&XH tỉnh Đắk Nông./.", 82.9, (72, 137, 324, 175)),
            ("Nơi mạn:", 49.2, (72, 171, 127, 188)),
            ("- Thanh tra tỉ", 95.8, (72, 190, 134, 199)),
            ("- Lưu: VT, TT.", 85.4, (72, 204, 147, 214)),
            ("GIÁM ĐỐC", 92.4, (396, 175, 470, 188)),
            ("ynh Ngọc Anh", 89.5, (400, 269, 484, 282))]
    form = [("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI ĐẮK NÔNG", 92.6, (93, 33, 416, 48)),
            ("TÓNG HỢP KÉT QUÁ TIẾP CÔNG DÂN", 85.1, (309, 65, 535, 79)),
            ("Biểu số 2a", 96.0, (767, 35, 820, 46)),
            ("(Kèm theo Báo cáo số:", 95.6, (135, 96, 246, 109)),
            ("⁄4Y /BC-LĐTBXH, ngày 1C tháng 02 năm 2019 của Sở Lao động - Thương binh và Xã hội)", 86.9, (255, 96, 707, 111)),
            ("Nội dung tiếp công dân (số vụ việc)", 96.8, (509, 133, 611, 141))]
    body = tuple(Line(t, 1, (72.0, 80.0 + 18 * i, 530.0, 94.0 + 18 * i), 13.0, confidence=95.0)
                 for i, t in enumerate(HEAD + BODY[:-2]))
    pages = [Page(1, body, "ocr", width=591.12, height=840.24)]
    for number, lines, (w, h) in ((2, tail, (591.12, 840.24)), (3, form, (839.04, 592.08))):
        pages.append(Page(number, tuple(Line(t, number, tuple(float(v) for v in box), 12.0, confidence=conf)
                                        for t, conf, box in lines), "ocr", width=w, height=h))
    report = segment(Document("scan.pdf", "0" * 64, "pdf", tuple(pages), "ocr"))
    assert [(s.authority, s.position, s.name) for s in report.signers] == [(None, "GIÁM ĐỐC", "Huỳnh Ngọc Anh")]
    assert list(report.distribution) == ["Thanh tra tỉ", "Lưu: VT, TT"]


@pytest.mark.parametrize("tail, width, signers, distribution", TAILS)
def test_scanned_tail(tail, width, signers, distribution):
    report = _report(tail, width)
    assert [(s.authority, s.position, s.name) for s in report.signers] == signers, tail
    assert list(report.distribution) == distribution, tail
    assert not report.footnotes


@pytest.mark.parametrize("text, label", [
    ("-_ Nơinhận:", True),      # cv-45-pa83 (corpus/real): bold italic, glued, read at 17
    ("Nơi nhận:", True),        # tb-493-ubnd-lam-dong (corpus/real)
    ("„ơi nhận:", True),        # a photo: the N lost
    ("Nơi gửi:", True),
    ("Người nhận: Ông Nguyễn Văn A", False),
    ("Nội dung cuộc họp", False),
    ("- Như trên;", False),
])
def test_the_tail_label_is_layout(text, label):
    assert is_layout_label(text) == label
    # read at confidence 17 (cv-45-pa83's label): kept, where any other line of that confidence is noise
    line = Line(text=text, page=1, bbox=(0.0, 0.0, 100.0, 12.0), font_size=12.0, confidence=17.0)
    assert _noise(line) == (not label)


def _signer_rows(lines):
    from pipeline.segment.lines import Row

    return [Row(t, 1, i, line=Line(t, 1, (360.0, 500.0 + 16 * i, 500.0, 512.0 + 16 * i), 13.0, confidence=c),
                column="right", x0=360.0, x1=500.0, top=500.0 + 16 * i, page_width=595.0)
            for i, (t, c) in enumerate(lines)]


# Signer blocks as OCR read them on real scans (text, confidence), top down; the signer printed.
OCR_BLOCKS = [
    pytest.param([("TM. THƯỜNG TRỰC HĐND", 94.2), ("KT,CHU", 52.0), ("TỊCH", 96.8), ("_ã PHÓ CHỦ TỊCH", 71.2),
                  ("` “ Nguyễn Thị Hoa", 77.8)],
                 ("TM. THƯỜNG TRỰC HĐND KT.CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thị Hoa"),
                 id="ttr-04-hdnd-dak-nong: the dot read as a comma, a speck glued to a mark"),
    pytest.param([("KT.CHỦ TỊCH", 94.6), ("2›H1€ TP", 23.0), ("TỊCH", 96.1), ("dân huyện K-rông Nô dân huyện K-rông Nô", 93.4),
                  ("Email:", 96.8), ("Nông ˆ_ Cỡ quan: Tỉnh Đắk Cau.", 22.8), ("Trần Đăng Anh", 86.5)],
                 ("KT.CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Đăng Anh"),
                 id="cv-808-ubnd-huyen-krong-no: the position's first words under the seal"),
    pytest.param([("KT. THỦ TƯỚNG", 93.8), ("^¬PHÓ THỦ TƯỚNG", 60.9), ("“Nguyễn Hòa Bình", 73.7)],
                 ("KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Nguyễn Hòa Bình"),
                 id="qd-1380-ttg: the name read again under the seal (read/tail.py)"),
    pytest.param([("KT. THỦ TƯỚNG", 93.8), ("^¬PHÓ THỦ TƯỚNG", 60.9), ("Ñguyễn Hòa Bình", 93.9)],
                 ("KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Nguyễn Hòa Bình"),
                 id="qd-1380-ttg: the seal's edge over the N, read surely"),
]


@pytest.mark.parametrize("lines, signer", OCR_BLOCKS)
def test_ocr_signer_block_of_a_scan(lines, signer):
    from pipeline.segment.signers import parse_signers

    assert [(s.authority, s.position, s.name) for s in parse_signers(_signer_rows(lines))] == [signer], lines


def test_a_name_glued_after_an_e_signature_stamp():
    """cv-651-sldtbxh-dak-nong (corpus/eval/dev): the signing system's stamp printed over the block,
    its text read into the name's line."""
    from pipeline.segment.signers import parse_signers

    lines = [("TL. GLÁM ĐÓC", 78.8), ("CHÁNH VĂN PHÒNG", 89.8), ("và Xã hội hội", 96.8), ("Email:", 95.2),
             ("ov.vn ov.vHoàng Viết Nam", 64.7), ("Cơ quan: Tỉnh Đắk", 93.1), ("+07:00", 92.7)]
    assert [(s.position, s.name) for s in parse_signers(_signer_rows(lines))] == [("CHÁNH VĂN PHÒNG", "Hoàng Viết Nam")]


@pytest.mark.parametrize("lines, signers", [
    # qd-222-ttg (corpus/eval/dev): "KT. T" under the black seal, the name unread: marks, no signer
    ([("HỦ TƯỚNG", 92.5), ("_PH)ỀNỦ TƯỚNG", 63.5)], []),
    # kh-317-ubnd-dak-nong and gm-01-btcd-huyen-dak-rlap (corpus/eval/dev): the name unread, the titles kept
    ([("TM. ỦY BAN NHÂN DÂN", 93.0), ("_— CHỦ TỊCH", 56.4)], [("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", None)]),
    ([("KT. TRƯỞNG BAN", 96.0), ("xzZễ7TTRQ TRƯỞNG BAN", 69.5)], [("KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", None)]),
    # cv-45-pa83 (corpus/real): a deputy's title of no authority
    ([("PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH", 94.2)], [(None, "PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH", None)]),
])
def test_a_nameless_scanned_block_is_kept_when_its_titles_read_as_titles(lines, signers):
    from pipeline.segment.signers import parse_signers

    assert [(s.authority, s.position, s.name) for s in parse_signers(_signer_rows(lines))] == signers, lines


@pytest.mark.parametrize("item, cleaned", [
    ("- Lưu: VT, CN. Pver", "Lưu: VT, CN"),                      # cv-3722-vpcp (dev): the signature's tail
    ("- Lưu: VT, KSTTHC (L-40b). 4", "Lưu: VT, KSTTHC (L-40b)"),  # cv-ubnd-phu-tho (dev): a speck
    ("- Như trên; |.", "Như trên"),                               # cv-45-pa83 (real): the seal's edge
    ("- Lưu VT (Đ1, Đ4). NMĐ", "Lưu VT (Đ1, Đ4). NMĐ"),           # cv-855-cat-pa05 (real): the drafter's initials
    ("- Lưu: VT, NC (lnphong55)", "Lưu: VT, NC (lnphong55)"),     # qd-04-bcd138 (real): the drafter, in brackets
    ("- Lưu: VT, Văn thư, Phòng Tổng hợp.", "Lưu: VT, Văn thư, Phòng Tổng hợp"),
    ("- Lưu: VT, NN (2b)xxr.. 4ÓÔ", "Lưu: VT, NN (2b)"),  # qd-222-ttg (dev): the drafter's initials "NXT. 100"
    ("- Lưu: VT, ĐTpc", "Lưu: VT, ĐT"),                    # qd-ubnd-ha-noi-thoat-nuoc (dev): "ĐT" + small "DG"
    ("- Lưu: VT, TTg.", "Lưu: VT, TTg"),                   # a code with one lower-case letter stays
    ("- Lưu: Văn thư, TCCV (2b), LHN (6b).", "Lưu: Văn thư, TCCV (2b), LHN (6b)"),  # qd-1380-ttg (dev)
    ("- VPCP: BTCN, TGĐÐ Cổng TTĐT;", "VPCP: BTCN, TGĐ Cổng TTĐT"),  # qd-222-ttg, cv-3722-vpcp (dev): Đ read twice
])
def test_scribbles_after_an_ocr_item(item, cleaned):
    from pipeline.segment.distribution import split_tail
    from pipeline.segment.lines import Row

    rows = [Row(t, 1, i, line=Line(t, 1, (80.0, 600.0 + 12 * i, 250.0, 611.0 + 12 * i), 11.0, confidence=80.0),
                column="left", x0=80.0, x1=250.0, top=600.0 + 12 * i, page_width=595.0)
            for i, t in enumerate(["Nơi nhận:", item])]
    assert split_tail(rows)[0] == [cleaned]


@pytest.mark.parametrize("line, corrected", [
    ("TL. GLÁM ĐỐC", "TL. GIÁM ĐỐC"),  # cv-651-sldtbxh-dak-nong (corpus/eval/dev)
    ("KT. GIAM DQ(C", "KT. GIÁM ĐỐC"),  # cv-stp-tp-hcm (corpus/eval/dev): the seal over ĐỐC
    ("PHÓ GIÁM DQ(C", "PHÓ GIÁM ĐỐC"),
    ("CHÁNH THANH T", "CHÁNH THANH TRA"),  # tb-269-thanh-tra-tinh-dak-nong (corpus/eval/dev): "RA" under the signature
    ("HỦ TƯỚNG", "HỦ TƯỚNG"),  # qd-222-ttg (corpus/eval/dev): the first letter lost with the KT. line: left so
    ("GIÁM ĐỐC SỞ", "GIÁM ĐỐC SỞ"),  # a title of its own, two letters off any position
    ("TM. ỦY BAN NHÂN DÂN", "TM. ỦY BAN NHÂN DÂN"),
    ("THỨ TRƯỞNG", "THỨ TRƯỞNG"),
    ("KT. THỦ TƯỚN G", "KT. THỦ TƯỚNG"),  # nq-168-cp (corpus/eval/dev): the seal's ring read as a space
    ("THƯ TRƯỞNG", "THƯ TRƯỞNG"),  # the same letters as THỨ TRƯỞNG once folded: only spaces are set right
])
def test_an_ocr_title_line_is_set_right_against_the_positions(line, corrected):
    from pipeline.segment.signers import correct_title

    assert correct_title(line) == corrected


def test_a_scanned_block_with_a_slip_in_its_title():
    """cv-stp-tp-hcm-ho-tro-phap-ly-dn-2021-scan (corpus/eval/dev), as OCR read its signer column."""
    from pipeline.segment.signers import parse_signers

    lines = [("KT. GIAM DQ(C", 77.7), ("lộ", 96.4), ("Nguyễn Thị Hồng Hạnh", 94.5)]
    assert [(s.authority, s.position, s.name) for s in parse_signers(_signer_rows(lines))] == [
        ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Thị Hồng Hạnh")]


@pytest.mark.parametrize("item, cleaned", [
    # cv-3722-vpcp-cn-metro-dong-nai (corpus/eval/dev): the c of "b/c" read as e
    ("- Thủ tướng, PTTgTT Phạm Gia Túc (để b/e);", "Thủ tướng, PTTgTT Phạm Gia Túc (để b/c)"),
    # bc-228-ubnd-huyen-dak-rlap (corpus/eval/dev): the t of "thay" lost against the bracket, twice
    ("- Ông Bùi Quang Toát, (hay frả lời)", "Ông Bùi Quang Toát, (thay trả lời)"),
    ("- Ông Trần Chung Chính, (hay trả lời)", "Ông Trần Chung Chính, (thay trả lời)"),
    ("- Công Thông tin điện tử huyện, (công khai)", "Công Thông tin điện tử huyện, (công khai)"),  # a listed note
    ("- HĐND-UBND huyện (b/e);", "HĐND-UBND huyện (b/e)"),  # too short to be set right: "(b/c)" or "(t/h)"?
    ("- Thanh tra huyện; (dõi)", "Thanh tra huyện; (dõi)"),  # cv-874 (dev): "(t/dõi)" or "(theo dõi)"? left as read
    ("- Lưu: VT, KSTTHC (L-40b).", "Lưu: VT, KSTTHC (L-40b)"),  # a code in brackets is no note
])
def test_an_ocr_note_after_an_item_is_set_right_against_the_notes(item, cleaned):
    from pipeline.segment.distribution import split_tail
    from pipeline.segment.lines import Row

    rows = [Row(t, 1, i, line=Line(t, 1, (80.0, 600.0 + 12 * i, 250.0, 611.0 + 12 * i), 11.0, confidence=80.0),
                column="left", x0=80.0, x1=250.0, top=600.0 + 12 * i, page_width=595.0)
            for i, t in enumerate(["Nơi nhận:", item])]
    assert split_tail(rows)[0] == [cleaned]


def test_a_note_of_a_text_layer_is_left_as_printed():
    """Only an OCR'd tail is set right: a text layer's note is what the document prints."""
    from pipeline.segment.distribution import split_tail
    from pipeline.segment.lines import Row

    rows = [Row(t, 1, i) for i, t in enumerate(["Nơi nhận:", "- Thủ tướng, PTTgTT Phạm Gia Túc (để b/e);"])]
    assert split_tail(rows)[0] == ["Thủ tướng, PTTgTT Phạm Gia Túc (để b/e)"]


def _title(text, top, x0=330.0, x1=480.0):
    return Line(text, 2, (x0, top, x1, top + 12.0), 11.0, confidence=80.0)


@pytest.mark.parametrize("authority, below, corrected", [
    # bc-179-ubnd-huyen-dak-rlap (corpus/eval/dev) page 2: "KT." written by hand over the printed
    # "CHỦ TỊCH", the deputy's "PHÓ CHỦ TỊCH" printed under it: KT. is the only reading
    ("C1. CHỦ TỊCH", "PHO CHU 11CH", "KT. CHỦ TỊCH"),
    # bc-68 and bc-74-ubnd-huyen-dak-rlap (dev): the K read, one slip off KT. and off no other authority word
    ("kĩ. CHỦ TỊCH", None, "KT. CHỦ TỊCH"),
    ("k†?. CHỦ TỊCH", "ESMÓ CHỦ TỊC", "KT. CHỦ TỊCH"),
    # bc-111 and bc-220-ubnd-huyen-dak-rlap (dev): nothing to tell KT. from TL. or TUQ.: left as read
    ("Ũ. CHỦ King", None, "Ũ. CHỦ King"),
    ("/jeT. CHỦ TỊCH", "2v", "/jeT. CHỦ TỊCH"),
    ("C7. CHỦ TỊCH", None, "C7. CHỦ TỊCH"),
    ("Tỉ. GIÁM ĐỐC", None, "Tỉ. GIÁM ĐỐC"),  # TL. or TM., one slip each
    ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"),  # read right
    ("3. CÔNG TÁC TIẾP CÔNG DÂN", None, "3. CÔNG TÁC TIẾP CÔNG DÂN"),  # a heading, no position
])
def test_a_misread_authority_word_is_set_right_only_when_one_reading_fits(authority, below, corrected):
    from pipeline.read.lexicon import correct_authorities

    lines = [_title(authority, 600.0)] + ([_title(below, 614.0)] if below else [])
    line = correct_authorities(lines)[0]
    assert line.text == corrected
    assert line.original == (authority if corrected != authority else None)


def test_a_text_layer_authority_line_is_left_as_printed():
    from pipeline.read.lexicon import correct_authorities

    line = Line("C1. CHỦ TỊCH", 2, (330.0, 600.0, 480.0, 612.0), 11.0)
    below = Line("PHÓ CHỦ TỊCH", 2, (330.0, 614.0, 480.0, 626.0), 11.0)
    assert correct_authorities([line, below])[0].text == "C1. CHỦ TỊCH"


def test_a_repaired_authority_line_gives_the_deputys_block():
    """bc-68-ubnd-huyen-dak-rlap (corpus/eval/dev): "kĩ. CHỦ TỊCH" alone (the red position and the
    script name not read) is the block of a Phó Chủ tịch signing KT., its name unknown."""
    from pipeline.read.lexicon import correct_authorities
    from pipeline.segment.signers import parse_signers

    lines = correct_authorities([_title("kĩ. CHỦ TỊCH", 600.0)])
    signers = parse_signers(_signer_rows([(lines[0].text, 80.0)]))
    assert [(s.authority, s.position, s.name) for s in signers] == [("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", None)]
