"""Signer blocks: authority ("KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN"), position ("PHÓ GIÁM ĐỐC") and
the signer's name, printed under the signature. Stamp and placeholder text ("(Đã ký)", "Ký bởi: …",
"(Ký tên, đóng dấu)") is never a name. Several blocks may stand side by side; with layout they are
told apart by x position, without it they follow one another."""
from __future__ import annotations

import re

from .. import vocab
from ..model import Signer
from ..text import fold, longest_first
from . import cues
from ..read.lexicon import closest_position, correct_given_names, correct_surname, deputy_of, letters_key, surnames
from .lines import Row, is_stamp



@vocab.cached
def _notes() -> tuple[re.Pattern, ...]:
    """The signer-block notes of pipeline/vocab/stamps.tsv ("(Đã ký)", "(Ký, ghi rõ họ tên)")."""
    return tuple(re.compile(s.pattern) for s in vocab.stamps() if s.strength == "note")


def is_noise(text: str) -> bool:
    t = text.strip()
    f = fold(t)
    if is_stamp(t):
        return True
    f = " ".join(f.split())
    if any(p.search(f) for p in _notes()):
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
    if words[-1].endswith(".") and len(words[-1].rstrip(".")) > 1:
        return False  # a sentence's end ("… tỉnh Cao Bằng.", "… trường THPT Bưng Riềng."): no name has a full stop
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


# OCR of a signer block: the seal and the signature leave stray marks around the printed lines
# ("_ KT. GIÁM ĐỐC", "° — GIÁM ĐỐC", "` Triệu Hải Loan"), and a line read through the seal comes out
# as low-confidence junk ("PH*\\ TƯỞNG BAN", "\"SA ÝNWM/WN").
GARBLED_CONFIDENCE = 50.0
_STRAY = re.compile(r"^(?:[^\w\s]|_)+$")


def _scribble(word: str) -> bool:
    """Marks and digits, no letter: "„1⁄2". A number ("389") or one in brackets or dotted is none."""
    return (not any(ch.isalpha() for ch in word) and any(ch.isdigit() for ch in word)
            and any(not ch.isdigit() and ch not in "()[]./-" for ch in word))


def clean_ocr_line(text: str, ocr: bool = True) -> str:
    """Leading and trailing tokens that hold no letter or digit taken off, and a stray mark glued to
    the first word ("_KT.", "\"PHÓ"); a lone lower-case letter before an upper-case title ("ö — GIÁM
    ĐỐC") is a speck too. Title words misread in their tone marks ("BẠN", "ĐÒNG") are set right, on
    OCR'd lines only: a printed "UỶ BAN" (the older tone placement) stays as printed."""
    words = text.split()
    speck = lambda: (len(words) > 1 and len(words[0]) == 1 and words[0].islower()  # noqa: E731
                     and cues.is_upper(" ".join(words[1:])))
    while words and (_STRAY.match(words[0]) or speck()):
        words.pop(0)
    if words and words[0][:1] not in "([":
        words[0] = re.sub(r"^[\W_]+", "", words[0])
        if speck():  # "_ã PHÓ CHỦ TỊCH": the mark and the speck glued (ttr-04-hdnd-dak-nong)
            words.pop(0)
    while words and _STRAY.match(words[-1]) and words[-1] not in ("./.", "."):
        words.pop()
    # the signature's stroke read after a title as marks and digits: "GIÁM ĐỐC „1⁄2" (khlt-90-sgddt-tcgd);
    # a number ("BAN CHỈ ĐẠO 389") or a bracket is the title's own
    while ocr and len(words) > 1 and _scribble(words[-1]) and cues.is_upper(" ".join(words[:-1])):
        words.pop()
    t = " ".join(w for w in words if w)
    if ocr and cues.is_upper(t):
        titles = _title_words()
        keep = {c for c, _ in cues.folded_cues("signer_title_keep")}  # real words that fold the same ("ĐÔNG")
        fix = lambda w: w if w in titles or w in keep else titles.get(fold(w), w)  # noqa: E731
        # a word glued to its authority word is a title word too: "KT,CHU" -> "KT,CHỦ"
        t = " ".join(fix(w) if w.isalpha() else re.sub(r"[^\W\d_]+", lambda m: fix(m.group()), w) for w in t.split())
    return t


def _title_words() -> dict[str, str]:
    """Folded form -> the title word, for the folds only one title word has: "THỨ" and "THƯ" fold alike,
    so neither is ever rewritten into the other. A title word maps to itself."""
    by_fold: dict[str, set[str]] = {}
    for word, folded in cues.folded_cues("signer_title_words"):
        by_fold.setdefault(folded, set()).add(word)
    out = {folded: next(iter(words)) for folded, words in by_fold.items() if len(words) == 1}
    out.update({word: word for words in by_fold.values() for word in words})
    return out


