"""The tail of a scanned page read again where the page's Tesseract pass left a printed line out
(pipeline/read/tail.py): where the bands are, from the line boxes of real pages, and what the
re-reading gives on real scans."""
import pytest

from pipeline.model import Line
from pipeline.read import ocr, tesseract
from pipeline.read.tail import bands, tail_columns
from tests.conftest import CORPUS


def _lines(spec):
    return [Line(t, 1, tuple(float(v) for v in box), 12.0, confidence=c) for t, c, box in spec]


# tb-493-ubnd-lam-dong-2025-scan (corpus/real) page 3 as the page's pass read it: the row of
# "- Chủ tịch, các PCT. UBND tỉnh;" and "KT. CHÁNH VĂN PHÒNG" (y 377-397) left out
TB_493 = [
    ("viên, Phó Chủ tịch UBND tỉnh đến các cơ quan, đơn vị có liên quan biết, thực hiện./.", 95.9, (72, 338, 529, 354)),
    ("Nơi nhận:", 94.4, (84, 364, 135, 375)),
    ("- Các sở, ban, ngành thuộc tỉnh;", 96.2, (84, 390, 224, 400)),
    ("- Lãnh đạo VP UBND tỉnh;", 94.1, (84, 402, 205, 412)),
    ("- Lưu: VT, KTTH, NC, HCC.", 91.8, (84, 480, 215, 490)),
    ("TL. CHỦ TỊCH", 96.3, (380, 362, 476, 378)),
    ("PHÓ CHÁNH VĂN PHÒNG", 94.0, (341, 397, 515, 408)),
    ("Thạch Cảnh Minh Vũ", 96.0, (362, 503, 493, 516)),
]

# qd-729-ttg-phe-chuan-ct-ubnd-da-nang-2026-scan (corpus/eval/dev): nothing read in the signer column
QD_729 = [
    ("Đà Nẵng và ông Nguyễn Mạnh Hùng chịu trách nhiệm thi hành Quyết định này./.", 92.6, (92, 588, 531, 604)),
    ("Nơi nhận:", 96.6, (96, 649, 148, 666)),
    ("- Như Điều 3;", 95.8, (96, 661, 158, 673)),
    ("- VPCP: BTCN, các PCN, Trợ lý TTg,", 92.3, (96, 714, 269, 725)),
    ("- Lưu: VT, QHĐP ae", 73.2, (97, 740, 216, 750)),
]


def test_the_tail_starts_at_the_label_and_splits_in_columns():
    left, right = tail_columns(_lines(TB_493), 595.2)
    assert [x.text for x in left][0] == "Nơi nhận:" and "thực hiện./." not in " ".join(x.text for x in left)
    assert [x.text for x in right] == ["TL. CHỦ TỊCH", "PHÓ CHÁNH VĂN PHÒNG", "Thạch Cảnh Minh Vũ"]


def test_bands_where_a_line_may_be_missing():
    found = bands(tail_columns(_lines(TB_493), 595.2), 595.2, 842.0)
    # the left column's gap under the label, the right one's under "TL. CHỦ TỊCH"; not the signature's
    # space over the name, nor under the name
    assert any(b[1] <= 376 and b[3] >= 389 and b[0] < 100 for b in found)
    assert any(b[1] <= 379 and b[3] >= 396 and b[0] > 297 for b in found)
    assert not any(b[3] > 420 and b[0] > 297 for b in found)
    # the name unread (qd-1380-ttg, corpus/eval/dev): the band under the titles, to a few lines under the tail
    unread = [line for line in _lines(TB_493) if line.text != "Thạch Cảnh Minh Vũ"]
    assert any(b[1] <= 409 and b[3] >= 516 and b[0] > 297 for b in bands(tail_columns(unread, 595.2), 595.2, 842.0))
    # the signer column read as nothing: its whole place beside the list, right of the list's items
    (band,) = [b for b in bands(tail_columns(_lines(QD_729), 601.44), 601.44, 842.0) if b[0] > 200]
    assert band[0] > 269 and band[1] < 649 and band[3] > 750


def test_a_page_without_a_tail_has_no_band():
    body = [line for line in _lines(TB_493) if line.text.startswith(("viên", "- "))]
    assert tail_columns(body, 595.2) == []


needs_tesseract = pytest.mark.skipif(not tesseract.probe().installed or "vie" not in tesseract.probe().languages,
                                     reason="tesseract with Vietnamese data not installed")


