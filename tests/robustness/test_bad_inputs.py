"""Bad, hostile and odd files, all in one folder: `baocao ingest` gives each a clear result (archived,
or a failure row whose one-line cause names the file) and the batch goes on; `baocao extract` on each
bad one exits non-zero with one line on stderr and nothing on stdout.

Single-file behaviour of read() on most of these is tested in tests/test_read_inputs.py; here they go
through the two commands together, as a user's messy folder would. OCR uses a fake ``tesseract``
(tests/robustness/fakes.py) that finds no words, so the 500-page TIFF costs seconds, not minutes.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import unicodedata
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.conftest import ROOT, SEED
from tests.robustness import bad_files as bad
from tests.robustness.fakes import baocao_command, baocao_env, fake_tesseract

NEWLINE_NAME = "báo cáo\nquý I.txt"
BROKEN_NEWLINE_NAME = "hỏng\ntệp.pdf"
QUOTES_NAME = "\"trích\" 'dẫn' `x`; $(rm).txt"
NFD_NAME = unicodedata.normalize("NFD", "báo cáo tuyên truyền quý II.txt")
DASH_NAME = "-rf.pdf"

# file name -> ("processed", pages) or ("failed", words the one-line cause must hold)
EXPECTED: dict[str, tuple[str, object]] = {
    "empty.pdf": ("failed", "empty file"),
    "truncated.pdf": ("failed", "damaged PDF"),
    "corrupt.pdf": ("failed", "damaged PDF"),
    "locked.pdf": ("failed", "encrypted PDF"),
    "restricted.pdf": ("processed", 1),  # empty user password: opens, like any viewer does
    "javascript.pdf": ("processed", 1),
    "page-tree-loop.pdf": ("failed", "damaged PDF"),
    "zero-pages.pdf": ("failed", "no pages"),
    "thousand-pages.pdf": ("processed", 1000),
    "photo.pdf": ("processed", 1),  # a JPEG named .pdf: read as an image
    "bomb-30000x30000.png": ("failed", "too large"),
    "bomb-30000x30000.tif": ("failed", "too large"),
    "five-hundred-pages.tif": ("processed", 500),
    "zip-bomb.docx": ("failed", "zip bomb"),
    "utf16.txt": ("processed", 1),
    "windows-1258.txt": ("processed", 1),
    "garbage.txt": ("failed", "not text"),
    NEWLINE_NAME: ("processed", 1),
    BROKEN_NEWLINE_NAME: ("failed", "damaged PDF"),
    QUOTES_NAME: ("processed", 1),
    NFD_NAME: ("processed", 1),
    DASH_NAME: ("processed", 2),
    "unreadable.txt": ("failed", "Permission denied"),
}
TEXTS = {"utf16.txt", "windows-1258.txt"}


def _make_folder(folder: Path) -> Path:
    folder.mkdir()
    seed = SEED.read_text("utf-8")
    (folder / "empty.pdf").write_bytes(b"")
    bad.truncated_pdf(folder / "truncated.pdf")
    bad.corrupt_pdf(folder / "corrupt.pdf")
    bad.encrypted_pdf(folder / "locked.pdf", "mat-khau")
    bad.encrypted_pdf(folder / "restricted.pdf", "")
    bad.javascript_pdf(folder / "javascript.pdf", folder.parent / "javascript-ran")
    bad.looping_page_tree_pdf(folder / "page-tree-loop.pdf")
    bad.zero_page_pdf(folder / "zero-pages.pdf")
    bad.many_page_pdf(folder / "thousand-pages.pdf", 1000)
    bad.jpeg_named_pdf(folder / "photo.pdf")
    bad.huge_png(folder / "bomb-30000x30000.png")
    bad.huge_tiff(folder / "bomb-30000x30000.tif")
    bad.many_page_tiff(folder / "five-hundred-pages.tif", 500)
    bad.docx_bomb(folder / "zip-bomb.docx")
    bad.utf16_text(folder / "utf16.txt")
    bad.cp1258_text(folder / "windows-1258.txt")
    bad.binary_txt(folder / "garbage.txt")
    (folder / NEWLINE_NAME).write_text(seed.replace("quý I", "quý III"), encoding="utf-8")
    (folder / BROKEN_NEWLINE_NAME).write_bytes(bad.corrupt_pdf(folder / BROKEN_NEWLINE_NAME).read_bytes() + b"2")
    (folder / QUOTES_NAME).write_text(seed.replace("quý I", "quý IV"), encoding="utf-8")
    (folder / NFD_NAME).write_bytes(unicodedata.normalize("NFD", seed.replace("quý I", "quý II")).encode())
    bad.many_page_pdf(folder / DASH_NAME, 2, "Bao cao so 12/BC-UBND")
    unreadable = folder / "unreadable.txt"
    unreadable.write_text(seed.replace("2023", "2021"), encoding="utf-8")
    unreadable.chmod(0)
    (folder / "cycle.pdf").symlink_to("cycle.pdf")  # a link to itself: stat fails with ELOOP
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..")  # a folder loop: must not be walked round
    return folder


def _as_user(command: list[str]) -> list[str] | None:
    """The command run so that file permissions apply: as is for a normal user; for root, under
    setpriv without the capabilities that bypass them. None when that is not possible."""
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if not setpriv:
        return None
    drop = "-dac_override,-dac_read_search"
    probe = subprocess.run([setpriv, f"--bounding-set={drop}", f"--inh-caps={drop}", "true"], capture_output=True)
    if probe.returncode != 0:
        return None
    return [setpriv, f"--bounding-set={drop}", f"--inh-caps={drop}", *command]


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    """The folder, one `baocao ingest` of it, and what the run printed."""
    base = tmp_path_factory.mktemp("messy")
    folder = _make_folder(base / "lưu trữ")
    fake = fake_tesseract(base / "bin", "empty")
    env = baocao_env(f"{fake}{os.pathsep}{os.environ['PATH']}")
    db = base / "archive.db"
    ingest = baocao_command("ingest", str(folder), "--db", str(db), "--workers", "2", "--quiet")
    permissions_apply = _as_user(ingest) is not None
    if not permissions_apply:
        (folder / "unreadable.txt").unlink()

    def run_ingest():
        return subprocess.run(_as_user(ingest) or ingest, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)

    return {"folder": folder, "db": db, "run": run_ingest(), "rerun": run_ingest, "env": env, "base": base,
            "permissions": permissions_apply}


def _rows(db: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _file_contract(db: Path, file_id: int) -> dict:
    """A file's own contract as the archive keeps it (compressed: pipeline.archive.store.file_contract)."""
    from pipeline.archive import store

    conn = sqlite3.connect(db)
    try:
        return store.file_contract(conn, file_id)
    finally:
        conn.close()


