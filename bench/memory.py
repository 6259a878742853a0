"""Memory benchmark: peak memory of one ingest worker on a 500-page digital PDF, and on files made
to need far more memory than a report (make_hostile).

    python -m bench.memory                 # 500 pages, 3 runs each
    python -m bench.memory --pages 100 --runs 1

Each measurement is a fresh Python process doing exactly what an ingest worker does with one file
(``pipeline.archive.ingest.process_file(path, ocr_workers=1)``: read, OCR if needed, segment,
extract, build the contract); its peak resident set size comes from ``os.wait4`` (the kernel's
``ru_maxrss`` for that child: the largest of it and of the tesseract processes it waited for). The
baseline, measured in the same run, is the same process given the one-page seed report: imports,
gazetteers and the NLP pipeline loaded, no large document.

The PDF is generated with reportlab: the seed report's lines, A4, Liberation Serif 13 pt, a bold
numbered heading every 25 lines, a page number on each page, until it has the pages asked for.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "real" / "bao-cao-tuyen-truyen-pctp-quy-I-2023.txt"
QUICK_ENV = "BAOCAO_BENCH_QUICK"  # reduced sizes for a quick look; RESULTS.md reports the full run
SCAN = ROOT / "corpus" / "generated" / "gen-s2025-00004-qd.scan-medium.pdf"

# what one ingest worker does with one file, in a process of its own
WORKER = """
import json, sys, time
from pipeline.archive.ingest import process_file
t = time.perf_counter()
result = process_file(sys.argv[1], 1)
try:  # the worker's own high-water mark (Linux); see peak()
    hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")) * 1024
except OSError:
    hwm = None
print(json.dumps({"ok": result["ok"], "reason": result.get("reason"), "hwm": hwm,
                  "pages": len(result.get("page_texts") or []), "seconds": time.perf_counter() - t}))
"""


def make_pdf(path: Path, pages: int) -> Path:
    """A long report: the seed's lines, numbered sections, page numbers, until `pages` pages."""
    from reportlab.pdfgen import canvas

    from pipeline.corpus.render_pdf import BOTTOM, LEFT, PAGE_H, PAGE_W, RIGHT, TOP, register_fonts

    fonts = register_fonts()
    lines = [" ".join(line.split()) for line in SEED.read_text("utf-8").splitlines()]
    body = [line for line in lines if len(line) > 20 and not line[:2].rstrip(".").isdigit()]
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.setTitle("bench: long report")
    size, leading = 13, 19
    y = PAGE_H - TOP
    c.setFont(fonts["bold"], size)
    c.drawCentredString(PAGE_W / 2, y, "BÁO CÁO")
    y -= leading
    c.drawCentredString(PAGE_W / 2, y, "Kết quả công tác phòng, chống tội phạm năm 2023")
    y -= 2 * leading
    page, section, i = 1, 0, 0
    while True:
        if i % 25 == 0:
            section += 1
            c.setFont(fonts["bold"], size)
            c.drawString(LEFT, y, f"{section}. Kết quả thực hiện nhiệm vụ {section}")
        else:
            c.setFont(fonts["regular"], size)
            c.drawString(LEFT + (28 if i % 5 == 1 else 0), y, body[i % len(body)][:80])
        i += 1
        y -= leading
        if y < BOTTOM + leading:
            c.setFont(fonts["regular"], 11)
            c.drawCentredString(PAGE_W / 2, BOTTOM / 2, str(page))
            if page == pages:
                break
            c.showPage()
            page += 1
            y = PAGE_H - TOP
    c.save()
    assert PAGE_W - LEFT - RIGHT > 0
    return path


FLOOD_LINE = "Báo cáo kết quả công tác phòng, chống tội phạm của Sở Thông tin và Truyền thông năm 2023. "


def _words(megabytes: float, seed: int = 7) -> list[str]:
    import random

    rng = random.Random(seed)
    words = FLOOD_LINE.lower().replace(",", "").replace(".", "").split()
    parts, n = [], 0
    while n < megabytes * 1e6:
        w = rng.choice(words) + (str(rng.randint(0, 99999)) if rng.random() < 0.3 else "")
        parts.append(w)
        n += len(w.encode()) + 1
    return parts


