"""PDF files: the text layer where it is good, OCR where it is missing or bad, per page.

Opening: pypdfium2 first (it says cleanly whether the file is damaged or needs a password). When the
PDF carries annotations (e-signature stamps, and the number and date that signing systems stamp into
the "Số: …" line), they are flattened into the page content with pdfium so the text layer has them;
stamp text is then recognised and dropped (see quality.stamp_strength).

For each page the text layer is read with pdfplumber (characters with position, font and size), turned
into lines (layout.py), and judged (quality.judge_text_layer): used, converted from TCVN3/VNI, or
replaced by OCR (ocr.py). Ruled tables are found on text-layer pages (tables.py) and kept in
Page.tables; their lines stay in Page.lines too (the segmenter sets them aside from the body). Pages are processed one at a time and their caches released, so a long PDF
does not hold every page in memory.
"""
from __future__ import annotations

import functools
import io
import logging
import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputFileError
from ..grammar.pages import PAGE_NUMBER as _PAGE_NUMBER
from ..i18n import N_
from ..i18n.warning_codes import warning
from ..model import Document, Line, Page, Table
from ..text import nfc
from . import ocr as ocr_mod
from .encodings import convert_legacy
from .layout import Glyph, Segment, lines_from_glyphs, turned
from .pdfium_text import FLOOD_TEXT_OBJECTS, PageReader
from .quality import judge_text_layer, stamp_strength
from .tables import Grid, grid_cells, is_layout_block

_TCVN3_FONT = re.compile(r"^(?:[A-Z]{6}\+)?\.?Vn(?!i[-_ ])[A-Z]", re.I)  # .VnTime, .VnTimeH, .VnArial; not VNI-Times
_TCVN3_CAPS_FONT = re.compile(r"^(?:[A-Z]{6}\+)?\.?Vn[A-Za-z]+H(?:[,-].*)?$")  # .VnTimeH: all caps
_VNI_FONT = re.compile(r"^(?:[A-Z]{6}\+)?VNI[-_ ]", re.I)


# pdfminer logs what it tolerates in a damaged file ("Could not get FontBBox from font descriptor…")
# through Python's last-resort handler, a bare line on stderr naming no file; what matters of it
# reaches the user as the document's warnings or a one-line error. A program that configures
# logging still gets the records (they propagate).
logging.getLogger("pdfminer").addHandler(logging.NullHandler())


def _open(path: Path, max_pages: int):
    """(pdfplumber PDF, page count, data it was opened from, warnings)."""
    with ocr_mod.PDFIUM_LOCK:
        return _open_locked(path, max_pages)


def _open_locked(path: Path, max_pages: int):
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    warnings: list[str] = []
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        # pdfium's message can be stale (its last-error code is global): ask pdfminer too. It also
        # reads some files pdfium refuses, and tells an empty page tree apart.
        import pdfplumber

        try:
            plumber = pdfplumber.open(str(path), password="")
            count = len(plumber.pages)
        except Exception as e2:
            text = f"{type(e2).__name__} {e2} {e}".lower()
            if "password" in text:
                raise InputFileError(N_("encrypted PDF: it needs a password to open"), str(path)) from e2
            raise InputFileError(N_("damaged PDF: cannot read its structure ({error})").format(error=e), str(path)) from e2
        if count == 0:
            plumber.close()
            raise InputFileError(N_("the PDF has no pages"), str(path)) from e
        warnings.append(warning("pdf.no_pdfium"))
        lazy = LazyPlumber(str(path), path, warnings)
        lazy._pdf = plumber
        return lazy, count, warnings
    kept: dict = {}  # the first pages, loaded for the annotation check, kept for PageReader
    try:
        count = len(doc)
        if count == 0:
            raise InputFileError(N_("the PDF has no pages"), str(path))
        annotated = False
        for i in range(min(count, max_pages)):
            page = doc[i]
            keep = False
            try:
                if pdfium_raw.FPDFPage_GetAnnotCount(page) > 0:
                    annotated = True
                    break
                keep = i < KEEP_PAGES
            finally:
                if keep:
                    kept[i] = page
                else:
                    page.close()
        source: str | io.BytesIO = str(path)
        if annotated:
            # draw annotation text (signature stamps, stamped number/date) into the pages; an optional
            # step: when pdfium cannot flatten, the pages are read as they are, with a warning
            doc.close()
            doc = None
            try:
                source = flatten_annotations(str(path), count)
            except Exception as e:
                warnings.append(warning("pdf.annotations_failed",
                                        error=f"{type(e).__name__}: {' '.join(str(e).split())[:100]}"))
        if not annotated:
            # PDFium reads these same bytes (pdfium_text.PageReader): the document and its first pages,
            # already loaded, are handed over rather than opened and parsed a second time
            lazy = LazyPlumber(source, path, warnings)
            lazy.pdfium = (doc, kept)
            doc, kept = None, {}
            return lazy, count, warnings
    finally:
        for page in kept.values():
            page.close()
        if doc is not None:
            doc.close()
    return LazyPlumber(source, path, warnings), count, warnings


