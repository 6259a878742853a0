"""`baocao ingest`: walking a folder, skipping unchanged files, moves, changes, failures that do not
stop the batch, kill -9 and resume, reading while a run writes.

The folders are made of the real seed report rewritten for other quarters and numbers (as the
same department would write them), so each file has its own content hash.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from pipeline.archive import Archive
from pipeline.cli import main
from tests.conftest import ROOT, SEED

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
FORK = multiprocessing.get_start_method() == "fork"


def report_text(i: int) -> str:
    """The seed, as the report of another quarter: period, year, the Công văn answered, a number."""
    quarter, year = i % 4 + 1, 2020 + i // 4
    text = SEED.read_text("utf-8")
    text = text.replace("quý I năm 2023", f"quý {ROMAN[quarter]} năm {year}")
    text = text.replace("quý I/2023", f"quý {ROMAN[quarter]}/{year}")
    text = text.replace("715/BCĐ-CAT", f"{700 + i}/BCĐ-CAT")
    return f"Số: {100 + i}/BC-STTTT\n" + text


def write_reports(folder: Path, n: int, start: int = 0, name: str = "bc-{i:03d}.txt") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        path = folder / name.format(i=i)
        path.write_text(report_text(i), encoding="utf-8")
        paths.append(path)
    return paths


def _rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_ingest_then_rerun_skips_unchanged(tmp_path):
    folder = tmp_path / "lưu trữ"
    write_reports(folder, 4)
    write_reports(folder / "2021" / "quý II", 2, start=4)
    (folder / "answers.expected.json").write_text("{}", encoding="utf-8")
    (folder / "notes.odt").write_bytes(b"PK")
    archive = Archive(tmp_path / "archive.db")
    summary = archive.ingest(folder, workers=2)
    assert (summary.found, summary.processed, summary.unchanged, summary.failed) == (6, 6, 0, [])
    assert sorted(Path(p).name for p, _ in summary.skipped) == ["answers.expected.json", "notes.odt"]
    assert all("not a document" in reason for _, reason in summary.skipped)
    docs = archive.documents()
    assert len(docs) == 6 and docs["sha256"].is_unique and docs["path"].is_unique
    assert all(os.path.isabs(p) for p in docs["path"])
    again = archive.ingest(folder, workers=2)
    assert (again.processed, again.unchanged, again.moved) == (0, 6, 0)
    assert len(archive.documents()) == 6
    # the archived text is searchable whatever the stages deliver today (sections, or pages)
    hits = archive.search("mua ban nguoi quy II 2021")
    assert set(hits["match"]) == {"mua bán người quý II/2021"}
    assert set(hits["path"]) == {str(folder / "2021" / "quý II" / "bc-005.txt")}


def test_changed_moved_touched_and_copied_files(tmp_path):
    folder = tmp_path / "in"
    a, b, c = write_reports(folder, 3)
    archive = Archive(tmp_path / "archive.db")
    archive.ingest(folder, workers=1)
    before = archive.documents().set_index("path")
    # changed: new content at the same path replaces the old rows
    a.write_text(report_text(40), encoding="utf-8")
    # moved: same content, new path (no reprocessing, the path is updated)
    moved = folder / "sub" / "moved.txt"
    moved.parent.mkdir()
    b.rename(moved)
    # touched: same content, new mtime
    os.utime(c, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
    # copied: the same content twice is one document
    (folder / "copy-of-c.txt").write_bytes(c.read_bytes())
    summary = archive.ingest(folder, workers=1)
    assert (summary.processed, summary.moved, summary.unchanged) == (1, 1, 1)
    assert [Path(p).name for p, r in summary.skipped if "same content" in r] == ["copy-of-c.txt"]
    after = archive.documents().set_index("path")
    assert len(after) == 3
    assert after.loc[str(a), "sha256"] != before.loc[str(a), "sha256"]
    assert after.loc[str(moved), "id"] == before.loc[str(b), "id"]  # the same row, not a new one
    assert after.loc[str(moved), "ingested_at"] == before.loc[str(b), "ingested_at"]
    assert "quý I năm 2030" in " ".join(archive.search("quy I nam 2030")["match"])
    assert archive.search("quy II nam 2020").empty is False  # b's text is still there under its new path
    # the copy is a file of c's document now: found unchanged like the others, not skipped again
    again = archive.ingest(folder, workers=1)
    assert (again.unchanged, again.skipped) == (4, [])
    files = archive.files()
    assert sorted(Path(p).name for p in files.loc[files["document_id"] == after.loc[str(c), "id"], "path"]) == [
        "bc-002.txt", "copy-of-c.txt"]


def test_unchanged_rerun_does_not_hash(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    write_reports(folder, 3)
    archive = Archive(tmp_path / "archive.db")
    archive.ingest(folder, workers=1)
    from pipeline.archive import ingest

    hashed = []
    monkeypatch.setattr(ingest, "sha256_file", lambda path: hashed.append(path) or "0" * 64)
    assert archive.ingest(folder, workers=1).unchanged == 3
    assert hashed == []
    # a new mtime alone makes it hash (and find the content unchanged)
    monkeypatch.undo()
    target = folder / "bc-000.txt"
    os.utime(target, ns=(time.time_ns(), time.time_ns() + 10_000_000_000))
    summary = archive.ingest(folder, workers=1)
    assert (summary.unchanged, summary.processed) == (3, 0)


def test_a_file_that_vanishes_mid_run_is_a_failure_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    paths = write_reports(folder, 4)
    victim = paths[1]

    class Vanishing(ThreadPoolExecutor):
        """Deletes the victim between planning and processing, as a user emptying a folder would."""

        def submit(self, fn, path, *args):
            if path == str(victim):
                os.remove(path)
            return super().submit(fn, path, *args)

    archive = Archive(tmp_path / "archive.db")
    with Vanishing(max_workers=2) as executor:
        summary = archive.ingest(folder, executor=executor, workers=2)
    assert summary.processed == 3
    assert [(Path(p).name, r) for p, r in summary.failed] == [
        (victim.name, "the file vanished before it could be read")
    ]
    failures = archive.failures()
    assert list(failures["path"]) == [str(victim)] and failures.loc[0, "reason"].startswith("the file vanished")
    # it comes back: the next run archives it and clears the failure
    victim.write_text(report_text(1), encoding="utf-8")
    assert archive.ingest(folder, workers=1).processed == 1
    assert archive.failures().empty


def test_nfd_paths_as_macos_writes_them(tmp_path):
    folder = tmp_path / unicodedata.normalize("NFD", "Báo cáo quý")
    name = unicodedata.normalize("NFD", "báo-cáo-tuyên-truyền.txt")
    write_reports(folder, 1, name=name)
    archive = Archive(tmp_path / "archive.db")
    summary = archive.ingest(folder, workers=1)
    assert summary.processed == 1 and not summary.failed
    nfc_path = unicodedata.normalize("NFC", str(folder / name))
    assert archive.get(nfc_path)["archive"]["id"] == 1  # found by its NFC spelling too
    assert archive.get(unicodedata.normalize("NFD", nfc_path))["archive"]["id"] == 1
    assert archive.ingest(folder, workers=1).unchanged == 1


def test_empty_folder_and_missing_folder(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    db = tmp_path / "a.db"
    assert main(["ingest", str(tmp_path / "empty"), "--db", str(db), "--quiet"]) == 0
    assert "không thấy văn bản nào" in capsys.readouterr().err
    assert main(["ingest", str(tmp_path / "nowhere"), "--db", str(db)]) == 2
    assert "không có thư mục" in capsys.readouterr().err
    assert main(["citations", "--quarter", "2023Q1", "--db", str(db)]) == 0
    assert "còn trống: chạy `baocao ingest" in capsys.readouterr().err
    assert main(["citations", "--quarter", "2023Q5", "--db", str(db)]) == 2
    assert "không hiểu kỳ báo cáo '2023Q5': '5' không phải một quý" in capsys.readouterr().err
    assert main(["--lang", "en", "ingest", str(tmp_path / "nowhere"), "--db", str(db)]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert main(["search", "mua ban", "--db", str(tmp_path / "other.db")]) == 7
    assert "no archive here" in capsys.readouterr().err


@pytest.mark.skipif(not FORK, reason="the fake crash is installed in the parent and inherited by fork")
def test_a_worker_crash_is_one_failure_and_the_batch_goes_on(tmp_path, monkeypatch):
    import pipeline

    real_process = pipeline.process

    def crashing(path, options):
        if Path(path).name == "crash.txt":
            os._exit(9)  # as a segfault in a native library would
        return real_process(path, options)

    monkeypatch.setattr(pipeline, "process", crashing)
    folder = tmp_path / "in"
    write_reports(folder, 5)
    (folder / "crash.txt").write_text(report_text(99), encoding="utf-8")
    archive = Archive(tmp_path / "archive.db")
    summary = archive.ingest(folder, workers=2)
    assert summary.processed == 5
    assert [(Path(p).name, r.split(" (")[0]) for p, r in summary.failed] == [
        ("crash.txt", "the worker process died while reading this file")
    ]
    assert list(archive.failures()["kind"]) == ["WorkerCrash"]


@pytest.mark.skipif(not FORK, reason="the fake hang is installed in the parent and inherited by fork")
def test_a_file_that_hangs_times_out_and_the_batch_goes_on(tmp_path, monkeypatch):
    import pipeline

    real_process = pipeline.process

    def hanging(path, options):
        if Path(path).name == "hang.txt":
            time.sleep(60)
        return real_process(path, options)

    monkeypatch.setattr(pipeline, "process", hanging)
    folder = tmp_path / "in"
    write_reports(folder, 4)
    (folder / "hang.txt").write_text(report_text(98), encoding="utf-8")
    archive = Archive(tmp_path / "archive.db")
    started = time.monotonic()
    summary = archive.ingest(folder, workers=2, timeout=2)
    assert time.monotonic() - started < 20
    assert summary.processed == 4
    assert [(Path(p).name, r) for p, r in summary.failed] == [("hang.txt", "timed out after 2 s")]


def _ingest_process(folder: Path, db: Path, delay: float) -> subprocess.Popen:
    """`baocao ingest` in a subprocess whose every file takes at least ``delay`` s (slow_workers)."""
    from tests.robustness.slow_workers import slow_command

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        slow_command(delay, "ingest", str(folder), "--db", str(db), "--workers", "2", "--quiet"),
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )


def _count(db: Path) -> int:
    try:
        return _rows(db, "SELECT COUNT(*) FROM documents")[0][0]
    except sqlite3.Error:
        return 0


def test_kill_9_mid_run_then_rerun_finishes_with_no_duplicate_and_no_loss(tmp_path):
    folder = tmp_path / "in"
    write_reports(folder, 40)
    db = tmp_path / "archive.db"
    run = _ingest_process(folder, db, delay=0.15)
    deadline = time.monotonic() + 60
    while _count(db) < 6 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert run.poll() is None, "the run finished before it could be killed: " + run.stderr.read().decode()
    os.killpg(run.pid, signal.SIGKILL)  # the run and its workers, at once, mid-transaction or not
    run.wait()
    done_before = _count(db)
    assert 6 <= done_before < 40
    rerun = subprocess.run(
        [sys.executable, "-m", "pipeline", "ingest", str(folder), "--db", str(db), "--quiet"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "LANG": "en_US.UTF-8", "LC_ALL": "", "LANGUAGE": ""},
        capture_output=True, text=True, timeout=120,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"{40 - done_before} processed, {done_before} unchanged" in rerun.stdout  # LANG=en: English
    rows = _rows(db, "SELECT path, sha256 FROM documents")
    assert len(rows) == 40
    assert len({p for p, _ in rows}) == 40 and len({s for _, s in rows}) == 40
    assert {Path(p).name for p, _ in rows} == {f"bc-{i:03d}.txt" for i in range(40)}
    orphans = _rows(db, "SELECT COUNT(*) FROM passages_src WHERE document_id NOT IN (SELECT id FROM documents)")
    assert orphans == [(0,)]


def test_readers_query_while_ingest_writes(tmp_path):
    folder = tmp_path / "in"
    write_reports(folder, 24)
    db = tmp_path / "archive.db"
    run = _ingest_process(folder, db, delay=0.1)
    seen = []
    try:
        while run.poll() is None:
            if db.exists() and _count(db):
                with Archive(db) as reader:  # a fresh reader each time, as another user would open it
                    n = len(reader.documents())
                    hits = reader.search("mua ban nguoi", limit=5)
                    assert not hits.empty
                seen.append(n)
            time.sleep(0.05)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == 0, run.stderr.read().decode()
    assert len(seen) >= 3 and seen == sorted(seen) and seen[0] < 24
    assert _count(db) == 24


@pytest.mark.skipif(
    not (ROOT / "pipeline" / "read" / "pdf.py").exists(), reason="PDF reading (issue 2) not built yet"
)
def test_ingest_a_digital_pdf(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    pdf = ROOT / "corpus" / "real" / "tb-11-ubnd-quang-ngai-2025.pdf"
    (folder / pdf.name).write_bytes(pdf.read_bytes())
    archive = Archive(tmp_path / "archive.db")
    summary = archive.ingest(folder, workers=1)
    assert summary.processed == 1, summary
    doc = archive.documents().iloc[0]
    assert doc["format"] == "pdf" and doc["text_source"] == "text-layer" and doc["ocr_pages"] == 0
    assert not archive.search("Quảng Ngãi").empty


def test_a_file_overwritten_with_another_archived_file_leaves_no_stale_row(tmp_path):
    folder = tmp_path / "in"
    a, b = write_reports(folder, 2)
    archive = Archive(tmp_path / "archive.db")
    archive.ingest(folder, workers=1)
    a.write_bytes(b.read_bytes())  # a now holds b's report: one document, b's
    summary = archive.ingest(folder, workers=1)
    assert [(Path(p).name, r) for p, r in summary.skipped] == [("bc-000.txt", f"same content as {b}, already archived")]
    docs = archive.documents()  # one document in two files (the best copy first: the same rank, by path)
    assert len(docs) == 1 and docs.loc[0, "files"] == "bc-000.txt; bc-001.txt"
    assert archive.search("quy I 2020").empty  # a's old text is no longer searchable


# --------------------------------------------------------------------------- exit codes and the summary


def _batch_with_failures(folder: Path) -> None:
    """Two good reports, two files that cannot be read (a truncated PDF, binary bytes named .txt),
    answer files of the corpus and a file that is not a document."""
    write_reports(folder, 2)
    (folder / "hỏng.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")  # cut off
    (folder / "nhị-phân.txt").write_bytes(bytes(range(256)) * 8)
    for name in ("bc-000.txt.expected.json", "bc-001.txt.expected.json"):
        (folder / name).write_text("{}", "utf-8")
    (folder / "ghi-chu.odt").write_bytes(b"PK\x03\x04")


def test_ingest_exit_code_when_some_files_fail(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    folder = tmp_path / "in"
    _batch_with_failures(folder)
    db = str(tmp_path / "a.db")
    code = main(["ingest", str(folder), "--db", db, "--quiet", "--workers", "1"])
    assert code == 8  # ExitCode.some_failed: the batch finished, not every file went in
    out = capsys.readouterr().out
    assert "4 tệp văn bản trong" in out and "2 đã xử lý" in out and "2 lỗi" in out and "3 bỏ qua" in out
    failed = [line for line in out.splitlines() if line.lstrip().startswith("LỖI")]
    assert sorted(line.split()[1].rsplit("/", 1)[1].rstrip(":") for line in failed) == ["hỏng.pdf", "nhị-phân.txt"]
    # skipped files are counted once per kind, and listed only with --verbose
    assert "2 tệp đáp án (.expected.json) bị bỏ qua (--verbose để xem danh sách)" in out
    assert "1 tệp không phải văn bản bị bỏ qua (.odt) (--verbose để xem danh sách)" in out
    assert "expected.json:" not in out and "ghi-chu.odt" not in out
    with Archive(db) as archive:
        assert len(archive.documents()) == 2 and len(archive.failures()) == 2
    # a re-run: nothing new, the two files still fail, the code still says so
    assert main(["ingest", str(folder), "--db", db, "--quiet", "--verbose"]) == 8
    out = capsys.readouterr().out
    assert "2 không đổi" in out
    assert sum("bc-00" in line and "expected.json" in line for line in out.splitlines()) == 2  # --verbose lists them
    # once the bad files are gone, every file went in: 0
    (folder / "hỏng.pdf").unlink()
    (folder / "nhị-phân.txt").unlink()
    assert main(["ingest", str(folder), "--db", db, "--quiet"]) == 0


def test_ingest_exit_code_documented():
    from pipeline.errors import ExitCode

    assert ExitCode.some_failed == 8
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "8 some files of a batch could not be archived" in readme
