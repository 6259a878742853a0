"""Characters of a PDF page from PDFium's text page: the Glyphs that pdfplumber gave, at a fraction of
the cost (pdfminer parsing page objects under ``page.chars`` was 80 % of reading a born-digital PDF).

For every character that is drawn (not one PDFium generates between words and lines) the text page
gives its Unicode text, its loose box, font size, font name and matrix. They are turned into exactly
what ``pdf._glyphs`` makes of pdfplumber's characters, in pdfplumber's coordinates (origin top left):

- x0, x1 and bottom from the loose box (origin to advance width; baseline plus the font's descent),
  top = bottom - size, as pdfminer draws a character's box one em high;
- size = the font size scaled by the character's matrix (pdfminer's ``size``, the box height);
- the font name is the font's base name, subset tag included (``ABCDEF+.VnTime``), so the TCVN3/VNI
  detection by font name works the same;
- a character is "rotated" (left out, counted) when pdfminer would call it not upright, or when its
  baseline is slanted (layout.turned).

Pages whose page objects could hold a ruled table (enough path segments, or paths inside form
XObjects, where their position needs the form's matrix) have their rules found by pdfplumber, and
files PDFium cannot open are read with pdfplumber: there pdfplumber's geometry is worth its cost.
Text inside form XObjects (flattened e-signature stamps, numbers and dates stamped into the "Số:" and
"ngày … tháng" blanks) is read by PDFium too, a slanted (synthetic italic) stamp font with the slanted box
pdfminer gives it; stamp text turned off its baseline and a line-end hyphen PDFium cannot tell from a soft
hyphen (_drawn_hyphen) send the page to pdfplumber. PDFium is the default; ``BAOCAO_PDF_TEXT=pdfplumber`` reads every page with pdfplumber (the
reference the tests compare against, tests/test_pdfium_text.py).

PDFium is not thread-safe: every call here holds ocr.PDFIUM_LOCK.
"""
from __future__ import annotations

import ctypes
import os
import struct
from collections.abc import Callable
from functools import lru_cache

from . import ocr as ocr_mod
from .layout import Glyph, turned
from .tables import HAIRLINE, MIN_RULES, RulePage

# (glyphs, rotated characters left out, largest image's share of the page, ruled-table grids)
PageContent = tuple


def engine() -> str:
    """"pdfium" (the default) or "pdfplumber" (BAOCAO_PDF_TEXT=pdfplumber)."""
    value = os.environ.get("BAOCAO_PDF_TEXT", "").strip().lower()
    return "pdfplumber" if value == "pdfplumber" else "pdfium"


class PageReader:
    """Reads pages of one opened pdfplumber PDF, with PDFium where it can. ``fallback(page, number,
    warnings)`` reads a pdfplumber page the old way and returns PageContent."""

    def __init__(self, plumber, fallback: Callable, use_pdfium: bool | None = None):
        self.plumber = plumber
        self.fallback = fallback
        self.doc = None
        self.loaded: dict = {}  # pages the opening left loaded (pdf._open), by index
        self.pdfium_pages = 0  # pages whose characters came from PDFium
        self.size: tuple[float, float] | None = None  # (width, height) of the page PDFium read last
        if use_pdfium is None:
            use_pdfium = engine() == "pdfium"
        if use_pdfium:
            kept = plumber.take_pdfium() if hasattr(plumber, "take_pdfium") else None
            if kept is not None:
                self.doc, self.loaded = kept
            else:
                self.doc = _open_like(plumber)

    def read(self, index: int, page, number: int, warnings: list[str]) -> PageContent:
        """``page``: the pdfplumber page, or a function that returns it (taken only if needed)."""
        self.size = None
        if self.doc is not None:
            with ocr_mod.PDFIUM_LOCK:
                content = _read_page(self.doc, index, self.loaded.pop(index, None))
            if content is not None:
                self.pdfium_pages += 1
                glyphs, rotated, cover, maybe_grid, self.size, rules = content
                if not maybe_grid:
                    grids = []
                elif rules is not None:
                    grids = self.rule_grids(rules, number, warnings)
                else:
                    grids = self.fallback_grids(_page(page), number, warnings)
                return glyphs, rotated, cover, grids
        return self.fallback(_page(page), number, warnings)

    @staticmethod
    def rule_grids(page: RulePage, number, warnings):
        from .pdf import _grids

        return _grids(page, number, warnings)

    def fallback_grids(self, page, number, warnings):
        from .pdf import _grids, page_objects

        page_objects(page, chars=False)  # the rules are what the table finder needs
        return _grids(page, number, warnings)

    def close(self) -> None:
        if self.doc is not None:
            with ocr_mod.PDFIUM_LOCK:
                for page in self.loaded.values():
                    page.close()
                self.loaded = {}
                self.doc.close()
            self.doc = None


