"""Hostile and broken input files, written by hand into a folder (nothing is downloaded).

Each maker writes one file and returns its path. PDFs are assembled byte by byte (``hand_pdf``) so
that the broken structure is exactly the one meant: a page tree that loops, a JavaScript action.
"""
from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

# Vietnamese sample text: every tone mark, đ, and the vowels with horns and breves
VIETNAMESE = "Báo cáo kết quả công tác phòng, chống tội phạm quý I năm 2023 của Sở Thông tin và Truyền thông"


# --------------------------------------------------------------------------- PDFs by hand


def hand_pdf(objects: list[str], root: int = 1, trailer_extra: str = "") -> bytes:
    """A PDF from object bodies (object n is objects[n-1]) with a correct xref table."""
    body = [b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"]
    offsets, at = [], len(body[0])  # a running offset: 10,000 pages are written in a moment
    for n, content in enumerate(objects, start=1):
        offsets.append(at)
        data = content.encode("latin-1") if isinstance(content, str) else content
        body.append(f"{n} 0 obj\n".encode() + data + b"\nendobj\n")
        at += len(body[-1])
    xref = at
    body.append(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    body.append(b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets))
    body.append(f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R {trailer_extra}>>\n"
                f"startxref\n{xref}\n%%EOF\n".encode())
    return b"".join(body)


def _stream(text: str) -> str:
    return f"<< /Length {len(text)} >>\nstream\n{text}\nendstream"


def _text_content(line: str) -> str:
    return f"BT /F1 12 Tf 72 700 Td ({line}) Tj ET"


FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def looping_page_tree_pdf(path: Path) -> Path:
    """The page tree's second node lists its own parent among its /Kids: a walker that does not keep
    the nodes it has seen goes round for ever (or until the recursion limit)."""
    path.write_bytes(hand_pdf([
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 6 0 R >> >> >>",
        "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 4 0 R] /Count 2 >>",  # loops: back to 2, and to itself
        _stream(_text_content("Cong van so 715/BCD-CAT")),
        FONT,
    ]))
    return path


def javascript_pdf(path: Path, marker: Path) -> Path:
    """A one-page PDF whose OpenAction and page-open action run JavaScript (it would try to launch a
    program writing ``marker``); a reader must read the text and never run the script."""
    js = f"app.launchURL('file://{marker}'); this.exportDataObject({{cName: 'x', nLaunch: 2}});"
    path.write_bytes(hand_pdf([
        "<< /Type /Catalog /Pages 2 0 R /OpenAction 7 0 R /Names << /JavaScript << /Names [(run) 7 0 R] >> >> >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> /AA << /O 7 0 R >> >>",
        _stream(_text_content("Cong van so 715/BCD-CAT ngay 10/3/2023")),
        FONT,
        "<< /S /Launch /F (/bin/sh) >>",
        f"<< /S /JavaScript /JS ({js}) /Next 6 0 R >>",
    ]))
    return path


def many_page_pdf(path: Path, pages: int, line: str = "Cong van so 715/BCD-CAT") -> Path:
    """``pages`` small pages sharing one content stream with one line of text (a few bytes a page)."""
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} /MediaBox [0 0 300 200] /Resources << /Font << /F1 3 0 R >> >> >>",
        FONT,
    ]
    content = 4 + pages
    objects += [f"<< /Type /Page /Parent 2 0 R /Contents {content} 0 R >>" for _ in range(pages)]
    objects.append(_stream(f"BT /F1 10 Tf 20 150 Td ({line}) Tj ET"))
    path.write_bytes(hand_pdf(objects))
    return path


