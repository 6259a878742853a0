"""`baocao draft` from the command line: DOCX, Markdown and the figures workbook, with the archive
of tests/test_draft_docx.py (the seed plus four text documents written there)."""
from __future__ import annotations

import re

import openpyxl
import pytest

from pipeline.cli import main
from tests.conftest import ROOT, SEED
from tests.test_draft_docx import archive_db, seed_contract  # noqa: F401  (module fixtures)


@pytest.fixture(scope="module")
def outputs(archive_db, tmp_path_factory):  # noqa: F811
    out = tmp_path_factory.mktemp("cli")
    docx_path, md_path, xlsx_path = out / "draft.docx", out / "draft.md", out / "draft.xlsx"
    code = main(["draft", "--from", str(SEED), "--period", "2023Q2", "--out", str(docx_path),
                 "--db", str(archive_db), "--data", str(xlsx_path)])
    assert code == 0
    code = main(["draft", "--from", str(SEED), "--period", "2023Q2", "--out", str(md_path),
                 "--format", "md", "--db", str(archive_db)])
    assert code == 0
    return docx_path, md_path, xlsx_path


def test_docx_written(outputs):
    docx_path, _, _ = outputs
    assert docx_path.stat().st_size > 5000


def test_markdown_has_the_same_draft(outputs):
    _, md_path, _ = outputs
    text = md_path.read_text("utf-8")
    assert "# BÁO CÁO" in text
    assert "quý II năm 2023" in text
    assert "<mark>[… — quý I/2023: trên 30 tin, bài]</mark>" in text
    assert "Thực hiện Công văn số 1234/BCĐ-CAT ngày 05/6/2023" in text
    assert "## 1. Công tác chỉ đạo, triển khai thực hiện" in text
    [definition] = [line for line in text.splitlines() if line.startswith("[^1]:")]
    assert "612/STTTT-TTBCXB" in definition
    assert "***Nơi nhận:***" in text and "- Lưu: VT, TTBCXB (TCC)." in text
    assert "**Lê Hải Yến**" in text


def test_figures_table(outputs, seed_contract):  # noqa: F811
    _, _, xlsx_path = outputs
    wb = openpyxl.load_workbook(xlsx_path)
    ws = wb["Số liệu"]
    rows = list(ws.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[5] == "quý II/2023 (điền)" and header[6] == "quý I/2023" and header[8] == "quý IV/2022"
    assert len(body) == len(seed_contract["counts"])
    by_text = {r[2]: r for r in body}
    row = by_text["trên 30 tin, bài"]
    assert row[0] == "2" and row[3] == "tin, bài" and row[4] == "trên"
    assert row[5] is None  # to fill
    assert row[6] == 30
    assert "trang 1" in row[7] and "mục 2" in row[7]
    # the period before: the Sở's quý IV/2022 report, same unit in the same section
    assert row[8] == 25
    assert "18/BC-STTTT" in row[9]
    # a count without a match last-but-one period stays empty rather than guessed
    [percent] = [r for r in body if r[3] == "%"]
    assert percent[8] is None
    sources = [r for r in wb["Nguồn"].iter_rows(values_only=True)][1:]
    assert any("1234/BCĐ-CAT" in r[1] for r in sources)
    assert any("612/STTTT-TTBCXB" in r[1] for r in sources)


def test_from_an_archived_number(archive_db, tmp_path):  # noqa: F811
    out = tmp_path / "q1.md"
    assert main(["draft", "--from", "18/BC-STTTT", "--period", "2023Q1", "--out", str(out),
                 "--db", str(archive_db)]) == 0
    text = out.read_text("utf-8")
    assert "quý I năm 2023" in text and "Số:      /BC-STTTT" in text


@pytest.mark.parametrize("period", ["2023Q5", "quý hai"])
def test_bad_period_is_a_usage_error(period, tmp_path, capsys):
    assert main(["draft", "--from", str(SEED), "--period", period, "--out", str(tmp_path / "x.docx")]) == 2
    assert "2023Q2" in capsys.readouterr().err  # the message shows how to write it


def test_missing_previous_report(tmp_path, capsys):
    assert main(["draft", "--from", str(tmp_path / "none.txt"), "--period", "2023Q2",
                 "--out", str(tmp_path / "x.docx")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


def test_readme_documents_the_command():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "## Drafting the next report" in readme
    assert "baocao draft --from" in readme


def test_help_lists_every_option(capsys):
    with pytest.raises(SystemExit):
        main(["draft", "--help"])
    text = capsys.readouterr().out
    for option in ("--from", "--period", "--out", "--format", "--data", "--db"):
        assert option in text




@pytest.mark.parametrize("spelling", ["quý II/2023", "Quý II năm 2023", "quý 2 năm 2023", "Q2/2023", "II/2023"])
def test_period_as_people_write_it(outputs, archive_db, tmp_path, spelling):  # noqa: F811
    _, md_path, _ = outputs  # written with --period 2023Q2
    out = tmp_path / "q2.md"
    assert main(["draft", "--from", str(SEED), "--period", spelling, "--out", str(out), "--db", str(archive_db)]) == 0
    assert out.read_text("utf-8") == md_path.read_text("utf-8")


def test_notes_for_the_drafter_in_vietnamese(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    xlsx = tmp_path / "h1.xlsx"
    assert main(["draft", "--from", str(SEED), "--period", "6 tháng đầu năm 2023", "--out", str(tmp_path / "h1.md"),
                 "--data", str(xlsx)]) == 0
    captured = capsys.readouterr()
    assert "bản nháp 6 tháng đầu năm 2023" in captured.out
    ws = openpyxl.load_workbook(xlsx)["Ghi chú"]
    rows = [r[0] for r in ws.iter_rows(values_only=True)]
    assert rows[0] == "Ghi chú cho người soạn"
    notes = rows[1:]
    assert notes and any("kho chưa có văn bản yêu cầu báo cáo 6 tháng đầu năm 2023" in n for n in notes)
    assert not any(re.search(r"\b(the|archive|placeholder)\b", n) for n in notes), notes  # no English left
    assert all(f"ghi chú: {n}" in captured.err for n in notes)
    assert main(["--lang", "en", "draft", "--from", str(SEED), "--period", "2023H1", "--out",
                 str(tmp_path / "h1-en.md")]) == 0
    assert "no request document for 6 tháng đầu năm 2023 in the archive" in capsys.readouterr().err
