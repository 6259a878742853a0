"""Faults around the pipeline: Tesseract missing, crashing, hanging (fake programs on PATH, through
the real commands), an ingest worker killed by a signal, the disk filling up under the archive.
Afterwards the archive is consistent and a re-run completes it with no duplicates.

Killing the whole run mid-ingest (kill -9) is tested in tests/test_archive_ingest.py
(test_kill_9_mid_run_then_rerun_finishes_with_no_duplicate_and_no_loss); a worker that dies by
itself (os._exit) in test_a_worker_crash_is_one_failure_and_the_batch_goes_on there.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.robustness.fakes import baocao_command, baocao_env, fake_tesseract, path_without_tesseract
from tests.robustness.slow_workers import slow_command
from tests.robustness.test_bad_inputs import assert_consistent
from tests.test_archive_ingest import write_reports


@pytest.fixture
def scan(tmp_path):
    from PIL import Image, ImageDraw

    path = tmp_path / "scan.png"
    im = Image.new("L", (800, 300), 255)
    ImageDraw.Draw(im).text((40, 120), "BAO CAO SO 12/BC-UBND", fill=0)
    im.save(path)
    return path


def _extract(path: Path, env: dict, *options: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(baocao_command("extract", *options, str(path)), cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_tesseract_missing_names_the_packages_to_install(tmp_path, scan):
    run = _extract(scan, baocao_env(path_without_tesseract(tmp_path / "bin")))
    assert (run.returncode, run.stdout) == (5, "")
    assert run.stderr.count("\n") == 1
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in run.stderr
    assert "brew install tesseract tesseract-lang" in run.stderr


def test_tesseract_missing_during_ingest_is_a_failure_row_and_text_files_still_go_in(tmp_path, scan):
    folder = tmp_path / "in"
    write_reports(folder, 2)
    (folder / "scan.png").write_bytes(scan.read_bytes())
    db = tmp_path / "archive.db"
    run = subprocess.run(baocao_command("ingest", str(folder), "--db", str(db), "--quiet"), cwd=ROOT,
                         env=baocao_env(path_without_tesseract(tmp_path / "bin")), capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 8, run.stderr  # the batch finished; one file could not be archived
    assert "2 processed" in run.stdout and "1 failed" in run.stdout
    rows = sqlite3.connect(db).execute("SELECT path, kind, reason FROM failures").fetchall()
    assert [(Path(p).name, k) for p, k, _ in rows] == [("scan.png", "MissingDependency")]
    assert "tesseract-ocr-vie" in rows[0][2]


@pytest.mark.parametrize("behaviour,warning", [
    ("fail", "page 1: tesseract failed (exit 1)"),
    ("segv", "page 1: tesseract failed (exit -11)"),
])
def test_tesseract_that_crashes_leaves_the_page_empty_with_a_warning(tmp_path, scan, behaviour, warning):
    fake = fake_tesseract(tmp_path / "bin", behaviour)
    run = _extract(scan, baocao_env(f"{fake}{os.pathsep}{os.environ['PATH']}"), "--json")
    assert run.returncode == 0, run.stderr
    contract = json.loads(run.stdout)
    assert contract["source"]["pages"] == 1
    assert any(w.startswith(warning) and w.endswith("the page has no text") for w in contract["warnings"]), contract["warnings"]


def test_tesseract_that_hangs_is_stopped_by_the_page_timeout(tmp_path, scan):
    """The fake is stuck for 600 s: a command that ends at all has stopped it. The bound is the
    subprocess's timeout (300 s), not a few seconds: a loaded machine may take long to start Python."""
    fake = fake_tesseract(tmp_path / "bin", "stuck")
    run = _extract(scan, baocao_env(f"{fake}{os.pathsep}{os.environ['PATH']}"), "--json", "--page-timeout", "1",
                   timeout=300)
    assert run.returncode == 0, run.stderr
    warnings = json.loads(run.stdout)["warnings"]
    assert "page 1: OCR timed out after 1 s; the page has no text" in warnings


def test_page_timeout_reaches_the_ingest_workers(tmp_path, scan):
    folder = tmp_path / "in"
    write_reports(folder, 2)
    (folder / "scan.png").write_bytes(scan.read_bytes())
    fake = fake_tesseract(tmp_path / "bin", "hang")
    db = tmp_path / "archive.db"
    run = subprocess.run(
        baocao_command("ingest", str(folder), "--db", str(db), "--quiet", "--workers", "2", "--page-timeout", "1",
                       "--timeout", "60"),
        cwd=ROOT, env=baocao_env(f"{fake}{os.pathsep}{os.environ['PATH']}"), capture_output=True, text=True,
        timeout=120)
    assert run.returncode == 0, run.stderr
    assert "3 processed" in run.stdout and "0 failed" in run.stdout
    contract = json.loads(sqlite3.connect(db).execute(
        "SELECT contract FROM documents WHERE path LIKE '%scan.png'").fetchone()[0])
    assert "page 1: OCR timed out after 1 s; the page has no text" in contract["warnings"]


# --------------------------------------------------------------------------- workers and the disk


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(c) for c in text.split()]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(db)
        try:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc to find the worker processes")
