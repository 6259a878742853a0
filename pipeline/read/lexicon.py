"""OCR slips in the fixed words of a header and a signer block, corrected against lexicons.

The words a Decree 30 header and signer block are printed with come from short closed lists: agency
heads ("ỦY BAN NHÂN DÂN", "SỞ", "CÔNG AN"), fields ("TƯ PHÁP", "Y TẾ"), provinces and centrally-run
cities before and after the 2025 merger ("TỈNH LÂM ĐỒNG", "THÀNH PHỐ HỒ CHÍ MINH"), positions and
authority words ("PHÓ CỤC TRƯỞNG", "KÝ THAY"), document types and the national motto (pipeline/vocab). OCR of a
scan misreads their tone marks ("ĐÒNG", "THÀNH PHÓ HỖ CHÍ MINH") and now and then a letter ("EHÓ CÚC
TRƯỞNG"). ``correct`` matches a line, word window by word window, against these phrases on folded
text (no diacritics, no case): a window is rewritten only when

* the phrase has two words or more (one word alone is too easily another word: "ĐÔNG", "ĐỒNG");
* every word is within a small edit distance of the phrase's word (0 for words of 1-2 letters, 1 up
  to 5 letters, 2 beyond), and most of its words are equal once folded ("EHÓ CÚC TRƯỞNG" is "PHÓ CỤC
  TRƯỞNG", a name "MINH ĐƯƠNG" is not the province "BÌNH DƯƠNG"); in running text (names written
  with capitals) every word must be equal once folded;
* the best phrase is unique: no other spelling (other than a mere tone-placement variant, ỦY/UỶ) is
  as close.

Anything else is left as OCR read it. Callers keep the OCR text in ``Line.original``."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from .. import vocab
from ..text import bounded_distance, fold, nfc

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # grave, acute, tilde, hook, dot below


def _data(name: str) -> str:
    return resources.files("pipeline.data").joinpath(name).read_text("utf-8")


def _lines(name: str) -> list[str]:
    return [l for l in _data(name).splitlines() if l.strip() and not l.startswith("#")]


def tone_key(word: str) -> tuple[str, str]:
    """The word without tone marks, and its tones: "ỦY" and "UỶ" share a key, "ĐỒNG" and "ĐÔNG" do not."""
    decomposed = unicodedata.normalize("NFD", word.upper())
    tones = "".join(sorted(ch for ch in decomposed if ch in _TONES))
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return bare, tones


@vocab.cached
def phrases() -> dict[int, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """Word count -> [(words as printed, upper case; the same words folded)]."""
    found: list[str] = []
    found += [h.head for h in vocab.agency_heads()]
    # a head and the level of its unit, the name on the next line or none ("THANH TRA TỈNH", "CÔNG AN HUYỆN")
    found += [f"{h.head} {kind}" for h in vocab.agency_heads() for kind in vocab.UNIT_KINDS]
    found += [l.strip() for l in _lines("nlp_agency_fields.tsv")]
    found += list(vocab.words("position") + vocab.words("rank") + vocab.words("authority"))
    found += [t.name for t in vocab.title_types()]
    provinces = json.loads(_data("nlp_provinces.json"))
    names = {p["name"] for key in ("before_2025_07_01", "from_2025_07_01") for p in provinces[key]}
    for main, aliases in provinces.get("aliases", {}).items():
        names.add(main)
        # an alias without diacritics ("Dak Lak") is a way to type the name, never how it is printed
        names.update(a for a in aliases if " " in a and "." not in a and "-" not in a and fold(a) != a.lower())
    for name in sorted(names):
        found += [name, f"TỈNH {name}", f"THÀNH PHỐ {name}"]
    cues = vocab.cues()
    found += cues["motto"] + cues["motto_slogan"] + cues["party_motto"]
    found += ["NHÂN DÂN", "THÀNH PHỐ"]  # the words of "ỦY BAN NHÂN DÂN THÀNH PHỐ …" apart from its head
    out: dict[int, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    seen: set[tuple[str, ...]] = set()
    for phrase in found:
        words = tuple(nfc(phrase).upper().split())
        if len(words) < 2 or words in seen:  # one word alone is too easily another word ("ĐÔNG", "ĐỒNG")
            continue
        seen.add(words)
        out.setdefault(len(words), []).append((words, tuple(fold(w) for w in words)))
    return out


@vocab.cached
def _index() -> dict[int, dict[tuple[int, str], list[int]]]:
    """Word count -> (position, folded word) -> the phrases (indices into phrases()[n]) with that word
    there: a window is compared only with phrases it shares a folded word with, in place."""
    out: dict[int, dict[tuple[int, str], list[int]]] = {}
    for n, items in phrases().items():
        table = out.setdefault(n, {})
        for j, (_, fwords) in enumerate(items):
            for k, fw in enumerate(fwords):
                table.setdefault((k, fw), []).append(j)
    return out


@vocab.cached
def _position_keys() -> dict[str, str]:
    """Letters-only folded key -> the upper-case position of positions.tsv, deputies ("PHÓ …") included."""
    out: dict[str, str] = {}
    for w in vocab.words("position"):
        for title in (w.upper(), "PHÓ " + w.upper()):
            out.setdefault(letters_key(title), title)
    return out


def letters_key(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalpha())


def closest_position(text: str, per: int = 6, first: bool = True) -> str | None:
    """The upper-case position of positions.tsv (deputies "PHÓ …" included) that ``text`` (a title, no
    authority word) reads but for a slip per ``per`` letters, counted on the longer of the two, its first
    letter right unless ``first`` is False ("GLÁM ĐỐC", "CHÁNH THANH T": the seal over the last letters);
    None when none is that close, or two are equally close, or the title has fewer than ``per`` letters
    and is none exactly."""
    key = letters_key(text)
    keys = _position_keys()
    if key in keys:
        return keys[key]
    if len(key) < per:
        return None
    close = sorted((d, title) for k, title in keys.items() if (k[0] == key[0] or not first)
                   and (d := bounded_distance(key, k, max(len(k), len(key)) // per)) <= max(len(k), len(key)) // per)
    if not close or (len(close) > 1 and close[1][0] == close[0][0]):
        return None
    return close[0][1]


def deputy_of(title: str) -> str:
    """The position of one who signs for ("KT.") the head whose title is ``title`` (Decree 30/2020/NĐ-CP,
    Appendix I: the deputy signs "KT." the head's title over his own): "PHÓ GIÁM ĐỐC" for "GIÁM ĐỐC",
    "THỨ TRƯỞNG" for "BỘ TRƯỞNG". A head with two titles ("BỘ TRƯỞNG, CHỦ NHIỆM": the minister who
    heads the Government Office) has the deputy of the office's own title, the last one: "PHÓ CHỦ NHIỆM"."""
    parts = [part.strip() for part in title.split(",") if part.strip()]  # "GIÁM ĐỐC," as OCR ends it
    title = parts[-1] if parts else title.strip()
    return "THỨ TRƯỞNG" if fold(title) == "bo truong" else "PHÓ " + title


def allowed(word: str) -> int:
    n = len(word)
    return 0 if n <= 2 else 1 if n <= 5 else 2


_EDGE = re.compile(r"^(?P<lead>[^\wĐđ]*)(?P<core>.*?)(?P<trail>[^\wĐđ.]*)$")


def _split(word: str) -> tuple[str, str, str]:
    m = _EDGE.match(word)
    return m.group("lead"), m.group("core"), m.group("trail")


def _match(cores: list[str], folded: list[str], candidates, exact_only: bool = False) -> tuple[str, ...] | None:
    best: list[tuple[int, tuple[str, ...]]] = []
    for words, fwords in candidates:
        total, exact = 0, 0
        for core, f, pw, pf in zip(cores, folded, words, fwords):
            if not pf.endswith("."):
                f = f.rstrip(".")  # "Dông." at the end of a sentence
            if f == pf:
                exact += 1
                continue
            limit = allowed(pf)
            if limit == 0 or exact_only:
                total = -1
                break
            d = bounded_distance(f, pf, limit)
            if d > limit:
                total = -1
                break
            total += d
        if total < 0 or not exact or (len(words) - exact) > (len(words) - 1) // 2:
            continue  # most words must be right once folded: "MINH ĐƯƠNG" is no "BÌNH DƯƠNG"
        best.append((total, words))
    if not best:
        return None
    best.sort(key=lambda x: x[0])
    top = [w for d, w in best if d == best[0][0]]
    keys = {tuple(tone_key(x) for x in w) for w in top}
    if len(keys) > 1:
        return None  # two phrases as close: ambiguous
    return top[0]


def _dictionary_path():
    """underthesea's word list (Viet74K, its corpus data): where it lies, without importing the package."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("underthesea")
    for root in (spec.submodule_search_locations or []) if spec else []:
        path = Path(root) / "corpus" / "data" / "Viet74K.txt"
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=1)
def _dictionary_words() -> tuple[tuple[str, ...], ...] | None:
    """The words of underthesea's Viet74K, each as its syllables (NFC), read once for word_pairs and
    syllables; None when the list is not installed."""
    path = _dictionary_path()
    if path is None:
        return None
    return tuple(tuple(nfc(line).split()) for line in path.read_text("utf-8").splitlines() if line.strip())


@lru_cache(maxsize=1)
def word_pairs() -> frozenset | None:
    """Two syllables next to each other in a word of the Vietnamese dictionary (underthesea's Viet74K:
    "thủ trưởng", "hải quân", "quản lý", "địa bàn", "quân sự" of "quân sự hoá"), each by its tone key
    (hoà and hòa alike); None when the list is not installed."""
    dictionary = _dictionary_words()
    if dictionary is None:
        return None
    keys: dict[str, tuple[str, str]] = {}  # about 11,000 syllables make the 74,000 words: each keyed once
    pairs = set()
    for words in dictionary:
        if len(words) < 2:
            continue
        syllables = [keys.get(w) or keys.setdefault(w, tone_key(w)) for w in words]
        pairs.update(zip(syllables, syllables[1:]))
    return frozenset(pairs)


def _in_words(cores: list[str], changed: list[int]) -> bool:
    """Whether one of the words at ``changed`` reads, as OCR read it, as a syllable of a dictionary word
    with its neighbour: "Thủ trưởng" (the head of an agency) is not a slip of THỨ TRƯỞNG, nor "Hải quân"
    of Hải quan, "quản lý" of a "Quận", "trên địa bàn Thành phố" of "Ban"."""
    pairs = word_pairs()
    if pairs is None:
        return True  # no dictionary to tell a real word: nothing is corrected on folded letters alone
    keys = [tone_key(c.rstrip(".")) if c else None for c in cores]
    for p in changed:
        for a, b in ((p - 1, p), (p, p + 1)):
            if 0 <= a and b < len(keys) and keys[a] and keys[b] and (keys[a], keys[b]) in pairs:
                return True
    return False


def correct(text: str, *, proper_only: bool = False, folded_only: bool = False) -> str:
    """``text`` with the windows that match a lexicon phrase (see the module) spelled as the phrase,
    in the case of the line (upper-case lines stay upper case; otherwise each word keeps its own
    capitalisation pattern). ``proper_only``: only windows whose words all start with a capital (a
    name in running text: "tỉnh Lâm Đông" -> "tỉnh Lâm Đồng", never "thành phố" in lower case).
    ``folded_only``: in running text, windows with a capital in them whose every word is the
    phrase's once folded ("UBND Thành phó" -> "UBND Thành phố", "Mặt trận Tô quốc" -> "Tổ quốc",
    "Nghi quyêt" -> "Nghị quyết"), unless a word it would change makes a dictionary word with its
    neighbour as read (_in_words: "Thủ trưởng", "Hải quân", "địa bàn" stay)."""
    words = text.split()
    if not words:
        return text
    parts = [_split(w) for w in words]
    cores = [p[1] for p in parts]
    folded = [fold(c) for c in cores]
    table = phrases()
    index = _index()
    letters = [ch for ch in text if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters) > 0.7 * len(letters) if letters else False
    out = list(words)
    i = 0
    while i < len(words):
        done = False
        for n in sorted(table, reverse=True):
            if i + n > len(words) or not all(cores[i:i + n]):
                continue
            # a window never spans punctuation inside it ("NỘI, NGÀY"): only its last word may carry some
            if any(parts[k][2] for k in range(i, i + n - 1)) or any(parts[k][0] for k in range(i + 1, i + n)):
                continue
            if proper_only and not all(c[:1].isupper() for c in cores[i:i + n]):
                continue
            if folded_only and not cores[i][:1].isupper():  # a name starts with its capital
                continue
            window = [f.rstrip(".") if not f.endswith("..") else f for f in folded[i:i + n]]
            hits = {j for k in range(n) for key in ((k, folded[i + k]), (k, window[k]))
                    for j in index[n].get(key, ())}
            if not hits:
                continue
            found = _match(cores[i:i + n], folded[i:i + n], [table[n][j] for j in sorted(hits)],
                           exact_only=proper_only or folded_only)
            if found is None:
                continue
            if folded_only and _in_words(cores, [i + k for k, word in enumerate(found)
                                                 if tone_key(cores[i + k].rstrip(".")) != tone_key(word)]):
                continue
            for k, word in enumerate(found):
                lead, core, trail = parts[i + k]
                if core == word or tone_key(core) == tone_key(word):
                    continue  # already so, or a tone-placement variant of it (Ủy/Uỷ)
                if core.endswith(".") and not word.endswith("."):
                    trail = "." + trail
                word = _placed_like(word, core)
                out[i + k] = lead + (word if upper else _cased(word, core.rstrip("."))) + trail
            i += n
            done = True
            break
        if not done:
            i += 1
    return " ".join(out)


# the vowel pairs whose tone mark is printed on either vowel ("ỦY" and "UỶ", "HÒA" and "HOÀ"): both are how
# documents are typed, so a corrected word keeps the vowel OCR read a mark on ("UÝ BAN" -> "UỶ BAN", not "ỦY")
_PLACEMENT_PAIRS = ("oa", "oe", "uy")


def _placed_like(word: str, core: str) -> str:
    """``word`` with its tone mark moved to the other vowel of an oa/oe/uy pair when OCR's ``core``
    (the same letters once folded) carries its mark there."""
    w, c = unicodedata.normalize("NFD", word), unicodedata.normalize("NFD", nfc(core).upper())
    wt = [(i, ch) for i, ch in enumerate(w) if ch in _TONES]
    ct = [ch for ch in c if ch in _TONES]
    if len(wt) != 1 or len(ct) != 1 or fold(word) != fold(core):
        return word
    base = [ch for ch in w if ch not in _TONES]  # letters with their vowel marks (Ơ, Â), no tone
    # the index in base of the letter carrying the tone, in word and in core
    at_w = sum(1 for ch in w[:wt[0][0]] if ch not in _TONES) - 1
    c_base = [ch for ch in c if ch not in _TONES]
    at_c = sum(1 for ch in c[:c.index(ct[0])] if ch not in _TONES) - 1
    if at_w == at_c or len(c_base) != len(base) or not 0 <= at_c < len(base):
        return word
    pair = "".join(fold(unicodedata.normalize("NFC", ch)) for ch in base[min(at_w, at_c):max(at_w, at_c) + 1])
    if abs(at_w - at_c) != 1 or pair.lower() not in _PLACEMENT_PAIRS:
        return word
    base.insert(at_c + 1, wt[0][1])
    return unicodedata.normalize("NFC", "".join(base))


def _cased(word: str, like: str) -> str:
    if like.isupper() or len(like) <= 1:
        return word if like.isupper() else (word.lower() if like.islower() else word)
    if like[:1].isupper():
        return word[:1] + word[1:].lower()
    return word.lower()


# --------------------------------------------------------------------------- agency words, one by one

# An agency line of a scan misread on one word's marks ("SƠ Y TE", "SỞ LAO ĐỌNG - TBXH", "SỞ VĂN HÓA, THẺ THAO
# VÀ DU LỊCH", "SỞ Y TẺ BẮC NINH") is no phrase of the lexicon: the name around the word is not one ``correct``
# knows. Each word is set right against the words of known agency names instead, by its marks only: its letters
# are right once folded, and of the known words with those letters that stand in a known name next to the word's
# neighbour ("SỞ" before "Y", "TẾ" after "Y"), one is nearest in marks, at most AGENCY_WORD_MARKS off; the word
# itself is no known word. A word no name puts there stays as read ("ĐA KHOA", "NGUYỄN TRÃI"). The place after a
# unit's kind ("HUYỆN", "TỈNH") is a name of its own, left to correct_units.
AGENCY_WORD_MIN_LETTERS = 2  # letters: a one-letter word ("Y") is left as read
AGENCY_WORD_MARKS = 2  # marks added, dropped or changed (NFD): "TE" -> "TẾ" is two, "SƠ" -> "SỞ" one


def _agency_names() -> list[str]:
    """Known agency names and their parts: the heads (agency_heads.tsv), the fields (nlp_agency_fields.tsv), the
    issuers of nlp_issuer_codes.tsv, the provinces (nlp_provinces.json), upper case."""
    names: list[str] = [h.head for h in vocab.agency_heads()]
    names += [l.strip() for l in _lines("nlp_agency_fields.tsv")]
    names += [l.split("\t")[1] for l in _lines("nlp_issuer_codes.tsv") if len(l.split("\t")) > 1]
    provinces = json.loads(_data("nlp_provinces.json"))
    names += [p["name"] for key in ("before_2025_07_01", "from_2025_07_01") for p in provinces[key]]
    return [nfc(n).upper() for n in names]


_WORD = re.compile(r"[^\W\d_]+")


@vocab.cached
def agency_words() -> tuple[dict[str, tuple[str, ...]], frozenset[tuple[str, str]]]:
    """(folded word -> the spellings of known agency words with that fold; the pairs (word, folded word) and
    (folded word, word) that stand side by side in a known name)."""
    words: dict[str, set[str]] = {}
    pairs: set[tuple[str, str]] = set()
    for name in _agency_names():
        found = _WORD.findall(name)
        for w in found:
            words.setdefault(fold(w), set()).add(w)
        for a, b in zip(found, found[1:]):
            pairs.update({(a, fold(b)), (fold(a), b)})
    return {k: tuple(sorted(v)) for k, v in words.items()}, frozenset(pairs)


def agency_word(word: str, before: str = "", after: str = "") -> str | None:
    """The known agency word ``word`` (upper case, as OCR read it, between the words ``before`` and ``after``) is
    a misreading of, by its marks (see above), or None: "SƠ" before "Y" -> "SỞ", "TE" after "Y" -> "TẾ"."""
    if len(word) < AGENCY_WORD_MIN_LETTERS or not word.isalpha() or not word.isupper():
        return None
    words, pairs = agency_words()
    known = words.get(fold(word), ())
    if not known or any(tone_key(k) == tone_key(word) for k in known):
        return None  # no known word has its letters, or it is one (a tone-placement variant too: HÓA/HOÁ)
    placed = [k for k in known if (before and (fold(before), k) in pairs) or (after and (k, fold(after)) in pairs)]
    scored = sorted((bounded_distance(unicodedata.normalize("NFD", word), unicodedata.normalize("NFD", k),
                                      AGENCY_WORD_MARKS), k) for k in placed)
    best = [k for d, k in scored if d == scored[0][0] and d <= AGENCY_WORD_MARKS]
    if not best or len({tone_key(k) for k in best}) > 1:
        return None
    return best[0]


def correct_agency_words(text: str) -> str:
    """An upper-case agency line with each misread word set right by agency_word, up to a unit's kind
    ("UBND HUYỆN …"): "SƠ Y TE" -> "SỞ Y TẾ". A word keeps the marks of punctuation around it ("LAO ĐỌNG -")."""
    kinds = {fold(k) for k in vocab.UNIT_KINDS}
    words = text.split()
    cores = [_split(w)[1] for w in words]
    out = list(words)
    for i, raw in enumerate(words):
        if fold(cores[i]) in kinds or fold(" ".join(cores[i:i + 2])) in kinds:
            break
        lead, core, trail = _split(raw)
        before = cores[i - 1] if i and not _split(words[i - 1])[2] and not lead else ""
        after = cores[i + 1] if i + 1 < len(words) and not trail and not _split(words[i + 1])[0] else ""
        fixed = agency_word(core, before, after)
        if fixed is not None:
            out[i] = lead + _placed_like(fixed, core) + trail
    return " ".join(out)


@vocab.cached
def surnames() -> dict[str, str | None]:
    """Folded family name -> the one family name with that fold (None when two share it;
    pipeline/vocab/surnames.txt)."""
    out: dict[str, str | None] = {}
    for name in vocab.surnames():
        key = fold(name)
        out[key] = name if key not in out or out[key] == name else None
    return out


def is_surname(word: str) -> bool:
    return nfc(word).title() in {s for s in surnames().values() if s} or fold(word) in surnames()


def correct_surname(name: str) -> str:
    """"Trân Sỹ Thanh" -> "Trần Sỹ Thanh": the first word of a personal name spelled as the one family
    name with its fold, when it is not one already."""
    words = name.split()
    if not words:
        return name
    first = words[0]
    known = surnames().get(fold(first))
    if known and tone_key(first) != tone_key(known):
        words[0] = known.upper() if first.isupper() else known
    return " ".join(words)


@vocab.cached
def syllables() -> frozenset[str] | None:
    """The syllables of the words of the Vietnamese dictionary (underthesea's Viet74K), lower case, NFC,
    with those of the family names; None when the list is not installed."""
    dictionary = _dictionary_words()
    if dictionary is None:
        return None
    found = {w.lower() for words in dictionary for w in words}
    found.update(nfc(name).lower() for name in surnames().values() if name)
    return frozenset(found)


GLUED_MIN = 6  # letters: a shorter word OCR ran together is left as it is
_GLUED = re.compile(r"(?<![\w@/.])[^\W\d_]{%d,}(?![\w@/]|\.\w)" % GLUED_MIN)
_MARKED = frozenset("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")


def _splits(word: str, known: frozenset[str]) -> list[list[str]]:
    """The ways to cut ``word`` into the fewest dictionary syllables of two letters and more."""
    low = word.lower()
    best: list[list[list[str]] | None] = [None] * (len(low) + 1)
    best[0] = [[]]
    for i in range(len(low)):
        if not best[i]:
            continue
        for j in range(i + 2, min(len(low), i + 7) + 1):
            if low[i:j] in known:
                ways = [w + [word[i:j]] for w in best[i]]
                if best[j] is None or len(ways[0]) < len(best[j][0]):
                    best[j] = ways
                elif len(ways[0]) == len(best[j][0]):
                    best[j] = best[j] + ways
    return best[len(low)] or []


def split_glued(text: str) -> str:
    """Words OCR ran together set apart: a run of letters of GLUED_MIN and more with a Vietnamese mark that is
    no syllable, cut into the fewest syllables of the dictionary (two letters and more each) whose neighbours
    make the most words of it ("BỘNÔNGNGHIỆP" -> "BỘ NÔNG NGHIỆP", not "BỘN ÔNG NGHIỆP"; "THÔNGTIN";
    "Nơinhận", tb-18-cuc-lam-nghiep, qd-707-ttg, tb-229-vp-ubnd-ha-noi of corpus/eval/dev), when one such cut
    is best. Addresses, acronyms and names without marks are left ("daknong.gov.vn", "CNVCLĐ", "Vingroup")."""
    known, pairs = syllables(), word_pairs()
    if known is None or pairs is None:
        return text

    def cut(m: re.Match) -> str:
        word = m.group()
        if word.lower() in known or not _MARKED & set(word.lower()):
            return word
        ways = _splits(word, known)
        # each piece a word as print sets it: upper case, lower case or capitalised ("CHíwHPHủ" is no words)
        ways = [w for w in ways if all(x.isupper() or x.islower() or x.istitle() for x in w)]
        if not ways or len(ways[0]) < 2:
            return word
        score = lambda w: sum((tone_key(a), tone_key(b)) in pairs for a, b in zip(w, w[1:]))  # noqa: E731
        ranked = sorted(ways, key=score, reverse=True)
        if len(ranked) > 1 and score(ranked[0]) == score(ranked[1]):
            return word
        return " ".join(ranked[0])

    return _GLUED.sub(cut, text)


def correct_given_names(name: str) -> str:
    """A Kinh personal name (it starts with a family name of the list) whose later words OCR made into
    no Vietnamese syllable, each set right when exactly one syllable of the dictionary is one letter off
    it, in the same place: "Nguyễn Trúc Glang" -> "Giang" (bc-1983-syt-kien-giang of corpus/eval/dev),
    "Hà Văn Phúe" -> "Phúc" (tm-155-syt-kien-giang). A word that is a syllable stays ("Anh", "Ánh"), and
    so does a name that does not start with a Kinh family name (the names of Tây Nguyên: "Y Blang",
    "H’Nhó")."""
    words = name.split()
    known = syllables()
    if len(words) < 2 or known is None or fold(words[0]) not in surnames():
        return name
    out = list(words)
    for i, word in enumerate(words[1:], 1):
        low = nfc(word).lower()
        if len(low) < 3 or low in known or not low.isalpha():
            continue
        found = {low[:k] + ch + low[k + 1:] for k in range(len(low)) for ch in _SYLLABLE_LETTERS
                 if ch != low[k] and low[:k] + ch + low[k + 1:] in known}
        if len(found) > 1:  # "Phúe": phúc, phút, phún; the letters print alike only for phúc
            found = {f for f in found if any(frozenset((a, b)) in _LOOK_ALIKE for a, b in zip(fold(low), fold(f)) if a != b)}
        if len(found) == 1:
            fixed = found.pop()
            out[i] = fixed.upper() if word.isupper() else fixed[:1].upper() + fixed[1:]
    return " ".join(out)


# letters Tesseract takes for one another in a printed name: c/e (the bowl closed), i/l (the dot lost), n/u
_LOOK_ALIKE = frozenset(frozenset(p) for p in ("ce", "il", "nu"))
# the letters of Vietnamese syllables, each tone on each vowel: what one letter of a name may have been
_SYLLABLE_LETTERS = frozenset("abcdeghiklmnopqrstuvxyđ" + "".join(
    unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in ("", *sorted(_TONES))))


@vocab.cached
def _labels() -> tuple[str, ...]:
    """The letters of the tail's labels (cues.json: "Nơi nhận", "Nơi gửi"), folded, spaces left out."""
    cues = vocab.cues()
    return tuple(sorted({"".join(fold(w).split(" (")[0].split()) for w in cues["distribution_labels"]}, key=lambda w: (len(w), w)))


def is_layout_label(text: str, loose: bool = False) -> bool:
    """A line that starts with the "Nơi nhận" label as OCR reads a bold italic label: glued
    ("Nơinhận:"), after a dash or rule ("-_ Nơinhận:"), one letter off ("Nơi nhặn" folds right;
    "Nơi nhậm:" is one off, and so is "Nởơi nhận:", a vowel read twice, bc-1983-syt-kien-giang of
    corpus/eval/dev). Such a line is layout, however low Tesseract's confidence in it.

    ``loose``: ``text`` is the label's two words alone as a caller found them (up to their colon), and
    each may be further off, by up to half its letters, two in all ("Nơi mạn:", bc-248-sldtbxh-dak-nong
    of corpus/eval/dev: the h lost, the n read m); the caller says where such a line stands."""
    if loose:
        return _loose_label(text)
    letters = "".join(re.findall(r"[a-z]+", fold(re.sub(r"^[\W_\d]+", "", text))[:24]))
    return any(bounded_distance(letters[:n], label, 1) <= 1 and len(letters) >= len(label) - 1
               for label in _labels() for n in (len(label) - 1, len(label), len(label) + 1))


LOOSE_LABEL_DISTANCE = 2  # letters off in all, in a loose label's two words


def _loose_label(text: str) -> bool:
    words = re.findall(r"[a-z]+", fold(re.sub(r"^[\W_\d]+", "", text.split(":")[0])))
    if len(words) != 2:
        return False
    for label in vocab.cues()["distribution_labels"]:
        parts = fold(label).split(" (")[0].split()
        if len(parts) != 2:
            continue
        off = [bounded_distance(w, p, len(p) // 2) for w, p in zip(words, parts)]
        if all(d <= max(1, len(p) // 2) for d, p in zip(off, parts)) and sum(off) <= LOOSE_LABEL_DISTANCE:
            return True
    return False


# --------------------------------------------------------------------------- administrative units

# what OCR reads for the apostrophe of a Central Highlands name ("R’LẤP" read "R°LÁP", "R'LẤP" or "R lấp"):
# the name's letters are matched without it, and a corrected name is written with the typographic one
_APOSTROPHES = "'’‘`´°ʼ"
APOSTROPHE = "’"
# a unit's kind as a header prints it before the name ("UBND HUYỆN KRÔNG NÔ", "XÃ ĐẮK RU"), folded
_KIND_WORDS = {"tinh": "Tỉnh", "huyen": "Huyện", "xa": "Xã", "phuong": "Phường", "quan": "Quận",
               "thi tran": "Thị trấn", "thi xa": "Thị xã", "thanh pho": "Thành phố", "tp.": "Thành phố",
               "dac khu": "Đặc khu"}
UNIT_MIN_KEY = 4  # letters: a shorter name ("Hội", "Phường 10") is too easily another word
UNIT_MAX_WORDS = 5


def _unit_key(text: str) -> str:
    """A unit name's letters and digits, folded: "Đăk R’lấp", "ĐẮK R°LÁP" and "Đắk R'Lấp" are "dakrlap"."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


def _spellings(name: str, groups: dict[str, tuple[str, ...]]) -> list[str]:
    """``name`` and its spellings with a variant syllable ("Đắk R'Lấp", "Đăk R'Lấp", "Đak R'Lấp")."""
    out = [name]
    for i, word in enumerate(name.split()):
        group = groups.get(word.lower())
        if group:
            out = [" ".join(s.split()[:i] + [v[:1].upper() + v[1:] if word[:1].isupper() else v] + s.split()[i + 1:])
                   for s in out for v in group]
    return list(dict.fromkeys(out))


@vocab.cached
def _units() -> dict[str, list[tuple[str, str, bool]]]:
    """Folded key -> [(a spelling of a unit's name, its kind, whether the spelling is the source's)]."""
    groups: dict[str, tuple[str, ...]] = {}
    for group in vocab.unit_variants():
        for v in group:
            groups[v.lower()] = tuple(g.lower() for g in group)
    out: dict[str, list[tuple[str, str, bool]]] = {}
    for unit in vocab.admin_units():
        for spelling in _spellings(unit.name, groups):
            entry = (spelling, unit.kind, spelling == unit.name)
            items = out.setdefault(_unit_key(spelling), [])
            if entry not in items:
                items.append(entry)
    return out


@vocab.cached
def _unit_keys_by_length() -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    for key in _units():
        out.setdefault(len(key), []).append(key)
    return {n: tuple(keys) for n, keys in out.items()}


def _unit_allowed(key: str) -> int:
    """Letter edits a name may be off by: none under 6 letters, 1 up to 10, 2 beyond."""
    return 0 if len(key) < 6 else 1 if len(key) <= 10 else 2


def _letters(text: str) -> list[str]:
    return [ch for ch in nfc(text).lower() if ch.isalnum()]


def unit_name(text: str, kinds: frozenset[str] | set[str] | None = None) -> str | None:
    """The administrative unit's name that OCR'd ``text`` stands for, spelled as the unit is named
    (pipeline/vocab/admin_units.tsv) in the case ``text`` is written in, or None when it is no unit's
    name or not one unit's. The letters must be the name's once folded, or within _unit_allowed letters
    of one name only; of the spellings with those letters the one closest to what OCR read (its tone
    marks) wins, the source's before a variant at equal distance ("ĐÁK" is "ĐẮK", "ĐĂK" stays "ĐĂK"),
    and two names as close are no answer. ``kinds``: only units of these kinds ("Huyện", "Xã" …)."""
    core = nfc(text).strip()
    key = _unit_key(core)
    if len(key) < UNIT_MIN_KEY or len(core.split()) > UNIT_MAX_WORDS or not any(ch.isalpha() for ch in key):
        return None
    table = _units()
    entries = [e for e in table.get(key, ()) if kinds is None or e[1] in kinds]
    if entries:
        letters = _letters(core)
        entries = [(_placed_as(s, core), kind, primary) for s, kind, primary in entries]
        scored = sorted((sum(a != b for a, b in zip(letters, _letters(s))), not primary, s) for s, _, primary in entries)
        top = [x for x in scored if x[0] == scored[0][0]]
        if scored[0][0] and any(not x[1] for x in top):
            top = [x for x in top if not x[1]]  # none as OCR read it: the source's spelling
        if len({tuple(tone_key(w) for w in x[2].split()) for x in top}) > 1:
            return None
        return _render(core, top[0][2])
    limit = _unit_allowed(key)
    if not limit or len(core.split()) < 2:
        return None  # a one-word name only when its letters are right ("Đakrông")
    near: dict[int, set[str]] = {}
    by_length = _unit_keys_by_length()
    for n in range(len(key) - limit, len(key) + limit + 1):
        for other in by_length.get(n, ()):
            d = bounded_distance(key, other, limit)
            if d <= limit:
                near.setdefault(d, set()).add(other)
    if not near:
        return None
    keys = near[min(near)]
    spellings = {e[0] for k in keys for e in table[k] if (kinds is None or e[1] in kinds) and e[2]}
    if len({tuple(tone_key(w) for w in s.split()) for s in spellings}) != 1:
        return None
    spelling = next(iter(spellings)).replace("'", APOSTROPHE)
    letters = [ch for ch in core if ch.isalpha()]
    return spelling.upper() if sum(ch.isupper() for ch in letters) > 0.7 * len(letters) else spelling


_NAME_WORDS = re.compile(r"[^\s" + _APOSTROPHES + r"]+")


def _placed_as(spelling: str, core: str) -> str:
    """``spelling`` with each syllable's tone mark on the vowel of an oa/oe/uy pair that OCR's ``core``
    has it on ("Hoà Bình" read "HÒA BÌNH" is "Hòa Bình": both are how the name is typed)."""
    words, read = _NAME_WORDS.findall(spelling), _NAME_WORDS.findall(core)
    if len(words) != len(read):
        return spelling
    out, pos = [], 0
    for w, r in zip(words, read):
        start = spelling.index(w, pos)
        out.append(spelling[pos:start] + _placed_like(w, r))
        pos = start + len(w)
    return "".join(out) + spelling[pos:]


def _render(core: str, spelling: str) -> str:
    """``spelling`` (the same letters as ``core`` once folded) with each letter in the case OCR read it,
    the source's spaces, and the typographic apostrophe."""
    source = [ch for ch in nfc(core) if ch.isalnum()]
    out, i = [], 0
    for ch in spelling:
        if ch.isalnum():
            read = source[i] if i < len(source) else ch
            out.append(ch.upper() if read.isupper() else ch.lower())
            i += 1
        else:
            out.append(APOSTROPHE if ch in _APOSTROPHES else ch)
    return "".join(out)


def correct_units(text: str) -> str:
    """An upper-case agency line whose last words are a unit's kind and name ("UBND HUYỆN KRÔNG NÔ",
    "HUYỆN ĐÁK R°LÁP", "VĂN PHÒNG HĐND - UBND HUYỆN ĐÁK R'LẤP") with the name spelled as the unit is
    (unit_name, of that kind), and the kind word with it ("TÍNH" -> "TỈNH"). Any other line is
    returned as it is."""
    words = text.split()
    for i in range(len(words) - 1, max(-1, len(words) - UNIT_MAX_WORDS - 3), -1):
        for n in (2, 1):
            kind_words = words[i:i + n]
            kind = _KIND_WORDS.get(fold(" ".join(kind_words)))
            rest = words[i + n:]
            if kind is None or not rest or len(rest) > UNIT_MAX_WORDS:
                continue
            tail = re.search(r"[\s,;.:)]*$", " ".join(rest)).group()
            name = unit_name(" ".join(rest)[: len(" ".join(rest)) - len(tail)] if tail else " ".join(rest),
                             frozenset({kind}))
            if name is None:
                continue
            kind_text = kind.upper() if "." not in kind_words[-1] else " ".join(kind_words)
            if fold(kind_text) != fold(" ".join(kind_words)) or tone_key(kind_text) == tone_key(" ".join(kind_words)):
                kind_text = " ".join(kind_words)  # "UỶ"/"ỦY"-like placements, and "TP." stay as printed
            return " ".join(words[:i] + [kind_text, name + tail])
    return text


# the kind of a place written before its name in the place-and-date line ("Thành phố Hồ Chí Minh", "TP. Huế")
_PLACE_KIND = re.compile(r"^(?:(?:thanh pho|tp\.?|thi xa|thi tran|huyen|quan|xa|phuong|tinh)\s+)?", re.I)


def correct_place(head: str) -> str:
    """The place before "ngày … tháng" on an OCR'd place-and-date line ("Đăk R lấp, " -> "Đăk R’lấp, ")
    spelled as the unit is named, when unit_name finds one unit; else as it is."""
    stripped = head.rstrip()
    body = stripped.rstrip(",. ")
    if not body or stripped[-1:] not in ",.":
        return head  # the place ends at its comma (or the period OCR reads for it): "Krông Nô. ngày"
    lead = _PLACE_KIND.match(fold(body)).end()
    if not body[lead:][:1].isupper():
        return head  # a place is written with a capital: "địa phương ngày 22 tháng 11" is running text
    name = unit_name(body[lead:])
    if name is None or name == body[lead:]:
        return head
    return body[:lead] + name + head[len(body):]


# an apostrophe between two letters, as OCR reads the typographic one or as it is typed ("R'lấp", "R‘lấp")
_INNER_APOSTROPHE = re.compile(r"(?<=[^\W\d_])[" + re.escape(_APOSTROPHES.replace("°", "")) + r"](?=[^\W\d_])")


def unit_apostrophes(text: str) -> str:
    """Running text with the apostrophe of a known unit's name written as a header prints it, typographic (the
    agency line and the place of the same page: "ỦY BAN NHÂN DÂN HUYỆN ĐĂK R’LẤP", "Đắk R’lấp, ngày …"): "UBND
    huyện Đắk R'lấp tháng 6/2019" -> "UBND huyện Đắk R’lấp tháng 6/2019", "huyện ĐắkR'lấp". Only a word whose
    letters, alone or with the word before it, are a unit's name spelt with an apostrophe; any other is left."""
    words = text.split(" ")
    for i, word in enumerate(words):
        if not _INNER_APOSTROPHE.search(word):
            continue
        core = _split(word)[1]
        for span in ([words[i - 1], core] if i else [], [core]):
            entries = _units().get(_unit_key(" ".join(span)), ()) if span else ()
            if any(APOSTROPHE in e[0].replace("'", APOSTROPHE) for e in entries):
                words[i] = _INNER_APOSTROPHE.sub(APOSTROPHE, word)
                break
    return " ".join(words)


# ---------------------------------------------------------------- the authority line of a signer block

# the authority word of an OCR'd title line misread (a handwritten or stamped "KT." over a printed
# position): a token of up to four characters closed by a dot, then the position ("kĩ. CHỦ TỊCH",
# "C1. CHỦ TỊCH")
_SMUDGED_AUTHORITY = re.compile(r"^[\W_]*(?P<word>[^\W_][^\s.]{0,3})\.\s*(?P<rest>\S.*)$")
_DIGIT_LETTERS = str.maketrans("0158", "oisb")  # "PHO CHU 11CH": the digits OCR reads for letters


@vocab.cached
def _head_positions() -> dict[str, str]:
    """Letters-only folded key -> a position of positions.tsv in upper case, deputies ("PHÓ …") left out."""
    return {_key(w): w.upper() for w in vocab.words("position") if not fold(w).startswith("pho ")}


@vocab.cached
def _dotted_authorities() -> dict[str, str]:
    """Folded letters -> the authority word printed with a dot (KT., TM., TL., TUQ.; positions.tsv), those of
    two letters and more: a one-letter word (Q.) is one slip from any speck."""
    return {_key(w): w for w in vocab.words("authority") if w.endswith(".") and len(_key(w)) >= 2}


def _key(text: str) -> str:
    return "".join(ch for ch in fold(text).translate(_DIGIT_LETTERS) if ch.isalpha())


def _deputy_of(line_text: str, head: str) -> bool:
    """``line_text`` reads "PHÓ " + ``head``, a slip allowed per six letters ("PHO CHU 11CH")."""
    key, want = _key(line_text), _key("phó " + head)
    limit = len(want) // 6
    return bool(key) and bounded_distance(key, want, limit) <= limit


def correct_authority(line: Line, below: Line | None) -> Line:
    """An OCR'd title line of a signer block whose authority word was misread, set right when only one
    reading fits: ``line`` is a misread word closed by a dot and then a position of positions.tsv
    ("C1. CHỦ TỊCH", "kĩ. CHỦ TỊCH"), and either the line under it (``below``) is that position's
    deputy ("PHÓ CHỦ TỊCH": who signs over his head's title signs KT., Decree 30/2020/NĐ-CP, Art. 12),
    or the misread word is one slip off one authority word of two letters and more, and off no other
    (the K of "kĩ" read right: KT.). The OCR text stays in Line.original; any other line is unchanged.
    corpus/eval/dev: bc-179 ("C1. CHỦ TỊCH" over "PHO CHU 11CH") and bc-68-ubnd-huyen-dak-rlap ("kĩ. CHỦ
    TỊCH"), whose KT. is written by hand over the printed position."""
    m = _SMUDGED_AUTHORITY.match(line.text.strip())
    if not m or line.confidence is None:
        return line
    word, rest = m.group("word"), m.group("rest")
    letters = [ch for ch in rest if ch.isalpha()]
    if not letters or sum(ch.isupper() for ch in letters) < 0.9 * len(letters):
        return line
    head = _head_positions().get(_key(rest))
    if head is None or _key(word) in _dotted_authorities() or fold(word) == "q":  # read right, or the acting head's Q.
        return line
    authority = None
    if below is not None and below.confidence is not None and _deputy_of(below.text, head):
        authority = "KT."
    else:
        near = [a for k, a in _dotted_authorities().items() if bounded_distance(_key(word), k, 1) <= 1]
        if len(near) == 1 and _key(word) and near[0] != "TM.":  # TM. is printed over a body, not a position
            authority = near[0]
    if authority is None:
        return line
    return replace(line, text=f"{authority} {rest.strip()}", original=line.original or line.text)


def correct_authorities(lines: list) -> list:
    """The page's OCR lines (in reading order) with each misread authority line set right
    (correct_authority), the line read under it taken as the next line of its column: the next line
    whose box overlaps it across, within three line heights below."""
    out = list(lines)
    for i, line in enumerate(out):
        if line.bbox is None or not _SMUDGED_AUTHORITY.match(line.text.strip()):
            continue
        x0, y0, x1, y1 = line.bbox
        h = max(y1 - y0, 6.0)
        below = min((x for x in out if x is not line and x.bbox is not None and x.page == line.page
                     and 0 < x.bbox[1] - y0 < 3 * h and min(x1, x.bbox[2]) - max(x0, x.bbox[0]) > 0),
                    key=lambda x: x.bbox[1], default=None)
        out[i] = correct_authority(line, below)
    return out
