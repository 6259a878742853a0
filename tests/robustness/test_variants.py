"""Readable files saved in common variants: each is read with the same content as the plain file, or
with a warning that says what was left out - never a silent empty or mojibake document.

Content comes from real text: the archive test reports (tests/test_archive_ingest.report_text), the
real TTr 298 draft (.doc) of corpus/real, the real TB 11 PDF.
"""
from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from pipeline.errors import InputFileError
from pipeline.read import read
from tests.conftest import ROOT
from tests.robustness import variants as v
from tests.test_archive_ingest import report_text

REAL = ROOT / "corpus" / "real"
REAL_DOC = REAL / "ttr-298-cat-pc04-lam-dong-2025-draft.doc"
REAL_PDF = REAL / "tb-11-ubnd-quang-ngai-2025.pdf"
HAS_SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _lines(i: int) -> list[str]:
    return [" ".join(line.split()) for line in report_text(i).splitlines() if line.strip()]


def _nfc(lines) -> list[str]:
    return [unicodedata.normalize("NFC", t) for t in lines]


# --------------------------------------------------------------------------- text encodings


@pytest.mark.parametrize("i", [0, 4, 7])
@pytest.mark.parametrize("how", ["tcvn3", "vni", "utf-32", "utf-32-le", "utf-16-le", "utf-16-be"])
def test_text_in_every_encoding_reads_as_the_utf8_file(tmp_path, how, i):
    expected = _nfc(_lines(i))
    doc = read(v.text_variant(tmp_path / f"bc-{how}.txt", report_text(i), how))
    assert [line.text for line in doc.lines] == expected
    if how in ("tcvn3", "vni"):
        assert doc.text_source == "legacy-converted"
        assert doc.warnings == (f"text is in the legacy {how.upper()} encoding; converted to Unicode",)
    else:
        assert doc.warnings == ()


@pytest.mark.parametrize("i", [1, 5])
@pytest.mark.parametrize("how,warning", [
    ("stray-byte", "1 byte(s) are not valid UTF-8 (a damaged file); shown as \ufffd"),
    ("cut-utf-16", "1 character(s) could not be decoded as UTF-16 (the file is cut short or damaged); shown as \ufffd"),
])
def test_damaged_text_is_read_with_a_warning(tmp_path, how, warning, i):
    doc = read(v.text_variant(tmp_path / "bc.txt", report_text(i), how))
    assert doc.warnings == (warning,)
    got = [line.text.replace("\ufffd", "") for line in doc.lines]
    assert " ".join(got).split() == " ".join(_nfc(_lines(i))).split()


def test_windows_1258_is_not_taken_for_a_legacy_encoding(tmp_path):
    from tests.robustness import bad_files as bad

    doc = read(bad.cp1258_text(tmp_path / "w.txt"))
    assert doc.text_source == "plain" and doc.warnings == ()
    assert doc.lines[0].text == bad.VIETNAMESE


# --------------------------------------------------------------------------- DOCX


@pytest.mark.parametrize("nested", [False, True])
@pytest.mark.parametrize("i", [2, 6])
def test_docx_body_in_content_controls_is_read(tmp_path, nested, i):
    base = v.plain_docx(tmp_path / "base.docx", _lines(i))
    plain = read(base)
    doc = read(v.in_content_controls(base, tmp_path / "sdt.docx", nested))
    assert len(plain.lines) > 20
    assert [line.text for line in doc.lines] == [line.text for line in plain.lines]


@pytest.mark.skipif(not HAS_SOFFICE, reason="needs LibreOffice to turn the real .doc into a DOCX")
def test_real_docx_in_content_controls_is_read(tmp_path):
    from pipeline.lifecycle import run

    shutil.copyfile(REAL_DOC, tmp_path / "real.doc")
    run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "docx",
         "--outdir", str(tmp_path), str(tmp_path / "real.doc")], timeout=120)
    plain = read(tmp_path / "real.docx")
    doc = read(v.in_content_controls(tmp_path / "real.docx", tmp_path / "sdt.docx"))
    assert len(plain.lines) > 10
    assert [line.text for line in doc.lines] == [line.text for line in plain.lines]