def correct_title(text: str) -> str:
    """An OCR'd title line of a signer block whose title (after its authority word) is one position of
    positions.tsv but for a slip or two: "TL. GLÁM ĐỐC", "KT. GIÁM DQ(C", "CHÁNH THANH T" (the seal
    over the last letters) -> the position as listed. The slips allowed grow with the title's length
    (one per six letters), and the closest position must be the only one that close; else unchanged.
    tb-269-thanh-tra-tinh-dak-nong (corpus/eval/dev): "CHÁNH THANH T", the signature over "RA"."""
    prefix = cues.authority_prefix(text)
    head, rest = "", text
    if prefix:
        m = re.match(r"\s*" + re.escape(prefix) + r"\s*", text)
        head, rest = (text[: m.end()], text[m.end():]) if m else ("", text)
    key = letters_key(rest)
    # the first letter must be right: a title that lost its first letters ("HỦ TƯỚNG") is cut by the
    # seal, its line above (the authority) lost with them: _titled leaves such a block out
    if len(key) < 6:
        return text
    title = closest_position(rest)
    if title is not None and letters_key(title) == key:
        # the same letters: only a space OCR put inside a word is set right ("KT. THỦ TƯỚN G", the seal's
        # ring between the last two letters: nq-168-cp of corpus/eval/dev); marks stay as read
        same = "".join(rest.split()) == "".join(title.split()) and rest.split() != title.split()
        return head + title if same else text
    return text if title is None else head + title


def _mark(token: str) -> bool:
    """A token of seal or signature marks, or of a handwritten "KT." read as marks: three characters
    at most, and not a word (a digit or a mark in it, or one letter alone): "1.", "T1,", "Ỉ", "c—"."""
    return len(token) <= 3 and (len(token) == 1 or not token.isalpha())


def title_in_marks(text: str) -> str:
    """An OCR'd signer line that is a position of positions.tsv (its authority word allowed) between
    marks: at most one token of them before it, two after (_mark): "1. GIÁM ĐỐC" (gm-10-syt-kien-giang:
    the handwritten KT. read as "1."), "T1, GIÁM ĐỐC Ỉ c—" (bc-2268-syt-kien-giang, the signature's
    stroke after it) -> "GIÁM ĐỐC"; "3 CHÁNH VĂN PHÒNG" is left as it is, for _complete (the PHÓ read as
    a speck). Any other text unchanged."""
    words = text.split()
    for lead in (0, 1):
        for trail in (0, 1, 2):
            core = words[lead: len(words) - trail]
            if not core or (lead, trail) == (0, 0) or not all(_mark(w) for w in words[:lead] + words[len(words) - trail:]):
                continue
            if lead and (words[0].isdigit() or cues.authority_prefix(text)):
                continue  # "KT. GIÁM ĐỐC": the authority word is no mark
            line = " ".join(core)
            if not cues.is_upper(line) or not any(ch.isalpha() for ch in core[0]):
                continue
            prefix = cues.authority_prefix(line)
            rest = line[len(prefix):].strip() if prefix and fold(line).startswith(fold(prefix)) else line
            title = closest_position(rest)
            if title is not None and letters_key(title) == letters_key(rest):
                return line
    return text


def _garbled(row: Row, text: str) -> bool:
    """A line read through the seal or the signature: low OCR confidence and not a clean title/name,
    or a lone upper-case scrap ("NV") that no title is."""
    conf = row.line.confidence if row.line is not None else None
    if cues.is_upper(text) and len(text.split()) == 1 and len(cues.letters(text)) <= 3:
        return True
    if conf is None or conf >= GARBLED_CONFIDENCE:
        return False
    clean = all(w.isalpha() or w.rstrip(".").isalpha() for w in text.split())
    return not clean


def _normalise_authority(text: str) -> str:
    """"KT GIÁM ĐỐC" (OCR lost the dot) -> "KT. GIÁM ĐỐC"; "KT,CHỦ TỊCH" (the dot read as a comma)
    -> "KT.CHỦ TỊCH", spaced as printed."""
    text = re.sub(r"^(" + _dotted_authorities() + r"),(?=\s*[A-ZĐÀ-Ỹ])", r"\1.", text)
    return re.sub(r"^(" + _dotted_authorities() + r")\s+(?=[A-ZĐÀ-Ỹ])", r"\1. ", text)