def many_paragraphs_docx(path, paragraphs: int = 100_000):
    """A DOCX of `paragraphs` paragraphs of 12 words each (about 10 MB of text), its document.xml
    written directly into python-docx's template (adding them one by one is quadratic)."""
    import io
    import zipfile
    from xml.sax.saxutils import escape

    import docx

    blank = io.BytesIO()
    docx.Document().save(blank)
    parts = _words(paragraphs * 12 * 7 / 1e6, seed=3)
    lines = ["Số: 12/BC-STTTT", "BÁO CÁO"] + [" ".join(parts[i:i + 12]) for i in range(0, len(parts), 12)][:paragraphs]
    body = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines)
    with zipfile.ZipFile(blank) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                at = xml.index("<w:body>") + len("<w:body>")
                data = (xml[:at] + body + xml[at:]).encode("utf-8")
            out.writestr(info.filename, data)
    return path


def long_text(path, megabytes: float = 10.0, words_per_line: int | None = None):
    """A .txt of `megabytes`: one line, or lines of `words_per_line` words."""
    parts = _words(megabytes)
    if words_per_line:
        body = "\n".join(" ".join(parts[i:i + words_per_line]) for i in range(0, len(parts), words_per_line))
    else:
        body = " ".join(parts)
    path.write_text("Số: 12/BC-STTTT\nBÁO CÁO\n" + body + "\n", "utf-8")
    return path


def make_hostile(folder: Path) -> dict[str, Path]:
    """Files made to need far more memory than a report: a PDF page with 2 MB of text (1 pt type,
    stacked; a 40 KB file), a DOCX with one 10 MB paragraph of varied words, a DOCX of 100,000
    paragraphs (about 10 MB of text), a .txt of 10 MB on one line, a 60-megapixel colour scan marked
    150 dpi (which OCR must not enlarge)."""
    return {"PDF page with 2 MB of text": flood_pdf(folder / "flood-2mb-text.pdf"),
            "DOCX with a 10 MB paragraph": huge_paragraph_docx(folder / "paragraph-10mb.docx"),
            "DOCX with 100,000 paragraphs": many_paragraphs_docx(folder / "paragraphs-100k.docx"),
            ".txt with 10 MB on one line": long_text(folder / "line-10mb.txt"),
            "60 Mpx colour scan, 150 dpi": huge_scan(folder / "scan-60mpx-150dpi.jpg")}


def flood_pdf(path: Path, megabytes: float = 2.0, leading: float = 0.035) -> Path:
    """One A4 page with `megabytes` of text, 1 pt type stacked at `leading` (a 40 KB file)."""
    from reportlab.pdfgen import canvas

    from pipeline.corpus.render_pdf import register_fonts

    fonts = register_fonts()
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont(fonts["regular"], 13)
    c.drawString(72, 800, "BÁO CÁO")
    text = c.beginText(20, 780)
    text.setFont(fonts["regular"], 1)
    text.setLeading(leading)
    for _ in range(int(megabytes * 1e6 / len(FLOOD_LINE))):
        text.textLine(FLOOD_LINE)
    c.drawText(text)
    c.save()
    return path


def huge_paragraph_docx(path: Path, megabytes: float = 10.0) -> Path:
    """A DOCX whose third paragraph is `megabytes` of varied words (so it does not deflate like a bomb)."""
    import docx

    d = docx.Document()
    for line in ("Số: 12/BC-STTTT", "BÁO CÁO", " ".join(_words(megabytes))):
        d.add_paragraph(line)
    d.save(str(path))
    return path


def huge_scan(path: Path, size: tuple[int, int] = (9500, 6400), dpi: int = 150) -> Path:
    """A colour JPEG of `size` pixels marked `dpi` (60 megapixels at 150 dpi: a 63-inch sheet), lines
    of print on off-white paper."""
    from PIL import Image, ImageDraw, ImageFont

    from pipeline.corpus.render_pdf import find_font
    from pipeline.errors import MissingDependency

    im = Image.new("RGB", size, (250, 248, 240))
    draw = ImageDraw.Draw(im)
    try:
        font = ImageFont.truetype(find_font("LiberationSerif", "Regular"), 28)
    except (OSError, MissingDependency):
        font = ImageFont.load_default(size=28)
    for i in range(60):
        draw.text((300, 300 + i * 90), FLOOD_LINE, fill=(20, 20, 20), font=font)
    im.save(path, dpi=(dpi, dpi), quality=85)
    return path