def _page(page):
    return page() if callable(page) else page


def _open_like(plumber):
    """The same bytes pdfplumber reads (the file, or the copy with annotations flattened) in PDFium;
    None when PDFium cannot open them."""
    import pypdfium2 as pdfium

    stream = getattr(plumber, "stream", None)
    if stream is None:
        return None
    try:
        if hasattr(stream, "getvalue"):
            source = stream.getvalue()
        else:
            name = getattr(stream, "name", None)
            if not isinstance(name, str):
                return None
            source = name
        with ocr_mod.PDFIUM_LOCK:
            return pdfium.PdfDocument(source)
    except Exception:  # PDFium refuses it: pdfplumber reads every page
        return None


_FONT_BUFFER = 512


class _Fallback(Exception):
    """The page is one PDFium does not read as pdfminer does: pdfplumber reads it."""


def _read_page(doc, index: int, page=None):
    """(glyphs, rotated, cover, maybe_grid) of page ``index`` (``page``: that page, already loaded),
    or None when PDFium cannot read it. Holds no PDFium object when it returns."""
    import pypdfium2.raw as raw

    if page is None:
        try:
            page = doc[index]
        except Exception:
            return None
    textpage = None
    try:
        if page.get_rotation() % 360:
            return None  # pdfplumber turns a rotated page's boxes: it reads the page
        width, height = page.get_size()
        left, bottom_edge = _origin(page)
        size = _plumber_size(page)
        if size is None or abs(size[0] - width) > 0.01 or abs(size[1] - height) > 0.01:
            return None  # a crop box inside the media box: pdfplumber measures from the media box
        scan = _scan_objects(raw, page, width, height, left, bottom_edge)
        if scan is None:
            return None
        cover, maybe_grid, blanks, form_texts = scan
        textpage = page.get_textpage()
        if raw.FPDFText_CountChars(textpage.raw) > FLOOD_CHARS:
            return None  # far more text than a page shows: pdfplumber's path cuts it (pdf._cap_text_flood)
        glyphs, rotated = _chars(raw, textpage.raw, height, left, bottom_edge, blanks, form_texts)
        if rotated:
            # rotated text (a stamp, a margin note, a turned table): PDFium's per-character matrices and
            # pdfminer's do not always agree on which characters are upright, so pdfplumber reads it
            return None
        rules = rule_objects(raw, page, width, height, left, bottom_edge) if maybe_grid else None
        return glyphs, rotated, cover, maybe_grid, size, rules
    except Exception:
        return None
    finally:
        if textpage is not None:
            textpage.close()
        page.close()


FLOOD_CHARS = 100_000  # characters on one page (a dense printed page has 5,000)
# Text objects (one per text-showing operator) on one page at or past which pdfplumber's path reads it:
# it measures the content and cuts a flood of hidden or stacked text with a warning (pdf._cap_text_flood,
# whose FLOOD_TEXT_OPS this is). PDFium's text page merges stacked copies of a line into one, so its
# character count alone would read such a page quietly.
FLOOD_TEXT_OBJECTS = 2_000


def _plumber_size(page) -> tuple[float, float] | None:
    """pdfplumber's page width and height: the media box's."""
    try:
        x0, y0, x1, y1 = (_f32(float(v)) for v in page.get_mediabox())
    except Exception:
        return None
    return abs(x1 - x0), abs(y1 - y0)


def _origin(page) -> tuple[float, float]:
    """The lower-left corner of the page's media box: pdfplumber measures from it."""
    try:
        box = page.get_mediabox()
        return float(box[0]), float(box[1])
    except Exception:
        return 0.0, 0.0


def _object_info(raw, tp, i: int, obj, buffers) -> tuple:
    """The text object of character i: (font name, font handle, em size, size as drawn, horizontal scale,
    descent, upright, skew). ``skew``: None for an unskewed character; (left, right), what a character
    slanted along x adds to the left and right edges of its box; True for one whose baseline is turned.
    ``buffers``: the ctypes out-parameters, made once per page."""
    matrix, flags, font_buffer, value = buffers
    em = float(raw.FPDFText_GetFontSize(tp, i))
    if raw.FPDFText_GetMatrix(tp, i, ctypes.byref(matrix)):
        a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
    else:
        a, b, c, d = 1.0, 0.0, 0.0, 1.0
    upright = not turned(a, b, c, d)  # pdfminer's LTChar.upright, and not slanted (layout.SLANT)
    vscale = (c * c + d * d) ** 0.5
    hscale = (a * a + b * b) ** 0.5
    n = raw.FPDFText_GetFontInfo(tp, i, font_buffer, _FONT_BUFFER, ctypes.byref(flags))
    name = font_buffer.value.decode("utf-8", "replace") if 0 < n <= _FONT_BUFFER else ""
    font = raw.FPDFTextObj_GetFont(obj) if obj else None
    descent = None
    size = em * vscale
    skew = None if b == 0 and c == 0 else True
    if font and raw.FPDFFont_GetDescent(font, ctypes.c_float(em), ctypes.byref(value)):
        low = value.value  # the descent in text space at this size (negative)
        if b == 0 and em:
            # upright, or slanted along x (a synthetic italic: c != 0): the box's height is d's alone
            descent = low * d
            size = _pdfminer_size(em, low / em, d, matrix.f)
            if c:
                # pdfminer's box of a slanted glyph bounds its em box as drawn: its bottom corners move
                # by c x descent, its top ones by c x (descent + em)
                skew = (min(c * low, c * (low + em)), max(c * low, c * (low + em)))
        else:
            descent = low * vscale
    return name, font, em, size, hscale, descent, upright, skew


