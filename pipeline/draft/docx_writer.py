"""A Draft as a Word file laid out per Decree 30/2020/NĐ-CP (Appendix I).

A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman, body 14 pt. The header is a
borderless two-column table (agency left, national motto right), the signer block and Nơi nhận
another. Fields to fill or confirm are highlighted yellow.

Pages are numbered from the second, top centre (Decree 30, Appendix I): the section has a different
first page (w:titlePg) whose header is empty, and the other pages' header holds a PAGE field. The
proofing language is Vietnamese (w:lang vi-VN) on the document defaults, every style and every run, so
Word checks spelling in Vietnamese rather than marking every word; the core properties name the draft
(title = subject, author = the report's agency, created now) instead of python-docx's template.

python-docx has no footnote API, so footnotes are written as a word/footnotes.xml part of our own
(separator and continuation separator, then one w:footnote per note), related to the document part,
and referenced from the body with w:footnoteReference runs.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from .. import vocab
from .compose import Draft, DraftSection, Paragraph, Run

FONT = "Times New Roman"
BODY_PT = 14
PAGE = {"width": 210, "height": 297, "top": 20, "bottom": 20, "left": 30, "right": 15}  # mm
LANG = "vi-VN"


def motto() -> tuple[str, str]:
    """The national motto and its slogan, as pipeline/vocab/cues.json writes them:
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")."""
    return vocab.cues()["motto"][0], vocab.cues()["motto_slogan"][0]


# w:pPr children in schema order (ECMA-376 CT_PPrBase), to insert an element where Word expects it
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)


def _after(sequence, tag: str) -> tuple[str, ...]:
    """The tags that must follow ``tag`` in a schema sequence (to insert it in order)."""
    return tuple(sequence[sequence.index(tag) + 1 :])


class _Footnotes:
    """Footnote ids in order of first reference; the XML part is written at the end."""

    def __init__(self, draft: Draft):
        self.texts = {f.marker: f.paragraph for f in draft.footnotes}
        self.ids: dict[str, int] = {}

    def id_for(self, marker: str) -> int | None:
        if marker not in self.texts:
            return None
        if marker not in self.ids:
            self.ids[marker] = len(self.ids) + 1
        return self.ids[marker]

    def part_xml(self) -> bytes:
        notes = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
            'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
        ]
        body = []
        for marker, number in sorted(self.ids.items(), key=lambda kv: kv[1]):
            runs = "".join(_run_xml(run, 12) for run in self.texts[marker] if run.footnote is None)
            body.append(
                f'<w:footnote w:id="{number}"><w:p><w:pPr><w:spacing w:after="0"/><w:jc w:val="both"/></w:pPr>'
                f'<w:r>{_rpr(12, superscript=True)}<w:footnoteRef/></w:r>'
                f'<w:r>{_rpr(12)}<w:t xml:space="preserve"> </w:t></w:r>{runs}</w:p></w:footnote>'
            )
        root = parse_xml(f"<w:footnotes {nsdecls('w')}>{''.join(notes + body)}</w:footnotes>")
        for run in root.iter(qn("w:r")):
            _set_lang(run)
        return _tostring(root)

    def unreferenced(self) -> list[str]:
        return [m for m in self.texts if m not in self.ids]


def _tostring(element) -> bytes:
    from lxml import etree

    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rpr(size: float, highlight: bool = False, superscript: bool = False) -> str:
    """Run properties in schema order: Times New Roman for every script, size, highlight, position."""
    fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
    half_points = int(size * 2)
    out = fonts + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
    if highlight:
        out += '<w:highlight w:val="yellow"/>'
    if superscript:
        out += '<w:vertAlign w:val="superscript"/>'
    out += f'<w:lang w:val="{LANG}" w:eastAsia="{LANG}" w:bidi="{LANG}"/>'
    return f"<w:rPr>{out}</w:rPr>"


def _run_xml(run: Run, size: float) -> str:
    return f'<w:r>{_rpr(size, run.highlight)}<w:t xml:space="preserve">{escape(run.text)}</w:t></w:r>'


