"""Born-digital PDFs: pages per second of `baocao extract` and of `baocao ingest` (2 workers) against
`pdftotext -layout` on the same pages, in the same run, each a median of 3 runs interleaved (so a
machine loaded by other work loads all sides alike). `extract` is timed both with the PDFium text path
(the default) and with BAOCAO_PDF_TEXT=pdfplumber (the reference it replaced).

Inputs: the born-digital PDFs of corpus/real and corpus/generated (digital and legacy-font kinds; the
scans are OCR's business, see read.py). Every side runs as its own processes, one per file for
extract and pdftotext (start-up included), one `ingest` over a folder of the same files; and
`extract` once more as one process given all the files (`baocao extract --json FILE…`), which pays
its start-up once, as pdftotext cannot.

Beside the wall clock, the CPU seconds of each side (its processes and theirs, from the kernel's
rusage of waited-for children): other work on a shared machine stretches the wall clock far more than
it does CPU time. Start-up: `baocao extract --json` of a one-line text file.

BAOCAO_BENCH_BEFORE=DIR (a folder holding another copy of the ``pipeline`` package, e.g. ``git archive
OLD pipeline | tar -x -C DIR``) adds that code's `extract`, `ingest` and start-up as sides of the same
interleaved runs, the baseline of a before/after comparison measured in one command; the pdfplumber
side is then left out, to keep the run short.

The commands run as an installed package does, with Python's compiled bytecode kept (in a cache under
the temporary folder, made by a first untimed run): with PYTHONDONTWRITEBYTECODE set, every process
would compile the package's sources again, and that is not the command's own cost.
"""
from __future__ import annotations

import os
import resource
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


def dev_files() -> list[Path]:
    """The born-digital PDFs of corpus/eval/dev (real documents of many issuers, signed copies with
    stamped numbers and dates among them, which corpus/real and corpus/generated have few of)."""
    import json

    from pipeline.corpus.evaluate import find_documents, kind_of

    return [doc for doc, answer in find_documents(ROOT / "corpus" / "eval" / "dev")
            if doc.suffix.lower() == ".pdf" and kind_of(doc, json.loads(answer.read_text("utf-8"))) == "digital"]


