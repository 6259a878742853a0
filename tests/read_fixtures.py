"""Small PDFs, images and DOCX files made on the fly for the reading tests (written to tmp_path)."""
from __future__ import annotations

import zipfile
from functools import lru_cache
from pathlib import Path

@lru_cache(maxsize=None)
def read_once(path: str, **options):
    """read() with the result kept for the test session (each real scan is OCR'd once)."""
    from pipeline.read import read

    return read(path, **options)


FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/Library/Fonts", "/usr/share/fonts/TTF"]


def font_path() -> str | None:
    for d in FONT_DIRS:
        if (Path(d) / "DejaVuSans.ttf").exists():
            return str(Path(d) / "DejaVuSans.ttf")
    return None


def unicode_font() -> tuple[str, str] | None:
    """Register DejaVu Sans (regular, bold) with reportlab; None when the font is not installed."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for d in FONT_DIRS:
        regular, bold = Path(d) / "DejaVuSans.ttf", Path(d) / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("DejaVu", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(bold)))
            return "DejaVu", "DejaVu-Bold"
    return None


def report_pdf(path: Path, *, pages: int = 2, stamp: bool = True, number: str = "23") -> Path:
    """A two-page Decree 30 style report: agency | motto header, a footnote marker, page numbers, an
    e-signature stamp in the corner, and the Nơi nhận | signer block."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    regular, bold = unicode_font()
    W, H = A4
    c = canvas.Canvas(str(path), pagesize=A4)

    def text(x, y_top, s, font=regular, size=13):
        c.setFont(font, size)
        c.drawString(x, H - y_top, s)

    def centred(cx, y_top, s, font=regular, size=13):
        c.setFont(font, size)
        c.drawCentredString(cx, H - y_top, s)

    for n in range(1, pages + 1):
        if stamp and n == 1:
            for i, s in enumerate(["Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi", "Cơ quan: Tỉnh Quảng Ngãi",
                                   "Thời gian ký: 24/01/2025 14:23:43"]):
                text(430, 20 + 8 * i, s, size=6)
        if n == 1:
            centred(160, 70, "ỦY BAN NHÂN DÂN", bold, 12)
            centred(160, 85, "TỈNH QUẢNG NGÃI", bold, 12)
            centred(400, 70, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, 12)
            centred(400, 85, "Độc lập - Tự do - Hạnh phúc", bold, 12)
            centred(160, 115, f"Số: {number}/BC-UBND", regular, 13)
            centred(400, 115, "Quảng Ngãi, ngày 13 tháng 01 năm 2025", regular, 13)
            centred(W / 2, 150, "BÁO CÁO", bold, 14)
            y = 190
            body = "Thực hiện Công văn số 715/BCĐ-CAT của Ban Chỉ đạo về tổng kết công tác"
            text(85, y, body, regular, 13)
            x = 85 + c.stringWidth(body, regular, 13)
            c.setFont(regular, 8)
            c.drawString(x + 0.5, H - y + 5, "1")  # superscript marker: smaller and raised
            text(85, y + 18, "phòng, chống tội phạm, Ủy ban nhân dân tỉnh báo cáo như sau:", regular, 13)
            for i in range(8):
                text(85, y + 40 + 18 * i, f"{i + 1}. Kết quả thực hiện nhiệm vụ trọng tâm của các sở, ngành, địa phương năm {2020 + i}.", regular, 13)
            c.line(85, H - 760, 250, H - 760)
            c.setFont(regular, 7)
            c.drawString(85, H - 772 + 4, "1")
            text(90, 772, "Công văn số 715/BCĐ-CAT ngày 10/3/2023 của Ban Chỉ đạo 138 tỉnh.", regular, 10)
        else:
            for i in range(10):
                text(85, 80 + 18 * i, f"Nội dung tiếp theo của báo cáo, đoạn thứ {i + 1} trên trang {n}.", regular, 13)
            text(85, 300, "Nơi nhận:", bold, 12)
            for i, s in enumerate(["- Như trên;", "- Bộ Công an (b/cáo);", "- Lưu: VT, NC."]):
                text(85, 315 + 13 * i, s, regular, 11)
            centred(420, 300, "TM. ỦY BAN NHÂN DÂN", bold, 13)
            centred(420, 315, "KT. CHỦ TỊCH", bold, 13)
            centred(420, 330, "PHÓ CHỦ TỊCH", bold, 13)
            centred(420, 400, "Trần Phước Hiền", bold, 13)
        centred(W / 2, H - 30, str(n), regular, 12)  # page number at the foot
        c.showPage()
    c.save()
    return path


