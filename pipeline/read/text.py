"""Plain text files (.txt), as the seed report is: one Line per non-empty line, page 1.

The encoding is detected (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1258), and the
text is put in NFC. A form feed starts a new page.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputFileError
from ..model import Document, Line, Page
from ..text import nfc


def decode(data: bytes, path: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1258")
        except UnicodeDecodeError as e:
            raise InputFileError("not text: bytes are neither UTF-8 nor Windows-1258", path) from e
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if text and controls / len(text) > 0.01:
        raise InputFileError("not text: binary content in a text file", path)
    return text


def read_text(path: Path, digest: str) -> Document:
    text = nfc(decode(path.read_bytes(), str(path)))
    pages = []
    for number, chunk in enumerate(text.split("\f"), start=1):
        lines = tuple(
            Line(text=" ".join(raw.split()), page=number)
            for raw in chunk.splitlines()
            if raw.strip()
        )
        pages.append(Page(number=number, lines=lines, text_source="plain"))
    return Document(path=str(path), sha256=digest, format="text", pages=tuple(pages), text_source="plain")
