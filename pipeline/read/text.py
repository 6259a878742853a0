"""Plain text files (.txt), as the seed report is: one Line per non-empty line, page 1.

The encoding is detected, in this order: a BOM (UTF-32, UTF-16, UTF-8); UTF-32 or UTF-16 without a
BOM (told by where the zero bytes are); UTF-8; else an 8-bit encoding: the legacy Vietnamese TCVN3
(ABC) or VNI bytes when the text reads as Vietnamese only once converted (read/encodings.py), else
Windows-1258. Whatever cannot be decoded exactly (a stray byte in UTF-8, a UTF-16 file cut in the
middle of a character) is replaced with U+FFFD and said in a warning, never dropped in silence.

The text is put in NFC. A form feed starts a new page.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputFileError
from ..i18n import N_
from ..i18n.warning_codes import warning
from ..model import Document, Line, Page
from ..text import nfc
from .encodings import _common_word_share, convert_legacy, detect_legacy_encoding

BOMS = (  # longest first: the UTF-32 LE BOM begins with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
STRAY_SHARE = 0.01  # UTF-8 with at most this share of invalid bytes is UTF-8 with damage, not another encoding


def _wide_encoding(data: bytes) -> str | None:
    """UTF-32 or UTF-16 without a BOM: text in a Latin script has a zero in most code units' high bytes."""
    sample = data[:65536]
    n = len(sample)
    if n < 8 or b"\x00" not in sample:
        return None
    if n % 4 == 0:
        quads = [sample[i::4].count(0) / (n // 4) for i in range(4)]
        if quads[2] > 0.95 and quads[3] > 0.95:
            return "utf-32-le"
        if quads[0] > 0.95 and quads[1] > 0.95:
            return "utf-32-be"
    even = sample[0::2].count(0) / ((n + 1) // 2)
    odd = sample[1::2].count(0) / (n // 2)
    # Vietnamese letters (U+1Exx, U+01xx) have non-zero high bytes: a third of zeros is already plenty
    if odd > 0.3 and even < 0.02:
        return "utf-16-le"
    if even > 0.3 and odd < 0.02:
        return "utf-16-be"
    return None


def _as_characters(data: bytes) -> str:
    """Each byte as its Windows-1252 character (Latin-1 where 1252 has none): how the legacy
    converters take text, as a PDF text layer gives it."""
    out = []
    for b in data:
        ch = bytes([b]).decode("cp1252", errors="ignore")
        out.append(ch or chr(b))
    return "".join(out)


def _eight_bit(data: bytes, path: str, warnings: list[str]) -> tuple[str, str | None]:
    """(text, legacy encoding or None) for bytes that are not UTF-8."""
    try:
        windows = data.decode("cp1258")
    except UnicodeDecodeError:
        windows = None
    characters = _as_characters(data)
    legacy = detect_legacy_encoding(characters)
    if legacy:
        converted = "\n".join(convert_legacy(line, legacy) for line in characters.split("\n"))
        if windows is None or _common_word_share(nfc(converted)) > _common_word_share(nfc(windows)):
            warnings.append(warning("text.legacy", encoding=legacy.upper()))
            return converted, legacy
    if windows is None:
        raise InputFileError(N_("not text: bytes are neither UTF-8 nor Windows-1258"), path)
    return windows, None


def decode_text(data: bytes, path: str) -> tuple[str, list[str], str | None]:
    """(text, warnings, legacy encoding or None)."""
    warnings: list[str] = []
    legacy = None
    encoding = next((name for bom, name in BOMS if data.startswith(bom)), None)
    if encoding:
        data = data[len(next(bom for bom, name in BOMS if name == encoding)):]
    else:
        encoding = _wide_encoding(data)
    if encoding and encoding != "utf-8":
        text = data.decode(encoding, errors="replace")
        bad = text.count("\ufffd")
        if bad:
            warnings.append(warning("text.undecodable", n=bad, encoding=encoding.upper()[:6]))
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="replace")
            bad = text.count("\ufffd") - data.count("\ufffd".encode())
            multibyte = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
            if encoding == "utf-8" or (multibyte and bad <= max(1, STRAY_SHARE * len(data)) and bad < multibyte):
                warnings.append(warning("text.bad_utf8", n=bad))
            else:
                warnings.clear()
                text, legacy = _eight_bit(data, path, warnings)
        else:
            found = detect_legacy_encoding(text) if any(ord(ch) > 127 for ch in text[:65536]) else None
            if found:  # legacy characters saved as UTF-8 (copied from a document set in a .Vn font)
                legacy = found
                text = "\n".join(convert_legacy(line, found) for line in text.split("\n"))
                warnings.append(warning("text.legacy", encoding=found.upper()))
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if text and controls / len(text) > 0.01:
        raise InputFileError(N_("not text: binary content in a text file"), path)
    return text, warnings, legacy


def decode(data: bytes, path: str) -> str:
    return decode_text(data, path)[0]


_SPACES = re.compile(r"\s+")


def read_text(path: Path, digest: str) -> Document:
    text, warnings, legacy = decode_text(path.read_bytes(), str(path))
    text = nfc(text)
    source = "legacy-converted" if legacy else "plain"
    pages = []
    for number, chunk in enumerate(text.split("\f"), start=1):
        lines = tuple(
            Line(text=_SPACES.sub(" ", raw).strip(), page=number)  # no list of words: a line may be 10 MB
            for raw in chunk.splitlines()
            if raw.strip()
        )
        pages.append(Page(number=number, lines=lines, text_source=source))
    if not any(page.lines for page in pages):
        warnings.append(warning("text.empty"))
    return Document(path=str(path), sha256=digest, format="text", pages=tuple(pages), text_source=source,
                    warnings=tuple(warnings))