@lru_cache(maxsize=4096)
def _f32(x: float) -> float:
    """The shortest decimal that is this single-precision float: the number the PDF wrote (PDFium
    keeps matrices in floats, pdfminer the PDF's decimals in doubles)."""
    want = struct.pack("f", x)
    for digits in range(1, 10):
        v = float(f"{x:.{digits}g}")
        if struct.pack("f", v) == want:
            return v
    return x


def _pdfminer_size(em: float, descent: float, d: float, f: float) -> float:
    """pdfminer's size of an upright, unskewed character: the height of its box in page space, top
    minus bottom, each from the PDF's numbers (font size, the descriptor's descent in thousandths,
    the matrix's d and f) in double precision. It is what pdfplumber reports, rounding error included,
    and a line's size is rounded to a tenth: 14.05 drawn as 281 x 0.05 is 14.049999999999955 there."""
    d, f = _f32(d), _f32(f)
    units = descent * 1000
    low = (round(units) * 0.001 if abs(units - round(units)) < 1e-3 else _f32(descent)) * em
    return abs((d * (low + em) + f) - (d * low + f))


class _Widths:
    """FPDFFont_GetGlyphWidth of one page, asked once per (font, glyph code, font size): a page
    draws the same few fonts at the same few sizes, and asks for a space's width at every glyph.
    A font is keyed by its handle's address (every text object gives a new ctypes pointer to it;
    those pointers live as long as the page's text objects table, so their ids stay theirs)."""

    def __init__(self, raw, value):
        self.raw = raw
        self.value = value
        self.ref = ctypes.byref(value)
        self.known: dict[tuple, float | None] = {}
        self.address: dict[int, int] = {}

    def get(self, font, code: int, em: float) -> float | None:
        address = self.address.get(id(font))
        if address is None:
            address = self.address[id(font)] = ctypes.cast(font, ctypes.c_void_p).value or 0
        key = (address, code, em)
        try:
            return self.known[key]
        except KeyError:
            ok = self.raw.FPDFFont_GetGlyphWidth(font, code, ctypes.c_float(em), self.ref)
            width = self.known[key] = self.value.value if ok else None
            return width


_OBJECT_ADDRESS = []


def _object_address(raw):
    """FPDFText_GetTextObject giving the text object's address as an int (None for none): the key of
    a character's text object without a ctypes.cast per character. Its own function object, so
    pypdfium2's (which returns a pointer) is left as it is."""
    if not _OBJECT_ADDRESS:
        from pypdfium2_raw import bindings

        fn = bindings._libs["pdfium"]["FPDFText_GetTextObject"]  # a new function object, not the shared one
        fn.argtypes = raw.FPDFText_GetTextObject.argtypes
        fn.restype = ctypes.c_void_p
        _OBJECT_ADDRESS.append(fn)
    return _OBJECT_ADDRESS[0]


_GENERATED_CODES = frozenset((0x20, 0x0D, 0x0A))
_UNKNOWN = object()


