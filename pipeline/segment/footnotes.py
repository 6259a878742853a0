"""Footnotes.

With layout, a footnote is the small-font block at the foot of a page, and the reader hands over
the superscript markers (Line.markers). In plain text and OCR the superscript has become an
ordinary digit: the body says "văn bản1 định hướng" and, further down, a line starts "1Công văn số
…". A digit glued to a word is taken as a marker only because a footnote line with that marker
exists — not because any letter followed by a digit is one ("PV01", "K1" are codes).

A footnote runs over the following lines until the next marker, a page break, or a line that
resumes the body after the footnote's final full stop. Its rows are taken out of the body so the
paragraph it interrupted is rejoined."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .distribution import is_label
from .lines import Row
from .paragraphs import BULLET, HEADING, ends_sentence, starts_upper

_START = re.compile(r"^(?P<marker>\d{1,2})(?P<space>\s?)(?=[\"“(\[]|[^\W\d_])")
_CLOSERS = ")”\"’.,"
# OCR reads a superscript footnote number as a mark: "văn bản! định hướng", "! Quyết định số …"
_LOOKALIKE = "!|*¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT = {"¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9"}
_OCR_START = re.compile(r"^(?P<mark>[!|*¹²³⁴⁵⁶⁷⁸⁹])\s*(?=[\"“(]|[A-ZĐÀ-Ỹ])")


@dataclass
class FootnoteBlock:
    marker: str
    rows: list[Row] = field(default_factory=list)
    anchor_row: Row | None = None

    @property
    def page(self) -> int:
        return self.rows[0].page

    @property
    def text(self) -> str:
        return " ".join(" ".join(r.text.split()) for r in self.rows if r.text.strip())


def _glued(text: str, marker: str) -> list[int]:
    """Offsets where marker stands glued after a lower-case word or a closing mark: "bản1", "Đồng1."."""
    out = []
    for m in re.finditer(re.escape(marker), text):
        a, b = m.start(), m.end()
        if a == 0:
            continue
        before = text[a - 1]
        if before.isdigit() or (b < len(text) and (text[b].isdigit() or text[b].isalpha() or text[b] in "/-")):
            continue
        if (before.isalpha() and before.islower()) or before in _CLOSERS:
            if before in ".," and a >= 2 and text[a - 2].isdigit():
                continue  # "2023.1" is a number, not a marker
            out.append(a)
    return out


def _small(row: Row, body_size: float | None) -> bool:
    return bool(body_size and row.font_size and row.font_size <= body_size - 1.0)


def _body_size(rows: list[Row]) -> float | None:
    sizes = sorted(r.font_size for r in rows if r.font_size)
    return sizes[len(sizes) // 2] if sizes else None


def find_footnotes(rows: list[Row]) -> tuple[list[FootnoteBlock], list[Row]]:
    """(footnotes, body rows without them). Glued markers are removed from the body rows' text."""
    body_size = _body_size(rows)
    notes: list[FootnoteBlock] = []
    taken: set[int] = set()
    i = 0
    while i < len(rows):
        row = rows[i]
        marker, text = _footnote_start(row, rows, i, body_size, notes)
        if marker is None:
            i += 1
            continue
        anchor = _anchor(rows, i, marker)
        if anchor is None and not (_small(row, body_size) and row.markers):
            i += 1
            continue
        row.text = text
        block = FootnoteBlock(marker, [row], anchor[0] if anchor else None)
        if anchor:
            arow, offset = anchor
            if offset is not None:
                width = 1 if arow.text[offset] in _LOOKALIKE else len(marker)
                arow.text = arow.text[:offset] + arow.text[offset + width:]
                arow.markers.append((offset, marker))
        taken.add(i)
        j = i + 1
        while j < len(rows):
            nxt = rows[j]
            if nxt.page != row.page:
                break
            if _footnote_start(nxt, rows, j, body_size, notes + [block])[0] is not None and _anchor(rows, j, _footnote_start(nxt, rows, j, body_size, notes + [block])[0]):
                break
            if body_size and row.font_size and nxt.font_size:
                if not _small(nxt, body_size):
                    break
            else:
                prev = block.rows[-1].text
                full = max(len(r.text) for r in block.rows)
                if ends_sentence(prev) and (
                    starts_upper(nxt.text) or BULLET.match(nxt.text) or HEADING.match(nxt.text) or len(prev) < 0.8 * full
                ):
                    break  # the footnote's last line: the body resumes (mid-sentence, if it was interrupted)
            block.rows.append(nxt)
            taken.add(j)
            j += 1
        notes.append(block)
        i = j
    return notes, [r for k, r in enumerate(rows) if k not in taken]


def _footnote_start(row: Row, rows: list[Row], i: int, body_size, notes) -> tuple[str | None, str]:
    if row.markers and row.markers[0][0] == 0 and (_small(row, body_size) or not body_size):
        return row.markers[0][1], row.text.lstrip()
    expected = str(int(notes[-1].marker) + 1) if notes and notes[-1].marker.isdigit() else "1"
    o = _OCR_START.match(row.text)
    if o and i > 0 and _small(row, body_size) and _at_foot(row) and not _after_label(rows, i):
        return _SUPERSCRIPT.get(o.group("mark"), expected), row.text[o.end():].lstrip()
    m = _START.match(row.text)
    if m and not (row.text[m.end()] in "\"“([" or row.text[m.end()].isupper()):
        m = None  # "1 đồng chí": a count, not a footnote
    if not m or i == 0:
        return None, row.text
    marker = m.group("marker")
    if marker != expected and not (not notes and marker.isdigit() and int(marker) <= 20):
        return None, row.text
    if notes and marker != expected:
        return None, row.text
    return marker, row.text[m.end():].lstrip()


def _after_label(rows: list[Row], i: int) -> bool:
    """Row i is in a "Nơi nhận" list: a label stands above it on its page. An OCR'd item's dash read
    as a mark ("* Như trên;", "*Lưu: VT,") is no footnote."""
    page = rows[i].page
    for k in range(i - 1, -1, -1):
        if rows[k].page != page:
            return False
        if is_label(rows[k].text):
            return True
    return False


def _at_foot(row: Row) -> bool:
    """In the lower third of its page (when layout is known): where footnotes are printed."""
    return row.top is None or not row.page_height or row.top > 0.66 * row.page_height


def _anchor(rows: list[Row], i: int, marker: str) -> tuple[Row, int | None] | None:
    """The body row (before row i, nearest first) that holds marker, and its offset when glued in text
    (as a digit, or as the mark OCR made of the superscript: "bản!")."""
    for k in range(i - 1, max(-1, i - 120), -1):
        row = rows[k]
        for offset, mk in row.markers:
            if mk == marker and offset > 0:
                return row, None
        hits = _glued(row.text, marker)
        if hits:
            return row, hits[-1]
        if row.line is not None and row.line.confidence is not None:
            ocr = [m.start() for m in re.finditer(r"(?<=[^\W\d_])[!|*¹²³⁴⁵⁶⁷⁸⁹](?=[\s,.;:]|$)", row.text)
                   if _SUPERSCRIPT.get(row.text[m.start()], marker) == marker]
            if ocr:
                return row, ocr[-1]
    return None