def zero_page_pdf(path: Path) -> Path:
    path.write_bytes(hand_pdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"]))
    return path


def truncated_pdf(path: Path) -> Path:
    whole = many_page_pdf(path, 3).read_bytes()
    path.write_bytes(whole[: len(whole) // 3])
    return path


def corrupt_pdf(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    return path


def encrypted_pdf(path: Path, user_password: str) -> Path:
    """Standard security handler (reportlab): with a user password it cannot be opened; with an
    empty user password it opens (the owner password only restricts printing and copying)."""
    from reportlab.lib import pdfencrypt
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    enc = pdfencrypt.StandardEncryption(user_password, ownerPassword="owner-secret", canPrint=0, strength=128)
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=enc)
    c.setFont("Helvetica", 12)
    c.drawString(72, 700, "Cong van so 715/BCD-CAT ngay 10/3/2023")
    c.drawString(72, 680, "Bao cao ket qua cong tac quy I nam 2023")
    c.showPage()
    c.save()
    return path


# --------------------------------------------------------------------------- images


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def huge_png(path: Path, width: int = 30_000, height: int = 30_000) -> Path:
    """A 75-byte PNG whose header claims width × height pixels: decoding it would take 900 MB."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr)
                     + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + _png_chunk(b"IEND", b""))
    return path


def huge_tiff(path: Path, width: int = 30_000, height: int = 30_000) -> Path:
    """A TIFF whose only IFD claims width × height 8-bit pixels in one (missing) strip."""
    entries = [  # tag, type (3 short, 4 long), value
        (256, 4, width), (257, 4, height), (258, 3, 8), (259, 3, 1), (262, 3, 1),
        (273, 4, 8), (277, 3, 1), (278, 4, height), (279, 4, width * height),
    ]
    ifd = struct.pack("<H", len(entries))
    for tag, kind, value in entries:
        ifd += struct.pack("<HHI", tag, kind, 1) + (struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value))
    ifd += struct.pack("<I", 0)
    path.write_bytes(b"II*\x00" + struct.pack("<I", 8) + ifd)
    return path


def jpeg_named_pdf(path: Path) -> Path:
    from PIL import Image, ImageDraw

    im = Image.new("L", (400, 120), 255)
    ImageDraw.Draw(im).text((10, 50), "BAO CAO", fill=0)
    im.save(path, format="JPEG")
    return path


def many_page_tiff(path: Path, pages: int) -> Path:
    """``pages`` blank 16×16 frames in one TIFF."""
    from PIL import Image

    frames = [Image.new("L", (16, 16), 255) for _ in range(pages)]
    frames[0].save(path, format="TIFF", save_all=True, append_images=frames[1:])
    return path


# --------------------------------------------------------------------------- DOCX zip bomb


def _zip_entry(name: str, raw: bytes, crc: int, size: int, method: int, offset: int) -> tuple[bytes, bytes]:
    encoded = name.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(raw), size, len(encoded), 0)
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(raw), size,
                          len(encoded), 0, 0, 0, 0, 0, offset)
    return local + encoded + raw, central + encoded


def _write_zip(path: Path, entries: list[tuple[str, bytes, int, int]]) -> None:
    """entries: (name, raw deflate data, crc32, uncompressed size), written as method 8."""
    data, directory = b"", b""
    for name, raw, crc, size in entries:
        local, central = _zip_entry(name, raw, crc, size, 8, len(data))
        data += local
        directory += central
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), len(data), 0)
    path.write_bytes(data + directory + end)


def docx_bomb(path: Path, gigabytes: float = 2.0) -> Path:
    """A real DOCX (python-docx's template) whose word/document.xml inflates to ``gigabytes`` GB of
    spaces from about 2 MB: one full-flushed deflate block of 1 MiB repeated (valid, since a full
    flush leaves no back-reference across blocks). The CRC is the true one."""
    import docx

    base = path.with_suffix(".base.docx")
    d = docx.Document()
    d.add_paragraph(VIETNAMESE)
    d.save(str(base))
    with zipfile.ZipFile(base) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    base.unlink()
    block = b" " * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    flushed = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeats = int(gigabytes * 1024)
    crc = 0
    for _ in range(repeats):  # a few hundred ms for 2 GB
        crc = zlib.crc32(block, crc)
    raw_bomb = flushed * repeats + b"\x03\x00"  # an empty final fixed-Huffman block
    entries = []
    for name, content in parts.items():
        if name == "word/document.xml":
            entries.append((name, raw_bomb, crc, repeats * len(block)))
            continue
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        entries.append((name, c.compress(content) + c.flush(), zlib.crc32(content), len(content)))
    _write_zip(path, entries)
    return path


# --------------------------------------------------------------------------- text


def utf16_text(path: Path) -> Path:
    path.write_bytes(VIETNAMESE.encode("utf-16"))  # with its BOM, as Notepad writes "Unicode"
    return path


def cp1258_text(path: Path) -> Path:
    """Windows-1258 has the letters with hats and horns (â, ê, ơ, ư, ă, đ) but writes most tones as a
    combining mark after the letter, as Vietnamese Windows did: the reader must compose them."""
    import unicodedata

    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = bytearray()
    for ch in VIETNAMESE:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tone = "".join(c for c in parts if c in tones)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + tone).encode("cp1258")
    path.write_bytes(bytes(out))
    return path


def binary_txt(path: Path) -> Path:
    path.write_bytes(bytes(range(256)) * 64)
    return path
