"""Lay a generated document out as a born-digital PDF, per Decree 30/2020/NĐ-CP (Appendix I).

A small line-layout engine on the reportlab canvas rather than platypus, because Decree 30 wants
footnotes at the foot of the page that holds their marker, and the scan renderer needs to know where
the number and the signature were drawn. What it follows from the decree:

- A4, margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; a Times-like font (Liberation Serif);
- header as a two-column table: agency block left (parent line regular, agency bold, a short rule
  under it), national motto right ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" bold 12-13 pt, "Độc lập - Tự
  do - Hạnh phúc" bold 13-14 pt with a rule under it); "Số: …" left, place and date italic right;
- type name bold centred 14 pt, subject bold centred, a short rule; a công văn's "V/v …" under its number;
- body 13-14 pt justified with a first-line indent; footnotes 10-11 pt at the foot of the page with a
  superscript marker in the body; page numbers centred at the top from page 2 on;
- "Nơi nhận:" bold italic 12 pt with 11 pt items on the left, signer block(s) bold on the right.

``render_pdf(spec, path, transform=None)`` returns a layout dict (pages, where the number and the
signature blocks are, in PDF points from the bottom-left); ``transform`` changes the characters drawn
(the legacy renderer passes unicode_to_tcvn3).
"""
from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from ..errors import MissingDependency
from .generate import DocSpec, Ent, Mark, SectionSpec, flatten, motto as motto_of

MM = 72 / 25.4
PAGE_W, PAGE_H = 595.28, 841.89
LEFT, RIGHT, TOP, BOTTOM = 30 * MM, 15 * MM, 20 * MM, 20 * MM
TEXT_W = PAGE_W - LEFT - RIGHT
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bolditalic": "BoldItalic"}


VIETNAMESE_PROBE = "ếỦự"  # precomposed letters an old Liberation (1.07, Debian's fonts-liberation) lacks


def covers_vietnamese(path: str) -> bool:
    """Whether the font's character map holds the precomposed Vietnamese letters."""
    try:
        from fontTools.ttLib import TTFont
    except ImportError:  # no way to look: trust the file
        return True
    try:
        cmap = TTFont(path, lazy=True, fontNumber=0).getBestCmap() or {}
    except Exception:  # noqa: BLE001 - an unreadable font file covers nothing
        return False
    return all(ord(ch) in cmap for ch in VIETNAMESE_PROBE)


@lru_cache(maxsize=None)
def find_font(family: str = "LiberationSerif", style: str = "Regular") -> str:
    """The file of a TrueType font with Vietnamese letters, found at run time (fontconfig first, then
    the usual folders). Debian may hold two Liberations (fonts-liberation 1.07 has no ế, Ủ …; the
    fonts-liberation2 files do): a file without them is passed over."""
    want = f"{family}-{style}.ttf"
    if shutil.which("fc-match"):
        pattern = family.replace("Liberation", "Liberation ") + ":style=" + style.replace("BoldItalic", "Bold Italic")
        try:
            out = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, timeout=10)
            if out.returncode == 0 and Path(out.stdout).name == want and covers_vietnamese(out.stdout):
                return out.stdout
        except (OSError, subprocess.SubprocessError):
            pass
    for d in FONT_DIRS:
        root = Path(d).expanduser()
        if root.is_dir():
            for hit in sorted(root.rglob(want)):
                if covers_vietnamese(str(hit)):
                    return str(hit)
    raise MissingDependency(f"font {want} with Vietnamese letters not found: install the Debian package fonts-liberation2")


