"""Common variants of readable files, made from real text (the archive test reports, the real .doc
of corpus/real converted to DOCX): the same content saved the ways Word, Notepad, LibreOffice and
scanners save it. Each maker writes one file and returns its path."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def plain_docx(path: Path, lines: list[str]) -> Path:
    import docx

    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.save(str(path))
    return path


def _rewrite(path: Path, part: str, change, extra: dict[str, bytes] | None = None) -> Path:
    """Rewrite one XML part of a DOCX (change(root) edits the tree in place), adding extra parts."""
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            if info.filename == part:
                root = etree.fromstring(data)
                change(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            z.writestr(info, data)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    path.write_bytes(buf.getvalue())
    return path


def in_content_controls(source: Path, path: Path, nested: bool = False) -> Path:
    """Every body paragraph and table inside a content control (w:sdt), as templates and forms save it."""
    path.write_bytes(source.read_bytes())

    def wrap(root):
        body = root.find(f"{W}body")
        for el in list(body):
            if el.tag == f"{W}sectPr":
                continue
            sdt = etree.Element(f"{W}sdt")
            etree.SubElement(sdt, f"{W}sdtPr")
            content = etree.SubElement(sdt, f"{W}sdtContent")
            el.addprevious(sdt)
            if nested:
                inner = etree.SubElement(content, f"{W}sdt")
                content = etree.SubElement(inner, f"{W}sdtContent")
            content.append(el)

    return _rewrite(path, "word/document.xml", wrap)


def _text_box(lines: list[str], x_emu: int) -> str:
    paragraphs = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    return (
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
        f"<wp:anchor><wp:positionH relativeFrom=\"column\"><wp:posOffset>{x_emu}</wp:posOffset></wp:positionH>"
        "<wp:extent cx=\"2743200\" cy=\"914400\"/><a:graphic><a:graphicData>"
        f"<wps:wsp><wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def header_in_text_boxes(path: Path, left: list[str], right: list[str], body: list[str]) -> Path:
    """The agency block and the national motto each in a text box (with Word's VML fallback copy),
    anchored in the first paragraph; the body as paragraphs."""
    plain_docx(path, body)

    def add(root):
        first = root.find(f"{W}body")[0]
        xml = f"<w:p {NAMESPACES}>" + _text_box(left, 0) + _text_box(right, 3200400) + "</w:p>"
        first.addprevious(etree.fromstring(xml))

    return _rewrite(path, "word/document.xml", add)


def with_footnotes(path: Path, body: list[str], notes: list[str], damage: bool = False) -> Path:
    """Body paragraphs, the first len(notes) of them ending with a footnote reference; the footnotes
    part cut short inside the last footnote when ``damage``."""
    plain_docx(path, body)

    def refs(root):
        for i, p in enumerate(root.find(f"{W}body").findall(f"{W}p")[: len(notes)]):
            r = etree.SubElement(p, f"{W}r")
            etree.SubElement(r, f"{W}footnoteReference", {f"{W}id": str(i + 1)})

    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NAMESPACES}>'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           + "".join(f'<w:footnote w:id="{i + 1}"><w:p><w:r><w:t>{note}</w:t></w:r></w:p></w:footnote>'
                     for i, note in enumerate(notes))
           + "</w:footnotes>").encode()
    if damage:  # cut in the middle of the last footnote's element, as a crashed save leaves it
        xml = xml[: xml.rindex(b'<w:footnote w:id=') + 12]
    return _rewrite(path, "word/document.xml", refs, {"word/footnotes.xml": xml})


def one_huge_paragraph(path: Path, megabytes: float) -> Path:
    words = ("Báo cáo kết quả công tác phòng, chống tội phạm của Sở Thông tin và Truyền thông. " * 1000)
    text = words * max(1, int(megabytes * 1e6 / len(words.encode())))
    return plain_docx(path, ["Số: 12/BC-STTTT", "BÁO CÁO", text])


# --------------------------------------------------------------------------- text files


def _cp1252(text: str) -> bytes:
    return b"".join(ch.encode("cp1252") if ch.encode("cp1252", "ignore") else ch.encode("latin-1") for ch in text)


def text_variant(path: Path, text: str, how: str) -> Path:
    """The text saved one way: tcvn3, vni (the legacy 8-bit fonts' bytes), utf-32 (with BOM),
    utf-32-le / utf-16-le / utf-16-be (no BOM), stray-byte (UTF-8 with one invalid byte),
    cut-utf-16 (UTF-16 with BOM, cut in the middle of a character)."""
    from pipeline.read.encodings import unicode_to_tcvn3, unicode_to_vni

    if how == "tcvn3":
        data = _cp1252(unicode_to_tcvn3(text))
    elif how == "vni":
        data = _cp1252(unicode_to_vni(text))
    elif how in ("utf-32", "utf-32-le", "utf-16-le", "utf-16-be"):
        data = text.encode(how)
    elif how == "stray-byte":
        raw = text.encode()
        cut = len(raw) // 2
        while raw[cut] & 0xC0 == 0x80:  # not inside a character
            cut += 1
        data = raw[:cut] + b"\xff" + raw[cut:]
    elif how == "cut-utf-16":
        data = text.encode("utf-16")[:-1]
    else:
        raise ValueError(how)
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- images


def transparent_png(path: Path, lines: list[str]) -> Path:
    """Black text on a fully transparent background (RGBA, as a screenshot tool or a PDF export saves it)."""
    from PIL import Image, ImageDraw, ImageFont

    font = _font(40)
    im = Image.new("RGBA", (1700, 120 + 70 * len(lines)), (0, 0, 0, 0))
    draw = ImageDraw.Draw(im)
    for i, line in enumerate(lines):
        draw.text((80, 60 + 70 * i), line, fill=(0, 0, 0, 255), font=font)
    im.save(path)
    return path


def strip_image(path: Path, line: str, width: int = 20_000, height: int = 200, dpi: int | None = None) -> Path:
    """One line of text across a very wide, low strip (a scanned table row, a banner), no dpi in the file."""
    from PIL import Image, ImageDraw

    im = Image.new("L", (width, height), 255)
    ImageDraw.Draw(im).text((60, 40), line, fill=0, font=_font(90))
    im.save(path, dpi=(dpi, dpi)) if dpi else im.save(path)
    return path


def _font(size: int):
    from PIL import ImageFont

    from pipeline.corpus.render_pdf import find_font
    from pipeline.errors import MissingDependency

    # a serif face, as Decree 30 documents are set (Times New Roman): its I is not an l; one that has
    # the Vietnamese letters (an old Liberation draws ế as a box, and OCR reads boxes)
    try:
        return ImageFont.truetype(find_font("LiberationSerif", "Regular"), size)
    except (OSError, MissingDependency):
        pass
    try:
        return ImageFont.truetype("DejaVuSerif.ttf", size)
    except OSError:
        pass
    return ImageFont.load_default(size=size)


def docx_with_picture(path: Path, lines: list[str], side: int = 6000) -> Path:
    """A DOCX of ``lines`` and then one picture of side × side pixels of noise (a 36-megapixel PNG
    of some 4 MB that does not deflate: the size a pasted scan at 600 dpi has)."""
    import docx
    import numpy as np
    from PIL import Image

    noise = np.random.default_rng(18).random((side, side)) > 0.5
    picture = io.BytesIO()
    Image.fromarray(noise.astype("uint8") * 255).convert("1").save(picture, format="PNG")
    picture.seek(0)
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.add_picture(picture)
    d.save(str(path))
    return path


def pdf_without_tounicode(path: Path, lines: list[str]) -> Path:
    """A born-digital PDF (reportlab, embedded subset fonts) whose fonts lost their /ToUnicode maps,
    as some printers-to-PDF write them: the glyphs show, but their codes map to no characters."""
    import re

    from reportlab.pdfgen import canvas

    from pipeline.corpus.render_pdf import register_fonts

    fonts = register_fonts()
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setPageCompression(0)
    c.setFont(fonts["bold"], 14)
    c.drawCentredString(297, 780, lines[0])
    c.setFont(fonts["regular"], 13)
    for i, line in enumerate(lines[1:]):
        c.drawString(72, 740 - 22 * i, line)
    c.save()
    data = path.read_bytes()
    stripped = re.sub(rb"/ToUnicode \d+ 0 R", lambda m: b" " * len(m.group()), data)  # same length: xref holds
    assert stripped != data, "reportlab wrote no /ToUnicode to take out"
    path.write_bytes(stripped)
    return path
