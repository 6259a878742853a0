"""The header of a scanned first page, found by layout and read region by region.

Tesseract's full-page pass (psm 3) often reads the two header columns as one line ("ỦY BAN NHÂN DÂN
CỘNG HÒA XÃ HỘI …", "Số: …/BC-UBND Krông Nô, ngày …"), or cuts a short line of one column into a
block of its own. Here the header is found on the binarised page by projection profiles, before any
text is trusted:

1. the rows of ink (the row profile of a reduced copy);
2. the two-column zone: the first rows of the page that leave a common white gutter in the middle
   of the page (agency block left; motto, place and date right; a công văn's "Số:" and "V/v" stay
   left of it), at least two of them inked on both sides;
3. the title block under it ("BÁO CÁO", the subject, "Kính gửi"): the rows that follow, narrower
   than the body's lines, up to the first body line.

Each region is then read on its own (``read_regions``): psm 6 (one block of text), enlarged 1.5×
(Lanczos), grey (not binarised). Its lines replace the full-page lines whose centre lies in it (their
text stays in Line.original), except that a full-page line that lies within one column is kept when
it was read more surely, or is a "Số:" line or a place and date the region's line is not, or was
blanked as a handwritten number; a surely read full-page line the region lost stays. The header's
order is the regions': the two columns row by row down to the "Số:" line and the place and date,
then the rest of the left column (a công văn's V/v block), then the right one's.

Measured on the 35 real scans and photos of corpus/eval/dev (header F1 of scans and photos, each
choice against the one kept, at the stage it was tried; Tesseract's results cached, so every variant
saw the same full-page pass): psm 4 for the columns instead of 6: agency .73 -> .71, place .83 -> .81,
subject .66 -> .63; no enlargement instead of 1.5×: agency .76 -> .68, date .57 -> .53; 2×: agency
.73 -> .70, date .57 -> .50; the crop binarised (Otsu): agency .73 -> .70, date .57 -> .53; the
region's line always (no choice against the full-page line): agency .73 -> .64, subject .66 -> .63,
recipients .68 -> .63; the title block read again too: no field changes (so it is not: it costs a
Tesseract run). Only the first page is read again (the header is there).
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, replace

from ..grammar.dates import is_place_date, parse_place_date
from ..grammar.symbols import is_ocr_number_line
from ..model import Line

REDUCED_WIDTH = 1000  # pixels: the profiles are taken on a copy about this wide
ROW_MIN_INK = 2  # pixels of ink in a row of the reduced copy: fewer is a speck, not print
ROW_MERGE_GAP = 2  # pixels (reduced): marks over a line and the line itself are one row
ROW_MIN_HEIGHT = 3  # pixels (reduced): a thinner run of ink is a rule or a speck
EDGE_TRIM = 0.03  # of the width, each side: a scan's dark edge is no print
GUTTER_SPAN = (0.25, 0.75)  # of the width: the gutter between the header columns lies in here
GUTTER_MIN = 0.015  # of the width: the narrowest white gutter that still parts two columns
ZONE_START_MAX = 0.3  # of the height: the header's first row starts above this
ZONE_MIN_BOTH = 2  # rows inked on both sides of the gutter: fewer is no two-column header
ZONE_MAX_GAP = 4.0  # heights of the zone's tallest row: a wider white gap ends the header zone
TITLE_MAX_ROWS = 10  # rows of the title block ("BÁO CÁO", subject over a few lines, "Kính gửi")
TITLE_TALL_ROW = 2.5  # of the page's median row height: a taller row is lines run together, not a title line
TITLE_MAX_HEIGHT = 0.15  # of the page height: the title block is no taller
TITLE_MARGIN = 0.05  # of the width: a title-block row stops this short of the body's left or right edge
PAD = 6  # pixels (page image) around a region when it is cut out
LOST_MIN_CONFIDENCE = 60  # a full-page line no region line covers is kept only when read this surely
SPECK_CHARS = 2  # a word this short at the end of a line ...
SPECK_CONFIDENCE = 60  # ... read with less confidence than this is a speck


@dataclass(frozen=True)
class Region:
    name: str  # "left" | "right" | "title"
    box: tuple[int, int, int, int]  # left, top, right, bottom: pixels of the page image
    psm: int


@dataclass
class Settings:
    """The choices measured per region (bench/RESULTS.md); the defaults are the ones that won."""

    psm_column: int = 6
    psm_title: int = 6
    upscale: float = 1.5  # the crop is enlarged this much before it is read
    binarize: bool = False
    title: bool = False  # the title block read again too (no field gained on the dev scans)
    choose: bool = True  # a full-page line within one region, read more surely, is kept


SETTINGS = Settings()


# --------------------------------------------------------------------------- layout


def _ink(image):
    """(boolean ink array of a reduced copy, the reduction factor)."""
    import numpy as np

    from .ocr import otsu_threshold

    factor = max(1, round(image.width / REDUCED_WIDTH))
    small = image.reduce(factor) if factor > 1 else image
    arr = np.asarray(small.convert("L"), dtype=np.uint8)
    return arr < otsu_threshold(arr), factor


def _runs(mask) -> list[tuple[int, int]]:
    """[start, end) of the runs of True in a 1-D boolean array."""
    import numpy as np

    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def rows_of_ink(ink) -> list[tuple[int, int]]:
    """The rows of print, [top, bottom) in the reduced copy."""
    runs = _runs(ink.sum(axis=1) >= ROW_MIN_INK)
    merged: list[list[int]] = []
    for top, bottom in runs:
        if merged and top - merged[-1][1] <= ROW_MERGE_GAP:
            merged[-1][1] = bottom
        else:
            merged.append([top, bottom])
    return [(t, b) for t, b in merged if b - t >= ROW_MIN_HEIGHT]


def find_header(image) -> list[Region]:
    """The header regions of a page image (grey, upright): the left and right column of the
    two-column zone and the title block under it; [] when the page has no two-column header."""
    import numpy as np

    ink, factor = _ink(image)
    height, width = ink.shape
    trim = int(EDGE_TRIM * width)
    ink[:, :trim] = False
    ink[:, width - trim:] = False
    rows = rows_of_ink(ink)
    inked = np.flatnonzero(ink.any(axis=0))
    centre = (int(inked[0]) + int(inked[-1])) // 2 if len(inked) else width // 2
    zone, free, k = _zone(ink, rows, centre)
    if not zone:
        return []
    zone = _from_both(zone, ink, free, int(GUTTER_SPAN[0] * width))
    gutter = max(_runs(free), key=lambda r: r[1] - r[0])
    split = int(GUTTER_SPAN[0] * width) + (gutter[0] + gutter[1]) // 2
    top, bottom = zone[0][0], zone[-1][1]
    cols = ink[top:bottom].any(axis=0)
    inked = np.flatnonzero(cols)
    left_edge, right_edge = int(inked[0]), int(inked[-1]) + 1
    regions = [Region("left", _box((left_edge, top, split, bottom), factor, image), SETTINGS.psm_column),
               Region("right", _box((split, top, right_edge, bottom), factor, image), SETTINGS.psm_column)]
    title = _title_rows(ink, rows[k:], rows)
    if title and SETTINGS.title:
        t0, t1 = title[0][0], title[-1][1]
        span = np.flatnonzero(ink[t0:t1].any(axis=0))
        regions.append(Region("title", _box((int(span[0]), t0, int(span[-1]) + 1, t1), factor, image),
                              SETTINGS.psm_title))
    return regions


def _zone(ink, rows: list[tuple[int, int]], centre: int):
    """(the rows of the two-column zone, the white columns they leave in GUTTER_SPAN, the index of
    the first row after it); ([], None, 0) when there is none. Rows before the header that run
    across the gutter (a logo, a stamp) are passed over; the zone ends at the first row that runs
    across it, at a centred row under the columns ("BÁO CÁO"), or at a wide white gap."""
    height, width = ink.shape
    lo, hi = int(GUTTER_SPAN[0] * width), int(GUTTER_SPAN[1] * width)
    need = max(2, int(GUTTER_MIN * width))
    free, zone, both = None, [], 0
    for k, (top, bottom) in enumerate(rows):
        if not zone and top > ZONE_START_MAX * height:
            break
        cols = ink[top:bottom].any(axis=0)
        empty = ~cols[lo:hi]
        for fresh in (False, True):
            if fresh:
                if both >= ZONE_MIN_BOTH:
                    return zone, free, k
                free, zone, both = None, [], 0  # a row above the header (a seal, a logo): start again here
            cand = empty if free is None else free & empty
            gutter = max(_runs(cand), key=lambda r: r[1] - r[0], default=None)
            gap = top - zone[-1][1] if zone else 0
            typical = max((b - t for t, b in zone), default=0)  # the tallest row: a rule under the agency is no measure
            if gutter is not None and gutter[1] - gutter[0] >= need and gap <= ZONE_MAX_GAP * typical:
                break
        else:
            continue
        two = bool(cols[:lo + gutter[0]].any() and cols[lo + gutter[1]:].any())
        if not two and both >= ZONE_MIN_BOTH and _spans(cols, centre):
            return zone, free, k  # a centred line under the columns ("BÁO CÁO"): the title block begins
        free = cand
        both += two
        zone.append((top, bottom))
    if both < ZONE_MIN_BOTH:
        return [], None, 0
    return zone, free, len(rows)


def _from_both(zone: list[tuple[int, int]], ink, free, lo: int) -> list[tuple[int, int]]:
    """The zone from its first row inked on both sides of the gutter (the agency's first line beside
    the motto's): a mark above the header (a handwritten note, a stamp's corner) stays out of it."""
    import numpy as np

    gutter = max(_runs(free), key=lambda r: r[1] - r[0])
    for i, (top, bottom) in enumerate(zone):
        cols = ink[top:bottom].any(axis=0)
        if cols[:lo + gutter[0]].any() and cols[lo + gutter[1]:].any():
            return zone[i:]
    return zone


def _spans(cols, x: int) -> bool:
    """Does the ink of a row run across column ``x`` (its first mark left of it, its last right)?"""
    import numpy as np

    xs = np.flatnonzero(cols)
    return bool(len(xs)) and xs[0] < x < xs[-1]


def _title_rows(ink, after: list[tuple[int, int]], rows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The rows of the title block: those after the two-column zone that stop short of the body's left
    or right edge (centred lines), until the first body line."""
    import numpy as np

    width = ink.shape[1]
    extents = []
    for top, bottom in rows:
        xs = np.flatnonzero(ink[top:bottom].any(axis=0))
        extents.append((int(xs[0]), int(xs[-1]) + 1))
    lefts = sorted(e[0] for e in extents)
    rights = sorted(e[1] for e in extents)
    body_left, body_right = lefts[len(lefts) // 10], rights[-1 - len(rights) // 10]
    line = statistics.median(b - t for t, b in rows)
    out = []
    for top, bottom in after[:TITLE_MAX_ROWS]:
        xs = np.flatnonzero(ink[top:bottom].any(axis=0))
        x0, x1 = int(xs[0]), int(xs[-1]) + 1
        if x0 < body_left + TITLE_MARGIN * width and x1 > body_right - TITLE_MARGIN * width:
            break  # a line from margin to margin: the body has begun
        if bottom - top > TITLE_TALL_ROW * line or bottom - after[0][0] > TITLE_MAX_HEIGHT * ink.shape[0]:
            break  # lines run together (a seal, a stamp over them) or far down the page: no title block
        out.append((top, bottom))
    return out


def _box(box, factor: int, image) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = (v * factor for v in box)
    return (max(0, x0 - PAD), max(0, y0 - PAD), min(image.width, x1 + PAD), min(image.height, y1 + PAD))


# --------------------------------------------------------------------------- reading


def _inside(line: Line, box, scale: float) -> bool:
    x0, top, x1, bottom = line.bbox
    cx, cy = (x0 + x1) / 2 / scale, (top + bottom) / 2 / scale
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def read_regions(image, regions: list[Region], page_lines: list[Line], page: int, scale: float, recognise,
                 finish, warnings: list[str], pen=None) -> tuple[list[Line], list[Line]]:
    """(the page's lines with those of the header regions read again, the full-page lines replaced).
    The header's lines come first (left column, right column, title block), then the rest in their
    order. ``recognise`` (image, psm) -> Tesseract words; ``finish`` cleans a region's lines (noise
    out, lexicon corrections); ``scale``: points per pixel of ``image``; ``pen``: as
    ocr.handwritten_number's, in the pixels of ``image``."""
    from PIL import Image

    from .ocr import binarize, lines_from_words

    header: dict[str, list[Line]] = {}
    replaced: list[Line] = []
    for region in regions:
        old = [ln for ln in page_lines if ln.bbox is not None and _inside(ln, region.box, scale)]
        factor = SETTINGS.upscale
        crop = image.crop(region.box)
        if factor > 1.05:
            crop = crop.resize((round(crop.width * factor), round(crop.height * factor)), Image.Resampling.LANCZOS)
        if SETTINGS.binarize:
            crop = binarize(crop)
        words = [replace(w, left=round(w.left / factor) + region.box[0], top=round(w.top / factor) + region.box[1],
                         width=round(w.width / factor), height=round(w.height / factor))
                 for w in _trim_specks(recognise(crop, region.psm))]
        new = finish(lines_from_words(words, page, scale, warnings, columns=region.name == "title", pen=pen))
        lines = [_better(ln, old, region.box, scale) for ln in new]
        # a full-page line the region lost (read as a speck, dropped as noise) stays when it was read
        # surely or is a "Số:" line or a place and date
        lines += [o for o in old if _within(o, region.box, scale) and not any(_overlap(ln, o) for ln in new)
                  and ((o.confidence or 0) >= LOST_MIN_CONFIDENCE or _grammar(o.text))]
        header[region.name] = list(dict.fromkeys(lines))
        replaced += old
    gone = {id(ln) for ln in replaced}
    rest = [ln for ln in page_lines if id(ln) not in gone]
    top = min(r.box[1] for r in regions) * scale
    above = [ln for ln in rest if ln.bbox is not None and ln.bbox[3] <= top]
    return above + _header_order(header) + [ln for ln in rest if ln not in above], replaced


def _header_order(header: dict[str, list[Line]]) -> list[Line]:
    """The header's lines in the order the header parser reads best: the two columns row by row
    down to the "Số:" line and the place and date (agency line, motto line, …), then what is left of
    the left column (a công văn's V/v block, whole), of the right one (a stamp), and the title block."""
    left, right = header.get("left", []), header.get("right", [])
    marks = [ln.bbox[3] for ln in left + right if _grammar(ln.text)]
    cut = max(marks) if marks else float("inf")
    top = [ln for ln in left + right if ln.bbox[1] < cut]
    return (_by_rows(top) + [ln for ln in left if ln not in top] + [ln for ln in right if ln not in top]
            + header.get("title", []))


def _trim_specks(words: list) -> list:
    """Words without a letter or a digit, or short and unsure, at either end of a line: a region read
    as one block (psm 6) takes the specks and the scan's edge beside its lines for marks ("+ ỦY BAN
    NHÂN DÂN", ": UBND TỈNH BẾN TRE :"); a syllable of the dictionary is no speck."""
    from .lexicon import syllables

    known = syllables() or frozenset()

    def speck(w) -> bool:
        alnum = sum(ch.isalnum() for ch in w.text)
        if w.text in ("-", "–", "•"):
            return False  # a recipient's bullet
        if w.text.isalpha() and len(w.text) >= 2 and w.text.lower() in known:
            return False  # a word, however unsure: "TẾ" of "SỞ Y TẾ" (gm-10-syt-kien-giang of corpus/eval/dev)
        return alnum == 0 or (len(w.text) <= SPECK_CHARS and w.conf < SPECK_CONFIDENCE)

    lines: dict[tuple[int, int, int], list] = {}
    for w in words:
        lines.setdefault((w.block, w.par, w.line), []).append(w)
    out = []
    for ws in lines.values():
        ws = sorted(ws, key=lambda w: w.left)
        while ws and speck(ws[0]):
            ws.pop(0)
        while ws and speck(ws[-1]):
            ws.pop()
        out += ws
    return out


def _by_rows(lines: list[Line]) -> list[Line]:
    """The header's lines row by row across the two columns (agency line, motto line, …, "Số:", place
    and date), then the title block: the layout order the header parser reads best (a công văn's
    V/v block read whole before the motto hides the place and date from it)."""
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: (ln.bbox[1] + ln.bbox[3]) / 2):
        centre, height = (ln.bbox[1] + ln.bbox[3]) / 2, ln.bbox[3] - ln.bbox[1]
        if rows:
            last = rows[-1]
            mid = statistics.median((o.bbox[1] + o.bbox[3]) / 2 for o in last)
            if abs(centre - mid) <= 0.5 * max(height, statistics.median(o.bbox[3] - o.bbox[1] for o in last)):
                last.append(ln)
                continue
        rows.append([ln])
    return [ln for row in rows for ln in sorted(row, key=lambda ln: ln.bbox[0])]


