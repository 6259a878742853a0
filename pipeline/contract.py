"""The `baocao.report/1` JSON (see docs/CONTRACT.md): what `baocao extract --json` prints,
what the Python API returns as a dict and what the archive stores."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from .i18n import warning_codes
from .model import Mention, Report, Section
from .provenance import locator, mention_box, provenance

SCHEMA_ID = "baocao.report/1"


def _mention(m: Mention, loc=None) -> dict:
    out = {"text": m.text, "page": m.page, "where": m.where, "section": m.section, "span": list(m.span)}
    out["bbox"] = mention_box(loc, m.text, m.page)
    return out


def _section(s: Section) -> dict:
    return {
        "number": s.number,
        "title": s.title,
        "level": s.level,
        "page": s.page,
        "text": s.text,
        "key": s.key,
        "tables": [[list(row) for row in t.rows] for t in s.tables],
        "children": [_section(c) for c in s.children],
        "page_starts": _starts(s.page_starts),
    }


def _starts(page_starts) -> list[list[int]]:
    return [[offset, page] for offset, page in page_starts]


def _at(passage) -> dict | None:
    """Where an opening or closing passage lies: its first page and the page starts in its text."""
    return {"page": passage.page, "page_starts": _starts(passage.page_starts)} if passage else None


def _confidence(page) -> float | None:
    values = [l.confidence for l in page.lines if l.confidence is not None]
    return round(sum(values) / len(values), 1) if values else None


def to_contract(report: Report) -> dict:
    doc = report.document
    h = report.header
    m = report.mentions
    loc = locator(report)
    warnings = list(doc.warnings) + [w for w in report.warnings if w not in doc.warnings]
    return {
        "schema": SCHEMA_ID,
        "source": {
            "path": doc.path,
            "sha256": doc.sha256,
            "format": doc.format,
            "pages": len(doc.pages),
            "text_source": doc.text_source,
            # each page's size in PDF points ([width, height], null when unknown): the frame of the boxes
            "page_sizes": [[p.width, p.height] if p.width and p.height else None for p in doc.pages],
            # each page's number (1..pages, unless some pages only were read)
            "page_numbers": [p.number for p in doc.pages],
            # each page's mean OCR line confidence (0-100), null for a page not OCR'd
            "page_confidence": [_confidence(p) for p in doc.pages],
        },
        "header": {
            "agency": h.agency,
            "parent_agency": h.parent_agency,
            "number": h.number,
            "doc_type": h.doc_type,
            "place": h.place,
            "date": h.date,
            "subject": h.subject,
            "recipients": list(h.recipients),
        },
        "period": (
            {"label": report.period.label, "start": report.period.start, "end": report.period.end}
            if report.period
            else None
        ),
        "opening": report.opening.text if report.opening else None,
        "opening_at": _at(report.opening),
        "sections": [_section(s) for s in report.sections],
        "footnotes": [
            {"marker": f.marker, "text": f.text, "page": f.page, "anchor_section": f.anchor_section}
            for f in report.footnotes
        ],
        "signers": [{"authority": s.authority, "position": s.position, "name": s.name} for s in report.signers],
        "distribution": list(report.distribution),
        "closing": report.closing.text if report.closing else None,
        "closing_at": _at(report.closing),
        "references": [
            {
                **_mention(r, loc),
                "type": r.type,
                "number": r.number,
                "title": r.title,
                "date": r.date,
                "issuer": r.issuer,
                "subject": r.subject,
                "type_code": r.type_code,
                "issuer_code": r.issuer_code,
                "unit_code": r.unit_code,
                "resolved": r.resolved,
                "registry_number": r.registry_number,
            }
            for r in m.references
        ],
        "dates": [{**_mention(d, loc), "kind": d.kind, "start": d.start, "end": d.end} for d in m.dates],
        "counts": [
            {**_mention(c, loc), "value": c.value, "qualifier": c.qualifier, "unit": c.unit} for c in m.counts
        ],
        "agencies": [{**_mention(a, loc), "name": a.name} for a in m.agencies],
        "people": [{**_mention(p, loc), "name": p.name, "role": p.role} for p in m.people],
        # where header fields, recipients, signers and Nơi nhận items are printed (see pipeline.provenance)
        "provenance": provenance(report),
        "warnings": warnings,
        # each warning's stable code and parameters, shown translated (pipeline.i18n.warning_codes)
        "warning_codes": warning_codes.codes(warnings),
    }


def dumps(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(resources.files("pipeline.data").joinpath("report.schema.json").read_text("utf-8"))


def validate(obj: dict) -> None:
    """Raise jsonschema.ValidationError when obj does not follow baocao.report/1."""
    import jsonschema

    jsonschema.validate(obj, schema())