def _chars(raw, tp, height: float, left: float, bottom_edge: float, blanks=(),
           form_texts=frozenset()) -> tuple[list[Glyph], int]:
    count = raw.FPDFText_CountChars(tp)
    glyphs: list[Glyph] = []
    rotated = 0
    rect, matrix, flags, x, y, value, font_buffer = _buffers(raw)
    widths = _Widths(raw, value)
    object_address = _object_address(raw)
    box_buffers = (rect, ctypes.byref(rect), ctypes.byref(x), ctypes.byref(y), x, y, widths)
    objects: dict[int, tuple] = {}  # text object -> its _object_info
    top_edge = bottom_edge + height
    spaces: list[int] = []
    generated_after: dict[int, int] = {}  # generated space index -> its text object's key (the char before)
    used: set[int] = set()  # text objects the text page has characters of
    pitch: list[float] = []  # gaps between consecutive glyphs of one text object, on the current baseline
    last_key = None
    last_origin = None
    # the calls made for every character, bound once (a module attribute lookup each is a tenth of a call)
    get_unicode, map_error, get_origin = raw.FPDFText_GetUnicode, raw.FPDFText_HasUnicodeMapError, raw.FPDFText_GetCharOrigin
    x_ref, y_ref = box_buffers[2], box_buffers[3]
    addresses: dict[int, int] = {}  # text object -> its font's address (the key _Widths.get makes)
    slanted: list[tuple[Glyph, tuple[float, float]]] = []  # glyphs of a font slanted along x, their skew
    for i in range(count):
        code = get_unicode(tp, i)
        if not code:
            continue
        # PDFium generates only spaces and line breaks (CR, LF): a drawn character's code needs no call
        if code in _GENERATED_CODES and raw.FPDFText_IsGenerated(tp, i) == 1:
            if code == 0x20 and glyphs:
                _generated_space(glyphs, spaces, generated_after, last_key)
            continue  # and the line breaks PDFium adds
        key = object_address(tp, i) or 0
        used.add(key)
        info = _text_object(raw, tp, i, key, objects, (matrix, flags, font_buffer, value))
        name, font, em, size, hscale, descent, upright, skew = info
        if not upright:
            rotated += 1
            continue
        if code == 2:
            # PDFium's mark for a hyphen that ends a line: drawn "-" or soft hyphen (TCVN3's "ư"), which
            # it does not say; the glyph's advance and ink tell a hyphen, else pdfplumber reads the page
            if not _drawn_hyphen(raw, tp, i, info, box_buffers):
                raise _Fallback
            code = 0x2D
        text = _char_text(code, map_error(tp, i) == 1)
        if text is None:
            continue
        # _box's common case inline: the origin, the advance width (_advance) and the descent
        width = None
        if descent is not None and font and get_origin(tp, i, x_ref, y_ref):
            width = _advance(widths, addresses, key, font, ord(text) if len(text) == 1 else code, em)
        if width is not None:
            x0 = x.value
            x1, base = x0 + width * hscale, y.value + descent
        else:
            box = _box(raw, tp, i, text, code, info, box_buffers)
            if box is None:
                continue
            x0, x1, base = box
        if glyphs and key and key == last_key and x0 == last_origin and glyphs[-1].text != " ":
            # one drawn glyph whose Unicode is several characters ("i" + combining dot, a ligature):
            # PDFium gives each its own character at the same origin, pdfminer one character
            glyphs[-1].text += text
            continue
        last_origin = x0
        bottom = top_edge - base
        glyph = Glyph(text, x0 - left, x1 - left, bottom - size, bottom, size or 1.0, name)
        if glyphs:
            _maybe_space(widths, glyphs, glyph, spaces, pitch, key != last_key, (font, em, hscale))
        glyphs.append(glyph)
        if skew is not None:
            _slanted(glyph, skew, key in form_texts, slanted)  # a skew is measured only with the descent
        last_key = key
    if generated_after and blanks:
        spaces = _drawn_spaces(raw, glyphs, spaces, generated_after, [b for b in blanks if b[2] not in used],
                               (height, left, bottom_edge), value)
    for glyph, (lo, hi) in slanted:  # spaces were found from the advances; pdfminer's box is the slanted one
        glyph.x0, glyph.x1 = glyph.x0 + lo, glyph.x1 + hi
    _place(glyphs, spaces)
    return glyphs, rotated


def _slanted(glyph: Glyph, skew, stamp: bool, slanted: list) -> None:
    """A glyph of a skewed font: one slanted along x is kept with its skew (its box widened at the end);
    stamp text turned off its baseline sends the page to pdfplumber."""
    if skew is not True:
        slanted.append((glyph, skew))
    elif stamp:
        raise _Fallback


def _buffers(raw) -> tuple:
    """The ctypes buffers the per-character calls fill, made once per page: a rect, a matrix, flags, the
    origin's x and y, a float and the font name's buffer."""
    return (raw.FS_RECTF(), raw.FS_MATRIX(), ctypes.c_int(), ctypes.c_double(), ctypes.c_double(), ctypes.c_float(),
            ctypes.create_string_buffer(_FONT_BUFFER))


def _text_object(raw, tp, i: int, key: int, objects: dict[int, tuple], buffers) -> tuple:
    """The _object_info of character i's text object, asked once per object (key 0: not kept)."""
    info = objects.get(key) if key else None
    if info is None:
        info = _object_info(raw, tp, i, raw.FPDFText_GetTextObject(tp, i), buffers)
        if key:
            objects[key] = info
    return info


def _generated_space(glyphs: list[Glyph], spaces: list[int], generated_after: dict[int, int], last_key) -> None:
    """PDFium puts a space of its own in place of a drawn space that overlaps the character before it;
    pdfminer keeps the drawn one. Same row, no width: placed later (_place, _drawn_spaces)."""
    last = glyphs[-1]
    spaces.append(len(glyphs))
    generated_after[len(glyphs)] = last_key
    glyphs.append(Glyph(" ", last.x1, last.x1, last.top, last.bottom, last.size, last.font))


