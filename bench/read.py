"""Reading benchmark: digital pages per second against pdftotext, OCR seconds per page against the
tesseract program alone on the same page images, pages per second with 1 and 2 OCR workers, and the
effect of the OCR clean-up steps (deskew, binarise) on Tesseract's word confidence.

    python -m bench read        # writes its section of bench/RESULTS.md
    python -m bench.read        # prints the section

Files are those of corpus/real: the born-digital PDFs for the text layer, pages of the scans for OCR.
Both sides of each comparison run in the same process, one after the other, on the same inputs.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from pipeline.read import read
from pipeline.read.ocr import OcrTask, ocr_page, render_pdf_page

REAL = Path(__file__).resolve().parent.parent / "corpus" / "real"
# (file, pages read from its text layer)
DIGITAL = [("tb-11-ubnd-quang-ngai-2025.pdf", [1, 2]), ("cv-507-ubnd-kgvx-quang-ngai-2025.pdf", [1]),
           ("cd-2003-vpcp-2025.pdf", [1, 2, 3]), ("cv-1668-stp-lam-dong-2025.pdf", [1])]
# (file, page) rendered to images for the OCR comparison
OCR_PAGES = [("cv-855-cat-pa05-lam-dong-2025-scan.pdf", 1), ("tb-493-ubnd-lam-dong-2025-scan.pdf", 2),
             ("qd-04-bcd138-quang-ngai-2025-scan.pdf", 1), ("cv-45-pa83-da-nang-2018-scan.pdf", 1)]
WORKER_FILES = [("cv-5240-bca-v01-2025-scan.pdf", [1, 2, 3, 4])]
ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


def _median_time(fn, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def digital(runs: int = 5) -> dict:
    pages = sum(len(p) for _, p in DIGITAL)

    def ours():
        for name, wanted in DIGITAL:
            read(REAL / name, pages=wanted)

    def pdftotext():
        for name, wanted in DIGITAL:
            for page in wanted:  # the same pages, one run each (pdftotext -f/-l takes a range)
                subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(REAL / name), "-"],
                               check=True, capture_output=True)

    ours()  # imports and data files outside the timing
    ours_s, ours_all = _median_time(ours, runs)
    out = {"pages": pages, "runs": runs, "baocao_seconds": round(ours_s, 3),
           "baocao_pages_per_second": round(pages / ours_s, 1), "baocao_runs": [round(t, 3) for t in ours_all]}
    if shutil.which("pdftotext"):
        base_s, base_all = _median_time(pdftotext, runs)
        out.update(pdftotext_seconds=round(base_s, 3), pdftotext_pages_per_second=round(pages / base_s, 1),
                   pdftotext_runs=[round(t, 3) for t in base_all], ratio=round(ours_s / base_s, 2))
    return out


def ocr(runs: int = 2) -> dict:
    with tempfile.TemporaryDirectory(prefix="baocao-bench-") as tmp:
        images = []
        for name, page in OCR_PAGES:
            path = Path(tmp) / f"{Path(name).stem}-{page}.png"
            render_pdf_page(str(REAL / name), page - 1, 300).save(path)
            images.append(path)

        def cli():
            for path in images:
                subprocess.run(["tesseract", str(path), "-", "-l", "vie", "--psm", "3", "tsv"], check=True,
                               capture_output=True, env=ENV)

        def ours():
            for i, path in enumerate(images):
                result = ocr_page(OcrTask("image", str(path), 0, i + 1, image_dpi=300))
                assert result.lines, path

        def ours_from_pdf():
            for name, page in OCR_PAGES:
                read(REAL / name, pages=[page], ocr_workers=1)

        cli_s, cli_all = _median_time(cli, runs)
        ours_s, ours_all = _median_time(ours, runs)
        pdf_s, pdf_all = _median_time(ours_from_pdf, runs)
    n = len(images)
    return {
        "pages": n, "runs": runs,
        "tesseract_cli_seconds_per_page": round(cli_s / n, 2),
        "baocao_ocr_seconds_per_page": round(ours_s / n, 2),
        "overhead": f"{(ours_s / cli_s - 1) * 100:+.0f}%",
        "baocao_read_pdf_seconds_per_page": round(pdf_s / n, 2),
        "read_pdf_overhead": f"{(pdf_s / cli_s - 1) * 100:+.0f}%",
        "runs_seconds": {"cli": [round(t, 2) for t in cli_all], "ocr_page": [round(t, 2) for t in ours_all],
                         "read_pdf": [round(t, 2) for t in pdf_all]},
    }


def workers(runs: int = 2) -> dict:
    out = {}
    pages = sum(len(p) for _, p in WORKER_FILES)
    for n in (1, 2):
        def go():
            for name, wanted in WORKER_FILES:
                read(REAL / name, pages=wanted, ocr_workers=n)
        seconds, all_runs = _median_time(go, runs)
        out[f"{n}_worker"] = {"pages_per_second": round(pages / seconds, 3), "seconds": round(seconds, 2),
                              "runs": [round(t, 2) for t in all_runs]}
    out["pages"] = pages
    out["speedup"] = round(out["1_worker"]["seconds"] / out["2_worker"]["seconds"], 2)
    return out


def cleanup() -> list[dict]:
    """Mean word confidence and words found, with and without each clean-up step."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="baocao-bench-") as tmp:
        cases = []
        for name, page in OCR_PAGES[:3]:
            path = Path(tmp) / f"{Path(name).stem}-{page}.png"
            render_pdf_page(str(REAL / name), page - 1, 300).save(path)
            cases.append((f"{name} p{page}", path))
        name, page = OCR_PAGES[0]
        skewed = Path(tmp) / "skewed.png"
        render_pdf_page(str(REAL / name), page - 1, 300).rotate(3, expand=True, fillcolor=255).save(skewed)
        cases.append((f"{name} p{page} turned 3°", skewed))
        for label, path in cases:
            row = {"page": label}
            for key, deskew, binarize in (("none", False, False), ("deskew", True, False), ("deskew+binarise", True, True)):
                result = ocr_page(OcrTask("image", str(path), 0, 1, image_dpi=300, deskew=deskew, binarize=binarize))
                row[key] = (result.mean_conf, sum(len(l.text.split()) for l in result.lines))
            rows.append(row)
    return rows


