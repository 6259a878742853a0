"""Reading: any archive file -> Document (pages of lines, with layout where known)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import InputFileError, UnsupportedFormat
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
        raise InputFileError("not a PDF (no %PDF signature): the file is damaged or mislabelled", str(path))
    raise UnsupportedFormat(
        f"unsupported format {suffix or '(no suffix)'}: baocao reads PDF, images, DOCX, DOC and TXT", str(path)
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
        raise InputFileError("no such file", str(path))
    if not path.is_file():
        raise InputFileError("not a regular file", str(path))
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputFileError(f"cannot read: {e.strerror}", str(path)) from e
    if size == 0:
        raise InputFileError("empty file (0 bytes)", str(path))
    try:
        kind = sniff(path)
    except PermissionError as e:
        raise InputFileError("permission denied", str(path)) from e
    digest = sha256_of(path)
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
    raise UnsupportedFormat(f"unsupported format {kind}", str(path))
