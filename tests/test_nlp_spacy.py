"""The spaCy side of extraction: tokenizer, entity ruler, trained model on disk, displaCy view."""
import json

import pytest

from pipeline.nlp.spacy_pipeline import MODEL_DIR, blank, model_nlp, rules_nlp

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


@pytest.mark.skipif(not (MODEL_DIR / "meta.json").exists(), reason="models/ not built (make models)")
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
