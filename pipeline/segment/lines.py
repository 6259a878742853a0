"""The coarse pass: every line of the document becomes a Row, and page furniture (page numbers,
e-signature stamps) and the lines of the tables the reader found (Page.tables) are set aside. Lines
that the reader (or a text export) merged across the two header columns ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM", "Nơi nhận: KT. GIÁM ĐỐC") are split at the cue where the right column
starts, so the later parsers see one column per row.

Rows keep their position: ``column`` is "left" / "right" when layout tells (x centre against the
page width), else None; ``indent`` is the x0 offset from the body's left margin, when known."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from statistics import median

from .. import vocab
from ..grammar.dates import PLACE_DATE_IN_LINE
from ..grammar.headings import BULLETS
from ..grammar.pages import is_page_number
from ..model import BBox, Document, Line
from ..text import fold, longest_first
from . import cues


@dataclass
class Row:
    text: str
    page: int
    index: int  # position in the document's reading order, after splitting
    line: Line | None = None
    column: str | None = None  # "left" | "right" | None (unknown / full width)
    x0: float | None = None
    x1: float | None = None
    top: float | None = None
    font_size: float | None = None
    page_width: float | None = None
    page_height: float | None = None
    markers: list[tuple[int, str]] = field(default_factory=list)  # (offset in text, marker)
    label: str = ""


_EMAIL = re.compile(r"^\S+@\S+\.\w+$")
_TIMESTAMP = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-]\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[+-]\d{2}:?\d{2})?$")
_TZ = re.compile(r"^[+-]\d{2}:\d{2}$")


@vocab.cached
def _stamp_lines() -> tuple[re.Pattern, ...]:
    """The stamp patterns of pipeline/vocab/stamps.tsv that mark a line by themselves (line=1)."""
    return tuple(re.compile(s.pattern) for s in vocab.stamps() if s.line)


def is_stamp(text: str) -> bool:
    """A line of an e-signature stamp: e-mail, time stamp, "Ký bởi: ...", "Thời gian ký: ..."."""
    t = text.strip()
    f = " ".join(fold(t).split())
    return bool(_EMAIL.match(t) or _TIMESTAMP.match(t) or _TZ.match(t)) or any(p.search(f) for p in _stamp_lines())


# --------------------------------------------------------------------------- splitting merged columns


def _split_at(text: str, start: int) -> list[str]:
    left, right = text[:start].strip(), text[start:].strip()
    return [p for p in (left, right) if p]


@vocab.cached
def _abbreviated_authorities() -> str:
    """The authority words written as an abbreviation (TM, KT, T/M …; positions.tsv), as an alternation."""
    words = {w.rstrip(".") for w in vocab.words("authority")}
    return "|".join(re.escape(w) for w in longest_first((w for w in words if w.isascii() and " " not in w)))


def _right_column_cue(text: str, folded: str, i: int, key: str) -> bool:
    if key == "doc lap":
        return bool(re.match(r"doc lap\W+tu do", folded[i:]))
    # the motto's own words in capitals (the slogan may follow on the line), and no country named in running text:
    # "QUỐC KHÁNH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA …" (nd-28-2026 Công báo
    # print of corpus/eval/dev) are one line
    return cues.is_upper(" ".join(text[i:].split()[:4])) and not re.search(r"\bnuoc\s*$", folded[:i])


def split_columns(text: str) -> list[str]:
    """Split one merged line at the start of a right-column cue; at most one split."""
    f = fold(text)
    # national motto / Party motto / slogan after an agency name. The motto is printed in capitals and the slogan
    # goes on "Tự do": a body line naming the country or a place ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa
    # Việt Nam;", "tham quan tại Dinh Độc Lập", luat-58-2014, luat-16-2008, ttr-dtn of corpus/eval/dev) is one line
    for key in ("cong hoa xa hoi", "cong hoa xhcn", "dang cong san viet nam", "doc lap"):
        i = f.find(key)
        if i > 0 and text[:i].strip() and _right_column_cue(text, f, i, key):
            return _split_at(text, i)
    # "Số: 11 /TB-UBND Quảng Ngãi, ngày 08 tháng 01 năm 2025"
    if re.match(r"\s*" + cues.label_pattern("number_labels") + r"\b", text):
        m = PLACE_DATE_IN_LINE.search(text)
        if m:
            # the place starts after the number's symbol: the first word that begins with upper case
            head = text[: m.start("place")]
            place = m.group("place")
            words = list(re.finditer(r"\S+", place))
            cut = None
            for w in words:
                if w.group(0)[0].isupper() and not re.search(r"[/\d]", w.group(0)) and not cues.is_upper(w.group(0), 2):
                    cut = m.start("place") + w.start()
                    break
                if w.group(0)[0].isupper() and w.group(0).upper() == w.group(0) and fold(w.group(0)) in ("tp.", "tp"):
                    cut = m.start("place") + w.start()
                    break
            if cut is not None and head.strip() + text[m.start("place"):cut].strip():
                return _split_at(text, cut)
    # signer authority after the "Nơi nhận:" label or a distribution item
    stripped = text.strip()
    if cues.starts_with_any(stripped, "distribution_labels") or stripped.startswith(tuple(BULLETS)):
        for m in re.finditer(r"(?:(?<=\s)|(?<=:)|(?<=;)|(?<=\.))(" + _abbreviated_authorities() + r")[.\s]\s*[A-ZĐÀ-Ỹ]", text):
            if cues.authority_prefix(text[m.start():]):
                return _split_at(text, m.start())
        # an upper-case position after the item: "- Như trên; PHÓ GIÁM ĐỐC"
        m = re.search(r"[;:.]\s+(?=[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]{5,}$)", text)
        if m and cues.is_upper(text[m.end():], 5):
            return _split_at(text, m.end())
    return [text]


def _column(line: Line, page_width: float | None) -> str | None:
    if line.bbox is None or not page_width:
        return None
    x0, _, x1, _ = line.bbox
    if x1 - x0 > 0.6 * page_width:
        return None
    centre = (x0 + x1) / 2
    if 0.42 * page_width <= centre <= 0.6 * page_width:
        return None  # centred: a title, not a column
    return "left" if centre < 0.5 * page_width else "right"


def build_rows(document: Document) -> tuple[list[Row], list[Row]]:
    """(rows, furniture): the document's lines in reading order, merged columns split."""
    rows: list[Row] = []
    furniture: list[Row] = []
    for page in document.pages:
        lines = list(page.lines)
        boxes = [t.bbox for t in page.tables if t.bbox is not None]
        # an e-signature stamp at the top of a page ("TRUNG TÂM CÔNG BÁO" / e-mail / time stamp)
        stamp_end = -1
        for i, line in enumerate(lines[:8]):
            t = line.text
            if cues.is_motto(t) or cues.is_slogan(t) or cues.is_party_motto(t) or re.match(r"\s*" + cues.label_pattern("number_labels") + r"\s*[:.]", t):
                break  # the header proper has started: a stamp below it is not the page-top stamp
            if is_stamp(t):
                stamp_end = i
        for i, line in enumerate(lines):
            markers = [(m.offset, m.marker) for m in line.markers]
            base = Row(
                text=line.text,
                page=page.number,
                index=0,
                line=line,
                column=_column(line, page.width),
                x0=line.bbox[0] if line.bbox else None,
                x1=line.bbox[2] if line.bbox else None,
                top=line.bbox[1] if line.bbox else None,
                font_size=line.font_size,
                page_width=page.width,
                page_height=page.height,
                markers=markers,
            )
            text = line.text.strip()
            if not text:
                continue
            if i <= stamp_end or is_stamp(text) or is_page_number(text) and _is_margin_line(lines, i):
                base.label = "furniture"
                furniture.append(base)
                continue
            if boxes and _inside_table(line, boxes):
                # A table's cells, read as lines, are a jumble ("1", "Tổng số lượt người", "Lượt",
                # "12.556" one after another) that a drafter copying the body would have to clean out
                # and that would turn the header row into a heading; the table itself keeps them row
                # by row (Section.tables), and the archive indexes its rows for search.
                base.label = "table"
                furniture.append(base)
                continue
            parts = split_columns(text)
            if len(parts) == 1:
                rows.append(base)
                continue
            offset = 0
            for j, part in enumerate(parts):
                start = line.text.find(part, offset)
                offset = start + len(part)
                own = [(o - start, m) for o, m in markers if start <= o <= offset]
                rows.append(replace(base, text=part, column=("left" if j == 0 else "right"), markers=own))
    for i, row in enumerate(rows):
        row.index = i
    return rows, furniture


def _inside_table(line: Line, boxes: list[BBox]) -> bool:
    if line.bbox is None:
        return False
    x = (line.bbox[0] + line.bbox[2]) / 2
    y = (line.bbox[1] + line.bbox[3]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _is_margin_line(lines: list[Line], i: int) -> bool:
    """A bare number is a page number when it is the first or last line of its page (or sits in the
    top/bottom margin, when layout is known), not a figure in a table."""
    return i <= 1 or i >= len(lines) - 2


def typical_width(rows: list[Row]) -> float:
    """The width of a full body line, in characters (plain text) — the yardstick for short lines."""
    lengths = sorted(len(r.text) for r in rows if len(r.text) >= 20)
    if not lengths:
        return 80.0
    # the upper part of the distribution: full lines, not paragraph ends
    top = lengths[len(lengths) // 2:]
    return float(median(top))
