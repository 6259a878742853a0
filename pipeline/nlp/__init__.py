"""Extraction: Report -> Report with mentions (references, dates, counts, agencies, people).

    report = extract(segment(read(path)))
    report.mentions.references[0].number   # "715/BCĐ-CAT"

Every mention keeps its passage's provenance: ``passage.text[span[0]:span[1]] == mention.text``,
page from ``passage.page_at``. The rules (pipeline.grammar.dates, references.py, counts.py, agencies.py, people.py)
are the extractor; the trained spaCy model (spacy_pipeline.py, nlp/models/) only adds people the rules
missed, when ``use_model`` is on (off by default: it is about 4x slower).
People also come from ``report.signers`` (name, position as role); such a mention has
where="body", section="signer" and its span over the name alone.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import (AgencyMention, Count, DateMention, Mentions, Passage, PersonMention, Reference, Report)
from .agencies import find_agencies
from .counts import find_counts
from ..grammar.dates import find_dates
from .people import find_people
from .references import find_references, resolve_short_forms

__all__ = ["extract", "find_dates", "find_references", "find_counts", "find_agencies", "find_people"]


def _year(report: Report) -> int | None:
    for value in ((report.period.start if report.period else None), report.header.date):
        if value:
            return int(value[:4])
    return None


def _province(report: Report) -> str | None:
    """The citing document's province from its header ("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", place "Lạng Sơn"):
    "tỉnh Lạng Sơn" / "thành phố Đà Nẵng", for the issuers a local code names ("58/STTTT-TTBCXB")."""
    from ..text import fold
    from .gazetteer import province_kind, province_names

    h = report.header
    for value in (h.agency, h.parent_agency, h.place):
        if not value:
            continue
        f = " ".join(fold(value).split())
        for name in province_names():
            fn = fold(name)
            if f == fn or f.endswith(" " + fn):
                kind = province_kind(name)
                return f"{kind} {name}" if kind else None
    return None


def _where(p: Passage, span: tuple[int, int]) -> dict:
    return {"text": p.text[span[0]:span[1]], "page": p.page_at(span[0]), "where": p.where, "section": p.section,
            "span": span}


def extract(report: Report, use_model: bool = False) -> Report:
    year = _year(report)
    province = _province(report)
    refs: list[tuple[Passage, object]] = []
    dates, counts, agencies, people = [], [], [], []
    model_fill = None
    if use_model:
        from .spacy_pipeline import model_entities
        model_fill = model_entities
    for p in report.passages():
        found_dates = find_dates(p.text, year=year)
        found_refs = find_references(p.text, province=province)
        found_agencies = find_agencies(p.text)
        found_people = find_people(p.text)
        if model_fill is not None:
            extra_agencies, extra_people = model_fill(p.text, found_agencies, found_people)
            found_agencies += extra_agencies
            found_people += extra_people
        taken = [d.span for d in found_dates] + [a.span for a in found_agencies] + [x.span for x in found_people]
        taken += [r.span for r in found_refs if r.number]  # the numbers and dates inside references
        for d in found_dates:
            dates.append(DateMention(**_where(p, d.span), kind=d.kind, start=d.start, end=d.end))
        for r in found_refs:
            refs.append((p, r))
        for c in find_counts(p.text, exclude=taken):
            counts.append(Count(**_where(p, c.span), value=c.value, qualifier=c.qualifier, unit=c.unit))
        for a in found_agencies:
            agencies.append(AgencyMention(**_where(p, a.span), name=a.name))
        for x in found_people:
            people.append(PersonMention(**_where(p, x.span), name=x.name, role=x.role))
    resolved = resolve_short_forms([r for _, r in refs])
    references = [
        Reference(**_where(p, r.span), type=r.type, number=r.number, title=r.title, date=r.date, issuer=r.issuer,
                  subject=r.subject, type_code=r.type_code, issuer_code=r.issuer_code, unit_code=r.unit_code,
                  resolved=r.resolved, registry_number=r.registry_number)
        for (p, _), r in zip(refs, resolved)
    ]
    last_page = report.document.pages[-1].number if report.document.pages else 1
    for s in report.signers:
        if s.name:
            people.append(PersonMention(text=s.name, page=s.page or last_page, where="body", section="signer",
                                        span=(0, len(s.name)), name=" ".join(s.name.split()), role=s.position))
    mentions = Mentions(tuple(references), tuple(dates), tuple(counts), tuple(agencies), tuple(people))
    return replace(report, mentions=mentions)
