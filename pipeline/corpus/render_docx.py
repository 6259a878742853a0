"""A generated document as a Word file (python-docx): the Decree 30 header as a borderless two-column
table, Times New Roman 13-14 pt, superscript footnote markers in the body.

python-docx has no footnote API, so the footnotes are written as a note list after the signature
(marker then text, 10 pt) rather than as Word footnotes; the signature and "Nơi nhận" are a second
borderless table.
"""
from __future__ import annotations

from pathlib import Path

from .generate import DocSpec, Ent, Mark, SectionSpec, motto as motto_of


def _run(par, text, *, bold=False, italic=False, size=14, superscript=False):
    from docx.shared import Pt

    r = par.add_run(text)
    r.bold, r.italic = bold, italic
    r.font.size = Pt(size)
    r.font.name = "Times New Roman"
    if superscript:
        r.font.superscript = True
    return r


def _pieces(par, pieces, size=14, bold=False, italic=False):
    for p in pieces:
        if isinstance(p, Mark):
            _run(par, p.marker, size=size, superscript=True)
        else:
            _run(par, p.text if isinstance(p, Ent) else p, size=size, bold=bold, italic=italic)


def _para(doc_or_cell, pieces=(), *, align="justify", indent=True, size=14, bold=False, italic=False, after=6):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    par = doc_or_cell.add_paragraph()
    par.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                     "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
    fmt = par.paragraph_format
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(0)
    if indent:
        fmt.first_line_indent = Cm(1.0)
    _pieces(par, [pieces] if isinstance(pieces, str) else pieces, size=size, bold=bold, italic=italic)
    return par


def _no_borders(table):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _cell(cell):
    # a fresh cell holds one empty paragraph; reuse it for the first line
    return cell


def _section(doc, s: SectionSpec, size):
    if s.number and s.number.startswith("Điều"):
        par = _para(doc, [], size=size)
        _run(par, s.number + ". ", bold=True, size=size)
        _pieces(par, getattr(s, "title_pieces", [s.title]), size=size)
    else:
        _para(doc, s.heading, size=size, bold=True, italic=s.number is None or s.level >= 3)
    for p in s.paras:
        _para(doc, p, size=size)
    if s.table:
        t = doc.add_table(rows=len(s.table), cols=len(s.table[0]))
        t.style = "Table Grid"
        for i, row in enumerate(s.table):
            for j, cell in enumerate(row):
                c = t.cell(i, j)
                c.paragraphs[0].text = ""
                _run(c.paragraphs[0], cell, bold=i == 0, size=size - 1)
    for c in s.children:
        _section(doc, c, size)


def render_docx(spec: DocSpec, path: str | Path) -> None:
    import docx
    from docx.shared import Mm, Pt

    doc = docx.Document()
    st = doc.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(14)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Mm(30), Mm(15), Mm(20), Mm(20)
    core = doc.core_properties
    core.title, core.author = spec.id, "baocao corpus generator"

    table = doc.add_table(rows=2, cols=2)
    _no_borders(table)
    left, right = table.cell(0, 0), table.cell(0, 1)
    first = True
    for line in spec.parent_lines + spec.agency_lines:
        par = left.paragraphs[0] if first else left.add_paragraph()
        first = False
        par.alignment = 1
        _run(par, line, bold=line in spec.agency_lines, size=13)
    if spec.party:
        par = left.add_paragraph("*")
        par.alignment = 1
    motto = [line for line in motto_of(spec.party) if line]
    for i, line in enumerate(motto):
        par = right.paragraphs[0] if i == 0 else right.add_paragraph()
        par.alignment = 1
        _run(par, line, bold=True, size=13 if i == 0 else 14)
    nl, dr = table.cell(1, 0), table.cell(1, 1)
    nl.paragraphs[0].alignment = 1
    _run(nl.paragraphs[0], f"{spec.number_prefix} {spec.number}", size=13)
    if spec.subject_under_number:
        for s in spec.subject_lines:
            par = nl.add_paragraph()
            par.alignment = 1
            _run(par, s, size=12)
    dr.paragraphs[0].alignment = 1
    _run(dr.paragraphs[0], spec.date_line, italic=True, size=14)

    size = 14 if spec.pages_hint % 2 else 13
    if spec.type_heading:
        _para(doc, spec.type_heading, align="center", indent=False, bold=True, after=0)
        for s in spec.subject_lines:
            _para(doc, s, align="center", indent=False, bold=True)
    if spec.recipients:
        if spec.recipients_inline:
            _para(doc, ["Kính gửi: "] + spec.recipients[0] + ["."], align="center", indent=False)
        else:
            _para(doc, "Kính gửi:", align="center", indent=False, after=0)
            for i, r in enumerate(spec.recipients):
                _para(doc, ["- "] + r + [";" if i < len(spec.recipients) - 1 else "."], align="left", indent=False, after=0)
    if spec.authority_line:
        _para(doc, spec.authority_line, align="center", indent=False, bold=True, size=size)
    for p in spec.opening:
        _para(doc, p, size=size, italic=bool(spec.decides_line))
    if spec.decides_line:
        _para(doc, spec.decides_line, align="center", indent=False, bold=True, size=size)
    for s in spec.sections:
        _section(doc, s, size)
    if spec.closing:
        _para(doc, spec.closing, size=size)

    k = len(spec.signers)
    sig = doc.add_table(rows=1, cols=max(2, k))
    _no_borders(sig)
    for i, (authority, position, printed, _) in enumerate(spec.signers):
        cell = sig.cell(0, i if k > 1 else 1)
        lines = ([authority] if authority else []) + [position, "", "", "", printed]
        for j, line in enumerate(lines):
            par = cell.paragraphs[0] if j == 0 else cell.add_paragraph()
            par.alignment = 1
            _run(par, line, bold=True, size=14)
    where = doc if k > 1 else sig.cell(0, 0)
    par = where.add_paragraph() if k > 1 else sig.cell(0, 0).paragraphs[0]
    _run(par, "Nơi nhận:", bold=True, italic=True, size=12)
    for i, item in enumerate(spec.distribution):
        par = where.add_paragraph()
        _pieces(par, ["- "] + item + [";" if i < len(spec.distribution) - 1 else "."], size=11)
    if spec.footnotes:
        doc.add_paragraph("_" * 20)
        for marker, pieces, _ in spec.footnotes:
            par = doc.add_paragraph()
            _run(par, marker, size=10, superscript=True)
            _pieces(par, pieces, size=10)
    doc.save(str(path))