@pytest.mark.parametrize("left,right", [
    (["ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 12/BC-STTTT"],
     ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Quảng Ngãi, ngày 05 tháng 4 năm 2023"]),
    (["CÔNG AN TỈNH LÂM ĐỒNG", "PHÒNG CẢNH SÁT HÌNH SỰ", "Số: 298/TTr-PC04"],
     ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]),
])
def test_docx_header_in_text_boxes_is_read_once_in_two_columns(tmp_path, left, right):
    body = _lines(3)[4:]
    doc = read(v.header_in_text_boxes(tmp_path / "tb.docx", left, right, body))
    texts = [line.text for line in doc.lines]
    for line in left + right:
        assert texts.count(line) == 1, (line, texts[:8])
    assert not any(line in t and t != line for line in left + right for t in texts)  # nothing run together
    width = doc.pages[0].width
    assert {line.bbox[0] for line in doc.lines if line.text in left} == {0.0}
    assert {line.bbox[0] for line in doc.lines if line.text in right} == {round(width / 2, 2)}
    # the two blocks stand side by side, as drawn: both start on the same row
    assert min(line.bbox[1] for line in doc.lines if line.text in left) == min(
        line.bbox[1] for line in doc.lines if line.text in right)
    assert texts[len(left) + len(right):] == _nfc(body)


NOTES = ["Kế hoạch số 05/KH-UBND ngày 02/01/2023 của UBND tỉnh", "Công văn số 703/BCĐ-CAT ngày 06/3/2023",
         "Quyết định số 19/QĐ-UBND ngày 10/02/2023"]


def test_docx_footnotes_are_read(tmp_path):
    doc = read(v.with_footnotes(tmp_path / "fn.docx", _lines(1), NOTES))
    assert [line.text for line in doc.lines[-3:]] == NOTES and doc.warnings == ()


def test_docx_with_damaged_footnotes_says_so(tmp_path):
    doc = read(v.with_footnotes(tmp_path / "fn.docx", _lines(1), NOTES, damage=True))
    assert any(w.startswith("word/footnotes.xml is damaged") for w in doc.warnings), doc.warnings
    assert "footnote(s) 3 not found in the damaged footnotes part" in doc.warnings
    assert [line.text for line in doc.lines if line.markers and line.markers[0].offset == 0] == NOTES[:2]


def test_empty_docx_body_is_said(tmp_path):
    doc = read(v.plain_docx(tmp_path / "empty.docx", []))
    assert doc.lines == () and any("holds no text" in w for w in doc.warnings)


def test_docx_with_a_huge_picture_reads_its_text_and_a_picture_alone_is_said(tmp_path):
    """A 36-megapixel picture after the text: the text is read, the picture is not decoded (reading
    takes what a plain DOCX takes: the memory bound is in test_memory); a DOCX that is only a picture
    says that its text, in the picture, is left out."""
    lines = _lines(3)[:6]
    doc = read(v.docx_with_picture(tmp_path / "picture.docx", lines))
    assert _nfc(line.text for line in doc.lines) == _nfc(lines) and doc.warnings == ()
    alone = read(v.docx_with_picture(tmp_path / "only-picture.docx", [], side=2000))
    assert alone.lines == ()
    assert any("only 1 picture(s)" in w and "left out" in w for w in alone.warnings), alone.warnings


def test_pdf_whose_font_is_missing_is_read_and_stderr_stays_clean(tmp_path):
    """The page uses /F1 and its resources define no font (a broken PDF writer): the text is read;
    pdfminer's complaint about the font goes nowhere (it named no file; before, it was a bare line on
    stderr of `baocao extract`, and of every ingest worker)."""
    import subprocess

    from tests.robustness import bad_files as bad
    from tests.robustness.fakes import baocao_command, baocao_env

    path = tmp_path / "no-font.pdf"
    path.write_bytes(bad.hand_pdf([
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        bad._stream("BT /F1 12 Tf 72 700 Td (Cong van so 715/BCD-CAT ngay 10/3/2023) Tj ET"),
    ]))
    run = subprocess.run(baocao_command("extract", str(path)), cwd=ROOT, env=baocao_env(), capture_output=True,
                         text=True, timeout=300)
    assert (run.returncode, run.stderr) == (0, ""), run.stderr
    assert "715/BCD-CAT" in run.stdout


