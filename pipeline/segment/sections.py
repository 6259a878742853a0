"""The body's section tree: Phần/Chương, Roman (I.), upper-case letters (A.), Arabic (1., 1.1.,
1.2.1.), "Điều 1.", letters (a), b)) and unnumbered headings ("Đánh giá": a short line with no final
punctuation between two paragraphs, one level below the current numbered section).

Levels come from the order styles appear in, not from a fixed table: a style seen before closes
everything opened after it (a sibling), a new style opens a child. So a report numbered 1., 2., 3.
has them at level 1, and one numbered I., 1., a) has them at levels 1, 2, 3. A number is taken as a
heading only when it follows its predecessor (II. after I., b) after a)), so "2025. Trong đó" at the
start of a wrapped line is not a section."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..grammar.headings import BULLETS, match_heading, roman_value
from ..model import Section, Table
from . import cues
from .lines import Row
from .paragraphs import Paragraph, ends_sentence, join_rows


def _value(style: str, num: str) -> int | None:
    if style in ("roman",):
        return roman_value(num)
    if style == "part":
        return int(num) if num.isdigit() else roman_value(num)
    if style in ("upper", "letter"):
        return "abcdđefghiklmnopqrstuvxy".find(num.lower()) + 1 or None
    if style == "dotted":
        return int(num.split(".")[-1])
    return int(num)


@dataclass
class Node:
    style: str
    number: str | None
    title: str
    level: int
    page: int
    key: str = ""
    paragraphs: list[tuple[str, list[Row]]] = field(default_factory=list)  # (text, rows it came from)
    children: list["Node"] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    @property
    def label(self) -> str:
        """What a footnote's anchor_section names: the number, or the key when unnumbered."""
        return self.number if self.number is not None else self.key

    def build(self) -> Section:
        text, starts = "", []
        for ptext, prows in self.paragraphs:
            if text:
                text += "\n"
            joined, pstarts = join_rows(prows) if prows else ("", [])
            shift = len(joined) - len(ptext)  # an inline heading remainder is a suffix of its rows
            base = len(text)
            for off, page in [(max(0, o - shift), p) for o, p in pstarts] or [(0, self.page)]:
                if not starts or starts[-1][1] != page:
                    starts.append((base + off, page))
            text += ptext
        return Section(
            number=self.number,
            title=self.title,
            level=self.level,
            page=self.page,
            text=text,
            children=tuple(c.build() for c in self.children),
            key=self.key,
            page_starts=tuple(starts),
            tables=tuple(self.tables),
        )


def split_title(rest: str) -> tuple[str, str]:
    """"Thời gian: 08 giờ, ngày 09/10/2025." -> ("Thời gian", "08 giờ, ngày 09/10/2025.");
    a heading with no lead-in keeps all of it as the title."""
    m = re.search(r":\s+(?=\S)", rest)
    if m and m.start() <= 100 and len(rest[: m.start()].split()) <= 14:
        return rest[: m.start()].strip(), rest[m.end():].strip()
    for m in re.finditer(r"(?<=[^\W\d_]{2})\.\s+(?=\w)", rest):
        if m.start() > 120:
            break
        if rest[m.end()].isupper() and len(rest[: m.start()].split()) >= 2:
            return rest[: m.start()].strip(), rest[m.end():].strip()
    return rest.strip().rstrip(":").rstrip(), ""


def _strip_title(title: str) -> str:
    t = title.strip()
    if t.endswith(":") or (t.endswith(".") and not t.endswith("..")):
        t = t[:-1].rstrip()
    return t


def is_plain_heading(par: Paragraph, prev: Paragraph | None, nxt: Paragraph | None, width: float) -> bool:
    """"Đánh giá": one short line, capitalised, no final punctuation, after a finished paragraph
    and before a new one."""
    if len(par.rows) != 1 or nxt is None or prev is None:
        return False
    row = par.rows[0]
    t = row.text.strip()
    words = t.split()
    if not (1 <= len(words) <= 12) or not t[0].isupper() or t[-1] in ".,;:!?…-–)\"”/":
        return False
    if len(t) >= 0.75 * width and row.x0 is None:
        return False
    if re.search(r"\d{2,}", t):
        return False
    ptext = prev.text.rstrip()
    if not (ends_sentence(ptext) and not ptext.endswith(":")) and match_heading(ptext) is None:
        return False
    return bool(nxt.text[:1].isupper() or (nxt.text[:1] and nxt.text[:1] in BULLETS))