def _page_counts(path: Path) -> tuple[int, int]:
    """(pages, pages without a text layer): a page of a born-digital file that has no character is
    a scan inside it, read by OCR."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        blank = sum(1 for i in range(len(doc)) if doc[i].get_textpage().count_chars() == 0)
        return len(doc), blank
    finally:
        doc.close()


def split_ocr(paths) -> tuple[int, list[Path], int, list[Path]]:
    """(pages in all, files whose every page has a text layer, their pages, files holding a page that OCR
    reads): each file opened once."""
    counts = {p: _page_counts(p) for p in paths}
    text = [p for p in paths if not counts[p][1]]
    return sum(n for n, _ in counts.values()), text, sum(counts[p][0] for p in text), [p for p in paths if counts[p][1]]


PYCACHE: str | None = None  # set by run(): the bytecode cache of the timed commands
STARTUP_RUNS = 7


def before_root() -> Path | None:
    """BAOCAO_BENCH_BEFORE: the folder of the code to compare with, or None."""
    value = os.environ.get("BAOCAO_BENCH_BEFORE", "").strip()
    return Path(value).resolve() if value else None


def _env(root: Path | None = None, **extra) -> dict:
    env = dict(os.environ, PYTHONPATH=str(root or ROOT), OMP_THREAD_LIMIT="1", LANG="en_US.UTF-8")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if PYCACHE:
        env["PYTHONPYCACHEPREFIX"] = PYCACHE
    env.update(extra)
    return env


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(commands, env) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of running ``commands`` one after another, from the folder of the
    code they run (``python -m`` puts the current folder before PYTHONPATH)."""
    started, cpu = time.perf_counter(), _cpu()
    for cmd in commands:
        subprocess.run(cmd, env=env, cwd=env["PYTHONPATH"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
    return time.perf_counter() - started, _cpu() - cpu


def startup(tmp: Path, root: Path | None = None) -> dict:
    """Wall and CPU seconds of `baocao extract --json` on a one-line text file, medians."""
    text = tmp / "one-line.txt"
    text.write_text("Báo cáo kết quả công tác quý I năm 2025\n", encoding="utf-8")
    cmd = [[sys.executable, "-m", "pipeline", "extract", "--json", str(text)]]
    _timed(cmd, _env(root))  # the bytecode cache
    runs = [_timed(cmd, _env(root)) for _ in range(STARTUP_RUNS)]
    return {"seconds": round(statistics.median(w for w, _ in runs), 3),
            "cpu_seconds": round(statistics.median(c for _, c in runs), 3), "runs": STARTUP_RUNS}


def run() -> dict:
    global PYCACHE
    paths = files()
    n, text_paths, n_text, ocr_paths = split_ocr(paths)
    py = sys.executable
    extract = [[py, "-m", "pipeline", "extract", "--json", str(p)] for p in paths]
    pdftotext = [["pdftotext", "-layout", str(p), "-"] for p in paths] if shutil.which("pdftotext") else None
    before = before_root()
    times: dict[str, list[tuple[float, float]]] = {"pdftotext": [], "extract": [], "extract_batch": [], "ingest": []}
    times.update({"extract_before": [], "ingest_before": []} if before else {"extract_pdfplumber": []})
    # the same sides over the files without a scanned page (the OCR'd pages are OCR's business)
    text_times: dict[str, list[tuple[float, float]]] = {key: [] for key in times}
    in_text = [p in text_paths for p in paths]

    def timed_split(commands, env, key):
        """Each file's command once: the text files' time, then the others'; both kept."""
        text = _timed([c for c, t in zip(commands, in_text) if t], env)
        rest = _timed([c for c, t in zip(commands, in_text) if not t], env)
        text_times[key].append(text)
        times[key].append((text[0] + rest[0], text[1] + rest[1]))

    def timed_batch(env, key):
        """One `extract` process over the text files, one over the others: start-up paid once a side."""
        text_files = [str(p) for p, t in zip(paths, in_text) if t]
        rest_files = [str(p) for p, t in zip(paths, in_text) if not t]
        text = _timed([[py, "-m", "pipeline", "extract", "--json", *text_files]], env)
        rest = _timed([[py, "-m", "pipeline", "extract", "--json", *rest_files]] if rest_files else [], env)
        text_times[key].append(text)
        times[key].append((text[0] + rest[0], text[1] + rest[1]))
    with tempfile.TemporaryDirectory(prefix="baocao-bench-") as tmp:
        PYCACHE = str(Path(tmp) / "pycache")
        folder, text_folder = Path(tmp) / "in", Path(tmp) / "in-text"
        folder.mkdir()
        text_folder.mkdir()
        for p in paths:
            shutil.copy(p, folder / p.name)
        for p in text_paths:
            shutil.copy(p, text_folder / p.name)

        def ingest(run: int, root: Path | None, name: str, where: Path = folder):
            db = Path(tmp) / f"{name}{run}-{where.name}.db"
            return _timed([[py, "-m", "pipeline", "ingest", str(where), "--db", str(db), "--workers", "2", "--quiet"]],
                          _env(root))

        start = startup(Path(tmp))
        start_before = startup(Path(tmp), before) if before else None
        for root in (ROOT, before) if before else (ROOT,):
            _timed(extract[:1], _env(root, BAOCAO_PDF_TEXT="pdfium"))  # the bytecode cache of the PDF modules
        for run in range(RUNS):
            if pdftotext:
                timed_split(pdftotext, _env(), "pdftotext")
            if before:
                timed_split(extract, _env(before, BAOCAO_PDF_TEXT="pdfium"), "extract_before")
            timed_split(extract, _env(BAOCAO_PDF_TEXT="pdfium"), "extract")
            timed_batch(_env(BAOCAO_PDF_TEXT="pdfium"), "extract_batch")
            if not before:
                timed_split(extract, _env(BAOCAO_PDF_TEXT="pdfplumber"), "extract_pdfplumber")
            if before:
                times["ingest_before"].append(ingest(run, before, "before"))
                text_times["ingest_before"].append(ingest(run, before, "before", text_folder))
            times["ingest"].append(ingest(run, None, "run"))
            text_times["ingest"].append(ingest(run, None, "run", text_folder))
        PYCACHE = None
    out = _summary(times, n, len(paths), before)
    out["dev"] = run_dev(before)
    out.update({"runs": RUNS, "startup": start, "ocr_files": [p.name for p in ocr_paths],
                "text": _summary(text_times, n_text, len(text_paths), before)})
    if start_before:
        out["startup_before"] = start_before
    if "extract_pdfplumber" in out:
        out["pdfium_speedup"] = round(out["extract_pdfplumber"]["seconds"] / out["extract"]["seconds"], 2)
        out["pdfium_cpu_speedup"] = round(out["extract_pdfplumber"]["cpu_seconds"] / out["extract"]["cpu_seconds"], 2)
    return out


def ocr_read(paths) -> set[Path]:
    """The files a page of which is OCR'd though it has a text layer (a layer over a scanned image that
    misses most of its print, read.py's geometry): OCR's business, timed apart."""
    from pipeline.errors import InputFileError
    from pipeline.read import read

    out = set()
    for p in paths:
        try:
            if any(page.text_source == "ocr" for page in read(p).pages):
                out.add(p)
        except InputFileError:  # a file the reader refuses is timed with the others
            pass
    return out


def run_dev(before: Path | None = None) -> dict:
    """pdftotext (one process per file), `extract` (one process over the files) and `ingest --workers 2`
    on the dev split's born-digital PDFs whose every page has a text layer, and the code before (when
    BAOCAO_BENCH_BEFORE names it) on the same: medians of RUNS interleaved. The files no page of which OCR
    reads ("layer") and the others are timed apart, once each a run; a side over all the files is the sum
    of the two (a start-up more for the second)."""
    global PYCACHE
    _n, paths, n, _ocr = split_ocr(dev_files())
    scanned = ocr_read(paths)
    groups = {"layer": [p for p in paths if p not in scanned], "scanned": sorted(scanned)}
    py = sys.executable
    keys = ["pdftotext", "extract_batch", "ingest"] + (["extract_batch_before", "ingest_before"] if before else [])
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in keys}
    layer_times: dict[str, list[tuple[float, float]]] = {k: [] for k in keys}
    with tempfile.TemporaryDirectory(prefix="baocao-bench-dev-") as tmp:
        PYCACHE = str(Path(tmp) / "pycache")
        folders = {name: Path(tmp) / f"in-{name}" for name in groups}
        for name, files in groups.items():
            folders[name].mkdir()
            for p in files:
                shutil.copy(p, folders[name] / p.name)
        for root in (ROOT, before) if before else (ROOT,):
            _timed([[py, "-m", "pipeline", "extract", "--json", str(paths[0])]], _env(root))  # the bytecode cache
        for run in range(RUNS):
            one: dict[str, dict[str, tuple[float, float]]] = {name: {} for name in groups}
            for name, files in groups.items():
                if not files:
                    continue
                if shutil.which("pdftotext"):
                    one[name]["pdftotext"] = _timed([["pdftotext", "-layout", str(p), "-"] for p in files], _env())
                for root, suffix in ((before, "_before"), (None, "")) if before else ((None, ""),):
                    batch = [[py, "-m", "pipeline", "extract", "--json", *map(str, files)]]
                    one[name]["extract_batch" + suffix] = _timed(batch, _env(root, BAOCAO_PDF_TEXT="pdfium"))
                    db = Path(tmp) / f"run{run}-{name}{suffix}.db"
                    one[name]["ingest" + suffix] = _timed([[py, "-m", "pipeline", "ingest", str(folders[name]), "--db",
                                                            str(db), "--workers", "2", "--quiet"]], _env(root))
            for key in one["layer"]:
                layer_times[key].append(one["layer"][key])
                extra = one["scanned"].get(key, (0.0, 0.0))
                times[key].append((one["layer"][key][0] + extra[0], one["layer"][key][1] + extra[1]))
        PYCACHE = None
    out = _summary(times, n, len(paths), before)
    out["layer"] = _summary(layer_times, sum(_page_counts(p)[0] for p in groups["layer"]), len(groups["layer"]), before)
    out["ocr_files"] = [p.name for p in groups["scanned"]]
    return out


def _summary(times: dict, n: int, n_files: int, before) -> dict:
    """Medians, pages/s and ratios to pdftotext (and to the code before) of one set of files' sides."""
    out: dict = {"files": n_files, "pages": n}
    for key, values in times.items():
        if values:
            s, c = statistics.median(w for w, _ in values), statistics.median(c for _, c in values)
            out[key] = {"seconds": round(s, 3), "pages_per_second": round(n / s, 1), "cpu_seconds": round(c, 3)}
    if out.get("pdftotext"):
        base, cpu = out["pdftotext"]["seconds"], max(out["pdftotext"]["cpu_seconds"], 1e-3)
        for key in times:
            if key != "pdftotext" and key in out:
                out[key]["x_pdftotext"] = round(out[key]["seconds"] / base, 1)
                out[key]["cpu_x_pdftotext"] = round(out[key]["cpu_seconds"] / cpu, 1)
    if before:
        out["speedup"] = {key: {"seconds": round(out[f"{key}_before"]["seconds"] / out[key]["seconds"], 2),
                                "cpu_seconds": round(out[f"{key}_before"]["cpu_seconds"] / out[key]["cpu_seconds"], 2)}
                          for key in ("extract", "extract_batch", "ingest") if f"{key}_before" in out and key in out}
    return out


def _table(rows, d: dict) -> list[str]:
    """The markdown table of the sides in ``d`` (label, key) that were measured."""
    out = ["| | seconds | pages/s | × pdftotext | CPU s | CPU × pdftotext |", "|---|---:|---:|---:|---:|---:|"]
    for label, key in rows:
        if key in d:
            r = d[key]
            out.append(f"| {label} | {r['seconds']} | {r['pages_per_second']} | {r.get('x_pdftotext', '')} "
                       f"| {r['cpu_seconds']} | {r.get('cpu_x_pdftotext', '')} |")
    return out


def report() -> str:
    d = run()
    rows = [("`pdftotext -layout`, one process per file", "pdftotext"),
            ("`baocao extract --json`, one process per file, the code before (BAOCAO_BENCH_BEFORE)", "extract_before"),
            ("`baocao extract --json`, one process per file (PDFium text)", "extract"),
            ("the same with `BAOCAO_PDF_TEXT=pdfplumber`", "extract_pdfplumber"),
            ("`baocao extract --json FILE…`, one process over all the files", "extract_batch"),
            ("`baocao ingest --workers 2`, the code before", "ingest_before"),
            ("`baocao ingest --workers 2` over a folder of the same files", "ingest")]
    lines = [f"{d['pages']} born-digital pages in {d['files']} files (corpus/real and corpus/generated, scans left out); "
             f"median of {d['runs']} interleaved runs. CPU: seconds of CPU time of the side's processes.", "",
             *_table(rows, d)]
    t = d["text"]
    lines += ["", f"The same sides over the {t['files']} files whose every page has a text layer ({t['pages']} pages; "
              f"left out: {', '.join(d['ocr_files']) or 'none'}, which holds a scanned page that OCR reads, "
              "OCR's business, see read.py):", "", *_table(rows, t)]
    if "speedup" in t:
        lines += ["", f"Against the code before on these files: `extract` **{t['speedup']['extract']['cpu_seconds']}×** "
                  f"in CPU, `ingest` **{t['speedup']['ingest']['cpu_seconds']}×** in CPU."]
    st = d["startup"]
    if "pdfium_speedup" in d:
        lines += ["", f"PDFium text path against pdfplumber: **{d['pdfium_speedup']}×** faster for `extract` "
                  f"({d['pdfium_cpu_speedup']}× in CPU time)."]
    if "speedup" in d:
        sp = d["speedup"]
        lines += ["", "Against the code before, in the same runs (the code before's time over this code's: above 1 is "
                  f"faster, below 1 slower): `extract` **{sp['extract']['cpu_seconds']}×** in CPU "
                  f"({sp['extract']['seconds']}× by the clock), `ingest` **{sp['ingest']['cpu_seconds']}×** in CPU "
                  f"({sp['ingest']['seconds']}× by the clock)."]
    lines += ["", f"Start-up, `baocao extract --json` of a one-line text file (median of {st['runs']}): "
              f"{st['seconds']} s ({st['cpu_seconds']} s CPU)"
              + (f"; the code before: {d['startup_before']['seconds']} s ({d['startup_before']['cpu_seconds']} s CPU)."
                 if "startup_before" in d else ".")]
    lines += ["", *goals(d), "", f"The same goals on the {t['files']} files whose every page has a text layer:", "",
              *goals(dict(t, startup=d["startup"]))]
    dev = d["dev"]
    dev_rows = rows + [("`baocao extract --json FILE…`, the code before", "extract_batch_before")]
    lines += ["", f"Real born-digital documents: the {dev['files']} PDFs of corpus/eval/dev whose every page has a text "
              f"layer ({dev['pages']} pages; signed copies with numbers and dates stamped into the header among them), "
              "the same sides:", "", *_table(dev_rows, dev),
              "", *goals(dict(dev, startup=d["startup"]))]
    lay = dev["layer"]
    lines += ["", f"The same over the {lay['files']} of them no page of which OCR reads ({lay['pages']} pages; left out: "
              f"{', '.join(dev['ocr_files']) or 'none'}, whose text layer over a scanned image misses most of its "
              "print):", "", *_table(dev_rows, lay),
              "", *goals(dict(lay, startup=d["startup"]))]
    for name, t in (("", dev), (" (no page OCR'd)", lay)):
        if "speedup" in t:
            sp = t["speedup"]
            lines += ["", f"Against the code before on the dev files{name}: `extract` **{sp['extract_batch']['cpu_seconds']}×** "
                      f"in CPU, `ingest` **{sp['ingest']['cpu_seconds']}×** in CPU."]
    return "\n".join(lines)


# issue 21's goals for born-digital PDFs, measured here and not in timed tests
GOAL_X_PDFTOTEXT = 5.0  # extract at most this many times pdftotext -layout on the same pages
GOAL_INGEST_PAGES_PER_SECOND = 50.0  # ingest, 2 workers on 2 cores
GOAL_STARTUP_SECONDS = 0.3  # extract --json of a one-line text file


def goals(d: dict) -> list[str]:
    """The goals against this run: wall clock and, beside it, CPU time (which other work on the machine
    changes less)."""
    def mark(ok: bool) -> str:
        return "met" if ok else "**not met**"

    rows = ["| goal (issue 21) | this run (wall) | CPU | |", "|---|---:|---:|---|"]
    if "x_pdftotext" in d.get("extract", {}):
        x, cx = d["extract"]["x_pdftotext"], d["extract"]["cpu_x_pdftotext"]
        rows.append(f"| `extract` ≤ {GOAL_X_PDFTOTEXT:g}× `pdftotext -layout` | {x}× | {cx}× | {mark(x <= GOAL_X_PDFTOTEXT)} |")
    if "x_pdftotext" in d.get("extract_batch", {}):
        x, cx = d["extract_batch"]["x_pdftotext"], d["extract_batch"]["cpu_x_pdftotext"]
        rows.append(f"| the same, one `extract` process over the files | {x}× | {cx}× | {mark(x <= GOAL_X_PDFTOTEXT)} |")
    ingest = d["ingest"]
    cpu_rate = round(d["pages"] / max(ingest["cpu_seconds"] / 2, 1e-3), 1)  # 2 workers: CPU seconds over 2 cores
    rows.append(f"| `ingest --workers 2` ≥ {GOAL_INGEST_PAGES_PER_SECOND:g} pages/s | {ingest['pages_per_second']} | "
                f"{cpu_rate} (pages over half its CPU seconds) | {mark(ingest['pages_per_second'] >= GOAL_INGEST_PAGES_PER_SECOND)} |")
    st = d["startup"]
    rows.append(f"| start-up ≤ {GOAL_STARTUP_SECONDS:g} s | {st['seconds']} s | {st['cpu_seconds']} s | "
                f"{mark(st['seconds'] <= GOAL_STARTUP_SECONDS)} |")
    return rows


if __name__ == "__main__":
    print(report())