def _better(line: Line, old: list[Line], box, scale: float) -> Line:
    """The region's line, or the full-page line in its place when that one lies within the region
    (it mixes no columns) and was read with more confidence."""
    line = _keep_blank(_with_original(line, old), old)
    seen = [o for o in old if _overlap(line, o)]
    if len(seen) == 1 and line not in seen and _grammar(seen[0].text) > _grammar(line.text):
        return seen[0]  # the full-page line is a "Số:" line or a place and date the region's is not
    if SETTINGS.choose and len(seen) == 1 and line not in seen:
        o = seen[0]
        if _within(o, box, scale) and (o.confidence or 0) > (line.confidence or 0) and _grammar(o.text) >= _grammar(line.text):
            return o
    return line


def _within(line: Line, box, scale: float) -> bool:
    """Does a full-page line lie within the columns of a region (it mixes no columns)?"""
    return line.bbox[0] / scale >= box[0] - PAD and line.bbox[2] / scale <= box[2] + PAD


def _grammar(text: str) -> int:
    """How much of the header's grammar a line satisfies: 2 a place with a readable date, 1 a place
    and date line without one, or a "Số:" line; 0 none of them."""
    if is_place_date(text):
        return 2 if parse_place_date(text)[1] else 1
    return int(is_ocr_number_line(text))


