"""Document numbers (số, ký hiệu) and their parts, per Decree 30/2020/NĐ-CP and the legal and Party forms.

    administrative  45/KH-UBND, 298/TTr-CAT-PC04       number/TYPE-ISSUER[-UNIT]
    công văn        715/BCĐ-CAT, 963/SNV-CCHC&VTLT     number/ISSUER-UNIT (a công văn has no type code)
    legal           30/2020/NĐ-CP, 202/2025/QH15       number/year/[TYPE-]ISSUER
    Party           21-CT/TW, 496-TB/TU, 05-QĐi/TW     number-TYPE/ISSUER[-UNIT] (TT: Thông tri, QĐi: Quy định)
    standard        QCVN 40:2011/BTNMT, TCVN 5574:2018 PREFIX number:year[/ISSUER] (colon year)
    certificate     118.04/GCN                         a dotted number before a type code

``parse_symbol`` splits one; ``find_symbols`` finds them in running text, repairing OCR slips
(O for 0 and I/l for 1 inside the digits, Ð U+00D0 or D for Đ in a code, a space before the slash,
"ND-CP" for "NĐ-CP") only when the repaired form fits the grammar and its codes are known.
``parse_number`` reads the header's "Số: …" line with the same grammar (a blank or handwritten
number is None and a warning, never a guess); ``symbol_of`` and ``issuer_code_of`` give the parts a
draft or the archive compare. This is the one reader of document numbers: the header, references, the
archive's keys and the draft all use it.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .. import vocab
from ..i18n.warning_codes import warning
from .codes import issuer_codes, party_type_by_code, provincial_issuer_codes, standard_prefixes, type_by_code
from .cuewords import label_pattern_of, words
from .spans import TakenSpans


class Symbol(NamedTuple):
    text: str  # as printed
    span: tuple[int, int]
    number: str  # canonical: "30/2020/NĐ-CP"
    type_code: str | None
    issuer_code: str | None
    unit_code: str | None
    form: str  # "administrative" | "legal" | "party" | "standard"
    repaired: bool

    @property
    def code(self) -> str:
        """The ký hiệu, what follows the number (and a law's year): "BCĐ-CAT" in 715/BCĐ-CAT, "NĐ-CP" in
        30/2020/NĐ-CP, "CT/TW" in 21-CT/TW."""
        if self.form == "party":
            return self.number.split("-", 1)[1]
        if self.form == "legal":  # "93/2006/TTLT/BTC-BKHCN": a type code typed between slashes stays in it
            return self.number.split("/", 2)[-1]
        if self.form == "administrative":
            return self.number.split("/", 1)[-1]
        return self.number.rsplit("/", 1)[-1]


_D = r"[0-9OoIl]*[0-9][0-9OoIl]*"  # digits, with O/I/l slips
# a number issued out of sequence carries a letter after its digits: "30c/NQ-CP" (the Government's programme of
# administrative reform, 2011), "33b/QĐ-TTYT", "253B/QĐ-ĐHTL", "16a/2019/TT-BGDĐT"; never O, o, I or l, which are
# OCR's slips for digits
_DL = _D + r"[a-hA-H]?"
_YEAR = r"(?:19|2[0O])[0-9O]{2}"
_CODE = r"[A-ZĐÐ][A-Za-zĐđÐ0-9&]{0,15}"
# OCR's stray marks in a scanned symbol, dropped when the codes are then known (_build): a code split by a space
# before its last lower-case letter ("92/TT r-UBND"), a long dash for the hyphen before a code ("35/CT —TW"), a
# doubled slash ("5959//QĐ-BVT"), a dot before the digits ("số .92/TTr-UBND"). A colon inside a code ("98/TT:-BNNMT")
# is OCR's r as often as a stray mark (TTr or TT): that symbol is left unread rather than cut to "98/TT"
# A code split before its last capital ("26-NQ/T W", the seal's ring read as a space: nq-168-cp of corpus/eval/dev)
# is one code when joined it is known ("TW"); else the symbol ends before the space.
# A code typed with a space before its term number's letters ("101/2025/UBTV QH15", nqlt-102 of corpus/eval/dev: the
# UBTVQH15 of the Standing Committee) is one code when joined it is known; else the symbol ends before the space.
_CODE_OCR = _CODE + r"(?:\s[a-zđ](?=\s?-)|:(?=-)|\s[A-ZĐ]{1,4}\d{1,2}(?![\w/\-])|\s[A-ZĐ](?![\w/\-]))?"
_SPACED_TERM = re.compile(r"\s(?:[A-ZĐ]{1,4}\d{1,2}|[A-ZĐ])$")
_HYPHEN = r"(?:\s?-\s?|\s?[–—](?=[A-ZĐÐ]))"
_CODES = _CODE + r"(?:\s?-\s?" + _CODE + r")*"
_CODES_OCR = _CODE_OCR + r"(?:" + _HYPHEN + _CODE_OCR + r")*"
_LEFT = r"(?<![\w/\-§])(?<![\w/\-§.]\.)"  # § is OCR's 8 or 5: "§1/QĐ-TTg" is 81/QĐ-TTg, unread
# a code that goes on past a hyphen into marks no code has ("749/QĐ- TTự", "42/NG-4''"): unread, not cut short
_RIGHT = r"(?![\w/])(?!-\s?[A-ZĐÐ0-9])"
_SLASH = r"\s?//?\s?"
# the prefixes are the vocabulary's standard codes (pipeline/vocab/doc_types.tsv)
_STANDARD = vocab.Pattern(lambda: r"(?<![\w])(?P<p>" + "|".join(map(re.escape, standard_prefixes()))
                          + r")\s*(?P<n>(?:ISO\s+)?[0-9A-Z][0-9A-Za-z.\-]{0,12}?)\s?:\s?"
                          r"(?P<y>(?:19|20)\d\d)(?:" + _SLASH + r"(?P<c>" + _CODE + r"))?(?![\w])")
# a type code typed between slashes instead of before a hyphen ("Thông tư liên tịch số 527/TTLT/TTCP-BNV-UBKTTW", tt-2442
# of corpus/eval/dev; "Hướng dẫn số 04/HD/BTGDVTU", cv-4728; "Thông tư số 93/2006/TTLT/BTC-BKHCN" and
# "152/2014/TTLT/BTC-BGTVT" as published on the portals): one symbol when that code is a known type code (_build), kept
# as printed
_SLASHED_TYPE = rf"(?:(?P<t>{_CODE})/(?=[A-ZĐÐ]))?"
_PATTERNS = [
    ("legal", re.compile(_LEFT + rf"(?P<n>{_DL}){_SLASH}(?P<y>{_YEAR}){_SLASH}{_SLASHED_TYPE}(?P<c>{_CODES_OCR})"
                         + _RIGHT)),
    # a Party number's hyphen may be typed as an en dash, spaced or not ("Hướng dẫn số 08 –HD/BTCTU", hd-21 of
    # corpus/eval/dev; Word turns " - " into " – "): still the number (its type code must then be a Party one)
    ("party", re.compile(_LEFT + rf"(?P<n>{_DL})\s?[-–]\s?(?P<t>{_CODE}){_SLASH}(?P<c>{_CODES_OCR})" + _RIGHT)),
    ("administrative", re.compile(_LEFT + rf"(?P<n>{_D}(?:\.\d{{1,4}})?|{_DL}){_SLASH}{_SLASHED_TYPE}(?P<c>{_CODES_OCR})"
                                  + _RIGHT)),
]
_DIGIT_SLIPS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})


def _digits(raw: str) -> str:
    return raw.translate(_DIGIT_SLIPS)


def _known_code(code: str) -> bool:
    return code in type_by_code() or _issuer_key(code) in issuer_codes()


def _issuer_key(code: str) -> str:
    """QH15 -> QH, UBTVQH14 -> UBTVQH: the term number is not part of who issued it."""
    stripped = re.sub(r"\d+$", "", code)
    return stripped if stripped in issuer_codes() else code


def _fix_code(code: str) -> tuple[str, bool]:
    fixed = code.replace("Ð", "Đ")
    if fixed != code:
        return fixed, True
    if "D" in code and not _known_code(code):  # ND -> NĐ, QD -> QĐ, BCD -> BCĐ when that is a known code
        for i, ch in enumerate(code):
            if ch == "D":
                candidate = code[:i] + "Đ" + code[i + 1:]
                if _known_code(candidate):
                    return candidate, True
    return code, False


def issuer_name(issuer_code: str | None) -> str | None:
    """The issuer a code names for certain (CP, TTg, QH15, BCA …), else None."""
    if not issuer_code:
        return None
    found = issuer_codes().get(_issuer_key(issuer_code))
    return found[0] if found and found[1] else None


def local_issuer_name(issuer_code: str | None, province: str | None = None) -> str | None:
    """A code one body per province uses ("STTTT", "CAT", "TU"), named for the citing document's province
    ("tỉnh Lạng Sơn"): "Sở Thông tin và Truyền thông tỉnh Lạng Sơn", "Công an thành phố Đà Nẵng",
    "Tỉnh ủy Lạng Sơn". Without a province, the kind of body alone ("Sở Thông tin và Truyền thông")."""
    if not issuer_code:
        return None
    key = _issuer_key(issuer_code)
    if key not in provincial_issuer_codes():
        return None
    name = issuer_codes()[key][0]
    if not province:
        return name
    kind, _, place = province.partition(" ")
    if kind == "thành" and place.startswith("phố "):
        kind, place = "thành phố", place[4:]
    if name == "Tỉnh ủy":
        return f"{'Thành ủy' if kind == 'thành phố' else 'Tỉnh ủy'} {place}"
    if name.endswith(" tỉnh"):  # "Công an tỉnh"
        name = name[:-len(" tỉnh")]
    return f"{name} {kind} {place}"


def parse_symbol(text: str) -> Symbol | None:
    """Split one document number into its parts; None when it does not follow any of the forms."""
    found = find_symbols(text.strip())
    return found[0] if len(found) == 1 and found[0].span == (0, len(text.strip())) else None


def find_symbols(text: str) -> list[Symbol]:
    out: list[Symbol] = []
    taken = TakenSpans()
    for m in _STANDARD.finditer(text):  # "QCVN 01-MT:2015/BTNMT": its own grammar, before the slash forms
        code = m["c"]
        number = f"{m['p']} {' '.join(m['n'].split())}:{m['y']}" + (f"/{code}" if code else "")
        out.append(Symbol(m.group(0), m.span(), number, m["p"], code, None, "standard", False))
        taken.add(m.start(), m.end())
    for form, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if taken.overlaps(m.start(), m.end()):
                continue
            symbol = _build(form, m)
            if symbol is None and _SPACED_TERM.search(m.group(0)):  # "12/2025/NQ-HĐND QH15": read up to the space
                cut = pattern.match(text, m.start(), m.start() + _SPACED_TERM.search(m.group(0)).start())
                m, symbol = (cut, _build(form, cut)) if cut else (m, None)
            if symbol is not None:
                out.append(symbol)
                taken.add(m.start(), m.end())
    return sorted(out, key=lambda s: s.span)


def _build(form: str, m: re.Match) -> Symbol | None:
    raw = m.group(0)
    repaired = bool(re.search(r"\s|//|[–—]", raw))
    dotted = "." in m["n"]  # "118.04/GCN": a certificate's number
    digits, letter = (m["n"][:-1], m["n"][-1]) if m["n"][-1].isalpha() and m["n"][-1] not in "OoIl" else (m["n"], "")
    number = _digits(digits.replace(".", "")) if dotted else _digits(digits)
    repaired |= number != digits.replace(".", "")
    codes = []
    for code in re.split(_HYPHEN, m["c"]):
        if ":" in code:  # "98/TT:-BNNMT": the colon is OCR's r (TTr) or a stray mark (TT), so the code is unread
            return None
        if " " in code:  # "92/TT r-UBND": one code as OCR split it, only when it is then known
            code = code.replace(" ", "")
            if not _known_code(_fix_code(code)[0]):
                return None
            repaired = True
        fixed, changed = _fix_code(code)
        codes.append(fixed)
        repaired |= changed
    # a code must carry letters, and a slip-repaired number must still be a plain number
    if not all(re.search(r"[A-Za-zĐđ]", c) for c in codes) or not number.isdigit():
        return None
    type_code = issuer_code = unit_code = None
    slashed = m["t"] if form != "party" else None
    if slashed:  # "527/TTLT/TTCP-BNV-UBKTTW", "04/HD/BTGDVTU": the code between the slashes must be a type code
        type_code, changed = _fix_code(slashed)
        repaired |= changed
        if type_code not in type_by_code() or dotted:
            return None
        joint = type_code in ("TTLT", "NQLT")  # a joint document: every code after it is an issuer
        issuer_code = "-".join(codes) if joint else codes[0]
        unit_code = None if joint else "-".join(codes[1:]) or None
        year = f"{_digits(m['y'])}/" if form == "legal" else ""
        repaired |= form == "legal" and _digits(m["y"]) != m["y"]
        canonical = f"{number}{letter}/{year}{type_code}/{'-'.join(codes)}"
    elif form == "legal":
        year = _digits(m["y"])
        repaired |= year != m["y"]
        if codes[0] in type_by_code() and len(codes) > 1:
            type_code, rest = codes[0], codes[1:]
        else:
            rest = codes
        issuer_code = "-".join(rest) if type_code in ("TTLT", "NQLT") else rest[0]
        unit_code = None if type_code in ("TTLT", "NQLT") or len(rest) == 1 else "-".join(rest[1:])
        canonical = f"{number}{letter}/{year}/{'-'.join(codes)}"
    elif form == "party":
        type_code, _ = _fix_code(m["t"])
        if type_code not in party_type_by_code():
            return None
        issuer_code = codes[0]
        unit_code = "-".join(codes[1:]) or None
        canonical = f"{number}{letter}-{type_code}/{'-'.join(codes)}"
    else:
        if dotted and codes[0] not in type_by_code():
            return None
        if codes[0] in type_by_code() and len(codes) > 1:
            type_code, rest = codes[0], codes[1:]
        elif len(codes) == 1 and codes[0] in type_by_code() and _issuer_key(codes[0]) not in issuer_codes():
            type_code, rest = codes[0], []  # "118.04/GCN": the type alone, the issuer unwritten
        else:
            rest = codes
        if len(rest) == 1 and type_code is None and not _known_code(rest[0]) and len(rest[0]) < 2:
            return None
        issuer_code = rest[0] if rest else None
        unit_code = "-".join(rest[1:]) or None
        canonical = f"{m['n'] if dotted else number + letter}/{'-'.join(codes)}"
    # a Party number's type code (checked against the Party's list above) counts: its issuer codes are many and local
    # ("08 –HD/BTCTU": the Ban Tổ chức of a Tỉnh ủy or Thành ủy)
    known = codes + [type_code] if form == "party" or slashed else codes
    if repaired and not _repair_fits(number, known):
        return None
    return Symbol(raw, m.span(), canonical, type_code, issuer_code, unit_code, form, repaired)


def _repair_fits(number: str, codes: list[str]) -> bool:
    """A repaired symbol is kept only when at least one of its codes is known (a grammar, not a guess)."""
    return number.isdigit() and any(_known_code(c) for c in codes)


# --------------------------------------------------------------------------- the header's "Số: …" line

# the warnings the header gives about it (their codes and translations: pipeline.i18n.warning_codes)
WARN_NUMBER_BLANK = warning("header.number_blank")
WARN_NUMBER_UNREADABLE = warning("header.number_unreadable")

# "Số:", "Số.", "Số hiệu:" ("number_labels" of pipeline/vocab/cues.json, and OCR's "Só", "SỐ", "So"), and a label
# with no colon before the digits ("Số 21-CT/TW") or before a Party number's blank ("Số    -HD/BTCTU": the number
# left for the e-office to stamp, Hướng dẫn 36-HD/VPTW's form "Số    -HD/…")
_NUMBER_LINE = vocab.Pattern(lambda: r"^\s*" + label_pattern_of(words("number_labels"))
                             + r"\s*(?:[:.;]|(?=\s*[\d/._…])|(?=\s+[-–]\s?[A-ZĐ]))\s*(?P<rest>.*)$")
# a number the grammar above does not know (an unknown code, "12a/…") but shaped like one: kept as printed
_NUMBER_SHAPE = re.compile(r"^\d{1,6}[A-Za-z]?(?:[/\-][\wĐđ.&]+)+$")


def is_number_line(text: str) -> bool:
    """The header's number line: "Số: 45/KH-UBND", "Số:      /BC-UBND" (blank), "Số 21-CT/TW"."""
    m = _NUMBER_LINE.match(text)
    if not m:
        return False
    rest = m.group("rest")
    return "/" in rest or "-" in rest or not rest.strip(" ._…")


# OCR's reading of the label on a scan, its accent lost or changed: "Só", "Sô", "So", "SO", "SỐ", "số"
OCR_NUMBER_LABEL = r"(?:S[ốoôóồổỐOÔÓ]|s[ốoôóồổ])"
# a scanned header's number line as OCR reads it, however badly the handwritten number beside the label reads:
# the label, up to 12 characters, then "/" and a code ("Số: 445 /CV-PAS§3")
# (before "/" and a code, "SỞ" and "Sẻ" are the label misread too: "SỞ /UBND-VP", "Sẻ: ÿ“5 /UBND-VP", cv-808 of
# corpus/eval/dev; as a word alone "Sở" is the agency head)
_OCR_NUMBER_LINE = re.compile(r"^(?:" + OCR_NUMBER_LABEL + r"|S[ởỞẻ])[:.;]?\s*\S{0,12}\s*/\s*[A-ZĐ]{2}")


# one OCR word that is the label alone ("Số:", "Só", "Số hiệu:"), or the label with the number glued on ("Số:52o/BCA-V01")
_OCR_LABEL_WORD = re.compile(r"^" + OCR_NUMBER_LABEL + r"(?:\s*hiệu)?[:.;]?$")
_OCR_LABEL_GLUED = re.compile(r"^(?P<label>" + OCR_NUMBER_LABEL + r"[:.;])(?P<rest>.+)$")


def is_ocr_number_label(word: str) -> bool:
    """One OCR word that is the number line's label alone: "Số:", "Só", "SO.", "Số hiệu:"."""
    return _OCR_LABEL_WORD.match(word) is not None


def split_ocr_glued_label(word: str) -> tuple[str, str] | None:
    """One OCR word that is the label with the number glued on: "Số:52o/BCA-V01" -> ("Số:", "52o/BCA-V01")."""
    m = _OCR_LABEL_GLUED.match(word)
    return (m["label"], m["rest"]) if m else None


# the number line of a scan with only its code left ("KH-SYT": the label and the handwritten number lost to OCR,
# kh-syt of corpus/eval/dev): a code of two parts or more, nothing else; no agency line is printed so
_BARE_CODE_LINE = re.compile(r"^\s*/?\s*" + _CODE + r"(?:\s?-\s?" + _CODE + r")+\s*$")


def is_bare_code_line(text: str) -> bool:
    """A line that is the type and issuer code of a number alone: "KH-SYT", "/BC-UBND"."""
    return _BARE_CODE_LINE.match(text) is not None


def is_ocr_number_line(text: str) -> bool:
    """An OCR'd line that starts as the header's number line: "Số: 445 /CV-PAS§3" (read/ocr.py keeps it)."""
    return _OCR_NUMBER_LINE.match(text) is not None


def parse_number(text: str) -> tuple[str | None, str | None]:
    """"Số: 1668 /STP-BTTP" -> ("1668/STP-BTTP", None); "Số: /BC-UBND" -> (None, warning).

    The number is read by the grammar of ``parse_symbol`` (so "12/2019/ND-CP" is 12/2019/NĐ-CP, as in a
    reference); a number of no known form but shaped like one is kept as printed, its digit slips repaired."""
    m = _NUMBER_LINE.match(text)
    rest = m.group("rest") if m else text
    compact = re.sub(r"\s*([/\-–])\s*", lambda g: "-" if g.group(1) == "–" else g.group(1), rest.strip())
    # a stop typed after the number in the printed blank, before the printed symbol ("Số: 3070. /KH-UBND",
    # kh-3070 of corpus/eval/dev)
    compact = re.sub(r"(?<=\d)[.,](?=/)", "", compact)
    token = compact.split()[0] if compact.split() else ""
    token = token.rstrip(".,;:")
    if not token or re.match(r"^[._…·\-]*/", token) or not re.search(r"\d", token.split("/")[0]):
        return None, WARN_NUMBER_BLANK
    token = re.sub(r"^[._…·]+", "", token)
    symbol = parse_symbol(token)
    if symbol is not None and symbol.form != "standard":
        return symbol.number, None
    token = repair_number(token)
    if not token[:1].isdigit():
        return None, WARN_NUMBER_BLANK  # "Só:%CAT-PA05": the digits were written by hand
    if _NUMBER_SHAPE.match(token):
        return token, None
    return None, WARN_NUMBER_UNREADABLE


# A number's symbol is printed without spaces, so a line may end inside it, after a hyphen between two codes
# ("… Thông tư liên tịch số 17/2007/TTLT-BCA-" / "VKSNDTC-TANDTC-BTP ngày …", "Số: 08/2015/TTLT-BCA-" /
# "VKSNDTC-TANDTC-BTP", "Nghị định số 135/2018/NĐ-" / "CP"): the next line goes on with the next code, no space
# between. A spaced dash (" - ", "–") is a separator between names, not this.
_CUT_SYMBOL_END = re.compile(r"(?<![\w/.\-])" + _D + r"(?:/" + _YEAR + r")?/(?:" + _CODE + r"-)+$")
_CODES_START = re.compile(r"^" + _CODES + r"(?![\w])")


# a symbol cut right after its slash: "số 12/" | "QĐ-UBND", a Party number "26-NQ/" | "TW" (the seal's ring read
# as a gap: nq-168-cp of corpus/eval/dev, its subject line in two pieces)
_CUT_AFTER_SLASH = re.compile(r"(?<![\w/.\-])\d+(?:/" + _YEAR + r")?(?:-" + _CODE + r")?/$")


def symbol_cut_at_line_end(line: str, next_line: str) -> bool:
    """Does ``line`` end inside a number's symbol, cut after a hyphen or its slash, which ``next_line`` goes
    on with?"""
    end, nxt = line.rstrip(), next_line.lstrip()
    if not _CODES_START.match(nxt):
        return False
    if _CUT_SYMBOL_END.search(end):
        return True
    # after a slash, only codes in capitals go on ("1/" | "Trong năm" is a fraction and a sentence)
    return bool(_CUT_AFTER_SLASH.search(end)) and nxt.split()[0].isupper()


def join_cut_symbols(lines: list[str]) -> str:
    """Lines joined with spaces, except where a symbol was cut at a line end (see symbol_cut_at_line_end)."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and symbol_cut_at_line_end(out, line):
            out = out.rstrip() + line
        else:
            out = (out + " " + line) if out else line
    return out


def repair_number(token: str) -> str:
    """OCR's letter-for-digit slips in the digits of a number, as references are repaired: "52o/BCA-V01"
    -> "520/BCA-V01", "l5/BC-UBND" -> "15/BC-UBND". Only characters are replaced, and only when the
    part before the first "/" (or "-" of a Party number) then is all digits with at least one printed."""
    m = re.match(r"^(?P<n>[0-9OoIl]+)(?P<rest>[/\-].*)$", token)
    if not m or not re.search(r"\d", m.group("n")):
        return token
    return _digits(m.group("n")) + m.group("rest")


# --------------------------------------------------------------------------- parts, for comparing


def symbol_of(number: str | None) -> str | None:
    """The ký hiệu of a number: "715/BCĐ-CAT" -> "BCĐ-CAT"; "30/2020/NĐ-CP" -> "NĐ-CP"; "21-CT/TW" -> "CT/TW".
    A number of no known form: what follows its last "/"."""
    if not number:
        return None
    symbol = parse_symbol(number)
    if symbol is not None:
        return symbol.code
    if "/" not in number:
        return None
    return number.rsplit("/", 1)[1].strip() or None


def type_code_of(number: str) -> tuple[str | None, bool] | None:
    """The type code a number's ký hiệu starts with, and whether the number is in the Party's form:
    "123/BC-UBND" -> ("BC", False), "21-CT/TW" -> ("CT", True), "507/UBND-KGVX" -> (None, False) (a công văn
    has no type code), "QCVN 40:2011/BTNMT" -> ("QCVN", False). A number of no known form ("12a/BC-UBND")
    by its parts: the first after the number (a law's year skipped), or the one before a Party number's "/".
    None for no number at all (one part)."""
    symbol = parse_symbol(number)
    if symbol is not None:
        return symbol.type_code, symbol.form == "party"
    parts = [p for p in re.split(r"[/\-]", number) if p]
    if len(parts) < 2:
        return None
    head = number.split("/")[0]
    if "-" in head:  # "12a-CT/TW": the type sits before the "/"
        return head.split("-")[1] or None, True
    rest = [p for p in parts[1:] if not re.fullmatch(r"\d{4}", p)]
    return (rest[0] if rest else None), False


def issuer_code_of(number: str | None) -> str | None:
    """The issuing agency's code in a number: "85/BC-STTTT" -> STTTT, "58/STTTT-TTBCXB" -> STTTT,
    "30/2020/NĐ-CP" -> CP, "496-BC/TU" -> TU."""
    if not number:
        return None
    symbol = parse_symbol(number)
    if symbol is not None:
        return symbol.issuer_code
    code = symbol_of(number)
    parts = [p for p in (code or "").split("-") if p]
    if len(parts) >= 2 and parts[0] in type_by_code():
        return parts[1]
    return parts[0] if parts else None


def blank_number(number: str | None) -> str | None:
    """The number line of a new document of the same series, its number left for the clerk:
    "85/BC-STTTT" -> "Số:      /BC-STTTT", "496-BC/TU" -> "Số      -BC/TU" (a Party number's form)."""
    symbol = parse_symbol(number) if number else None
    if symbol is not None and symbol.form == "party":
        return "Số      -" + symbol.code
    code = symbol_of(number)
    return "Số:      /" + code if code else None
