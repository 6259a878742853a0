"""People: signers and named officials, with their role when stated.

    "Phó Chủ tịch UBND tỉnh Võ Phiên"                      -> Võ Phiên, role "Phó Chủ tịch UBND tỉnh"
    "đồng chí Nguyễn Văn A, Phó Chủ tịch UBND tỉnh"        -> Nguyễn Văn A, role "Phó Chủ tịch UBND tỉnh"
    "đồng chí Nguyễn Ngọc Phúc - Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh"

A name is two to four capitalised syllables; after a role it must start with a family name
(``pipeline/vocab/surnames.txt``), after an honorific ("đồng chí", "ông", "bà", "đ/c", "TS.": pipeline/vocab/positions.tsv)
any capitalised run will do.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ..text import VIETNAMESE_LETTERS, longest_first
from .agencies import find_agencies
from .. import vocab
from .gazetteer import roles, surnames


class PersonSpan(NamedTuple):
    text: str
    span: tuple[int, int]
    name: str
    role: str | None


_UP = "A-Z" + VIETNAMESE_LETTERS.upper()
_SYL = rf"[{_UP}][{VIETNAMESE_LETTERS}a-z]*"
_NAME = rf"{_SYL}(?:\s+{_SYL}){{1,3}}"
_ROLE_AFTER = re.compile(r"\s*(?:,|-|–)\s*")


@vocab.cached
def _honorific_re() -> re.Pattern:
    """An honorific of positions.tsv, then a name: "đồng chí Nguyễn Văn A", "Ông Trần B", "TS. Lê C". A word
    written with one capital ("Ông", "Đồng chí") is matched with a small one too ("ông", "đồng chí")."""
    forms = set()
    for word in vocab.words("honorific"):
        forms.add(word)
        if not any(c.isupper() for c in word[1:]):
            forms.add(word[0].lower() + word[1:])
    alternation = "|".join(re.escape(f) for f in longest_first(forms))
    return re.compile(rf"(?<!\w)(?:{alternation})\s+(?P<name>{_NAME})")


@vocab.cached
def _role_re() -> re.Pattern:
    alternation = "|".join(re.escape(r) for r in roles())
    return re.compile(rf"(?<!\w)(?P<role>{alternation})(?!\w)")


def _role_with_agency(text: str, start: int, end: int) -> int:
    """Extend a role over the agency that follows it: "Phó Chủ tịch" + " UBND tỉnh"."""
    rest = text[end:end + 120]
    m = re.match(r"\s+", rest)
    if not m:
        return end
    agencies = find_agencies(rest[m.end():])
    if agencies and agencies[0].span[0] == 0:
        return end + m.end() + agencies[0].span[1]
    return end


def _trim_name(name: str) -> str:
    return " ".join(name.split())


def find_people(text: str) -> list[PersonSpan]:
    out: list[PersonSpan] = []
    taken: list[tuple[int, int]] = []
    # role then name: "Phó Chủ tịch UBND tỉnh Võ Phiên", "Thủ tướng Chính phủ Phạm Minh Chính"
    for m in _role_re().finditer(text):
        role_end = _role_with_agency(text, m.start(), m.end())
        after = re.match(rf"\s+(?P<name>{_NAME})", text[role_end:])
        if not after or after["name"].split()[0] not in surnames():
            continue
        name = after["name"]
        start, end = m.start(), role_end + after.end()
        out.append(PersonSpan(text[start:end], (start, end), _trim_name(name), " ".join(text[m.start():role_end].split())))
        taken.append((start, end))
    # honorific then name, role after a comma or dash
    for m in _honorific_re().finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        name = m["name"]
        end = m.end()
        role = None
        sep = _ROLE_AFTER.match(text, end)
        if sep:
            r = _role_re().match(text, sep.end())
            if r is not None:
                role_end = _role_with_agency(text, r.start(), r.end())
                while True:  # "Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh": the roles run on
                    more = re.match(r",\s*", text[role_end:])
                    r2 = _role_re().match(text, role_end + more.end()) if more else None
                    if r2 is None:
                        break
                    role_end = _role_with_agency(text, r2.start(), r2.end())
                role = " ".join(text[sep.end():role_end].split())
                end = role_end
        out.append(PersonSpan(text[m.start():end], (m.start(), end), _trim_name(name), role))
    return sorted(out, key=lambda p: p.span)
