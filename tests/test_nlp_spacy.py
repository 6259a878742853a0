"""The spaCy side of extraction: tokenizer, entity ruler, trained model on disk, displaCy view."""
import json
import os
from pathlib import Path

import pytest

from pipeline.nlp.spacy_pipeline import MODEL_DIR, blank, model_nlp, rules_nlp
from tests.conftest import ROOT

TOKENS = [
    ("Thực hiện Công văn số 715/BCĐ-CAT ngày 06/3/2023 của Ban chỉ đạo 138 tỉnh",
     ["715/BCĐ-CAT", "06/3/2023", "138"]),
    ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020", ["30/2020/NĐ-CP", "05/3/2020"]),
    ("Chỉ thị số 21-CT/TW; Thông báo 496-TB/TU", ["21-CT/TW", "496-TB/TU"]),
    ("Số: 2003 /CĐ-VPCP", ["2003 /CĐ-VPCP"]),
    ("có 4.289 người, đạt 95,5%", ["4.289", "95,5%"]),
]


@pytest.mark.parametrize("text,whole", TOKENS, ids=[t[0][:40] for t in TOKENS])
def test_tokenizer_keeps_numbers_and_dates_whole(text, whole):
    doc = blank()(text)
    assert doc.text == text
    words = [t.text for t in doc]
    for w in whole:
        assert w in words, (text, words)


@pytest.mark.parametrize("text", ["", "   ", "a\n\nb", "Kính gửi:\tSở Tư pháp.\n"])
def test_tokenizer_round_trips_whitespace(text):
    assert blank()(text).text == text


RULER = [
    ("Thực hiện Công văn số 715/BCĐ-CAT ngày 06/3/2023", [("Công văn số 715/BCĐ-CAT", "REFERENCE"), ("06/3/2023", "DATE")]),
    ("trong quý I/2023 và Từ ngày 15/12/2022 đến 14/3/2023", [("quý I/2023", "DATE"), ("Từ ngày 15/12/2022 đến 14/3/2023", "DATE")]),
    ("theo Quyết định 932/QĐ-TTg", [("Quyết định 932/QĐ-TTg", "REFERENCE")]),
    ("tầm nhìn đến năm 2050", [("năm 2050", "DATE")]),
]


@pytest.mark.parametrize("text,ents", RULER, ids=[r[0][:40] for r in RULER])
def test_entity_ruler(text, ents):
    assert [(e.text, e.label_) for e in rules_nlp()(text).ents] == ents


def test_trained_model_loads_with_its_scores():
    meta = json.loads((MODEL_DIR / "meta.json").read_text("utf-8"))
    assert meta["baocao"]["held_out"]["ents_f"] > 0.5
    assert set(meta["labels"]["ner"]) == {"AGENCY", "PERSON"}
    nlp = model_nlp()
    doc = nlp("Sở Thông tin và Truyền thông phối hợp với Công an tỉnh tổ chức tuyên truyền.")
    assert any(e.label_ == "AGENCY" for e in doc.ents)


def test_render_html(seed_report):
    from pipeline.nlp.display import render_html

    html = render_html(seed_report)
    assert html.startswith("<!DOCTYPE html>") or "<html" in html
    assert "715/BCĐ-CAT" in html and "REFERENCE" in html and "AGENCY" in html
    assert html.count("<mark") >= 20


def _installed_copy(to: Path) -> Path:
    """What a non-editable install puts in site-packages: the packages pyproject.toml finds (those with
    an __init__.py under pipeline/) with their .py files and the files its package-data globs select.
    (pip cannot build the wheel offline here: pyproject needs setuptools >= 77 to build.)"""
    import shutil
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    assert config["packages"]["find"]["include"] == ["pipeline*"]
    data = config["package-data"]
    for init in (ROOT / "pipeline").rglob("__init__.py"):
        package = init.parent
        name = ".".join(package.relative_to(ROOT).parts)
        wanted = list(package.glob("*.py"))
        for pattern in data.get(name, ()):
            wanted += [f for f in package.glob(pattern) if f.is_file()]
        for f in wanted:
            target = to / f.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, target)
    return to


def test_an_installed_copy_finds_its_model_as_package_data(tmp_path):
    """The model is package data: a copy of the package without the repository around it (its models/
    at the root was what use_model=True needed before) still loads it and adds people."""
    import subprocess
    import sys

    site = _installed_copy(tmp_path / "site-packages")
    assert sorted(p.relative_to(site / "pipeline/nlp").as_posix() for p in (site / "pipeline/nlp/models").rglob("*")
                  if p.is_file()) == sorted(p.relative_to(MODEL_DIR.parents[1]).as_posix()
                                            for p in MODEL_DIR.rglob("*") if p.is_file())
    script = ("import sys; from pipeline.nlp.spacy_pipeline import model_dir, model_entities; "
              "print(model_dir()); print(len(model_entities(sys.argv[1], [], [])[1]))")
    text = "Đồng chí Nguyễn Văn Hùng, Phó Giám đốc Sở, chủ trì hội nghị."
    run = subprocess.run([sys.executable, "-c", script, text], cwd=tmp_path, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(site)}, timeout=300)
    assert run.returncode == 0, run.stderr
    folder, people = run.stdout.split()
    assert Path(folder).is_relative_to(site)  # not the checkout's
    assert int(people) >= 1


def test_without_its_model_use_model_stops_with_one_line(monkeypatch, tmp_path, seed_report):
    from pipeline.errors import MissingDependency
    from pipeline.nlp import extract, spacy_pipeline

    monkeypatch.setattr(spacy_pipeline, "model_dir", lambda: tmp_path / "ner-agency-person")
    spacy_pipeline.model_nlp.cache_clear()
    try:
        with pytest.raises(MissingDependency) as e:
            extract(seed_report, use_model=True)
    finally:
        spacy_pipeline.model_nlp.cache_clear()
    message = str(e.value)
    assert "\n" not in message and str(tmp_path / "ner-agency-person") in message and "make models" in message
    assert extract(seed_report).mentions == seed_report.mentions  # the rules alone need no model
