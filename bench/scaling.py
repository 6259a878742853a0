"""Scaling benchmark: `ingest` throughput with 1 and 2 local worker processes and on a Dask
LocalCluster of 2 workers, on digital PDFs and on scans (OCR).

    python -m bench.scaling                # 3 runs of each configuration
    python -m bench.scaling --runs 1 --quick

Every configuration goes through the same code path, ``Archive.ingest(folder, executor=...)``:
a ``ProcessPoolExecutor`` of 1 or 2 processes, or ``distributed.Client.get_executor()`` on a
``LocalCluster(n_workers=2, threads_per_worker=1, processes=True)`` bound to 127.0.0.1. With an
executor passed in, each file is read with one OCR process, so a worker is one core.

Workers are warm in every configuration (imports and the NLP pipeline loaded by reading the seed
report before timing), as they are during a long run over an archive; a fresh
``baocao ingest`` pays a few seconds more for that once per worker. Each run writes a new archive;
the runs of the three configurations are interleaved so that all see the same machine load, and
each figure is the median over runs. The 1-worker configuration is the baseline of the speed-ups.

Inputs, from corpus/generated (committed): the 12 digital PDFs (31 pages, text layer) and 4 scanned
PDFs (6 pages: mild, medium and hard scans), OCR'd with Tesseract `vie`. Last, the rate at which the
single writer stores results (``writer_rate``), which bounds what any number of workers can reach,
and one worker's CPU time per page (``cpu_per_page``), the figure to plan a cluster with.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "corpus" / "generated"
SEED = ROOT / "corpus" / "real" / "bao-cao-tuyen-truyen-pctp-quy-I-2023.txt"
SCANS = ("gen-s2025-00004-qd.scan-medium.pdf", "gen-s2025-00008-cv.scan-hard.pdf", "gen-s2025-00001-cv.scan-medium.pdf",
         "gen-s2025-00003-kh.scan-mild.pdf")
QUICK_SCANS = SCANS[:2]
QUICK_ENV = "BAOCAO_BENCH_QUICK"  # reduced sizes for a quick look; RESULTS.md reports the full run


def warm() -> None:
    """Load what a worker loads on its first file (imports, gazetteers, the NLP pipeline)."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from pipeline.archive.ingest import process_file

    process_file(str(SEED), 1)


def _workloads(tmp: Path, quick: bool) -> dict[str, Path]:
    digital = tmp / "digital"
    digital.mkdir(parents=True)
    names = sorted(p.name for p in GENERATED.glob("gen-*.pdf") if p.name.count(".") == 1)
    for name in names[:4] if quick else names:
        shutil.copy2(GENERATED / name, digital / name)
    scans = tmp / "scans"
    scans.mkdir()
    for name in QUICK_SCANS if quick else SCANS:
        shutil.copy2(GENERATED / name, scans / name)
    return {"digital PDFs": digital, "scans (OCR)": scans}


def _time_ingest(folder: Path, db: Path, executor, workers: int) -> tuple[float, int, int]:
    from pipeline.archive import Archive

    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    with Archive(db) as archive:
        summary = archive.ingest(folder, workers=workers, executor=executor, progress=False)
    seconds = time.perf_counter() - started
    if summary.failed or summary.processed != summary.found:
        raise RuntimeError(f"ingest did not process every file: {summary}")
    return seconds, summary.pages, summary.ocr_pages


