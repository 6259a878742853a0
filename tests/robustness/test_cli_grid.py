"""Every command, given each of its arguments at a hostile value, ends with a message, never a
traceback: the grid (command × bad argument) runs in process through pipeline.cli.main (an exception
escaping main fails the case), and a sample of it through the real `baocao` command, whose output
must not hold "Traceback".

A failure the command explains (a BaocaoError) is one line on stderr starting "baocao: "; a bad
argument is argparse's usage and one "error:" line, exit 2.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.conftest import ROOT
from tests.robustness.fakes import baocao_command, baocao_env
from tests.test_archive_ingest import write_reports

LONG_ID = "12345678901234567890123"


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    """A folder with an archive of four reports, a damaged copy of it, and hostile paths."""
    root = tmp_path_factory.mktemp("grid")
    write_reports(root / "in", 4)
    assert main(["ingest", str(root / "in"), "--db", str(root / "a.db"), "--quiet", "--workers", "1"]) == 0
    data = bytearray((root / "a.db").read_bytes())
    for offset in range(3 * 4096, len(data), 2 * 4096):  # every other page overwritten past the schema
        data[offset + 100: offset + 700] = b"\xff" * 600
    (root / "damaged.db").write_bytes(bytes(data))
    (root / "folder").mkdir()
    (root / "afile").write_text("not an archive, not a folder\n")
    (root / "trunc.txt").write_bytes(b"\xff\xfeB\x00A\x00O\x00 ")
    os.mkfifo(root / "pipe.pdf")
    return root


def _cases(p: Path) -> list[list[str]]:
    db, bad_db = str(p / "a.db"), str(p / "damaged.db")
    folder, afile, missing = str(p / "folder"), str(p / "afile"), str(p / "missing" / "x")
    long_path = str(p / "/".join(["d" * 150] * 30) / "x.txt")  # over PATH_MAX (4096 bytes)
    queries = [["citations"], ["search", "bao cao"], ["counts"], ["agencies"], ["failures"], ["documents"],
               ["cited-by", "715/BCĐ-CAT"], ["show", "1"], ["export", "--out", str(p / "exp")]]
    cases: list[list[str]] = []
    for q in queries:  # every query on every kind of bad archive
        for target in (bad_db, folder, afile, missing, str(p / "in" / "bc-000.txt")):
            cases.append([*q, "--db", target])
    for path in (str(p / "missing.pdf"), folder, str(p / "pipe.pdf"), str(p / "trunc.txt"), long_path, LONG_ID):
        cases.append(["extract", path])
    for option, values in {"--max-pages": ["0", "-1", "x"], "--page-timeout": ["-5", "0", "nan", "inf"],
                           "--max-pixels": ["0", "-3"]}.items():
        for value in values:
            cases.append(["extract", str(p / "in" / "bc-000.txt"), option, value])
            cases.append(["ingest", str(p / "in"), "--db", str(p / "new.db"), option, value])
    for option, values in {"--timeout": ["-5", "nan", "x"], "--workers": ["0", "-1", "x"],
                           "--scheduler": ["127.0.0.1", "tcp://", "host:99999", "tcp://host"]}.items():
        for value in values:
            cases.append(["ingest", str(p / "in"), "--db", str(p / "new.db"), option, value])
    for target in (str(p / "missing"), afile):
        cases.append(["ingest", target, "--db", str(p / "new.db")])
    for target in (folder, missing, bad_db):
        cases.append(["ingest", str(p / "in"), "--db", target, "--quiet"])
    for value in ("-1", "0", "x"):
        cases.append(["search", "bao cao", "--db", db, "--limit", value])
    for quarter in ("2023Q5", "abc", "99999Q1"):
        cases.append(["citations", "--quarter", quarter, "--db", db])
    cases += [["show", LONG_ID, "--db", db], ["show", "1", "--db", db, "--html", folder],
              ["show", "1", "--db", db, "--html", missing], ["show", str(p / "trunc.txt"), "--db", db],
              ["export", "--out", afile, "--db", db], ["export", "--out", str(p / "afile" / "x"), "--db", db]]
    draft = ["draft", "--period", "2023Q2", "--db", db]
    for out in (folder, missing + ".docx", str(p / "d.pdf"), str(p / "d")):
        cases.append([*draft, "--from", "1", "--out", out])
    cases += [[*draft, "--from", LONG_ID, "--out", str(p / "d.docx")],
              [*draft, "--from", str(p / "missing.docx"), "--out", str(p / "d.docx")],
              [*draft, "--from", "1", "--out", str(p / "d.docx"), "--data", folder],
              [*draft, "--from", "1", "--out", str(p / "d.md"), "--format", "docx"],
              ["draft", "--period", "2023Q9", "--from", "1", "--out", str(p / "d.docx"), "--db", db],
              ["draft", "--period", "2023Q2", "--from", "1", "--out", str(p / "d.docx"), "--db", bad_db]]
    for target in (str(p / "missing"), afile, folder):
        cases.append(["eval", target])
    cases.append(["eval", folder, "--limit", "-1"])
    for option, value in (("--n", "0"), ("--n", "-1"), ("--dpi", "0"), ("--start", "-2"), ("--max-pages", "0")):
        cases.append(["corpus", "build", "--out", str(p / "built"), option, value])
    cases.append(["corpus", "build", "--out", afile, "--n", "1", "--kinds", "text"])
    for out in (str(p / "fig.gif"), folder, missing + ".png"):
        cases.append(["plot", "citations", "--out", out, "--db", db])
    cases.append(["plot", "citations", "--out", str(p / "fig.png"), "--db", bad_db])
    for target in (bad_db, folder, afile, missing):
        cases.append(["correct", "1", "number", "12/BC-X", "--db", target])
        cases.append(["corrections", "--db", target])
        cases.append(["files", "--db", target])
        cases.append(["split", "bc-000.txt", "--db", target])
        cases.append(["merge", "1", "2", "--db", target])
    cases += [["split", str(p / "missing.pdf"), "--db", db], ["split", LONG_ID, "--db", db],
              ["merge", LONG_ID, "1", "--db", db], ["merge", "1", "1", "--db", db], ["merge", "x", "y", "--db", db]]
    cases += [["correct", LONG_ID, "number", "12/BC-X", "--db", db], ["corrections", "--undo", LONG_ID, "--db", db],
              ["corrections", "--undo", "x", "--db", db], ["serve", "--port", "x", "--db", db]]
    return cases


def test_every_exit_code_is_in_the_readme():
    from pipeline.errors import ExitCode

    readme = (ROOT / "README.md").read_text("utf-8")
    at = readme.index("Exit codes (`pipeline/errors.py`)")
    listed = readme[at:at + 1200]
    assert all(f"{int(c)} " in listed for c in ExitCode), [int(c) for c in ExitCode if f"{int(c)} " not in listed]


def test_the_grid_has_every_command(place):
    from pipeline.cli import build_parser

    commands = {c[0] for c in _cases(place)}
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) <= commands, set(sub.choices) - commands


def _run_in_process(argv, capsys) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as e:  # argparse's refusal of a bad argument
        code = e.code
    out, err = capsys.readouterr()
    return code, out, err


def test_every_command_with_every_hostile_argument_ends_in_a_message(place, capsys):
    """... and a documented exit code (pipeline.errors.ExitCode, listed in the README)."""
    from pipeline.errors import ExitCode

    documented = {int(c) for c in ExitCode}
    problems = []
    for argv in _cases(place):
        try:
            code, out, err = _run_in_process(argv, capsys)
        except BaseException as e:  # anything escaping main is a traceback for the user
            problems.append(f"{argv}: {type(e).__name__}: {e}")
            continue
        if "Traceback" in out + err:
            problems.append(f"{argv}: Traceback in the output")
        elif code not in documented:
            problems.append(f"{argv}: exit {code!r}, not a documented code")
        elif code == 0:
            continue  # a value that is fine after all (--page-timeout inf: no limit), or a file read with a warning
        elif code == 2 and err.startswith(("usage: ", "cách dùng: ")) and any(
                w in err.strip().splitlines()[-1] for w in (": error: ", ": lỗi: ")):
            continue  # argparse: usage and one error line
        elif err.count("\n") != 1 or not err.startswith("baocao: "):
            problems.append(f"{argv}: exit {code}, not one line: {err!r}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("argv,expected", [
    (["extract", "{p}/in/bc-000.txt", "--max-pages", "0"], "argument --max-pages: 0 is less than 1"),
    (["extract", "{p}/in/bc-000.txt", "--max-pages", "-1"], "-1 is less than 1"),
    (["extract", "{p}/in/bc-000.txt", "--page-timeout", "-5"], "-5 must be more than 0"),
    (["ingest", "{p}/in", "--db", "{p}/refused.db", "--timeout", "-5"], "-5 is less than 0"),
    (["search", "x", "--db", "{p}/a.db", "--limit", "-1"], "-1 is less than 1"),
    (["ingest", "{p}/in", "--db", "{p}/refused.db", "--scheduler", "127.0.0.1"], "give tcp://HOST:PORT"),
])
def test_hostile_values_are_refused_by_name(place, capsys, argv, expected):
    argv = ["--lang", "en", *(a.format(p=place) for a in argv)]
    code, out, err = _run_in_process(argv, capsys)
    assert code == 2 and expected in err.strip().splitlines()[-1], err
    assert not (place / "refused.db").exists()


@pytest.mark.parametrize("argv,words", [
    (["draft", "--period", "2023Q2", "--db", "{p}/a.db", "--from", "1", "--out", "{p}/d.pdf"], "writes .docx files only"),
    (["draft", "--period", "2023Q2", "--db", "{p}/a.db", "--from", "1", "--out", "{p}/folder"], "is a folder"),
    (["draft", "--period", "2023Q2", "--db", "{p}/a.db", "--from", "1", "--out", "{p}/missing/x.docx"], "does not exist"),
    (["show", "1", "--db", "{p}/a.db", "--html", "{p}/folder"], "is a folder"),
    (["show", LONG_ID, "--db", "{p}/a.db"], "is neither an archived document"),
    (["eval", "{p}/missing"], "no such folder"),
    (["agencies", "--db", "{p}/damaged.db"], "damaged"),
    (["search", "bao cao", "--db", "{p}/damaged.db"], "damaged"),
    (["export", "--out", "{p}/exp2", "--db", "{p}/damaged.db"], "damaged"),
    (["counts", "--db", "{p}/damaged.db"], "damaged"),
    (["extract", "{p}/trunc.txt"], None),
])
def test_named_failures_are_one_line(place, capsys, argv, words):
    argv = ["--lang", "en", *(a.format(p=place) for a in argv)]
    code, out, err = _run_in_process(argv, capsys)
    if words is None:  # read, with a warning
        assert code == 0 and "could not be decoded as UTF-16" in out, (out, err)
        return
    assert code not in (0, 1) and err.count("\n") == 1 and err.startswith("baocao: ") and words in err, err


@pytest.mark.parametrize("argv", [
    ["agencies", "--db", "{p}/damaged.db"],
    ["show", LONG_ID, "--db", "{p}/a.db"],
    ["ingest", "{p}/in", "--db", "{p}/new.db", "--scheduler", "127.0.0.1"],
    ["draft", "--period", "2023Q2", "--db", "{p}/a.db", "--from", "1", "--out", "{p}/folder"],
    ["extract", "{p}/trunc.txt"],
    ["eval", "{p}/missing"],
])
def test_the_command_itself_prints_no_traceback(place, argv):
    argv = [a.format(p=place) for a in argv]
    run = subprocess.run(baocao_command(*argv), cwd=ROOT, env=baocao_env(), capture_output=True, text=True, timeout=60)
    assert "Traceback" not in run.stdout + run.stderr, run.stderr
    assert run.returncode != 1


def _read_only_folder(root: Path):
    """A folder that cannot be written, even by root: a tmpfs remounted read-only (root), or chmod."""
    folder = root / "ro"
    folder.mkdir()
    if os.geteuid() == 0:
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)], capture_output=True).returncode:
            pytest.skip("cannot mount a tmpfs here")
        return folder, lambda: subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True), \
            lambda: subprocess.run(["umount", "-l", str(folder)], capture_output=True)
    return folder, lambda: folder.chmod(0o555), lambda: folder.chmod(0o755)


@pytest.mark.parametrize("query,words", [
    (["documents"], "bc-001.txt"), (["search", "bao cao"], "«"), (["agencies"], "Sở Thông tin"),
    (["show", "bc-001.txt"], "101/BC-STTTT"),
])
def test_an_archive_in_a_read_only_folder_can_be_queried(tmp_path, query, words):
    folder, freeze, undo = _read_only_folder(tmp_path)
    try:
        write_reports(tmp_path / "in", 3)
        db = folder / "a.db"
        run = subprocess.run(baocao_command("ingest", str(tmp_path / "in"), "--db", str(db), "--quiet"), cwd=ROOT,
                             env=baocao_env(), capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        freeze()
        assert not os.access(folder, os.W_OK)
        run = subprocess.run(baocao_command(*query, "--db", str(db)), cwd=ROOT, env=baocao_env(), capture_output=True,
                             text=True, timeout=60)
        assert run.returncode == 0 and words in run.stdout, run.stderr
        assert sorted(p.name for p in folder.iterdir()) == ["a.db"]
    finally:
        undo()
