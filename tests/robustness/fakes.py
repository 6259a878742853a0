"""Fake ``tesseract`` programs put first on PATH, and the environment for running baocao with them.

Each fake answers ``--version`` and ``--list-langs`` (eng, vie; no osd) as the real one does, then
behaves as asked for a recognition run: ``empty`` writes a TSV with no words (fast: a 500-page TIFF
goes through OCR in seconds), ``fail`` exits 1 with a message, ``segv`` dies of SIGSEGV, ``hang``
sleeps for a minute (``exec``, so the timeout's kill reaches the sleeping process itself), ``stuck``
for ten minutes (far longer than any test waits: a test that sees the command end has seen it stop
the program, however slow a loaded machine makes the command itself).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.conftest import ROOT

# what Tesseract prints for a blank page: the header and the page-level row (no words)
TSV_BLANK = ("level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext\\n"
             "1\\t1\\t0\\t0\\t0\\t0\\t0\\t0\\t16\\t16\\t-1\\t\\n")

BEHAVIOUR = {
    "empty": f'printf "{TSV_BLANK}" > "$2.tsv"',
    "fail": 'echo "Error in pixReadStream: Unknown format: no pix returned" >&2; exit 1',
    "segv": "kill -SEGV $$",
    "hang": "exec sleep 60",
    "stuck": "exec sleep 600",
}


def fake_tesseract(folder: Path, behaviour: str, first: str = "") -> Path:
    """A folder holding an executable ``tesseract`` that behaves as asked (after the shell line
    ``first``, say one that records what it was given); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "tesseract"
    script.write_text(
        "#!/bin/sh\n"
        'case "$1" in\n'
        '  --version) echo "tesseract 5.3.0 (fake)"; exit 0;;\n'
        '  --list-langs) printf "List of available languages in \\"/fake/\\" (2):\\neng\\nvie\\n"; exit 0;;\n'
        "esac\n"
        f"{first}\n{BEHAVIOUR[behaviour]}\n"
    )
    script.chmod(0o755)
    return folder


def path_without_tesseract(folder: Path) -> str:
    """A PATH with the system folders, minus tesseract: python and the shell tools are linked in."""
    folder.mkdir(parents=True, exist_ok=True)
    for tool in ("sh", "sleep", "antiword", "soffice", "libreoffice", "pdftotext"):
        for d in os.environ.get("PATH", "").split(os.pathsep):
            found = Path(d) / tool
            if found.exists() and not (folder / tool).exists():
                (folder / tool).symlink_to(found)
                break
    return str(folder)


def baocao_env(path: str | None = None, **extra: str) -> dict[str, str]:
    """The environment for `python -m pipeline ...` in a subprocess (PATH replaced when given), in
    English (LANG=en): these tests read the messages and summaries in English; Vietnamese is the
    default, tested in tests/test_archive_cli.py and tests/test_archive_ingest.py."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_THREAD_LIMIT": "1", "LANG": "en_US.UTF-8", "LC_ALL": "",
           "LANGUAGE": "", "LC_MESSAGES": "", **extra}
    if path is not None:
        env["PATH"] = path
    return env


def baocao_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", *args]
