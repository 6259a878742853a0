"""Extraction: Report -> Report with mentions (references, dates, counts, agencies, people)."""
from __future__ import annotations

from ..model import Report


def extract(report: Report) -> Report:
    return report
