"""Signer blocks: authority ("KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN"), position ("PHÓ GIÁM ĐỐC") and
the signer's name, printed under the signature. Stamp and placeholder text ("(Đã ký)", "Ký bởi: …",
"(Ký tên, đóng dấu)") is never a name. Several blocks may stand side by side; with layout they are
told apart by x position, without it they follow one another."""
from __future__ import annotations

import re

from ..model import Signer
from ..text import fold
from . import cues
from .lines import Row, is_stamp



def is_noise(text: str) -> bool:
    t = text.strip()
    f = fold(t)
    if is_stamp(t):
        return True
    for _, c in cues.folded_cues("signature_noise"):
        if f.startswith(c) or (c.startswith("(") and c in f):
            return True
    return bool(re.fullmatch(r"[\W_]*", t))


def strip_name_prefix(text: str) -> str:
    t = " ".join(text.split())
    changed = True
    while changed:
        changed = False
        for p, folded in cues.folded_cues("name_prefixes"):
            if fold(t).startswith(folded + " "):
                t = t[len(p):].strip()
                changed = True
    return t


def is_name(text: str) -> bool:
    """A person's name as printed under a signature: 2-6 capitalised words, no digits or punctuation."""
    t = strip_name_prefix(text)
    words = t.split()
    if not 2 <= len(words) <= 6 or len(t) > 45:
        return False
    if cues.is_upper(t) and not _is_upper_name(words):
        return False
    return all(_title_word(w) or _is_upper_word(w) for w in words) and not any(ch.isdigit() for ch in t)


def _title_word(w: str) -> bool:
    w = w.rstrip(".")
    return w.isalpha() and w[0].isupper() and (len(w) == 1 or w[1:].islower())


def _is_upper_word(w: str) -> bool:
    return w.isalpha() and w.isupper() and len(w) <= 7


def _is_upper_name(words: list[str]) -> bool:
    """An upper-case name ("NGUYỄN VĂN AN"): short syllables, and not a title (no position words)."""
    positions = {"giam", "doc", "chu", "tich", "pho", "truong", "bi", "thu", "chanh", "van", "phong", "uy", "ban",
                 "nhan", "dan", "tm", "kt", "tl", "tinh", "so", "cuc", "vu", "ve", "thuong", "nhiem"}
    return len(words) <= 4 and not any(fold(w) in positions for w in words if fold(w) not in ("van",))


def _columns(rows: list[Row]) -> list[list[Row]]:
    """Side-by-side blocks, by x centre, when layout is known; else one sequence."""
    laid = [r for r in rows if r.x0 is not None and r.x1 is not None]
    if len(laid) < len(rows) or not rows:
        return [rows]
    centres = sorted((r.x0 + r.x1) / 2 for r in rows)
    width = rows[0].page_width or (max(r.x1 for r in rows) - min(r.x0 for r in rows)) or 1
    cuts = [(b + a) / 2 for a, b in zip(centres, centres[1:]) if b - a > 0.18 * width]
    if not cuts:
        return [rows]
    groups: list[list[Row]] = [[] for _ in range(len(cuts) + 1)]
    for r in rows:
        c = (r.x0 + r.x1) / 2
        groups[sum(c > cut for cut in cuts)].append(r)
    return [g for g in groups if g]


def _block(upper: list[str], name: str | None, page: int | None) -> Signer:
    authority = position = None
    if len(upper) == 1:
        if cues.authority_prefix(upper[0]):
            authority = upper[0]
        else:
            position = upper[0]
    elif upper:
        if cues.authority_prefix(upper[-1]):
            authority = " ".join(upper)
        else:
            authority = " ".join(upper[:-1])
            position = upper[-1]
    return Signer(authority=authority, position=position, name=name, page=page)


def parse_signers(rows: list[Row]) -> list[Signer]:
    signers: list[Signer] = []
    for group in _columns(rows):
        upper: list[str] = []
        page = None
        for row in group:
            t = " ".join(row.text.split())
            if is_noise(t):
                continue
            if is_name(t) and not (cues.is_upper(t) and not upper):
                signers.append(_block(upper, strip_name_prefix(t), page or row.page))
                upper, page = [], None
                continue
            if cues.is_upper(t):
                if cues.authority_prefix(t) and upper and not cues.authority_prefix(upper[-1]) and len(upper) >= 2:
                    # a new block begins (its predecessor had no legible name)
                    signers.append(_block(upper, None, page))
                    upper = []
                upper.append(t)
                page = page or row.page
        if upper:
            signers.append(_block(upper, None, page))
    return [s for s in signers if s.authority or s.position or s.name]
