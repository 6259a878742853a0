"""Dates and periods in Vietnamese administrative text.

    find_dates("Từ ngày 15/12/2022 đến 14/3/2023 ...")
    -> [DateSpan("Từ ngày 15/12/2022 đến 14/3/2023", (0, 32), "range", "2022-12-15", "2023-03-14")]

Forms: days (``06/3/2023``, ``06-3-2023``, ``ngày 06 tháng 3 năm 2023`` whose text leaves out "ngày"), ranges (``Từ ngày … đến …``,
``từ tháng 1 đến tháng 3 năm 2023``, ``ngày 09-10/10/2025``, ``giai đoạn 2021 - 2025``), months
(``tháng 3/2023``, ``tháng 3 năm 2023``), quarters (``quý I/2023``, ``Quý 1 năm 2023``,
``quý IV-2024``, ``quý I, II năm 2023``), halves and first-N-months (``6 tháng đầu năm 2025``,
``sáu tháng cuối năm 2024``, ``9 tháng đầu năm`` -> kind "range"), years (``năm 2024``).

Impossible dates (31/02/2023) are dropped. Mentions never overlap: the longest wins, so
``quý I năm 2023`` is one quarter and not also the year ``năm 2023``. Numbers inside document
symbols (``30/2020/NĐ-CP``) are not dates. A period without a year (``sáu tháng đầu năm``) is only
reported when the caller passes the year the document is about (``year=``).

The header's place and date line ("Lạng Sơn, ngày 15 tháng 3 năm 2023") is read here too
(``is_place_date``, ``parse_place_date``): a blank or handwritten day is None and a warning, never a guess.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from typing import NamedTuple

from ..i18n.warning_codes import warning
from ..period import FROM_ROMAN, Period
from ..text import fold
from .spans import TakenSpans


class DateSpan(NamedTuple):
    text: str
    span: tuple[int, int]
    kind: str  # "day" | "range" | "month" | "quarter" | "half" | "year"
    start: str  # YYYY-MM-DD
    end: str


_F = re.IGNORECASE
_YEAR = r"(?:19[4-9]\d|20\d\d|2100)"
_SEP = r"[/.\-]"
# not glued to a symbol or a longer number: "30/2020/NĐ-CP", "12.500", "PV01"
_LEFT = r"(?<![\w/.\-])"
_RIGHT = r"(?![\w/]|[.\-]\d)"
QUARTER_NUMBER = r"(?:IV|III|II|I|[1-4])(?![\w])"  # a quarter's number: Roman or Arabic
QUARTER_WORD = r"(?:quý|quí)"
_Q = QUARTER_NUMBER
_Q_NUMBER = re.compile(r"IV|III|II|I|[1-4]", re.IGNORECASE)
_QUY = QUARTER_WORD
_WORD_NUMBERS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
    "mười": 10, "mười một": 11,
}
_N_MONTHS = r"(?:0?[1-9]|1[01]|mười một|một|hai|ba|bốn|sáu|bảy|tám|chín|mười)"
_TO = r"\s*(?:đến|tới|[-–])\s*(?:hết\s+)?"


def _day(s: str) -> str:
    return rf"(?P<d{s}>[0-3]?\d){_SEP}(?P<m{s}>[01]?\d){_SEP}(?P<y{s}>{_YEAR})"


def _day_words(s: str) -> str:
    return rf"(?P<d{s}>[0-3]?\d)\s+tháng\s+(?P<m{s}>[01]?\d)\s*(?:,\s*)?năm\s+(?P<y{s}>{_YEAR})"


# one day, its parts named d, m, y: "15/12/2022", "06-3-2023"; and in words, "ngày 15 tháng 12 năm 2022"
_DMY = re.compile(_LEFT + _day("") + _RIGHT, _F)
_DMY_WORDS = re.compile(r"\bngày\s+" + _day_words("") + r"\b", _F)


class WrittenDay(NamedTuple):
    day: date
    span: tuple[int, int]
    parts: dict[str, tuple[int, int]]  # "d", "m", "y" -> where each is written


def written_days(text: str) -> list[WrittenDay]:
    """Every whole day written in text, numerically or in words, with where its day, month and year are
    written (so a draft can rewrite one keeping the rest: "15/12/2022" -> "15/3/2023"), in reading order.
    Impossible days (31/02/2023) are left out."""
    out = []
    for pattern in (_DMY, _DMY_WORDS):
        for m in pattern.finditer(text):
            day = _make_day(m["y"], m["m"], m["d"])
            if day is not None:
                out.append(WrittenDay(day, m.span(), {k: m.span(k) for k in ("d", "m", "y")}))
    return sorted(out, key=lambda w: w.span)


def parse_day(text: str) -> date | None:
    """A text that is one day and nothing else, however spaced: "15/3/2023", "15 / 3 / 2023", "15-03-2023"
    (what a person types to correct a date)."""
    compact = re.sub(r"\s*([/.\-])\s*", r"\1", text.strip())
    found = written_days(compact)
    return found[0].day if len(found) == 1 and found[0].span == (0, len(compact)) else None


def _iso(d: date) -> str:
    return d.isoformat()


def _make_day(y, m, d) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None


def _month_bounds(y: int, m: int) -> tuple[date, date] | None:
    if not 1 <= m <= 12:
        return None
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _number(word: str) -> int:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else _WORD_NUMBERS[word]


# --------------------------------------------------------------------------- builders
# each takes the match (and the caller's year) and returns (kind, start, end) or None


def _b_day(m, year):
    d = _make_day(m["y1"], m["m1"], m["d1"])
    return ("day", d, d) if d else None


def _b_range_days(m, year):
    end = _make_day(m["y2"], m["m2"], m["d2"])
    if end is None:
        return None
    y1 = m["y1"]
    if y1 is None:  # "từ ngày 15/12 đến 14/3/2023": the start is in the year before when its month is later
        y1 = end.year - (1 if int(m["m1"]) > end.month else 0)
    start = _make_day(y1, m["m1"], m["d1"])
    return ("range", start, end) if start and start <= end else None


def _b_range_same_month(m, year):
    start = _make_day(m["y1"], m["m1"], m["d1"])
    end = _make_day(m["y1"], m["m1"], m["d2"])
    return ("range", start, end) if start and end and start < end else None


def _b_month(m, year):
    bounds = _month_bounds(int(m["y1"]), int(m["m1"]))
    return ("month", *bounds) if bounds else None


def _b_range_months(m, year):
    y2 = int(m["y2"])
    y1 = int(m["y1"]) if m["y1"] else y2 - (1 if int(m["m1"]) > int(m["m2"]) else 0)
    a, b = _month_bounds(y1, int(m["m1"])), _month_bounds(y2, int(m["m2"]))
    if not a or not b or a[0] > b[0]:
        return None
    return ("range", a[0], b[1])


def _b_quarter(m, year):
    quarters = [int(q) if q.isdigit() else FROM_ROMAN[q.upper()] for q in _Q_NUMBER.findall(m["qs"])]
    y = int(m["y1"]) if m["y1"] else year
    if y is None or quarters != sorted(quarters):
        return None
    return ("quarter", Period(y, "quarter", quarters[0]).start, Period(y, "quarter", quarters[-1]).end)


def _b_first_months(m, year):
    if m["n2"]:  # "9 tháng năm 2019": no side said, the first months; not "ngày 15 tháng  năm 2024"
        if re.search(r"ngày\s*$", m.string[max(0, m.start() - 8):m.start()], re.IGNORECASE):
            return None
        m = _Alias(m, n=m["n2"], side="đầu", y1=m["y2"])
    y = int(m["y1"]) if m["y1"] else year
    if y is None:
        return None
    n = 6 if m["half"] else _number(m["n"])
    side = (m["side"] or m["half"]).lower()
    if side == "đầu":
        start, end = date(y, 1, 1), _month_bounds(y, n)[1]
    else:
        start, end = date(y, 13 - n, 1), date(y, 12, 31)
    return ("half" if n == 6 else "range", start, end)


def _b_year(m, year):
    y = int(m["y1"])
    return ("year", date(y, 1, 1), date(y, 12, 31))


def _b_range_years(m, year):
    y1, y2 = int(m["y1"]), int(m["y2"])
    if not y1 < y2 <= y1 + 50:
        return None
    return ("range", date(y1, 1, 1), date(y2, 12, 31))


_PATTERNS = [
    (re.compile(_LEFT + _day("1") + _RIGHT, _F), _b_day),
    (re.compile(r"\bngày\s+(?P<t>" + _day_words("1") + r")\b", _F), _b_day),  # the text leaves "ngày" out
    (
        re.compile(
            r"\btừ\s+(?:ngày\s+)?(?P<d1>[0-3]?\d)" + _SEP + r"(?P<m1>[01]?\d)(?:" + _SEP + rf"(?P<y1>{_YEAR}))?"
            + _TO + r"(?:ngày\s+)?" + _day("2") + _RIGHT,
            _F,
        ),
        _b_range_days,
    ),
    (
        re.compile(r"\btừ\s+ngày\s+" + _day_words("1") + _TO + r"(?:ngày\s+)?" + _day_words("2") + r"\b", _F),
        _b_range_days,
    ),
    # "ngày 09-10/10/2025": two days of one month
    (
        re.compile(
            r"(?<=ngày\s)(?P<d1>[0-3]?\d)\s*[-–]\s*(?P<d2>[0-3]?\d)/(?P<m1>[01]?\d)/(?P<y1>" + _YEAR + ")" + _RIGHT,
            _F,
        ),
        _b_range_same_month,
    ),
    (re.compile(r"\btháng\s+(?P<m1>[01]?\d)(?:\s*[/.\-]\s*|\s+năm\s+)(?P<y1>" + _YEAR + r")\b", _F), _b_month),
    (
        re.compile(
            r"\btừ\s+tháng\s+(?P<m1>[01]?\d)(?:\s*[/.\-]\s*(?P<y1>" + _YEAR + r")|\s+năm\s+(?P<y1b>" + _YEAR + r"))?"
            + _TO + r"tháng\s+(?P<m2>[01]?\d)(?:\s*[/.\-]\s*|\s+năm\s+)(?P<y2>" + _YEAR + r")\b",
            _F,
        ),
        lambda m, year: _b_range_months(_Alias(m, y1=m["y1"] or m["y1b"]), year),
    ),
    (
        re.compile(
            r"\b" + _QUY + r"\s+(?P<qs>" + _Q + r"(?:\s*(?:,|và|[-–])\s*(?:" + _QUY + r"\s+)?" + _Q + r")*)"
            + r"(?:\s*[/.\-]\s*(?P<y1>" + _YEAR + r")|\s+năm\s+(?P<y1b>" + _YEAR + r"))?\b",
            _F,
        ),
        lambda m, year: _b_quarter(_Alias(m, y1=m["y1"] or m["y1b"]), year),
    ),
    (
        re.compile(
            r"(?:\b(?P<n>" + _N_MONTHS + r")\s+tháng\s+(?P<side>đầu|cuối)|\bnửa\s+(?P<half>đầu|cuối))\s+năm"
            + r"(?:\s+(?P<y1>" + _YEAR + r"))?\b"
            # "9 tháng năm 2019", "10 tháng năm 2017": the first months of the year, "đầu" left out (reports and
            # statistics: "Tính chung 9 tháng năm 2023", "Thực hiện 6 tháng năm 2012"; bc-2154-syt-kien-giang of
            # corpus/eval/dev), always with its year; a day before it makes it a date with its month left blank
            + r"|(?<!ngày\s)(?<!ngày)\b(?P<n2>" + _N_MONTHS + r")\s+tháng\s+năm\s+(?P<y2>" + _YEAR + r")\b",
            _F,
        ),
        _b_first_months,
    ),
    (
        re.compile(
            r"\b(?:giai\s+đoạn|từ\s+năm)\s+(?P<y1>" + _YEAR + r")" + _TO + r"(?:năm\s+)?(?P<y2>" + _YEAR + r")\b", _F
        ),
        _b_range_years,
    ),
    (re.compile(r"\bnăm\s+(?P<y1>" + _YEAR + r")(?![\d/\-]\d)\b", _F), _b_year),
]


class _Alias:
    """A match with some groups overridden (for patterns with two spellings of one group)."""

    def __init__(self, match, **groups):
        self._match, self._groups = match, groups

    def __getitem__(self, key):
        return self._groups[key] if key in self._groups else self._match[key]


def find_dates(text: str, year: int | None = None) -> list[DateSpan]:
    """Every date or period in text, non-overlapping, in reading order.

    ``year``: the year the document is about, to place yearless periods (``sáu tháng đầu năm``).
    """
    candidates: list[DateSpan] = []
    impossible: list[tuple[int, int]] = []  # "ngày 30 tháng 2 năm 2024" is not "tháng 2 năm 2024" either
    for pattern, build in _PATTERNS:
        for m in pattern.finditer(text):
            built = build(m, year)
            if not built:
                if build is _b_day:
                    impossible.append(m.span("t") if "t" in pattern.groupindex else m.span())
                continue
            kind, start, end = built
            span = m.span("t") if "t" in pattern.groupindex else m.span()
            candidates.append(DateSpan(text[span[0]:span[1]], span, kind, _iso(start), _iso(end)))
    candidates.sort(key=lambda c: (-(c.span[1] - c.span[0]), c.span[0]))
    blocked = TakenSpans(impossible)  # impossible days may overlap each other: their union blocks
    empty = [s for s in impossible if 0 <= s[0] == s[1]]  # (a zero-width one blocks what spans it)
    taken = TakenSpans()
    kept: list[DateSpan] = []
    for c in candidates:
        (a, b) = c.span
        if blocked.overlaps(a, b) or taken.overlaps(a, b) or any(a < s < b for s, _ in empty):
            continue
        if a < b:
            taken.add(a, b)
        kept.append(c)
    return sorted(kept, key=lambda c: c.span)


# --------------------------------------------------------------------------- the header's place and date line

# the warnings the header gives about it (their codes and translations: pipeline.i18n.warning_codes)
WARN_DAY_BLANK = warning("header.day_blank")
WARN_DATE_UNREADABLE = warning("header.date_unreadable")
PLACE_MAX_CHARS = 45  # characters: the place before ", ngày … tháng … năm" ("TP. Hồ Chí Minh")
FIRST_YEAR, LAST_YEAR = 1945, 2100  # an issue date outside these years is a misreading

# a place and date inside a longer line, where a text export glued the right column to the left one
# ("Số: 11 /TB-UBND Quảng Ngãi, ngày 08 tháng 01 năm 2025"): where the place starts
PLACE_DATE_IN_LINE = re.compile(
    r"(?P<place>[^\W\d_][\w.\- ]{1,40}?)\s*,?\s*ng[aà]y\s+[\w.…_ ]{0,8}?\s*th[aá]ng\s+[\w.…_ ]{0,8}?\s*n[aă]m\s+\d{4}",
    re.I,
)

# the line itself, matched on its folded form: "lang son, ngay 15 thang 3 nam 2023", with the day, month or year blank,
# dotted or handwritten ("ngay    thang 10 nam 2025", "ngay... thang ... nam ...."). A handwritten day or month
# may be read glued to its word as one letter no Vietnamese syllable has there ("ngàyj+", "thángŠ": no syllable
# goes on after "ngay" or "thang"), a handwritten last digit of the year as a mark ("năm 201]"): the line is
# still the place and date (its place is read), the date unreadable (bc-90, bc-242, qd-1380 of corpus/eval/dev).
_DATE_WORDS = re.compile(
    r"(?P<pre>^.*?)\s*,?\s*(?<![a-z])ngay(?![a-z]{2})\s*(?P<d>[^\s]*?)\s*(?<![a-np-z])thang(?![a-z]{2})\s*(?P<m>[^\s]*?)"
    r"\s*(?<![a-np-z])nam(?![a-z])\s*(?P<y>\S*?)[\s.]*$"
)
_YEAR_WRITTEN = re.compile(r"\d{4}$|[._…]*$|\d{2,3}[^\w\s]{1,2}$")  # printed, left blank, its last digit by hand


def is_place_date(text: str) -> bool:
    f = " ".join(fold(text).split())
    m = _DATE_WORDS.match(f)
    if not m:
        return False
    pre = m.group("pre").strip(" ,")
    return 0 < len(pre) <= PLACE_MAX_CHARS and not re.search(r"\d", pre) and bool(_YEAR_WRITTEN.match(m.group("y")))


def parse_place_date(text: str) -> tuple[str | None, str | None, str | None]:
    """"Lạng Sơn, ngày 15 tháng 3 năm 2023" -> ("Lạng Sơn", "2023-03-15", None).
    A blank or handwritten day gives date None and a warning, never a guess."""
    clean = " ".join(text.split())
    f = fold(clean)
    m = _DATE_WORDS.match(f)
    if not m:
        return None, None, WARN_DATE_UNREADABLE
    place = clean[: m.end("pre")].strip(" ,.")
    place = place or None
    d, mo, y = m.group("d"), m.group("m"), m.group("y")
    if not d.isdigit():
        return place, None, WARN_DAY_BLANK
    if not (mo.isdigit() and y.isdigit()):
        return place, None, WARN_DATE_UNREADABLE
    try:
        issued = date(int(y), int(mo), int(d))
    except ValueError:
        return place, None, WARN_DATE_UNREADABLE
    if not FIRST_YEAR <= issued.year <= LAST_YEAR:
        return place, None, WARN_DATE_UNREADABLE
    return place, issued.isoformat(), None


# ---------------------------------------------------------------- OCR's digit slips in a written day

# what Tesseract reads for the digits of a day and a month set in a scan's body: l, I, | and ] for 1
# ("ngày 22 tháng l1", "tháng I1", "tháng ]]"), O and o for 0, ó for 6 ("ngày 1ó tháng 6")
_DAY_SLIPS = str.maketrans({"l": "1", "I": "1", "|": "1", "]": "1", "[": "1", "O": "0", "o": "0", "ó": "6"})
_SLIP_TOKEN = r"[0-9lI|\]\[Ooó]{1,2}"
_SLIPPED_DAY = re.compile(
    r"(?P<ngay>\bngày\s+)(?P<d>" + _SLIP_TOKEN + r")(?P<a>\s+tháng\s+)(?P<m>" + _SLIP_TOKEN + r")(?P<b>\s+năm\s+"
    + _YEAR + r")(?!\d)"
    r"|(?P<ngay2>\bngày\s+)(?P<d2>" + _SLIP_TOKEN + r")(?P<s1>/)(?P<m2>" + _SLIP_TOKEN + r")(?P<s2>/" + _YEAR + r")(?!\d)",
    re.IGNORECASE,
)


# a date whose spacing or digits were printed or read wrong: the year glued to the next word ("ngày 17 tháng 02 năm
# 2017của Chính phủ", TT 18/2021/TT-BLĐTBXH), "tháng11" (TT 2442/2007/TT-TTCP), a space inside a numeric date ("ngày
# 14 /4/2026", kh-362 SGDĐT Đồng Tháp; OCR's "29/1 1/2024", NQ 19 HĐND Hà Nội) and OCR's l or O for a digit ("ngày l8
# tháng 6", NQ 19), as the symbol grammar repairs them.
# Used by nlp.references for the date after a cited document
_DATE_FIXES = (
    (re.compile(r"(?<=\d)\s+(?=/\d)|(?<=\d/)\s+(?=\d)|(?<=\d/\d)\s(?=\d/(?:19|20)\d\d)"), ""),
    (re.compile(r"(?<=tháng)(?=\d)|(?<=năm)(?=\d)|(?<=(?:19|20)\d\d)(?=[^\W\d_])"), " "),
)
_SLIPPED_DIGITS = re.compile(r"(?:[OoIl]\d|\d[OoIl])(?=\s+tháng\s|/)")  # the day: one slip beside one digit


def respaced_date(window: str) -> tuple[str, list[int]]:
    """The window (text from a "ngày" on) with those slips set right, and for each character of it the
    index it came from (the reference grammar maps the date's span back to the text it read)."""
    chars, where = list(window), list(range(len(window)))
    m = _SLIPPED_DIGITS.match(window, 5) if window[:5].lower() == "ngày " else None
    if m:
        for i in range(m.start(), m.end()):
            chars[i] = chars[i].translate(_DAY_SLIPS)  # (only O o I l: what _SLIPPED_DIGITS matches)
    for pattern, insert in _DATE_FIXES:
        text = "".join(chars)
        out, out_where, last = [], [], 0
        for f in pattern.finditer(text):
            out += chars[last:f.start()]
            out_where += where[last:f.start()]
            out += list(insert)
            out_where += [where[f.start() - 1]] * len(insert)
            last = f.end()
        chars, where = out + chars[last:], out_where + where[last:]
    return "".join(chars), where


def repair_day_digits(text: str) -> str:
    """A day written in words or d/m/yyyy after "ngày" in an OCR'd line, its day and month read with
    letters for digits ("ngày 22 tháng l1 năm 2019", "ngày I7/6/2020", "ngày 17 tháng ]] năm 2025") ->
    the digits, when the day and month are then a real day of that year; anything else as it is. The
    header's place and date line is not touched here (a handwritten day there must stay unread)."""
    if is_place_date(text):
        return text

    def fix(m: re.Match) -> str:
        two = m.group("d") is None
        d, mo = (m.group("d2"), m.group("m2")) if two else (m.group("d"), m.group("m"))
        dd, mm = d.translate(_DAY_SLIPS), mo.translate(_DAY_SLIPS)
        if (dd, mm) == (d, mo) or not (dd.isdigit() and mm.isdigit()):
            return m.group(0)
        year = int(re.search(r"\d{4}", m.group("s2") if two else m.group("b")).group(0))
        if _make_day(year, int(mm), int(dd)) is None:
            return m.group(0)
        if two:
            return m.group("ngay2") + dd + "/" + mm + m.group("s2")
        return m.group("ngay") + dd + m.group("a") + mm + m.group("b")

    return _SLIPPED_DAY.sub(fix, text)
