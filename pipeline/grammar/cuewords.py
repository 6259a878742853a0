"""The vocabulary's cue words (pipeline/vocab/cues.json) as pieces of regular expressions, for the grammars
below every stage (segment.cues builds its predicates on the same pieces)."""
from __future__ import annotations

import re

from .. import vocab
from ..text import VIETNAMESE_LETTERS, fold, longest_first

_LETTERS = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + "bcfghjklmnpqrstvwxzBCFGHJKLMNPQRSTVWXZAEIOUYD"


def words(key: str) -> list[str]:
    return vocab.cues()[key]


def alternation_of(cues: list[str] | tuple[str, ...]) -> str:
    """The cues as a regular-expression alternation, exactly as written, longest first."""
    return "|".join(re.escape(c) for c in longest_first(cues))


def folded_alternation_of(cues: list[str] | tuple[str, ...]) -> str:
    """The cues folded, as an alternation (for text folded with pipeline.text.fold)."""
    return "(?:" + "|".join(re.escape(c) for c in longest_first({fold(c) for c in cues})) + ")"


def label_pattern_of(cues: list[str] | tuple[str, ...]) -> str:
    """A regular expression for the labels, tolerant as fold is: each letter matches any letter with its
    fold, in either case ("Số" matches "Só", "SỐ", "So"); a space matches any spacing."""
    alts = []
    for cue in longest_first({fold(c) for c in cues}):
        alts.append("".join(r"\s*" if ch == " " else _fold_class(ch) for ch in cue))
    return "(?:" + "|".join(alts) + ")"


def _fold_class(ch: str) -> str:
    if not ch.isalpha():
        return re.escape(ch)
    same = sorted({c for c in _LETTERS if fold(c) == ch})
    return "[" + "".join(same) + "]"