def stamp_annotation(doc, page, text: str, x: float, baseline: float, size: float = 10) -> None:
    """A stamp annotation on a pdfium page whose appearance is ``text`` (Helvetica: ASCII only) with
    its baseline at ``baseline`` (PDF points from the bottom), as signing systems stamp numbers."""
    import ctypes

    import pypdfium2.raw as raw

    annot = raw.FPDFPage_CreateAnnot(page, raw.FPDF_ANNOT_STAMP)
    raw.FPDFAnnot_SetRect(annot, raw.FS_RECTF(x, baseline + 1.2 * size, x + 0.6 * size * len(text), baseline - 0.2 * size))
    obj = raw.FPDFPageObj_NewTextObj(doc, b"Helvetica", ctypes.c_float(size))
    wide = (text + "\0").encode("utf-16-le")
    raw.FPDFText_SetText(obj, ctypes.cast(ctypes.c_char_p(wide), ctypes.POINTER(raw.FPDF_WCHAR)))
    raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, baseline)
    assert raw.FPDFAnnot_AppendObject(annot, obj)
    raw.FPDFPage_CloseAnnot(annot)


def annotated_pdf(path: Path, kind: str, number: str = "23") -> Path:
    """The report of report_pdf with its "Số:" blank left empty in print and the number stamped in as
    a signing system does, as an annotation of ``kind``:
    "stamp": a stamp annotation whose appearance holds the number (made with pdfium; the PDF has no
    AcroForm, the case PdfPage.flatten() refused); "form": a filled text field (an AcroForm);
    "freetext": a FreeText annotation with no appearance stream (nothing to draw)."""
    import ctypes
    import io

    import pdfplumber
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    plain = path.with_suffix(".plain.pdf")
    report_pdf(plain, stamp=False, number="      ")
    with pdfplumber.open(str(plain)) as pdf:
        page = pdf.pages[0]
        slash = next(c for c in page.chars if c["text"] == "/" and 100 < c["top"] < 120)
        x, baseline, height = float(slash["x0"]) - 20, float(page.height) - float(slash["bottom"]) + 3, float(page.height)
    if kind == "form":
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        # the field is drawn on a copy of the page: the report with a text field over the blank
        c = canvas.Canvas(str(path), pagesize=A4)
        regular, bold = unicode_font()
        c.setFont(bold, 12)
        c.drawCentredString(160, height - 70, "ỦY BAN NHÂN DÂN")
        c.drawCentredString(160, height - 85, "TỈNH QUẢNG NGÃI")
        c.setFont(regular, 13)
        c.drawCentredString(160, height - 115, "Số:       /BC-UBND")
        c.drawCentredString(400, height - 115, "Quảng Ngãi, ngày 13 tháng 01 năm 2025")
        c.setFont(bold, 14)
        c.drawCentredString(297, height - 150, "BÁO CÁO")
        c.setFont(regular, 13)
        c.drawString(85, height - 190, "Thực hiện Công văn số 715/BCĐ-CAT của Ban Chỉ đạo về tổng kết công tác")
        c.acroForm.textfield(name="so", value=number, x=x - 2, y=baseline - 6, width=24, height=16, borderWidth=0,
                             fontName="Helvetica", fontSize=11, fillColor=None, borderColor=None)
        c.showPage()
        c.save()
        plain.unlink()
        return path
    doc = pdfium.PdfDocument(str(plain))
    page = doc[0]
    if kind == "stamp":
        stamp_annotation(doc, page, number, x, baseline)
    elif kind == "freetext":
        annot = raw.FPDFPage_CreateAnnot(page, raw.FPDF_ANNOT_FREETEXT)
        raw.FPDFAnnot_SetRect(annot, raw.FS_RECTF(x, baseline + 12, x + 20, baseline - 2))
        raw.FPDFPage_CloseAnnot(annot)
    else:
        raise ValueError(kind)
    buffer = io.BytesIO()
    doc.save(buffer)
    page.close()
    doc.close()
    path.write_bytes(buffer.getvalue())
    plain.unlink()
    return path


