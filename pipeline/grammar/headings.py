"""Section headings and bullets, the one grammar segment's header, paragraph, section, footnote and
distribution parsers read them with.

Styles (Decree 30/2020/NĐ-CP and the usual report layouts):

    part     PHẦN I, Chương 2, Mục 3 (Roman or Arabic; the words are "part_words" of pipeline/vocab/cues.json)
    article  Điều 1.  Điều 12: ("article_words")
    roman    I.  II)  (numbers I-…; "I." is Roman, not the letter)
    upper    A.  B)
    dotted   1.1.  1.2.1  2.3.
    arabic   1.  2)
    letter   a)  b.  đ)

``HEADING`` says whether a line starts with a heading number; ``match_heading`` splits one into
(style, number, rest). ``BULLET`` is a bulleted line: the marks real documents use ("-", "–", "+",
"•", "*", and the squares and circles of Word lists "▪", "●", "○")."""
from __future__ import annotations

import re

from .. import vocab
from .cuewords import alternation_of, words


def _styles() -> tuple[tuple[str, str], ...]:
    """The number part of each style (named groups: word, num), in the order they are tried."""
    return (
        ("part", r"(?P<word>" + alternation_of(words("part_words")) + r")\s+(?P<num>[IVXLC]+|\d+)\b\s*[.:\-–]?"),
        ("article", r"(?P<word>" + alternation_of(words("article_words")) + r")\s+(?P<num>\d+)\s*[.:]"),
        ("roman", r"(?P<num>[IVXLC]{1,6})\s*[.)]\s"),
        ("upper", r"(?P<num>[A-Z])\s*[.)]\s"),
        ("dotted", r"(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s"),
        ("arabic", r"(?P<num>\d{1,2})\s*[.)]\s"),
        ("letter", r"(?P<num>[a-zđ])\s*[).]\s"),
    )


@vocab.cached
def _patterns() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((style, re.compile(r"^\s*" + prefix + r"\s*(?P<rest>.*)$", re.S)) for style, prefix in _styles())


# a line that starts with a heading number (any style); built from the vocabulary when first used
HEADING = vocab.Pattern(lambda: r"^\s*(?:" + "|".join(re.sub(r"\(\?P<\w+>", "(?:", p) for _, p in _styles()) + ")")

BULLETS = "-–+•*▪●○"  # the marks a bulleted line starts with
BULLET = re.compile(r"^\s*[" + re.escape(BULLETS) + r"]\s*\S")
_BULLET_MARK = re.compile(r"^\s*[" + re.escape(BULLETS) + r"]\s*")

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def strip_bullet(text: str) -> str:
    """"- Như trên;" -> "Như trên;"."""
    return _BULLET_MARK.sub("", text)


def roman_value(s: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(s.upper()):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def match_heading(text: str) -> tuple[str, str, str] | None:
    """(style, number, rest) for a numbered heading, else None: "II. KẾT QUẢ" -> ("roman", "II", "KẾT QUẢ"),
    "Điều 1. Phạm vi" -> ("article", "Điều 1", "Phạm vi")."""
    for style, pattern in _patterns():
        m = pattern.match(text)
        if not m:
            continue
        num = m.group("num")
        if style == "roman" and roman_value(num) is None:
            continue
        if style == "upper" and num in "IVXLC":
            continue  # "I." is Roman
        rest = m.group("rest").strip()
        if not rest and style not in ("part", "article"):
            continue
        if style in ("part", "article"):
            num = f"{m.group('word').capitalize()} {num}"
        return style, num, rest
    return None