def _char_text(code: int, unmapped: bool) -> str | None:
    """A character's text: what pdfminer writes for one without Unicode, or None for no character."""
    if unmapped:
        return f"(cid:{code})"
    try:
        return chr(code)
    except ValueError:
        return None


def _advance(widths: "_Widths", addresses: dict[int, int], key: int, font, code: int, em: float):
    """_box's common case: the advance width of a code in a font at a size, asked of PDFium once per
    font, code and size (addresses: text object -> its font's address, the key _Widths.get makes)."""
    address = addresses.get(key) if key else None
    if address is None:
        widths.get(font, 0x20, em)  # fills _Widths' address of this font handle
        address = widths.address[id(font)]
        if key:
            addresses[key] = address
    width = widths.known.get((address, code, em), _UNKNOWN)
    return widths.get(font, code, em) if width is _UNKNOWN else width


def _drawn_hyphen(raw, tp, i: int, info: tuple, buffers) -> bool:
    """Whether the character PDFium marks as a line-end hyphen (code 2, in place of "-" or U+00AD) is
    a drawn "-": its advance is the font's width for "-" and not the one for U+00AD (a font drawing
    both alike, or mapping U+00AD to TCVN3's "ư", is not told apart here), and its ink is a flat bar
    above the baseline, not a letter."""
    rect, rect_ref, x_ref, y_ref, x, y, widths = buffers
    _name, font, em, size, hscale, _descent, _upright, _skew = info
    if not font or not em or not raw.FPDFText_GetLooseCharBox(tp, i, rect_ref):
        return False
    advance = rect.right - rect.left
    hyphen = widths.get(font, 0x2D, em)
    soft = widths.get(font, 0xAD, em)
    if hyphen is None or abs(hyphen * hscale - advance) > 0.01:
        return False
    if soft is not None and abs(soft * hscale - advance) <= 0.01:
        return False
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    if not raw.FPDFText_GetCharBox(tp, i, ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom),
                                   ctypes.byref(top)) or not raw.FPDFText_GetCharOrigin(tp, i, x_ref, y_ref):
        return False
    ink = top.value - bottom.value
    return 0 < ink <= 0.2 * size and bottom.value > y.value


def _maybe_space(widths, glyphs: list[Glyph], glyph: Glyph, spaces: list[int], pitch: list[float], new_object: bool,
                 font_info) -> None:
    """A space PDFium left out before ``glyph`` is put back (_left_out_space); ``pitch`` keeps the gaps
    between consecutive glyphs of one text object on the current baseline."""
    font, em, hscale = font_info
    if abs(glyph.bottom - glyphs[-1].bottom) >= 0.1:
        pitch.clear()
    if glyph.text == " " or glyphs[-1].text == " ":
        return
    # between text objects, the row's character spacing (Tc) counts; within one, a gap is kerning as
    # often, and the plain rule holds
    tc = _median(pitch[-8:]) if new_object and len(pitch) >= 3 else 0.0
    if _left_out_space(widths, font, em, hscale, glyphs[-1], glyph, tc):
        prev = glyphs[-1]
        spaces.append(len(glyphs))
        glyphs.append(Glyph(" ", prev.x1, prev.x1, prev.top, prev.bottom, prev.size, prev.font))
    elif not new_object:
        pitch.append(glyph.x0 - glyphs[-1].x1)


def _box(raw, tp, i: int, text: str, code: int, info: tuple, buffers):
    """(x0, x1, baseline plus descent) of character i in PDF space, or None."""
    rect, rect_ref, x_ref, y_ref, x, y, widths = buffers
    _name, font, em, _size, hscale, descent, _upright, _skew = info
    if descent is not None and font and raw.FPDFText_GetCharOrigin(tp, i, x_ref, y_ref):
        width = widths.get(font, ord(text) if len(text) == 1 else code, em)
        if width is not None:
            # the common case: every value from the origin, the advance width and the descent, so the
            # loose box (which PDFium gives for every valid index, as it does the origin) is not asked
            x0 = x.value
            return x0, x0 + width * hscale, y.value + descent
    if not raw.FPDFText_GetLooseCharBox(tp, i, rect_ref):
        return None
    x0, x1, base = rect.left, rect.right, rect.bottom
    if raw.FPDFText_GetCharOrigin(tp, i, x_ref, y_ref):
        # pdfminer's box: from the origin one advance width wide, from the descent one em high
        x0 = x.value
        width = widths.get(font, ord(text) if len(text) == 1 else code, em) if font else None
        if width is not None:
            x1 = x0 + width * hscale
        if descent is not None:
            base = y.value + descent
    return x0, x1, base


