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
]


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
])
def test_scribbles_after_an_ocr_item(item, cleaned):
    from pipeline.segment.distribution import split_tail
    from pipeline.segment.lines import Row

    rows = [Row(t, 1, i, line=Line(t, 1, (80.0, 600.0 + 12 * i, 250.0, 611.0 + 12 * i), 11.0, confidence=80.0),
                column="left", x0=80.0, x1=250.0, top=600.0 + 12 * i, page_width=595.0)
            for i, t in enumerate(["Nơi nhận:", item])]
    assert split_tail(rows)[0] == [cleaned]