class Builder:
    def __init__(self, width: float):
        self.width = width
        self.roots: list[Node] = []
        self.stack: list[Node] = []
        self.last: dict[tuple[str, str], int] = {}  # (parent key, style) -> last value
        self.keys: set[str] = set()
        self.row_section: dict[int, Node] = {}

    def _parent_key(self) -> str:
        return self.stack[-1].key if self.stack else ""

    def accepts(self, style: str, num: str) -> bool:
        value = _value(style, num.split()[-1])
        if value is None:
            return False
        depths = [i for i, n in enumerate(self.stack) if n.style == style]
        if depths:
            sibling = self.stack[depths[-1]]
            if style == "dotted" and sibling.number.rsplit(".", 1)[0] != num.rsplit(".", 1)[0]:
                return False
            return value == _value(style, sibling.number.split()[-1]) + 1
        last = self.last.get((self._parent_key(), style))
        if style == "dotted":
            prefix = num.rsplit(".", 1)[0]
            numbered = [n.number for n in self.stack if n.number]
            if numbered and numbered[-1] != prefix:
                return False
        if last is not None:
            return value == last + 1
        return value == 1 or (not self.stack and value <= 3)

    def open(self, style: str, number: str | None, title: str, page: int) -> Node:
        if style in [n.style for n in self.stack]:
            while self.stack and self.stack[-1].style != style:
                self.stack.pop()
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        key_base = (parent.key + "/") if parent else ""
        key = key_base + (number if number is not None else title)
        unique, n = key, 2
        while unique in self.keys:
            unique, n = f"{key}#{n}", n + 1
        node = Node(style, number, title, len(self.stack) + 1, page, unique)
        self.keys.add(unique)
        (parent.children if parent else self.roots).append(node)
        self.stack.append(node)
        if number is not None:
            self.last[(parent.key if parent else "", style)] = _value(style, number.split()[-1])
        return node


# OCR misreads of a Roman heading number: "II." as "H." or "IL.", "III." as "HI.", "I." as "l." or "1."
_OCR_ROMAN = re.compile(r"^\s*(?P<num>[IVXLHl1|!]{1,5})\s*[.,)]\s+(?P<rest>.*)$", re.S)
_ROMAN_LOOKALIKES = str.maketrans({"l": "I", "1": "I", "|": "I", "!": "I"})


def ocr_roman(text: str, accepts) -> tuple[str, str] | None:
    """(number, rest) for a Roman heading whose number OCR misread, when one reading of it is the
    number expected next (``accepts``) and the title is upper case, as Roman-level titles are."""
    m = _OCR_ROMAN.match(text)
    if not m:
        return None
    rest = m.group("rest").strip()
    if not rest or not cues.is_upper(rest.split(":")[0], 3):
        return None
    raw = m.group("num").translate(_ROMAN_LOOKALIKES).replace("H", "II")
    readings = {raw.replace("L", ""), raw.replace("L", "I")} - {""}
    for num in sorted(readings, key=lambda r: roman_value(r) or 99):
        if num != m.group("num") and roman_value(num) is not None and accepts("roman", num):
            return num, rest
    return None


def build_sections(pars: list[Paragraph], width: float) -> tuple[list[Paragraph], list[Node], dict[int, Node]]:
    """(opening paragraphs, section roots, row index -> section holding it)."""
    b = Builder(width)
    opening: list[Paragraph] = []
    for i, par in enumerate(pars):
        text = par.text
        heading = match_heading(text)
        if heading is None or not b.accepts(heading[0], heading[1]):
            misread = ocr_roman(text, b.accepts)
            if misread is not None:
                heading = ("roman", *misread)
        node = None
        if heading is not None:
            style, num, rest = heading
            if b.accepts(style, num):
                title, inline = split_title(rest)
                title = _strip_title(title)
                node = b.open(style, num, title or num, par.page)
                if inline:
                    node.paragraphs.append((inline, par.rows))
        if node is None and b.stack and is_plain_heading(par, pars[i - 1] if i else None, pars[i + 1] if i + 1 < len(pars) else None, width):
            node = b.open("plain", None, _strip_title(text), par.page)
        if node is not None:
            for row in par.rows:
                b.row_section[row.index] = node
            continue
        if b.stack:
            b.stack[-1].paragraphs.append((text, par.rows))
            for row in par.rows:
                b.row_section[row.index] = b.stack[-1]
        else:
            opening.append(par)
    return opening, b.roots, b.row_section
