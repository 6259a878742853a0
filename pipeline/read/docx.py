"""Word files (.docx) with python-docx: paragraphs and tables in document order, bold, italic, font
size, and footnotes (read from word/footnotes.xml, which python-docx has no API for).

A DOCX has no printed positions, so Line.bbox is made up to carry what segmentation needs:

* x0/x1 say which column a line is in. A body paragraph spans the page (0 … page width). In a layout
  table (the agency | national motto header, the "Nơi nhận" | signer block: at most 3 columns), the
  cell in column j of n spans j·W/n … (j+1)·W/n, so the left cell starts at 0 and the right one at W/2.
  Such a table is read column by column (the whole agency block, then the whole motto block), as the
  PDF reader does.
* top/bottom are a running position (each line one font size and a bit below the last), not a
  printed place: they keep the order and let "same row" be told apart across the cells of a table.

Footnote references (w:footnoteReference) become Markers numbered in order of appearance, as Word
prints them; the footnote texts come last, each line starting with its marker (offset 0).
Runs in a legacy-encoded font (.VnTime: TCVN3, VNI-Times: VNI) are converted to Unicode.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from ..errors import InputFileError
from ..i18n import N_
from ..i18n.warning_codes import warning
from ..model import Document, Line, Marker, Page, Table
from ..text import nfc
from .encodings import convert_legacy
from .tables import is_layout_block

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
CONTAINERS = (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag", f"{W}ins", f"{W}moveTo")
_TCVN3_FONT = re.compile(r"^\.?Vn[A-Z]", re.I)
_TCVN3_CAPS = re.compile(r"^\.?Vn[A-Za-z]+H$")
_VNI_FONT = re.compile(r"^VNI[-_ ]", re.I)
DEFAULT_SIZE = 13.0
LAYOUT_TABLE_MAX_COLUMNS = 3


class _State:
    def __init__(self, width: float):
        self.width = width
        self.y = 0.0
        self.legacy = False
        self.note_numbers: dict[str, str] = {}


def _all_caps(run_el) -> bool:
    """The run is formatted in capitals (w:caps: Word shows "Cộng hòa" as "CỘNG HÒA"; the page is what
    the header grammar reads, and the motto and agency lines are capitals there)."""
    rpr = run_el.find(f"{W}rPr")
    caps = rpr.find(f"{W}caps") if rpr is not None else None
    return caps is not None and caps.get(f"{W}val", "true") not in ("0", "false")


def _run_font(run_el, styles_size: float | None) -> tuple[str | None, float | None, bool | None, bool | None]:
    rpr = run_el.find(f"{W}rPr")
    name = size = bold = italic = None
    if rpr is not None:
        fonts = rpr.find(f"{W}rFonts")
        if fonts is not None:
            name = fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi")
        sz = rpr.find(f"{W}sz")
        if sz is not None and sz.get(f"{W}val", "").isdigit():
            size = int(sz.get(f"{W}val")) / 2
        b = rpr.find(f"{W}b")
        if b is not None:
            bold = b.get(f"{W}val", "true") not in ("0", "false")
        i = rpr.find(f"{W}i")
        if i is not None:
            italic = i.get(f"{W}val", "true") not in ("0", "false")
    return name, size or styles_size, bold, italic


BREAK = "\ue000"  # a line break kept (layout table cells): "CHỦ TỊCH QUỐC HỘI<br/>Nguyễn Thị Kim Ngân"


def _paragraph(p_el, state: _State, style_of, default_font: str | None,
               breaks: bool = False) -> tuple[str, str, tuple[Marker, ...], float | None, bool | None, bool | None]:
    """(text, original, markers, size, bold, italic) of one w:p element; with ``breaks`` a line break
    is kept as BREAK, else it is a space."""
    style_size, style_bold, style_font = style_of(p_el)
    parts: list[str] = []
    originals: list[str] = []
    markers: list[Marker] = []
    sizes: list[tuple[float, int]] = []
    bolds: list[tuple[bool, int]] = []
    italics: list[tuple[bool, int]] = []
    for run in _own_runs(p_el):
        name, size, bold, italic = _run_font(run, style_size)
        name = name or style_font or default_font
        caps = _all_caps(run)
        for child in run:
            tag = child.tag
            if tag == f"{W}footnoteReference":
                note_id = child.get(f"{W}id")
                if note_id is not None:
                    number = state.note_numbers.setdefault(note_id, str(len(state.note_numbers) + 1))
                    markers.append(Marker(offset=len("".join(parts)), marker=number))
                continue
            if tag == f"{W}t":
                raw = child.text or ""
            elif tag == f"{W}tab":
                raw = "\t"
            elif tag in (f"{W}br", f"{W}cr"):
                if child.get(f"{W}type") == "page":
                    raw = " "
                else:
                    raw = BREAK if breaks else " "
            else:
                continue
            text = raw
            if name and raw.strip():
                if _TCVN3_FONT.match(name):
                    text = convert_legacy(raw, "tcvn3", upper=bool(_TCVN3_CAPS.match(name)))
                elif _VNI_FONT.match(name):
                    text = convert_legacy(raw, "vni")
                if text != raw:
                    state.legacy = True
            if caps:
                text = text.upper()
            parts.append(text)
            originals.append(raw)
            n = len(raw.strip())
            if n:
                sizes.append((size or DEFAULT_SIZE, n))
                bolds.append((bool(bold if bold is not None else style_bold), n))
                italics.append((bool(italic), n))
    text = "".join(parts)
    original = "".join(originals)
    # collapse whitespace, keeping marker offsets right (computed per marker: a 10 MB paragraph
    # must not cost a map entry per character)
    collapsed = _SPACES.sub(" ", text)
    lead = len(collapsed) - len(collapsed.lstrip())
    collapsed_text = collapsed.strip()
    markers = [Marker(max(0, min(len(collapsed_text), len(_SPACES.sub(" ", text[: m.offset])) - lead)), m.marker)
               for m in markers]

    def majority(pairs):
        if not pairs:
            return None
        total = sum(n for _, n in pairs)
        return sum(n for v, n in pairs if v) * 2 > total

    size = max(set(s for s, _ in sizes), key=lambda s: sum(n for v, n in sizes if v == s)) if sizes else style_size
    return nfc(collapsed_text), _SPACES.sub(" ", original).strip(), tuple(markers), size, majority(bolds), majority(italics)


_SPACES = re.compile(r"\s+")


def _own_runs(p_el):
    """The runs of a paragraph, in order, without those of text boxes anchored in it (read as
    paragraphs of their own) and without the fallback copy Word keeps of a drawing (read once)."""
    stack = list(reversed(list(p_el)))
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag == f"{W}r":
            yield el
        if tag in (f"{W}txbxContent", MC_FALLBACK) or not isinstance(tag, str):
            continue
        stack.extend(reversed(list(el)))


def _text_boxes(p_el):
    """(text box content, x offset in points or None) of the text boxes anchored in a paragraph, once each."""
    found = []
    stack = [(child, None) for child in reversed(list(p_el))]
    while stack:
        el, x = stack.pop()
        tag = el.tag
        if not isinstance(tag, str) or tag == MC_FALLBACK:
            continue
        if tag == f"{W}txbxContent":
            found.append((el, x))
            continue
        if tag == f"{WP}anchor":
            offset = el.find(f"{WP}positionH/{WP}posOffset")
            try:
                x = int(offset.text) / 12700 if offset is not None else x  # EMU -> points
            except (TypeError, ValueError):
                pass
        stack.extend((child, x) for child in reversed(list(el)))
    return found


def _blocks(parent):
    """Paragraphs and tables of a body (or text box, or cell), in order, with content controls
    (w:sdt), custom XML and tracked insertions opened: their content is the document's."""
    stack = list(reversed(list(parent)))
    while stack:
        el = stack.pop()
        if el.tag in (f"{W}p", f"{W}tbl"):
            yield el
        elif el.tag in CONTAINERS:
            stack.extend(reversed(list(el)))


MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # a 300-page report with its images unpacks to a few tens of MB
MAX_RATIO = 200  # XML deflates about 10:1; a part that inflates 1000:1 is a zip bomb


def _refuse_bomb(path: Path) -> None:
    """Refuse a zip bomb from the ZIP directory alone (the sizes it declares), before inflating a byte:
    python-docx would otherwise read word/document.xml whole into memory."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError) as e:
        raise InputFileError(N_("not a readable DOCX ({error}): damaged, or another ZIP file").format(error=type(e).__name__), str(path)) from e
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise InputFileError(N_("refused: the DOCX would unpack to {size} MB (limit {limit} MB): a zip bomb or not a report").format(
            size=f"{total / 1e6:,.0f}", limit=f"{MAX_UNPACKED_BYTES / 1e6:,.0f}"), str(path))
    for i in infos:
        if i.file_size > 1_000_000 and i.file_size > MAX_RATIO * max(1, i.compress_size):
            raise InputFileError(N_("refused: {part} would inflate {ratio}:1 (limit {limit}:1): a zip bomb").format(
                part=i.filename, ratio=f"{i.file_size // max(1, i.compress_size):,}", limit=MAX_RATIO), str(path))
    # those are the sizes the directory claims; zipfile.read() inflates a part whole before cutting it
    # to the claimed size, so a directory that lies would still cost GBs. Reading each part in 1 MB
    # chunks checks sizes and CRCs in bounded memory.
    try:
        with zipfile.ZipFile(path) as z:
            for info in infos:
                with z.open(info) as part:
                    while part.read(1 << 20):
                        pass
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as e:
        raise InputFileError(N_("damaged DOCX: a part does not match the ZIP directory ({error})").format(error=f"{type(e).__name__}: {e}"),
                             str(path)) from e


LARGE_PART_BYTES = 8_000_000  # a word/document.xml past this is read by _capped (libxml2 refuses a 10 MB text node)


def _source(path: Path, warnings: list[str]):
    """What python-docx opens: the file, or, when its word/document.xml is over LARGE_PART_BYTES, a copy
    in memory cut as _capped cuts it (with a warning)."""
    with zipfile.ZipFile(path) as z:
        try:
            size = z.getinfo("word/document.xml").file_size
        except KeyError:
            return str(path)  # python-docx says what is missing
        if size <= LARGE_PART_BYTES:
            return str(path)
        import io

        xml, cut, total, kept = _capped(z)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
            for info in z.infolist():
                copy.writestr(info.filename, xml if info.filename == "word/document.xml" else z.read(info))
    from . import FLOOD_LINE_CHARS

    if cut:
        warnings.append(warning("docx.long_paragraphs", n=cut, kept=f"{FLOOD_LINE_CHARS:,}"))
    if kept < total:
        warnings.append(warning("text.too_long", size=f"{total:,}", kept=f"{kept:,}"))
    out.seek(0)
    return out


def _capped(z: zipfile.ZipFile) -> tuple[bytes, int, int, int]:
    """word/document.xml parsed as a stream (huge text nodes allowed), each paragraph's text cut to
    read.FLOOD_LINE_CHARS, and the body's paragraphs and tables after the first read.MAX_TEXT_CHARS
    characters dropped as they are read (the tree python-docx then builds stays that small):
    (the XML written back, paragraphs cut, characters in all, characters kept)."""
    from lxml import etree

    from . import FLOOD_LINE_CHARS, MAX_TEXT_CHARS

    budgets: list[list] = []  # [characters left, cut] of each open paragraph (text boxes nest paragraphs)
    cut = total = kept = block = 0
    full = False
    with z.open("word/document.xml") as part:
        events = etree.iterparse(part, events=("start", "end"), huge_tree=True, resolve_entities=False,
                                 no_network=True)
        for event, el in events:
            tag = el.tag
            if tag == f"{W}p":
                if event == "start":
                    budgets.append([FLOOD_LINE_CHARS, False])
                else:
                    cut += budgets.pop()[1]
            elif event == "end" and tag == f"{W}t" and el.text:
                if budgets:
                    open_p = budgets[-1]
                    if len(el.text) > open_p[0]:
                        el.text = el.text[:open_p[0]]
                        open_p[1] = True
                    open_p[0] -= len(el.text)
                block += len(el.text)
                total += len(el.text)
            if event == "end" and tag != f"{W}sectPr" and el.getparent() is not None \
                    and el.getparent().tag == f"{W}body":
                if full or kept + block > MAX_TEXT_CHARS:
                    full = True
                    el.getparent().remove(el)  # past the bound: not kept, not built again by python-docx
                else:
                    kept += block
                block = 0
        root = events.root
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), cut, total, kept


def read_docx(path: Path, digest: str) -> Document:
    flood_warnings: list[str] = []
    document = _open_docx(path, flood_warnings)
    width = _text_width(document)
    body = _Body(document, _State(width), width)
    for el in _blocks(document.element.body):
        body.emit_block(el, 0.0, width)
    state, lines = body.state, body.lines
    note_warnings = _add_footnotes(path, state, width, lines)
    source = "legacy-converted" if state.legacy else "plain"
    warnings = (((warning("docx.legacy_fonts"),) if state.legacy else ()) + tuple(flood_warnings)
                + tuple(note_warnings))
    if not lines:
        warnings += (_no_text_warning(document.element.body),)
    page = Page(1, tuple(lines), source, width, None, tuple(body.tables), warnings)
    return Document(path=str(path), sha256=digest, format="docx", pages=(page,), text_source=source, warnings=warnings)


def _no_text_warning(body) -> str:
    """What a DOCX without text in its body holds instead: pictures (a scan pasted into Word) are
    named, since their text is what is left out."""
    pictures = sum(1 for el in body.iter() if isinstance(el.tag, str) and el.tag in (f"{W}drawing", f"{W}pict"))
    if pictures:
        return warning("docx.pictures_only", pictures=pictures)
    return warning("docx.empty")


def _open_docx(path: Path, flood_warnings: list[str]):
    """The python-docx document of ``path``; a one-line error when it is no DOCX, damaged or a ZIP bomb."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as e:  # pragma: no cover - a declared dependency
        from ..errors import MissingDependency

        raise MissingDependency(N_("reading DOCX needs python-docx: pip install python-docx")) from e
    _refuse_bomb(path)
    try:
        return docx.Document(_source(path, flood_warnings))
    except (PackageNotFoundError, KeyError, zipfile.BadZipFile, ValueError) as e:
        raise InputFileError(N_("not a readable DOCX ({error}): damaged, or another ZIP file").format(error=type(e).__name__), str(path)) from e
    except Exception as e:  # lxml errors on a damaged part
        raise InputFileError(N_("damaged DOCX ({error})").format(error=type(e).__name__), str(path)) from e


