"""The archive's commands as a user types them: tables, --json, --csv, show, export, messages."""
from __future__ import annotations

import io
import json
import sys

import pandas as pd
import pytest

from pipeline.archive import Archive, store
from pipeline.cli import build_parser, main
from tests.conftest import ROOT, SEED
from tests.test_archive import seed_contract, variant

ARCHIVE_COMMANDS = ["ingest", "citations", "search", "show", "counts", "agencies", "failures", "documents",
                    "cited-by", "export"]
SEED_NUMBERS = ["715/BCĐ-CAT", "20/STTTT-TTBCXB", "58/STTTT-TTBCXB", "293/STTTT-TTBCXB", "492/STTTT-TTBCXB"]


@pytest.fixture()
def db(tmp_path) -> str:
    path = tmp_path / "archive.db"
    with Archive(path) as archive:
        archive.add(seed_contract())
        archive.add(variant(seed_contract(), quarter=2, tag="q2", number="1001/BC-STTTT", date="2023-06-20",
                            cites={"715/BCĐ-CAT": "715/BCD-CAT"}))
    return str(path)


def test_citations_table(db, capsys):
    assert main(["citations", "--quarter", "2023Q1", "--db", db]) == 0
    out = capsys.readouterr().out
    for number in SEED_NUMBERS:
        assert number in out
    assert "Đề án" in out and "Tăng cường phòng, chống tội phạm" in out
    assert "1001/BC-STTTT" not in out  # the Q2 report is not in Q1


def test_citations_json_and_csv(db, capsys):
    assert main(["citations", "--quarter", "2023Q2", "--json", "--db", db]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["number"] for r in records if r["number"]] == ["715/BCD-CAT"] + SEED_NUMBERS[1:]
    assert {r["cited_by"] for r in records} == {"1001/BC-STTTT"}
    assert main(["citations", "--csv", "--db", db]) == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert len(df) == 12 and set(df["cited_by"]) == {"1001/BC-STTTT", "bao-cao-tuyen-truyen-pctp-quy-I-2023.txt"}


def test_search_table_and_json(db, capsys):
    assert main(["search", "da dang sinh hoc", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "«đa dạng sinh học»" in out and "footnote" in out
    assert main(["search", "Bao Lang Son", "--json", "--db", db]) == 0
    records = json.loads(capsys.readouterr().out)
    assert {r["match"] for r in records} == {"Báo Lạng Sơn"} and len(records) == 2
    assert main(["search", "khong co o day", "--db", db]) == 0
    assert "no passage contains" in capsys.readouterr().err


def test_cited_by_and_show(db, capsys):
    assert main(["cited-by", "715/bcd-cat", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "715/BCĐ-CAT: not itself in the archive"
    assert "1001/BC-STTTT" in out and "bao-cao-tuyen-truyen-pctp-quy-I-2023.txt" in out
    assert main(["show", "1001/BC-STTTT", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "archive id 2" in out and "references (6):" in out
    assert "Đề án Tăng cường phòng, chống tội phạm" in out and "p.1 footnote 1 [" in out
    assert main(["show", "1", "--json", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out)["period"]["label"] == "quý I năm 2023"


def test_show_a_file_that_is_not_archived(db, tmp_path, capsys):
    other = tmp_path / "bao-cao-moi.txt"
    other.write_text(SEED.read_text("utf-8").replace("quý I", "quý III"), encoding="utf-8")
    assert main(["show", str(other), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "(not in the archive)" in out and str(other) in out
    assert main(["show", str(tmp_path / "absent.txt"), "--db", db]) == 2
    assert "neither an archived document" in capsys.readouterr().err


def test_show_html_without_the_display_module_says_so(db, monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(sys.modules, "pipeline.nlp.display", None)  # import fails as if not written yet
    assert main(["show", str(SEED), "--html", str(tmp_path / "x.html"), "--db", db]) == 5
    assert "render_html" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_counts_agencies_documents_failures(db, capsys):
    assert main(["counts", "--unit", "tin, bai", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "2023Q1" in out and "2023Q2" in out and "tin, bài" in out
    assert main(["agencies", "--json", "--db", db]) == 0
    assert {r["name"] for r in json.loads(capsys.readouterr().out)} >= {"Báo Lạng Sơn"}
    assert main(["documents", "--db", db]) == 0
    assert "1001/BC-STTTT" in capsys.readouterr().out
    assert main(["failures", "--db", db]) == 0
    assert "no failures recorded" in capsys.readouterr().err


def test_export_command(db, tmp_path, capsys):
    assert main(["export", "--format", "csv", "--out", str(tmp_path / "out"), "--db", db]) == 0
    written = capsys.readouterr().out.split()
    assert len(written) == len(store.EXPORT_TABLES) and all(p.startswith(str((tmp_path / "out").resolve())) for p in written)
    docs = pd.read_csv(tmp_path / "out" / "documents.csv", encoding="utf-8-sig")
    assert list(docs["number"].fillna("")) == ["", "1001/BC-STTTT"]


def test_every_archive_command_has_help_and_a_readme_entry():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    readme = (ROOT / "README.md").read_text("utf-8")
    for name in ARCHIVE_COMMANDS:
        assert name in sub.choices, name
        help_text = sub.choices[name].format_help()
        assert "--db" in help_text, name
        assert f"baocao {name}" in readme, name
