"""Bounds: pages per file, pixels per page, the size a DOCX may unpack to, time per page and per
file, and the memory one worker needs for a 1,000-page PDF. The limits are settable from read() and
from `baocao ingest` / `baocao extract` (--max-pages, --max-pixels, --page-timeout, --timeout)."""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from pipeline.errors import InputFileError
from pipeline.read import read
from tests.conftest import ROOT
from tests.robustness import bad_files as bad
from tests.robustness.fakes import baocao_command, baocao_env
from tests.robustness.timing import hard_limit, linear


def test_pdf_reading_time_grows_linearly_with_pages(tmp_path):
    """It was quadratic: every page re-listed the page tree (42 s for 1,000 one-line pages)."""
    ok, figures = linear(lambda n: bad.many_page_pdf(tmp_path / f"{n}.pdf", n),
                         lambda p: read(p, ocr_workers=1), 150, attempts=2)
    assert ok, f"N pages -> 4N pages: {figures}"


def test_a_1000_page_pdf_is_cut_at_max_pages_from_the_command_line(tmp_path):
    path = bad.many_page_pdf(tmp_path / "thousand.pdf", 1000)
    run = subprocess.run(baocao_command("extract", "--json", "--max-pages", "25", str(path)), cwd=ROOT,
                         env=baocao_env(), capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    contract = json.loads(run.stdout)
    assert contract["source"]["pages"] == 25
    assert "the file has 1000 pages; read only the first 25 (max_pages)" in contract["warnings"]


def test_a_pdf_of_10000_tiny_pages_is_cut_at_the_default_max_pages(tmp_path):
    """10,000 one-line pages in a 1 MB file: read() stops at its default page limit with a warning
    naming it, within a bounded CPU time (the page tree is walked once, not per page)."""
    from pipeline.read.options import ReadOptions

    MAX_PAGES = ReadOptions().max_pages
    path = bad.many_page_pdf(tmp_path / "ten-thousand.pdf", 10_000, "Cong van so 715/BCD-CAT")
    with hard_limit(300):
        doc = read(path, ocr_workers=1)
    assert len(doc.pages) == MAX_PAGES < 10_000
    assert f"the file has 10000 pages; read only the first {MAX_PAGES} (max_pages)" in doc.warnings
    assert doc.pages[-1].lines[0].text == "Cong van so 715/BCD-CAT"


def test_peak_memory_of_one_worker_on_a_1000_page_pdf(tmp_path):
    """What an ingest worker does with the file (process_file, OCR on one core), in a fresh process;
    its peak resident set from getrusage. The figure is quoted in the README."""
    path = bad.many_page_pdf(tmp_path / "thousand.pdf", 1000)
    code = (
        "import json, resource, sys, time\n"
        "from pipeline.archive.ingest import process_file\n"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "t = time.perf_counter()\n"
        "r = process_file(sys.argv[1], 1)\n"
        "print(json.dumps({'ok': r['ok'], 'pages': len(r.get('page_texts') or []), 'seconds': time.perf_counter() - t,\n"
        "                  'before_kb': base, 'peak_kb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))\n"
    )
    run = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, env=baocao_env(),
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    figures = json.loads(run.stdout.splitlines()[-1])
    print(f"1,000-page PDF: peak {figures['peak_kb'] / 1024:.0f} MB, {figures['seconds']:.1f} s")
    assert figures["ok"] and figures["pages"] == 1000
    assert figures["peak_kb"] < 700 * 1024  # measured about 300 MB with every import loaded


@pytest.mark.parametrize("maker", [bad.huge_png, bad.huge_tiff], ids=["png", "tiff"])
def test_a_30000_by_30000_image_is_refused_from_its_header_fast(tmp_path, maker):
    import resource

    path = maker(tmp_path / f"bomb.{maker.__name__[5:]}")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with hard_limit(5), pytest.raises(InputFileError) as e:
        read(path)
    seconds = time.perf_counter() - started
    assert "900 Mpx" in str(e.value) and "max_pixels" in str(e.value)
    assert seconds < 2, seconds
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KB: nothing decoded


def test_max_pixels_from_the_command_line(tmp_path):
    from PIL import Image

    path = tmp_path / "scan.png"
    Image.new("L", (1000, 1000), 255).save(path)
    run = subprocess.run(baocao_command("extract", "--max-pixels", "500000", str(path)), cwd=ROOT,
                         env=baocao_env(), capture_output=True, text=True, timeout=120)
    assert (run.returncode, run.stdout) == (3, "")
    assert "1000×1000 pixels" in run.stderr and "max_pixels" in run.stderr


def test_a_docx_zip_bomb_is_refused_before_inflating(tmp_path):
    import resource

    path = bad.docx_bomb(tmp_path / "bomb.docx", gigabytes=2.0)
    assert path.stat().st_size < 3_000_000  # 2 GB of XML in about 2 MB
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with hard_limit(10), pytest.raises(InputFileError) as e:
        read(path)
    seconds = time.perf_counter() - started
    assert "zip bomb" in str(e.value) and "2,148 MB" in str(e.value)
    assert seconds < 2, seconds
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000


def test_a_docx_bomb_whose_directory_lies_about_its_size_is_still_bounded(tmp_path):
    """The ZIP directory claims 1 KB for word/document.xml, the data inflates to 2 GB: zipfile stops
    at the size claimed and the CRC check fails, so the file is damaged, and read in bounded memory."""
    import resource
    import struct

    path = bad.docx_bomb(tmp_path / "liar.docx", gigabytes=2.0)
    data = bytearray(path.read_bytes())
    claimed = struct.pack("<I", 2048 * (1 << 20))
    assert data.count(claimed) == 2  # local header and central directory
    data[:] = data.replace(claimed, struct.pack("<I", 1024))
    path.write_bytes(bytes(data))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with hard_limit(20), pytest.raises(InputFileError) as e:
        read(path)
    assert "DOCX" in str(e.value)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000


def test_a_500_page_tiff_is_cut_at_max_pages(tmp_path):
    path = bad.many_page_tiff(tmp_path / "long.tif", 500)
    with hard_limit(30):
        doc = read(path, max_pages=3, ocr_workers=1)
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert "the file has 500 pages; read only the first 3 (max_pages)" in doc.warnings
