"""Memory bounds: PDF pages made to need far more memory than a report does are read by one ingest
worker (a fresh process running process_file, as bench/memory.py measures) within 400 MiB peak
resident memory, with a warning saying what was left out; and a worker's address space is capped,
so a runaway becomes a failure row instead of an out-of-memory kill.

The same bound holds for text that floods one line or one file: a DOCX with a 10 MB paragraph (which
libxml2 refuses to parse as one text node), a DOCX of 100,000 paragraphs, a .txt of 10 MB on one line
or on 100,000 lines: each line is cut to read.FLOOD_LINE_CHARS and a file to read.MAX_TEXT_CHARS.

OCR runs through a fake Tesseract that finds no words (the flood page is OCR'd when its stacked text
reads as garbage): the bound is on baocao's own process, and the test takes seconds.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bench.memory import flood_pdf, huge_paragraph_docx, long_text, many_paragraphs_docx
from tests.conftest import ROOT
from tests.robustness.fakes import baocao_command, baocao_env, fake_tesseract
from tests.robustness.variants import docx_with_picture

LIMIT_MIB = 400


@pytest.fixture
def fake_ocr(tmp_path, monkeypatch):
    folder = fake_tesseract(tmp_path / "bin", "empty")
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


@pytest.mark.parametrize("make,warning", [
    (lambda p: flood_pdf(p / "flood.pdf"), "far more than a page shows"),
    # 364 MiB (the worker's VmHWM; 402 MiB was ru_maxrss, which counted the test process too)
    (lambda p: flood_pdf(p / "flood-4mb.pdf", 4.0, 0.02), "far more than a page shows"),
    (lambda p: huge_paragraph_docx(p / "paragraph.docx"), "paragraph(s) of more than 20,000 characters"),
    (lambda p: many_paragraphs_docx(p / "many.docx"), "characters of text, far more than a report"),
    (lambda p: long_text(p / "line.txt"), "a line of"),
    (lambda p: long_text(p / "lines.txt", words_per_line=14), "characters of text, far more than a report"),
    (lambda p: docx_with_picture(p / "picture.docx", ["Số: 12/BC-STTTT", "BÁO CÁO"], side=8000), None),
], ids=["pdf-2mb", "pdf-4mb", "docx-10mb-paragraph", "docx-100k-paragraphs", "txt-10mb-line", "txt-10mb-lines",
        "docx-64mpx-picture"])
def test_huge_text_is_read_in_bounded_memory(tmp_path, fake_ocr, make, warning):
    from bench.memory import peak

    path = make(tmp_path)
    measured = peak(path)
    assert measured["mib"] <= LIMIT_MIB, measured
    if warning:
        probe = subprocess.run([sys.executable, "-c", "import sys; from pipeline.archive.ingest import process_file; "
                                "r = process_file(sys.argv[1], 1); print(r['ok'], r['contract']['warnings'])", str(path)],
                               cwd=ROOT, env=baocao_env(), capture_output=True, text=True, timeout=300)
        assert probe.stdout.startswith("True") and warning in probe.stdout, probe.stdout + probe.stderr


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads the kernel's VmHWM")
def test_a_huge_colour_scan_is_read_in_bounded_memory(tmp_path, fake_ocr):
    """Not enlarged, shrunk to 300 dpi as it is decoded (its resolution mark makes it larger than any
    paper), no full-size copies: it used to take 841 MiB here (with a Tesseract that reads nothing).
    The worker's own high-water mark (VmHWM) is read: ru_maxrss of a child also counts the memory of
    the process it was started from, which a long test session makes large."""
    from bench.memory import huge_scan

    path = huge_scan(tmp_path / "scan-60mpx-150dpi.jpg")
    code = ("import sys; from pipeline.archive.ingest import process_file; r = process_file(sys.argv[1], 1); "
            "print(r['ok']); print(open('/proc/self/status').read())")
    run = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, env=baocao_env(),
                         capture_output=True, text=True, timeout=300)
    assert run.stdout.startswith("True"), run.stdout + run.stderr
    hwm = next(int(line.split()[1]) for line in run.stdout.splitlines() if line.startswith("VmHWM:")) / 1024
    assert hwm <= LIMIT_MIB, hwm


def test_a_runaway_file_is_a_failure_row_not_an_oom_kill(tmp_path):
    """The worker's address space is capped a little above what it has mapped once started; a file that
    needs more (here: an 81-megapixel image, decoded for OCR) fails with MemoryError in the
    worker, and the batch goes on."""
    from PIL import Image

    from tests.test_archive_ingest import write_reports

    folder = tmp_path / "in"
    write_reports(folder, 2)
    Image.new("RGB", (9000, 9000), "white").save(folder / "poster.png")
    script = (
        "import sys, resource\n"
        "from pipeline import lifecycle\n"
        "from pipeline.archive import Archive\n"
        "import pipeline.archive.ingest as ingest\n"
        # the cap: what a started worker maps (measured here, after the imports) plus 150 MiB
        "vsz = int(open('/proc/self/statm').read().split()[0]) * resource.getpagesize()\n"
        "ingest.lifecycle.worker_memory_bytes = lambda: vsz + 150 * 2**20\n"
        "with Archive(sys.argv[2]) as a:\n"
        "    s = a.ingest(sys.argv[1], workers=2)\n"
        "    warnings = [w for (c,) in a.reader.execute(\"SELECT contract FROM documents WHERE path LIKE '%poster.png'\")\n"
        "                for w in __import__('json').loads(c)['warnings']]\n"
        "print(s.processed, [r for _, r in s.failed], warnings)\n"
    )
    fake = fake_tesseract(tmp_path / "bin", "empty")
    run = subprocess.run([sys.executable, "-c", script, str(folder), str(tmp_path / "a.db")], cwd=ROOT,
                         env=baocao_env(f"{fake}{os.pathsep}{os.environ['PATH']}"), capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    processed, rest = run.stdout.strip().split(" ", 1)
    # the reports go in; the poster is a failure row naming memory, or archived with its page left empty
    # and an out-of-memory warning (when the decode fitted and the enlarging did not)
    assert processed in ("2", "3") and "out of memory" in rest, run.stdout + run.stderr


def test_a_worker_past_its_resident_bound_is_stopped_and_the_batch_goes_on(tmp_path):
    """The resident-memory watchdog (lifecycle.RESIDENT_ENV): with the bound 100 MiB above what a started
    worker holds, the 81-megapixel poster (243 MB decoded) stops its worker, which says why on stderr;
    the file is a failure row naming memory, and the two reports go in. The address-space cap stays
    at its default, far above: the watchdog alone stops it."""
    from PIL import Image

    from tests.test_archive_ingest import write_reports

    folder = tmp_path / "in"
    write_reports(folder, 2)
    Image.new("RGB", (9000, 9000), "white").save(folder / "poster.png")
    script = (
        "import os, sys\n"
        "from pipeline import lifecycle\n"
        "from pipeline.archive import Archive\n"
        "import pipeline.read, pipeline.segment\n"
        "os.environ[lifecycle.RESIDENT_ENV] = str(lifecycle.resident_size() // 2**20 + 100)\n"
        "with Archive(sys.argv[2]) as a:\n"
        "    s = a.ingest(sys.argv[1], workers=2)\n"
        "print(s.processed, [(os.path.basename(p), r) for p, r in s.failed])\n"
    )
    fake = fake_tesseract(tmp_path / "bin", "empty")
    env = baocao_env(f"{fake}{os.pathsep}{os.environ['PATH']}")
    env.pop("BAOCAO_WORKER_RESIDENT_MB", None)
    run = subprocess.run([sys.executable, "-c", script, str(folder), str(tmp_path / "a.db")], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    processed, failed = run.stdout.strip().splitlines()[-1].split(" ", 1)
    assert processed == "2", run.stdout + run.stderr
    assert "poster.png" in failed and "out of memory" in failed, run.stdout
    assert "passed its memory bound" in run.stderr, run.stderr
