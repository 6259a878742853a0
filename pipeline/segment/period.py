"""The period a report covers: "quý I năm 2023", "6 tháng đầu năm 2025", "năm 2024", "tháng 3/2023",
"từ ngày … đến ngày …". Taken from the subject first, then from the opening and the first
paragraphs of the body. Dates are found by pipeline.grammar.dates.find_dates; this module only
chooses. A single day is never a period (it is a cited document's date), and in the body a bare
year is not either ("Luật … năm 2006")."""
from __future__ import annotations

from ..model import ReportingPeriod
from ..grammar.dates import find_dates

# the more specific the better, in the subject
_RANK = {"range": 0, "quarter": 1, "half": 2, "month": 3, "year": 4}
_BODY_KINDS = {"range", "quarter", "half", "month"}
# the contract's period is the period a *report* covers: a Báo cáo (or an untyped document), or a
# letter sent as a report ("V/v báo cáo kết quả … quý I/2023"). A plan's year ("Kế hoạch … năm 2023")
# is not a reporting period: counting it would put plans among the reports of a quarter.
_PERIODIC = {"Báo cáo", None}


def _choose(text: str, kinds: set[str]) -> ReportingPeriod | None:
    spans = [d for d in find_dates(text) if d.kind in kinds]
    if not spans:
        return None
    best = min(spans, key=lambda d: (_RANK[d.kind], d.span[0]))
    return ReportingPeriod(label=best.text, start=best.start, end=best.end)


def find_period(subject: str | None, body: list[str], doc_type: str | None) -> ReportingPeriod | None:
    about_report = doc_type in _PERIODIC or (subject and "báo cáo" in subject.lower())
    if not about_report:
        return None
    if subject:
        found = _choose(subject, set(_RANK))
        if found:
            return found
    if doc_type not in ("Báo cáo", None):
        return None
    for text in body[:3]:
        found = _choose(text, _BODY_KINDS)
        if found:
            return found
    return None
