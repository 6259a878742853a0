"""Word cues for segmentation, loaded from pipeline/data/segment_*.{json,tsv}, and the small
predicates built on them. Matching is diacritic- and case-insensitive (``fold``) so OCR that drops
a tone mark ("CONG HOA XA HOI") or writes "hoá" for "hóa" still matches."""
from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from ..text import fold


def _data(name: str) -> str:
    return resources.files("pipeline.data").joinpath(name).read_text("utf-8")


def _tsv(name: str) -> list[list[str]]:
    rows = []
    for raw in _data(name).splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        rows.append([c.strip() for c in raw.split("\t")])
    return rows


@lru_cache(maxsize=1)
def cues() -> dict:
    return json.loads(_data("segment_cues.json"))


@lru_cache(maxsize=None)
def folded_cues(key: str) -> tuple[tuple[str, str], ...]:
    """(cue, folded cue) for cues()[key], longest first: the form the per-line predicates match."""
    return tuple((cue, fold(cue)) for cue in sorted(cues()[key], key=len, reverse=True))


@lru_cache(maxsize=None)
def _squashed_cues(key: str) -> tuple[str, ...]:
    return tuple(squash(v) for v in cues()[key])


class DocType(NamedTuple):
    name: str  # sentence case: "Báo cáo"
    code: str  # "BC"; "" when the type has no symbol code
    kind: str  # admin | party | legal | letter


@lru_cache(maxsize=1)
def doc_types() -> tuple[DocType, ...]:
    return tuple(DocType(r[0], r[1] if len(r) > 1 else "", r[2] if len(r) > 2 else "admin") for r in _tsv("segment_doc_types.tsv"))


@lru_cache(maxsize=1)
def agency_heads() -> tuple[str, ...]:
    heads = {fold(r[0]) for r in _tsv("segment_agency_heads.tsv")}
    return tuple(sorted(heads, key=len, reverse=True))


def squash(text: str) -> str:
    """Folded letters and digits only: "CỘNG HOÀ XÃ HỘI" -> "conghoaxahoi"."""
    return re.sub(r"[^a-z0-9]", "", fold(text))


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _fuzzy_is(text: str, key: str, threshold: float) -> bool:
    s = squash(text)
    if not s:
        return False
    return any(s == t or (len(s) >= 0.7 * len(t) and len(s) <= 1.4 * len(t) and _similar(s, t) >= threshold)
               for t in _squashed_cues(key))


def is_motto(text: str) -> bool:
    """The national motto's first line, with OCR slips tolerated."""
    return _fuzzy_is(text, "motto", 0.8)


def is_slogan(text: str) -> bool:
    """"Độc lập - Tự do - Hạnh phúc" (any dash, spacing, OCR slips)."""
    return _fuzzy_is(text, "motto_slogan", 0.75)


def is_party_motto(text: str) -> bool:
    return _fuzzy_is(text, "party_motto", 0.85)


_SEPARATOR = re.compile(r"^[\s_\-–—=.*~•·]+$")


def is_separator(text: str) -> bool:
    """An underline, dash rule or the Party header's star: "_______", "-----", "*"."""
    return bool(_SEPARATOR.match(text))


def starts_with_any(text: str, key: str) -> str | None:
    """The cue of cues()[key] that text starts with (folded, whole words), longest first."""
    f = fold(text).lstrip()
    for cue, c in folded_cues(key):
        if f.startswith(c) and (len(f) == len(c) or not c[-1].isalnum() or not f[len(c)].isalnum()):
            return cue
    return None


def letters(text: str) -> str:
    return "".join(c for c in text if c.isalpha())


def is_upper(text: str, minimum: int = 3) -> bool:
    """Mostly upper-case letters (headers, types, signer lines)."""
    ls = letters(text)
    if len(ls) < minimum:
        return False
    return sum(c.isupper() for c in ls) / len(ls) >= 0.85


def doc_type_from_title(text: str) -> tuple[DocType, str] | None:
    """A type line "BÁO CÁO" (or "BÁO CÁO TÓM TẮT" -> (Báo cáo, "TÓM TẮT")): upper case only."""
    if not is_upper(text, 2):
        return None
    s = " ".join(fold(text).split())
    best = None
    for t in doc_types():
        name = fold(t.name)
        if s == name or s.startswith(name + " "):
            if best is None or len(fold(best.name)) < len(name):
                best = t
    if best is None:
        # OCR slips: "BAO CAO" with a letter lost
        sq = squash(text)
        for t in doc_types():
            tn = squash(t.name)
            if len(tn) >= 5 and abs(len(sq) - len(tn)) <= 1 and _similar(sq, tn) >= 0.85:
                return t, ""
        return None
    rest = " ".join(text.split())[len(fold(best.name)):].strip()
    return best, rest


@lru_cache(maxsize=2)
def _types_by_code(party: bool) -> dict[str, DocType]:
    """folded code -> type. A code two families share (TT: Thông tư of the State, Thông tri of the
    Party) goes to the family the number's form names: "21-TT/TW" is a Party number."""
    codes: dict[str, DocType] = {}
    rows = sorted(doc_types(), key=lambda t: (t.kind == "party") != party)  # stable: file order within a family
    for t in rows:
        if t.code:
            codes.setdefault(fold(t.code), t)
    return codes


def doc_type_from_symbol(number: str) -> DocType | None:
    """The type a number's symbol names: "123/BC-UBND" -> Báo cáo, "21-CT/TW" -> Chỉ thị,
    "30/2020/NĐ-CP" -> Nghị định; "507/UBND-KGVX" (no type code) -> Công văn (Decree 30, Appendix I)."""
    parts = [p for p in re.split(r"[/\-]", number) if p]
    if len(parts) < 2:
        return None
    head = number.split("/")[0]
    party_form = "-" in head  # "21-CT/TW": the type sits before the "/"
    codes = _types_by_code(party_form)
    for p in parts[1:]:
        if re.fullmatch(r"\d{4}", p):
            continue
        hit = codes.get(fold(p))
        if hit is not None:
            return hit
        break
    if party_form:
        first = head.split("-")
        if len(first) >= 2 and fold(first[1]) in codes:
            return codes[fold(first[1])]
    # no type code: an administrative letter
    return next((t for t in doc_types() if t.name == "Công văn"), None)


def agency_head(text: str) -> str | None:
    f = " ".join(fold(text).split())
    for head in agency_heads():
        if f == head or f.startswith(head + " "):
            return head
    return None


def authority_prefix(text: str) -> str | None:
    """"KT. GIÁM ĐỐC" -> "KT."; only when an upper-case title follows the prefix."""
    stripped = text.strip()
    f = fold(stripped)
    for cue, c in folded_cues("authority_prefixes"):
        if not f.startswith(c):
            continue
        rest = stripped[len(c):].strip()
        if c[-1].isalpha() and len(f) > len(c) and f[len(c)].isalpha():
            continue  # "TLXYZ" is not "TL"
        if is_upper(rest, 3):
            return cue.strip()
    return None
