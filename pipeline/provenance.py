"""Where on the page a value came from: the box of the printed words it was read from.

Mentions carry a page and a character span into their passage; header fields, signers and the
Nơi nhận items carry only their text. To outline any of them on a page image, the value is looked
up in the page's lines (which keep their boxes, in PDF points): the text of a page, folded (no
diacritics, tone placement, case or punctuation), is searched for the folded value, and the lines
it covers give the box. A value on one line gets the part of the line's box its characters take
(proportional to their count); a value over several lines gets the union of their boxes.

A value that cannot be found (rewritten by the segmenter, a reading repaired across lines) gets no
box: ``None``, never a guess. A DOCX, DOC or TXT has no printed positions (its boxes are made up
for segmentation), so it gets none either.
"""
from __future__ import annotations

import re

from .grammar.headings import BULLETS
from .model import Report
from .text import fold

_NOT_WORD = re.compile(r"[^\w]+")
BOXED_FORMATS = ("pdf", "image")


def _norm(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", fold(text or "").lower()).split())


class _PageText:
    """One page's lines as one folded string, with which line each character came from."""

    def __init__(self, lines):
        self.lines = [l for l in lines if l.bbox is not None]
        parts, self.starts = [], []
        at = 0
        for line in self.lines:
            text = _norm(line.text)
            self.starts.append((at, at + len(text)))
            parts.append(text)
            at += len(text) + 1
        self.text = " ".join(parts)

    def find(self, needle: str, nth: int = 0, last: bool = False) -> list[float] | None:
        if not needle:
            return None
        if last:  # the last place it is printed (a signer's title, below the body that may name it)
            for m in reversed(list(re.finditer(r"(?<![^ ])" + re.escape(needle) + r"(?![^ ])", self.text))):
                return self.box(m.start(), m.end())
            return None
        at = -1
        for _ in range(nth + 1):
            at = self.text.find(needle, at + 1)
            if at < 0:
                return None
        # a match must start and end on word boundaries
        end = at + len(needle)
        if (at > 0 and self.text[at - 1] != " ") or (end < len(self.text) and self.text[end] != " "):
            return self.find(needle, nth + 1) if nth < 50 else None
        return self.box(at, end)

    def search(self, pattern: re.Pattern) -> list[float] | None:
        m = pattern.search(self.text)
        return self.box(m.start(), m.end()) if m else None

    def box(self, at: int, end: int) -> list[float] | None:
        covered = [(i, s, e) for i, (s, e) in enumerate(self.starts) if s < end and e > at]
        if not covered:
            return None
        if len(covered) == 1:
            i, s, e = covered[0]
            x0, top, x1, bottom = self.lines[i].bbox
            width = max(1, e - s)
            a, b = (at - s) / width, (end - s) / width
            return [round(x0 + (x1 - x0) * a, 1), round(top, 1), round(x0 + (x1 - x0) * b, 1), round(bottom, 1)]
        boxes = [self.lines[i].bbox for i, _, _ in covered]
        return [round(min(b[0] for b in boxes), 1), round(min(b[1] for b in boxes), 1),
                round(max(b[2] for b in boxes), 1), round(max(b[3] for b in boxes), 1)]


class Locator:
    """Finds values on a document's pages; the n-th look-up of the same text on the same page
    gets the n-th place it is printed there."""

    def __init__(self, report: Report):
        self.pages = {p.number: _PageText(p.lines) for p in report.document.pages}
        self.order = [p.number for p in report.document.pages]
        self.seen: dict[tuple[int, str], int] = {}

    def locate(self, text: str | None, pages: list[int] | None = None, last: bool = False) -> dict | None:
        needle = _norm(text or "")
        if len(needle) < 2:
            return None
        for page in pages or self.order:
            found = self.pages.get(page)
            if found is None:
                continue
            nth = self.seen.get((page, needle), 0)
            box = found.find(needle, nth, last)
            if box is not None:
                self.seen[(page, needle)] = nth + 1
                return {"page": page, "bbox": box}
        return None


HEADER_FIELDS = ("parent_agency", "agency", "number", "doc_type", "place", "date", "subject")


def _date_pattern(day: str) -> re.Pattern:
    """The printed issue date, folded: 'ngày 08 tháng 3 năm 2023' or 'ngày 8/3/2023'."""
    y, m, d = day.split("-")
    d, m = int(d), int(m)
    # the day may be handwritten (read as noise, or not at all): then the box of 'tháng … năm …'
    return re.compile(rf"\bngay 0?{d} thang 0?{m} nam {y}\b|\b0?{d} 0?{m} {y}\b|\bthang 0?{m} nam {y}\b")


def provenance(report: Report) -> dict:
    """{"header": {field: box}, "recipients": [box], "signers": [box], "distribution": [box]},
    each box {"page": int, "bbox": [x0, top, x1, bottom]} in PDF points, or None."""
    out: dict = {"header": {}, "recipients": [], "signers": [], "distribution": []}
    if report.document.format not in BOXED_FORMATS or not report.document.pages:
        return out
    loc = Locator(report)
    order = loc.order
    first, last = order[:1], list(reversed(order))
    h = report.header
    for key in HEADER_FIELDS:
        value = getattr(h, key)
        if key == "date":
            found = loc.pages[order[0]].search(_date_pattern(value)) if value else None
            box = {"page": order[0], "bbox": found} if found else None
        elif key == "number" and value:
            box = loc.locate(value, first) or loc.locate(value.split("/")[0] + " " + "/".join(value.split("/")[1:]), first)
        elif key == "number":
            box = None
        elif key == "place" and value:
            # 'Lâm Đồng, ngày …': the place before the date, not the same words in the agency's name
            needle = _norm(value)
            found = loc.pages[order[0]].search(re.compile(r"\b" + re.escape(needle) + r"(?= ngay)"))
            box = {"page": order[0], "bbox": found} if found else loc.locate(value, first)
        else:
            box = loc.locate(value, first)
        if box is not None:
            out["header"][key] = box
    out["recipients"] = [loc.locate(r, first) for r in h.recipients]
    for s in report.signers:
        boxes = [b for b in (loc.locate(v, last, last=True) for v in (s.authority, s.position, s.name)) if b]
        if boxes:
            page = boxes[-1]["page"]
            same = [b["bbox"] for b in boxes if b["page"] == page]
            out["signers"].append({"page": page, "bbox": [min(b[0] for b in same), min(b[1] for b in same),
                                                          max(b[2] for b in same), max(b[3] for b in same)]})
        else:
            out["signers"].append(None)
    out["distribution"] = [loc.locate(item.lstrip(BULLETS + " ").rstrip(";.,"), last) for item in report.distribution]
    return out


def mention_box(loc: Locator | None, text: str, page: int) -> list[float] | None:
    if loc is None:
        return None
    found = loc.locate(text, [page])
    return found["bbox"] if found else None


def locator(report: Report) -> Locator | None:
    return Locator(report) if report.document.format in BOXED_FORMATS and report.document.pages else None
