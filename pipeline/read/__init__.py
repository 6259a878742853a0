"""Reading: any archive file -> Document (pages of lines, with layout where known)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import InputFileError, UnsupportedFormat
from ..i18n import N_
from ..i18n.warning_codes import warning
from ..model import Document
from .options import ReadOptionError, ReadOptions

__all__ = ["ReadOptionError", "ReadOptions", "read", "sha256_of", "sniff"]

TEXT_SUFFIXES = {".txt", ".text", ".md"}


def sha256_of(path: Path) -> str:
    """The file's SHA-256. Opened without blocking and checked to be a regular file first: a named
    pipe put where a file was must not hang the batch."""
    import errno
    import os
    import stat

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        h = hashlib.sha256()
        with os.fdopen(fd, "rb", closefd=False) as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    finally:
        os.close(fd)


def sniff(path: Path) -> str:
    """The format by content first (a .pdf that is really a JPEG is an image), then by suffix."""
    with open(path, "rb") as f:
        head = f.read(1024)
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8", b"BM")) or (
            head.startswith(b"RIFF") and head[8:12] == b"WEBP"):
        return "image"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    suffix = path.suffix.lower()
    # a PDF after a BOM, blank lines or a mail header: readers accept %PDF within the first 1024 bytes
    if suffix == ".pdf" and b"%PDF-" in head:
        return "pdf"
    if suffix == ".doc" and head.lstrip(b"\xef\xbb\xbf\r\n\t ")[:14].lower().startswith(
            (b"{\\rtf", b"<!doctype html", b"<html", b"<meta", b"<head", b"<body", b"<?xml")):
        return "doc-rtf-html"  # Word's "save as" RTF or web page kept the .doc name: LibreOffice reads it
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix == ".pdf":
        raise InputFileError(N_("not a PDF (no %PDF signature): the file is damaged or mislabelled"), str(path))
    raise UnsupportedFormat(
        N_("unsupported format {suffix}: baocao reads PDF, images, DOCX, DOC and TXT").format(
            suffix=suffix or N_("(no suffix)")), str(path)
    )


def read(path: str | Path, options: ReadOptions | None = None, /, **kwargs) -> Document:
    """Read one archive file. Raises a BaocaoError subclass with a one-line reason.

    options: a ReadOptions (see pipeline.read.options for each), or the same as keywords:
    ``read(path, pages=[1], ocr_workers=1)``; keywords given with ``options`` change it. An unknown or
    misspelt option, or a value out of range, raises ReadOptionError before the file is opened, for
    every format.
    """
    options = ReadOptions.of(options, **kwargs)
    path = Path(path)
    if not path.exists():
        raise InputFileError(N_("no such file"), str(path))
    if not path.is_file():
        raise InputFileError(N_("not a regular file"), str(path))
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputFileError(N_("cannot read: {error}").format(error=e.strerror), str(path)) from e
    if size == 0:
        raise InputFileError(N_("empty file (0 bytes)"), str(path))
    try:
        kind = sniff(path)
    except PermissionError as e:
        raise InputFileError(N_("permission denied"), str(path)) from e
    digest = sha256_of(path)
    return bound_text(_read(kind, path, digest, options))


def _read(kind: str, path: Path, digest: str, options: ReadOptions) -> Document:
    if kind == "text":
        from .text import read_text

        return read_text(path, digest)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(path, digest, **options.as_kwargs())
    if kind == "image":
        from .image import read_image

        return read_image(path, digest, **options.as_kwargs())
    if kind == "docx":
        from .docx import read_docx

        return read_docx(path, digest)  # no pages to choose, nothing to OCR
    if kind == "doc":
        from .doc import read_doc

        return read_doc(path, digest)
    if kind == "doc-rtf-html":
        from .doc import read_doc

        return read_doc(path, digest, legacy_only=True)
    raise UnsupportedFormat(N_("unsupported format {suffix}").format(suffix=kind), str(path))


# A report's paragraph is a few thousand characters and a 300-page report holds under a million; past
# these bounds a file is a flood (a paragraph of 10 MB, 10 MB of text in one file), which segmenting
# and extraction would turn into GBs (about 50 bytes per character). PDF pages have their own bound
# (read.pdf.FLOOD_KEEP_BYTES, max_pages); this one is for every reader's lines.
FLOOD_LINE_CHARS = 20_000  # characters kept of one line (a DOCX paragraph, a text line)
MAX_TEXT_CHARS = 3_000_000  # characters kept of one file's lines (about 1,000 printed pages)


def _cut(text: str, limit: int) -> str:
    """text cut at the last space before limit (at limit when it has no space there)."""
    if len(text) <= limit:
        return text
    space = text.rfind(" ", limit // 2, limit + 1)
    return text[:space if space > 0 else limit]


def bound_text(document: Document) -> Document:
    """The document with every line at most FLOOD_LINE_CHARS and at most MAX_TEXT_CHARS in all,
    and a warning naming what was left out; the document itself when it is within both."""
    from dataclasses import replace

    total = sum(len(line.text) for page in document.pages for line in page.lines)
    longest = max((len(line.text) for page in document.pages for line in page.lines), default=0)
    if longest <= FLOOD_LINE_CHARS and total <= MAX_TEXT_CHARS:
        return document
    warnings: list[str] = []
    pages, kept = [], 0
    for page in document.pages:
        lines = []
        for line in page.lines:
            if kept >= MAX_TEXT_CHARS:
                break
            if len(line.text) > FLOOD_LINE_CHARS:
                warnings.append(warning("page.long_line", page=page.number, size=f"{len(line.text):,}",
                                         kept=f"{FLOOD_LINE_CHARS:,}"))
                text = _cut(line.text, FLOOD_LINE_CHARS)
                line = replace(line, text=text, markers=tuple(m for m in line.markers if m.offset <= len(text)),
                               original=_cut(line.original, FLOOD_LINE_CHARS) if line.original else None)
            lines.append(line)
            kept += len(line.text)
        pages.append(replace(page, lines=tuple(lines)))
    if kept >= MAX_TEXT_CHARS:
        warnings.append(warning("text.too_long", size=f"{total:,}", kept=f"{kept:,}"))
    return replace(document, pages=tuple(pages), warnings=tuple(document.warnings) + tuple(warnings))