@vocab.cached
def _dotted_authorities() -> str:
    """The authority words printed with a dot (TM., KT., TL., TUQ., Q.; positions.tsv), without it."""
    words = longest_first({w[:-1] for w in vocab.words("authority") if w.endswith(".")})
    return "|".join(re.escape(w) for w in words)


def _deputy(title: str) -> str:
    """The position of one who signs for ("KT.") the head: lexicon.deputy_of ("PHÓ CHỦ NHIỆM" for "BỘ
    TRƯỞNG, CHỦ NHIỆM": cv-3722-vpcp in corpus/eval/dev, cd-2003-vpcp in corpus/real, 2285/VPCP-CN of
    2026 signed by Đặng Xuân Phong)."""
    return deputy_of(title)


def _complete(signer: Signer) -> Signer:
    """Fill in what Decree 30 fixes when OCR lost it: "KT. X" is signed by the deputy of X, so the
    position is "PHÓ X" when it is missing or read as X alone; and "X" over "PHÓ X" is "KT. X"."""
    authority, position = signer.authority, signer.position
    if authority and not cues.authority_prefix(authority) and position and fold(position) == "pho " + fold(authority):
        authority = "KT. " + position[4:].strip()
    # "TM. ỦY BAN NHÂN DÂN" over "PHÓ CHỦ TỊCH": a deputy signs for the collective body only for its head,
    # "KT. CHỦ TỊCH" between them (Decree 30; every TM. block with a PHÓ of corpus/eval/dev and corpus/real,
    # UBND, HĐND, Thường trực HĐND and Chính phủ alike); OCR lost that line (qd-ubnd-ha-noi-thoat-nuoc, the
    # seal over it in nd-199-2026-nd-cp). The Party's "T/M" blocks are signed by a PHÓ BÍ THƯ directly.
    if authority and authority.startswith("TM.") and "KT." not in authority and position and fold(position).startswith("pho ") \
            and vocab.position_first(position[4:].strip()):
        authority = f"{authority} KT. {position[4:].strip()}"
    if authority:
        m = re.search(r"(?:^|\s)KT\.\s*(?P<head>[^.]+)$", authority)
        head = fold(m.group("head")).strip() if m else ""
        # "3 CHÁNH VĂN PHÒNG" under "KT. CHÁNH VĂN PHÒNG": the PHÓ read as a speck
        scrap = bool(m and position and fold(position).endswith(" " + head)
                     and not any(ch.isalpha() for ch in position[: len(position) - len(m.group("head").strip())]))
        # "TỊCH" under "KT. CHỦ TỊCH": the position's first words lost under the seal (cv-808-ubnd-huyen-krong-no)
        cut = bool(m and position and head.endswith(" " + fold(position).strip()))
        if m and (position is None or fold(position) == head or scrap or cut):
            position = _deputy(m.group("head").strip())
    if (authority, position) == (signer.authority, signer.position):
        return signer
    return Signer(authority=authority, position=position, name=signer.name, page=signer.page)


def _block(upper: list[str], name: str | None, page: int | None) -> Signer:
    """Authority and position of a block's title lines. The authority is the lines up to the first one
    that opens with a position of positions.tsv ("TL. HIỆU TRƯỞNG"; "KT. VIỆN TRƯỞNG" / "VIỆN KIỂM SÁT
    NHÂN DÂN TỐI CAO", ttlt-08-2015-bca-vksndtc; a joint block's agency "TẠP CHÍ GIÁO DỤC" / "THÀNH PHỐ
    HỒ CHÍ MINH", khlt-90-sgddt-tcgd); the position is that line and the lines that go on with it ("PHÓ
    TRƯỞNG PHÒNG PHỤ TRÁCH" / "PHÒNG KT&ĐBCLGD", hd-64-vku). A second position under it is another
    title of the signer, printed under the seal ("TRƯỞNG ĐOÀN" … "CHỦ TỊCH HĐND TỈNH",
    tb-11-dgs-hdnd-binh-duong; "CHỦ TỊCH" … "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO", bc-355-hdxth-sgddt):
    never glued on. (All in corpus/eval/dev.)"""
    at = next((i for i, line in enumerate(upper) if not cues.authority_prefix(line) and vocab.position_first(line)), None)
    if at is None:
        return _block_by_last(upper, name, page)
    # "TRƯỞNG BAN" / "PHÓ TRƯỞNG BAN": the head's title with its "KT." lost (OCR), the deputy's under it
    at = next((j for j in range(at + 1, len(upper)) if fold(upper[j]) == "pho " + fold(" ".join(upper[at:j]))), at)
    end = next((j for j in range(at + 1, len(upper)) if vocab.position_first(upper[j]) or cues.authority_prefix(upper[j])),
               len(upper))
    authority = " ".join(upper[:at]) or None
    return Signer(authority=authority, position=" ".join(upper[at:end]), name=name, page=page)