def _text_width(document) -> float:
    """The width of the first section's text area in points (0 is the left margin); A4's when unset."""
    section = document.sections[0] if document.sections else None
    width = 595.3
    if section is not None and section.page_width:
        width = float(section.page_width.pt)
        margins = (section.left_margin.pt if section.left_margin else 0) + (section.right_margin.pt if section.right_margin else 0)
        width = max(100.0, width - margins)  # the text area: 0 is the left margin
    return width


class _Body:
    """The body's paragraphs, tables and text boxes laid out as lines top to bottom on one page."""

    def __init__(self, document, state: _State, width: float):
        self.document, self.state, self.width = document, state, width
        self.lines: list[Line] = []
        self.tables: list[Table] = []
        self.default_font = None
        try:
            self.default_font = document.styles["Normal"].font.name
        except KeyError:
            pass
        self.style_cache: dict[str, tuple[float | None, bool | None, str | None]] = {}

    def style_of(self, p_el):
        """(size, bold, font) of a paragraph's style, through its base styles."""
        import docx

        ppr = p_el.find(f"{W}pPr")
        sid = None
        if ppr is not None and ppr.find(f"{W}pStyle") is not None:
            sid = ppr.find(f"{W}pStyle").get(f"{W}val")
        if sid not in self.style_cache:
            size = bold = font = None
            try:
                styles = self.document.styles
                style = styles.get_by_id(sid, docx.enum.style.WD_STYLE_TYPE.PARAGRAPH) if sid else styles["Normal"]
                while style is not None and (size is None or bold is None or font is None):
                    f = style.font
                    size = size or (f.size.pt if f.size else None)
                    bold = bold if bold is not None else f.bold
                    font = font or f.name
                    style = style.base_style
            except (KeyError, AttributeError):
                pass
            self.style_cache[sid] = (size, bold, font)
        return self.style_cache[sid]

    def emit(self, p_el, x0: float, x1: float, breaks: bool = False):
        """A paragraph's lines (one per line break) between x0 and x1; an empty one only moves down."""
        state = self.state
        text, original, markers, size, bold, italic = _paragraph(p_el, state, self.style_of, self.default_font, breaks)
        if not text.strip(BREAK + " "):
            state.y += (size or DEFAULT_SIZE) * 0.6
            return
        size = size or DEFAULT_SIZE
        pieces = text.split(BREAK)
        originals = original.split(BREAK)
        if len(originals) != len(pieces):
            originals = [None] * len(pieces)
        start = 0
        for piece, orig in zip(pieces, originals):
            end = start + len(piece)
            own = tuple(Marker(m.offset - start, m.marker) for m in markers if start <= m.offset <= end
                        or (piece is pieces[-1] and m.offset > end))
            start = end + 1
            piece, orig = piece.strip(), " ".join((orig or "").split()) or None
            if not piece:
                continue
            top = state.y
            state.y += size * 1.2
            self.lines.append(Line(text=piece, page=1, bbox=(round(x0, 2), round(top, 2), round(x1, 2), round(state.y, 2)),
                                   font_size=size, bold=bold, italic=italic, markers=own,
                                   original=orig if orig is not None and orig != piece else None))

    def emit_block(self, el, x0: float, x1: float):
        """A table, or a paragraph and the text boxes anchored in it."""
        state, width = self.state, self.width
        if el.tag == f"{W}tbl":
            _table(el, self.emit, state, self.tables)
            return
        self.emit(el, x0, x1)
        boxes = _text_boxes(el)
        start = bottom = state.y
        for box, x in boxes:  # a header set in text boxes: each box's lines once, side by side as drawn
            if x is None:
                bx0, bx1 = x0, x1
            else:
                half = 0 if x < width * 0.4 else 1
                bx0, bx1 = half * width / 2, (half + 1) * width / 2
            state.y = start if x is not None else bottom
            for inner in _blocks(box):
                self.emit_block(inner, bx0, bx1)
            bottom = max(bottom, state.y)
        state.y = bottom


