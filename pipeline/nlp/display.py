"""A rendered view of a report's mentions: displaCy's entity view over each passage (manual=True).

    html = render_html(report)      # one page, a block per passage, mentions coloured by type

displaCy cannot draw overlapping spans, so where mentions overlap the reference wins over the dates
and agencies inside it, then dates, counts, agencies, people.
"""
from __future__ import annotations

from html import escape

from spacy import displacy

from ..model import Report

_ORDER = ("REFERENCE", "DATE", "COUNT", "AGENCY", "PERSON")
COLORS = {"REFERENCE": "#f4c06a", "DATE": "#9ad0f5", "COUNT": "#b9e4a5", "AGENCY": "#e3b4f0", "PERSON": "#f5a3a3"}


def _spans_by_passage(report: Report) -> dict[tuple, list[tuple[int, int, str]]]:
    m = report.mentions
    out: dict[tuple, list[tuple[int, int, str]]] = {}
    for label, items in zip(_ORDER, (m.references, m.dates, m.counts, m.agencies, m.people)):
        for x in items:
            if x.section == "signer":
                continue
            out.setdefault((x.where, x.section), []).append((x.span[0], x.span[1], label))
    return out


def _non_overlapping(spans):
    spans = sorted(spans, key=lambda s: (_ORDER.index(s[2]), -(s[1] - s[0]), s[0]))
    kept: list[tuple[int, int, str]] = []
    for s in spans:
        if all(s[1] <= k[0] or s[0] >= k[1] for k in kept):
            kept.append(s)
    return sorted(kept)


def render_html(report: Report) -> str:
    """The report's passages with their mentions highlighted, as one HTML page."""
    spans = _spans_by_passage(report)
    docs = []
    for p in report.passages():
        ents = [{"start": a, "end": b, "label": label} for a, b, label in _non_overlapping(spans.get((p.where, p.section), []))]
        title = f"{p.where}" + (f" · {p.section}" if p.section else "") + f" · p. {p.page}"
        docs.append({"text": p.text, "ents": ents, "title": escape(title)})
    people = [f"{escape(x.name)}" + (f" ({escape(x.role)})" if x.role else "") for x in report.mentions.people]
    html = displacy.render(docs, style="ent", manual=True, page=True, options={"colors": COLORS},
                           jupyter=False)  # in a notebook displaCy would display it and return None
    if people:
        html = html.replace("</body>", "<p><b>People:</b> " + "; ".join(people) + "</p></body>", 1)
    return html