KEEP_PAGES = 8  # pages the annotation check leaves loaded for PageReader (a long file's rest are loaded again)


def _plumber_open(source, path: Path, warnings: list[str]):
    import pdfplumber

    if not isinstance(source, str):
        try:
            return pdfplumber.open(source, password="")
        except Exception as e:  # the flattened copy does not parse: read the file as it is
            warnings.append(warning("pdf.flattened_unparsable", error=type(e).__name__))
            source = str(path)
    try:
        return pdfplumber.open(source, password="")
    except Exception as e:  # pdfminer raises many kinds on damaged files
        raise InputFileError(N_("damaged PDF: cannot read its structure ({error})").format(error=type(e).__name__), str(path)) from e


class LazyPlumber:
    """The file's pdfplumber PDF (from the flattened copy when annotations were flattened), opened
    when a page first needs it: pages read with PDFium alone (most born-digital pages: no ruled
    table, no stamped form text) never import pdfplumber nor have pdfminer parse the file. The page
    list is taken once (flush_cache() drops pdfplumber's own copy; rebuilding it for every page made
    reading quadratic in the page count)."""

    def __init__(self, source, path: Path, warnings: list[str]):
        self.source = source  # a path, or the flattened copy (io.BytesIO)
        self.path = path
        self.warnings = warnings
        self._pdf = None
        self._pages = None
        self.pdfium = None  # (PDFium document of the same bytes, {index: loaded page}), for PageReader

    def take_pdfium(self):
        """The PDFium document _open left open (and its loaded pages), once; None if there is none."""
        kept, self.pdfium = self.pdfium, None
        return kept

    def _close_pdfium(self) -> None:
        kept = self.take_pdfium()
        if kept is not None:
            doc, pages = kept
            with ocr_mod.PDFIUM_LOCK:
                for page in pages.values():
                    page.close()
                doc.close()

    @property
    def stream(self):
        """What PDFium opens: the same bytes pdfplumber reads (pdfium_text._open_like)."""
        return self.source if not isinstance(self.source, str) else open_name(self.source)

    def pdf(self):
        if self._pdf is None:
            with ocr_mod.PDFIUM_LOCK:
                self._pdf = _plumber_open(self.source, self.path, self.warnings)
        return self._pdf

    @property
    def pages(self):
        if self._pages is None:
            try:
                self._pages = self.pdf().pages
            except InputFileError:
                raise
            except Exception as e:  # pdfminer on a damaged page tree
                raise InputFileError(N_("damaged PDF: its page tree cannot be read ({error})").format(error=type(e).__name__), str(self.path)) from e
        return self._pages

    @property
    def opened(self) -> bool:
        return self._pdf is not None

    def flush_cache(self) -> None:
        if self._pdf is not None:
            self._pdf.flush_cache()

    def close(self) -> None:
        self._close_pdfium()
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None
            self._pages = None


class open_name:
    """A stand-in for an opened file's object, by name (what PDFium opens)."""

    def __init__(self, name: str):
        self.name = name