def _add_footnotes(path: Path, state: _State, width: float, lines: list[Line]) -> list[str]:
    """The footnotes as lines below the body, each marked with its number; their warnings returned."""
    notes, note_warnings = _footnotes(path, state)
    for number, text, original in notes:
        top = state.y
        state.y += 10 * 1.2
        lines.append(Line(text=text, page=1, bbox=(0.0, round(top, 2), round(width, 2), round(state.y, 2)),
                          font_size=10.0, markers=(Marker(0, number),), original=original if original != text else None))
    return note_warnings


def _table(tbl_el, emit, state: _State, tables: list[Table]) -> None:
    rows = []
    for tr in tbl_el.iterchildren(f"{W}tr"):
        cells = [tc for tc in tr.iterchildren(f"{W}tc")]
        rows.append(cells)
    if not rows:
        return
    ncols = max(len(r) for r in rows) or 1
    texts = tuple(tuple(_cell_text(tc) for tc in r) for r in rows)
    col_w = state.width / ncols
    table_top = state.y
    if ncols <= LAYOUT_TABLE_MAX_COLUMNS:
        # a layout table: column by column, every column starting at the table's top
        start = state.y
        bottom = start
        for j in range(ncols):
            state.y = start
            for r in rows:
                if j < len(r):
                    for p in r[j].iter(f"{W}p"):
                        emit(p, j * col_w, (j + 1) * col_w, breaks=True)
            bottom = max(bottom, state.y)
        state.y = bottom
    else:
        for r in rows:
            start = state.y
            bottom = start
            for j, tc in enumerate(r):
                state.y = start
                for p in tc.iter(f"{W}p"):
                    emit(p, j * col_w, (j + 1) * col_w)
                bottom = max(bottom, state.y)
            state.y = bottom
    if not is_layout_block(texts) and not _is_signer_table(rows):
        # the made-up bbox spans the table's lines, so the segmenter can set them aside
        tables.append(Table(page=1, bbox=(0.0, round(table_top, 2), round(state.width, 2), round(state.y, 2)), rows=texts))


