"""Web app benchmark: server time of the pages of `baocao serve` on a large archive.

    python -m bench.web                     # 100,000 synthetic reports (bench.archive builds them)
    python -m bench.web --docs 10000        # BAOCAO_BENCH_QUICK=1 does the same under `make bench`
    python -m bench.web --workdir DIR --reuse  # DIR/web.db kept; bench.archive's bench.db copied there as
                                            # web.db is reused too (the 3 real files are added once)

The archive is bench.archive's (synthetic reports through the store layer), plus three real files
archived through the pipeline (the seed report as PDF, a one-page scan, a photographed page) so
that page images have something to render. Each page is requested through the app in this process
(Flask's test client: the time is the server's, from request to response body, no network), with
different arguments each time; the median is reported. The review queue is timed as built (next to
empty: the synthetic reports have their numbers and dates) and with 15% of the reports made to need
review (put back after). Page images are timed uncached (a new
renderer for every request) at zoom 1.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "corpus" / "real"
REAL_FILES = ("bao-cao-tuyen-truyen-pctp-quy-I-2023.pdf", "ttr-298-cat-pc04-lam-dong-2025-scan.pdf",
              "nd-28-2021-cp-page1.jpg")
QUICK_ENV = "BAOCAO_BENCH_QUICK"
GOALS = {"search": 200, "document": 200, "citations": 200, "page_image": 300}


CPU: dict[str, float] = {}  # label -> median CPU ms of this process (less moved by other work on the machine)


def _time(client, urls: list[str], label: str | None = None) -> tuple[float, list[float]]:
    times, cpu = [], []
    for url in urls:
        t, c = time.perf_counter(), time.process_time()
        r = client.get(url)
        body = r.get_data()
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        assert r.status_code == 200 and body, (url, r.status_code)
    if label:
        CPU[label] = round(statistics.median(cpu), 1)
    return statistics.median(times), times


def _with_numbers_lost(db: Path, lose: bool) -> int:
    """The synthetic reports all have a number and a date, so the review queue is empty on them; for
    its timing one report in ten loses its number and one in twenty its date (as handwritten numbers
    do), kept in a side table and put back after (and at the start, if a run stopped half-way).
    Returns how many documents are then to be reviewed."""
    import sqlite3

    from pipeline.archive import store

    conn = sqlite3.connect(db)
    try:
        with conn:
            saved = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'bench_web_saved'").fetchone()
            if saved:
                conn.execute("UPDATE documents SET number = s.number, number_norm = s.number_norm, date = s.date "
                             "FROM bench_web_saved AS s WHERE documents.id = s.id")
                conn.execute("DROP TABLE bench_web_saved")
            if lose:
                conn.execute("CREATE TABLE bench_web_saved AS SELECT id, number, number_norm, date FROM documents "
                             "WHERE (id % 10 = 3 OR id % 20 = 7) AND ocr_pages = 0")
                conn.execute("UPDATE documents SET number = NULL, number_norm = NULL "
                             "WHERE id IN (SELECT id FROM bench_web_saved WHERE id % 10 = 3)")
                conn.execute("UPDATE documents SET date = NULL WHERE id IN (SELECT id FROM bench_web_saved WHERE id % 20 = 7)")
        return conn.execute(f"SELECT COUNT(*) FROM documents WHERE {store.REVIEW}").fetchone()[0]
    finally:
        conn.close()


def _review_full(db: Path, client) -> tuple[float, int]:
    """The review queue's median time when about 15% of the archive is to be reviewed (300 shown)."""
    try:
        size = _with_numbers_lost(db, True)
        client.get("/review")
        ms, _ = _time(client, ["/review"] * 5, "review_full")
    finally:
        _with_numbers_lost(db, False)
    return ms, size