def flatten_annotations(path: str, count: int) -> io.BytesIO:
    """The PDF with every page's annotations and form fields drawn into its content (pdfium's
    FPDFPage_Flatten), as an in-memory file. A page pdfium fails to flatten is kept as it is.
    The caller holds PDFIUM_LOCK."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    doc = pdfium.PdfDocument(path)
    try:
        doc.init_forms()  # field appearances (a form env exists only when the PDF has an AcroForm)
        for i in range(count):
            page = doc[i]
            try:
                # the raw call: PdfPage.flatten() refuses a page of a PDF without forms ("requires
                # prior pdf.init_forms()"), though pdfium flattens its annotations all the same
                pdfium_raw.FPDFPage_Flatten(page, pdfium_raw.FLAT_NORMALDISPLAY)
            finally:
                page.close()
        buffer = io.BytesIO()
        doc.save(buffer)
    finally:
        doc.close()
    buffer.seek(0)
    return buffer


def _glyphs(page) -> tuple[list[Glyph], int]:
    glyphs: list[Glyph] = []
    rotated = 0
    for c in page.chars:
        m = c.get("matrix")
        if not c.get("upright", True) or (m is not None and turned(*m[:4])):
            rotated += 1
            continue
        text = c.get("text") or ""
        if not text:
            continue
        glyphs.append(Glyph(text, float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]),
                            float(c.get("size") or 0) or 1.0, str(c.get("fontname") or "")))
    return glyphs, rotated


def page_objects(page, chars: bool = True) -> None:
    """Fill pdfplumber's object cache of ``page`` (what ``page.objects``, ``.chars``, ``.lines`` ...
    return) at a fraction of its cost: a character becomes a dict of only the keys this reader and
    the table finder use (pdfplumber's own ``process_object`` turns all of its 20-odd attributes, one
    call each, the most of a page's time after pdfminer's parsing); every other object is pdfplumber's
    own. ``chars=False`` leaves the characters out (a page read for its rules alone). Values are
    computed as pdfplumber computes them, so they are the same floats (tests/test_pdf_objects.py)."""
    from pdfminer.layout import LTChar, LTContainer

    if hasattr(page, "_objects") or page.pdf.unicode_norm is not None or page.pdf.laparams is not None:
        return  # already parsed, or a pdfplumber set up differently from _open's: its own way
    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    objects: dict[str, list[dict]] = {}
    found = objects.setdefault
    out_chars = found("char", []) if chars else None
    stack = [iter((page.layout if chars or hasattr(page, "_layout") else _layout_without_text(page))._objs)]
    while stack:
        for obj in stack[-1]:
            if type(obj) is LTChar and not isinstance(obj.fontname, bytes):
                if out_chars is not None:
                    out_chars.append({"object_type": "char", "text": obj.get_text(), "fontname": obj.fontname,
                                      "size": obj.size, "upright": obj.upright, "matrix": obj.matrix, "x0": obj.x0 + mb_x0 if mb_x0 else obj.x0,
                                      "x1": obj.x1 + mb_x0 if mb_x0 else obj.x1, "top": (height - obj.y1) + mb_top,
                                      "bottom": (height - obj.y0) + mb_top})
                continue
            if isinstance(obj, LTContainer):
                stack.append(iter(obj._objs))
                break
            attr = page.process_object(obj)
            if attr["object_type"] == "char" and out_chars is None:
                continue
            if attr["object_type"] != "anno":
                found(attr["object_type"], []).append(attr)
        else:
            stack.pop()
    if not objects.get("char"):
        objects.pop("char", None)
    page._objects = objects


def _layout_without_text(page):
    """pdfplumber's ``page.layout`` with its text left undrawn: for a page read for its rules alone
    (``page_objects(chars=False)``), a third of pdfminer's time on such a page went to characters
    it then dropped. Fonts are still loaded as the text operators name them, and a content stream
    pdfminer cannot parse fails as ``page.layout`` does; text drawing changes no path, rectangle,
    curve or image (only the text line matrix), so those are the same objects
    (tests/test_pdf_objects.py)."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.utils.exceptions import PdfminerException

    device = _rules_device()(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    interpreter = PDFPageInterpreter(page.pdf.rsrcmgr, device)
    try:
        interpreter.process_page(page.page_obj)
    except Exception as e:
        raise PdfminerException(e)
    return device.get_result()  # not kept as page._layout: the characters are not in it


@functools.lru_cache(maxsize=1)
def _rules_device():
    """pdfplumber's page device, drawing no text."""
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class Rules(PDFPageAggregatorWithMarkedContent):
        def render_string(self, textstate, seq, ncs, graphicstate):
            pass

    return Rules


def _plumber_page(page, number: int, warnings: list[str]):
    """(glyphs, rotated, image cover, grids) of a pdfplumber page: the reference pdfium_text matches."""
    page_objects(page)
    glyphs, rotated = _glyphs(page)
    return glyphs, rotated, _image_cover(page), _grids(page, number, warnings)


@functools.lru_cache(maxsize=1024)
def _font_kinds(font: str) -> tuple[bool, bool]:
    """(TCVN3 font name, VNI font name): asked once per name, not once per glyph."""
    return bool(_TCVN3_FONT.match(font)), bool(_VNI_FONT.match(font))


@functools.lru_cache(maxsize=1024)
def _font_style(font: str) -> tuple[bool, bool]:
    """(bold, italic) by the font's name: asked once per name, not once per glyph."""
    f = font.lower()
    return ("bold" in f or "black" in f or f.endswith(",b") or "-b" == f[-2:]), ("italic" in f or "oblique" in f)


def _legacy_font(fonts: list[str]) -> str | None:
    """"tcvn3"/"vni" when most glyphs of a line are in a legacy-encoded font family."""
    if fonts:
        kinds = [_font_kinds(f) for f in fonts]
        if sum(t for t, _ in kinds) * 2 > len(fonts):
            return "tcvn3"
        if sum(v for _, v in kinds) * 2 > len(fonts):
            return "vni"
    return None


def _line(seg: Segment, number: int, legacy: str | None) -> Line:
    raw, markers = seg.text_and_markers()
    fonts = seg.fonts()
    encoding = _legacy_font(fonts) or legacy
    text = raw
    if encoding:
        caps = sum(bool(_TCVN3_CAPS_FONT.match(f)) for f in fonts) * 2 > len(fonts)
        text = convert_legacy(raw, encoding, upper=caps)
        if len(text) != len(raw):  # VNI joins two characters into one letter: map marker offsets
            markers = tuple(type(m)(offset=len(convert_legacy(raw[: m.offset], encoding)), marker=m.marker) for m in markers)
    text = nfc(text)
    if fonts:
        styles = [_font_style(f) for f in fonts]
        bold = sum(b for b, _ in styles) * 2 > len(fonts)
        italic = sum(i for _, i in styles) * 2 > len(fonts)
    else:
        bold = italic = None
    x0, top, x1, bottom = seg.box()
    return Line(
        text=text,
        page=number,
        bbox=(round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2)),
        font_size=round(seg.size, 1),
        bold=bold,
        italic=italic,
        markers=markers,
        original=raw if raw != text else None,
    )