def _cell_lines(tc) -> list[str]:
    """A cell's lines: its paragraphs, cut at their line breaks."""
    out = []
    for p in tc.iter(f"{W}p"):
        text = "".join(t.text or "" if t.tag == f"{W}t" else "\n" for t in p.iter(f"{W}t", f"{W}br", f"{W}cr"))
        out += [" ".join(x.split()) for x in text.split("\n") if x.strip()]
    return out


def _cell_text(tc) -> str | None:
    """A cell's lines joined with a space ("ỦY BAN NHÂN DÂN" + "HUYỆN …" must not run together, nor
    "CHỦ TỊCH QUỐC HỘI" + a line break + "Nguyễn Thị Kim Ngân")."""
    return " ".join(_cell_lines(tc)) or None


_NAME_LINE = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s){1,5}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+$")


def _is_signer_table(rows) -> bool:
    """A signature block drawn as a small table without "TM."/"KT." or Nơi nhận: a cell whose last
    line is a person's name under an upper-case position ("CHỦ TỊCH QUỐC HỘI" / "Nguyễn Thị Kim Ngân",
    the way laws are signed)."""
    if len(rows) > 2 or max((len(r) for r in rows), default=0) > 3:
        return False
    for r in rows:
        for tc in r:
            lines = [x for x in _cell_lines(tc) if not re.fullmatch(r"[(\[]?\s*(?:đã ký|Đã ký|ĐÃ KÝ)\s*[)\]]?", x)]
            if len(lines) >= 2 and len(lines) <= 6 and _NAME_LINE.match(lines[-1]) \
                    and any(x.upper() == x and any(c.isalpha() for c in x) for x in lines[:-1]):
                return True
    return False