def run(docs: int = 100_000, workdir: Path | None = None, reuse: bool = False) -> dict:
    from bench.archive import build
    from pipeline.archive import Archive
    from pipeline.web import create_app

    tmp = Path(workdir or tempfile.mkdtemp(prefix="baocao-bench-web-"))
    tmp.mkdir(parents=True, exist_ok=True)
    db = tmp / "web.db"
    build_seconds = None
    if not (reuse and db.exists() and Archive(db).stats()["documents"] >= docs):
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        print(f"building an archive of {docs} synthetic reports", file=sys.stderr)
        build_seconds = round(build(db, docs), 1)
    folder = tmp / "real"
    with Archive(db) as archive:
        if not all(archive.find(str(folder / name)) for name in REAL_FILES):
            # a fresh build, or bench.archive's archive copied in as web.db: the real files go in once
            folder.mkdir(exist_ok=True)
            for name in REAL_FILES:
                shutil.copy(REAL / name, folder / name)
            archive.ingest(folder, workers=1)
        documents = archive.stats()["documents"]
        real = [archive.find(str(folder / name)) for name in REAL_FILES]
    app = create_app(str(db))
    client = app.test_client()
    rng = random.Random(19)
    client.get("/?q=tham+nhung")  # warm the page cache, as a second visitor would find it
    searches = ["mua ban nguoi", "lua dao tren mang xa hoi", "chay rung", "an ninh mang", "cai nghien ma tuy",
                "Lạng Sơn", "bao luc gia dinh"]
    search_ms, search_all = _time(client, [f"/?q={q}" for q in searches], "search")
    filtered_ms, _ = _time(client, [f"/?q={q}&quarter=2023Q1&type=Báo cáo" for q in searches[:5]])
    listing_ms, _ = _time(client, ["/", "/?year=2020", "/?issuer=cong+an", "/?type=Kế hoạch&page=3", "/?quarter=2019Q2"])
    ids = [rng.randint(1, docs) for _ in range(9)]
    document_ms, document_all = _time(client, [f"/doc/{i}" for i in ids], "document")
    real_doc_ms, _ = _time(client, [f"/doc/{i}" for i in real if i])
    quarters = ["2016Q1", "2018Q2", "2020Q3", "2023Q1", "2024Q4", "2019Q2", "2021Q3"]
    client.get("/citations?quarter=2017Q1")
    citations_ms, citations_all = _time(client, [f"/citations?quarter={q}" for q in quarters], "citations")
    review_ms, _ = _time(client, ["/review"] * 3)
    review_documents = _with_numbers_lost(db, False)
    review_full_ms, review_size = _review_full(db, client)
    images = []
    renderer = app.extensions["baocao_renderer"]
    for i in real:
        for page in (1, 2):
            if page == 2 and i != real[0]:
                continue
            renderer._cache.clear()  # uncached: every request renders
            t = time.perf_counter()
            r = client.get(f"/doc/{i}/page/{page}.jpg")
            r.get_data()
            images.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200
    for _ in range(2):  # and each once more, uncached
        for i in real:
            renderer._cache.clear()
            t = time.perf_counter()
            client.get(f"/doc/{i}/page/1.jpg").get_data()
            images.append((time.perf_counter() - t) * 1000)
    cached_t = time.perf_counter()
    client.get(f"/doc/{real[0]}/page/1.jpg").get_data()
    cached_ms = (time.perf_counter() - cached_t) * 1000
    renderer.close()
    if workdir is None:
        shutil.rmtree(tmp, ignore_errors=True)
    return {
        "documents": documents, "build_seconds": build_seconds, "cpu_count": os.cpu_count(),
        "search_median_ms": round(search_ms, 1), "search_ms": [round(t, 1) for t in search_all],
        "search_filtered_median_ms": round(filtered_ms, 1), "listing_median_ms": round(listing_ms, 1),
        "document_median_ms": round(document_ms, 1), "document_ms": [round(t, 1) for t in document_all],
        "document_real_median_ms": round(real_doc_ms, 1),
        "citations_median_ms": round(citations_ms, 1), "citations_ms": [round(t, 1) for t in citations_all],
        "review_median_ms": round(review_ms, 1),
        "review_full_median_ms": round(review_full_ms, 1), "review_full_documents": review_size,
        "review_documents": review_documents,
        "page_image_median_ms": round(statistics.median(images), 1), "page_image_ms": [round(t, 1) for t in images],
        "page_image_cached_ms": round(cached_ms, 1),
        "cpu_median_ms": dict(CPU), "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }


def markdown(r: dict) -> str:
    build = f"{r['build_seconds']} s" if r["build_seconds"] is not None else "reused"
    return "\n".join([
        f"{r['documents']:,} documents (bench.archive's synthetic reports, build: {build}, and 3 real files); "
        f"{r['cpu_count']} cores, load average {r['load_average']:.1f} at the end. Server time through Flask's test "
        "client (request to response body); CPU: this process's CPU time, less moved by other work on the machine.",
        "",
        "| page | median | CPU | goal |",
        "|---|---|---|---|",
        f"| search, 7 queries without diacritics | {r['search_median_ms']} ms | {r['cpu_median_ms']['search']} ms | < {GOALS['search']} ms |",
        f"| search with quarter and type filters, 5 queries | {r['search_filtered_median_ms']} ms | | |",
        f"| document list with filters (no query), 5 | {r['listing_median_ms']} ms | | |",
        f"| document page, 9 random documents | {r['document_median_ms']} ms | {r['cpu_median_ms']['document']} ms | < {GOALS['document']} ms |",
        f"| document page, the 3 real files | {r['document_real_median_ms']} ms | | |",
        f"| citations of a quarter, 7 quarters | {r['citations_median_ms']} ms | {r['cpu_median_ms']['citations']} ms | < {GOALS['citations']} ms |",
        f"| review queue, as built ({r['review_documents']} to review: the synthetic reports all have a number and a date) | {r['review_median_ms']} ms | | |",
        f"| review queue, {r['review_full_documents']:,} to review (1 in 10 without a number, 1 in 20 without a date; 300 shown) "
        f"| {r['review_full_median_ms']} ms | {r['cpu_median_ms']['review_full']} ms | |",
        f"| page image (JPEG, 1000 px wide, uncached), {len(r['page_image_ms'])} renders | {r['page_image_median_ms']} ms "
        f"| | < {GOALS['page_image']} ms |",
        f"| page image, cached | {r['page_image_cached_ms']} ms | | |",
        "",
        "Per run: search " + ", ".join(f"{t:g}" for t in r["search_ms"]) + " ms; document "
        + ", ".join(f"{t:g}" for t in r["document_ms"]) + " ms; citations "
        + ", ".join(f"{t:g}" for t in r["citations_ms"]) + " ms; page image "
        + ", ".join(f"{t:g}" for t in r["page_image_ms"]) + " ms.",
    ])


def report() -> str:
    """For `python -m bench web`; BAOCAO_BENCH_QUICK=1: 10,000 documents."""
    return markdown(run(10_000 if os.environ.get(QUICK_ENV) else 100_000))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.web", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path, help="where to build (default: a new temporary folder)")
    parser.add_argument("--reuse", action="store_true", help="keep an archive already built in --workdir (DIR/web.db)")
    parser.add_argument("--markdown", action="store_true", help="print the RESULTS.md section, not JSON")
    args = parser.parse_args(argv)
    results = run(args.docs, args.workdir, args.reuse)
    print(markdown(results) if args.markdown else json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
