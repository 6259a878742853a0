"""Segmentation: Document -> Report (header, period, sections, footnotes, signers, distribution).

A coarse pass first (lines.py) turns lines into rows and sets page furniture aside; then each part
is cut off and parsed by its own rules, in document order:

    header.py        agency, number, place/date, motto, type, subject, recipients
    footnotes.py     footnotes, linked to their markers in the body
    distribution.py  the tail: closing paragraph, Nơi nhận, and where the signers are
    signers.py       signer blocks
    paragraphs.py    wrapped lines rejoined into paragraphs (across pages)
    sections.py      the numbered (and unnumbered) section tree
    period.py        the reporting period (from the subject, then the body)
"""
from __future__ import annotations

from dataclasses import replace

from ..model import Document, Footnote, Passage, Report, Table
from .distribution import find_annex, find_closing, find_tail, read_annexes, split_tail
from .footnotes import find_footnotes
from .header import parse_header, read_authentication
from .lines import Row, build_rows, typical_width
from .paragraphs import Paragraph, join_rows, paragraphs
from .period import find_period
from .sections import Node, build_sections
from .signers import parse_signers

__all__ = ["segment"]


def _passage(pars: list[Paragraph], section: str) -> Passage | None:
    if not pars:
        return None
    text, starts = "", []
    for par in pars:
        if text:
            text += "\n"
        ptext, pstarts = join_rows(par.rows)
        for off, page in pstarts:
            if not starts or starts[-1][1] != page:
                starts.append((len(text) + off, page))
        text += ptext
    return Passage("body", text, pars[0].page, section, tuple(starts))


def _attach_tables(document: Document, body: list[Row], row_section: dict[int, Node]) -> None:
    for page in document.pages:
        for table in page.tables:
            node = None
            for row in body:
                if row.page > table.page:
                    break
                if row.index not in row_section:
                    continue
                if row.page < table.page or table.bbox is None or row.top is None or row.top <= table.bbox[1]:
                    node = row_section[row.index]
            if node is None:
                node = next((row_section[r.index] for r in body if r.page >= table.page and r.index in row_section), None)
            if node is not None:
                node.tables.append(table)


def segment(document: Document) -> Report:
    rows, _furniture = build_rows(document)
    width = typical_width(rows)
    head = parse_header(rows, width)
    rest = head.rest
    header, warnings = head.header, list(head.warnings)
    if header.agency is None and header.number is None and header.date is None:
        auth = read_authentication(rest, width)  # a văn bản hợp nhất: its header is the block at its end
        if auth is not None:
            header = replace(header, doc_type=auth.header.doc_type, **{
                f: getattr(auth.header, f) for f in ("agency", "parent_agency", "number", "place", "date")
                if getattr(header, f) is None})
            warnings += auth.warnings
            rest = [r for r in rest if not any(r is a for a in auth.rows)]
    notes, rest = find_footnotes(rest)
    tail_at = find_tail(rest)
    annex_at = find_annex(rest, tail_at)
    closing_at = find_closing(rest, 0, tail_at)
    body = rest[: closing_at if closing_at is not None else tail_at]
    closing_rows = rest[closing_at:tail_at] if closing_at is not None else []
    distribution, signer_rows = split_tail(rest[tail_at:annex_at])
    signers = parse_signers(signer_rows)
    annex_body, annex_signers = read_annexes(rest, annex_at)  # annexes, forms, the Quy định issued
    body += annex_body
    signers += annex_signers

    whole_lines = document.format in ("docx", "doc")  # a Word file's lines are its paragraphs
    pars = paragraphs(body, width, whole_lines)
    opening_pars, roots, row_section = build_sections(pars, width)
    _attach_tables(document, body, row_section)
    sections = tuple(node.build() for node in roots)

    footnotes = []
    for note in notes:
        anchor = row_section.get(note.anchor_row.index) if note.anchor_row is not None else None
        footnotes.append(Footnote(note.marker, note.text, note.page, anchor.label if anchor else None))

    opening = _passage(opening_pars, "opening")
    closing = _passage(paragraphs(closing_rows, width, whole_lines), "closing") if closing_rows else None
    body_texts = [p.text for p in opening_pars] + [s.text for s in sections[:2]]
    period = find_period(header.subject, body_texts, header.doc_type)
    return Report(
        document=document,
        header=header,
        period=period,
        opening=opening,
        sections=sections,
        footnotes=tuple(footnotes),
        signers=tuple(signers),
        distribution=tuple(distribution),
        closing=closing,
        warnings=tuple(warnings),
    )