class _Writer:
    def __init__(self, draft: Draft):
        self.draft = draft
        self.doc = new_document()
        self.notes = _Footnotes(draft)
        self._page_and_styles()

    def _page_and_styles(self) -> None:
        s = self.doc.sections[0]
        s.page_width, s.page_height = Mm(PAGE["width"]), Mm(PAGE["height"])
        s.top_margin, s.bottom_margin = Mm(PAGE["top"]), Mm(PAGE["bottom"])
        s.left_margin, s.right_margin = Mm(PAGE["left"]), Mm(PAGE["right"])
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), FONT)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.space_before = Pt(0)
        self._page_numbers(s)

    def _page_numbers(self, section) -> None:
        """No number on the first page; from the second, the page number top centre (Decree 30)."""
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False  # its own header, left empty
        header = section.header
        header.is_linked_to_previous = False
        p = header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        size = _rpr(BODY_PT)
        p._p.append(parse_xml(f'<w:r {nsdecls("w")}>{size}<w:fldChar w:fldCharType="begin"/></w:r>'))
        p._p.append(parse_xml(
            f'<w:r {nsdecls("w")}>{size}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'))
        p._p.append(parse_xml(f'<w:r {nsdecls("w")}>{size}<w:fldChar w:fldCharType="separate"/></w:r>'))
        p._p.append(parse_xml(f'<w:r {nsdecls("w")}>{size}<w:t>2</w:t></w:r>'))
        p._p.append(parse_xml(f'<w:r {nsdecls("w")}>{size}<w:fldChar w:fldCharType="end"/></w:r>'))

    # -- pieces

    def runs(self, paragraph, runs: Paragraph, size: float = BODY_PT, bold=None, italic=None):
        for run in runs:
            if run.footnote is not None:
                self.footnote_mark(paragraph, run.footnote)
                continue
            r = paragraph.add_run(run.text)
            r.font.name = FONT
            r.font.size = Pt(size)
            if bold is not None:
                r.bold = bold
            if italic is not None:
                r.italic = italic
            if run.highlight:
                r.font.highlight_color = WD_COLOR_INDEX.YELLOW
        return paragraph

    def footnote_mark(self, paragraph, marker: str) -> None:
        number = self.notes.id_for(marker)
        if number is None:
            return
        paragraph._p.append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{number}"/></w:r>'
            )
        )

    def para(self, container, runs: Paragraph, *, size=BODY_PT, bold=None, italic=None, align=None,
             indent=False, after=0.0, before=0.0):
        p = container.add_paragraph()
        fmt = p.paragraph_format
        fmt.space_after, fmt.space_before = Pt(after), Pt(before)
        if align is not None:
            p.alignment = align
        if indent:
            fmt.first_line_indent = Mm(12.7)
        self.runs(p, runs, size=size, bold=bold, italic=italic)
        return p

    @staticmethod
    def rule(paragraph, left_mm: float, right_mm: float) -> None:
        """A short horizontal line: the paragraph's bottom border between indents."""
        paragraph.paragraph_format.left_indent = Mm(left_mm)
        paragraph.paragraph_format.right_indent = Mm(right_mm)
        ppr = paragraph._p.get_or_add_pPr()
        border = parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>')
        ppr.insert_element_before(border, *_after(PPR_ORDER, "w:pBdr"))

    @staticmethod
    def borderless(table) -> None:
        tbl_pr = table._tbl.tblPr
        tbl_pr.insert_element_before(
            parse_xml(
                f'<w:tblBorders {nsdecls("w")}>'
                + "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
                + "</w:tblBorders>"
            ),
            "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
        )

    def two_columns(self, left_mm: float, right_mm: float):
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        self.borderless(table)
        for column, cell, width in zip(table.columns, table.rows[0].cells, (left_mm, right_mm)):
            column.width = Mm(width)  # the grid, which LibreOffice follows
            cell.width = Mm(width)  # the cell, which Word follows
            cell._tc.remove(cell.paragraphs[0]._p)  # cells start with an empty paragraph
        return table.rows[0].cells

    # -- the document, top to bottom

    def header(self) -> None:
        d = self.draft
        left, right = self.two_columns(65, 100)
        center = WD_ALIGN_PARAGRAPH.CENTER
        self.para(left, d.parent_agency, size=13, align=center)
        self.para(left, d.agency, size=13, bold=True, align=center)
        self.rule(self.para(left, (Run(""),), size=6, align=center), 20, 20)
        self.para(left, d.number, size=13, align=center, before=6)
        self.para(right, (Run(motto()[0]),), size=13, bold=True, align=center)
        self.para(right, (Run(motto()[1]),), size=14, bold=True, align=center)
        self.rule(self.para(right, (Run(""),), size=6, align=center), 23, 23)
        self.para(right, d.place_date, size=14, italic=True, align=center, before=6)

    def title(self) -> None:
        d = self.draft
        center = WD_ALIGN_PARAGRAPH.CENTER
        self.para(self.doc, (Run(d.doc_type.upper()),), bold=True, align=center, before=18)
        self.para(self.doc, d.subject, bold=True, align=center)
        self.rule(self.para(self.doc, (Run(""),), size=6, align=center), 62, 62)
        recipients = d.recipients
        if len(recipients) == 1:
            self.para(self.doc, (Run("Kính gửi: "),) + recipients[0] + (Run("."),), align=center, before=12, after=12)
        else:
            self.para(self.doc, (Run("Kính gửi:"),), align=center, before=12)
            for i, r in enumerate(recipients):
                end = "." if i == len(recipients) - 1 else ";"
                p = self.para(self.doc, (Run("- "),) + r + (Run(end),), after=12 if end == "." else 0)
                p.paragraph_format.left_indent = Mm(50)

    def body(self) -> None:
        d = self.draft
        justify = WD_ALIGN_PARAGRAPH.JUSTIFY
        if d.opening:
            self.para(self.doc, d.opening, align=justify, indent=True, after=6)
        for section in d.sections:
            self.section(section)
        if d.closing:
            self.para(self.doc, d.closing, align=justify, indent=True, after=6)
        leftover = self.notes.unreferenced()
        if leftover:  # a note whose place in the text is unknown: mark it after the last paragraph
            last = self.doc.paragraphs[-1]
            for marker in leftover:
                self.footnote_mark(last, marker)

    def section(self, s: DraftSection) -> None:
        justify = WD_ALIGN_PARAGRAPH.JUSTIFY
        italic = s.level >= 2 and s.number is None
        self.para(self.doc, s.heading, bold=True, italic=italic or None, align=justify, indent=True, after=6)
        for p in s.paragraphs:
            self.para(self.doc, p, align=justify, indent=True, after=6)
        for rows in s.tables:
            width = max(len(r) for r in rows)
            table = self.doc.add_table(rows=len(rows), cols=width)
            table.style = self.doc.styles["Table Grid"]
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    target = table.rows[i].cells[j]
                    target.paragraphs[0].text = ""
                    self.runs(target.paragraphs[0], (cell,), size=13, bold=(i == 0) or None)
        for child in s.children:
            self.section(child)

    def signature(self) -> None:
        d = self.draft
        left, right = self.two_columns(80, 85)
        first = self.para(left, (Run("Nơi nhận:"),), size=12, bold=True, italic=True, before=12)
        first.paragraph_format.keep_with_next = True
        for i, item in enumerate(d.distribution):
            end = "." if i == len(d.distribution) - 1 else ";"
            text = (Run("- "),) + item + (Run(end),)
            self.para(left, text, size=11)
        center = WD_ALIGN_PARAGRAPH.CENTER
        if not d.signers:
            self.para(right, (Run("[CHỨC VỤ NGƯỜI KÝ]", True),), bold=True, align=center, before=12)
            return
        for k, (authority, position, name) in enumerate(d.signers):
            before = 12
            for line in (authority, position):
                if line:
                    self.para(right, (Run(line.upper()),), bold=True, align=center, before=before)
                    before = 0
            for _ in range(4):  # room for the signature and the seal
                self.para(right, (Run(""),), align=center)
            self.para(right, (Run(name),) if name else (Run("[Họ và tên]", True),), bold=True, align=center)

    def _vietnamese(self) -> None:
        """w:lang vi-VN on the defaults, every style and every run of the body, headers and footers."""
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        rpr_holders = []
        if defaults is not None:
            rpr_default = defaults.find(qn("w:rPrDefault"))
            if rpr_default is None:
                rpr_default = parse_xml(f"<w:rPrDefault {nsdecls('w')}/>")
                defaults.insert(0, rpr_default)
            rpr_holders.append(rpr_default)
        rpr_holders += list(styles.iter(qn("w:style")))
        parts = [self.doc.element.body]
        for section in self.doc.sections:
            for hf in (section.header, section.first_page_header, section.footer, section.first_page_footer):
                if not hf.is_linked_to_previous:
                    parts.append(hf._element)
        for part in parts:
            rpr_holders += list(part.iter(qn("w:r")))
        for holder in rpr_holders:
            _set_lang(holder)
        theme_lang = self.doc.settings.element.find(qn("w:themeFontLang"))
        if theme_lang is not None:  # the template's en-US for text in theme fonts
            theme_lang.set(qn("w:val"), LANG)

    def save(self, path: Path) -> None:
        if self.notes.ids:
            part = Part(
                PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, self.notes.part_xml(), self.doc.part.package
            )
            self.doc.part.relate_to(part, RT.FOOTNOTES)
        self._vietnamese()
        props = self.doc.core_properties
        now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)  # core properties are UTC
        agency = " ".join("".join(r.text for r in self.draft.agency).split())
        props.title = " ".join("".join(r.text for r in self.draft.subject).split())
        props.subject = props.title
        props.author = agency
        props.last_modified_by = agency
        props.created = props.modified = now
        props.revision = 1
        props.language = LANG
        props.keywords = ""
        props.category = self.draft.doc_type
        props.comments = "Bản nháp do baocao soạn từ " + self.draft.previous_document
        self.doc.save(str(path))


