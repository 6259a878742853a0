"""Positioned characters -> lines in reading order, for PDF text layers.

The layout of a Decree 30 document is two columns where it matters (agency | national motto at the
top, signer | "Nơi nhận" at the end) and one column elsewhere. So:

1. characters are grouped into rows by baseline;
2. a row of a smaller size whose baseline sits inside a larger row just below it is a superscript
   (a footnote marker ``văn bản¹``), kept as a Marker and not as text;
3. each row is cut into words (explicit spaces or gaps), and into segments where one gap is much wider
   than the others (the space between two header columns) — a line never mixes two columns;
4. runs of rows that are split in two are read column by column (left column first), so the agency
   block comes out whole, then the motto block.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Marker

MARKER_CHARS = set("0123456789*abcdefghijklmnopqrstuvwxyz()")


def median(values) -> float:
    """statistics.median, the same number (the middle value, or the mean of the two middle ones),
    without its per-call overhead: the layout takes one per glyph when it groups rows."""
    data = sorted(values)
    n = len(data)
    if n == 0:
        raise ValueError("median of no values")
    if n % 2:
        return data[n // 2]
    return (data[n // 2 - 1] + data[n // 2]) / 2


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str = ""


@dataclass
class Segment:
    """A run of words on one row, within one column: becomes one Line."""

    glyphs: list[Glyph]
    markers: list[tuple[float, str]] = field(default_factory=list)  # (x, marker text)

    @property
    def ink(self) -> list[Glyph]:
        return [g for g in self.glyphs if not g.text.isspace()] or self.glyphs

    def box(self) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom): the four properties below from one pass over the ink."""
        ink = self.ink
        return min(g.x0 for g in ink), min(g.top for g in ink), max(g.x1 for g in ink), max(g.bottom for g in ink)

    @property
    def x0(self) -> float:
        return min(g.x0 for g in self.ink)

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.ink)

    @property
    def top(self) -> float:
        return min(g.top for g in self.ink)

    @property
    def bottom(self) -> float:
        return max(g.bottom for g in self.ink)

    @property
    def size(self) -> float:
        return median(g.size for g in self.glyphs if g.text.strip()) if any(
            g.text.strip() for g in self.glyphs) else self.glyphs[0].size

    def fonts(self) -> list[str]:
        return [g.font for g in self.glyphs if g.text.strip()]

    def text_and_markers(self) -> tuple[str, tuple[Marker, ...]]:
        """Text with a space between words (gap wider than a fifth of the size) and the markers at
        their offsets."""
        parts: list[str] = []
        prev: Glyph | None = None
        pending = sorted(self.markers)
        markers: list[Marker] = []
        for g in self.glyphs:
            while pending and pending[0][0] <= (g.x0 + g.x1) / 2:
                _, m = pending.pop(0)
                markers.append(Marker(offset=len("".join(parts).rstrip()), marker=m))
            if g.text.isspace():
                if parts and not parts[-1].endswith(" "):
                    parts.append(" ")
                prev = g
                continue
            gap = g.x0 - prev.x1 if prev is not None else 0.0
            stamped = prev is not None and prev.font != g.font and prev.text.isdigit() != g.text.isdigit()
            if prev is not None and not prev.text.isspace() and (
                gap > 0.2 * max(g.size, prev.size) or (stamped and gap > 0.02 * g.size)
            ):
                if parts and not parts[-1].endswith(" "):
                    parts.append(" ")
            parts.append(g.text)
            prev = g
        text = "".join(parts)
        stripped = text.rstrip()
        lead = len(text) - len(text.lstrip())
        for _, m in pending:
            markers.append(Marker(offset=len(stripped), marker=m))
        text = stripped.lstrip()
        markers = [Marker(offset=max(0, min(len(text), mk.offset - lead)), marker=mk.marker) for mk in markers]
        return text, tuple(markers)


def _rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    rows: list[list[Glyph]] = []
    same = 0  # the last row's trailing glyphs that sit on its last glyph's baseline
    for g in sorted(glyphs, key=lambda g: (g.bottom, g.x0)):
        if rows:
            row = rows[-1]
            last = row[-1]
            # the median of the last 8 baselines; when they are all one number, that number (most
            # glyphs of a printed row), without sorting them again for every glyph
            ref = last.bottom if same >= min(8, len(row)) else median(x.bottom for x in row[-8:])
            # a glyph on the last glyph's own baseline stays in its row: a row that a stamped number
            # (a few pt higher) began must not lose the print's words after the first one
            if g.bottom == last.bottom or abs(g.bottom - ref) <= 0.25 * max(g.size, last.size):
                row.append(g)
                same = same + 1 if g.bottom == last.bottom else 1
                continue
        rows.append([g])
        same = 1
    for row in rows:
        row.sort(key=lambda g: g.x0)
    return rows