def simple_pdf(path: Path, lines: list[str], *, font: str = "Helvetica", pages: int = 1, **canvas_args) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, **canvas_args)
    for _ in range(pages):
        c.setFont(font, 12)
        for i, s in enumerate(lines):
            c.drawString(72, 700 - 16 * i, s)
        c.showPage()
    c.save()
    return path


def zero_page_pdf(path: Path) -> Path:
    body = [b"%PDF-1.4\n"]
    offsets = []

    def obj(n, content):
        offsets.append(sum(len(b) for b in body))
        body.append(f"{n} 0 obj\n{content}\nendobj\n".encode())

    obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
    obj(2, "<< /Type /Pages /Kids [] /Count 0 >>")
    xref = sum(len(b) for b in body)
    body.append(b"xref\n0 3\n0000000000 65535 f \n" + b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets))
    body.append(f"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    path.write_bytes(b"".join(body))
    return path


def huge_png_header(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims width×height pixels, with a tiny (invalid) body: a reader that checks
    the size from the header refuses it without decoding anything."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))
    return path


def docx_with_footnote(path: Path) -> Path:
    """A DOCX (python-docx) with the two-column header table, a body paragraph carrying a footnote
    reference, and word/footnotes.xml added by hand (python-docx cannot write footnotes)."""
    import docx
    from docx.shared import Pt

    d = docx.Document()
    table = d.add_table(rows=2, cols=2)
    cells = [("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
             ("Số: 125/BC-STTTT", "Lạng Sơn, ngày 20 tháng 3 năm 2023")]
    for r, (left, right) in enumerate(cells):
        table.cell(r, 0).text = left
        table.cell(r, 1).text = right
    for run in table.cell(0, 0).paragraphs[0].runs:
        run.bold = True
    title = d.add_paragraph()
    run = title.add_run("BÁO CÁO")
    run.bold = True
    run.font.size = Pt(14)
    p = d.add_paragraph("Thực hiện Kế hoạch số 45/KH-UBND")
    p.add_run("FOOTNOTE_HERE")
    p.add_run(" của Ủy ban nhân dân tỉnh về công tác tuyên truyền.")
    d.save(str(path))
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Kế hoạch số 45/KH-UBND ngày 10/3/2023 của UBND tỉnh Lạng Sơn.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:t>FOOTNOTE_HERE</w:t>", b'<w:footnoteReference w:id="1"/>')
    parts["word/footnotes.xml"] = footnotes.encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def ruled_report_pdf(path: Path) -> Path:
    """A one-page report whose header (agency | motto, number | date) and signature block (Nơi nhận |
    signer) are drawn as ruled two-column tables, as some real Decree 30 PDFs do, with one ruled body
    table of three columns under section I."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    regular, bold = unicode_font()
    W, H = A4
    c = canvas.Canvas(str(path), pagesize=A4)

    def text(x, y_top, s, font=regular, size=13):
        c.setFont(font, size)
        c.drawString(x, H - y_top, s)

    def grid(x0, top, widths, heights):
        y = top
        for h in heights:
            x = x0
            for w in widths:
                c.rect(x, H - y - h, w, h)
                x += w
            y += h

    grid(60, 50, [220, 260], [40, 22])  # the header as a ruled table
    text(80, 68, "ỦY BAN NHÂN DÂN", bold, 12)
    text(80, 84, "TỈNH QUẢNG NGÃI", bold, 12)
    text(290, 68, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, 11)
    text(310, 84, "Độc lập - Tự do - Hạnh phúc", bold, 12)
    text(80, 106, "Số: 23/BC-UBND", regular, 12)
    text(290, 106, "Quảng Ngãi, ngày 13 tháng 01 năm 2025", regular, 12)
    text(250, 150, "BÁO CÁO", bold, 14)
    text(130, 168, "Kết quả công tác tuyên truyền quý I năm 2025", bold, 13)
    text(85, 210, "I. KẾT QUẢ THỰC HIỆN", bold, 13)
    text(85, 230, "Trong quý, các đơn vị đã tổ chức tuyên truyền với kết quả như sau:", regular, 13)
    table = [["TT", "Hình thức", "Số lượng"], ["1", "Hội nghị tuyên truyền", "45"], ["2", "Tin, bài trên cổng", "120"]]
    grid(85, 245, [40, 260, 120], [20, 20, 20])
    for r, row in enumerate(table):
        for k, cell in enumerate(row):
            text([90, 130, 390][k], 245 + 20 * r + 14, cell, bold if r == 0 else regular, 12)
    text(85, 330, "II. PHƯƠNG HƯỚNG, NHIỆM VỤ", bold, 13)
    text(85, 350, "Tiếp tục đẩy mạnh công tác tuyên truyền trong quý II năm 2025.", regular, 13)
    grid(60, 400, [230, 250], [80, 30])  # the signature block as a ruled table, the name in a row of its own
    text(70, 416, "Nơi nhận:", bold, 12)
    for i, s in enumerate(["- Như trên;", "- Lưu: VT, NC."]):
        text(70, 431 + 13 * i, s, regular, 11)
    text(350, 416, "KT. CHỦ TỊCH", bold, 13)
    text(345, 431, "PHÓ CHỦ TỊCH", bold, 13)
    text(335, 500, "Trần Phước Hiền", bold, 13)
    c.showPage()
    c.save()
    return path


def scan_with_text_layer(path: Path, layer: str, number: str = "523", dpi: int = 150) -> Path:
    """A one-page scan (the first page of report_pdf, its "Số:" left blank, as an image filling the
    page) with a text layer laid over it, of one of two kinds:
    "stamped": what signing systems add to a scanned original: the number typed into the "Số:" blank,
    a "Ký bởi" stamp in the top corner and an issuer line in the margin ("Cơ quan phát hành: …");
    "searchable": the page's whole text, invisible (render mode 3), as an OCR'd searchable PDF has it."""
    import io

    import pdfplumber
    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    regular, bold = unicode_font()
    plain = path.with_suffix(".plain.pdf")
    report_pdf(plain, pages=1, stamp=False, number="      " if layer == "stamped" else number)
    pdf = pdfium.PdfDocument(str(plain))
    image = pdf[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    pdf.close()
    with pdfplumber.open(str(plain)) as doc:
        page = doc.pages[0]
        chars = [(c["text"], float(c["x0"]), float(c["top"]), float(c["bottom"]), float(c["size"]), c["fontname"])
                 for c in page.chars]
        slash = next(c for c in page.chars if c["text"] == "/" and 100 < c["top"] < 120)
    plain.unlink()
    W, H = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    c.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 0, 0, W, H)
    if layer == "stamped":
        c.setFont(regular, 6)
        for i, s in enumerate(["Ký bởi: Văn phòng Chính phủ", "Thời gian ký: 24/01/2025 14:23:43"]):
            c.drawString(440, H - 20 - 8 * i, s)
    elif layer == "searchable":
        for text, x0, top, bottom, size, font in chars:
            t = c.beginText()
            t.setTextRenderMode(3)
            t.setFont(bold if "Bold" in font else regular, size)
            t.setTextOrigin(x0, H - bottom + 0.2 * size)
            t.textOut(text)
            c.drawText(t)
    else:
        raise ValueError(layer)
    c.showPage()
    c.save()
    if layer == "stamped":  # the number and an issuer line as annotations: in the text layer, not in the image
        doc = pdfium.PdfDocument(str(path))
        page = doc[0]
        stamp_annotation(doc, page, number, float(slash["x0"]) - 6 * len(number) - 2, H - float(slash["bottom"]) + 2.5, 11)
        stamp_annotation(doc, page, "Co quan phat hanh: Van phong Chinh phu", 30, H - 14, 7)
        out = io.BytesIO()
        doc.save(out)
        page.close()
        doc.close()
        path.write_bytes(out.getvalue())
    return path