def _block_by_last(upper: list[str], name: str | None, page: int | None) -> Signer:
    """Title lines none of which opens with a position: the last one is the position unless it is an
    authority line ("T/M BAN BÍ THƯ"; "KHOA KHOA HỌC MÁY TÍNH" alone is a position)."""
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


def _family_named(text: str) -> bool:
    """A name with no title line over it starts with a family name of the list (surnames.txt): a place
    or an agency of an e-signature stamp printed beside the block ("Quảng Phú", "Đắk Nông") is none."""
    words = strip_name_prefix(text).split()
    return bool(words) and fold(words[0]) in surnames()


SURE_NAME = 90.0  # OCR confidence from which a name is taken as read ("Hạ Bá Chân", 91, is not made "Hà")


def _personal_name(row: Row, text: str) -> bool:
    """An OCR'd name is taken when it reads as a Vietnamese personal name: it starts with a family name
    of the list (pipeline/vocab/surnames.txt, folded: "Trân" is "Trần" misread), or OCR is sure
    of it (a rare family name, printed clean)."""
    words = strip_name_prefix(text).split()
    if words and fold(words[0]) in surnames():
        return True
    return (row.line.confidence or 0) >= 85


_TONED = frozenset("aăâeêioôơuưy")  # the vowels that carry a tone mark


def _vietnamese_word(word: str) -> bool:
    """Spelled in the Vietnamese alphabet: a tone mark only on a vowel ("Ñguyễn", the seal's edge
    over the N, is not; "Nguyễn" is)."""
    import unicodedata

    for ch in word.lower():
        base, marks = (ch, "") if ch == "đ" else (unicodedata.normalize("NFD", ch)[0], unicodedata.normalize("NFD", ch)[1:])
        if not (base == "đ" or (base.isascii() and base.isalpha())) or (marks and base not in _TONED):
            return False
    return True


def _unglue(word: str) -> list[str]:
    """"ov.vHoàng" -> ["ov.v", "Hoàng"]: a family name of the list glued after marks or lower-case
    letters; other words unchanged."""
    for i in range(1, len(word) - 1):
        tail = word[i:]
        if tail[0].isupper() and tail[1:].isalpha() and tail[1:].islower() and not word[i - 1].isupper():
            return [word[:i], tail] if fold(tail) in surnames() else [word]
    return [word]


LOST_LETTERS = 2  # a family name's first letters the seal may hide, when what is left is one name's end


def _misread_family_name(words: list[str]) -> str | None:
    """"Nzuyên Kim Sơn" -> "Nguyễn Kim Sơn" (qd-3588-bgddt of corpus/eval/dev, a bold signature line):
    the first word one letter off (a letter for another, in the word's middle) the one family name of the
    list it can be, four letters or more, capitalised, and the given names after it; None when not so."""
    if len(words) < 3 or not (words[0][:1].isupper() and words[0][1:].isalpha() and words[0][1:].islower()):
        return None
    first = fold(words[0])
    if len(first) < 4 or first in surnames():
        return None
    found = {name for key, name in surnames().items() if name and len(key) == len(first) and key[0] == first[0]
             and key[-1] == first[-1] and sum(a != b for a, b in zip(key, first)) == 1}
    if len(found) != 1:
        return None
    candidate = " ".join([found.pop()] + words[1:])
    return candidate if is_name(candidate) else None


def _name_after_marks(text: str) -> str:
    """"* Trần Hồng Hà", "ấ Nguyễn Văn An" -> the name: up to two leading tokens of seal or signature
    marks before a family name are dropped; "guyền Hoài Nam" (the seal over the first letter) -> the one
    family name that the word ends (once folded). Else ``text`` unchanged."""
    # an e-signature's text glued before the name: "ov.vn ov.vHoàng Viết Nam" (cv-651-sldtbxh-dak-nong)
    words = [p for w in text.split() for p in _unglue(w)]
    if len(words) >= 3 and words[0].isalpha() and words[0].islower() and all(w[:1].isupper() for w in words[1:]):
        tail = fold(words[0])
        # one letter lost, or two ("ynh Ngọc Anh", bc-248-sldtbxh-dak-nong of corpus/eval/dev: Huỳnh)
        found = {name for key, name in surnames().items() if name and 0 < len(key) - len(tail) <= LOST_LETTERS
                 and key.endswith(tail)}
        if len(found) == 1 and len(tail) >= 3:
            candidate = " ".join([found.pop()] + words[1:])
            if is_name(candidate):
                return candidate
    for k in (1, 2):
        rest = words[k:]
        if len(rest) >= 2 and fold(rest[0]) in surnames() and rest[0][:1].isupper() and all(len(w) <= 3 or not w.isalpha() for w in words[:k]):
            candidate = " ".join(rest)
            if is_name(candidate):
                return candidate
    return text