def writer_rate(folder: Path, db: Path, copies: int, runs: int) -> dict:
    """Documents (and pages) per second the single writer stores, one transaction per document as
    ingest does, with the real results of the files in ``folder`` (each copy under its own path and hash)."""
    from pipeline.archive import Archive, store
    from pipeline.archive.ingest import process_file

    results = [process_file(str(p), 1) for p in sorted(folder.iterdir())]
    rates = []
    for _ in range(runs):
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        with Archive(db) as archive:
            conn = archive.writer
            started = time.perf_counter()
            pages = 0
            for i in range(copies):
                r = results[i % len(results)]
                contract = json.loads(json.dumps(r["contract"]))
                contract["source"]["sha256"] = f"{i:064x}"
                path = f"{r['path']}.copy-{i}"
                store.write_document(conn, contract, path=path, size=r["size"], mtime_ns=r["mtime_ns"],
                                     ocr_pages=r["ocr_pages"], page_texts=r["page_texts"])
                pages += len(r["page_texts"])
            seconds = time.perf_counter() - started
        rates.append((copies / seconds, pages / seconds))
    return {"documents": copies, "runs": runs,
            "documents_per_second": round(statistics.median(d for d, _ in rates), 1),
            "pages_per_second": round(statistics.median(p for _, p in rates), 1)}


# one worker's CPU time per page: the files processed one after another in a fresh process, after
# a warm-up file; its own CPU plus that of the tesseract processes it ran (load on the machine slows
# the wall clock, much less the CPU time)
CPU_WORKER = """
import json, resource, sys
from pipeline.archive.ingest import process_file
process_file(sys.argv[1], 1)
def cpu():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
before, pages = cpu(), 0
for path in sys.argv[2:]:
    result = process_file(path, 1)
    assert result["ok"], result
    pages += len(result["page_texts"])
print(json.dumps({"cpu_seconds": cpu() - before, "pages": pages}))
"""


def cpu_per_page(folder: Path, runs: int) -> dict:
    import subprocess

    files = [str(p) for p in sorted(folder.iterdir())]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": str(ROOT)}
    values = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", CPU_WORKER, str(SEED), *files], cwd=ROOT, env=env,
                             capture_output=True, text=True, check=True).stdout
        r = json.loads(out)
        values.append(r["cpu_seconds"] / r["pages"])
    return {"cpu_seconds_per_page_median": round(statistics.median(values), 3),
            "cpu_seconds_per_page": [round(v, 3) for v in values]}


def run(runs: int = 3, quick: bool = False, workdir: Path | None = None) -> dict:
    tmp = Path(workdir or tempfile.mkdtemp(prefix="baocao-bench-scaling-"))
    tmp.mkdir(parents=True, exist_ok=True)
    workloads = _workloads(tmp / "in", quick)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    load_before = os.getloadavg()
    executors: dict[str, tuple[object, int]] = {
        "1 process": (ProcessPoolExecutor(1, initializer=warm), 1),
        "2 processes": (ProcessPoolExecutor(2, initializer=warm), 2),
    }
    cluster = client = None
    dask_start = None
    try:
        try:
            import distributed

            started = time.perf_counter()
            cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                               host="127.0.0.1", dashboard_address=None,
                                               env={"OMP_THREAD_LIMIT": "1"})
            client = distributed.Client(cluster, set_as_default=False)
            client.run(warm)
            dask_start = time.perf_counter() - started
            executors["Dask LocalCluster, 2 workers"] = (client.get_executor(pure=False), 2)
        except ImportError:
            pass
        # warm every process of the pools: a small folder with as many files as processes, twice
        warmup = tmp / "warmup"
        warmup.mkdir()
        for i in range(2):
            (warmup / f"seed-{i}.txt").write_text(SEED.read_text("utf-8") + f"\nSố: {i}/BC\n", "utf-8")
        for name, (executor, workers) in executors.items():
            _time_ingest(warmup, tmp / "warmup.db", executor, workers)
        times: dict[tuple[str, str], list[float]] = {}
        pages: dict[str, tuple[int, int]] = {}
        for _ in range(runs):
            for workload, folder in workloads.items():
                for name, (executor, workers) in executors.items():
                    seconds, n_pages, n_ocr = _time_ingest(folder, tmp / "bench.db", executor, workers)
                    times.setdefault((workload, name), []).append(seconds)
                    pages[workload] = (n_pages, n_ocr)
    finally:
        for name, (executor, _) in executors.items():
            if isinstance(executor, ProcessPoolExecutor):
                executor.shutdown(wait=True)
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    writer = writer_rate(workloads["digital PDFs"], tmp / "writer.db", 100 if quick else 500, runs)
    cpu = {workload: cpu_per_page(folder, runs) for workload, folder in workloads.items()}
    rows = []
    for (workload, name), values in times.items():
        median = statistics.median(values)
        base = statistics.median(times[(workload, "1 process")])
        workers = executors[name][1]
        n_pages, n_ocr = pages[workload]
        rows.append({
            "workload": workload, "executor": name, "workers": workers,
            "files": len(list(workloads[workload].iterdir())), "pages": n_pages, "ocr_pages": n_ocr,
            "seconds_median": round(median, 2), "seconds": [round(v, 2) for v in values],
            "pages_per_second": round(n_pages / median, 2),
            "seconds_per_page_per_worker": round(median * workers / n_pages, 3),
            "speedup_vs_1_process": round(base / median, 2),
        })
    return {"runs": runs, "quick": quick, "rows": rows, "writer": writer, "cpu": cpu, "cpu_count": os.cpu_count(),
            "dask_cluster_start_seconds": round(dask_start, 1) if dask_start is not None else None,
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()]}


