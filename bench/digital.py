"""Born-digital PDFs: pages per second of `baocao extract` and of `baocao ingest` (2 workers) against
`pdftotext -layout` on the same pages, in the same run, each a median of 3 runs interleaved (so a
machine loaded by other work loads all sides alike). `extract` is timed both with the PDFium text path
(the default) and with BAOCAO_PDF_TEXT=pdfplumber (the reference it replaced).

Inputs: the born-digital PDFs of corpus/real and corpus/generated (digital and legacy-font kinds; the
scans are OCR's business, see read.py). Every side runs as its own processes, one per file for
extract and pdftotext (start-up included), one `ingest` over a folder of the same files.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3


def files() -> list[Path]:
    out = []
    for folder in ("corpus/real", "corpus/generated"):
        out += [p for p in sorted((ROOT / folder).glob("*.pdf")) if "scan" not in p.name]
    return out


def pages(paths) -> int:
    import pypdfium2 as pdfium

    total = 0
    for p in paths:
        doc = pdfium.PdfDocument(str(p))
        total += len(doc)
        doc.close()
    return total


def _env(**extra) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_THREAD_LIMIT="1", LANG="en_US.UTF-8")
    env.update(extra)
    return env


def _timed(commands, env) -> float:
    started = time.perf_counter()
    for cmd in commands:
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def run() -> dict:
    paths = files()
    n = pages(paths)
    py = sys.executable
    extract = [[py, "-m", "pipeline", "extract", "--json", str(p)] for p in paths]
    pdftotext = [["pdftotext", "-layout", str(p), "-"] for p in paths] if shutil.which("pdftotext") else None
    times: dict[str, list[float]] = {"pdftotext": [], "extract": [], "extract_pdfplumber": [], "ingest": []}
    with tempfile.TemporaryDirectory(prefix="baocao-bench-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for p in paths:
            shutil.copy(p, folder / p.name)
        for run in range(RUNS):
            if pdftotext:
                times["pdftotext"].append(_timed(pdftotext, _env()))
            times["extract"].append(_timed(extract, _env(BAOCAO_PDF_TEXT="pdfium")))
            times["extract_pdfplumber"].append(_timed(extract, _env(BAOCAO_PDF_TEXT="pdfplumber")))
            db = Path(tmp) / f"run{run}.db"
            times["ingest"].append(_timed([[py, "-m", "pipeline", "ingest", str(folder), "--db", str(db),
                                            "--workers", "2", "--quiet"]], _env()))
    out: dict = {"files": len(paths), "pages": n, "runs": RUNS}
    for key, values in times.items():
        if values:
            s = statistics.median(values)
            out[key] = {"seconds": round(s, 3), "pages_per_second": round(n / s, 1)}
    if pdftotext:
        base = out["pdftotext"]["seconds"]
        for key in ("extract", "extract_pdfplumber", "ingest"):
            out[key]["x_pdftotext"] = round(out[key]["seconds"] / base, 1)
    out["pdfium_speedup"] = round(out["extract_pdfplumber"]["seconds"] / out["extract"]["seconds"], 2)
    return out


def report() -> str:
    d = run()
    rows = [("`pdftotext -layout`, one process per file", "pdftotext"),
            ("`baocao extract --json`, one process per file (PDFium text)", "extract"),
            ("the same with `BAOCAO_PDF_TEXT=pdfplumber`", "extract_pdfplumber"),
            ("`baocao ingest --workers 2` over a folder of the same files", "ingest")]
    lines = [f"{d['pages']} born-digital pages in {d['files']} files (corpus/real and corpus/generated, scans left out); "
             f"median of {d['runs']} interleaved runs.", "",
             "| | seconds | pages/s | × pdftotext |", "|---|---:|---:|---:|"]
    for label, key in rows:
        if key in d:
            lines.append(f"| {label} | {d[key]['seconds']} | {d[key]['pages_per_second']} | {d[key].get('x_pdftotext', '')} |")
    lines += ["", f"PDFium text path against pdfplumber: **{d['pdfium_speedup']}×** faster for `extract`."]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