def _grids(page, number: int, warnings: list[str]) -> list[Grid]:
    try:
        return grid_cells(page)
    except Exception as e:  # a table finder failure costs the tables, not the page's text
        warnings.append(warning("pdf.tables_failed", page=number, error=type(e).__name__))
        return []


def _tables(grids: list[Grid], glyphs: list[Glyph], number: int, legacy: str | None) -> tuple[Table, ...]:
    """Cell text from the page's own glyphs (so it is converted and repaired like its lines), a cell's
    lines joined with spaces. The header or signer block drawn as a ruled table is not kept."""
    out = []
    for grid in grids:
        rows = tuple(tuple(_cell_text(cell, glyphs, number, legacy) if cell is not None else None for cell in row)
                     for row in grid.rows)
        if is_layout_block(rows):
            continue
        out.append(Table(page=number, bbox=tuple(round(v, 2) for v in grid.bbox), rows=rows))
    return tuple(out)


def _cell_text(cell, glyphs: list[Glyph], number: int, legacy: str | None) -> str | None:
    x0, top, x1, bottom = cell
    inside = [g for g in glyphs if x0 <= (g.x0 + g.x1) / 2 <= x1 and top <= (g.top + g.bottom) / 2 <= bottom]
    text = " ".join(_line(seg, number, legacy).text for seg in lines_from_glyphs(inside))
    return " ".join(text.split()) or None


def _same_block(a: Line, b: Line) -> bool:
    if a.bbox is None or b.bbox is None:
        return False
    sa, sb = a.font_size or 10, b.font_size or 10
    if max(sa, sb) > 1.15 * min(sa, sb):
        return False  # a stamp is set smaller than the text around it
    gap = max(a.bbox[1] - b.bbox[3], b.bbox[1] - a.bbox[3])
    overlap = min(a.bbox[2], b.bbox[2]) - max(a.bbox[0], b.bbox[0])
    return gap <= 1.2 * max(sa, sb) and overlap > 0


def _stamp_rows(lines: list[Line], block: list[int], stamp: set[int]) -> set[int]:
    """The lines of a long block (``block``: indices into ``lines``) set as its stamp lines (``stamp``)
    are, on the rows that follow on from them: the same left edge (within a point) and size (within
    0.15 pt), no more than half a line apart. An e-signature's appearance is a column of short lines of
    one size ("Người ký: Ủy ban" / "nhân dân xã" / "Email:" / … / "Thời gian ký:" / "10.01.2019" /
    "16:22:12 +07:00", corpus/eval/dev tb-02): its pattern lines are a few of them, the rest is its
    wording cut by the stamp's width, no wider than they are; the page's own lines beside it start
    elsewhere, are set at another size or run wider."""
    found = set(stamp)
    # no wider than the stamp's own lines: a paragraph of the page set at the stamp's size and left edge
    # runs the width of the text, and is never chained in
    widest = 1.2 * max((lines[i].bbox[2] - lines[i].bbox[0] for i in stamp), default=0.0)
    grew = True
    while grew:
        grew = False
        for i in block:
            if i in found:
                continue
            a = lines[i]
            if a.bbox[2] - a.bbox[0] > widest:
                continue
            for j in found:
                b = lines[j]
                size = max(a.font_size or 10, b.font_size or 10)
                gap = max(a.bbox[1] - b.bbox[3], b.bbox[1] - a.bbox[3])
                if (abs(a.bbox[0] - b.bbox[0]) <= 1.0 and abs((a.font_size or 10) - (b.font_size or 10)) <= 0.15
                        and gap <= 0.5 * size):
                    found.add(i)
                    grew = True
                    break
    return found - stamp


