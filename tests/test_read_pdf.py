"""Digital PDFs: reading order, columns, superscript markers, stamps, page numbers, fonts, and the
per-page choice of text source. Real files from corpus/real plus small PDFs made with reportlab."""
from __future__ import annotations

import pytest

from pipeline.read import read
from pipeline.read.encodings import unicode_to_tcvn3
from tests.conftest import CORPUS
from tests.read_fixtures import font_path, report_pdf, simple_pdf, unicode_font

REAL = CORPUS / "real"
DIGITAL = ["tb-11-ubnd-quang-ngai-2025.pdf", "cv-507-ubnd-kgvx-quang-ngai-2025.pdf",
           "cd-2003-vpcp-2025.pdf", "cv-1668-stp-lam-dong-2025.pdf"]

needs_font = pytest.mark.skipif(unicode_font() is None, reason="DejaVu Sans not installed (fonts-dejavu-core)")


@pytest.fixture(scope="module")
def digital():
    # page 2 of cv-1668 is a scanned signature page: only its page 1 is text, keep OCR out of this module
    return {name: read(REAL / name, pages=[1] if name.startswith("cv-1668") else None) for name in DIGITAL}


# (file, the first lines of the left header column, the first lines of the right one)
HEADERS = [
    ("tb-11-ubnd-quang-ngai-2025.pdf", ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Số: 11 /TB-UBND"],
     ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Quảng Ngãi, ngày 08 tháng 01 năm 2025"]),
    ("cv-507-ubnd-kgvx-quang-ngai-2025.pdf", ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Số: 507 /UBND-KGVX"],
     ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]),
    ("cd-2003-vpcp-2025.pdf", ["VĂN PHÒNG CHÍNH PHỦ"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]),
    ("cv-1668-stp-lam-dong-2025.pdf", ["UBND TỈNH LÂM ĐỒNG", "SỞ TƯ PHÁP", "Số: 1668 /STP-BTTP"],
     ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc", "Lâm Đồng, ngày 27 tháng 11 năm 2025"]),
]


@pytest.mark.parametrize("name,left,right", HEADERS)
def test_header_columns_are_not_interleaved(digital, name, left, right):
    doc = digital[name]
    texts = [l.text for l in doc.pages[0].lines]
    for want in left + right:
        assert want in texts, (name, want, texts[:12])  # a whole line: no word of the other column in it
    # each column comes out whole: the left block before the right block
    assert texts.index(left[-1]) < texts.index(right[0]), texts[:12]
    by_text = {l.text: l for l in doc.pages[0].lines}
    assert max(by_text[t].bbox[2] for t in left) < min(by_text[t].bbox[0] for t in right) + 60


@pytest.mark.parametrize("name", DIGITAL)
def test_digital_pages_use_the_text_layer(digital, name):
    doc = digital[name]
    assert doc.text_source == "text-layer"
    assert all(line.confidence is None for line in doc.lines)
    assert all(line.font_size and line.bbox for line in doc.lines)
    assert any(line.bold for line in doc.lines) and any(line.bold is False for line in doc.lines)


@pytest.mark.parametrize("name", ["tb-11-ubnd-quang-ngai-2025.pdf", "cv-507-ubnd-kgvx-quang-ngai-2025.pdf"])
def test_esignature_stamp_is_not_text(digital, name):
    doc = digital[name]
    text = doc.text.lower()
    for stamp in ("ttcbth@", "trung tâm công", "+07:00", "tin học"):
        assert stamp not in text, stamp
    assert any("stamp" in w for w in doc.warnings)


@pytest.mark.parametrize("name, wording, kept", [
    # an e-signature's appearance of eleven short lines beside "Nơi nhận": its pattern lines and the
    # wording between them ("nhân dân xã", the address, the agency's place, the time) all left out
    ("tb-02-ubnd-xa-quang-phu-krong-no-lich-tiep-cong-dan-2019.pdf",
     ["nhân dân xã", "knong.gov.vn", "K-rông Nô, Tỉnh", "16:22:12 +07:00"], ["Vũ Hoàng Phú", "- UBND huyện;"]),
    # the VGCA stamp over the permit's signer block (the signer's name on the stamp's rows is kept)
    ("gp-60-btnmt-thuy-dien-thien-tan-quang-ngai-2020.pdf", ["nguyên và Môi", "15:36:01 +07:00"], ["Lê Công Thành"]),
])
def test_the_whole_esignature_stamp_is_left_out(name, wording, kept):
    doc = read(CORPUS / "eval" / "dev" / name)
    texts = [line.text for line in doc.lines]
    for text in wording:
        assert text not in texts, text
    for text in kept:
        assert text in texts, (text, texts[-20:])


def test_stamped_number_and_day_are_read(digital):
    # the signing system stamps the number and the day into the blanks the drafter left
    texts = [l.text for l in digital["cv-507-ubnd-kgvx-quang-ngai-2025.pdf"].lines]
    assert "Số: 507 /UBND-KGVX" in texts
    assert any(t.startswith("Quảng Ngãi, ngày 24") for t in texts)
    assert "Hà Nội, ngày 07 tháng 10 năm 2025" in [l.text for l in digital["cd-2003-vpcp-2025.pdf"].lines]


def test_footnote_markers_in_cv_1668(digital):
    lines = digital["cv-1668-stp-lam-dong-2025.pdf"].lines
    marked = [l for l in lines if l.markers]
    assert [m.marker for l in marked for m in l.markers] == ["1", "1"]
    anchor, note = marked
    assert anchor.text.startswith("chứng viên tỉnh Lâm Đồng")  # "...Lâm Đồng¹." in the body
    assert not any(ch.isdigit() for ch in anchor.text)  # the marker is not glued to the text
    assert note.markers[0].offset == 0 and note.font_size < anchor.font_size
    assert note.text.startswith("Đoàn Luật sư tỉnh Lâm Đồng, Bình Thuận, Đắk Nông (cũ)")


def test_signer_block_and_distribution_are_separate_columns(digital):
    texts = [l.text for l in digital["tb-11-ubnd-quang-ngai-2025.pdf"].lines]
    for want in ["Nơi nhận:", "- CT, PCT UBND tỉnh;", "TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG",
                 "- Lưu: VT, KTTHh5.", "Nguyễn Phước Bình"]:
        assert want in texts, want
    # the whole "Nơi nhận" list comes before the signer block
    assert texts.index("- Lưu: VT, KTTHh5.") < texts.index("TL. CHỦ TỊCH")


def test_page_number_dropped(digital):
    page2 = digital["tb-11-ubnd-quang-ngai-2025.pdf"].pages[1]
    assert page2.lines[0].text != "2"
    assert all(l.text.strip() != "2" for l in page2.lines)


def test_pages_option_and_sources(digital):
    doc = read(REAL / "cd-2003-vpcp-2025.pdf", pages=[2])
    assert [p.number for p in doc.pages] == [2]
    assert all(l.page == 2 for l in doc.lines)


@needs_font
def test_generated_report(tmp_path):
    doc = read(report_pdf(tmp_path / "report.pdf"))
    texts = [l.text for l in doc.lines]
    assert texts[:6] == ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Số: 23/BC-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Quảng Ngãi, ngày 13 tháng 01 năm 2025"]
    [anchor] = [l for l in doc.lines if l.text.startswith("Thực hiện Công văn")]
    assert anchor.text.endswith("tổng kết công tác") and [m.marker for m in anchor.markers] == ["1"]
    assert anchor.markers[0].offset == len(anchor.text)
    [note] = [l for l in doc.lines if l.text.startswith("Công văn số 715")]
    assert note.markers[0].offset == 0 and note.font_size == 10
    assert "Ký bởi" not in doc.text and "Thời gian ký" not in doc.text
    assert not any(t in ("1", "2") for t in texts)  # page numbers
    assert texts.index("- Lưu: VT, NC.") < texts.index("TM. ỦY BAN NHÂN DÂN")
    heading = doc.lines[texts.index("BÁO CÁO")]
    assert heading.bold and heading.font_size == 14 and doc.pages[0].width == pytest.approx(595.28, abs=0.1)


TCVN3_LINES = ["Céng hoµ x· héi chñ nghÜa ViÖt Nam", "§éc lËp - Tù do - H¹nh phóc",
               "B¸o c¸o kÕt qu¶ c«ng t¸c tuyªn truyÒn phßng, chèng téi ph¹m quý I n¨m 2023",
               "Thùc hiÖn KÕ ho¹ch sè 45/KH-UBND cña ñy ban nh©n d©n tØnh vÒ c«ng t¸c tuyªn truyÒn"]


def test_tcvn3_layer_is_converted(tmp_path):
    # Helvetica draws Latin-1, which is exactly what a .VnTime text layer gives back
    assert unicode_to_tcvn3("Độc lập - Tự do - Hạnh phúc") == TCVN3_LINES[1]
    doc = read(simple_pdf(tmp_path / "tcvn3.pdf", TCVN3_LINES))
    assert doc.text_source == "legacy-converted"
    texts = [l.text for l in doc.lines]
    assert texts[0] == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert texts[1] == "Độc lập - Tự do - Hạnh phúc"
    assert doc.lines[1].original == TCVN3_LINES[1]
    assert any("TCVN3" in w for w in doc.warnings)


@needs_font
def test_mixed_sources(tmp_path):
    # page 1 Unicode text, page 2 an image with no text: "mixed", and the reason is given for page 2
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from PIL import Image, ImageDraw, ImageFont

    regular, _ = unicode_font()
    img = Image.new("L", (1240, 600), 255)
    font = ImageFont.truetype(font_path(), 40)
    ImageDraw.Draw(img).text((60, 100), "Quảng Ngãi, ngày 13 tháng 01 năm 2025", font=font, fill=0)
    img_path = tmp_path / "p2.png"
    img.save(img_path)
    c = canvas.Canvas(str(tmp_path / "mixed.pdf"), pagesize=A4)
    c.setFont(regular, 13)
    c.drawString(72, 760, "Thực hiện Kế hoạch số 45/KH-UBND của Ủy ban nhân dân tỉnh về công tác tuyên truyền")
    c.showPage()
    c.drawImage(str(img_path), 0, 842 - 288, 595, 288)  # 1240 px over 595 pt: 150 dpi
    c.showPage()
    c.save()
    doc = read(tmp_path / "mixed.pdf", ocr_workers=1)
    assert [p.text_source for p in doc.pages] == ["text-layer", "ocr"]
    assert doc.text_source == "mixed"
    assert any(w.startswith("page 2: no text layer") for w in doc.warnings)
    [line] = doc.pages[1].lines
    assert "ngày 13 tháng 01" in line.text and line.confidence > 50
    assert 20 < line.bbox[0] < 40 and 40 < line.bbox[1] < 70  # image pixels mapped back to PDF points


def test_read_from_several_threads_gives_what_one_thread_gives():
    """PDFium is not thread-safe; read() serialises its use of it, so threads may share a process."""
    from concurrent.futures import ThreadPoolExecutor

    from pipeline.read import read
    from tests.conftest import CORPUS

    names = [str(CORPUS / "real" / n) for n in ("tb-11-ubnd-quang-ngai-2025.pdf", "cv-507-ubnd-kgvx-quang-ngai-2025.pdf",
                                                  "cd-2003-vpcp-2025.pdf", "cv-1668-stp-lam-dong-2025.pdf")] * 2
    serial = [[line.text for line in read(n).lines] for n in names[:4]] * 2
    with ThreadPoolExecutor(4) as pool:
        threaded = list(pool.map(lambda n: [line.text for line in read(n).lines], names))
    assert threaded == serial


# --------------------------------------------------------------------------- annotations, optional steps


@needs_font
@pytest.mark.parametrize("kind", ["stamp", "form"])
def test_annotated_pdf_is_read_with_its_stamped_number(tmp_path, kind):
    """A signing system stamps the number into the "Số:" blank as an annotation: a stamp annotation
    in a PDF without forms made PdfPage.flatten() raise and the document was lost; a form field
    worked. Both are flattened and the number is in the text layer."""
    from tests.read_fixtures import annotated_pdf

    doc = read(annotated_pdf(tmp_path / f"{kind}.pdf", kind, number="523"))
    texts = [l.text for l in doc.pages[0].lines]
    assert "Số: 523 /BC-UBND" in texts
    assert doc.pages[0].text_source == "text-layer"
    assert not [w for w in doc.warnings if "flatten" in w]


@needs_font
def test_annotation_without_appearance_is_harmless(tmp_path):
    from tests.read_fixtures import annotated_pdf

    doc = read(annotated_pdf(tmp_path / "freetext.pdf", "freetext"))
    texts = [l.text for l in doc.pages[0].lines]
    assert "TỈNH QUẢNG NGÃI" in texts and "BÁO CÁO" in texts
    assert not any(ch.isdigit() for t in texts[:4] for ch in t if "Số" in t)


@needs_font
def test_flattening_that_fails_costs_only_the_annotations(tmp_path, monkeypatch):
    from pipeline.read import pdf
    from tests.read_fixtures import annotated_pdf

    def broken(path, count):
        raise RuntimeError("page.flatten() requires prior pdf.init_forms(), before page retrieval.")

    monkeypatch.setattr(pdf, "flatten_annotations", broken)
    doc = read(annotated_pdf(tmp_path / "stamp.pdf", "stamp"))
    texts = [l.text for l in doc.pages[0].lines]
    assert "TỈNH QUẢNG NGÃI" in texts and "Quảng Ngãi, ngày 13 tháng 01 năm 2025" in texts
    assert [w for w in doc.warnings if w.startswith("annotations could not be flattened (RuntimeError")]
    assert len(doc.pages) == 2


def test_real_signed_pdf_with_annotations_still_flattens():
    """cv-1668's number and day are stamped annotations: flattening keeps them (no warning)."""
    doc = read(REAL / "cv-1668-stp-lam-dong-2025.pdf", pages=[1])
    assert "Số: 1668 /STP-BTTP" in [l.text for l in doc.pages[0].lines]
    assert not [w for w in doc.warnings if "flatten" in w]


# --------------------------------------------------------------------------- text over a scanned image

needs_ocr = pytest.mark.skipif(not __import__("pipeline.read.tesseract", fromlist=["probe"]).probe().installed,
                               reason="tesseract not installed")


@needs_font
@needs_ocr
def test_scan_with_a_few_text_layer_words_is_ocrd_and_keeps_the_stamped_number(tmp_path):
    """A scanned original whose text layer is what a signing system typed over it: the number in the
    "Số:" blank, a stamp, an issuer line in the margin. No phrase list knows "Cơ quan phát hành": the
    page is OCR'd because the text layer covers almost none of the print, and the stamped number is
    joined into the OCR'd "Số:" line."""
    from tests.read_fixtures import scan_with_text_layer

    doc = read(scan_with_text_layer(tmp_path / "stamped.pdf", "stamped", number="523"), ocr_workers=1)
    page = doc.pages[0]
    assert page.text_source == "ocr"
    assert any("the text layer covers only" in w and "used OCR instead" in w for w in doc.warnings), doc.warnings
    texts = [l.text for l in page.lines]
    assert "TỈNH QUẢNG NGÃI" in texts and any("Quảng Ngãi, ngày 13 tháng 01 năm 2025" in t for t in texts)
    number_line = next(t for t in texts if t.startswith("Số"))
    assert "523" in number_line and "/BC-UBND" in number_line.replace(" ", ""), texts[:8]
    assert not any("Co quan phat hanh" in t or "Ký bởi" in t for t in texts)
    assert any("on no printed row left out: Co quan phat hanh" in w for w in doc.warnings), doc.warnings


@needs_font
def test_searchable_scan_keeps_its_text_layer(tmp_path):
    """An OCR'd searchable PDF (invisible text over the image, covering the print) is read from its layer."""
    from tests.read_fixtures import scan_with_text_layer

    doc = read(scan_with_text_layer(tmp_path / "searchable.pdf", "searchable"))
    assert doc.pages[0].text_source == "text-layer"
    assert "Số: 523/BC-UBND" in [l.text for l in doc.pages[0].lines]
    assert not [w for w in doc.warnings if "used OCR" in w]


@pytest.mark.parametrize("name,layer,expected", [
    ("bc-ubnd-quang-ngai-2025-scan.pdf", 1, (0.0, 0.05)),       # the Gazette centre's stamp over the scan
    ("qd-04-bcd138-quang-ngai-2025-scan.pdf", 1, (0.0, 0.05)),  # the same stamp
    ("cv-855-cat-pa05-lam-dong-2025-scan.pdf", 1, (0.0, 0.05)),  # "SAO Y; CÔNG AN TỈNH LÂM ĐỒNG; Thời gian ký"
    ("tb-493-ubnd-lam-dong-2025-scan.pdf", 1, (0.9, 1.0)),       # an (English) OCR layer over the whole print
    ("ttr-298-cat-pc04-lam-dong-2025-scan.pdf", 1, (0.9, 1.0)),  # a layer in a broken font over the whole print
    ("tb-11-ubnd-quang-ngai-2025.pdf", 1, (0.95, 1.0)),          # born digital
])
def test_share_of_the_print_the_text_layer_covers_on_real_pages(name, layer, expected):
    from pathlib import Path

    from pipeline.read.layout import lines_from_glyphs
    from pipeline.read.pdf import _glyphs, _open, ink_outside_text

    plumber, _, _ = _open(Path(REAL / name), 10)
    try:
        glyphs, _ = _glyphs(plumber.pages[layer - 1])
    finally:
        plumber.close()
    boxes = [(s.x0, s.top, s.x1, s.bottom) for s in lines_from_glyphs(glyphs)]
    ink, outside = ink_outside_text(str(REAL / name), layer - 1, boxes)
    assert ink > 0.01
    assert expected[0] <= 1 - outside <= expected[1]