def _unstack(rows: list[list[Glyph]]) -> list[list[Glyph]]:
    """Rows that hold two layers of print, one drawn over the other, cut into one row per layer. Print
    never overprints its own letters, so where glyphs of two fonts overlap and one of them is a letter,
    the row is the page's line with another text laid on it: an e-signature's appearance flattened over
    the signer block ("Lê Công Thành" under the stamp's "15:36:01 +07:00", read "Lê Công 1T5h:à3n6h:01":
    the Bộ TN&MT permits of 2020 signed with VGCA, gp-60, gp-68, gp-114, gp-116 of corpus/eval/dev). A
    number stamped into the dots or spaces of "Số: ……/QĐ" overlaps no letter and stays on its row."""
    out: list[list[Glyph]] = []
    for row in rows:
        layers = _layers(row)
        if len(layers) < 2:
            out.append(row)
            continue
        out.extend(sorted(layers, key=lambda r: (median(g.bottom for g in r), r[0].x0)))
    return out


def _layers(row: list[Glyph]) -> list[list[Glyph]]:
    """The row's glyphs by layer (_unstack): fonts whose letters overlap go to different layers, the
    font with more glyphs first; one layer when nothing overlaps."""
    fonts = {g.font for g in row if not g.text.isspace()}
    if len(fonts) < 2:
        return [row]
    ink = [g for g in row if not g.text.isspace()]  # sorted by x0 (_rows)
    clash: dict[str, set[str]] = {}
    hits = 0
    for i, g in enumerate(ink):
        for o in ink[i + 1:]:
            if o.x0 >= g.x1:
                break
            if o.font == g.font or not (g.text.isalpha() or o.text.isalpha()):
                continue
            width = min(g.x1 - g.x0, o.x1 - o.x0)
            if width > 0 and min(g.x1, o.x1) - max(g.x0, o.x0) > 0.3 * width:
                clash.setdefault(g.font, set()).add(o.font)
                clash.setdefault(o.font, set()).add(g.font)
                hits += 1
    if hits < 2:
        return [row]
    count = {f: sum(g.font == f for g in row) for f in fonts}
    layer_of: dict[str, int] = {}
    for f in sorted(fonts, key=lambda f: (-count[f], f)):
        taken = {layer_of[o] for o in clash.get(f, ()) if o in layer_of}
        layer_of[f] = next(k for k in range(len(fonts)) if k not in taken)
    layers: dict[int, list[Glyph]] = {}
    for g in row:
        layers.setdefault(layer_of.get(g.font, 0), []).append(g)
    return [layers[k] for k in sorted(layers)]


def _row_size(row: list[Glyph]) -> float:
    sizes = [g.size for g in row if not g.text.isspace()]
    return median(sizes) if sizes else row[0].size


def _baseline(row: list[Glyph]) -> float:
    return median(g.bottom for g in row if not g.text.isspace()) if any(
        not g.text.isspace() for g in row) else row[0].bottom


def _attach_superscripts(rows: list[list[Glyph]]) -> list[tuple[list[Glyph], list[Glyph]]]:
    """Rows of small glyphs raised onto a bigger row become that row's superscripts.
    Returns (row, its superscript glyphs) pairs."""
    target_of: dict[int, int] = {}
    for i, row in enumerate(rows):
        size = _row_size(row)
        base = _baseline(row)
        text = "".join(g.text for g in row).strip()
        if not text or len(text) > 12 or not all(c.lower() in MARKER_CHARS or c.isspace() or c in ",." for c in text):
            continue
        for j in range(i + 1, min(i + 3, len(rows))):
            other = rows[j]
            osize = _row_size(other)
            obase = _baseline(other)
            otop = min(g.top for g in other)
            if size < 0.85 * osize and otop - 0.1 * osize <= base < obase - 0.15 * osize:
                target_of[i] = j
                break
    supers: dict[int, list[Glyph]] = {}
    for i, j in target_of.items():
        supers.setdefault(j, []).extend(g for g in rows[i] if not g.text.isspace())
    return [(row, supers.get(i, [])) for i, row in enumerate(rows) if i not in target_of]


def _drop_covered_spaces(row: list[Glyph]) -> list[Glyph]:
    """Space glyphs that text was stamped over (a number or day filled in by the signing system sits
    on the spaces the drafter left) are dropped, so "ngày 0 7 tháng" reads "ngày 07 tháng"."""
    import bisect

    ink = sorted((g for g in row if not g.text.isspace()), key=lambda g: g.x0)
    starts = [g.x0 for g in ink]
    widest = max((g.x1 - g.x0 for g in ink), default=0.0)
    out = []
    for g in row:
        if g.text.isspace() and ink:
            width = max(g.x1 - g.x0, 0.01)
            # only glyphs starting within one glyph width before the space can overlap it (bisect: a
            # row of 70,000 stacked glyphs must not cost 70,000² comparisons)
            lo = bisect.bisect_left(starts, g.x0 - widest)
            hi = bisect.bisect_left(starts, g.x1)
            if any(min(g.x1, o.x1) - max(g.x0, o.x0) > 0.3 * width for o in ink[lo:hi]):
                continue
            if g.x1 <= g.x0 and any(o.x0 < g.x0 < o.x1 for o in ink[lo:hi]):
                continue  # a space without width (PDFium's own) standing inside a glyph's box
        out.append(g)
    return out