def peak(path: Path) -> dict:
    """Run WORKER on path in a fresh process; its peak RSS (MiB), seconds and result."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", WORKER, str(path)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"the worker process failed on {path} (exit {proc.returncode})")
    result = json.loads(out)
    if not result["ok"]:
        raise RuntimeError(f"{path}: {result['reason']}")
    # the worker's VmHWM where the kernel gives it: a child's ru_maxrss also counts the memory of the
    # process it was forked from before exec, which a long test session makes large (468-628 MiB
    # measured late in a suite for inputs that peak far lower alone). ru_maxrss: KiB on Linux, bytes on macOS
    rss = result.get("hwm") or usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return {"mib": rss / 2**20, "seconds": result["seconds"], "wall": wall, "pages": result["pages"]}


def run(pages: int = 500, runs: int = 3, workdir: Path | None = None) -> dict:
    tmp = Path(workdir or tempfile.mkdtemp(prefix="baocao-bench-memory-"))
    tmp.mkdir(parents=True, exist_ok=True)
    long_pdf = make_pdf(tmp / f"report-{pages}-pages.pdf", pages)
    short_pdf = make_pdf(tmp / "report-50-pages.pdf", min(50, pages))
    inputs = {"seed report (1 page, text)": SEED, f"digital PDF, {min(50, pages)} pages": short_pdf,
              f"digital PDF, {pages} pages": long_pdf}
    if SCAN.exists():
        inputs["scanned PDF, 1 page (OCR)"] = SCAN
    hostile = make_hostile(tmp)  # the bound the README states: each at most 400 MiB
    inputs.update(hostile)
    # the runs of one input side by side, one per core: a process's peak memory does not depend on
    # the others, and the whole benchmark takes a third less time on 2 cores
    parallel = max(1, min(runs, os.cpu_count() or 1))
    measured: dict[str, list[dict]] = {}
    with ThreadPoolExecutor(parallel) as pool:
        for name, path in inputs.items():
            measured[name] = list(pool.map(peak, [path] * runs))
    out = {}
    for name, rows in measured.items():
        out[name] = {
            "pages": rows[0]["pages"],
            "peak_mib_median": round(statistics.median(r["mib"] for r in rows), 1),
            "peak_mib_runs": [round(r["mib"], 1) for r in rows],
            "seconds_median": round(statistics.median(r["seconds"] for r in rows), 2),
        }
    return {"runs": runs, "parallel": parallel, "inputs": out, "hostile": list(hostile), "pdf_bytes": long_pdf.stat().st_size, "cpu_count": os.cpu_count()}


def report(pages: int | None = None, runs: int = 3) -> str:
    """For `python -m bench memory`; BAOCAO_BENCH_QUICK=1: a 100-page PDF, one run."""
    if os.environ.get(QUICK_ENV):
        pages, runs = pages or 100, 1
    pages = pages or 500
    results = run(pages, runs)
    inputs = results["inputs"]
    baseline = next(iter(inputs.values()))["peak_mib_median"]
    lines = [
        f"Peak resident memory of one ingest worker process (`process_file`, one file, `ocr_workers=1`), "
        f"median of {results['runs']} runs ({results['parallel']} at a time), from `os.wait4` (kernel `ru_maxrss` of that process, or of a tesseract "
        f"process it ran if that was larger). The {pages}-page PDF "
        f"({results['pdf_bytes'] / 2**20:.1f} MiB) is generated with reportlab from the seed report's text.",
        "",
        "| input | pages | peak MiB (median) | runs | above the baseline | seconds (median) | s/page |",
        "|---|---:|---:|---|---:|---:|---:|",
    ]
    for name, row in inputs.items():
        above = row["peak_mib_median"] - baseline
        lines.append(
            f"| {name} | {row['pages']} | {row['peak_mib_median']:.0f} | {', '.join(f'{m:.0f}' for m in row['peak_mib_runs'])} "
            f"| {'baseline' if name == next(iter(inputs)) else f'{above:+.0f} MiB'} | {row['seconds_median']:.1f} "
            f"| {row['seconds_median'] / max(1, row['pages']):.3f} |"
        )
    over = [name for name in results["hostile"] if inputs[name]["peak_mib_median"] > 400]
    lines += ["", "Hostile inputs (tests/robustness/test_memory.py): the bound is 400 MiB per worker; over it: "
              + (", ".join(over) if over else "none") + "."]
    long_row = list(inputs.values())[2]  # the long PDF
    per_page = (long_row["peak_mib_median"] - list(inputs.values())[1]["peak_mib_median"]) / max(1, long_row["pages"] - 50)
    lines += [
        "",
        "The baseline is mostly the libraries and data a worker loads for its first file (spaCy, underthesea, "
        "gazetteers).",
        f"Growth between the 50- and the {pages}-page PDF: {per_page * 1024:.0f} KiB per page. A machine running "
        f"N workers needs about N × the {pages}-page figure when N such files run at once.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the raw results as JSON")
    args = parser.parse_args(argv)
    if args.json:
        print(json.dumps(run(args.pages, args.runs), indent=1, ensure_ascii=False))
    else:
        print(report(args.pages, args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
