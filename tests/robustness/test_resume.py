"""A crash or kill mid-batch resumes without duplicates or gaps: `baocao ingest` is killed five times at
seeded random moments (SIGKILL of the whole process group, SIGKILL of the parent alone, so that its
workers must die with it, and SIGTERM, handled like Ctrl-C), the archive is checked after each kill,
then one more run finishes the batch; every query's output and every table then equal those of a
clean ingest of the same folder into a new archive.

The folder holds the archive test reports, a copy of one of them (two files, one document), a real
born-digital PDF and a file that fails (a failure row), so the comparison covers files, documents,
references, counts, search and failures. Each killed run goes slowly (slow_workers: every file takes
at least 0.4 s in its worker) so that the kills land mid-batch on any machine.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.robustness.fakes import baocao_command, baocao_env
from tests.robustness.slow_workers import slow_command
from tests.robustness.test_bad_inputs import assert_consistent
from tests.test_archive_files import queries, tables
from tests.test_archive_ingest import write_reports

REAL_PDF = ROOT / "corpus" / "real" / "tb-11-ubnd-quang-ngai-2025.pdf"
REPORTS = 18

# (what is killed, the signal): the five kills, in turn
KILLS = [("group", signal.SIGKILL), ("parent", signal.SIGKILL), ("parent", signal.SIGTERM),
         ("group", signal.SIGKILL), ("parent", signal.SIGKILL)]


def _folder(base: Path) -> tuple[Path, int]:
    folder = base / "lưu trữ"
    write_reports(folder, REPORTS)
    shutil.copyfile(folder / "bc-003.txt", folder / "bản sao bc-003.txt")  # the same report twice
    shutil.copyfile(REAL_PDF, folder / REAL_PDF.name)
    (folder / "hỏng.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")  # a failure row
    return folder, REPORTS + 3


def _done(db: Path) -> int:
    """Files settled so far (archived or failed); 0 while the archive is not there yet."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            files = conn.execute("SELECT COUNT(*) FROM files").fetchone()[0]
            failures = conn.execute("SELECT COUNT(*) FROM failures").fetchone()[0]
            return files + failures
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _kill_mid_batch(folder: Path, db: Path, rng: random.Random, what: str, sig: int, total: int) -> int:
    before = _done(db)
    target = min(total - 1, before + rng.randint(1, 3))
    run = subprocess.Popen(slow_command(0.4, "ingest", str(folder), "--db", str(db), "--workers", "2", "--quiet"),
                           cwd=ROOT, env=baocao_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while _done(db) < target and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert run.poll() is None, "the run ended before it could be killed: " + run.stderr.read().decode()
        time.sleep(rng.uniform(0.0, 0.5))  # at a random moment: mid-file, mid-transaction or between
        if what == "group":
            os.killpg(run.pid, sig)
        else:
            os.kill(run.pid, sig)
        run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    # a parent killed alone: its workers die with it (tests/robustness/test_lifecycle.py checks they do)
    # and must be gone before the next run, or they would still hold a core
    with_group = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _pgid(int(p.name)) == run.pid]
    deadline = time.monotonic() + 10
    while with_group and time.monotonic() < deadline:
        time.sleep(0.1)
        with_group = [p for p in with_group if p.exists() and _pgid(int(p.name)) == run.pid]
    return _done(db)


def _pgid(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except OSError:
        return None


@pytest.mark.skipif(not REAL_PDF.exists() or not Path("/proc").is_dir(), reason="needs corpus/real and /proc")
def test_five_kills_mid_batch_then_one_run_equal_a_clean_ingest(tmp_path):
    folder, total = _folder(tmp_path)
    db = tmp_path / "killed.db"
    rng = random.Random(20261202)
    progress = []
    for what, sig in KILLS:
        progress.append(_kill_mid_batch(folder, db, rng, what, sig, total))
        assert_consistent(db)
    assert progress == sorted(progress) and 0 < progress[-1] < total, progress
    final = subprocess.run(baocao_command("ingest", str(folder), "--db", str(db), "--quiet"), cwd=ROOT,
                           env=baocao_env(), capture_output=True, text=True, timeout=600)
    assert final.returncode == 8, final.stderr  # 8: the batch finished, one file failed (hỏng.pdf)
    clean_db = tmp_path / "clean.db"
    clean = subprocess.run(baocao_command("ingest", str(folder), "--db", str(clean_db), "--quiet"), cwd=ROOT,
                           env=baocao_env(), capture_output=True, text=True, timeout=600)
    assert clean.returncode == 8, clean.stderr
    assert f"{total} document files" in clean.stdout, clean.stdout
    got, expected = queries(db, folder), queries(clean_db, folder)
    assert expected["documents"] and expected["citations"] and expected["failures"], "an empty comparison proves nothing"
    assert len(expected["documents"]) == REPORTS + 1  # the copy is the same document; the failure is none
    for query in expected:
        assert got[query] == expected[query], query
    got, expected = tables(db, folder), tables(clean_db, folder)
    for table in expected:
        assert got[table] == expected[table], f"table {table}"