def _keep_blank(line: Line, old: list[Line]) -> Line:
    """A "Số:" line whose number, or a place and date line whose day, the full-page pass found handwritten
    (blanked, "…") stays blank: a region read alone may be more confident of the same handwriting, or read
    the written day glued to its word where it cannot be measured ("ngày11", bc-93), and a wrong number or
    date is worse than none. The full-page line is kept in its place."""
    if "…" in line.text:
        return line
    for kind in (is_ocr_number_line, is_place_date):
        if kind(line.text):
            for o in old:
                if kind(o.text) and "…" in o.text and _overlap(line, o):
                    return o
    return line


def _overlap(a: Line, b: Line) -> bool:
    """Do two lines share most of the height of the lower one and some width?"""
    (ax0, at, ax1, ab), (bx0, bt, bx1, bb) = a.bbox, b.bbox
    return min(ab, bb) - max(at, bt) > 0.5 * min(ab - at, bb - bt) and min(ax1, bx1) > max(ax0, bx0)


def _with_original(line: Line, old: list[Line]) -> Line:
    """A region's line, with the text the full-page pass read in its place (the lines it overlaps
    by most of their height) as Line.original when that differs."""
    seen = [o for o in old if _overlap(line, o)]
    before = " ".join(o.text for o in sorted(seen, key=lambda o: o.bbox[0]))
    if not seen or before == line.text:
        return line
    return replace(line, original=before)