def test_ingest_of_the_messy_folder_finishes(messy):
    run = messy["run"]
    assert run.returncode == 8, run.stderr  # finished, and some files could not be archived (ExitCode.some_failed)
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_file_has_a_clear_result(messy, name):
    if name == "unreadable.txt" and not messy["permissions"]:
        pytest.skip("running as root without setpriv: permissions cannot be made to apply")
    path = str(messy["folder"] / name)
    outcome, detail = EXPECTED[name]
    documents = _rows(messy["db"], "SELECT pages, format, id FROM files WHERE path = ?", (path,))  # the file's own row
    failures = _rows(messy["db"], "SELECT reason, kind FROM failures WHERE path = ?", (path,))
    if outcome == "processed":
        assert failures == [], failures
        assert len(documents) == 1 and documents[0][0] == detail, documents
    else:
        assert documents == []
        assert len(failures) == 1, failures
        reason = failures[0][0]
        assert detail in reason and "\n" not in reason, reason
        # the summary names the file on one line (a newline in its name is shown as \n)
        shown = path.replace("\n", "\\n")
        assert any(line.startswith(f"  FAILED  {shown}: ") and detail in line for line in messy["run"].stdout.splitlines())


def test_vietnamese_text_files_in_utf16_and_windows_1258_read_correctly(messy):
    from pipeline.archive import Archive

    with Archive(messy["db"]) as archive:
        hits = archive.search("phong chong toi pham quy I nam 2023 cua So Thong tin va Truyen thong")
        files = archive.files().set_index("file")
    # the two files hold the same text: one document, found once; each file's own reading is right too
    found = {int(d): m for d, m in zip(hits["document_id"], hits["match"])}
    expected = bad.VIETNAMESE[bad.VIETNAMESE.index("phòng"):]
    for name in TEXTS:  # the original text, every tone mark right, composed (NFC)
        assert found.get(int(files.loc[name, "document_id"])) == expected, (name, found)
        (file_id,) = _rows(messy["db"], "SELECT id FROM files WHERE path = ?", (str(messy["folder"] / name),))[0]
        assert expected in json.dumps(_file_contract(messy["db"], file_id), ensure_ascii=False), name


