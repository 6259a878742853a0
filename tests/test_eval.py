"""The accuracy harness: known P/R/F1 on hand-made answer/prediction pairs, CER, and a run on the
committed corpus."""
import json

import pytest

from pipeline.corpus.evaluate import cer, edit_distance, evaluate, find_documents, match, score_document
from tests.conftest import CORPUS

GOLD = {
    "header": {"number": "123/BC-STTTT", "date": "2023-03-28", "subject": "V/v triển khai công tác X",
               "agency": "SỞ NỘI VỤ", "recipients": ["Sở Tư pháp", "Công an tỉnh"]},
    "period": {"label": "quý I năm 2023", "start": "2023-01-01", "end": "2023-03-31"},
    "references": [
        {"type": "Công văn", "number": "715/BCĐ-CAT"},
        {"type": "Công văn", "number": "20/STTTT-TTBCXB"},
        {"type": "Đề án", "number": None, "title": "Tăng cường phòng, chống tội phạm"},
        {"type": "Luật", "number": None, "title": "Luật Phòng, chống ma túy"},
    ],
    "dates": [{"text": "06/3/2023", "start": "2023-03-06", "end": "2023-03-06"},
              {"text": "quý I/2023", "start": "2023-01-01", "end": "2023-03-31"}],
    "dates_optional": [{"text": "năm 2030", "start": "2030-01-01", "end": "2030-12-31"}],
    "counts": [{"value": 30, "unit": "tin, bài"}, {"value": 100, "unit": "%"}],
    "counts_not": ["138"],
    "agencies": ["Sở Thông tin và Truyền thông", "Công an tỉnh"],
    "sections": [{"number": "1", "title": "A", "level": 1, "children": [{"number": None, "title": "B", "level": 2}]}],
    "signers": [{"authority": "KT. GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC", "name": "Lê Hải Yến"}],
}

PRED = {
    "header": {"number": "123/BC-STTTT", "date": "2023-03-29", "subject": "Triển khai công tác  X",
               "agency": None, "recipients": ["Sở Tư pháp"]},
    "period": {"label": "quý I", "start": "2023-01-01", "end": "2023-03-31"},
    "references": [
        {"type": "Công văn", "number": "715/BCĐ-CAT"},           # tp
        {"type": "Đề án", "number": None, "title": "Tăng cường phòng, chống tội phạm"},  # tp (type+title)
        {"type": "Công văn", "number": "999/XX"},                # fp
    ],                                                             # fn: 20/STTTT..., the Luật
    "dates": [{"text": "06/3/2023", "start": "2023-03-06", "end": "2023-03-06"},   # tp
              {"text": "năm 2030", "start": "2030-01-01", "end": "2030-12-31"},    # optional: ignored
              {"text": "2023", "start": "2023-01-01", "end": "2023-12-31"}],       # fp
    "counts": [{"value": 30.0, "unit": "tin, bài"}, {"value": 138, "unit": None}],  # tp, fp (counts_not)
    "agencies": [{"name": "Sở Thông tin và Truyền thông"}, {"name": "sở thông tin và truyền thông"},
                 {"name": "Báo Lạng Sơn"}],                        # tp (once), fp; fn: Công an tỉnh
    "sections": [{"number": "1", "title": "A", "level": 1, "children": [{"number": None, "title": "B", "level": 2}]}],
    "signers": [{"authority": "KT. GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC", "name": "Lê Hải Yến"}],
}


@pytest.fixture(scope="module")
def scores():
    return score_document(GOLD, PRED)


@pytest.mark.parametrize("field,tp,fp,fn", [
    ("header.number", 1, 0, 0),
    ("header.date", 0, 1, 1),
    ("header.subject", 1, 0, 0),   # "V/v" and spacing do not count
    ("header.agency", 0, 0, 1),
    ("header.recipients", 1, 0, 1),
    ("period", 1, 0, 0),
    ("references", 2, 1, 2),
    ("dates", 1, 1, 1),
    ("counts", 1, 1, 1),
    ("agencies", 1, 1, 1),
    ("sections", 2, 0, 0),
    ("signers", 1, 0, 0),
])
def test_known_counts(scores, field, tp, fp, fn):
    s = scores[field]
    assert (s.tp, s.fp, s.fn) == (tp, fp, fn), field


def test_known_precision_recall_f1(scores):
    s = scores["references"]
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == pytest.approx(2 / 4)
    assert s.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_fields_missing_from_the_answer_are_not_scored(scores):
    assert "header.place" not in scores and "people" not in scores and "footnotes" not in scores


def test_match_is_a_multiset():
    s = match(["a", "a", "b"], ["a", "b", "b", "c"], optional=["c"])
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)


@pytest.mark.parametrize("a,b,d", [("", "", 0), ("abc", "", 3), ("kitten", "sitting", 3), ("hóa", "hoá", 2),
                                   ("Sở Nội vụ", "Sở Nội vụ", 0), ("flaw", "lawn", 2)])
def test_edit_distance(a, b, d):
    assert edit_distance(a, b) == d == edit_distance(b, a)


def test_cer_ignores_whitespace_layout():
    assert cer("Báo cáo\n  kết quả", "Báo cáo kết quả") == 0
    assert cer("abcd", "abxd") == 0.25


def test_seed_answer_form_is_understood():
    seed = json.loads((CORPUS / "real" / "bao-cao-tuyen-truyen-pctp-quy-I-2023.expected.json").read_text("utf-8"))
    perfect = score_document(seed, seed | {"agencies": [{"name": n} for n in seed["agencies"]]})
    for field, s in perfect.items():
        assert s.fp == 0 and s.fn == 0, field