def test_an_ingest_worker_killed_by_a_signal_loses_nothing(tmp_path):
    folder = tmp_path / "in"
    write_reports(folder, 12)
    db = tmp_path / "archive.db"
    command = slow_command(0.4, "ingest", str(folder), "--db", str(db), "--workers", "2", "--quiet")
    run = subprocess.Popen(command, cwd=ROOT, env=baocao_env(), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, start_new_session=True)
    killed = None
    try:
        deadline = time.monotonic() + 90
        while killed is None and run.poll() is None and time.monotonic() < deadline:
            if _count(db) >= 2:
                # a pool worker is a fork of the run: same command line (the resource tracker is not)
                workers = [c for c in _children(run.pid) if _cmdline(c) == _cmdline(run.pid)]
                if workers:
                    killed = workers[0]
                    os.kill(killed, signal.SIGKILL)
            time.sleep(0.05)
        out, err = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    assert killed is not None, "no worker was found to kill"
    assert run.returncode == 0, err.decode()
    conn = sqlite3.connect(db)
    failed = conn.execute("SELECT reason FROM failures").fetchall()
    conn.close()
    # the file(s) in flight are re-run alone; one that was alone when its worker died is a failure row
    assert all(r.startswith("the worker process died while reading this file") for (r,) in failed)
    assert _count(db) + len(failed) == 12
    rerun = subprocess.run(baocao_command("ingest", str(folder), "--db", str(db), "--quiet"), cwd=ROOT,
                           env=baocao_env(), capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert _count(db) == 12
    assert_consistent(db)


def test_disk_full_stops_the_run_with_a_clear_error_and_a_rerun_completes(tmp_path):
    """The archive is capped with PRAGMA max_page_count on the writing connection (SQLite then fails
    with SQLITE_FULL, exactly as on a full disk)."""
    from pipeline.archive import Archive
    from pipeline.errors import ArchiveError

    folder = tmp_path / "in"
    write_reports(folder, 12)
    db = tmp_path / "archive.db"
    with Archive(db) as archive:
        used = archive.writer.execute("PRAGMA page_count").fetchone()[0]
        archive.writer.execute(f"PRAGMA max_page_count = {used + 40}")  # room for a few reports only
        with pytest.raises(ArchiveError) as e:
            archive.ingest(folder, workers=1)
    assert "database or disk is full" in str(e.value) and "\n" not in str(e.value)
    partial = _count(db)
    assert 0 < partial < 12
    assert_consistent(db)
    with Archive(db) as archive:  # space again (a new connection has no cap)
        summary = archive.ingest(folder, workers=1)
    assert (summary.processed, summary.unchanged) == (12 - partial, partial)
    assert _count(db) == 12
    assert_consistent(db)


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root")
def test_a_really_full_disk_through_the_command(tmp_path):
    """The same on a real 2 MB file system (tmpfs): `baocao ingest` exits 7 with one line. The
    subprocess timeouts bound a hang only: on a loaded two-core machine 40 reports can take minutes."""
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        folder = tmp_path / "in"
        write_reports(folder, 40)
        db = mount / "archive.db"
        command = baocao_command("ingest", str(folder), "--db", str(db), "--quiet", "--workers", "2")
        run = subprocess.run(command, cwd=ROOT, env=baocao_env(), capture_output=True, text=True, timeout=900)
        assert (run.returncode, run.stdout) == (7, "")
        assert run.stderr.count("\n") == 1 and "full" in run.stderr, run.stderr
        partial = _count(db)
        assert partial < 40
        assert_consistent(db)
        subprocess.run(["mount", "-o", "remount,size=64m", str(mount)], check=True)
        rerun = subprocess.run(command, cwd=ROOT, env=baocao_env(), capture_output=True, text=True, timeout=900)
        assert rerun.returncode == 0, rerun.stderr
        assert f"{40 - partial} processed, {partial} unchanged" in rerun.stdout
        assert _count(db) == 40
        assert_consistent(db)
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_the_production_code_reads_no_test_hook_variable():
    """Delays and faults for these tests are put in from the test side (slow_workers, fakes on PATH,
    monkeypatch); no environment variable of pipeline/ exists for tests only."""
    import re

    read_env = re.compile(r"""(?:environ(?:\.get)?|getenv)\s*[(\[]\s*["']([A-Z0-9_]+)["']""")
    names = {}
    for path in (ROOT / "pipeline").rglob("*.py"):
        text = path.read_text("utf-8")
        constants = dict(re.findall(r"""^([A-Z0-9_]+_ENV)\s*=\s*["']([A-Z0-9_]+)["']""", text, re.M))
        for name in read_env.findall(text) + [constants[c] for c in re.findall(r"environ\.get\((\w+_ENV)\)", text)
                                               if c in constants]:
            names.setdefault(name, path.relative_to(ROOT))
    assert "OMP_THREAD_LIMIT" in names and "BAOCAO_WORKER_MEMORY_MB" in names  # the scan sees what is read
    assert not {n: p for n, p in names.items() if "TEST" in n or "FAULT" in n or "INJECT" in n}
