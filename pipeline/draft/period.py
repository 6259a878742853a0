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

from ..period import ROMAN, Period, add_months
from ..period import months_between, parse_period, period_of  # noqa: F401  (the draft's imports of the model)

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
