"""Reporting periods, the one model every stage shares: a month, a quarter (quý), a half (6 tháng)
or a year; its command-line code ("2023Q2"), the label reports write ("quý II/2023") and its days.

    parse_period("2023Q2") -> Period(2023, "quarter", 2); .code "2023Q2"; .label(short=True) "quý II/2023"
    Period(2023, "quarter", 2).start, .end -> date(2023, 4, 1), date(2023, 6, 30)

``parse_period`` reads every way people write a period (quý II/2023, quý 2 năm 2023, Q2/2023,
II/2023, 6 tháng đầu năm 2023, tháng 4/2023, năm 2023, and the codes); it is the one parser of every
command's --quarter and --period. The archive's quarter queries, the charts, date extraction and the draft use it; moving a label
written in a report's own style to the next period is the draft's (``pipeline.draft.period``).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .errors import UsageError

PeriodKind = Literal["month", "quarter", "half", "year"]

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
FROM_ROMAN = {v: k for k, v in ROMAN.items()}
_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; a month's last day stays a month's last day (31/3 + 3 -> 30/6)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    was_last = day.day == calendar.monthrange(day.year, day.month)[1]
    return date(year, month, last if was_last else min(day.day, last))


def months_between(a: date, b: date) -> int:
    """Whole months from a's month to b's month."""
    return (b.year - a.year) * 12 + b.month - a.month


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period: a month, a quarter (quý), a half (6 tháng) or a year."""

    year: int
    kind: PeriodKind
    index: int = 1  # month 1-12, quarter 1-4, half 1-2; 1 for a year

    @property
    def months(self) -> int:
        return _MONTHS[self.kind]

    @property
    def start(self) -> date:
        return date(self.year, (self.index - 1) * self.months + 1, 1)

    @property
    def end(self) -> date:
        month = self.index * self.months
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def shift(self, steps: int) -> Period:
        """``steps`` periods of the same kind later (earlier when negative)."""
        per_year = 12 // self.months
        total = self.year * per_year + self.index - 1 + steps
        year, index = divmod(total, per_year)
        return Period(year, self.kind, index + 1)

    def previous(self) -> Period:
        return self.shift(-1)

    @property
    def code(self) -> str:
        """The command-line form: 2023Q2, 2023H1, 2023-04, 2023."""
        if self.kind == "quarter":
            return f"{self.year}Q{self.index}"
        if self.kind == "half":
            return f"{self.year}H{self.index}"
        if self.kind == "month":
            return f"{self.year}-{self.index:02d}"
        return str(self.year)

    def label(self, short: bool = False) -> str:
        """The way reports write it: "quý II năm 2023", or with short=True "quý II/2023"."""
        sep = "/" if short else " năm "
        if self.kind == "quarter":
            return f"quý {ROMAN[self.index]}{sep}{self.year}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        if self.kind == "month":
            return f"tháng {self.index}{sep}{self.year}"
        return f"năm {self.year}"

    def covers(self, start: date, end: date) -> bool:
        return self.start <= start and end <= self.end

    def __str__(self) -> str:
        return self.label(short=True)


