"""Agency names: "Sở Thông tin và Truyền thông", "Ban chỉ đạo 138 tỉnh", "UBND tỉnh Lạng Sơn", "SỞ TƯ PHÁP".

A name starts at a head from ``pipeline/vocab/agency_heads.tsv`` ("Sở", "Ban Chỉ đạo", "Công an", "UBND" …),
capitalised in the text, and runs on over:

- capitalised syllables, each allowed one lowercase syllable after it ("Tư pháp", "Phát thanh"), so
  "Sở Thông tin và Truyền thông báo cáo" stops before "báo cáo";
- "và" / "-" when a capitalised syllable that does not start a new agency follows;
- a field name from ``nlp_agency_fields.tsv`` across its commas ("Văn hóa, Thể thao và Du lịch");
- codes and numbers ("Phòng PV01", "Ban Chỉ đạo 138");
- a locality ("tỉnh", "huyện", "thành phố" …), then a province from the gazetteer after "tỉnh" or
  "thành phố", never a person's name ("Phó Chủ tịch UBND tỉnh Võ Phiên").

Heads that need a name ("Sở", "Hội", "Báo") are dropped without one, so "Báo cáo", "Hội nghị",
"Lãnh đạo Sở" are not agencies. ``canonical_agency`` gives one spelling per agency: abbreviations
expanded, heads spelled as in the data file, header capitals put in sentence case, tone marks in one
placement ("hóa", "thủy").
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..text import fold, nfc, longest_first
from .. import vocab
from .gazetteer import agency_fields, agency_heads, province_names, surnames


class AgencySpan(NamedTuple):
    text: str
    span: tuple[int, int]
    name: str  # canonical


_TOKEN = re.compile(r"[\w&]+|[^\w\s]")
_LOCALITY = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường")
_QUALIFIERS = ("nhân dân", "tối cao", "cấp cao", "khu vực", "cấp tỉnh", "cấp huyện", "cấp xã")
_STOP = frozenset(
    "đã đang sẽ có là của các những và về với theo trên tại để cho được bị như thì này đó khi trong "
    "ngoài từ đến qua sau trước cùng đồng thời nhằm do vì nên mà hoặc hay".split()
)


_NOT_AGENCY = ("bao cao", "phong chong", "hoi nghi", "ban hanh", "doan ket", "bo sung", "bo phan", "bo truong",
               "thu truong", "cong hoa")


class _Tok(NamedTuple):
    text: str
    start: int
    end: int
    fold: str


_fold_word = lru_cache(maxsize=200_000)(fold)  # syllables repeat: fold each once


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end(), _fold_word(m.group())) for m in _TOKEN.finditer(text)]


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _is_code(tok: str) -> bool:
    """PV01, TTBCXB, 138: an abbreviation or a number inside a name."""
    return tok.isdigit() and len(tok) <= 4 or (len(tok) >= 2 and tok.upper() == tok and any(c.isalpha() for c in tok)
                                               and (any(c.isdigit() for c in tok) or len(tok) >= 3))


@lru_cache(maxsize=200_000)
def _head_key(word: str) -> str:
    """How head words compare: lower case, one tone placement ("Uỷ" = "Ủy"), đ kept ("Trương" is not "Trường")."""
    return tone_style(word).lower().replace("ð", "đ")


@vocab.cached
def _heads() -> list[tuple[tuple[str, ...], object]]:
    return [(tuple(_head_key(w) for w in h.head.split()), h) for h in agency_heads()]


def _match_head(toks, i: int, seq: tuple[str, ...]) -> bool:
    return i + len(seq) <= len(toks) and all(_head_key(toks[i + k].text) == w for k, w in enumerate(seq))


@lru_cache(maxsize=1)
def _fields() -> list[tuple[str, ...]]:
    return longest_first((tuple(t.fold for t in _tokens(f)) for f in agency_fields()))


@lru_cache(maxsize=1)
def _provinces() -> list[tuple[str, ...]]:
    return longest_first((tuple(t.fold for t in _tokens(p)) for p in province_names()))


def _match_seq(toks: list[_Tok], j: int, seq: tuple[str, ...]) -> bool:
    return len(seq) > 0 and j + len(seq) <= len(toks) and all(toks[j + k].fold == s for k, s in enumerate(seq))


@vocab.cached
def _heads_by_first() -> dict[str, list[tuple[tuple[str, ...], object]]] | None:
    """_heads() by the key of their first word, each list in _heads()'s order (longest first), so a
    token is compared only with the heads it can start; None if a head has no word (it would start
    at every token)."""
    index: dict[str, list] = {}
    for seq, head in _heads():
        if not seq:
            return None
        index.setdefault(seq[0], []).append((seq, head))
    return index


def _head_at(toks: list[_Tok], i: int):
    """The longest head starting at token i (capitalised in the text), as (length, head)."""
    if not _is_cap(toks[i].text):
        return None
    index = _heads_by_first()
    candidates = _heads() if index is None else index.get(_head_key(toks[i].text), ())
    for seq, head in candidates:
        if _match_head(toks, i, seq):
            if head.expansion and toks[i].text != head.head:  # "UBND" must be written so
                continue
            return len(seq), head
    return None


def _seq_at(toks, j, seqs) -> int:
    """Length of the first of ``seqs`` (folded words, longest first) that starts at token j, else 0.
    Only the sequences whose first word is token j's are compared (_by_first_fold)."""
    if j >= len(toks):
        return 0
    for seq in _by_first_fold(seqs).get(toks[j].fold, ()):
        if _match_seq(toks, j, seq):
            return len(seq)
    return 0


