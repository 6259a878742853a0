"""The spaCy side: a blank "vi" pipeline with our tokenizer, an EntityRuler for what has a grammar
(typed references generated from the document types of ``pipeline/vocab``, the grammar of standards,
numbers and dates in ``pipeline/data/nlp_ruler_patterns.jsonl``) and, when trained, an ``ner`` for agencies
and people (``models/ner-agency-person``, built by ``make models``).

The rule extractors of this package stay the primary source; ``model_entities`` returns only the
people (agencies on request) the model finds where the rules found none (see extract(use_model=True)).
Nothing is downloaded: the model is a folder in the repository.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

import spacy

from .. import vocab
from . import tokenizer as _tokenizer  # noqa: F401  registers baocao.tokenizer.v1
from .agencies import AgencySpan, canonical_agency
from .people import PersonSpan

MODEL_NAME = "ner-agency-person"
MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / MODEL_NAME
TOKENIZER_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "baocao.tokenizer.v1"}}}


# the number after a type's name: "715/BCĐ-CAT", "30/2020/NĐ-CP", "21-CT/TW", dotted as certificates print it
# ("118.04/GCN"); a bare number (no type before it) has its own pattern in nlp_ruler_patterns.jsonl
TYPED_NUMBER = r"^\d+(?:\.\d+)?(?:[/-][A-Za-zĐđ0-9&]+)*(?:/\d{4})?[/-][A-ZĐ][A-Za-zĐđ0-9&/-]*$"


def typed_patterns() -> list[dict]:
    """One REFERENCE pattern per document type with a number grammar (pipeline/vocab/doc_types.tsv, every
    family but standards, cited by their own grammar, and treaties, cited by title): its name's words, an
    optional "số", the number."""
    names = sorted({t.name.lower() for t in vocab.doc_types() if t.family not in ("standard", "treaty")})
    return [{"label": "REFERENCE", "id": "typed-number",
             "pattern": [{"LOWER": w} for w in name.split()] + [{"LOWER": "số", "OP": "?"}, {"TEXT": {"REGEX": TYPED_NUMBER}}]}
            for name in names]


def ruler_patterns() -> list[dict]:
    """The EntityRuler's patterns: the typed references generated from the vocabulary, and the grammar of
    nlp_ruler_patterns.jsonl (standards, bare numbers, dates), which names no vocabulary."""
    text = resources.files("pipeline.data").joinpath("nlp_ruler_patterns.jsonl").read_text("utf-8")
    return typed_patterns() + [json.loads(line) for line in text.splitlines() if line.strip()]


def blank() -> spacy.Language:
    """spacy.blank("vi") with the tokenizer that keeps numbers and dates whole."""
    return spacy.blank("vi", config=TOKENIZER_CONFIG)


@vocab.cached
def rules_nlp() -> spacy.Language:
    nlp = blank()
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(ruler_patterns())
    return nlp


@lru_cache(maxsize=1)
def model_nlp() -> spacy.Language | None:
    """The trained NER, or None when models/ has not been built."""
    if not (MODEL_DIR / "config.cfg").exists():
        return None
    return spacy.load(MODEL_DIR)


def model_entities(text: str, agencies: list[AgencySpan], people: list[PersonSpan], with_agencies: bool = False):
    """People (and, with_agencies, agencies) the model finds that overlap nothing the rules found.

    Agencies are off by default: on real text (corpus/real/cd-2003) the model's extra agencies were
    mostly wrong ("Công Thương, Tài chính", "Hội nghị"), its extra people mostly right
    ("Thủ tướng CP Phạm Minh Chính", "PCN Đỗ Ngọc Huỳnh")."""
    nlp = model_nlp()
    if nlp is None:
        return [], []
    taken = [a.span for a in agencies] + [p.span for p in people]
    extra_agencies, extra_people = [], []
    for ent in nlp(text).ents:
        span = (ent.start_char, ent.end_char)
        if any(a < span[1] and span[0] < b for a, b in taken):
            continue
        if ent.label_ == "AGENCY" and with_agencies:
            extra_agencies.append(AgencySpan(ent.text, span, canonical_agency(ent.text)))
        elif ent.label_ == "PERSON" and len(ent.text.split()) >= 2:
            extra_people.append(PersonSpan(ent.text, span, " ".join(ent.text.split()), None))
    return extra_agencies, extra_people
