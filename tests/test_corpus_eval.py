"""corpus/eval: real documents with hand-checked answers, split into dev and test by source repository.

The split rule (corpus/README.md): a repository's documents are ``test`` when the first hex digit of
sha1("owner/name") is 0-5, else ``dev``. Every answer names its source, so the rule can be checked here and
nobody has to remember which side a repository went to.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

import pytest

from pipeline.corpus.evaluate import answer_path, find_documents, kind_of

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
EVAL = CORPUS / "eval"
KINDS = {"digital", "docx", "doc", "scan", "image"}


def split_of(repository: str) -> str:
    return "test" if hashlib.sha1(repository.encode("utf-8")).hexdigest()[0] in "012345" else "dev"


def _answers():
    out = []
    for side in ("dev", "test"):
        for doc, ans in find_documents(EVAL / side):
            out.append((side, doc, json.loads(ans.read_text("utf-8"))))
    return out


ANSWERS = _answers()


def test_there_are_documents_on_both_sides():
    sides = {side for side, _, _ in ANSWERS}
    assert sides == {"dev", "test"}


def test_every_answer_file_belongs_to_a_document():
    for side in ("dev", "test"):
        for ans in (EVAL / side).glob("*.expected.json"):
            doc = ans.with_name(ans.name[: -len(".expected.json")])
            assert doc.is_file(), f"{ans.name}: no document {doc.name} next to it"
            assert answer_path(doc) == ans


@pytest.mark.parametrize("side,doc,answer", ANSWERS, ids=[d.name for _, d, _ in ANSWERS])
def test_answer_names_split_kind_and_source(side, doc, answer):
    assert answer.get("split") == side, f"{doc.name}: split {answer.get('split')!r} but the file is in {side}/"
    assert answer.get("kind") in KINDS, doc.name
    assert kind_of(doc, answer) == answer["kind"]
    source = answer.get("source") or {}
    for key in ("repository", "commit", "path", "format"):
        assert source.get(key), f"{doc.name}: source.{key} missing"
    assert len(source["repository"].split("/")) == 2, source["repository"]
    assert len(source["commit"]) == 40 and int(source["commit"], 16) >= 0, source["commit"]
    assert "header" in answer and "references" in answer, doc.name


@pytest.mark.parametrize("side,doc,answer", ANSWERS, ids=[d.name for _, d, _ in ANSWERS])
def test_split_follows_the_repository_hash(side, doc, answer):
    assert split_of(answer["source"]["repository"]) == side, doc.name


def test_one_repository_is_on_one_side():
    sides = defaultdict(set)
    for side, _, answer in ANSWERS:
        sides[answer["source"]["repository"]].add(side)
    mixed = {repo: s for repo, s in sides.items() if len(s) > 1}
    assert not mixed, mixed


def test_no_document_from_a_held_out_repository():
    held = EVAL / "HELD_OUT.txt"
    names = {line.strip() for line in held.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")}
    for _, doc, answer in ANSWERS:
        assert answer["source"]["repository"] not in names, doc.name


def test_split_rule_on_known_repositories():
    # the rule as written in corpus/README.md, on two repositories of this corpus
    assert hashlib.sha1(b"Tungbeoi/Vietlexibot").hexdigest()[0] == "c" and split_of("Tungbeoi/Vietlexibot") == "dev"
    assert split_of("chinghia689/DO_AN_RAGLUAT") == "test"


def test_real_answers_are_dev():
    # corpus/real was looked at while the rules were written: development material, never test
    for doc, ans in find_documents(CORPUS / "real"):
        assert json.loads(ans.read_text("utf-8")).get("split") == "dev", doc.name
