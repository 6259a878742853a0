"""Reporting periods, the one model every stage shares: a month, a quarter (quý), a half (6 tháng)
or a year; its command-line code ("2023Q2"), the label reports write ("quý II/2023") and its days.

    parse_period("2023Q2") -> Period(2023, "quarter", 2); .code "2023Q2"; .label(short=True) "quý II/2023"
    Period(2023, "quarter", 2).start, .end -> date(2023, 4, 1), date(2023, 6, 30)

The archive's quarter queries, the charts, date extraction and the draft use it; moving a label
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