_YEAR = r"(?P<y>\d{4})"
_SEP = r"\s*(?:[/.,-]\s*|\s(?:nam\s+)?)"  # "II/2023", "II - 2023", "2 năm 2023", "Q2 2023"
_ROMAN_OR_DIGITS = r"(?P<i>\d{1,2}|[ivxl]+)"
# every pattern is matched against the folded text (no diacritics, lower case, one space): "quý", "Quý",
# "quy" and "QUÝ" are one spelling. Order matters only where two could match, and none can.
_SPELLINGS = [
    (re.compile(rf"^(?:quy|q)\s*{_ROMAN_OR_DIGITS}{_SEP}{_YEAR}$"), "quarter"),  # quý II/2023, quý 2 năm 2023, Q2/2023
    (re.compile(rf"^{_YEAR}\s*[-/ ]?\s*q\s*(?P<i>\d{{1,2}})$"), "quarter"),  # 2023Q2, 2023-Q2
    (re.compile(rf"^(?P<i>[ivxl]+)\s*[/.-]\s*{_YEAR}$"), "quarter"),  # II/2023
    (re.compile(rf"^(?:6|sau) thang (?P<w>dau|cuoi) (?:nam\s*)?{_YEAR}$"), "half"),  # 6 tháng đầu năm 2023
    (re.compile(rf"^(?:6|sau) thang nam {_YEAR}$"), "half"),  # "6 tháng năm 2023" is the first half
    (re.compile(rf"^{_YEAR}\s*[-/ ]?\s*h\s*(?P<i>\d{{1,2}})$"), "half"),  # 2023H1
    (re.compile(rf"^h\s*(?P<i>\d{{1,2}}){_SEP}{_YEAR}$"), "half"),  # H1/2023
    (re.compile(rf"^(?:thang|t)\s*(?P<i>\d{{1,2}}){_SEP}{_YEAR}$"), "month"),  # tháng 4/2023, tháng 4 năm 2023
    (re.compile(rf"^{_YEAR}-(?P<i>\d{{1,2}})$"), "month"),  # 2023-04
    (re.compile(rf"^(?P<i>\d{{1,2}})\s*[/.-]\s*{_YEAR}$"), "month"),  # 04/2023, as a month is written in a date
    (re.compile(rf"^(?:nam\s+)?{_YEAR}$"), "year"),  # năm 2023, 2023
]
_COUNT = {"quarter": 4, "half": 2, "month": 12}
_FOLD_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def _index(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return FROM_ROMAN.get(text.upper())


def _not_understood(spec: str, why: str) -> UsageError:
    from .i18n import _

    hint = _("write quý II/2023, 6 tháng đầu năm 2023, tháng 4/2023, năm 2023 (or 2023Q2, 2023H1, 2023-04, 2023)")
    return UsageError(_("cannot read the period {spec!r}: {why}; {hint}").format(spec=spec, why=why, hint=hint))


def parse_period(spec: str) -> Period:
    """A period as people write it, with or without diacritics and in any case:

    quarter  quý II/2023, Quý II năm 2023, quý 2 năm 2023, Q2/2023, 2023Q2, 2023-Q2, II/2023
    half     6 tháng đầu năm 2023, 6 tháng cuối năm 2023, 2023H1, H2/2023
    month    tháng 4/2023, tháng 04 năm 2023, 04/2023, 2023-04
    year     năm 2023, 2023

    Anything else is a UsageError whose one line says what was not understood."""
    from .i18n import _
    from .text import fold

    text = " ".join(_FOLD_DASHES.sub("-", fold(spec or "")).split())
    if not text:
        raise _not_understood(spec, _("it is empty"))
    for pattern, kind in _SPELLINGS:
        m = pattern.match(text)
        if not m:
            continue
        year = int(m.group("y"))
        if kind == "year":
            return Period(year, "year")
        if kind == "half" and "i" not in m.groupdict():
            which = m.groupdict().get("w")
            return Period(year, "half", 2 if which == "cuoi" else 1)
        index = _index(m.group("i"))
        if index is None or not 1 <= index <= _COUNT[kind]:
            names = {"quarter": _("a year has quarters I to IV (1 to 4)"),
                     "half": _("a year has halves 1 and 2 (6 tháng đầu/cuối năm)"),
                     "month": _("a month is 1 to 12")}
            raise _not_understood(spec, _("{part!r} is not a {kind}: {rule}").format(
                part=m.group("i").upper() if kind != "month" else m.group("i"),
                kind={"quarter": _("quarter"), "half": _("half year"), "month": _("month")}[kind],
                rule=names[kind]))
        return Period(year, kind, index)
    if not re.search(r"(?<!\d)\d{4}(?!\d)", text):
        why = _("no year in it")
    else:
        why = _("not a quarter, half year, month or year")
    raise _not_understood(spec, why)


def period_containing(day, kind: PeriodKind = "quarter") -> Period | None:
    """The period of this kind a day falls in: "2023-02-14" -> Period(2023, "quarter", 1). The day is a
    date or an ISO string (a timestamp's first 10 characters will do); anything else (None, NaN, "",
    "2023-13-01") gives None."""
    if isinstance(day, date):
        year, month = day.year, day.month
    elif isinstance(day, str) and re.match(r"^\d{4}-\d{2}", day):
        year, month = int(day[:4]), int(day[5:7])
    else:
        return None
    if not 1 <= month <= 12:
        return None
    return Period(year, kind, (month - 1) // _MONTHS[kind] + 1 if kind != "year" else 1)


def period_of(start: str | date, end: str | date) -> Period | None:
    """The period exactly covering start..end, or None when the dates are not one whole period."""
    s = date.fromisoformat(start) if isinstance(start, str) else start
    e = date.fromisoformat(end) if isinstance(end, str) else end
    if s.day != 1:
        return None
    months = months_between(s, e) + 1
    for kind, length in _MONTHS.items():
        if length == months and (s.month - 1) % length == 0:
            p = Period(s.year, kind, (s.month - 1) // length + 1)
            if p.end == e:
                return p
    return None