def test_a_value_said_twice_is_one_value_for_an_answer_without_spans():
    """A hand-checked answer lists each distinct date once; an answer with spans lists each mention."""
    quarter = {"text": "quý I/2023", "start": "2023-01-01", "end": "2023-03-31"}
    pred = {"dates": [quarter, dict(quarter)]}
    assert (lambda s: (s.tp, s.fp, s.fn))(score_document({"dates": [quarter]}, pred)["dates"]) == (1, 0, 0)
    spanned = [dict(quarter, span=[0, 10])]
    assert (lambda s: (s.tp, s.fp, s.fn))(score_document({"dates": spanned}, pred)["dates"]) == (1, 1, 0)


def test_eval_runs_on_the_committed_corpus():
    folder = CORPUS / "generated"
    docs = find_documents(folder)
    assert len(docs) >= 40
    ev = evaluate(folder, kinds={"text", "digital", "docx", "legacy"}, limit=4)
    result = ev.as_dict()
    assert result["all"]["documents"] == 4
    assert result["all"]["cer"] is not None
    assert "header.number" in result["all"]["fields"]


def test_eval_records_a_failing_document_and_goes_on(tmp_path):
    from pipeline.errors import InputFileError

    (tmp_path / "a.txt").write_text("x", "utf-8")
    (tmp_path / "a.txt.expected.json").write_text(json.dumps({"header": {"number": "1/BC"}, "kind": "text"}), "utf-8")

    def broken(path):
        raise InputFileError("cannot read", str(path))

    ev = evaluate(tmp_path, process=broken)
    r = ev.as_dict()
    assert r["failures"] and r["all"]["fields"]["header.number"]["fn"] == 1


def test_cli_eval_json(tmp_path, capsys):
    import shutil

    from pipeline.cli import main

    src = CORPUS / "generated"
    name = sorted(p.name for p in src.glob("*.txt"))[0]
    shutil.copy(src / name, tmp_path / name)
    shutil.copy(src / f"{name}.expected.json", tmp_path / f"{name}.expected.json")
    assert main(["eval", str(tmp_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["all"]["documents"] == 1 and "text" in out["kinds"]


@pytest.mark.parametrize("name,kind", [
    ("gen-s2025-00001-bc.scan-mild.pdf", "scan-mild"), ("gen-s2025-00001-bc.legacy.pdf", "legacy"),
    ("gen-s2025-00001-bc.pdf", "digital"), ("gen-s2025-00001-bc.docx", "docx"),
    ("ttr-298-cat-pc04-lam-dong-2025-draft.doc", "doc"),  # Word 97, read by another path than a .docx
    ("cv-855-cat-pa05-lam-dong-2025-scan.pdf", "scan"),  # a real scan has no generated level
    ("nd-28-2021-cp-page1.jpg", "image"), ("photo.PNG", "image"), ("tb-11-ubnd-quang-ngai-2025.pdf", "digital"),
])
def test_kind_from_the_file_name(name, kind):
    from pathlib import Path

    from pipeline.corpus.evaluate import kind_of

    assert kind_of(Path(name), {}) == kind
    assert kind_of(Path(name), {"kind": "other"}) == "other"  # the answer's kind wins


def test_real_answers_are_found_and_labelled():
    docs = {d.name: json.loads(a.read_text("utf-8")) for d, a in find_documents(CORPUS / "real")}
    from pipeline.corpus.evaluate import kind_of

    kinds = {name: kind_of(CORPUS / "real" / name, a) for name, a in docs.items()}
    assert kinds["cd-2003-vpcp-2025.pdf"] == "digital" and kinds["tb-493-ubnd-lam-dong-2025-scan.pdf"] == "scan"
    assert kinds["nd-28-2021-cp-page1.jpg"] == "image" and kinds["bao-cao-tuyen-truyen-pctp-quy-I-2023.txt"] == "text"
    for name, a in docs.items():
        if name.endswith("-scan.pdf"):  # the real scans: number written by hand, null per the contract
            assert a["header"]["number"] is None, name


def test_eval_only_the_files_named(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("x", "utf-8")
        (tmp_path / f"{name}.expected.json").write_text(json.dumps({"header": {"number": "1/BC"}}), "utf-8")
    seen = []

    def fake(path):
        seen.append(path.name)
        raise ValueError("not read")

    ev = evaluate(tmp_path, files={"b.txt"}, process=fake)
    assert seen == ["b.txt"] and ev.as_dict()["all"]["documents"] == 1


def test_reference_dates_are_scored_over_the_references_that_have_one():
    gold = {"references": [{"type": "Công văn", "number": "715/BCĐ-CAT", "date": "2023-03-06"},
                           {"type": "Luật", "number": None, "title": "Luật Cán bộ, công chức", "date": "2008-11-13"},
                           {"type": "Công văn", "number": "20/STTTT-TTBCXB", "date": None}],
            "references_optional": [{"type": "Nghị định", "number": "30/2020/NĐ-CP"}]}
    pred = {"references": [{"type": "Công văn", "number": "715/BCĐ-CAT", "date": "2023-03-06"},  # tp
                           {"type": "Luật", "number": None, "title": "Luật Cán bộ, công chức", "date": None},  # fn
                           {"type": "Công văn", "number": "20/STTTT-TTBCXB", "date": "2023-01-05"},  # fp: no date there
                           {"type": "Nghị định", "number": "30/2020/NĐ-CP", "date": "2020-03-05"}]}  # optional
    s = score_document(gold, pred)["reference_dates"]
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)
    assert "reference_dates" not in score_document({"header": {}}, pred)