# w:rPr children after w:lang in schema order (ECMA-376 CT_RPr)
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def _set_lang(holder) -> None:
    """Put <w:lang vi-VN> in the rPr of holder (a run, a style, or rPrDefault), replacing another."""
    if holder.tag == qn("w:rPrDefault"):
        rpr = holder.find(qn("w:rPr"))
        if rpr is None:
            rpr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
            holder.append(rpr)
    elif holder.tag == qn("w:style"):
        rpr = holder.find(qn("w:rPr"))
        if rpr is None:
            rpr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
            holder.append(rpr)  # last in CT_Style (only tblPr, trPr, tcPr, tblStylePr may follow)
            following = [c for c in holder if c.tag in {qn("w:tblPr"), qn("w:trPr"), qn("w:tcPr"), qn("w:tblStylePr")}]
            if following:
                holder.remove(rpr)
                following[0].addprevious(rpr)
    else:
        rpr = holder.get_or_add_rPr()
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = parse_xml(f'<w:lang {nsdecls("w")} w:val="{LANG}" w:eastAsia="{LANG}" w:bidi="{LANG}"/>')
    after = [c for c in rpr if c.tag in {qn(t) for t in _AFTER_LANG}]
    if after:
        after[0].addprevious(lang)
    else:
        rpr.append(lang)


def write_docx(draft: Draft, path: str | Path) -> Path:
    """Write the draft as a .docx and return its path."""
    path = Path(path)
    w = _Writer(draft)
    w.header()
    w.title()
    w.body()
    w.signature()
    w.save(path)
    return path


__all__ = ["write_docx", "FONT", "BODY_PT", "PAGE"]
