"""Every rendering of a generated report reads back: the subject is in the PDF text layer, the TCVN3
layer converts back, the scan has no text layer, the DOCX holds the body."""
import pdfplumber
import pytest

from pipeline.corpus import generate_one
from pipeline.corpus.build import build
from pipeline.read.encodings import tcvn3_to_unicode


def _squash(s):
    return "".join(s.split())


@pytest.fixture(scope="module")
def report():
    return generate_one(7, 1, pages=2)


def test_digital_pdf_has_the_subject_and_number(report, tmp_path):
    from pipeline.corpus.render_pdf import render_pdf

    info = render_pdf(report.spec, tmp_path / "d.pdf")
    with pdfplumber.open(tmp_path / "d.pdf") as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
        assert len(pdf.pages) == info["pages"]
    assert _squash(report.answer["header"]["subject"]) in _squash(text)
    assert report.answer["header"]["number"] in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text or "ĐẢNG CỘNG SẢN VIỆT NAM" in text


def test_legacy_pdf_text_layer_is_tcvn3(report, tmp_path):
    from pipeline.corpus.render_legacy import render_legacy

    render_legacy(report.spec, tmp_path / "l.pdf")
    with pdfplumber.open(tmp_path / "l.pdf") as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    subject = report.answer["header"]["subject"]
    assert _squash(subject) not in _squash(text)  # not Unicode
    assert _squash(subject).lower() in _squash(tcvn3_to_unicode(text)).lower()


def test_docx_holds_subject_and_body(report, tmp_path):
    import docx

    from pipeline.corpus.render_docx import render_docx

    render_docx(report.spec, tmp_path / "d.docx")
    d = docx.Document(str(tmp_path / "d.docx"))
    text = "\n".join(p.text for p in d.paragraphs)
    cells = "\n".join(c.text for t in d.tables for row in t.rows for c in row.cells)
    assert report.answer["header"]["subject"] in text + cells
    assert report.answer["header"]["number"] in cells
    first_section = report.answer["sections"][0]["title"] if report.answer["sections"] else ""
    assert first_section in text


def test_scan_is_image_only_with_handwritten_number(report, tmp_path):
    from pipeline.corpus.render_scan import render_scan

    info = render_scan(report.spec, tmp_path / "s.pdf", level="hard", dpi=100, handwritten_number=True)
    with pdfplumber.open(tmp_path / "s.pdf") as pdf:
        assert len(pdf.pages) == info["pages"]
        assert not (pdf.pages[0].extract_text() or "").strip()
        assert pdf.pages[0].images


def test_build_writes_answers_and_manifest(tmp_path):
    import json

    manifest = build(tmp_path, 2, seed=5, kinds=("text", "digital", "scan"), dpi=72, max_pages=1)
    assert {d["kind"] for d in manifest} >= {"text", "digital"}
    for d in manifest:
        assert (tmp_path / d["file"]).exists()
        answer = json.loads((tmp_path / d["answer"]).read_text("utf-8"))
        assert answer["kind"] == d["kind"] and answer["split"] == d["split"]
        assert (tmp_path / answer["truth_text"]).exists()
        if answer.get("number_handwritten"):
            assert answer["header"]["number"] is None and answer["header_truth"]["number"]
    again = tmp_path / "again"
    build(again, 2, seed=5, kinds=("text",), max_pages=1)
    for d in manifest:
        if d["kind"] == "text":
            assert (again / d["file"]).read_text("utf-8") == (tmp_path / d["file"]).read_text("utf-8")


def test_generated_corpus_is_committed_and_small():
    from tests.conftest import CORPUS

    folder = CORPUS / "generated"
    files = [p for p in folder.iterdir() if p.is_file()]
    assert sum(p.stat().st_size for p in files) < 15 * 1024 * 1024
    import json

    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    kinds = {d["kind"] for d in manifest["documents"]}
    assert {"text", "digital", "docx", "legacy", "scan-mild", "scan-medium", "scan-hard"} <= kinds
    assert {d["split"] for d in manifest["documents"]} == {"train", "dev", "test"}


def test_the_font_found_draws_vietnamese_letters():
    # Debian can hold fonts-liberation 1.07 beside fonts-liberation2; the old one draws ế, Ủ as the
    # same empty box, and everything rendered with it (generated scans, robustness images) is unreadable
    from PIL import Image, ImageDraw, ImageFont

    from pipeline.corpus.render_pdf import find_font

    font = ImageFont.truetype(find_font("LiberationSerif", "Regular"), 40)

    def ink(ch):
        im = Image.new("L", (60, 60), 255)
        ImageDraw.Draw(im).text((5, 0), ch, fill=0, font=font)
        return im.tobytes()

    box = ink("\U000f0000")  # a private-use code point: the font's missing-glyph box
    assert all(ink(ch) != box for ch in "ếỦựđ")