def _split_row(row: list[Glyph]) -> list[list[Glyph]]:
    """Cut a row into segments at gaps much wider than its ordinary word gaps (column gutters).
    Space glyphs stay with the word before them."""
    words: list[list[Glyph]] = []
    ink_start = True
    last_ink: Glyph | None = None  # the last ink glyph of words[-1] (ink always goes to the last word)
    for g in row:
        if g.text.isspace():
            if words:
                words[-1].append(g)
            ink_start = True
            continue
        if ink_start or last_ink is None or g.x0 - last_ink.x1 > 0.2 * g.size:
            words.append([])
        ink_start = False
        words[-1].append(g)
        last_ink = g
    words = [w for w in words if any(not g.text.isspace() for g in w)]
    if len(words) < 2:
        return [row]

    def first_ink(w):
        return next(g for g in w if not g.text.isspace())

    def last_ink_of(w):
        return next(g for g in reversed(w) if not g.text.isspace())

    size = _row_size(row)
    gaps = [first_ink(words[k + 1]).x0 - last_ink_of(words[k]).x1 for k in range(len(words) - 1)]
    typical = median(gaps) if len(gaps) >= 3 else 0.3 * size
    cut = max(1.2 * size, 3.0 * typical) if len(gaps) >= 3 else 2.0 * size
    segments: list[list[Glyph]] = [[]]
    for k, word in enumerate(words):
        if k and gaps[k - 1] > cut:
            segments.append([])
        segments[-1].extend(word)
    return segments


def lines_from_glyphs(glyphs: list[Glyph]) -> list[Segment]:
    """Glyphs of one page -> segments (future Lines) in reading order."""
    glyphs = [g for g in glyphs if g.text]
    if not glyphs:
        return []
    # text set at 1-3 pt is not meant to be read (hidden markers some editors leave)
    typical = median(g.size for g in glyphs)
    glyphs = [g for g in glyphs if g.size >= min(3.5, 0.3 * typical)]
    row_segments: list[list[Segment]] = []
    for row, raised in _attach_superscripts(_unstack(_rows(glyphs))):
        row = _drop_covered_spaces(row)
        segs = [Segment(glyphs=s) for s in _split_row(row) if any(not g.text.isspace() for g in s)]
        if not segs:
            continue
        for sup in _group_markers(raised):
            x = sup[0]
            # the marker belongs to the segment it follows
            best = min(segs, key=lambda s: 0 if s.x0 - 2 <= x <= s.x1 + 6 else min(abs(x - s.x0), abs(x - s.x1)))
            best.markers.append(sup)
        row_segments.append(segs)
    return _reading_order(row_segments)


def _group_markers(glyphs: list[Glyph]) -> list[tuple[float, str]]:
    out: list[tuple[float, str]] = []
    last_x1 = None
    for g in sorted(glyphs, key=lambda g: g.x0):
        if g.text in ",.":
            last_x1 = None  # "¹,²" are two markers
            continue
        if out and last_x1 is not None and g.x0 - last_x1 < 0.3 * g.size:
            x, text = out[-1]
            out[-1] = (x, text + g.text)
        else:
            out.append((g.x0, g.text))
        last_x1 = g.x1
    return out


SPLIT_LINE_SPAN = 0.85  # of the body's width: a row that wide, cut by one narrow gap, is one line
SPLIT_LINE_GAP = 2.0  # font sizes: the widest gap of such a row (a seal over the words, a speck)


def _text(segment) -> str:
    return segment.line.text if hasattr(segment, "line") else "".join(g.text for g in segment.glyphs)


def _upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) > 0.7 * len(letters)


def _one_line_split(row: list[Segment], body_x0: float, body_width: float) -> bool:
    """A body line that OCR cut in two where the seal or a speck covers a few letters ("phủ sửa đổi khoản
    8 Điều 1" | "Quyết định số 321/QĐ-TTg ngày 08 tháng 3 năm", qd-1360-ttg): the row runs across the
    body and its pieces stand closer than a column gutter, so it is read left to right, not as a band of
    two columns (which would put the next line between its halves)."""
    if any(_upper(_text(s)) for s in row):
        return False  # the header's two columns ("ỦY BAN NHÂN DÂN" | "CỘNG HÒA XÃ HỘI …") stand as close
    span = max(s.x1 for s in row) - min(s.x0 for s in row)
    gaps = [b.x0 - a.x1 for a, b in zip(row, row[1:])]
    size = max(s.size for s in row)
    return body_width > 0 and span > SPLIT_LINE_SPAN * body_width and max(gaps) < SPLIT_LINE_GAP * size