def drop_stamps(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """Remove e-signature stamp blocks: lines that stand close together in one column, one of which is
    certainly stamp text ("Ký bởi: …", "Thời gian ký: …"). Returns kept lines and the dropped text."""
    blocks: list[list[int]] = []
    for i, line in enumerate(lines):
        placed = False
        if line.bbox is not None:
            for block in blocks:
                if any(_same_block(line, lines[j]) for j in block):
                    block.append(i)
                    placed = True
                    break
        if not placed:
            blocks.append([i])
    drop: set[int] = set()
    for block in blocks:
        strengths = [stamp_strength(lines[i].text) for i in block]
        if "strong" not in strengths:
            continue
        if len(block) <= 8:
            drop.update(block)
        else:  # a long block: the stamp lines themselves, and the stamp's other lines (_stamp_rows)
            stamp = {i for i, s in zip(block, strengths) if s}
            drop.update(stamp | _stamp_rows(lines, block, stamp))
    kept = [line for i, line in enumerate(lines) if i not in drop]
    dropped = [lines[i].text for i in sorted(drop)]
    return kept, dropped


def _drop_page_numbers(lines: list[Line], height: float) -> list[Line]:
    out = []
    for line in lines:
        if line.bbox is not None and _PAGE_NUMBER.match(line.text):
            top, bottom = line.bbox[1], line.bbox[3]
            if bottom < 0.1 * height or top > 0.9 * height:
                continue
        out.append(line)
    return out


def _image_cover(page) -> float:
    area = float(page.width * page.height) or 1.0
    covered = 0.0
    for im in page.images:
        w = max(0.0, min(float(im["x1"]), float(page.width)) - max(float(im["x0"]), 0.0))
        h = max(0.0, min(float(im["bottom"]), float(page.height)) - max(float(im["top"]), 0.0))
        covered = max(covered, w * h / area)
    return covered


INK_DPI = 50  # the ink check renders at this resolution: a few tens of milliseconds a page
UNCOVERED_INK = 0.5  # share of the page's ink outside the text layer's lines above which the page is OCR'd
MIN_INK = 0.003  # a page with less ink than this (share of its pixels) is blank: nothing to compare


def ink_outside_text(path: str, index: int, boxes: list[tuple[float, float, float, float]]) -> tuple[float, float]:
    """(share of the page's pixels that are ink, share of that ink lying outside ``boxes``, the text
    layer's line boxes in points, each widened by a third of its height). The page is rendered at
    INK_DPI without annotations, as OCR would see it. A scan whose text layer is a stamp, a line or a
    title has almost all its ink outside the text; a searchable scan or a born-digital page almost none."""
    import numpy as np
    import pypdfium2 as pdfium

    with ocr_mod.PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(path)
        try:
            page = pdf[index]
            try:
                bitmap = page.render(scale=INK_DPI / 72, grayscale=True, draw_annots=False)
                ink = np.asarray(bitmap.to_pil().convert("L")) < 128
                bitmap.close()
            finally:
                page.close()
        finally:
            pdf.close()
    total = int(ink.sum())
    if not total:
        return 0.0, 0.0
    mask = np.zeros_like(ink)
    k = INK_DPI / 72
    for x0, top, x1, bottom in boxes:
        pad = (bottom - top) / 3
        mask[max(0, int((top - pad) * k)):int((bottom + pad) * k) + 1, max(0, int((x0 - pad) * k)):int((x1 + pad) * k) + 1] = True
    return total / ink.size, float((ink & ~mask).sum()) / total


def merge_text_layer(ocr_lines: list[Line], layer: list[Line]) -> tuple[list[Line], list[str]]:
    """OCR lines with what the text layer adds that OCR lacks: a line of the layer standing on the row
    of an OCR line, in a gap of it or beside it (the number a signing system stamps into the "Số:"
    blank of a scan), is joined into that line at its position. Layer lines whose text OCR has
    already read, or that stand on no row of print (a stamp in the margin), are left out; their text
    is returned for the warning."""
    out = list(ocr_lines)
    left_out: list[str] = []
    for extra in layer:
        if extra.bbox is None or not extra.text.strip():
            continue
        ex0, etop, ex1, ebottom = extra.bbox
        eh = max(ebottom - etop, 1.0)
        row = []
        for i, line in enumerate(out):
            if line.bbox is None:
                continue
            x0, top, x1, bottom = line.bbox
            overlap = min(bottom, ebottom) - max(top, etop)
            if overlap > 0.5 * min(eh, bottom - top) and max(x0 - ex1, ex0 - x1) < 3 * max(eh, bottom - top):
                row.append(i)
        if not row:
            left_out.append(extra.text)
            continue
        covered = [i for i in row if out[i].bbox[0] - 1 <= ex0 and ex1 <= out[i].bbox[2] + 1]
        if covered and _folded_in(extra.text, out[covered[0]].text):
            continue  # OCR read it too
        pieces = sorted([out[i] for i in row] + [extra], key=lambda l: l.bbox[0])
        if covered:
            host = out[covered[0]]
            pieces = [host]
            text = _insert_at(host, extra)
        else:
            text = " ".join(l.text for l in pieces)
        members = set(row if not covered else covered[:1])
        host_line = out[min(members)]
        from dataclasses import replace as _replace

        merged = _replace(
            host_line, text=text, original=None, markers=(),
            bbox=(min(l.bbox[0] for l in pieces + [extra]), min(l.bbox[1] for l in pieces + [extra]),
                  max(l.bbox[2] for l in pieces + [extra]), max(l.bbox[3] for l in pieces + [extra])))
        out = [merged if i == min(members) else l for i, l in enumerate(out) if i == min(members) or i not in members]
    return out, left_out


def _folded_in(needle: str, hay: str) -> bool:
    from ..text import fold

    n = "".join(fold(needle).split())
    return bool(n) and n in "".join(fold(hay).split())


def _insert_at(host: Line, extra: Line) -> str:
    """``extra``'s text put into ``host``'s at the space nearest its x position (characters taken as
    evenly spread over the host's box)."""
    x0, _, x1, _ = host.bbox
    share = ((extra.bbox[0] + extra.bbox[2]) / 2 - x0) / max(x1 - x0, 1.0)
    text = host.text
    at = round(share * len(text))
    spaces = [i for i, ch in enumerate(text) if ch == " "] + [0, len(text)]
    cut = min(spaces, key=lambda i: abs(i - at))
    return " ".join((text[:cut].rstrip() + " " + extra.text + " " + text[cut:].lstrip()).split())


def _drop_running_headers(pages: list[Page]) -> list[Page]:
    """A line repeated (digits aside) in the top or bottom margin of most pages is a running header."""
    if len(pages) < 3:
        return pages
    from collections import Counter

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    seen: Counter[str] = Counter()
    for page in pages:
        keys = {key(l) for l in page.lines if l.bbox and page.height and (l.bbox[3] < 0.08 * page.height or l.bbox[1] > 0.92 * page.height)}
        seen.update(keys)
    repeated = {k for k, n in seen.items() if n >= max(3, len(pages) // 2) and len(k) > 3}
    if not repeated:
        return pages
    out = []
    from dataclasses import replace

    for page in pages:
        lines = tuple(l for l in page.lines if not (l.bbox and page.height and key(l) in repeated
                      and (l.bbox[3] < 0.08 * page.height or l.bbox[1] > 0.92 * page.height)))
        out.append(replace(page, lines=lines))
    return out


FLOOD_CONTENT_BYTES = 1_000_000  # content streams past this may hold far more text than a page shows
FLOOD_TEXT_OPS = FLOOD_TEXT_OBJECTS  # text-showing operators (Tj, TJ, ', "): a dense printed page has a few hundred
FLOOD_KEEP_BYTES = 40_000  # content kept of such a flooded page (a dense printed page needs about 50 KB of content)
_TEXT_OP = re.compile(rb"(?<![A-Za-z])(?:T[jJ]|'|\")(?=[\s\[\]()<>/%]|$)")


def _cap_text_flood(page, number: int) -> str | None:
    """A page with megabytes of text (2 MB in a 38 KB file) would make pdfplumber build a dict per
    character, GBs. Such a page's content (over FLOOD_CONTENT_BYTES, with over FLOOD_TEXT_OPS text
    operators) is cut at the first text operator past FLOOD_KEEP_BYTES, before pdfminer reads it,
    and a warning returned; None for a normal page."""
    from pdfminer.pdftypes import PDFStream, resolve1

    streams = resolve1(page.page_obj.attrs.get("Contents"))
    streams = [resolve1(r) for r in (streams if isinstance(streams, list) else [streams])]
    streams = [st for st in streams if isinstance(st, PDFStream)]
    if sum(len(st.get_data()) for st in streams) <= FLOOD_CONTENT_BYTES:
        return None
    data = b"\n".join(st.get_data() for st in streams)
    ops = 0
    cut = None
    for m in _TEXT_OP.finditer(data):
        ops += 1
        if cut is None and m.end() >= FLOOD_KEEP_BYTES:
            cut = m.end()
    if cut is None or ops < FLOOD_TEXT_OPS:
        return None  # big drawings, little text: read as usual
    capped = PDFStream({}, data[:cut] + b"\nET\n")
    capped.objid, capped.genno = streams[0].objid, streams[0].genno  # pdfminer runs indirect streams only
    page.page_obj.contents = [capped]
    return warning("pdf.content_flood", page=number, mb=f"{len(data) / 1e6:.1f}", ops=f"{ops:,}", kb=f"{cut / 1e3:.0f}")


def read_pdf(
    path: Path,
    digest: str,
    *,
    ocr_workers: int | None = None,
    pages: Sequence[int] | None = None,
    page_timeout: float = 180,
    max_pages: int = 2000,
    max_pixels: int = 100_000_000,
    deskew: bool = True,
    binarize: bool = False,
) -> Document:
    plumber, count, doc_warnings = _open(path, max_pages)
    try:
        wanted = _select_pages(count, pages, max_pages, doc_warnings, str(path))
    except BaseException:
        plumber.close()  # the PDFium document _open left open for the pages
        raise
    done: dict[int, Page] = {}
    tasks: list[ocr_mod.OcrTask] = []
    reasons: dict[int, str] = {}
    layer_lines: dict[int, list[Line]] = {}  # text-layer lines of pages OCR'd by geometry
    reader = PageReader(plumber, _plumber_page)  # characters from PDFium where it can (pdfium_text.py)
    try:
        for number in wanted:
            layer = _page_layer(path, plumber, number, reader, doc_warnings)
            segments, rotated, cover, width, height, grids, glyphs = layer
            page_warnings: list[str] = []
            plain = [_line(s, number, None) for s in segments]
            plain, stamp = drop_stamps(plain)
            if stamp:
                page_warnings.append(warning("page.stamp_left_out", page=number, text=" / ".join(stamp)[:200]))
            verdict = _judge_page(path, number, segments, cover, plain, stamp, page_warnings, layer_lines)
            if verdict.use == "ocr":
                reasons[number] = verdict.reason
                dpi = _ocr_dpi(width, height, max_pixels)
                tasks.append(ocr_mod.OcrTask("pdf", str(path), number - 1, number, page_timeout, dpi, deskew, binarize))
                done[number] = Page(number, (), "ocr", width, height, (), tuple(page_warnings))
                continue
            done[number] = _text_layer_page(number, layer, plain, verdict, page_warnings)
            plumber.flush_cache()  # pdfminer's per-document caches grow with every page read
        _check_repeated_pages(path, plumber, count, done)
    finally:
        reader.close()
        plumber.close()
    _add_ocr_pages(done, ocr_mod.ocr_pages(tasks, ocr_workers), reasons, layer_lines)
    out_pages = _drop_running_headers([done[n] for n in wanted])
    return Document(
        path=str(path),
        sha256=digest,
        format="pdf",
        pages=tuple(out_pages),
        text_source=overall_source(out_pages),
        warnings=tuple(doc_warnings) + tuple(w for p in out_pages for w in p.warnings),
    )


def _check_repeated_pages(path: Path, plumber, count: int, done: dict[int, Page]) -> None:
    """A page tree that loops (a /Pages node among its own /Kids) has PDFium, which trusts the tree's
    /Count, give an earlier page again in place of the missing ones: the text would be counted twice.
    Pages with the same lines at the same places are the sign (pages that share one content stream
    show it too, legitimately): then the tree is walked by pdfminer, which keeps the nodes it has seen,
    and a tree that leads to fewer pages than it declares is a damaged PDF, as it was before PDFium read
    the text. Pages without text are not compared."""
    seen: set[tuple] = set()
    repeated = False
    for page in done.values():
        if not page.lines:
            continue
        key = tuple((line.text, line.bbox) for line in page.lines)
        if key in seen:
            repeated = True
            break
        seen.add(key)
    if not repeated:
        return
    found = len(plumber.pages)  # taken once, and kept for the pages pdfplumber reads
    if found != count:
        raise InputFileError(N_("damaged PDF: its page tree declares {count} pages but leads to {found}").format(
            count=count, found=found), str(path))


def _page_layer(path: Path, plumber, number: int, reader: PageReader, doc_warnings: list[str]):
    """Page ``number``'s text layer: (segments, rotated, cover, width, height, grids, glyphs); an empty
    layer (read by OCR) when pdfminer cannot parse its content stream. The pdfplumber page is taken
    only when PDFium cannot read the page alone (PageReader)."""
    opened = []

    def plumber_page():
        if not opened:
            try:
                page = plumber.pages[number - 1]
            except InputFileError:
                raise
            except Exception as e:
                raise InputFileError(N_("damaged PDF: page {number} cannot be read ({error})").format(number=number, error=type(e).__name__), str(path)) from e
            opened.append(page)
            flood = _cap_text_flood(page, number)  # megabytes of text on one page: bounded memory
            if flood:
                doc_warnings.append(flood)
        return opened[0]

    try:
        glyphs, rotated, cover, grids = reader.read(number - 1, plumber_page, number, doc_warnings)
        if opened:
            width, height = float(opened[0].width), float(opened[0].height)
        else:
            width, height = reader.size
        segments = lines_from_glyphs(glyphs)
    except InputFileError:
        raise
    except Exception as e:  # pdfminer on a damaged content stream
        doc_warnings.append(warning("pdf.layer_unparsable", page=number, error=type(e).__name__))
        segments, rotated, cover, width, height, grids, glyphs = [], 0, 1.0, None, None, [], []
    finally:
        if opened:
            opened[0].close()
    return segments, rotated, cover, width, height, grids, glyphs


def _judge_page(path: Path, number: int, segments, cover: float, plain: list[Line], stamp: list[str],
                page_warnings: list[str], layer_lines: dict[int, list[Line]]):
    """Whether the page's text layer is used ("text", "legacy") or the page is OCR'd; a layer over a
    scanned image that misses print is kept in ``layer_lines`` to merge with the OCR."""
    text = "\n".join(l.text for l in plain)
    verdict = judge_text_layer(text, has_image=cover > 0.5 or not segments)
    if verdict.use == "ocr" and stamp and not text.strip():
        verdict = type(verdict)("ocr", "the text layer has only e-signature stamp text")
    if verdict.use != "ocr" and cover > 0.5 and segments:
        # the text layer over a scanned image: used only when it covers the print
        try:
            ink, outside = ink_outside_text(str(path), number - 1, [(s.x0, s.top, s.x1, s.bottom) for s in segments])
        except Exception as e:  # the check is optional: without it the layer is judged by its text alone
            page_warnings.append(warning("pdf.ink_check_failed", page=number, error=type(e).__name__))
            ink, outside = 0.0, 0.0
        if ink >= MIN_INK and outside > UNCOVERED_INK:
            verdict = type(verdict)("ocr", N_("the text layer covers only {share} of the print on the scanned image").format(
                share=f"{1 - outside:.0%}"))
            layer_lines[number] = plain
    return verdict


def _ocr_dpi(width: float | None, height: float | None, max_pixels: int) -> int:
    """OCR's resolution: a page whose image would pass ``max_pixels`` is rendered at a lower one."""
    dpi = ocr_mod.DPI
    if width and height and (width * dpi / 72) * (height * dpi / 72) > max_pixels:
        dpi = int(72 * (max_pixels / (width * height)) ** 0.5)
    return dpi


def _text_layer_page(number: int, layer, plain: list[Line], verdict, page_warnings: list[str]) -> Page:
    """A page read from its text layer (TCVN3/VNI converted to Unicode), page numbers and tables apart."""
    segments, rotated, _cover, width, height, grids, glyphs = layer
    source = "text-layer"
    if verdict.use == "legacy":
        lines = [_line(s, number, verdict.encoding) for s in segments]
        lines, _ = drop_stamps(lines)
        page_warnings.append(warning("pdf.legacy_layer", page=number, reason=verdict.reason))
        source = "legacy-converted"
    else:
        lines = plain
        if any(_legacy_font(s.fonts()) for s in segments):
            source = "legacy-converted"
            page_warnings.append(warning("page.legacy_fonts", page=number))
    if rotated:
        page_warnings.append(warning("pdf.rotated_chars", page=number, n=rotated))
    lines = _drop_page_numbers(lines, height or 842.0)
    tables = _tables(grids, glyphs, number, verdict.encoding if verdict.use == "legacy" else None)
    return Page(number, tuple(lines), source, width, height, tables, tuple(page_warnings))


def _add_ocr_pages(done: dict[int, Page], results, reasons: dict[int, str], layer_lines: dict[int, list[Line]]) -> None:
    """OCR'd pages in place of their placeholders in ``done``, merged with a partial text layer if any."""
    for number, result in {r.number: r for r in results}.items():
        lines, stamp = ocr_mod.drop_stamp_lines(list(result.lines))
        old = done[number]
        warnings = list(old.warnings) + [warning("pdf.ocr_instead", page=number, reason=reasons[number])] + result.warnings
        if layer_lines.get(number) and result.lines and not result.rotated:
            lines, left_out = merge_text_layer(lines, layer_lines[number])
            lines = list(ocr_mod.order_lines(lines))
            if left_out:
                warnings.append(warning("pdf.unplaced_lines", page=number, text=" / ".join(left_out)[:200]))
        if stamp:
            warnings.append(warning("page.stamp_left_out", page=number, text=" / ".join(stamp)[:200]))
        done[number] = Page(number, tuple(lines), "ocr", result.width or old.width, result.height or old.height,
                            (), tuple(warnings))


def overall_source(pages: Sequence[Page]) -> str:
    kinds = {p.text_source for p in pages}
    if not kinds:
        return "text-layer"
    return kinds.pop() if len(kinds) == 1 else "mixed"


def _select_pages(count: int, pages: Sequence[int] | None, max_pages: int, warnings: list[str], path: str) -> list[int]:
    if pages is None:
        wanted = list(range(1, count + 1))
    else:
        wanted = sorted({int(p) for p in pages})
        outside = [p for p in wanted if not 1 <= p <= count]
        if outside:
            warnings.append(warning("pages.outside", pages=", ".join(map(str, outside)), count=count))
        wanted = [p for p in wanted if 1 <= p <= count]
        if not wanted:
            raise InputFileError(N_("none of the pages asked for exist (the file has {count})").format(count=count), path)
    if len(wanted) > max_pages:
        warnings.append(warning("pages.max_pages", count=len(wanted), max_pages=max_pages))
        wanted = wanted[:max_pages]
    return wanted
