"""Ruled tables in a PDF text layer, found with pdfplumber's table finder (lines strategy).

The finder costs little on a page already parsed, but on a page with no grid it still builds
"tables" from whatever rectangles are there: real Decree 30 PDFs paint white (or tinted) boxes
behind lines of text, and tb-11-ubnd-quang-ngai-2025.pdf gave a one-column, 19-row "table" of them
on its first page. So:

* ``grid_cells`` runs the finder only on a page whose stroked rules (lines, stroked rectangles and
  hairline filled rectangles, not background fills) give at least three horizontal and three
  vertical positions: the least a table of two rows by two columns needs. Background fills are
  filtered out of what the finder sees, too.
* results with one column or one row are dropped (a ruled box round a paragraph, a rule under the
  motto is not a table);
* ``is_layout_block`` tells the two-column header (agency | national motto) and the "Nơi nhận" |
  signer block apart from a body table by their words: some PDFs draw them as a ruled table, and
  they are parsed by the header and signer rules, never kept as a body table.

A table comes back as its bbox and the bbox of every cell (None where a merged cell spans it); the
PDF reader fills the cells with text from its own glyphs, so cell text is repaired and converted
(TCVN3/VNI) the same way as the page's lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import vocab
from ..model import BBox
from ..text import fold, longest_first

MIN_RULES = 3  # distinct horizontal and vertical rule positions: a 2 x 2 grid
HAIRLINE = 2.0  # points: a filled rectangle this thin is drawn as a rule
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}

# what the header's right column and the signature block say (matched on text.fold): the national or
# Party motto anywhere in a cell, "Nơi nhận" and a signing authority (KT., TM., TL., TUQ.) opening one (the labels and
# authority words of pipeline/vocab)


def _layout_words() -> str:
    """"cong hoa xa hoi", "doc lap - tu do" (the first four words of the motto and the slogan, any marks
    between) and the Party motto whole."""
    cues = vocab.cues()
    heads = [" ".join(re.findall(r"\w+", fold(m))[:4]) for m in cues["motto"] + cues["motto_slogan"]]
    heads += [" ".join(re.findall(r"\w+", fold(m))) for m in cues["party_motto"]]
    return "|".join(r"\b" + r"\W+".join(map(re.escape, h.split())) + r"\b" for h in heads)


_LAYOUT_WORDS = vocab.Pattern(_layout_words)


def _layout_openers() -> str:
    labels = longest_first({fold(w).split(" (")[0] for w in vocab.cues()["distribution_labels"]})
    authorities = longest_first({fold(w)[:-1] for w in vocab.words("authority") if w.endswith(".")})
    return (r"^\s*(?:(?:" + "|".join(map(re.escape, labels)) + r")\b|(?:" + "|".join(map(re.escape, authorities))
            + r")\s*\.)")


_LAYOUT_OPENERS = vocab.Pattern(_layout_openers)


@dataclass(frozen=True)
class Grid:
    bbox: BBox
    rows: tuple[tuple[BBox | None, ...], ...]


def _is_ink(obj: dict) -> bool:
    """A stroked line or rectangle, or a hairline fill (a rule drawn as a thin filled box)."""
    if obj.get("object_type") == "line":
        return True
    if obj.get("object_type") != "rect":
        return True  # the finder's other inputs (curves) are left as they are
    if obj.get("stroke"):
        return True
    thin = min(float(obj["width"]), float(obj["height"])) < HAIRLINE
    return bool(obj.get("fill")) and thin and not _white(obj.get("non_stroking_color"))


def _white(color) -> bool:
    if color is None:
        return False
    values = color if isinstance(color, (list, tuple)) else (color,)
    try:
        numbers = [float(v) for v in values]
    except (TypeError, ValueError):
        return False
    if len(numbers) == 4:  # CMYK: white is no ink at all
        return all(v <= 0.02 for v in numbers)
    return bool(numbers) and all(v >= 0.98 for v in numbers)


def _rule_positions(page) -> tuple[set[int], set[int]]:
    """Rounded y of horizontal rules and x of vertical rules drawn on the page."""
    ys: set[int] = set()
    xs: set[int] = set()
    for obj in page.lines:
        x0, x1, top, bottom = float(obj["x0"]), float(obj["x1"]), float(obj["top"]), float(obj["bottom"])
        if bottom - top < 1 and x1 - x0 >= 1:
            ys.add(round(top))
        elif x1 - x0 < 1 and bottom - top >= 1:
            xs.add(round(x0))
    for obj in page.rects:
        if not _is_ink(obj):
            continue
        x0, x1, top, bottom = float(obj["x0"]), float(obj["x1"]), float(obj["top"]), float(obj["bottom"])
        if x1 - x0 >= HAIRLINE:
            ys.update((round(top), round(bottom)) if bottom - top >= HAIRLINE else (round(top),))
        if bottom - top >= HAIRLINE:
            xs.update((round(x0), round(x1)) if x1 - x0 >= HAIRLINE else (round(x0),))
    return ys, xs


def has_grid(page) -> bool:
    """Enough horizontal and vertical rules for a table: cheap, run before the finder."""
    ys, xs = _rule_positions(page)
    return len(ys) >= MIN_RULES and len(xs) >= MIN_RULES


def grid_cells(page) -> list[Grid]:
    """The ruled tables of a pdfplumber page, as cell boxes; [] when the page has no grid."""
    if not has_grid(page):
        return []
    found = page.filter(_is_ink).find_tables(TABLE_SETTINGS)
    out = []
    for table in found:
        rows = tuple(tuple(tuple(float(v) for v in cell) if cell is not None else None for cell in row.cells)
                     for row in table.rows)
        columns = max((sum(c is not None for c in row) for row in rows), default=0)
        if len(rows) < 2 or columns < 2:
            continue
        out.append(Grid(tuple(float(v) for v in table.bbox), rows))
    return out


class RulePage:
    """The rules of a page read from PDFium's path objects (pdfium_text.rule_objects), standing in for
    a pdfplumber page where grid_cells uses one: the same line and rect dicts (the keys the finder and
    _is_ink read), the same edges, the same table finder."""

    def __init__(self, lines: list[dict], rects: list[dict], bbox: tuple[float, float, float, float]):
        self.lines, self.rects, self.curves, self.bbox = lines, rects, [], bbox

    @property
    def edges(self) -> list[dict]:
        from pdfplumber.utils import line_to_edge, rect_to_edges

        return [line_to_edge(line) for line in self.lines] + [e for rect in self.rects for e in rect_to_edges(rect)]

    def filter(self, test) -> "RulePage":
        return RulePage([o for o in self.lines if test(o)], [o for o in self.rects if test(o)], self.bbox)

    def find_tables(self, settings) -> list:
        from pdfplumber.table import TableFinder, TableSettings

        return TableFinder(self, TableSettings.resolve(settings)).tables


def is_layout_block(rows: tuple[tuple[str | None, ...], ...]) -> bool:
    """The header (agency | motto) or the signature block (Nơi nhận | signer) drawn as a table."""
    width = max((len(r) for r in rows), default=0)
    if width > 3:
        return False
    for row in rows:
        for cell in row:
            f = fold(cell or "").lower()
            if _LAYOUT_WORDS.search(f) or _LAYOUT_OPENERS.match(f):
                return True
    return False