def report() -> str:
    d = digital()
    o = ocr()
    w = workers()
    c = cleanup()
    lines = [
        "### Digital PDFs (text layer)",
        "",
        f"{d['pages']} pages of {', '.join(n for n, _ in DIGITAL)}; median of {d['runs']} runs.",
        "",
        "| | seconds | pages/s |",
        "|---|---:|---:|",
        f"| baocao `read()` (lines, columns, markers, stamps, verdict) | {d['baocao_seconds']} | {d['baocao_pages_per_second']} |",
    ]
    if "pdftotext_seconds" in d:
        lines.append(f"| `pdftotext -layout`, one process per page | {d['pdftotext_seconds']} | {d['pdftotext_pages_per_second']} |")
        lines += ["", f"baocao takes **{d['ratio']}×** the time of pdftotext."]
    lines += [
        "", "### OCR", "",
        f"{o['pages']} scanned pages ({', '.join(f'{n} p{p}' for n, p in OCR_PAGES)}) rendered to 300 dpi PNG "
        f"beforehand; median of {o['runs']} runs; OMP_THREAD_LIMIT=1 on both sides.", "",
        "| | seconds per page | vs tesseract alone |", "|---|---:|---:|",
        f"| `tesseract page.png - -l vie tsv` | {o['tesseract_cli_seconds_per_page']} | |",
        f"| baocao `ocr_page` on the same PNG (deskew, OCR, lines) | {o['baocao_ocr_seconds_per_page']} | {o['overhead']} |",
        f"| baocao `read(pdf, pages=[n])` (render 300 dpi too) | {o['baocao_read_pdf_seconds_per_page']} | {o['read_pdf_overhead']} |",
        "", "### OCR workers", "",
        f"{w['pages']} pages of {', '.join(n for n, _ in WORKER_FILES)}, `read(..., ocr_workers=n)`:", "",
        "| workers | seconds | pages/s |", "|---:|---:|---:|",
        f"| 1 | {w['1_worker']['seconds']} | {w['1_worker']['pages_per_second']} |",
        f"| 2 | {w['2_worker']['seconds']} | {w['2_worker']['pages_per_second']} |",
        "", f"Speed-up with 2 workers: {w['speedup']}× (on {os.cpu_count()} cores).",
        "", "### OCR clean-up", "",
        "Mean word confidence (weighted by length) / words found. Deskew is on by default (applied when the "
        "estimated skew is 0.5° or more); binarising is off: it did not raise confidence here.", "",
        "| page | none | deskew | deskew + binarise |", "|---|---:|---:|---:|",
    ]
    for row in c:
        lines.append(f"| {row['page']} | " + " | ".join(f"{row[k][0]} / {row[k][1]}" for k in ("none", "deskew", "deskew+binarise")) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
