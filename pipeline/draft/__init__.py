"""Drafting the next report from the previous one and the archive (issue 8).

    from pipeline.draft import compose, parse_period, write_docx
    draft = compose(to_contract(process("bao-cao-quy-I.pdf")), parse_period("2023Q2"), library)
    write_docx(draft, "draft.docx")
"""
from __future__ import annotations

from .compose import Draft, compose
from .period import Period, parse_period

__all__ = ["Draft", "Period", "compose", "parse_period", "write_docx", "write_markdown", "write_figures"]


def __getattr__(name):  # the writers import python-docx / openpyxl only when used
    if name == "write_docx":
        from .docx_writer import write_docx

        return write_docx
    if name == "write_markdown":
        from .markdown import write_markdown

        return write_markdown
    if name == "write_figures":
        from .figures import write_figures

        return write_figures
    raise AttributeError(name)