@needs_tesseract
@pytest.mark.parametrize("name, page, printed", [
    ("real/tb-493-ubnd-lam-dong-2025-scan.pdf", 3, ["- Chủ tịch, các PCT. UBND tỉnh;", "KT. CHÁNH VĂN PHÒNG"]),
    ("eval/dev/qd-729-ttg-phe-chuan-ct-ubnd-da-nang-2026-scan.pdf", 1, ["Lê Minh Hưng"]),
])
def test_the_lines_a_pass_left_out_are_read_again(name, page, printed):
    result = ocr.ocr_page(ocr.OcrTask(kind="pdf", path=str(CORPUS / name), index=page - 1, number=page))
    texts = [line.text for line in result.lines]
    for text in printed:
        assert any(text in t for t in texts), (text, texts[-12:])


# The scan's tail opens at an authority line as segment.cues.authority_prefix reads one: QUYỀN and Q. (an
# acting head) only before a position, so a law's chapter title in upper case does not start the tail. Lines
# as printed in corpus/eval/dev (luat-58-2014, nd-166-2016, luat-41-2024 web prints; tb-493 of corpus/real).
@pytest.mark.parametrize("text, starts", [
    ("QUYỀN, TRÁCH NHIỆM CỦA NGƯỜI LAO ĐỘNG, NGƯỜI SỬ DỤNG LAO ĐỘNG,", False),
    ("QUYỀN VÀ NGHĨA VỤ CỦA CƠ QUAN, TỔ CHỨC, CÁ NHÂN KHI THAM GIA GIAO", False),
    ("QUYỀN VÀ TRÁCH NHIỆM CỦA CƠ QUAN, TỔ CHỨC, CÁ NHÂN VỀ BẢO HIỂM XÃ HỘI", False),
    ("QUYỀN GIÁM ĐỐC", True),
    ("Q. CHÁNH VĂN PHÒNG", True),
    ("Q.GIÁM ĐỐC SỞ", True),
    ("TL. CHỦ TỊCH", True),
    ("KT. CHÁNH VĂN PHÒNG", True),
    ("Nơi nhận:", True),
    ("PHÓ CHÁNH VĂN PHÒNG", False),
])
def test_the_tail_starts_at_an_authority_line(text, starts):
    from pipeline.read.tail import _starts_tail

    assert _starts_tail(Line(text, 1, (340.0, 360.0, 520.0, 376.0), 12.0, confidence=95.0)) is starts


# lines read again in the signer column on the page before the colour pass (a name printed in red), as
# Tesseract gave them on dev scans: only a whole line that reads as a personal name is taken
@pytest.mark.parametrize("text, name", [
    ("Lê Văn Thị", True),  # bc-144-ubnd-huyen-dak-rlap (dev), page 2: the red name under "CHỦ TỊCH"
    ("Nguyễn Bốn", True),  # kh-317-ubnd-dak-nong (dev): the name as printed (typed from the page, not an OCR read)
    ("6=-PHÓỀWỦ TỊCH.", False),  # cv-874-ubnd-huyen-dak-rlap (dev): the red title through the seal
    ("TÍ® Mi J (", False),  # cv-874-ubnd-huyen-dak-rlap: the seal's rim
    ("n Bồn", False),  # kh-317-ubnd-dak-nong: the seal over "Nguyễ"
    ("Ngöyễn Bồn", False),  # kh-317-ubnd-dak-nong, the page before the pass: the seal's edge over the "u"
    ("XS. PhamếMạnh Cường", False),  # cv-3722-vpcp (dev): the seal over "Phạm"
    ("Lê Văn Thị R", False),  # a speck of the seal after the name (bc-144-ubnd-huyen-dak-rlap, psm 6: "R Thị")
    ("CHỦ TỊCH", False),
    ("Thanh tra huyện;", False),
])
def test_a_name_read_in_red_is_a_whole_personal_name(text, name):
    from pipeline.read.tail import _name_line

    assert _name_line(Line(text, 1, (300.0, 700.0, 400.0, 712.0), 12.0, confidence=95.0)) is name