@lru_cache(maxsize=1)
def register_fonts() -> dict[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = {}
    for key, style in STYLES.items():
        name = f"LiberationSerif-{style}"
        pdfmetrics.registerFont(TTFont(name, find_font("LiberationSerif", style)))
        names[key] = name
    return names


class _Layout:
    def __init__(self, canvas, transform=None):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.c = canvas
        self.sw = stringWidth
        self.fonts = register_fonts()
        self.tr = transform or (lambda s: s)
        self.page = 1
        self.y = PAGE_H - TOP
        self.notes: list = []  # footnotes placed on this page: (marker, lines)
        self.notes_h = 0.0
        self.info: dict = {"signers": [], "number": None}
        self.pending_notes: dict = {}

    # ---- low level
    def width(self, text: str, style: str, size: float) -> float:
        return self.sw(self.tr(text), self.fonts[style], size)

    def draw(self, x: float, y: float, text: str, style: str, size: float):
        self.c.setFont(self.fonts[style], size)
        self.c.drawString(x, y, self.tr(text))

    def centred(self, cx: float, y: float, text: str, style: str, size: float) -> tuple[float, float]:
        w = self.width(text, style, size)
        self.draw(cx - w / 2, y, text, style, size)
        return cx - w / 2, cx + w / 2

    def wrap(self, text: str, style: str, size: float, width: float) -> list[str]:
        lines, cur = [], ""
        for word in text.split():
            trial = f"{cur} {word}" if cur else word
            if cur and self.width(trial, style, size) > width:
                lines.append(cur)
                cur = word
            else:
                cur = trial
        if cur:
            lines.append(cur)
        return lines

    def bottom(self) -> float:
        return BOTTOM + self.notes_h

    def new_page(self):
        self.flush_notes()
        self.c.showPage()
        self.page += 1
        self.y = PAGE_H - TOP
        self.draw_page_number()

    def draw_page_number(self):
        self.centred(LEFT + TEXT_W / 2, PAGE_H - 12 * MM, str(self.page), "regular", 13)
        self.y = PAGE_H - TOP - 8

    def ensure(self, height: float):
        if self.y - height < self.bottom():
            self.new_page()

    # ---- footnotes
    NOTE_SIZE, NOTE_LEAD = 10.5, 12.5

    def note_lines(self, marker: str, text: str) -> list[str]:
        return self.wrap(text, "regular", self.NOTE_SIZE, TEXT_W - 8)

    def flush_notes(self):
        if not self.notes:
            return
        y = BOTTOM + self.notes_h - 10
        self.c.setLineWidth(0.5)
        self.c.line(LEFT, y, LEFT + 50 * MM, y)
        y -= self.NOTE_LEAD - 2
        for marker, lines in self.notes:
            self.draw(LEFT + 8, y + 4, marker, "regular", 7)
            mw = self.width(marker, "regular", 7)
            for i, line in enumerate(lines):
                self.draw(LEFT + 8 + (mw + 1 if i == 0 else -8), y, line, "regular", self.NOTE_SIZE)
                y -= self.NOTE_LEAD
        self.notes, self.notes_h = [], 0.0

    # ---- paragraphs of pieces
    def paragraph(self, pieces, size=14.0, style="regular", indent=1.0 * 28.35, align="justify",
                  lead=None, space_after=6.0, first_style=None):
        """Pieces (str / Ent / Mark) wrapped and drawn; markers as superscripts, their notes at the page foot.
        first_style: (n_chars, style) draws the first n characters in another style (a bold "Điều 1.")."""
        lead = lead or size * 1.25
        text, _, marks = flatten(pieces)
        mark_at: dict[int, list[str]] = {}
        for marker, offset in marks:
            mark_at.setdefault(offset, []).append(marker)
        # words as (start, end) in text; markers attach to the word they follow
        words, i = [], 0
        while i < len(text):
            if text[i] == " ":
                i += 1
                continue
            j = text.find(" ", i)
            j = len(text) if j < 0 else j
            words.append((i, j))
            i = j
        # a marker standing right after a word belongs to it
        def word_markers(s, e):
            return [m for off, ms in mark_at.items() if s < off <= e for m in ms]

        def fragments(s, e):
            if first_style and s < first_style[0]:
                cut = min(e, first_style[0])
                out = [(text[s:cut], first_style[1])]
                if cut < e:
                    out.append((text[cut:e], style))
                return out
            return [(text[s:e], style)]

        def wwidth(s, e):
            w = sum(self.width(t, st, size) for t, st in fragments(s, e))
            return w + sum(self.width(m, "regular", size * 0.6) for m in word_markers(s, e))

        space = self.width(" ", style, size)
        lines, cur, cur_w = [], [], 0.0
        for k, (s, e) in enumerate(words):
            w = wwidth(s, e)
            avail = TEXT_W - (indent if not lines else 0)
            if cur and cur_w + space + w > avail:
                lines.append((cur, cur_w))
                cur, cur_w = [], 0.0
            cur_w += (space if cur else 0) + w
            cur.append((s, e, w))
        if cur:
            lines.append((cur, cur_w))
        for li, (line, line_w) in enumerate(lines):
            notes = [m for s, e, _ in line for m in word_markers(s, e)]
            extra = 0.0
            note_blocks = []
            for m in notes:
                body = next(pieces_ for marker, pieces_, _ in self.spec_notes if marker == m)
                nl = self.note_lines(m, flatten(body)[0])
                note_blocks.append((m, nl))
                extra += len(nl) * self.NOTE_LEAD
            if self.y - lead < self.bottom() + extra + (16 if extra and not self.notes else 0):
                self.new_page()
            if note_blocks:
                if not self.notes:
                    self.notes_h += 16
                self.notes += note_blocks
                self.notes_h += extra
            self.y -= lead
            x0 = LEFT + (indent if li == 0 else 0)
            avail = TEXT_W - (indent if li == 0 else 0)
            gap = space
            if align == "justify" and li < len(lines) - 1 and len(line) > 1:
                gap = space + (avail - line_w) / (len(line) - 1)
            if align == "center":
                x0 = LEFT + (TEXT_W - line_w) / 2
            x = x0
            for s, e, w in line:
                xx = x
                for t, st in fragments(s, e):
                    self.draw(xx, self.y, t, st, size)
                    xx += self.width(t, st, size)
                for m in word_markers(s, e):
                    self.draw(xx, self.y + size * 0.38, m, "regular", size * 0.6)
                    xx += self.width(m, "regular", size * 0.6)
                x += w + gap
        self.y -= space_after


def _header(L: _Layout, spec: DocSpec, blank_number: bool):
    c = L.c
    left_cx = LEFT + TEXT_W * 0.21 - 6
    right_cx = LEFT + TEXT_W * 0.66
    left_w = TEXT_W * 0.44
    y = PAGE_H - TOP - 12
    yl = y
    for line in spec.parent_lines:
        for part in L.wrap(line, "regular", 12.5, left_w):
            L.centred(left_cx, yl, part, "regular", 12.5)
            yl -= 14.5
    agency_parts = [p for line in spec.agency_lines for p in L.wrap(line, "bold", 12.5, left_w)]
    x0 = x1 = left_cx
    for part in agency_parts:
        a, b = L.centred(left_cx, yl, part, "bold", 12.5)
        x0, x1 = min(x0, a), max(x1, b)
        yl -= 14.5
    if spec.party:
        L.centred(left_cx, yl, "*", "regular", 12.5)
        yl -= 14.5
    else:
        c.setLineWidth(0.6)
        w = (x1 - x0) * 0.45
        c.line(left_cx - w / 2, yl + 10, left_cx + w / 2, yl + 10)
    yr = y
    motto = motto_of(spec.party)
    a, b = L.centred(right_cx, yr, motto[0], "bold", 12.5)
    if spec.party:
        c.line(a, yr - 3, b, yr - 3)
    yr -= 15.5
    if motto[1]:
        a, b = L.centred(right_cx, yr, motto[1], "bold", 13.5)
        c.setLineWidth(0.6)
        c.line(a, yr - 3, b, yr - 3)
        yr -= 15.5
    yy = min(yl, yr) - 12
    # number on the left; the blank for a handwritten number is as wide as the digits would be
    num, _, rest = spec.number.partition("/") if "/" in spec.number else (spec.number, "", "")
    label = f"{spec.number_prefix} "
    shown = f"{label}{spec.number}"
    w = L.width(shown, "regular", 13)
    x = left_cx - w / 2
    if blank_number:
        L.draw(x, yy, label, "regular", 13)
        nx = x + L.width(label, "regular", 13)
        nw = max(L.width(num, "regular", 13), 22)
        L.draw(nx + nw, yy, spec.number[len(num):], "regular", 13)
        L.info["number"] = {"page": 1, "bbox": [nx, yy - 3, nx + nw, yy + 11], "text": num}
    else:
        L.draw(x, yy, shown, "regular", 13)
        nx = x + L.width(label, "regular", 13)
        L.info["number"] = {"page": 1, "bbox": [nx, yy - 3, nx + L.width(num, "regular", 13), yy + 11], "text": num}
    L.centred(right_cx, yy, spec.date_line, "italic", 13.5)
    yy -= 16
    if spec.subject_under_number:
        for s in spec.subject_lines:
            for part in L.wrap(s, "regular", 12, left_w - 10):
                L.centred(left_cx, yy, part, "regular", 12)
                yy -= 14
    L.y = yy - 10
    if spec.type_heading:
        L.y -= 8
        L.centred(LEFT + TEXT_W / 2, L.y, spec.type_heading, "bold", 14)
        L.y -= 17
        for s in spec.subject_lines:
            for part in L.wrap(s, "bold", 14, TEXT_W * 0.8):
                L.centred(LEFT + TEXT_W / 2, L.y, part, "bold", 14)
                L.y -= 17
        c.setLineWidth(0.6)
        c.line(LEFT + TEXT_W / 2 - 30 * MM / 2, L.y + 12, LEFT + TEXT_W / 2 + 30 * MM / 2, L.y + 12)
        L.y -= 10
    if spec.recipients:
        L.y -= 6
        if spec.recipients_inline:
            L.paragraph(["Kính gửi: "] + spec.recipients[0] + ["."], size=14, align="center", indent=0)
        else:
            L.paragraph(["Kính gửi:"], size=14, align="center", indent=0, space_after=0)
            for i, r in enumerate(spec.recipients):
                end = ";" if i < len(spec.recipients) - 1 else "."
                L.paragraph(["- "] + r + [end], size=14, indent=TEXT_W * 0.3, align="left", space_after=0)
            L.y -= 6


def _section(L: _Layout, s: SectionSpec, size: float):
    heading_style = "bold"
    if s.level >= 3 or s.number is None:
        heading_style = "bolditalic"
    if s.number and s.number.startswith("Điều"):
        pieces = [s.number + ". "] + getattr(s, "title_pieces", [s.title])
        L.paragraph(pieces, size=size, first_style=(len(s.number) + 1, "bold"))
    else:
        L.ensure(size * 3)
        L.paragraph([s.heading], size=size, style=heading_style)
    for para in s.paras:
        L.paragraph(para, size=size)
    if s.table:
        _table(L, s.table, size - 1)
    for ch in s.children:
        _section(L, ch, size)


def _table(L: _Layout, rows: list, size: float):
    widths = [0.08, 0.52, 0.2, 0.2]
    lead = size * 1.5
    L.y -= 4
    for r, row in enumerate(rows):
        L.ensure(lead)
        top = L.y
        x = LEFT
        for k, cell in enumerate(row):
            w = TEXT_W * widths[k]
            style = "bold" if r == 0 else "regular"
            L.centred(x + w / 2, top - lead + 5, cell, style, size) if k != 1 or r == 0 else \
                L.draw(x + 4, top - lead + 5, cell, style, size)
            L.c.rect(x, top - lead, w, lead)
            x += w
        L.y = top - lead
    L.y -= 8


def _signatures(L: _Layout, spec: DocSpec):
    k = len(spec.signers)
    block_h = 15 * (2 + 4) + 20
    dist_lines = 1 + len(spec.distribution)
    L.ensure(max(block_h, dist_lines * 13) + 10 if k == 1 else block_h + 10)
    top = L.y - 4
    if k == 1:
        centres = [LEFT + TEXT_W * 0.72]
    else:
        centres = [LEFT + TEXT_W * (i + 0.5) / k for i in range(k)]
    for cx, (authority, position, printed, name) in zip(centres, spec.signers):
        y = top - 14
        first_y = y
        lines = ([authority] if authority else []) + [position]
        for line in lines:
            L.centred(cx, y, line, "bold", 13.5)
            y -= 16
        y -= 52
        a, b = L.centred(cx, y, printed, "bold", 13.5)
        L.info["signers"].append({"page": L.page, "bbox": [cx - 80, y - 6, cx + 80, first_y + 14], "name_y": y})
        y -= 16
    sig_bottom = min(s["name_y"] for s in L.info["signers"]) - 10
    # Nơi nhận: beside a single signer, under several
    y = top - 14 if k == 1 else sig_bottom - 14
    if k > 1 and y - 13 * dist_lines < L.bottom():
        L.new_page()
        y = L.y - 14
    L.draw(LEFT, y, "Nơi nhận:", "bolditalic", 12)
    y -= 13
    for i, item in enumerate(spec.distribution):
        text = "- " + flatten(item)[0] + (";" if i < len(spec.distribution) - 1 else ".")
        for part in L.wrap(text, "regular", 11, TEXT_W * 0.45):
            L.draw(LEFT, y, part, "regular", 11)
            y -= 12.5
    L.y = min(y, sig_bottom)


def render_pdf(spec: DocSpec, path: str | Path, *, transform=None, blank_number: bool = False,
               title: str | None = None) -> dict:
    from reportlab.pdfgen import canvas as rl_canvas

    c = rl_canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
    c.setTitle(title or spec.id)
    c.setAuthor("baocao corpus generator")
    L = _Layout(c, transform)
    L.spec_notes = spec.footnotes
    _header(L, spec, blank_number)
    size = 14.0 if spec.pages_hint % 2 else 13.0
    if spec.authority_line:
        L.paragraph([spec.authority_line], size=size, style="bold", align="center", indent=0)
    for para in spec.opening:
        L.paragraph(para, size=size, style="italic" if spec.decides_line else "regular")
    if spec.decides_line:
        L.paragraph([spec.decides_line], size=size, style="bold", align="center", indent=0)
    for s in spec.sections:
        _section(L, s, size)
    if spec.closing:
        L.paragraph(spec.closing, size=size)
    _signatures(L, spec)
    L.flush_notes()
    c.showPage()
    c.save()
    L.info["pages"] = L.page
    return L.info
