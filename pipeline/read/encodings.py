"""Legacy Vietnamese 8-bit encodings: TCVN3 ("ABC", .VnTime fonts) and VNI-Windows (VNI-Times).

Documents typed before Unicode (and many still typed after) store Vietnamese in these encodings and
rely on a special font to draw it; a PDF made from them carries text such as "Céng hoµ x· héi chñ
nghÜa ViÖt Nam" (TCVN3) or "Coäng hoøa xaõ hoäi" (VNI). The mapping tables are data
(pipeline/data/vietnamese-legacy-encodings.tsv); this module builds converters from them and a
detector that says whether a text layer is in one of them.

The legacy text is handled as *characters*: each byte as its Latin-1/Windows-1252 character, which is
what a PDF text layer or a cp1252 decode gives back.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..text import nfc

TABLE = "vietnamese-legacy-encodings.tsv"

# Very frequent Vietnamese words (with their diacritics): a correctly decoded text hits many of them.
COMMON_WORDS = frozenset(
    "của và các được trong những với người này không cho đã đến về theo việc thực hiện công tác "
    "năm tỉnh huyện xã ủy ban nhân dân số ngày tháng báo cáo đồng chí đơn vị quản lý tổ chức trên "
    "có là một để khi đó cấp nội dung kết quả tình hình văn bản sở thông tin phòng chống "
    "cộng hòa hoà hội chủ nghĩa việt độc lập tự do hạnh phúc kính gửi nơi nhận lưu".split()
)


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str, str], ...]:
    text = resources.files("pipeline.data").joinpath(TABLE).read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("unicode\t"):
            continue
        unicode, tcvn3, vni = line.split("\t")
        rows.append((unicode, tcvn3, vni))
    return tuple(rows)


@lru_cache(maxsize=1)
def _tcvn3_tables() -> tuple[dict[str, str], dict[str, str]]:
    encode: dict[str, str] = {}
    decode: dict[str, str] = {}
    for unicode, tcvn3, _ in _rows():
        encode[unicode] = tcvn3
        # a code shared by a lower- and an upper-case letter decodes to the lower-case one
        if tcvn3 not in decode or unicode.islower():
            decode[tcvn3] = unicode
    return encode, decode


@lru_cache(maxsize=1)
def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    encode: dict[str, str] = {}
    decode: dict[str, str] = {}
    for unicode, _, vni in _rows():
        encode[unicode] = vni
        decode[vni] = unicode
    return encode, decode


def unicode_to_tcvn3(s: str) -> str:
    """Unicode -> TCVN3 characters. Upper-case letters with a tone share the lower-case code (as in
    the standard; an all-caps font such as .VnTimeH draws them upper-case)."""
    encode, _ = _tcvn3_tables()
    return "".join(encode.get(ch, ch) for ch in nfc(s))


def tcvn3_to_unicode(s: str, *, upper: bool = False) -> str:
    """TCVN3 characters -> Unicode (NFC). ``upper=True`` for text set in an all-caps font (.VnTimeH),
    where the lower-case codes are drawn as capitals."""
    _, decode = _tcvn3_tables()
    out = "".join(decode.get(ch, ch) for ch in s)
    return out.upper() if upper else out


def unicode_to_vni(s: str) -> str:
    encode, _ = _vni_tables()
    return "".join(encode.get(ch, ch) for ch in nfc(s))


def vni_to_unicode(s: str) -> str:
    """VNI-Windows characters -> Unicode (NFC): longest match first (a vowel and its mark bytes)."""
    _, decode = _vni_tables()
    out: list[str] = []
    i, n = 0, len(s)
    while i < n:
        two = s[i : i + 2]
        if len(two) == 2 and two in decode:
            out.append(decode[two])
            i += 2
            continue
        out.append(decode.get(s[i], s[i]))
        i += 1
    return nfc("".join(out))


_WORD = re.compile(r"\w+")


def _common_word_share(text: str) -> float:
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0
    return sum(w in COMMON_WORDS for w in words) / len(words)


def detect_legacy_encoding(text: str, *, min_words: int = 4) -> str | None:
    """"tcvn3" or "vni" when ``text`` reads as Vietnamese only after converting from that encoding,
    else None (already Unicode, English, or too short to tell)."""
    if len(_WORD.findall(text)) < min_words:
        return None
    base = _common_word_share(text)
    scores = {"tcvn3": _common_word_share(tcvn3_to_unicode(text)), "vni": _common_word_share(vni_to_unicode(text))}
    best = max(scores, key=scores.get)
    if scores[best] >= 0.08 and scores[best] > base * 2 + 0.03:
        return best
    return None


_TOKEN = re.compile(r"\S+")


def restore_tcvn3_caps(text: str) -> str:
    """TCVN3 has no codes for capitals with a tone mark (an all-caps font drew them), so converted
    headings read "CộNG HòA Xã HộI". Put the capitals back from the context: a word whose plain ASCII
    letters are all capitals (two or more) is in capitals, and so is a short word among such words.
    Symbols with digits ("231/BC-UBND") say nothing either way."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]

    def ascii_letters(word: str) -> str:
        return "".join(ch for ch in word if ch.isascii() and ch.isalpha())

    def caps_word(word: str) -> bool | None:
        if any(ch.isdigit() for ch in word):
            return None
        letters = ascii_letters(word)
        if len(letters) >= 2 and letters.isupper():
            return True
        if any(ch.isalpha() and ch.islower() for ch in letters):
            return False
        return None  # one capital or none: decided by the neighbours

    verdicts = [caps_word(text[a:b]) for a, b in tokens]
    out = list(text)
    for i, (a, b) in enumerate(tokens):
        caps = verdicts[i]
        if caps is None:
            near = [v for v in verdicts[max(0, i - 2): i] + verdicts[i + 1: i + 3] if v is not None]
            caps = bool(near) and all(near) and ascii_letters(text[a:b]).isupper()
        if caps:
            out[a:b] = text[a:b].upper()
    return "".join(out)


def convert_legacy(text: str, encoding: str, *, upper: bool = False) -> str:
    if encoding == "tcvn3":
        converted = tcvn3_to_unicode(text, upper=upper)
        return converted if upper else restore_tcvn3_caps(converted)
    if encoding == "vni":
        return vni_to_unicode(text)
    raise ValueError(f"unknown legacy encoding {encoding!r}")