@needs_tesseract
def test_a_name_printed_in_red_is_read_on_the_page_before_the_colour_pass():
    # bc-144-ubnd-huyen-dak-rlap-tiep-cong-dan-thang-5-2019-scan (dev), page 2: "Lê Văn Thị" printed in red
    # under the seal; the colour pass that whitens the seal erases it with it
    name = "eval/dev/bc-144-ubnd-huyen-dak-rlap-tiep-cong-dan-thang-5-2019-scan.pdf"
    result = ocr.ocr_page(ocr.OcrTask(kind="pdf", path=str(CORPUS / name), index=1, number=2))
    texts = [line.text for line in result.lines]
    assert "Lê Văn Thị" in " ".join(texts)
    # and "CHỦ TỊCH" over it, a stroke of the signature across it: the band read whole gives the seal's
    # scribbles, its rows of print read one by one give the title (tail._title_by_rows)
    assert "CHỦ TỊCH" in texts, texts[-6:]
    title = result.lines[texts.index("CHỦ TỊCH")]
    assert title.bbox[0] > 300 and title.bbox[1] > 650  # the signer column, over the name


# A title line of the signer block read through the seal or beside the signature, read again alone on
# real dev scans (corpus/eval/dev): the page's last page, the position that must come back as its own line
@needs_tesseract
@pytest.mark.parametrize("name, page, title", [
    ("eval/dev/qd-729-ttg-phe-chuan-ct-ubnd-da-nang-2026-scan.pdf", 1, "THỦ TƯỚNG"),  # the seal's rim over the T
    ("eval/dev/bc-2154-syt-kien-giang-10-thang-2017-scan.pdf", 9, "GIÁM ĐỐC"),  # the signature beside it
])
def test_a_title_under_the_seal_is_read_again_alone(name, page, title):
    result = ocr.ocr_page(ocr.OcrTask(kind="pdf", path=str(CORPUS / name), index=page - 1, number=page))
    assert title in [line.text for line in result.lines], [line.text for line in result.lines][-8:]


# the runs of a row read through the seal (psm 6, as Tesseract gave them on dev scans) that may be a title,
# and what the run is as a position: a slip per four letters to be tried again, per six to be taken
@pytest.mark.parametrize("row, run, title", [
    (["—GIÁM", "ĐÓC", "JMz="], ["—GIÁM", "ĐÓC"], "GIÁM ĐỐC"),  # bc-2154-syt-kien-giang, the signature's stroke
    (["SHỦ", "TƯỚNG"], ["SHỦ", "TƯỚNG"], "THỦ TƯỚNG"),  # qd-729-ttg, the seal's rim read as an S
    (["“1,", "GAM", "ĐỌC", "—"], ["“1,", "GAM", "ĐỌC", "—"], "GIÁM ĐỐC"),  # bc-2268-syt-kien-giang: marks count no slip
    (["co", "XÃ”", "ung"], [], None),  # bc-144-ubnd-huyen-dak-rlap: the seal
    (["Nệm", "GÀ?"], [], None),  # bc-2268-syt-kien-giang: the signature
])
def test_the_run_of_a_row_that_may_be_a_title(row, run, title):
    from pipeline.read.lexicon import closest_position
    from pipeline.read.tail import _title_of, _title_run

    words = [tesseract.Word(t, 100 * i, 0, 90, 30, 40.0, 1, 1, 1) for i, t in enumerate(row)]
    found = _title_run(words)
    assert [w.text for w in found] == run
    assert closest_position(_title_of(" ".join(run)), 6, False) == title


# A signer's name whose family name the seal's rim went over, read again alone (real dev scans): the name
# that must come back as the page's line
@needs_tesseract
@pytest.mark.parametrize("name, page, signer", [
    ("eval/dev/nd-199-2026-nd-cp-ho-tro-phuc-vu-scan.pdf", 3, "Nguyễn Văn Thắng"),  # psm 6 read "“uyễn Văn Thắng"
])
def test_a_name_under_the_seals_rim_is_read_again_alone(name, page, signer):
    result = ocr.ocr_page(ocr.OcrTask(kind="pdf", path=str(CORPUS / name), index=page - 1, number=page))
    assert signer in [line.text for line in result.lines], [line.text for line in result.lines][-8:]


