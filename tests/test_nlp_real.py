"""Precision, recall and F1 of the extractors on hand-annotated real passages (tests/fixtures/nlp).

Keys: references by number (type + title when there is none), dates by text + start + end, counts by
value, agencies by canonical name (diacritic-insensitive), people by name.
"""
import json
from collections import Counter
from pathlib import Path

import pytest

from pipeline.nlp import find_agencies, find_counts, find_dates, find_people, find_references
from pipeline.text import fold

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "nlp").glob("*.json"))


def _predict(text):
    dates = find_dates(text)
    agencies = find_agencies(text)
    people = find_people(text)
    refs = find_references(text)
    taken = [d.span for d in dates] + [a.span for a in agencies] + [p.span for p in people]
    taken += [r.span for r in refs if r.number]
    return {
        "references": [r.number or f"{r.type}|{r.title}" for r in refs],
        "dates": [(d.text, d.start, d.end) for d in dates],
        "counts": [float(c.value) for c in find_counts(text, exclude=taken)],
        "agencies": [fold(a.name) for a in agencies],
        "people": [p.name for p in people],
    }


def _gold(passage, name, optional=False):
    items = passage.get(f"{name}_optional" if optional else name, [])
    if name == "references":
        return [r.get("number") or f"{r['type']}|{r.get('title')}" for r in items]
    if name == "dates":
        return [(d["text"], d["start"], d["end"]) for d in items]
    if name == "counts":
        return [float(c["value"]) for c in items]
    if name == "agencies":
        return [fold(a) for a in items]
    return [p["name"] for p in items]


def scores():
    table = {k: Counter() for k in ("references", "dates", "counts", "agencies", "people")}
    for path in FIXTURES:
        for passage in json.loads(path.read_text("utf-8"))["passages"]:
            got = _predict(passage["text"])
            for name, score in table.items():
                g, p = Counter(_gold(passage, name)), Counter(got[name])
                optional = set(_gold(passage, name, optional=True))
                tp = sum((g & p).values())
                score["tp"] += tp
                score["fn"] += sum(g.values()) - tp
                score["fp"] += sum(v for k, v in (p - g).items() if k not in optional)
    return table


def _prf(s):
    p = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
    r = s["tp"] / (s["tp"] + s["fn"]) if s["tp"] + s["fn"] else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@pytest.mark.parametrize("name", ["references", "dates", "counts", "agencies", "people"])
def test_real_passages(name):
    s = scores()[name]
    p, r, f = _prf(s)
    print(f"{name:11} P {p:.3f} R {r:.3f} F1 {f:.3f}  tp {s['tp']} fp {s['fp']} fn {s['fn']}")
    assert s["tp"] + s["fn"] > 0 or name == "people"
    assert f >= 0.6, (name, dict(s))
