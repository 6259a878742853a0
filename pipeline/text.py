"""Vietnamese text helpers shared by every stage: NFC, and a folded form for matching.

``fold`` removes diacritics and tone marks (so hoá/hóa, thuỷ/thủy and "mua ban nguoi" all meet),
maps đ/Đ to d, lower-cases and keeps a one-to-one character mapping, so an offset in the folded
string is the same offset in the original.
"""
from __future__ import annotations

import unicodedata

_SPECIAL = {"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _fold_char(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    base = unicodedata.normalize("NFD", ch)[0]
    return base.lower() if len(base.lower()) == 1 else ch.lower()[:1] or ch


class _FoldTable(dict):
    """code point -> its folded character, filled on first sight (str.translate asks for each one)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Same length as ``nfc(text)``: diacritics, tone marks and case removed, đ -> d."""
    return nfc(text).translate(_FOLD)


VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
)
_VI_MARKED = set(VIETNAMESE_LETTERS) - set("aeiouyd")


def diacritic_ratio(text: str) -> float:
    """Share of letters that carry a Vietnamese diacritic (or are đ). Real Vietnamese prose is ~0.3-0.5."""
    letters = [c for c in text.lower() if c.isalpha()]
    if not letters:
        return 0.0
    return sum(c in _VI_MARKED for c in letters) / len(letters)


def longest_first(words):
    """Words (or tuples of words) longest first, ties broken by the words themselves: so an alternation built from
    a set, and the vocabulary word it returns, do not depend on the set's hash order."""
    return sorted(words, key=lambda w: (-len(w), w))


def bounded_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 once it is known to be over ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]