# rows of the signer column read through the seal (psm 6, as Tesseract gave them on dev scans): the family name
# and the given names at the row's end that _name_again reads again (words at confidence 97 but where noted)
@pytest.mark.parametrize("row, family, given", [
    (["`", "“uyễn", "Văn", "Thắng"], "“uyễn", ["Văn", "Thắng"]),  # nd-199-2026-nd-cp
    (["ZZ", "Ngö$ễn", "Bồn", "+3"], None, []),  # kh-317-ubnd-dak-nong: a speck after the name
    (["X.PhanếMạnh", "Cường"], "X.PhanếMạnh", ["Cường"]),  # cv-3722-vpcp: the seal glued to "Phạm Mạnh"
    (["CHỦ", "TỊCH", "8)"], None, []),  # bc-228-ubnd-huyen-dak-rlap: a title, then a mark
    (["Thắng"], None, ["Thắng"]),
])
def test_the_given_names_at_the_end_of_a_row_read_through_the_seal(row, family, given):
    from pipeline.read.tail import _given_names

    words = [tesseract.Word(t, 100 * i, 0, 90, 30, 97.0, 1, 1, 1) for i, t in enumerate(row)]
    first, names = _given_names(words)
    assert (first.text if first else None, [w.text for w in names]) == (family, given)



# The deputy's position stamped in red under the head's printed title (a "KT." written by hand over it),
# which the colour pass whitens with the seal: read again on the page's red ink alone. Real dev scans
# (corpus/eval/dev), their last page: the signer the document is scored on.
@needs_tesseract
@pytest.mark.parametrize("name, page, signer", [
    # "GIÁM ĐỐC" printed, "PHÓ GIÁM ĐỐC" stamped in red under it, the name in red seven lines lower
    ("eval/dev/gm-10-syt-kien-giang-2018-scan.pdf", 1, ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hà Văn Phúc")),
    # the stamp pressed half over the printed title: read level with it, it must still come under it
    ("eval/dev/bc-2268-syt-kien-giang-thang-12-2017-scan.pdf", 5, ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hà Văn Phúc")),
])
def test_a_deputys_position_stamped_in_red_is_read_on_the_red_ink(name, page, signer):
    from pipeline import process
    from pipeline.contract import to_contract

    signers = to_contract(process(CORPUS / name, ocr_workers=1))["signers"]
    assert [(s["authority"], s["position"], s["name"]) for s in signers] == [signer]


@needs_tesseract
def test_the_red_ink_variant_holds_the_seal_and_the_stamp_not_the_print():
    # gm-10-syt-kien-giang (dev): the page's red ink is the seal, the stamped "PHÓ GIÁM ĐỐC", the name and
    # the "HỎA TỐC" stamp; of the black print of the body (its middle third) almost nothing is in it
    import numpy as np

    variants: dict = {}
    ocr.render_pdf_page(str(CORPUS / "eval/dev/gm-10-syt-kien-giang-2018-scan.pdf"), 0, variants=variants)
    red, grey = np.asarray(variants["red"]), np.asarray(variants["unwhitened"])
    assert red.shape == grey.shape
    height = red.shape[0]
    body = slice(height // 3, 2 * height // 3)
    signer = slice(int(height * 0.74), int(height * 0.9))
    assert (red[body] < 160).mean() < 0.1 * (grey[body] < 160).mean()
    assert (red[signer] < 160).mean() > 0.5 * (grey[signer] < 160).mean()


# title lines of the signer column as the page's pass read them on dev scans (corpus/eval/dev): the head's
# position they read, and where it stands along the line (shares of its characters)
@pytest.mark.parametrize("text, head", [
    ("“1. GIÁM ĐÓC", "GIÁM ĐỐC"),  # gm-10-syt-kien-giang: the handwritten KT. read as marks
    ("“T1, GIÁM ĐÓC Ỉ c—”", "GIÁM ĐỐC"),  # bc-2268-syt-kien-giang: and the signature's stroke after it
    ("=%*?1--_CHU TỊCH", "CHỦ TỊCH"),  # cv-874-ubnd-huyen-dak-rlap
    ("KT. CHÁNH VĂN PHÒNG", "CHÁNH VĂN PHÒNG"),
    ("PHÓ GIÁM ĐỐC", None),  # a deputy's own title: nobody signs for him
    ("THỨ TRƯỞNG", None),
    ("Nơi nhận:", None),
])
def test_the_heads_title_a_signer_line_reads(text, head):
    from pipeline.read.tail import _head_title

    found = _head_title(text)
    assert (found[0] if found else None) == head
    if found:
        start, end = found[1:]
        assert 0 <= start < end <= 1 and text[round(start * len(text))].isalpha()
