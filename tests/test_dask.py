"""`baocao ingest --scheduler`: the same runner with a Dask cluster's executor.

One LocalCluster of 2 worker processes (one thread each, on 127.0.0.1, no dashboard) for the module.
The folder mixes plain text reports (the seed rewritten for other quarters), a digital PDF, a DOCX
and a scanned PDF that needs OCR, all from the corpus, so every reading path runs on the workers.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="needs the dask extra: pip install 'baocao[dask]'")

from pipeline.archive import Archive, store  # noqa: E402
from pipeline.archive import dask as on_dask  # noqa: E402
from pipeline.cli import main  # noqa: E402
from tests.conftest import CORPUS, SEED  # noqa: E402
from tests.robustness.slow_workers import restore, slow_down  # noqa: E402

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
CORPUS_FILES = (
    "generated/gen-s2025-00001-cv.pdf",  # digital, 2 pages
    "generated/gen-s2025-00001-cv.docx",
    "generated/gen-s2025-00004-qd.scan-medium.pdf",  # a scan: OCR on the worker
)
# columns that say when or in which order rows were written, not what was archived
UNCOMPARED = {"id", "ingested_at", "failed_at", "ref_id", "document_id", "cited_id", "file_id", "archived_at",
              "first_seen", "last_seen"}


def report_text(i: int) -> str:
    quarter, year = i % 4 + 1, 2020 + i // 4
    text = SEED.read_text("utf-8")
    text = text.replace("quý I năm 2023", f"quý {ROMAN[quarter]} năm {year}").replace("quý I/2023", f"quý {ROMAN[quarter]}/{year}")
    return f"Số: {100 + i}/BC-STTTT\n" + text.replace("715/BCĐ-CAT", f"{700 + i}/BCĐ-CAT")


def write_folder(folder: Path, n_text: int, corpus: bool = True) -> int:
    folder.mkdir(parents=True)
    for i in range(n_text):
        (folder / f"bc-{i:03d}.txt").write_text(report_text(i), encoding="utf-8")
    if corpus:
        for name in CORPUS_FILES:
            (folder / Path(name).name).write_bytes((CORPUS / name).read_bytes())
    return n_text + (len(CORPUS_FILES) if corpus else 0)


def archive_contents(db: Path, folder: Path) -> dict[str, list]:
    """Every table's rows, sorted, with row ids replaced by what they point at (document path
    relative to the folder, cited document key) and write times left out."""
    conn = sqlite3.connect(db)
    try:
        paths = {i: os.path.relpath(p, folder) for i, p in conn.execute("SELECT id, path FROM documents")}
        cited = dict(conn.execute("SELECT id, key FROM cited_documents"))
        out = {}
        for table in (*store.EXPORT_TABLES, "passages_src"):
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cursor.description]
            rows = []
            for row in cursor:
                record = dict(zip(names, row))
                if "document_id" in record:
                    record["document"] = paths[record["document_id"]]
                if record.get("cited_id") is not None:
                    record["cited"] = cited[record["cited_id"]]
                if table in ("documents", "failures", "files"):
                    record["path"] = os.path.relpath(record["path"], folder)
                record = {k: v.hex() if isinstance(v, bytes) else v for k, v in record.items()}
                if table == "documents":
                    contract = json.loads(record["contract"])
                    contract["source"]["path"] = os.path.relpath(contract["source"]["path"], folder)
                    record["contract"] = contract
                rows.append(json.dumps({k: v for k, v in record.items() if k not in UNCOMPARED},
                                       sort_keys=True, ensure_ascii=False))
            out[table] = sorted(rows)
        return out
    finally:
        conn.close()


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, host="127.0.0.1",
        env={"OMP_THREAD_LIMIT": "1"},
    ) as cluster, distributed.Client(cluster, set_as_default=False) as client:
        yield cluster, client


def test_cluster_output_is_identical_to_local_output(tmp_path, cluster):
    local_cluster, _ = cluster
    folder = tmp_path / "lưu trữ"
    n = write_folder(folder, 6)
    local = Archive(tmp_path / "local.db")
    summary = local.ingest(folder, workers=2)
    local.close()
    assert (summary.processed, summary.failed, summary.ocr_pages) == (n, [], 1)

    db = tmp_path / "cluster.db"
    code = main(["ingest", str(folder), "--db", str(db), "--scheduler", local_cluster.scheduler_address, "--quiet"])
    assert code == 0
    with Archive(db) as on_cluster:
        assert len(on_cluster.files()) == n and on_cluster.failures().empty

    expected, got = archive_contents(tmp_path / "local.db", folder), archive_contents(db, folder)
    for table in ("documents", "reference_mentions", "dates", "counts", "agencies", "sections", "passages_src"):
        assert expected[table], f"{table} is empty: the comparison would prove nothing"
    for table in expected:
        assert got[table] == expected[table], table


def test_a_worker_killed_mid_run_loses_no_document(tmp_path, cluster):
    _, client = cluster
    folder = tmp_path / "in"
    n = write_folder(folder, 16, corpus=False)
    client.wait_for_workers(2, timeout=60)
    # each file takes at least 1 s on the workers now running (a restarted worker has no delay)
    client.run(slow_down, 1)
    db = tmp_path / "archive.db"
    killed: list[tuple[str, list]] = []

    def kill_a_busy_worker():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            done = _count(db)
            busy = {w: keys for w, keys in client.processing().items() if keys}
            if done >= 2 and busy:
                worker, keys = sorted(busy.items())[0]
                pid = client.run(os.getpid, workers=[worker])[worker]
                os.kill(pid, signal.SIGKILL)  # mid-file: it sleeps for a second in each
                killed.append((worker, keys))
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    try:
        with Archive(db) as archive:
            summary = on_dask.ingest(archive, folder, client)
    finally:
        killer.join()
        client.run(restore)
    assert killed, "no worker was killed: the run ended first"
    # the scheduler ran the dead worker's file again on the other one: nothing lost, nothing failed
    assert (summary.processed, summary.failed) == (n, [])
    rows = _rows(db, "SELECT path, sha256 FROM documents")
    assert sorted(Path(p).name for p, _ in rows) == sorted(p.name for p in folder.iterdir())
    assert len({s for _, s in rows}) == n
    with Archive(db) as archive:
        rerun = archive.ingest(folder, workers=1)
    assert (rerun.unchanged, rerun.processed) == (n, 0)


def test_ingest_on_a_cluster_keeps_the_failures_of_bad_files(tmp_path, cluster):
    _, client = cluster
    folder = tmp_path / "in"
    write_folder(folder, 2, corpus=False)
    (folder / "hỏng.pdf").write_bytes(b"%PDF-1.4 this is not a PDF")
    with Archive(tmp_path / "archive.db") as archive:
        summary = on_dask.ingest(archive, folder, client)
        assert summary.processed == 2
        assert [Path(p).name for p, _ in summary.failed] == ["hỏng.pdf"]
        assert list(archive.failures()["path"].map(lambda p: Path(p).name)) == ["hỏng.pdf"]


def test_workers_are_checked_before_the_run(cluster):
    _, client = cluster
    client.wait_for_workers(2, timeout=60)  # the worker killed above is restarted by its nanny
    infos = client.run(on_dask.worker_info)
    assert len(infos) == 2
    assert all(info["baocao"] for info in infos.values())
    assert on_dask.threads(client) == 2
    # the machine running the tests has Tesseract vie (the OCR test above needs it), so no warning
    assert on_dask.preflight(client) == []


def test_an_unreachable_scheduler_is_a_usage_error():
    from pipeline.errors import UsageError

    started = time.monotonic()
    with pytest.raises(UsageError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        on_dask.connect("tcp://127.0.0.1:9", timeout=2)
    assert time.monotonic() - started < 30


def _rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _count(db: Path) -> int:
    try:
        return _rows(db, "SELECT COUNT(*) FROM documents")[0][0]
    except sqlite3.Error:
        return 0
