"""Legacy Word files (.doc, Word 97-2003): through LibreOffice when it is installed (converted to DOCX
and read as one, keeping tables and fonts), else through antiword (text, with tables drawn as
``|cell|cell|`` rows, which are split back into cells with the DOCX convention for bbox: column j of
n spans j·W/n … (j+1)·W/n).

Text typed in a TCVN3/VNI font comes out of antiword as the legacy characters; it is detected and
converted (text_source "legacy-converted"), otherwise text_source is "plain".
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .. import lifecycle
from ..errors import InputFileError, MissingDependency
from ..i18n import N_
from ..i18n.warning_codes import warning
from ..model import Document, Line, Page
from ..text import nfc
from .encodings import convert_legacy, detect_legacy_encoding

PAGE_WIDTH = 481.9  # A4 text area in points (595 less 2 cm + 3 cm margins), as DOCX lines use
SIZE = 13.0
TIMEOUT = 120


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(path: Path, digest: str, *, legacy_only: bool = False) -> Document:
    """legacy_only: the file is RTF or HTML saved under a .doc name, which only LibreOffice reads."""
    office = _soffice()
    if office:
        document = _via_libreoffice(office, path, digest)
        if document is not None:
            return document
    if legacy_only:
        what = N_("an RTF or HTML file saved as .doc")
        if not office:
            raise MissingDependency(N_("{what}: reading it needs LibreOffice: apt-get install libreoffice-writer").format(what=what), str(path))
        raise InputFileError(N_("{what}, which LibreOffice could not convert").format(what=what), str(path))
    antiword = shutil.which("antiword")
    if not antiword:
        raise MissingDependency(
            N_("reading .doc needs antiword or LibreOffice: apt-get install antiword (or libreoffice-writer); "
               "macOS: brew install antiword"), str(path))
    return _via_antiword(antiword, path, digest)


def _via_libreoffice(office: str, path: Path, digest: str) -> Document | None:
    from dataclasses import replace

    from .docx import read_docx

    with lifecycle.temp_folder("baocao-doc-") as out:
        # a short name of our own: the converter writes <name>.docx, which a 255-byte name cannot have
        source = Path(out, "in" + _suffix_for(path))
        try:
            shutil.copyfile(path, source)
        except OSError:
            return None
        try:
            # a profile of its own, so that runs side by side (and a desktop LibreOffice) do not collide
            profile = Path(out, "profile").as_uri()
            done = lifecycle.run([office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx:MS Word 2007 XML",
                                  "--outdir", out, str(source)],
                                 timeout=TIMEOUT, env={**os.environ, "HOME": out})
        except (subprocess.SubprocessError, OSError):
            return None  # fall back to antiword
        converted = source.with_suffix(".docx")
        if done.returncode != 0 or not converted.exists():
            return None
        document = read_docx(converted, digest)
    return replace(document, path=str(path), format="doc")


def _suffix_for(path: Path) -> str:
    """The suffix the converter is given: what the content is (RTF and HTML saved as .doc)."""
    try:
        with open(path, "rb") as f:
            head = f.read(512).lstrip(b"\xef\xbb\xbf\r\n\t ").lower()
    except OSError:
        head = b""
    if head.startswith(b"{\\rtf"):
        return ".rtf"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<meta", b"<head", b"<body")):
        return ".html"
    return ".doc"


def _via_antiword(antiword: str, path: Path, digest: str) -> Document:
    try:
        done = lifecycle.run([antiword, "-m", "UTF-8.txt", "-w", "0", str(path)], timeout=TIMEOUT)
    except subprocess.TimeoutExpired as e:
        raise InputFileError(N_("antiword took longer than {seconds} s").format(seconds=TIMEOUT), str(path)) from e
    except OSError as e:
        raise InputFileError(N_("antiword could not be started ({error})").format(error=e.strerror), str(path)) from e
    if done.returncode != 0:
        reason = " ".join(done.stderr.decode("utf-8", "replace").split())[:160] or f"exit {done.returncode}"
        raise InputFileError(N_("not a readable Word 97-2003 document (antiword: {error})").format(error=reason), str(path))
    text = done.stdout.decode("utf-8", "replace")
    encoding = detect_legacy_encoding(text)
    lines: list[Line] = []
    y = 0.0
    for raw in text.splitlines():
        if not raw.strip():
            y += SIZE * 0.6
            continue
        stripped = raw.strip()
        if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
            cells = stripped[1:-1].split("|")
            width = PAGE_WIDTH / len(cells)
            for j, cell in enumerate(cells):
                if cell.strip():
                    lines.append(_line(cell, encoding, (j * width, y, (j + 1) * width, y + SIZE * 1.2)))
        else:
            lines.append(_line(stripped, encoding, (0.0, y, PAGE_WIDTH, y + SIZE * 1.2)))
        y += SIZE * 1.2
    lines = _columns_first(lines)
    source = "legacy-converted" if encoding else "plain"
    warnings = (warning("text.legacy", encoding=encoding.upper()),) if encoding else ()
    page = Page(1, tuple(lines), source, PAGE_WIDTH, None, (), warnings)
    return Document(path=str(path), sha256=digest, format="doc", pages=(page,), text_source=source, warnings=warnings)


def _line(raw: str, encoding: str | None, bbox) -> Line:
    raw = " ".join(raw.split())
    text = nfc(convert_legacy(raw, encoding) if encoding else raw)
    return Line(text=text, page=1, bbox=tuple(round(v, 2) for v in bbox), font_size=SIZE,
                original=raw if raw != text else None)


def _columns_first(lines: list[Line]) -> list[Line]:
    """Consecutive table rows are read column by column (the agency block, then the motto block)."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        if lines[i].bbox[2] - lines[i].bbox[0] >= PAGE_WIDTH - 1:
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].bbox[2] - lines[j].bbox[0] < PAGE_WIDTH - 1:
            j += 1
        out.extend(sorted(lines[i:j], key=lambda l: (l.bbox[0], l.bbox[1])))
        i = j
    return out