_FIRST_FOLD: dict[int, tuple[list, dict]] = {}  # id of a list of sequences -> (the list, its index)


def _by_first_fold(seqs) -> dict[str, list[tuple[str, ...]]]:
    """``seqs`` by their first word, each list in the order of ``seqs``; made once per list (the lists
    are the cached _fields(), _provinces(), _doc_type_seqs(); a list made again after vocab.use gets
    its own index)."""
    entry = _FIRST_FOLD.get(id(seqs))
    if entry is None or entry[0] is not seqs:
        index: dict[str, list] = {}
        for seq in seqs:
            if seq:  # _match_seq: an empty sequence matches nothing
                index.setdefault(seq[0], []).append(seq)
        entry = _FIRST_FOLD[id(seqs)] = (seqs, index)
    return entry[1]


@vocab.cached
def _doc_type_seqs() -> list[tuple[str, ...]]:
    from .gazetteer import doc_types

    return longest_first({tuple(fold(t.name).split()) for t in doc_types()})


def _words_at(toks: list[_Tok], j: int, phrases) -> int:
    """Length of the phrase (lower case, exact letters) starting at token j, else 0."""
    for phrase in phrases:
        words = phrase.split()
        if j + len(words) <= len(toks) and all(toks[j + k].text.lower() == w for k, w in enumerate(words)):
            return len(words)
    return 0


@vocab.cached
def _name_ends() -> tuple[str, ...]:
    """The verbs of a description after a name ("Bộ Công Thương hướng dẫn …"): never its lower-case syllable
    (cues.json agency_name_ends; QĐ 07/2022/QĐ-UBND and TTr 169/TTr-PKTHT of huyện An Phú, BC 63 PTP An Phú)."""
    return tuple(longest_first({w.lower() for w in vocab.cues()["agency_name_ends"]}))


def _person_at(toks: list[_Tok], j: int) -> bool:
    return (toks[j].text in surnames() and j + 1 < len(toks) and _is_cap(toks[j + 1].text)
            and not toks[j].text.isupper())


