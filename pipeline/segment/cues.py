"""Word cues for segmentation, from the vocabulary (pipeline/vocab: cues.json, doc_types.tsv, agency_heads.tsv,
positions.tsv), and the small
predicates built on them. Matching is diacritic- and case-insensitive (``fold``) so OCR that drops
a tone mark ("CONG HOA XA HOI") or writes "hoá" for "hóa" still matches."""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from .. import vocab
from ..grammar.cuewords import alternation_of, folded_alternation_of, label_pattern_of
from ..grammar.symbols import type_code_of
from ..text import fold, longest_first


@vocab.cached
def cues() -> dict:
    """The cue words of pipeline/vocab/cues.json, with the signer block's words of positions.tsv under the
    keys the predicates below use ("authority_prefixes": KT., TM. …; "name_prefixes": ranks and honorifics)."""
    out = {k: v for k, v in vocab.cues().items() if not k.startswith("_")}
    out["authority_prefixes"] = list(vocab.words("authority"))
    out["name_prefixes"] = list(vocab.words("rank") + vocab.words("honorific"))
    return out


@vocab.cached
def folded_cues(key: str) -> tuple[tuple[str, str], ...]:
    """(cue, folded cue) for cues()[key], longest first: the form the per-line predicates match."""
    return vocab.folded(cues()[key])


@vocab.cached
def _squashed_cues(key: str) -> tuple[str, ...]:
    return tuple(squash(v) for v in cues()[key])


DocType = vocab.DocType


def doc_types() -> tuple[DocType, ...]:
    """The types a header prints as its type line (pipeline/vocab/doc_types.tsv)."""
    return vocab.title_types()


@vocab.cached
def agency_heads() -> tuple[str, ...]:
    """Every head of pipeline/vocab/agency_heads.tsv, folded, longest first: a header line starting with one
    starts a new agency."""
    heads = {fold(h.head) for h in vocab.agency_heads()}
    return tuple(longest_first(heads))


def alternation(key: str) -> str:
    """The cues of cues()[key] as a regular-expression alternation, exactly as written, longest first."""
    return alternation_of(cues()[key])


def folded_alternation(key: str) -> str:
    """The cues of cues()[key] folded, as an alternation (for text folded with pipeline.text.fold)."""
    return folded_alternation_of(cues()[key])


@vocab.cached
def label_pattern(key: str) -> str:
    """A regular expression for the labels of cues()[key], tolerant as fold is ("Số" matches "Só", "SỐ", "So")."""
    return label_pattern_of(cues()[key])


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


@vocab.cached(maxsize=2)
def _types_by_code(party: bool) -> dict[str, DocType]:
    """folded code -> type. A code two families share (TT: Thông tư of the State, Thông tri of the
    Party) goes to the family the number's form names: "21-TT/TW" is a Party number."""
    codes: dict[str, DocType] = {}
    for code, t in vocab.types_by_code(party).items():
        codes.setdefault(fold(code), t)
    return codes


def doc_type_from_symbol(number: str) -> DocType | None:
    """The type a number's symbol names: "123/BC-UBND" -> Báo cáo, "21-CT/TW" -> Chỉ thị,
    "30/2020/NĐ-CP" -> Nghị định; "507/UBND-KGVX" (no type code) -> Công văn (Decree 30, Appendix I).
    The number's parts are pipeline.grammar.symbols's (``type_code_of``); a code read on a slip ("QD") is
    matched folded."""
    found = type_code_of(number)
    if found is None:
        return None
    code, party = found
    hit = _types_by_code(party).get(fold(code)) if code else None
    # no type code: an administrative letter
    return hit or next((t for t in vocab.doc_types() if t.name == "Công văn"), None)


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
        if not is_upper(rest, 3):
            continue
        if cue.strip() in vocab.before_position() and not vocab.position_first(rest):
            continue  # "QUYỀN, TRÁCH NHIỆM CỦA …", "QUYỀN VÀ NGHĨA VỤ …": a chapter title, no acting head
        return cue.strip()
    return None