def report(runs: int = 3, quick: bool = False) -> str:
    """For `python -m bench scaling`; BAOCAO_BENCH_QUICK=1: the --quick inputs, one run."""
    if os.environ.get(QUICK_ENV):
        runs, quick = 1, True
    r = run(runs, quick)
    lines = [
        f"`Archive.ingest(folder, executor=...)` wall time, median of {r['runs']} interleaved runs, warm workers "
        f"(see the module docstring). {r['cpu_count']} cores; load average before "
        f"{r['load_average_before'][0]}, after {r['load_average_after'][0]} (other work on the machine slows every "
        "configuration, the speed-ups less).",
        "",
        "| workload | executor | files | pages | seconds (median) | runs | pages/s | s/page per worker | speed-up vs 1 process |",
        "|---|---|---:|---:|---:|---|---:|---:|---:|",
    ]
    for row in r["rows"]:
        lines.append(
            f"| {row['workload']} | {row['executor']} | {row['files']} | {row['pages']} | {row['seconds_median']:.1f} "
            f"| {', '.join(f'{s:.1f}' for s in row['seconds'])} | {row['pages_per_second']:.2f} "
            f"| {row['seconds_per_page_per_worker']:.2f} | {row['speedup_vs_1_process']:.2f}× |"
        )
    lines += ["", "CPU time per page of one worker (its process and its tesseract processes, files one after "
                  f"another after a warm-up file; median of {r['runs']} runs), which other work on the machine "
                  "changes much less than the wall clock:", "",
              "| workload | CPU s/page (median) | runs |", "|---|---:|---|"]
    for workload, c in r["cpu"].items():
        lines.append(f"| {workload} | {c['cpu_seconds_per_page_median']:.3f} | "
                     f"{', '.join(f'{v:.3f}' for v in c['cpu_seconds_per_page'])} |")
    w = r["writer"]
    lines += ["", f"The single writer (the process running `ingest`) stores {w['documents_per_second']:.0f} documents/s "
                  f"({w['pages_per_second']:.0f} pages/s) of these digital PDFs' results, one transaction per document "
                  f"(median of {w['runs']} runs of {w['documents']} documents): the ceiling of any number of workers."]
    if r["dask_cluster_start_seconds"] is not None:
        lines += ["", f"Starting the LocalCluster and warming its 2 workers took {r['dask_cluster_start_seconds']:.0f} s "
                      "(not in the table: a cluster outlives one ingest)."]
    else:
        lines += ["", "Dask is not installed (`pip install 'baocao[dask]'`): no cluster row."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scaling", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="4 digital PDFs and 2 one-page scans")
    parser.add_argument("--json", action="store_true", help="print the raw results as JSON")
    args = parser.parse_args(argv)
    if args.json:
        print(json.dumps(run(args.runs, args.quick), indent=1, ensure_ascii=False))
    else:
        print(report(args.runs, args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