class _NameEnd:
    """The walk of ``_body_end`` along the tokens after an agency head: ``j`` the next token, ``end`` where the
    name ends so far, ``named`` whether it has a name of its own, ``budget`` how many lower-case words may
    still follow a capitalised one ("Sở Văn hóa, Thể thao và Du lịch")."""

    def __init__(self, toks: list[_Tok], i: int, n_head: int):
        self.toks, self.i, self.n_head = toks, i, n_head
        self.j = self.end = i + n_head
        self.named = False
        self.budget = 0
        self.after_locality = False

    def grow(self, n: int, named: bool = True, budget: int | None = None) -> bool:
        """n more tokens in the name."""
        self.j += n
        self.end = self.j
        self.named = self.named or named
        if budget is not None:
            self.budget = budget
        return True

    def skip(self) -> bool:
        """A joiner ("-", "&", "và"): in the name only if more of it follows."""
        self.j += 1
        return True

    def past_head(self) -> bool:
        return self.j > self.i + self.n_head

    def upper_step(self) -> bool:
        """An all-caps name ("SỞ TƯ PHÁP TỈNH LÂM ĐỒNG"): capitals, digits and the joiners between them."""
        toks, j = self.toks, self.j
        tok = toks[j]
        if tok.text[0].isalnum() and (tok.text.isupper() or tok.text.isdigit()):
            return self.grow(1)
        if tok.text in ("-", "&") and j + 1 < len(toks) and toks[j + 1].text.isupper():
            return self.skip()
        return False

    def mixed_step(self) -> bool:
        """A name in running text: fields, localities, qualifiers, codes, provinces and capitalised words."""
        toks, j = self.toks, self.j
        tok = toks[j]
        if not tok.text[0].isalnum():
            if tok.text == "-" and j + 1 < len(toks) and _is_cap(toks[j + 1].text) and not _head_at(toks, j + 1) \
                    and self.past_head():
                return self.skip()
            return False
        if self.after_locality:
            self.locality_tail()
            return False
        n_loc = _words_at(toks, j, _LOCALITY)
        if n_loc and not _is_cap(tok.text):
            self.after_locality = True
            return self.grow(n_loc, named=False, budget=0)
        n_q = _words_at(toks, j, _QUALIFIERS)
        if n_q and not _is_cap(tok.text):
            return self.grow(n_q, named=False)
        if _is_code(tok.text) and (tok.text.isdigit() or tok.text.isupper()):
            return self.grow(1, budget=0)
        if tok.fold == "va" and j + 1 < len(toks):
            if _is_cap(toks[j + 1].text) and not _head_at(toks, j + 1) and self.past_head():
                return self.skip()
            return False
        if _is_cap(tok.text) and (self.past_head() or _head_at(toks, self.i)[1].alone) and _seq_at(toks, j, _doc_type_seqs()):
            return False
        return self.word_step(tok)

    def word_step(self, tok: _Tok) -> bool:
        toks, j = self.toks, self.j
        n_prov = _seq_at(toks, j, _provinces()) if _is_cap(tok.text) else 0
        if n_prov:
            return self.grow(n_prov, budget=0)
        if _is_cap(tok.text):
            if _person_at(toks, j) and not _seq_at(toks, j, _provinces()) or tok.text.lower() in _STOP:
                return False
            if self.past_head() and _head_at(toks, j) and _head_at(toks, j)[1].alone:
                return False
            return self.grow(1, budget=1)
        if self.budget > 0 and tok.text not in _STOP and not _words_at(toks, j, _name_ends()):
            return self.grow(1, named=False, budget=self.budget - 1)
        return False

    def locality_tail(self) -> None:
        """After "tỉnh", "huyện" …: the place's name, and the name ends there."""
        toks, j = self.toks, self.j
        n_prov = _seq_at(toks, j, _provinces())
        if n_prov:
            self.grow(n_prov)
        elif _is_cap(toks[j].text) and not _person_at(toks, j) and not _head_at(toks, j) \
                and toks[j - 1].fold not in ("tinh", "pho"):
            while self.j < len(toks) and _is_cap(toks[self.j].text) and toks[self.j].text[0].isalpha():
                self.j += 1
            self.end, self.named = self.j, True


def _body_end(toks: list[_Tok], i: int, n_head: int, upper: bool) -> tuple[int, bool]:
    """Index after the last token of the name, and whether it has a name of its own after the head."""
    walk = _NameEnd(toks, i, n_head)
    step = walk.upper_step if upper else walk.mixed_step
    while walk.j < len(toks):
        n_field = _seq_at(toks, walk.j, _fields())
        if n_field and _is_cap(toks[walk.j].text):
            walk.grow(n_field, budget=0)
            continue
        if not step():
            break
    return walk.end, walk.named


def find_agencies(text: str) -> list[AgencySpan]:
    toks = _tokens(text)
    out: list[AgencySpan] = []
    i = 0
    while i < len(toks):
        found = _head_at(toks, i)
        if not found:
            i += 1
            continue
        n_head, head = found
        head_toks = toks[i:i + n_head]
        upper = all(t.text.isupper() for t in head_toks) and not head.expansion and len(head_toks[0].text) > 1 \
            or (head.expansion is not None and i + n_head < len(toks) and toks[i + n_head].text.isupper()
                and toks[i + n_head].text.isalpha() and len(toks[i + n_head].text) > 1 and False)
        if upper and i > 0 and toks[i - 1].text.isupper() and toks[i - 1].text[0].isalpha():
            i += n_head  # "NHIỆM VỤ TRỌNG TÂM": a head inside a heading in capitals
            continue
        end, named = _body_end(toks, i, n_head, upper)
        if head.expansion and end == i + n_head:
            i += n_head  # a bare "UBND": which one is not said
            continue
        if not named and not (head.alone or len(head.head.split()) >= 3):
            i += n_head
            continue
        start_c, end_c = toks[i].start, toks[end - 1].end
        surface = text[start_c:end_c]
        if fold(surface).startswith(_NOT_AGENCY):  # "BÁO CÁO", "PHÒNG CHỐNG …" in capitals are titles
            i = end
            continue
        out.append(AgencySpan(surface, (start_c, end_c), canonical_agency(surface)))
        i = end
    return out


