"""Segmentation: Document -> Report (header, period, sections, footnotes, signers, distribution)."""
from __future__ import annotations

from ..model import Document, Report


def segment(document: Document) -> Report:
    return Report(document=document)
