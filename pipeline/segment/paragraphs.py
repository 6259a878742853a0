"""Rejoining wrapped lines into paragraphs, across line and page breaks.

Vietnamese is written in syllables separated by spaces and is not hyphenated at line ends, so a
wrapped line is joined with a single space. A new paragraph starts at a numbered heading or a
bullet, after a line that ends a sentence when the next one starts a new one, or after a short line;
with layout, an indented first line or a vertical gap also starts one.

A Word file's lines are its paragraphs (the DOCX reader emits one line per w:p, antiword -w 0 one per
paragraph) and its x1 is the page width, not where the text stops, so "short" tells nothing there:
each line starts a paragraph unless it clearly goes on from the last (which ended mid-sentence, and
this one starts in lower case: a hard return typed inside a sentence)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..grammar.headings import BULLET, HEADING  # noqa: F401  (footnotes, distribution read them here)
from .lines import Row

_TERMINAL = ".!?:…"


@dataclass
class Paragraph:
    rows: list[Row] = field(default_factory=list)

    @property
    def page(self) -> int:
        return self.rows[0].page

    @property
    def text(self) -> str:
        return join_rows(self.rows)[0]


def join_rows(rows: list[Row]) -> tuple[str, list[tuple[int, int]]]:
    """The rows' text joined with spaces, and (offset, page) wherever the page changes."""
    out = ""
    starts: list[tuple[int, int]] = []
    page = None
    for row in rows:
        t = " ".join(row.text.split())
        if not t:
            continue
        if out:
            out += " "
        if row.page != page:
            starts.append((len(out), row.page))
            page = row.page
        out += t
    return out, starts


def starts_upper(text: str) -> bool:
    t = text.lstrip(" \"“'‘(")
    return bool(t) and (t[0].isupper() or t[0].isdigit())


def ends_sentence(text: str) -> bool:
    t = text.rstrip().rstrip("\"”’)")
    return bool(t) and t[-1] in _TERMINAL


class Breaker:
    """Decides, for two consecutive body rows, whether the second starts a new paragraph."""

    def __init__(self, rows: list[Row], width: float, whole_lines: bool = False):
        self.width = width
        self.whole_lines = whole_lines
        laid = [r for r in rows if r.x0 is not None and r.x1 is not None]
        self.layout = len(laid) >= max(3, len(rows) // 2)
        if self.layout:
            lefts = sorted(r.x0 for r in laid)
            rights = sorted(r.x1 for r in laid)
            self.left = lefts[len(lefts) // 5]
            self.right = rights[-1 - len(rights) // 5]
            sizes = sorted(r.font_size for r in laid if r.font_size)
            self.size = sizes[len(sizes) // 2] if sizes else 12.0

    def short(self, row: Row) -> bool:
        if self.layout and row.x1 is not None:
            return row.x1 < self.right - 0.18 * (self.right - self.left)
        return len(row.text) < 0.7 * self.width

    def indented(self, row: Row) -> bool:
        return self.layout and row.x0 is not None and row.x0 > self.left + 0.6 * self.size

    def gap(self, prev: Row, row: Row) -> bool:
        if not self.layout or prev.page != row.page or prev.top is None or row.top is None:
            return False
        line = (prev.line.bbox[3] - prev.line.bbox[1]) if prev.line and prev.line.bbox else self.size
        return row.top - prev.top > 2.1 * max(line, 1.0)

    def new_paragraph(self, prev: Row, row: Row) -> bool:
        t, p = row.text, prev.text
        ended = ends_sentence(p) or p.rstrip().endswith(";")
        if self.whole_lines:
            return ended or starts_upper(t) or bool(HEADING.match(t) or BULLET.match(t))
        if HEADING.match(t) or BULLET.match(t):
            return ended or self.short(prev) or bool(HEADING.match(p) and not ends_sentence(p))
        if self.layout:
            if self.indented(row) or self.gap(prev, row):
                return starts_upper(t) or ended
            return self.short(prev) and starts_upper(t)
        if ends_sentence(p) and starts_upper(t):
            return True
        return self.short(prev) and starts_upper(t)


def paragraphs(rows: list[Row], width: float, whole_lines: bool = False) -> list[Paragraph]:
    """``whole_lines``: each line the reader gave is a paragraph as written (Word files)."""
    breaker = Breaker(rows, width, whole_lines)
    out: list[Paragraph] = []
    for row in rows:
        if not row.text.strip():
            continue
        if out and not breaker.new_paragraph(out[-1].rows[-1], row):
            out[-1].rows.append(row)
        else:
            out.append(Paragraph([row]))
    return out