def _footnotes(path: Path, state: _State) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(number, text, original) of every footnote the body refers to, and warnings: a damaged
    footnotes part is read as far as it goes, and what is missing is said."""
    from lxml import etree

    warnings: list[str] = []
    try:
        with zipfile.ZipFile(path) as z:
            if "word/footnotes.xml" not in z.namelist():
                if state.note_numbers:
                    warnings.append(warning("docx.footnotes_missing", n=len(state.note_numbers)))
                return [], warnings
            data = z.read("word/footnotes.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return [], [warning("docx.footnotes_unreadable")]
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as e:
        root = etree.fromstring(data, etree.XMLParser(recover=True, huge_tree=False))
        warnings.append(warning("docx.footnotes_damaged", error=" ".join(str(e).split())[:80]))
        if root is None:
            return [], warnings[:-1] + [warning("docx.footnotes_lost")]
    out = []
    for note in root.iter(f"{W}footnote"):
        note_id = note.get(f"{W}id")
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        number = state.note_numbers.get(note_id)
        if number is None:
            continue  # never referenced from the body
        texts, originals = [], []
        for p in note.iter(f"{W}p"):
            text, original, _, _, _, _ = _paragraph(p, state, lambda _p: (None, None, None), None)
            if text:
                texts.append(text)
                originals.append(original)
        if texts:
            out.append((number, " ".join(texts), " ".join(originals)))
    out.sort(key=lambda t: int(t[0]) if t[0].isdigit() else 0)
    missing = sorted(set(state.note_numbers.values()) - {n for n, _, _ in out}, key=lambda n: int(n) if n.isdigit() else 0)
    if missing and warnings:
        warnings.append(warning("docx.footnotes_not_found", numbers=", ".join(missing)))
    return out, warnings
