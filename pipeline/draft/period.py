"""Moving a report's period labels and date ranges from one period to the next (the period model,
``Period`` and ``parse_period``, is ``pipeline.period``).

A label keeps the style it was written in: "quý I/2023" -> "quý II/2023", "Quý I năm 2023" ->
"Quý II năm 2023", "6 tháng đầu năm 2023" -> "6 tháng cuối năm 2023", "tháng 03/2023" -> "tháng 04/2023".
A date range ("Từ ngày 15/12/2022 đến 14/3/2023") is shifted by whole months, which is only a guess
the drafter must confirm (the draft highlights it).
"""
from __future__ import annotations

import re
from datetime import date

from ..grammar.dates import QUARTER_NUMBER, QUARTER_WORD, written_days
from ..period import ROMAN, Period, add_months
from ..period import months_between, parse_period, period_of  # noqa: F401  (the draft's imports of the model)

# --------------------------------------------------------------------------- labels

_QUARTER = re.compile(r"(?P<word>" + QUARTER_WORD + r")\s+(?P<index>" + QUARTER_NUMBER + ")", re.I)  # the dates grammar's
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

def _pad(model: str, value: int) -> str:
    """value written like model: zero-padded only when model was ("03", not "12")."""
    return f"{value:02d}" if model.startswith("0") else str(value)


def shift_dates(text: str, months: int, end_months: int | None = None) -> str:
    """Every day written in text (dd/mm/yyyy or "ngày d tháng m năm yyyy", as pipeline.grammar.dates reads
    them) moved ``months`` later, padding kept. With ``end_months``, the days after the first (the end of
    a range) move by that instead, so a window of quý I moved to 6 tháng đầu năm keeps its start and moves
    its end."""
    out, at = [], 0
    for i, written in enumerate(written_days(text)):
        new = add_months(written.day, months if i == 0 or end_months is None else end_months)
        values = {"d": new.day, "m": new.month, "y": new.year}
        for name in ("d", "m", "y"):
            start, end = written.parts[name]
            out += [text[at:start], _pad(text[start:end], values[name]) if name != "y" else str(values[name])]
            at = end
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
