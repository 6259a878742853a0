"""Start-up: `baocao extract --json` of a plain-text file imports none of the heavy libraries (they are
imported where they are used: PDF, image, DOCX readers, the trained model, the archive's tables).

A behaviour test, not a timing test: the command runs in a fresh interpreter, and the modules it
ended with are read from sys.modules. The speed itself is measured by bench/digital.py (start-up)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# each costs tens of milliseconds to hundreds of MiB when imported, and a text file needs none of them
HEAVY = ("pandas", "numpy", "PIL", "pdfplumber", "pdfminer", "pypdfium2", "spacy", "underthesea",
         "docx", "lxml", "pyarrow", "matplotlib", "sklearn", "scipy", "torch", "dask", "distributed",
         "reportlab", "jinja2", "flask")

_RUN = """
import contextlib, io, json, runpy, sys
sys.argv = ["baocao", *json.loads(sys.argv[1])]
out = io.StringIO()
code = 0
try:
    with contextlib.redirect_stdout(out):
        runpy.run_module("pipeline", run_name="__main__", alter_sys=True)
except SystemExit as stop:
    code = stop.code or 0
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def _modules_after(args: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-c", _RUN, json.dumps(args)], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _heavy(modules: list[str]) -> list[str]:
    return sorted({m.split(".")[0] for m in modules} & set(HEAVY))


@pytest.mark.parametrize("args", [["extract", "--json"], ["extract"]], ids=["json", "summary"])
def test_text_file_extract_imports_no_heavy_library(tmp_path, args):
    text = tmp_path / "bao-cao.txt"
    text.write_text("UBND TỈNH LẠNG SƠN\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 123/BC-STTTT\n"
                    "BÁO CÁO\nKết quả công tác tuyên truyền quý I năm 2023\n", encoding="utf-8")
    done = _modules_after([*args, str(text)])
    assert done["code"] == 0
    if "--json" in args:
        assert json.loads(done["out"])["source"]["format"] == "text"
    assert _heavy(done["modules"]) == []


def test_the_check_sees_a_heavy_import(tmp_path):
    """The same probe on a command that does need one of them (a PDF: pypdfium2) finds it, so the list
    above is not empty by construction."""
    pdf = next(p for p in sorted((ROOT / "corpus" / "real").glob("*.pdf")) if "scan" not in p.name)
    done = _modules_after(["extract", "--json", str(pdf)])
    assert done["code"] == 0
    assert "pypdfium2" in _heavy(done["modules"]) or "pdfplumber" in _heavy(done["modules"])
