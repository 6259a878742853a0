"""baocao: read, segment and annotate Vietnamese administrative reports, and archive them.

    from pipeline import process, Archive
    report = process("bao-cao.pdf")        # a Report (see pipeline.model)
    as_json = to_contract(report)          # the baocao.report/1 dict
"""
from __future__ import annotations

from pathlib import Path

from .contract import to_contract
from .model import Document, Report
from .nlp import extract
from .read import ReadOptions, read
from .segment import segment

__version__ = "0.1.0"
__all__ = ["read", "ReadOptions", "segment", "extract", "process", "to_contract", "Archive", "Document", "Report"]


def process(path: str | Path, options: ReadOptions | None = None, /, **kwargs) -> Report:
    """read -> segment -> extract, for one file. ``options``/keywords: read()'s (a ReadOptions)."""
    return extract(segment(read(path, options, **kwargs)))


def __getattr__(name):
    if name == "Archive":
        from .archive import Archive

        return Archive
    raise AttributeError(name)
