"""Archive benchmark: query times on a large archive, its size, and an unchanged re-run of ingest.

    python -m bench.archive                      # 100,000 reports, 10,000 files (a few minutes)
    python -m bench.archive --docs 5000 --files 1000
    python -m bench.archive --workdir DIR --reuse  # build DIR/bench.db once (~16 min), then reuse it
    BAOCAO_BENCH_CACHE=DIR python -m bench archive  # the same through the runner (DIR/archive/bench.db)

1. Builds an archive of synthetic reports straight through the store layer (not the pipeline):
   each is a baocao.report/1 dict made from the real seed report's sentences, with its own
   agency, period (2015-2025), number, references (drawn from a pool of 5,000 numbers, written
   in varying ways), counts and a topic sentence, so queries select subsets as they would in a
   real archive.
2. Times `citations --quarter` and `search` (median of several runs, different arguments).
3. Reports the database size per 1,000 documents.
4. Writes a folder of small .txt reports, archives them once (rows written through the store,
   with the files' real size, mtime and hash) and times `ingest` on the unchanged folder.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "real" / "bao-cao-tuyen-truyen-pctp-quy-I-2023.txt"

AGENCIES = [
    ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "UBND TỈNH LẠNG SƠN", "Lạng Sơn", "STTTT"),
    ("CÔNG AN TỈNH", "BỘ CÔNG AN", "Lâm Đồng", "CAT"),
    ("SỞ TƯ PHÁP", "UBND TỈNH LÂM ĐỒNG", "Đà Lạt", "STP"),
    ("ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Quảng Ngãi", "UBND"),
    ("BAN CHỈ ĐẠO 138", "UBND TỈNH QUẢNG NGÃI", "Quảng Ngãi", "BCĐ138"),
    ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "UBND TỈNH LẠNG SƠN", "Lạng Sơn", "SVHTTDL"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "UBND TỈNH ĐÀ NẴNG", "Đà Nẵng", "SGDĐT"),
    ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "UBND TỈNH LÂM ĐỒNG", "Lâm Đồng", "SLĐTBXH"),
]
TOPICS = [
    "phòng, chống mua bán người", "phòng, chống ma túy", "phòng ngừa tội phạm lừa đảo trên mạng xã hội",
    "phòng, chống tin giả, tin sai sự thật", "phòng cháy, chữa cháy rừng", "an toàn giao thông",
    "phòng, chống bạo lực gia đình", "cai nghiện ma túy tại gia đình, cộng đồng", "bảo vệ trẻ em",
    "chuyển đổi số", "cải cách hành chính", "phòng, chống tham nhũng, tiêu cực",
    "an ninh mạng", "phòng, chống dịch bệnh", "xây dựng nông thôn mới", "bảo vệ chủ quyền biên giới",
]
TYPES = [("Công văn", "CV"), ("Kế hoạch", "KH"), ("Quyết định", "QĐ"), ("Báo cáo", "BC"), ("Chỉ thị", "CT")]
UNITS = ["tin, bài", "buổi", "lượt người", "phóng sự", "tờ rơi", "%"]
QUARTER_NAMES = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _seed_sentences() -> list[str]:
    from pipeline.text import nfc

    text = nfc(SEED.read_text("utf-8"))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return [line for line in lines if len(line) > 40]


def _pool_number(k: int, style: int) -> tuple[str, str]:
    type_name, code = TYPES[k % len(TYPES)]
    agency_code = AGENCIES[k % len(AGENCIES)][3]
    number = f"{100 + k}/{code}-{agency_code}"
    written = [number, number.replace("Đ", "D"), number.replace("-", " - "), number.lower()][style % 4]
    return type_name, written


def synthetic_contract(i: int, rng: random.Random, sentences: list[str]) -> dict:
    agency, parent, place, code = AGENCIES[i % len(AGENCIES)]
    year = 2015 + (i // 4) % 11
    quarter = i % 4 + 1
    start = f"{year}-{3 * quarter - 2:02d}-01"
    end = f"{year}-{3 * quarter:02d}-{30 if quarter in (2, 3) else 31}"
    topic = TOPICS[i % len(TOPICS)]
    issue_day = f"{year}-{3 * quarter:02d}-{rng.randint(10, 28):02d}"
    number = f"{i + 1}/BC-{code}"
    body = []
    for s in range(3):
        chosen = rng.sample(sentences, 6)
        text = " ".join(chosen) + f" Trong quý {QUARTER_NAMES[quarter]}/{year}, công tác {topic} được triển khai."
        body.append({"number": str(s + 1), "title": f"Kết quả công tác {topic}", "level": 1, "page": s + 1,
                     "text": text, "key": str(s + 1), "tables": [], "children": []})
    note = (f"Công văn số {rng.randint(1, 999)}/{code}-VP ngày 05/01/{year} của {agency.title()} "
            f"tuyên truyền công tác {topic}.")
    references = []
    for r in range(rng.randint(3, 7)):
        k = rng.randrange(5000)
        type_name, written = _pool_number(k, rng.randrange(4))
        where = "footnote" if r else "body"
        text = f"{type_name} số {written}"
        references.append({
            "text": text, "page": 1, "where": where, "section": "1" if where == "footnote" else None,
            "span": [0, len(text)], "type": type_name, "number": written, "title": None,
            "date": f"{year}-{3 * quarter - 2:02d}-{rng.randint(1, 28):02d}", "issuer": agency.title(),
            "subject": None, "type_code": None, "issuer_code": None, "unit_code": None, "resolved": True,
        })
    counts = []
    for c in range(3):
        unit = UNITS[(i + c) % len(UNITS)]
        value = rng.randint(1, 120)
        text = f"{value} {unit}"
        counts.append({"text": text, "page": 1, "where": "body", "section": "2", "span": [0, len(text)],
                       "value": value, "qualifier": None, "unit": unit})
    sha = hashlib.sha256(f"synthetic-{i}".encode()).hexdigest()
    return {
        "schema": "baocao.report/1",
        "source": {"path": f"synthetic/{year}/bc-{i:06d}.pdf", "sha256": sha, "format": "pdf", "pages": 3,
                   "text_source": "text-layer"},
        "header": {"agency": agency, "parent_agency": parent, "number": number, "doc_type": "Báo cáo",
                   "place": place, "date": issue_day,
                   "subject": f"Kết quả công tác {topic} quý {QUARTER_NAMES[quarter]} năm {year}",
                   "recipients": ["Ban Chỉ đạo 138 tỉnh"]},
        "period": {"label": f"quý {QUARTER_NAMES[quarter]} năm {year}", "start": start, "end": end},
        "opening": f"Thực hiện {references[0]['text']}, {agency.title()} báo cáo như sau:",
        "sections": body,
        "footnotes": [{"marker": "1", "text": note, "page": 1, "anchor_section": "1"}],
        "signers": [{"authority": "KT. GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC", "name": "Lê Hải Yến"}],
        "distribution": ["Như trên", "Lưu: VT"],
        "closing": None,
        "references": references,
        "dates": [],
        "counts": counts,
        "agencies": [{"text": agency.title(), "page": 1, "where": "body", "section": None,
                      "span": [0, len(agency)], "name": agency.title()}],
        "people": [],
        "warnings": [],
    }


def citations_by_range(conn, quarter: str | None = None, by: str = "period", type: str | None = None,
              issuer: str | None = None, agency: str | None = None, include_gone: bool = False) -> pd.DataFrame:
    """queries.citations as it was before document_quarters (schema v5): a quarter's reports by a
    range test on the period index. Kept as the benchmark's "before" and the reference
    tests/test_archive_citations.py compares queries.citations with."""
    import pandas as pd

    from pipeline.archive import queries, store
    from pipeline.errors import UsageError
    from pipeline.text import fold

    where = ["r.cited_id IS NOT NULL", store.live("d", include_gone)]
    params: list = []
    if quarter:
        _, start, end = queries.parse_quarter(quarter)
        if by in ("period", None):
            where.append("d.period_start <= ? AND d.period_end >= ?")
            params += [end, start]
        elif by in ("issue-date", "issue_date", "date"):
            where.append("d.date BETWEEN ? AND ?")
            params += [start, end]
        else:
            raise UsageError(f"unknown --by {by!r}: use period or issue-date")
    if type:
        where.append("fold(COALESCE(r.type, c.type)) = ?")
        params.append(" ".join(fold(type).split()))
    if issuer:  # however the issuer was found: written out, or named by the number's code
        where.append("(fold(r.issuer) LIKE ? ESCAPE '\\' OR fold(issuer_of(COALESCE(r.number, c.number), r.issuer_code)) LIKE ? ESCAPE '\\')")
        params += [queries.like_pattern(issuer), queries.like_pattern(issuer)]
    if agency:
        where.append("(fold(d.agency) LIKE ? ESCAPE '\\' OR fold(d.parent_agency) LIKE ? ESCAPE '\\')")
        params += [queries.like_pattern(agency), queries.like_pattern(agency)]
    sql = f"""
        SELECT COALESCE(r.type, c.type) AS type, COALESCE(r.number, c.number) AS number, r.date, r.issuer,
               COALESCE(r.title, c.title, r.subject) AS title, d.number AS citing_number, d.path AS path,
               r.part AS "where", r.page, r.section, a.path AS archived_as, c.id AS cited_id,
               d.id AS document_id, r.ord, d.files AS n_files
        FROM documents d
        CROSS JOIN reference_mentions r ON r.document_id = d.id  -- CROSS: reports first (period index), then their references
        JOIN cited_documents c ON c.id = r.cited_id
        LEFT JOIN documents a ON c.key LIKE 'N:%' AND a.number_norm = substr(c.key, 3) AND {store.live("a")}
        WHERE {" AND ".join(where)}
        ORDER BY COALESCE(d.period_start, d.date), d.id, r.ord"""
    cur = conn.execute(sql, params)
    columns = [c[0] for c in cur.description] + ["cited_by", "files"]
    at_number, at_path = columns.index("citing_number"), columns.index("path")
    at_doc, at_files = columns.index("document_id"), columns.index("n_files")
    # labels and file names are made on the rows, before pandas: per-row work on a DataFrame's columns
    # costs more than the query itself on a large archive
    fetched = cur.fetchall()
    if not fetched:
        return pd.DataFrame(columns=queries.CITATION_COLUMNS)
    several = {row[at_doc]: row[at_path] for row in fetched if include_gone or (row[at_files] or 0) > 1}
    names = queries.file_names(conn, several, include_gone, best=several) if several else {}
    rows = [(*row, queries.document_label(row[at_number], row[at_path]),
             names.get(row[at_doc]) or os.path.basename(row[at_path] or "")) for row in fetched]
    df = pd.DataFrame.from_records(rows, columns=columns)
    # a document cited twice by one report is one row; take the first non-empty value of each field
    if df.duplicated(["document_id", "cited_id"]).any():
        df = df.groupby(["document_id", "cited_id"], sort=False, as_index=False).first()
    return df[queries.CITATION_COLUMNS].reset_index(drop=True)


def _median_ms(fn, args_list) -> tuple[float, list[float]]:
    times = []
    for args in args_list:
        t = time.perf_counter()
        fn(*args)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), times


def build(db: Path, n: int, batch: int = 2000) -> float:
    from pipeline.archive import Archive

    rng = random.Random(20230331)
    sentences = _seed_sentences()
    started = time.perf_counter()
    archive = Archive(db)
    for first in range(0, n, batch):
        # distinct by construction (each its own number): stored without looking for other files of it
        archive.add_many((synthetic_contract(i, rng, sentences) for i in range(first, min(n, first + batch))), group=False)
        print(f"  {min(n, first + batch)} documents, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    archive.writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    archive.close()
    return time.perf_counter() - started


def unchanged_rerun(folder: Path, db: Path, files: int) -> dict:
    """Write `files` small reports, store them as archived, and time an ingest that finds them unchanged."""
    from pipeline.archive import Archive
    from pipeline.archive.ingest import sha256_file

    rng = random.Random(7)
    sentences = _seed_sentences()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(files):
        sub = folder / f"{2015 + i % 11}" / f"q{i % 4 + 1}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"bc-{i:05d}.txt"
        path.write_text("\n".join(rng.sample(sentences, 8)) + f"\nSố: {i}/BC\n", encoding="utf-8")
        paths.append(path)
    archive = Archive(db)

    def contracts():
        for i, path in enumerate(paths):
            c = synthetic_contract(i, rng, sentences)
            c["source"]["path"] = str(path)
            c["source"]["sha256"] = sha256_file(str(path))
            st = path.stat()
            yield c, st

    with_store = time.perf_counter()
    from pipeline.archive import store

    with store.transaction(archive.writer):
        for c, st in contracts():
            store.insert_document(archive.writer, c, path=c["source"]["path"], size=st.st_size,
                                  mtime_ns=st.st_mtime_ns, group=False)
    stored = time.perf_counter() - with_store
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        summary = archive.ingest(folder, workers=2)
        runs.append(time.perf_counter() - t)
        assert summary.unchanged == files and summary.processed == 0, str(summary)
    archive.close()
    return {"files": files, "store_seconds": round(stored, 1), "rerun_seconds": [round(r, 2) for r in runs],
            "rerun_median_seconds": round(statistics.median(runs), 2)}


def grouping_cost(db: Path, docs: int, n: int = 30) -> dict:
    """Milliseconds to store one more file in the large archive, placing it in its document
    (``group=True``, what ingest does) and not (``group=False``); each insert rolled back. Half are
    new reports, half are another copy (other rendering) of an archived report: same text, no number."""
    import copy

    from pipeline.archive import Archive, store

    rng = random.Random(99)
    sentences = _seed_sentences()
    archive = Archive(db)
    conn = archive.writer
    new = [synthetic_contract(docs + i, rng, sentences) for i in range(n // 2)]
    again = []
    for k in range(n - n // 2):
        c = copy.deepcopy(store.file_contract(conn, 1 + k * (docs // n)))  # the file's own reading
        c["header"]["number"] = None  # a scan whose number is handwritten
        c["source"]["sha256"] = hashlib.sha256(f"rendering-{k}".encode()).hexdigest()
        c["source"]["path"] = c["source"]["path"].replace(".pdf", ".scan.pdf")
        again.append(c)
    out = {}
    for group in (False, True):
        times, grouped = [], 0
        for c in new + again:
            conn.execute("BEGIN IMMEDIATE")
            t = time.perf_counter()
            doc_id = store.insert_document(conn, c, group=group)
            times.append((time.perf_counter() - t) * 1000)
            grouped += conn.execute("SELECT files FROM documents WHERE id = ?", (doc_id,)).fetchone()[0] > 1
            conn.execute("ROLLBACK")
        out["grouped" if group else "alone"] = {"median_ms": round(statistics.median(times), 1),
                                                "max_ms": round(max(times), 1), "joined_a_document": grouped}
    archive.close()
    return out


def _documents(db: Path) -> int | None:
    """How many documents an archive holds, read without migrating it (None: not an archive)."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def run(docs: int = 100_000, files: int = 10_000, workdir: Path | None = None, reuse: bool = False) -> dict:
    from pipeline.archive import Archive

    tmp = Path(workdir or tempfile.mkdtemp(prefix="baocao-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    db = tmp / "bench.db"
    build_seconds = None
    migrate_seconds = None
    if reuse and db.exists() and _documents(db) == docs:
        print(f"reusing {db} ({docs} documents)", file=sys.stderr)
        t = time.perf_counter()
        from pipeline.archive import store

        store.connect(db, write=True).close()  # an archive built by an older schema is migrated once, here
        migrate_seconds = round(time.perf_counter() - t, 1)
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        print(f"building an archive of {docs} synthetic reports", file=sys.stderr)
        build_seconds = round(build(db, docs), 1)
    size = db.stat().st_size
    archive = Archive(db)
    quarters = ["2016Q1", "2018Q2", "2020Q3", "2023Q1", "2024Q4", "2019Q2", "2021Q3"]
    from pipeline.archive.frames import typed

    archive.citations(quarter="2017Q1")  # warm the page cache, as a second query would find it
    typed(citations_by_range(archive.reader, quarter="2017Q1"))
    # before (the range test over the period index, as until schema v5) and after, interleaved
    # (wall and CPU milliseconds: on a shared machine the wall time is mostly waiting for a core)
    before_all, cit_all, before_cpu, cit_cpu = [], [], [], []
    for q in quarters:
        for fn, wall, cpu in ((lambda: typed(citations_by_range(archive.reader, quarter=q)), before_all, before_cpu),
                              (lambda: archive.citations(quarter=q), cit_all, cit_cpu)):
            t, c = time.perf_counter(), time.process_time()
            fn()
            wall.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
    cit_ms, before_ms = statistics.median(cit_all), statistics.median(before_all)
    cit_rows = len(archive.citations(quarter="2023Q1"))
    queries = ["mua ban nguoi", "lua dao tren mang xa hoi", "chay rung", "an ninh mang", "cai nghien ma tuy",
               "Lạng Sơn", "bao luc gia dinh"]
    archive.search("tham nhung")
    search_ms, search_all = _median_ms(lambda q: archive.search(q), [(q,) for q in queries])
    cited_ms, _ = _median_ms(lambda n: archive.cited_by(n), [(_pool_number(k, 0)[1],) for k in (1, 77, 999, 4321, 12)])
    archive.close()
    grouping = grouping_cost(db, docs)
    print(f"re-running ingest on an unchanged folder of {files} files", file=sys.stderr)
    for leftover in ("rerun.db", "rerun.db-wal", "rerun.db-shm"):
        (tmp / leftover).unlink(missing_ok=True)
    rerun = unchanged_rerun(tmp / "folder", tmp / "rerun.db", files)
    results = {
        "documents": docs,
        "build_seconds": build_seconds,
        "db_bytes": size,
        "mb_per_1000_documents": round(size / 1e6 / (docs / 1000), 2),
        "citations_quarter_median_ms": round(cit_ms, 1),
        "citations_quarter_ms": [round(t, 1) for t in cit_all],
        "citations_quarter_before_median_ms": round(before_ms, 1),
        "citations_quarter_cpu_median_ms": round(statistics.median(cit_cpu), 1),
        "citations_quarter_before_cpu_median_ms": round(statistics.median(before_cpu), 1),
        "load_average": round(os.getloadavg()[0], 1),
        "citations_quarter_before_ms": [round(t, 1) for t in before_all],
        "migrate_seconds": migrate_seconds,
        "citations_rows_2023Q1": cit_rows,
        "search_median_ms": round(search_ms, 1),
        "search_ms": [round(t, 1) for t in search_all],
        "cited_by_median_ms": round(cited_ms, 1),
        "unchanged_rerun": rerun,
        "grouping": grouping,
        "cpu_count": os.cpu_count(),
    }
    return results


GOALS = {"citations": 100, "search": 100, "rerun": 1}


def markdown(r: dict) -> str:
    """The RESULTS.md section for one run."""
    rerun = r["unchanged_rerun"]
    build = f"{r['build_seconds']} s" if r["build_seconds"] is not None else (
        "reused" + (f", migrated in {r['migrate_seconds']} s" if r.get("migrate_seconds") else ""))
    return "\n".join([
        f"{r['documents']:,} synthetic reports inserted through the store layer (build: {build}); "
        f"{r['cpu_count']} cores, load average {r.get('load_average')}.",
        "",
        "| measure | result | goal |",
        "|---|---|---|",
        f"| `citations --quarter` (median of 7 quarters, {r['citations_rows_2023Q1']:,} rows for 2023Q1) "
        f"| {r['citations_quarter_median_ms']} ms, CPU {r['citations_quarter_cpu_median_ms']} ms (the range query "
        f"before schema v5, same run: {r['citations_quarter_before_median_ms']} ms, CPU "
        f"{r['citations_quarter_before_cpu_median_ms']} ms) | < {GOALS['citations']} ms |",
        f"| `search` (median of 7 queries, 50 matches each) | {r['search_median_ms']} ms | < {GOALS['search']} ms |",
        f"| `cited-by` (median of 5 numbers) | {r['cited_by_median_ms']} ms | |",
        f"| database size | {r['mb_per_1000_documents']} MB per 1,000 documents | |",
        f"| `ingest` re-run, {rerun['files']:,} unchanged files (median of 3) | {rerun['rerun_median_seconds']} s "
        f"| < {GOALS['rerun']} s |",
        f"| storing one more file, placed in its document (median of 30: half new reports, "
        f"half another copy of one) | {r['grouping']['grouped']['median_ms']} ms "
        f"(without grouping {r['grouping']['alone']['median_ms']} ms; "
        f"{r['grouping']['grouped']['joined_a_document']} of 30 joined their document) | |",
        "",
        "Per run: citations " + ", ".join(f"{t:g}" for t in r["citations_quarter_ms"]) + " ms (before: "
        + ", ".join(f"{t:g}" for t in r["citations_quarter_before_ms"]) + " ms); search "
        + ", ".join(f"{t:g}" for t in r["search_ms"]) + " ms; re-run "
        + ", ".join(f"{t:g}" for t in rerun["rerun_seconds"]) + " s.",
    ])


def report() -> str:
    """For `python -m bench archive`: run with the defaults and return the Markdown section. With
    BAOCAO_BENCH_CACHE set to a folder, the 100,000-report archive is built there once and reused
    (migrated when the schema moved on) by the next runs."""
    cache = os.environ.get("BAOCAO_BENCH_CACHE")
    return markdown(run(workdir=Path(cache) / "archive" if cache else None, reuse=bool(cache)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.archive", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path, help="where to build (default: a new temporary folder)")
    parser.add_argument("--reuse", action="store_true", help="keep an archive already built in --workdir")
    parser.add_argument("--markdown", action="store_true", help="print the RESULTS.md section, not JSON")
    args = parser.parse_args(argv)
    results = run(args.docs, args.files, args.workdir, args.reuse)
    print(markdown(results) if args.markdown else json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
