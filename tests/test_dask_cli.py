"""What `baocao ingest --scheduler` and `--db` say when they cannot work: no dask installed, a
PostgreSQL URL. No cluster needed: these run whether or not the dask extra is installed."""
from __future__ import annotations

import sys

import pytest

from pipeline.cli import main


def test_scheduler_without_dask_names_the_extra(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` raises ImportError
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Số: 1/BC-STTTT\nBÁO CÁO\n", encoding="utf-8")
    code = main(["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "a.db"), "--scheduler", "tcp://127.0.0.1:8786"])
    assert code == 5  # ExitCode.missing_dependency
    err = capsys.readouterr().err
    assert "pip install 'baocao[dask]'" in err and "--scheduler" in err


@pytest.mark.parametrize("url", ["postgresql://baocao@db.example/archive", "postgres://db/archive",
                                 "mysql://db/archive"])
@pytest.mark.parametrize("command", [["ingest", "folder"], ["citations"], ["search", "mua ban"]])
def test_a_database_url_is_refused_with_the_single_writer_design(url, command, capsys):
    with pytest.raises(SystemExit) as exit:
        main([*command, "--db", url])
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert f"{url}: a " in err and "is not supported" in err
    assert "one SQLite file" in err and "e.g. --db archive.db" in err


def test_a_file_path_is_still_a_database(tmp_path, capsys):
    db = tmp_path / "dir:with colon" / "archive.db"
    db.parent.mkdir()
    assert main(["ingest", str(tmp_path / "dir:with colon"), "--db", str(db), "--quiet"]) == 0
    assert db.exists()