# --------------------------------------------------------------------------- canonical names

_MOVE = {
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
    "Oá": "Óa", "Oà": "Òa", "Uý": "Úy", "Uỷ": "Ủy", "Uỳ": "Ùy",
}
_OLD_TONE = re.compile(r"(?<![qQ])(" + "|".join(_MOVE) + r")(?!\w)")


def tone_style(text: str) -> str:
    """One tone placement: "hoá" -> "hóa", "thuỷ" -> "thủy", "Uỷ ban" -> "Ủy ban" (not "quý")."""
    return _OLD_TONE.sub(lambda m: _MOVE[m.group(1)], nfc(text))


def _sentence_case(words: list[str]) -> list[str]:
    out = []
    capital_next = True
    for w in words:
        if w.lower() in (",", "-", "và", "&"):
            out.append(w.lower())
            capital_next = w != "&"
            continue
        if any(c.isdigit() for c in w) or (w.isupper() and len(w) >= 3 and fold(w) not in _UPPER_WORDS()):
            out.append(w)
        else:
            low = w.lower()
            out.append(low[:1].upper() + low[1:] if capital_next else low)
        capital_next = False
    return out


@vocab.cached
def _UPPER_WORDS() -> frozenset[str]:
    # syllables that are words, not abbreviations, even in capitals
    return frozenset(fold(w) for h in agency_heads() for w in h.head.split()) | frozenset(
        "thong tin truyen hinh thanh tinh huyen pho nhan dan van hoa the thao lich phap dao tao tai chinh".split())


@lru_cache(maxsize=1)
def _province_re() -> re.Pattern:
    names = longest_first(province_names())
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in names) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _province_spelling() -> dict[str, str]:
    return {p.lower(): p for p in province_names()}


@vocab.cached(maxsize=20_000)
def canonical_agency(surface: str) -> str:
    """One spelling per agency: "Ban chỉ đạo 138 tỉnh" -> "Ban Chỉ đạo 138 tỉnh", "SỞ TƯ PHÁP" -> "Sở Tư pháp"."""
    text = tone_style(" ".join(surface.split()))
    toks = [t.text for t in _tokens(text)]
    if not toks:
        return text
    # header capitals: sentence case, provinces restored below
    if sum(t.isupper() for t in toks if t[0].isalpha()) == sum(1 for t in toks if t[0].isalpha()) and len(toks) > 1:
        n_head = next((len(seq) for seq, _ in _heads() if tuple(_head_key(t) for t in toks[:len(seq)]) == seq), 0)
        toks = toks[:n_head] + _sentence_case(toks[n_head:])
    # abbreviations expanded anywhere, the leading head spelled as in the data
    words: list[str] = []
    i = 0
    while i < len(toks):
        for seq, head in _heads():
            if tuple(_head_key(t) for t in toks[i:i + len(seq)]) == seq and (toks[i] == head.head if head.expansion else i == 0):
                words.extend((head.expansion or head.head).split())
                i += len(seq)
                break
        else:
            words.append(toks[i])
            i += 1
    # localities lower case; the syllable after them and after the head keeps its capital
    joined = _join(words)
    # not a locality: "Tỉnh ủy", "Huyện ủy" (the Party's committees) and a bare "xã" before "hội" (society: "Bộ Lao
    # động - Thương binh và Xã hội") unless it names a commune of the people's council or committee ("Ủy ban nhân
    # dân xã Hội Hoan"); "thị xã Hội An", "phường Hội Hợp" are localities
    for loc in _LOCALITY:
        keep = r"ủy|uỷ|hội" if loc == "xã" else r"ủy|uỷ"
        joined = re.sub(rf"(?<=\s)(?<!nhân dân ){loc}\b(?!\s+(?:{keep})\b)|(?<=nhân dân ){loc}\b", loc, joined,
                        flags=re.IGNORECASE)
    joined = _province_re().sub(lambda m: _province_spelling().get(m.group(1).lower(), m.group(1)), joined)
    return joined


def _join(words: list[str]) -> str:
    out = ""
    for w in words:
        if not out:
            out = w
        elif w in (",", ")", ".", ";", ":"):
            out += w
        elif w == "&" or out.endswith("&"):
            out += w
        else:
            out += " " + w
    return out