def test_the_jpeg_named_pdf_is_read_as_an_image_and_the_pdf_javascript_never_runs(messy):
    fmt = _rows(messy["db"], "SELECT format FROM files WHERE path = ?", (str(messy["folder"] / "photo.pdf"),))
    assert fmt == [("image",)]
    assert not (messy["base"] / "javascript-ran").exists()


def test_links_that_loop_are_skipped_and_no_file_is_archived_twice(messy):
    out = messy["run"].stdout
    assert f"skipped {messy['folder'] / 'cycle.pdf'}: cannot stat" in out
    paths = [p for (p,) in _rows(messy["db"], "SELECT path FROM files")]
    assert not any("/sub/up/" in p for p in paths)
    assert len(paths) == len(set(paths)) == sum(1 for o, _ in EXPECTED.values() if o == "processed")


def test_archive_is_consistent_after_the_messy_run(messy):
    assert_consistent(messy["db"])


def test_a_second_run_changes_nothing(messy):
    before = _rows(messy["db"], "SELECT id, path, sha256, document_id FROM files ORDER BY id")
    run = messy["rerun"]()
    assert run.returncode == 8, run.stderr  # the bad files are tried again, and fail again
    assert _rows(messy["db"], "SELECT id, path, sha256, document_id FROM files ORDER BY id") == before
    assert " 0 processed" in run.stdout


def assert_consistent(db: Path) -> None:
    """PRAGMA integrity_check is ok, foreign keys hold, and no row of any table points at a
    document that is not there."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            columns = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}  # names from sqlite_master
            if "document_id" in columns:
                orphans = conn.execute(
                    f'SELECT COUNT(*) FROM "{table}" WHERE document_id IS NOT NULL '
                    "AND document_id NOT IN (SELECT id FROM documents)").fetchone()[0]
                assert orphans == 0, f"{orphans} orphan rows in {table}"
    finally:
        conn.close()


# --------------------------------------------------------------------------- baocao extract


FAILING = sorted(name for name, (outcome, _) in EXPECTED.items() if outcome == "failed" and name != "unreadable.txt")


@pytest.mark.parametrize("name", FAILING)
def test_extract_of_a_bad_file_is_one_line_on_stderr_and_nothing_on_stdout(messy, name, capsys):
    path = messy["folder"] / name
    code = main(["--lang", "vi", "extract", "--", str(path)])
    out, err = capsys.readouterr()
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and err.startswith("baocao: ") and str(path).replace("\n", "\\n") in err
    vietnamese = err
    code = main(["--lang", "en", "extract", "--", str(path)])  # the causes below are the English ones
    out, err = capsys.readouterr()
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and err.startswith("baocao: ")
    assert str(path).replace("\n", "\\n") in err and EXPECTED[name][1] in err
    assert vietnamese != err  # the cause is translated


def test_extract_of_an_unreadable_file(tmp_path, capsys, monkeypatch):
    """chmod 000 as a normal user would meet it; root ignores permissions, so there the reader's
    open() is made to raise PermissionError, as it would."""
    path = tmp_path / "unreadable.txt"
    path.write_text("Báo cáo", encoding="utf-8")
    path.chmod(0)
    if os.geteuid() == 0:
        import builtins

        real_open = builtins.open

        def refusing_open(file, *args, **kwargs):
            if str(file) == str(path):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", refusing_open)
    code = main(["--lang", "en", "extract", str(path)])
    out, err = capsys.readouterr()
    assert (code, out) == (3, "")
    assert err == f"baocao: {path}: permission denied\n"
    assert main(["--lang", "vi", "extract", str(path)]) == 3
    assert capsys.readouterr().err == f"baocao: {path}: không có quyền đọc\n"


def test_extract_in_a_real_process_exit_code_and_streams(messy):
    """The same through a real process: exit status, stderr, stdout as a shell script sees them."""
    run = subprocess.run(baocao_command("extract", "--json", str(messy["folder"] / "zip-bomb.docx")), cwd=ROOT,
                         env=messy["env"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 3 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "zip bomb" in run.stderr


@pytest.mark.parametrize("name", [NEWLINE_NAME, QUOTES_NAME, NFD_NAME, DASH_NAME, "utf16.txt"])
def test_extract_of_an_odd_name_prints_its_report(messy, name, capsys):
    assert main(["extract", "--json", "--", str(messy["folder"] / name)]) == 0
    out, err = capsys.readouterr()
    contract = json.loads(out)
    assert contract["source"]["path"] == str(messy["folder"] / name)
