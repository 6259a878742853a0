"""A thin wrapper around the Tesseract program (run directly: its own process group, killed on a
timeout or when the worker that started it dies; see pipeline.lifecycle).

``probe()`` answers once whether Tesseract is installed, which version, and whether the Vietnamese
(``vie``) and orientation (``osd``) data are there; ``require()`` raises MissingDependency naming the
packages to install. ``words()`` runs one image and parses the TSV into Word records; ``orientation()``
asks OSD how the page is turned. Every run has a time limit and runs with OMP_THREAD_LIMIT=1 in its
own environment (one process per core: parallelism comes from running pages side by side, not from
threads inside one); the environment of the calling process is left as it is.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from ..errors import MissingDependency
from ..i18n import N_

INSTALL_HINT = N_("install Tesseract with Vietnamese data: apt-get install tesseract-ocr tesseract-ocr-vie (macOS: brew install tesseract tesseract-lang)")


@dataclass(frozen=True)
class Probe:
    installed: bool
    version: str | None = None
    languages: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Word:
    text: str
    left: int  # pixels
    top: int
    width: int
    height: int
    conf: float  # 0-100
    block: int
    par: int
    line: int


class OcrFailed(Exception):
    """Tesseract crashed or ran out of time on one page (the caller turns this into a warning)."""


@lru_cache(maxsize=1)
def probe() -> Probe:
    exe = shutil.which("tesseract")
    if not exe:
        return Probe(False)
    from .. import lifecycle

    try:
        out = lifecycle.run([exe, "--version"], timeout=30)
        version_match = re.search(r"tesseract\s+v?(\S+)", (out.stdout + out.stderr).decode("utf-8", "replace"))
        langs = lifecycle.run([exe, "--list-langs"], timeout=30)
    except (OSError, subprocess.SubprocessError):
        return Probe(False)
    names = frozenset(line.strip() for line in langs.stdout.decode("utf-8", "replace").splitlines()[1:] if line.strip())
    return Probe(True, version_match.group(1) if version_match else None, names)


def require(lang: str = "vie") -> Probe:
    found = probe()
    if not found.installed:
        raise MissingDependency(N_("OCR needs the tesseract program, which is not installed: {hint}").format(hint=INSTALL_HINT))
    if lang not in found.languages:
        raise MissingDependency(N_("tesseract {version} has no '{lang}' language data: {hint}").format(version=found.version, lang=lang, hint=INSTALL_HINT))
    return found


def child_env() -> dict[str, str]:
    """The environment of one Tesseract run: this process's, with OMP_THREAD_LIMIT=1 (one thread; the
    pages run side by side instead). Built for each run, so os.environ is never changed."""
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def _tesseract(image_path: str, args: list[str], extension: str, timeout: float) -> str:
    """Run the program on one image (in its own process group, killed on timeout or on the way out)
    and return the file it wrote (``extension``: tsv, osd)."""
    from .. import lifecycle

    exe = shutil.which("tesseract")
    if not exe:
        raise MissingDependency(N_("OCR needs the tesseract program, which is not installed: {hint}").format(hint=INSTALL_HINT))
    with lifecycle.temp_folder("baocao-tess-") as folder:
        base = os.path.join(folder, "out")
        try:
            done = lifecycle.run([exe, image_path, base, *args], timeout=timeout, env=child_env())
        except subprocess.TimeoutExpired as e:
            raise OcrFailed(N_("OCR timed out after {seconds} s").format(seconds=f"{timeout:g}")) from e
        except OSError as e:
            raise OcrFailed(N_("tesseract could not be started ({error})").format(error=e.strerror)) from e
        if done.returncode:
            message = " ".join(done.stderr.decode("utf-8", "replace").split())
            raise OcrFailed(N_("tesseract failed (exit {code}): {message}").format(code=done.returncode, message=message[:120]))
        try:
            with open(f"{base}.{extension}", encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError as e:
            raise OcrFailed("tesseract wrote no result") from e


def _tsv(text: str) -> dict[str, list[str]]:
    rows = text.splitlines()
    if not rows:
        return {}
    header = rows[0].split("\t")
    columns: dict[str, list[str]] = {name: [] for name in header}
    for row in rows[1:]:
        cells = row.split("\t")
        if len(cells) < len(header) - 1:
            continue
        cells += [""] * (len(header) - len(cells))
        for name, cell in zip(header, cells):
            columns[name].append(cell)
    return columns


def words(image_path: str, *, lang: str = "vie", psm: int = 3, timeout: float = 180) -> list[Word]:
    """Recognise one image file; the words with their boxes (pixels) and confidences."""
    data = _tsv(_tesseract(image_path, ["-l", lang, "-c", "tessedit_create_tsv=1", "--psm", str(psm)], "tsv", timeout))
    if "text" not in data:
        return []
    out: list[Word] = []
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        if conf < 0 or not str(text).strip():
            continue
        out.append(
            Word(
                str(text).strip(), int(data["left"][i]), int(data["top"][i]), int(data["width"][i]),
                int(data["height"][i]), conf, int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]),
            )
        )
    return out


def orientation(image_path: str, *, timeout: float = 60) -> tuple[int, float] | None:
    """(degrees to rotate the image clockwise to make it upright, OSD confidence), or None when OSD
    cannot tell (too little text, or no osd data)."""
    if "osd" not in probe().languages:
        return None
    try:
        out = _tesseract(image_path, ["-l", "osd", "--psm", "0"], "osd", timeout)
    except OcrFailed:  # timeout, or "too few characters"
        return None
    rotate = re.search(r"Rotate:\s*(\d+)", out)
    conf = re.search(r"Orientation confidence:\s*([\d.]+)", out)
    if not rotate:
        return None
    return int(rotate.group(1)), float(conf.group(1)) if conf else 0.0