def _left_out_space(widths, font, em: float, hscale: float, prev: Glyph, glyph: Glyph, tc: float) -> bool:
    """PDFium also leaves out, without a space of its own, a drawn space between two words (within a
    text object, or ending one); the gap it leaves tells where it was: half a space or more beyond the
    character spacing ``tc`` (a space adds one space width and one more Tc), on the same baseline."""
    space = widths.get(font, 0x20, em) if font else None
    if space is None:
        return False
    width = space * hscale
    gap = glyph.x0 - prev.x1
    return width > 0 and gap >= tc + 0.5 * (width + tc) and abs(glyph.bottom - prev.bottom) < 0.1


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _drawn_spaces(raw, glyphs: list[Glyph], spaces: list[int], generated_after: dict[int, int], blanks,
                  geometry, value) -> list[int]:
    """A space PDFium generates where the PDF drew one in a text object of its own (a bullet, then a
    space in another font) stands for that object: the text page leaves the object out, its bounds
    (an empty box at its origin) say where it is. Such a space gets the drawn space's box, as
    pdfminer reads it (the layout then drops it if the next word overlaps it, as it does there);
    the other generated spaces are returned, to be placed."""
    height, left, bottom_edge = geometry
    top_edge = bottom_edge + height
    rest = []
    fm = raw.FS_MATRIX()
    size_buf = ctypes.c_float()
    name_buf = ctypes.create_string_buffer(_FONT_BUFFER)
    for j in spaces:
        space = glyphs[j]
        match = None
        if j in generated_after:
            for b in blanks:
                x, y, _key, obj = b
                if abs(x - left - space.x0) <= 0.25 * space.size:
                    match = b
                    break
        if match is None:
            rest.append(j)
            continue
        x, y, _key, obj = match
        font = raw.FPDFTextObj_GetFont(obj)
        if (not font or not raw.FPDFTextObj_GetFontSize(obj, ctypes.byref(size_buf))
                or not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(fm))):
            rest.append(j)
            continue
        em = size_buf.value
        hscale, vscale = (fm.a * fm.a + fm.b * fm.b) ** 0.5, (fm.c * fm.c + fm.d * fm.d) ** 0.5
        if not raw.FPDFFont_GetGlyphWidth(font, 0x20, ctypes.c_float(em), ctypes.byref(value)):
            rest.append(j)
            continue
        width = value.value * hscale
        descent = value.value * vscale if raw.FPDFFont_GetDescent(font, ctypes.c_float(em), ctypes.byref(value)) else 0.0
        bottom = top_edge - (y + descent)
        size = em * vscale
        if abs(bottom - space.bottom) > 0.25 * max(size, space.size):
            rest.append(j)
            continue
        n = raw.FPDFFont_GetBaseFontName(font, name_buf, _FONT_BUFFER)
        name = name_buf.value.decode("utf-8", "replace") if 0 < n <= _FONT_BUFFER else space.font
        glyphs[j] = Glyph(" ", x - left, x - left + width, bottom - size, bottom, size or 1.0, name)
        blanks = [b for b in blanks if b is not match]
    return rest


def _place(glyphs: list[Glyph], spaces: list[int]) -> None:
    """A generated space goes just before the next character (the layout orders a row by x0), with
    no width, so it neither overlaps ink (layout drops spaces text was stamped over) nor moves."""
    for j in spaces:
        space, before = glyphs[j], glyphs[j - 1]
        after = next((g for g in glyphs[j + 1:] if g.text != " " or g.x1 > g.x0), None)
        x = before.x1
        if after is not None and abs(after.bottom - before.bottom) < 0.5 * before.size:
            x = min(x, after.x0 - 0.005)
        space.x0 = space.x1 = x


