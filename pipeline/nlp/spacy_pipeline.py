"""The spaCy side: a blank "vi" pipeline with our tokenizer, an EntityRuler for what has a grammar
(typed references generated from the document types of ``pipeline/vocab``, the grammar of standards,
numbers and dates in ``pipeline/data/nlp_ruler_patterns.jsonl``) and, when trained, an ``ner`` for agencies
and people (``pipeline/nlp/models/ner-agency-person``, built by ``make models``, shipped as package data:
an installed copy finds it with importlib.resources, and says so in one line when it is missing).

The rule extractors of this package stay the primary source; ``model_entities`` returns only the
people (agencies on request) the model finds where the rules found none (see extract(use_model=True)).
Nothing is downloaded: the model is a folder of the package (3.9 MB).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import spacy

from .. import vocab
from ..grammar.codes import standard_prefixes
from . import tokenizer as _tokenizer  # noqa: F401  registers baocao.tokenizer.v1
from .agencies import AgencySpan, canonical_agency
from .people import PersonSpan

MODEL_NAME = "ner-agency-person"


def model_dir() -> Path:
    """The trained NER's folder: package data of pipeline.nlp (pyproject.toml, package-data)."""
    return Path(str(resources.files("pipeline.nlp").joinpath("models", MODEL_NAME)))


MODEL_DIR = model_dir()
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


# a standard's number after its prefix: "40:2011/BTNMT", "5574:2018", "01:2022/BTr"
STANDARD_NUMBER = r"[0-9A-Z][0-9A-Za-z.\-]*:(?:19|20)\d\d(?:/[A-ZĐ][A-Za-zĐđ0-9]*)?$"


def standard_pattern() -> dict:
    """The REFERENCE pattern of a standard: one token (the tokenizer keeps "QCVN 40:2011/BTNMT" whole, as the
    number grammar reads it), a prefix of the vocabulary's standards (QCVN, TCVN, QCĐP) and its number."""
    prefixes = "|".join(re.escape(p) for p in standard_prefixes())
    return {"label": "REFERENCE", "id": "standard",
            "pattern": [{"TEXT": {"REGEX": rf"^(?:{prefixes})\s*" + STANDARD_NUMBER}}]}


def ruler_patterns() -> list[dict]:
    """The EntityRuler's patterns: the typed references and standards generated from the vocabulary, and the
    grammar of nlp_ruler_patterns.jsonl (bare numbers, dates), which names no vocabulary."""
    text = resources.files("pipeline.data").joinpath("nlp_ruler_patterns.jsonl").read_text("utf-8")
    return typed_patterns() + [standard_pattern()] + [json.loads(line) for line in text.splitlines() if line.strip()]


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
def model_nlp() -> spacy.Language:
    """The trained NER. MissingDependency, in one line, when its folder is not there (an install
    without the package data, a checkout where it was deleted): use_model=True never runs without it."""
    folder = model_dir()
    if not (folder / "config.cfg").is_file():
        from ..errors import MissingDependency

        raise MissingDependency(
            f"the trained NER ({MODEL_NAME}) is not installed: {folder} has no config.cfg; reinstall baocao "
            "with its package data, or rebuild the model with `make models` (or run without use_model)")
    return spacy.load(folder)


def model_entities(text: str, agencies: list[AgencySpan], people: list[PersonSpan], with_agencies: bool = False):
    """People (and, with_agencies, agencies) the model finds that overlap nothing the rules found.

    Agencies are off by default: on real text (corpus/real/cd-2003) the model's extra agencies were
    mostly wrong ("Công Thương, Tài chính", "Hội nghị"), its extra people mostly right
    ("Thủ tướng CP Phạm Minh Chính", "PCN Đỗ Ngọc Huỳnh")."""
    nlp = model_nlp()
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
