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


@pytest.fixture(autouse=True)
def wide_vietnamese_terminal(monkeypatch):
    """The tests below read a 200-column terminal in the default language (Vietnamese), whatever the
    machine running them has; the tests of other widths and of English set their own."""
    monkeypatch.setenv("COLUMNS", "200")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


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
    assert "«đa dạng sinh học»" in out and "chú thích" in out  # the footnote, where it was found
    assert main(["search", "Bao Lang Son", "--json", "--db", db]) == 0
    records = json.loads(capsys.readouterr().out)
    assert {r["match"] for r in records} == {"Báo Lạng Sơn"} and len(records) == 2
    assert main(["search", "khong co o day", "--db", db]) == 0
    assert "không đoạn nào chứa 'khong co o day'" in capsys.readouterr().err


def test_cited_by_and_show(db, capsys):
    assert main(["cited-by", "715/bcd-cat", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "715/BCĐ-CAT: bản thân văn bản này chưa có trong kho"
    assert "1001/BC-STTTT" in out and "bao-cao-tuyen-truyen-pctp-quy-I-2023.txt" in out
    assert main(["show", "1001/BC-STTTT", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "mã trong kho 2" in out and "văn bản được dẫn (6):" in out
    assert "Đề án Tăng cường phòng, chống tội phạm" in out and "tr.1 chú thích 1 [" in out
    assert "ngày              20/06/2023" in out  # dd/mm/yyyy; --iso for machines
    assert main(["show", "1001/BC-STTTT", "--iso", "--db", db]) == 0
    assert "ngày              2023-06-20" in capsys.readouterr().out
    assert main(["show", "1", "--json", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out)["period"]["label"] == "quý I năm 2023"


def test_show_a_file_that_is_not_archived(db, tmp_path, capsys):
    other = tmp_path / "bao-cao-moi.txt"
    other.write_text(SEED.read_text("utf-8").replace("quý I", "quý III"), encoding="utf-8")
    assert main(["show", str(other), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "(chưa có trong kho)" in out and str(other) in out
    assert main(["show", str(tmp_path / "absent.txt"), "--db", db]) == 2
    assert "không phải văn bản trong kho" in capsys.readouterr().err


def test_show_html_without_the_display_module_says_so(db, monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(sys.modules, "pipeline.nlp.display", None)  # import fails as if not written yet
    assert main(["show", str(SEED), "--html", str(tmp_path / "x.html"), "--db", db]) == 5
    assert "render_html" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_counts_agencies_documents_failures(db, capsys):
    assert main(["counts", "--unit", "tin, bai", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "quý I/2023" in out and "quý II/2023" in out and "tin, bài" in out
    assert main(["counts", "--unit", "tin, bai", "--json", "--db", db]) == 0
    assert [r["quarter"] for r in json.loads(capsys.readouterr().out)] == ["2023Q1", "2023Q2"]  # codes for machines
    assert main(["agencies", "--json", "--db", db]) == 0
    assert {r["name"] for r in json.loads(capsys.readouterr().out)} >= {"Báo Lạng Sơn"}
    assert main(["documents", "--db", db]) == 0
    assert "1001/BC-STTTT" in capsys.readouterr().out
    assert main(["failures", "--db", db]) == 0
    assert "không có tệp nào lỗi" in capsys.readouterr().err


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


# --------------------------------------------------------------------------- issue 20: language, tables, Excel


@pytest.mark.parametrize("spelling", ["2023Q1", "quý I/2023", "Quý I năm 2023", "quý 1 năm 2023", "Q1/2023", "I/2023",
                                      "quy I/2023"])
def test_citations_quarter_as_people_write_it(db, capsys, spelling):
    assert main(["citations", "--quarter", spelling, "--json", "--db", db]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["number"] for r in records if r["number"]] == SEED_NUMBERS


@pytest.mark.parametrize("spelling, named", [("quý V/2023", "'V' không phải một quý"),
                                             ("6 tháng đầu năm 2023", "là 6 tháng đầu năm 2023"),
                                             ("hai nghìn", "thiếu năm")])
def test_citations_quarter_not_understood(db, capsys, spelling, named):
    assert main(["citations", "--quarter", spelling, "--db", db]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and named in err


@pytest.mark.parametrize("columns", [80, 200])
def test_tables_fit_the_terminal(db, capsys, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    for command in (["citations"], ["documents"], ["search", "phong chong"], ["cited-by", "715/BCĐ-CAT"],
                    ["agencies"], ["counts"]):
        assert main(command + ["--db", db]) == 0
        out = capsys.readouterr().out
        widths = [len(line) for line in out.splitlines()]
        assert max(widths) <= columns, (command, max(widths))
    assert main(["citations", "--db", db]) == 0
    out = capsys.readouterr().out
    title = "Tăng cường phòng, chống tội phạm về đa dạng sinh học đến năm 2030, tầm nhìn đến năm 2050"
    lines = out.splitlines()
    if columns == 200:  # room for the whole title, on two lines
        at = next(i for i, line in enumerate(lines) if "Tăng cường phòng, chống tội phạm về đa dạng sinh học" in line)
        start = lines[at].index("Tăng cường")
        end = lines[1].find(" ", start)  # the column ends where its "-----" under the heading does
        assert " ".join(line[start:end].strip() for line in lines[at:at + 2]) == title
    else:  # wrapped on three lines, then cut
        assert title not in " ".join(" ".join(lines).split()) and "…" in out
    assert main(["citations", "--json", "--db", db]) == 0
    assert any(r["title"] == title for r in json.loads(capsys.readouterr().out))  # the full value


def test_documents_show_agency_and_subject_and_dates_as_people_read_them(db, capsys):
    assert main(["documents", "--db", db]) == 0
    out = capsys.readouterr().out
    heading = out.splitlines()[0]
    for word in ("cơ quan", "trích yếu", "ngày", "số, ký hiệu"):
        assert word in heading
    assert "Kết quả tuyên truyền công tác phòng" in out  # the subject
    assert "20/06/2023" in out and "2023-06-20" not in out
    assert main(["documents", "--iso", "--db", db]) == 0
    assert "2023-06-20" in capsys.readouterr().out
    assert main(["documents", "--json", "--db", db]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records[1]["date"] == "2023-06-20" and isinstance(records[1]["pages"], int)
    assert records[0]["ingested_at"].endswith("+00:00")  # machines get ISO, in UTC


def test_english_with_lang_or_LANG(db, capsys, monkeypatch):
    assert main(["--lang", "en", "documents", "--db", db]) == 0
    heading = capsys.readouterr().out.splitlines()[0]
    assert "agency" in heading and "subject" in heading and "cơ quan" not in heading
    assert main(["failures", "--lang", "en", "--db", db]) == 0  # after the command too
    assert "no failures recorded" in capsys.readouterr().err
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert main(["failures", "--db", db]) == 0
    assert "no failures recorded" in capsys.readouterr().err
    assert main(["--lang", "vi", "failures", "--db", db]) == 0  # --lang wins over LANG
    assert "không có tệp nào lỗi" in capsys.readouterr().err
    assert main(["--lang", "fr", "failures", "--db", db]) == 2
    assert "--lang" in capsys.readouterr().err


def test_help_is_vietnamese_first(capsys, monkeypatch):
    with pytest.raises(SystemExit):
        main(["citations", "--help"])
    text = capsys.readouterr().out
    assert text.startswith("cách dùng: baocao citations") and "tuỳ chọn:" in text
    assert "quý I/2023" in text and "hiện ngày dạng 2023-03-28" in text
    with pytest.raises(SystemExit):
        main(["--lang", "en", "citations", "--help"])
    text = capsys.readouterr().out
    assert text.startswith("usage: baocao citations") and "show dates as 2023-03-28" in text


def test_csv_for_excel_has_a_bom_and_crlf(db, capfdbinary):
    assert main(["citations", "--excel", "--db", db]) == 0
    data = capfdbinary.readouterr().out
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    df = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert "715/BCĐ-CAT" in set(df["number"]) and set(df["date"].dropna()) >= {"2023-03-06"}  # ISO
    assert main(["citations", "--csv", "--db", db]) == 0
    plain = capfdbinary.readouterr().out
    assert not plain.startswith(b"\xef\xbb\xbf") and b"\r\n" not in plain  # --csv is unchanged
