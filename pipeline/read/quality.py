"""Is a text layer worth using? And which of its lines are e-signature stamp text?

A PDF can carry a text layer that is worse than none: English OCR of a Vietnamese scan ("ceNG HoA xA
ugr"), text in a font whose codes map to the wrong characters ("CØNG HOÀ XÃ HØI"), a legacy 8-bit
encoding (TCVN3/VNI, which we convert), or only the text of an e-signature stamp laid over a scan.
``judge_text_layer`` says which, with a reason a user can read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import vocab
from ..i18n import N_
from ..text import VIETNAMESE_LETTERS, diacritic_ratio, fold
from .encodings import detect_legacy_encoding

_VI_LETTERS = set(VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_WORD = re.compile(r"[^\W\d_]+")
# a Vietnamese syllable, folded: onset, vowel nucleus, coda
_SYLLABLE = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$")
_TONED = set("àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


@vocab.cached
def _stamp_patterns() -> tuple[list[re.Pattern], list[re.Pattern]]:
    """The strong and weak stamp patterns of pipeline/vocab/stamps.tsv."""
    strong = [re.compile(s.pattern) for s in vocab.stamps() if s.strength == "strong"]
    weak = [re.compile(s.pattern) for s in vocab.stamps() if s.strength == "weak"]
    return strong, weak


def stamp_strength(text: str) -> str | None:
    """"strong" when the line is certainly stamp text, "weak" when it may be, else None."""
    folded = " ".join(fold(text).split())
    strong, weak = _stamp_patterns()
    if any(p.search(folded) for p in strong):
        return "strong"
    if any(p.search(folded) for p in weak):
        return "weak"
    return None


def valid_syllable(word: str) -> bool:
    """A plausible Vietnamese syllable: only Vietnamese letters, at most one tone mark, and the
    onset + vowels + coda shape (abbreviations in capitals such as UBND are not syllables)."""
    if any(ch not in _VI_LETTERS for ch in word):
        return False
    if sum(ch in _TONED for ch in word.lower()) > 1:
        return False
    return bool(_SYLLABLE.match(fold(word)))


def foreign_share(text: str) -> float:
    """Share of words holding a character no Vietnamese word has (Ø, æ, Ç, ¡, ¿, °…): the sign of a
    font whose codes map to the wrong characters."""
    words = text.split()
    if not words:
        return 0.0
    bad = 0
    for w in words:
        core = w.strip(".,;:!?()[]\"'“”‘’-–—/")
        if any(not ch.isascii() and ch not in _VI_LETTERS and (ch.isalpha() or "\u00a1" <= ch <= "\u00bf") for ch in core):
            bad += 1
    return bad / len(words)


def syllable_share(text: str) -> float:
    words = [w for w in _WORD.findall(text) if len(w) >= 2 and not (w.isupper() and len(w) <= 5 and w.isascii())]
    if not words:
        return 0.0
    return sum(valid_syllable(w) for w in words) / len(words)


@dataclass(frozen=True)
class Verdict:
    use: str  # "text-layer" | "legacy" | "ocr"
    reason: str = ""  # a sentence fragment for the warning, "" when the layer is good
    encoding: str | None = None  # "tcvn3" / "vni" when use == "legacy"


def judge_text_layer(text: str, *, has_image: bool) -> Verdict:
    """Decide from the (stamp-free) text of one page whether to use it, convert it or OCR the page."""
    letters = sum(ch.isalpha() for ch in text)
    if letters < 20:
        if has_image:
            return Verdict("ocr", "no text layer" if letters == 0 else "text layer has almost no text")
        return Verdict("text-layer")  # a blank page or a page of figures: nothing to OCR either
    encoding = detect_legacy_encoding(text)
    if encoding:
        return Verdict("legacy", N_("text layer is in the legacy {encoding} encoding").format(encoding=encoding.upper()), encoding)
    if "(cid:" in text:
        return Verdict("ocr", "text layer has unmapped glyphs (cid codes)")
    share = syllable_share(text)
    ratio = diacritic_ratio(text)
    if ratio < 0.04 and letters >= 60:
        return Verdict("ocr", "text layer has no Vietnamese diacritics (English OCR?)")
    foreign = foreign_share(text)
    if foreign > 0.05 and letters >= 60:
        return Verdict("ocr", N_("text layer is garbled ({share} of its words hold characters Vietnamese does not use)").format(share=f"{foreign:.0%}"))
    if share < 0.6 and letters >= 60:
        return Verdict("ocr", N_("text layer is garbled (only {share} of its words are Vietnamese syllables)").format(share=f"{share:.0%}"))
    return Verdict("text-layer")
