"""Reporting periods: parse "2023Q2", label them the way reports do, and move labels and date
ranges from one period to the next.

A label keeps the style it was written in: "quý I/2023" -> "quý II/2023", "Quý I năm 2023" ->
"Quý II năm 2023", "6 tháng đầu năm 2023" -> "6 tháng cuối năm 2023", "tháng 03/2023" -> "tháng 04/2023".
A date range ("Từ ngày 15/12/2022 đến 14/3/2023") is shifted by whole months, which is only a guess
the drafter must confirm (the draft highlights it).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..errors import UsageError

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


_SPEC = [
    (re.compile(r"^(\d{4})\s*-?\s*Q([1-4])$", re.I), "quarter"),
    (re.compile(r"^Q([1-4])\s*[-/]\s*(\d{4})$", re.I), "quarter-rev"),
    (re.compile(r"^(\d{4})\s*-?\s*H([12])$", re.I), "half"),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})$"), "year"),
]


def parse_period(spec: str) -> Period:
    """2023Q2, 2023-Q2, Q2/2023 (quarter); 2023H1 (half); 2023-04 (month); 2023 (year)."""
    text = spec.strip()
    for pattern, kind in _SPEC:
        m = pattern.match(text)
        if not m:
            continue
        if kind == "quarter-rev":
            return Period(int(m.group(2)), "quarter", int(m.group(1)))
        if kind == "year":
            return Period(int(m.group(1)), "year")
        index = int(m.group(2))
        if kind == "month" and not 1 <= index <= 12:
            break
        return Period(int(m.group(1)), kind, index)
    raise UsageError(
        f"cannot read the period {spec!r}: write 2023Q2 (quarter), 2023H1 (half year), 2023-04 (month) or 2023 (year)"
    )


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


# --------------------------------------------------------------------------- labels

_QUARTER = re.compile(r"(?P<word>qu[ýí])\s+(?P<index>IV|I{1,3}|[1-4])\b", re.I)
_HALF = re.compile(r"(?P<which>đầu|cuối)\s+năm", re.I)
_MONTH = re.compile(r"(?P<word>tháng)\s+(?P<index>\d{1,2})\b", re.I)
_YEAR = re.compile(r"(?<!\d)(?P<year>\d{4})(?!\d)")


def _same_case(model: str, text: str) -> str:
    if model.isupper() and len(model) > 1:
        return text.upper()
    if model[:1].isupper():
        return text[:1].upper() + text[1:]
    return text


def _replace_year(text: str, old: Period, new: Period) -> str:
    return _YEAR.sub(lambda m: str(new.year) if int(m.group("year")) == old.year else m.group(0), text)


def relabel(text: str, old: Period, new: Period) -> str:
    """The label ``text`` (which names ``old``) rewritten to name ``new``, in the same style."""
    if old.kind == new.kind:
        if new.kind == "quarter":
            m = _QUARTER.search(text)
            if m:
                index = m.group("index")
                new_index = str(new.index) if index.isdigit() else ROMAN[new.index]
                text = text[: m.start("index")] + new_index + text[m.end("index") :]
                return _replace_year(text, old, new)
        elif new.kind == "half":
            m = _HALF.search(text)
            if m:
                which = "đầu" if new.index == 1 else "cuối"
                text = text[: m.start("which")] + _same_case(m.group("which"), which) + text[m.end("which") :]
                return _replace_year(text, old, new)
            if old.index == new.index:  # "6 tháng năm 2023" names the first half only
                return _replace_year(text, old, new)
        elif new.kind == "month":
            m = _MONTH.search(text)
            if m:
                index = m.group("index")
                new_index = _pad(index, new.index)
                text = text[: m.start("index")] + new_index + text[m.end("index") :]
                return _replace_year(text, old, new)
        else:
            if _YEAR.search(text):
                return _replace_year(text, old, new)
    short = "/" in text
    return _same_case(text, new.label(short=short))


# --------------------------------------------------------------------------- date ranges

_DMY = re.compile(r"(?<!\d)(?P<d>\d{1,2})(?P<s1>\s*[/.-]\s*)(?P<m>\d{1,2})(?P<s2>\s*[/.-]\s*)(?P<y>\d{4})(?!\d)")
_WORDS = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.I)


def _pad(model: str, value: int) -> str:
    """value written like model: zero-padded only when model was ("03", not "12")."""
    return f"{value:02d}" if model.startswith("0") else str(value)


def shift_dates(text: str, months: int, end_months: int | None = None) -> str:
    """Every dd/mm/yyyy (or "ngày d tháng m năm yyyy") in text moved ``months`` later, padding kept.
    With ``end_months``, the dates after the first (the end of a range) move by that instead, so a
    window of quý I moved to 6 tháng đầu năm keeps its start and moves its end."""
    found = sorted(
        [m for pattern in (_DMY, _WORDS) for m in pattern.finditer(text)], key=lambda m: m.start()
    )
    out, at = [], 0
    for i, m in enumerate(found):
        if m.start() < at:
            continue  # "ngày 15 tháng 12 năm 2022" and a dd/mm/yyyy never overlap, but be safe
        try:
            old = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        new = add_months(old, months if i == 0 or end_months is None else end_months)
        values = {"d": _pad(m.group("d"), new.day), "m": _pad(m.group("m"), new.month), "y": str(new.year)}
        out.append(text[at : m.start()])
        inner = m.start()
        for name in ("d", "m", "y"):
            out += [text[inner : m.start(name)], values[name]]
            inner = m.end(name)
        out.append(text[inner : m.end()])
        at = m.end()
    return "".join(out) + text[at:]


def range_denotes(start: str, end: str, period: Period) -> bool:
    """Whether a range like 15/12/2022–14/3/2023 stands for the period (a reporting window that
    covers at least half of it and is not much longer)."""
    s, e = date.fromisoformat(start), date.fromisoformat(end)
    if e < s:
        return False
    overlap = (min(e, period.end) - max(s, period.start)).days + 1
    length = (period.end - period.start).days + 1
    return overlap >= length / 2 and (e - s).days + 1 <= length * 1.5