def _scan_objects(raw, page, width: float, height: float, left: float, bottom_edge: float):
    """(largest image's share of the page, whether the paths could draw a ruled table), looking into
    form XObjects (flattened annotations are forms within forms) with their matrices."""
    area = float(width * height) or 1.0
    state = {"cover": 0.0, "grid": False, "texts": 0}
    form_texts: set[int] = set()  # addresses of the text objects inside form XObjects
    ys: set[int] = set()
    xs: set[int] = set()
    blanks: list[tuple] = []
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    fm = raw.FS_MATRIX()
    px, py = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()

    def visit(obj, matrix, depth):
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            if depth > 8:
                state["grid"] = True  # too deep to follow: let pdfplumber look
                return
            inner = matrix
            if depth > 0 or matrix is not None:
                if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(fm)):
                    state["grid"] = True
                    return
                own = (fm.a, fm.b, fm.c, fm.d, fm.e, fm.f)
                inner = own if matrix is None else _compose(own, matrix)
            else:
                if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(fm)):
                    state["grid"] = True
                    return
                inner = (fm.a, fm.b, fm.c, fm.d, fm.e, fm.f)
            for j in range(raw.FPDFFormObj_CountObjects(obj)):
                visit(raw.FPDFFormObj_GetObject(obj, j), inner, depth + 1)
            return
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            state["texts"] += 1
            if depth > 0:
                # stamped text (flattened annotations, forms)
                form_texts.add(ctypes.cast(obj, ctypes.c_void_p).value or 0)
            elif raw.FPDFPageObj_GetBounds(obj, ctypes.byref(l), ctypes.byref(b), ctypes.byref(r), ctypes.byref(t)):
                if l.value == r.value and b.value == t.value:
                    # no ink: a text object of spaces, maybe one the text page leaves out (_drawn_spaces)
                    blanks.append((l.value, b.value, ctypes.cast(obj, ctypes.c_void_p).value or 0, obj))
            return
        if kind not in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH):
            return
        if kind == raw.FPDF_PAGEOBJ_PATH and state["grid"]:
            return
        if not raw.FPDFPageObj_GetBounds(obj, ctypes.byref(l), ctypes.byref(b), ctypes.byref(r), ctypes.byref(t)):
            return
        bx0, by0, bx1, by1 = l.value, b.value, r.value, t.value
        if matrix is not None:
            corners = [_apply(matrix, x, y) for x in (bx0, bx1) for y in (by0, by1)]
            bx0, bx1 = min(c[0] for c in corners), max(c[0] for c in corners)
            by0, by1 = min(c[1] for c in corners), max(c[1] for c in corners)
        x0, x1 = bx0 - left, bx1 - left
        top, bottom = height - (by1 - bottom_edge), height - (by0 - bottom_edge)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            w = max(0.0, min(x1, width) - max(x0, 0.0))
            h = max(0.0, min(bottom, height) - max(top, 0.0))
            state["cover"] = max(state["cover"], w * h / area)
            return
        if not _path_rules(raw, obj, matrix, (height, left, bottom_edge), ys, xs, (fm, px, py, fill, stroke)):
            state["grid"] = True  # a path too long or too odd to follow: let pdfplumber look
        elif len(ys) >= MIN_RULES and len(xs) >= MIN_RULES:
            state["grid"] = True

    for i in range(raw.FPDFPage_CountObjects(page.raw)):
        visit(raw.FPDFPage_GetObject(page.raw, i), None, 0)
    if state["texts"] >= FLOOD_TEXT_OBJECTS:
        return None
    return state["cover"], state["grid"], blanks, form_texts


MAX_PATH_SEGMENTS = 400  # a longer path (a drawn emblem, a chart) is left to pdfplumber
_SLACK = 0.01  # points: PDFium's and pdfminer's arithmetic may differ by this much


def _path_rules(raw, obj, matrix, geometry, ys: set[int], xs: set[int], buffers) -> bool:
    """Add to ``ys``/``xs`` every rounded rule position pdfplumber's rule finder (tables._rule_positions)
    could take from this path, and maybe a few more, never fewer: each subpath is measured from its
    points (a stroked path's bounds are widened by half the line width, which made a horizontal rule
    look like two vertical ones), as the line (two points) or the rectangle pdfminer makes of it, a
    box filled and not stroked left out (background, never a rule: tables._is_ink). False when the
    path cannot be followed."""
    fm, px, py, fill, stroke = buffers
    height, left, bottom_edge = geometry
    n = raw.FPDFPath_CountSegments(obj)
    if n < 0 or n > MAX_PATH_SEGMENTS or not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(fm)):
        return False
    own = (fm.a, fm.b, fm.c, fm.d, fm.e, fm.f)
    full = own if matrix is None else _compose(own, matrix)
    if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return False
    subpaths: list[list[tuple[float, float]]] = []
    for j in range(n):
        seg = raw.FPDFPath_GetPathSegment(obj, j)
        if not seg or not raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(px), ctypes.byref(py)):
            return False
        point = _apply(full, px.value, py.value)
        if raw.FPDFPathSegment_GetType(seg) == raw.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([point])
        else:
            subpaths[-1].append(point)
    for points in subpaths:
        x0 = min(p[0] for p in points) - left
        x1 = max(p[0] for p in points) - left
        top = height - (max(p[1] for p in points) - bottom_edge)
        bottom = height - (min(p[1] for p in points) - bottom_edge)
        w, h = x1 - x0, bottom - top
        if len(points) == 2:  # a line: horizontal or vertical rules only
            if h < 1 + _SLACK and w >= 1 - _SLACK:
                _near(ys, top)
            if w < 1 + _SLACK and h >= 1 - _SLACK:
                _near(xs, x0)
            continue
        if not stroke.value and min(w, h) >= HAIRLINE + _SLACK:
            continue
        wide, tall = w >= HAIRLINE - _SLACK, h >= HAIRLINE - _SLACK
        if wide:
            _near(ys, top)
            if tall:
                _near(ys, bottom)
        if tall:
            _near(xs, x0)
            if wide:
                _near(xs, x1)
    return True