@pytest.mark.skipif(not shutil.which("tesseract"), reason="needs Tesseract")
def test_pdf_fonts_without_unicode_maps_are_read_by_ocr_with_a_warning(tmp_path):
    """The text layer's glyph codes map to no characters (no /ToUnicode): the page is OCR'd, the
    warning says why, and the lines are the ones printed, not (cid:N) codes or an empty page."""
    lines = ["BÁO CÁO", "Kết quả công tác phòng, chống tội phạm quý I năm 2023",
             "Thực hiện Công văn số 715/BCĐ-CAT ngày 10/3/2023 của Ban Chỉ đạo,",
             "Sở Thông tin và Truyền thông báo cáo như sau:"]
    doc = read(v.pdf_without_tounicode(tmp_path / "no-tounicode.pdf", lines), ocr_workers=1)
    assert doc.text_source == "ocr"
    assert "page 1: text layer has unmapped glyphs (cid codes); used OCR instead" in doc.warnings
    assert _nfc(line.text for line in doc.lines) == _nfc(lines)


# --------------------------------------------------------------------------- refused before, readable


@pytest.mark.skipif(not HAS_SOFFICE, reason="needs LibreOffice")
@pytest.mark.parametrize("saved_as", ["rtf", "html"])
def test_rtf_or_html_saved_as_doc_is_read_like_the_doc(tmp_path, saved_as):
    from pipeline.lifecycle import run

    shutil.copyfile(REAL_DOC, tmp_path / "real.doc")
    run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to",
         saved_as, "--outdir", str(tmp_path), str(tmp_path / "real.doc")], timeout=120)
    disguised = tmp_path / "bao-cao.doc"
    shutil.copyfile(tmp_path / f"real.{saved_as}", disguised)
    original = {line.text for line in read(tmp_path / "real.doc").lines}
    doc = read(disguised)
    assert doc.format == "doc"
    got = {line.text for line in doc.lines}
    assert len(original) > 10 and len(got & original) >= 0.8 * len(original)


@pytest.mark.parametrize("junk", [b"\r\n\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n", b"From archive scanner\n"])
def test_pdf_with_junk_before_the_signature_is_read(tmp_path, junk):
    path = tmp_path / "tb.pdf"
    path.write_bytes(junk + REAL_PDF.read_bytes())
    doc = read(path)
    assert [line.text for line in doc.lines] == [line.text for line in read(REAL_PDF).lines]


def test_a_pdf_name_on_other_content_is_still_refused(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(b"<html>not a pdf</html>" * 100)
    with pytest.raises(InputFileError, match="no %PDF signature"):
        read(path)


# --------------------------------------------------------------------------- images (real OCR)


LINES = ["ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "Số: 12/BC-UBND", "BÁO CÁO kết quả công tác quý I năm 2023"]


@pytest.mark.parametrize("suffix", [".png", ".webp", ".gif"])
def test_black_text_on_transparent_background_is_read(tmp_path, suffix):
    from PIL import Image

    png = v.transparent_png(tmp_path / "t.png", LINES)
    path = png
    if suffix != ".png":
        path = tmp_path / f"t{suffix}"
        im = Image.open(png)
        (im.convert("RGBA") if suffix == ".webp" else im.convert("RGBA").convert("P", palette=Image.ADAPTIVE)).save(
            path, **({"lossless": True} if suffix == ".webp" else {"transparency": 0}))
    doc = read(path, ocr_workers=1)
    assert [line.text for line in doc.lines] == LINES, doc.warnings


@pytest.mark.parametrize("width,height", [(20_000, 200), (12_000, 260), (200, 9_000)])
def test_strip_image_lines_are_not_lost_as_tiny(tmp_path, width, height):
    line = "Báo cáo kết quả công tác quý I năm 2023"
    if width < height:  # a tall strip: the same line, turned
        from PIL import Image

        v.strip_image(tmp_path / "wide.png", line, width=height, height=width)
        Image.open(tmp_path / "wide.png").rotate(90, expand=True).save(tmp_path / "s.png")
        doc = read(tmp_path / "s.png", ocr_workers=1)
        assert doc.lines, doc.warnings  # read after turning; at least not dropped as specks
        return
    doc = read(v.strip_image(tmp_path / "s.png", line, width=width, height=height), ocr_workers=1)
    assert [line.text for line in doc.lines] == [line], doc.warnings