def _reading_order(rows: list[list[Segment]]) -> list[Segment]:
    out: list[Segment] = []
    if not rows:
        return out
    body_x0 = min(s.x0 for r in rows for s in r)
    body_width = max(s.x1 for r in rows for s in r) - body_x0
    i = 0
    while i < len(rows):
        if len(rows[i]) < 2 or _one_line_split(rows[i], body_x0, body_width):
            out.extend(rows[i])
            i += 1
            continue
        # a band of two-column rows, split at the widest gap of its first row. Following rows stay in
        # the band (a "Nơi nhận" item alone on the left, a signer's name alone on the right) until a
        # row runs across the split like body text, or a wide vertical gap.
        first = rows[i]
        k = max(range(len(first) - 1), key=lambda k: first[k + 1].x0 - first[k].x1)
        mid = (first[k].x1 + first[k + 1].x0) / 2
        size = first[k].size
        band: list[Segment] = list(first)
        row_of = {id(s): i for s in first}
        bottom = max(s.bottom for s in first)
        j = i + 1
        while j < len(rows):
            row = rows[j]
            top = min(s.top for s in row)
            across = any(
                s.x0 < mid - size and s.x1 > mid + size and (s.x1 - s.x0) > 0.6 * body_width for s in row
            )
            if across or top - bottom > 4 * size:
                break
            band.extend(row)
            row_of.update((id(s), j) for s in row)
            bottom = max(bottom, max(s.bottom for s in row))
            j += 1
        band.sort(key=lambda s: (0 if (s.x0 + s.x1) / 2 < mid else 1, s.top, s.x0))
        out.extend(_row_runs_by_x(band, row_of))
        i = j
    return out


def _row_runs_by_x(band: list, row_of: dict[int, int]) -> list:
    """Segments of one row that the column sort put next to each other are read left to right: their
    tops can differ by a rounding error (two header columns in different fonts on one baseline), and
    a top smaller by 1e-6 must not put the motto before the agency."""
    out: list = []
    run: list = []
    for s in band:
        if run and row_of.get(id(s)) != row_of.get(id(run[0])):
            out.extend(sorted(run, key=lambda g: g.x0))
            run = []
        run.append(s)
    out.extend(sorted(run, key=lambda g: g.x0))
    return out


class _Placed:
    """A finished Line seen as a segment, to put OCR lines in the same reading order."""

    def __init__(self, line):
        self.line = line
        self.x0, self.top, self.x1, self.bottom = line.bbox
        self.size = line.font_size or (self.bottom - self.top)


def order_lines(lines: list) -> list:
    """Lines that carry a bbox (OCR output) -> reading order: rows by vertical overlap, then two-column
    bands read column by column, as for text layers."""
    placed = [_Placed(l) for l in lines if l.bbox is not None]
    if len(placed) != len(lines):
        return list(lines)
    placed.sort(key=lambda p: ((p.top + p.bottom) / 2, p.x0))
    rows: list[list[_Placed]] = []
    for p in placed:
        if rows:
            row = rows[-1]
            center = median((q.top + q.bottom) / 2 for q in row)
            height = median(q.bottom - q.top for q in row)
            if abs((p.top + p.bottom) / 2 - center) <= 0.5 * max(height, p.bottom - p.top):
                row.append(p)
                continue
        rows.append([p])
    for row in rows:
        row.sort(key=lambda p: p.x0)
    return [p.line for p in _reading_order(rows)]  # type: ignore[arg-type]


# A character whose baseline is turned more than this off the page's axes (sine of the angle) is left
# out with the rotated ones: the slanted red stamp LuatVietnam prints across a law's title on its web
# prints ("Hiệu lực: Đã biết", 8°: corpus/eval/dev luat-120-2025 web print, luat-73-2021 luatvietnam)
# would otherwise be read into the title's line. 5° leaves the baselines an OCR'd PDF's text layer may
# follow on a skewed scan (Tesseract's PDF renderer turns each line by its skew, 1-3°).
SLANT = 0.087


def turned(a: float, b: float, c: float, d: float) -> bool:
    """True when a character drawn with text matrix (a b c d) is not upright text to read: pdfminer's
    test (LTChar.upright) or a baseline turned more than SLANT off the horizontal."""
    if not (0 < a * d and b * c <= 0):
        return True
    return abs(b) > SLANT * ((a * a + b * b) ** 0.5)