def rule_objects(raw, page, width: float, height: float, left: float, bottom_edge: float) -> RulePage | None:
    """The lines and rectangles pdfminer makes of the page's painted paths (converter.paint_path: a
    subpath of two points is a line, a closed four-sided axis-aligned one a rectangle), as pdfplumber's
    dicts, for the table finder; None when a path holds a curve or another shape (pdfminer's curves,
    whose points PDFium and pdfminer count differently), when one cannot be followed, or for a form
    too deep: then pdfminer reads the page's rules (PageReader.fallback_grids)."""
    lines: list[dict] = []
    rects: list[dict] = []
    fm = raw.FS_MATRIX()
    px, py = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    geometry = (height, left, bottom_edge)

    def visit(obj, matrix, depth) -> bool:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            if depth > 8 or not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(fm)):
                return False
            own = (fm.a, fm.b, fm.c, fm.d, fm.e, fm.f)
            inner = own if matrix is None else _compose(own, matrix)
            return all(visit(raw.FPDFFormObj_GetObject(obj, j), inner, depth + 1)
                       for j in range(raw.FPDFFormObj_CountObjects(obj)))
        if kind != raw.FPDF_PAGEOBJ_PATH:
            return True
        if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
            return False
        if not fill.value and not stroke.value:
            return True  # a clipping path: pdfminer paints nothing
        subpaths = _subpaths(raw, obj, matrix, fm, px, py)
        if subpaths is None:
            return False
        colour = None
        if raw.FPDFPageObj_GetFillColor(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
            colour = (r.value / 255, g.value / 255, b.value / 255)
        paint = {"stroke": bool(stroke.value), "fill": bool(fill.value), "non_stroking_color": colour}
        return all(_rule_object(points, closed, paint, geometry, lines, rects) for points, closed in subpaths)

    for i in range(raw.FPDFPage_CountObjects(page.raw)):
        if not visit(raw.FPDFPage_GetObject(page.raw, i), None, 0):
            return None
    return RulePage(lines, rects, (0.0, 0.0, width, height))


def _subpaths(raw, obj, matrix, fm, px, py) -> list[tuple[list[tuple[float, float]], bool]] | None:
    """(points in page space, closed) of each subpath of a path object; None for a curve or a path
    too long to follow."""
    n = raw.FPDFPath_CountSegments(obj)
    if n < 0 or n > MAX_PATH_SEGMENTS or not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(fm)):
        return None
    own = (fm.a, fm.b, fm.c, fm.d, fm.e, fm.f)
    full = own if matrix is None else _compose(own, matrix)
    out: list[tuple[list[tuple[float, float]], bool]] = []
    for j in range(n):
        seg = raw.FPDFPath_GetPathSegment(obj, j)
        if not seg or not raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(px), ctypes.byref(py)):
            return None
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            return None
        point = _apply(full, px.value, py.value)
        if kind == raw.FPDF_SEGMENT_MOVETO or not out:
            out.append(([point], False))
        else:
            out[-1][0].append(point)
        if raw.FPDFPathSegment_GetClose(seg):
            out[-1] = (out[-1][0], True)
    return out


def _rule_object(points, closed: bool, paint: dict, geometry, lines: list[dict], rects: list[dict]) -> bool:
    """pdfminer's object of one subpath (converter.paint_path, its "h" as a point back at the start),
    added to ``lines`` or ``rects``; False for a shape pdfminer makes a curve of."""
    pts = list(points) + ([points[0]] if closed else [])
    shape = "m" + "l" * (len(points) - 1) + ("h" if closed else "")
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("ml", "mlh"):
        (x0, y0), (x1, y1) = pts[0], pts[1]
        lines.append(_plumber_object("line", min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), paint, geometry))
        return True
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            rects.append(_plumber_object("rect", min(x0, x2), min(y0, y2), max(x0, x2), max(y0, y2), paint, geometry))
            return True
    return False


def _plumber_object(kind: str, x0: float, y0: float, x1: float, y1: float, paint: dict, geometry) -> dict:
    """pdfplumber's dict of a line or rect (PDF-space bbox), the keys the table finder reads."""
    height, left, bottom_edge = geometry
    top, bottom = height - (y1 - bottom_edge), height - (y0 - bottom_edge)
    return {"object_type": kind, "x0": x0 - left, "x1": x1 - left, "y0": y0 - bottom_edge, "y1": y1 - bottom_edge,
            "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0, "height": y1 - y0, **paint}


def _near(positions: set[int], value: float) -> None:
    positions.update((round(value - _SLACK), round(value + _SLACK)))


def _compose(inner, outer):
    """The matrix of inner applied first, then outer (PDF order)."""
    a1, b1, c1, d1, e1, f1 = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def _apply(m, x, y):
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]