@vocab.cached
def _roles() -> tuple[str, ...]:
    return tuple(fold(w) for w in vocab.words("position"))


def _titled(upper: list[str]) -> bool:
    """Title lines that read as a signer's: one starts with an authority word (KT., TM.) or a position
    of positions.tsv, deputy or not ("PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH"). "HỦ TƯỚNG" (the seal over the T
    and the KT. above it) is not."""
    for line in upper:
        f = fold(line).strip()
        f = f[4:] if f.startswith("pho ") else f
        if cues.authority_prefix(line) or any(f == r or f.startswith(r + " ") for r in _roles()):
            return True
    return False


# the signature mark printed before the name on its line: "Đã ký: Nguyễn Thị Kim Ngân" (a reprint of a law)
_SIGNED_BEFORE = re.compile(r"^[(\[]?\s*đã\s+ký\s*[)\]]?\s*[:\-–]?\s*(?=\S)", re.IGNORECASE)


def without_signed_mark(text: str) -> str:
    """"Đã ký: Nguyễn Thị Kim Ngân" -> the name; any other text unchanged."""
    bare = _SIGNED_BEFORE.sub("", text) if text else text
    return bare if bare != text and is_name(bare) else text


def _continued(upper: list[str]) -> bool:
    """The last title line ends with a comma: its title goes on to the next line ("TÊN THƯƠNG NHÂN," /
    "TỔ CHỨC", a form's agency line), which is then no name."""
    return bool(upper) and upper[-1].rstrip().endswith(",")


def _name_follows(group: list[Row], row: Row) -> bool:
    """The next line of the block is a printed name ("Lê Quang Trí"): the upper-case line over it
    ("ĐÀO TẠO", the end of "GIÁM ĐỐC SỞ GIÁO DỤC VÀ" / "ĐÀO TẠO", bc-355-hdxth-sgddt-dong-thap) is a
    title's, not the name: a block has one name, printed last."""
    after = group[group.index(row) + 1:]
    nxt = next((r.text.strip() for r in after if r.text.strip() and not is_noise(r.text)), "")
    return bool(nxt) and not cues.is_upper(nxt) and is_name(nxt)


def parse_signers(rows: list[Row]) -> list[Signer]:
    """The signer blocks of the tail's signer rows. A block whose name is not there (OCR could not read
    it, or a born-digital text prints none) is kept only when its title lines read as titles (_titled):
    else they are the seal's marks, or what follows the signed text (a heading of the regulation issued,
    the drafter's archive codes)."""
    signers: list[Signer] = []
    for group in _columns(rows):
        upper: list[str] = []
        page = None
        nameless = lambda: _titled(upper)  # noqa: E731
        for row in group:
            ocr = row.line is not None and row.line.confidence is not None
            t = _normalise_authority(clean_ocr_line(row.text, ocr))
            t = without_signed_mark(t)
            if ocr and t and cues.is_upper(t):
                t = correct_title(title_in_marks(t))
            if not t or is_noise(t) or _garbled(row, t):
                continue
            if ocr and not is_name(t):
                t = _name_after_marks(t)
            elif ocr and not _personal_name(row, t):
                t = _misread_family_name(t.split()) or t
            if is_name(t) and not (cues.is_upper(t) and (not upper or _continued(upper) or _name_follows(group, row))) \
                    and (not ocr or _personal_name(row, t)) and (upper or _family_named(t)):
                name = strip_name_prefix(t)
                unsure = ocr and ((row.line.confidence or 0) < SURE_NAME or not _vietnamese_word(name.split()[0]))
                if unsure:
                    name = correct_surname(name)
                if ocr:
                    name = correct_given_names(name)  # "Nguyễn Trúc Glang" -> "Giang": no syllable, one letter off
                signers.append(_block(upper, name, page or row.page))
                upper, page = [], None
                continue
            if cues.is_upper(t):
                if cues.authority_prefix(t) and upper and not cues.authority_prefix(upper[-1]) and len(upper) >= 2:
                    # a new block begins (its predecessor had no legible name)
                    if nameless():
                        signers.append(_block(upper, None, page))
                    upper = []
                upper.append(t)
                page = page or row.page
        if upper and nameless():
            signers.append(_block(upper, None, page))
    return [_complete(s) for s in signers if s.authority or s.position or s.name]
