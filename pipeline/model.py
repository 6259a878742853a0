"""The data model, in one place.

One document flows through every stage:

    read(path)        -> Document   pages of lines, with layout where known
    segment(document) -> Report     header, period, sections, footnotes, signers, distribution
    extract(report)   -> Report     the same report with its mentions filled in

Everything here is frozen. A stage returns a new object (``dataclasses.replace``) rather than
mutating the one it was given. ``pipeline.contract.to_contract`` turns a Report into the
``baocao.report/1`` JSON of the shared contract.

Provenance: every mention carries the passage it came from (``where`` + ``section`` or footnote
marker), the page, and a character span ``(start, end)`` into that passage's ``text``, so
``passage.text[start:end] == mention.text`` always holds.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Format = Literal["pdf", "image", "docx", "doc", "text"]
TextSource = Literal["text-layer", "ocr", "mixed", "legacy-converted", "plain"]
Where = Literal["header", "body", "footnote", "distribution"]
DateKind = Literal["day", "range", "month", "quarter", "half", "year"]

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom, in PDF points (72 per inch)


# --------------------------------------------------------------------------- read


@dataclass(frozen=True)
class Marker:
    """A footnote marker printed as a superscript inside a line: ``văn bản¹``."""

    offset: int  # position in Line.text where the marker stood (the marker is not in the text)
    marker: str  # "1"


@dataclass(frozen=True)
class Line:
    text: str  # NFC; superscript markers removed (see markers)
    page: int  # 1-based
    bbox: BBox | None = None
    font_size: float | None = None  # points
    bold: bool | None = None
    italic: bool | None = None
    confidence: float | None = None  # OCR mean word confidence, 0-100; None for text layers
    markers: tuple[Marker, ...] = ()
    original: str | None = None  # the characters as found, when text was repaired or converted


@dataclass(frozen=True)
class Table:
    page: int
    bbox: BBox | None
    rows: tuple[tuple[str | None, ...], ...]


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    lines: tuple[Line, ...]
    text_source: TextSource
    width: float | None = None  # points
    height: float | None = None
    tables: tuple[Table, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    path: str
    sha256: str
    format: Format
    pages: tuple[Page, ...]
    text_source: TextSource
    warnings: tuple[str, ...] = ()

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(line for page in self.pages for line in page.lines)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


# --------------------------------------------------------------------------- segment


@dataclass(frozen=True)
class Header:
    agency: str | None = None
    parent_agency: str | None = None
    number: str | None = None
    doc_type: str | None = None
    place: str | None = None
    date: str | None = None  # YYYY-MM-DD
    subject: str | None = None
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportingPeriod:
    label: str
    start: str  # YYYY-MM-DD
    end: str


@dataclass(frozen=True)
class Passage:
    """A run of text with its provenance: the unit mentions are found in.

    page_starts maps character offsets to pages: ((0, 1), (812, 2)) means text[812:] is on page 2.
    """

    where: Where
    text: str
    page: int
    section: str | None = None  # the section key (see Section.key) or footnote marker
    page_starts: tuple[tuple[int, int], ...] = ()

    def page_at(self, offset: int) -> int:
        page = self.page
        for start, number in self.page_starts:
            if start <= offset:
                page = number
            else:
                break
        return page


@dataclass(frozen=True)
class Section:
    number: str | None  # "1", "I", "1.2", "a"; None for an unnumbered heading
    title: str
    level: int  # 1 for the top level
    page: int
    text: str  # the body text under the heading, paragraphs joined with "\n"
    children: tuple[Section, ...] = ()
    key: str = ""  # unique within the report: the path of numbers, "2/Đánh giá" for unnumbered
    page_starts: tuple[tuple[int, int], ...] = ()
    tables: tuple[Table, ...] = ()

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Footnote:
    marker: str
    text: str
    page: int
    anchor_section: str | None = None  # the number (or key when unnumbered) of the section holding the marker


@dataclass(frozen=True)
class Signer:
    authority: str | None = None  # "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN"
    position: str | None = None  # "PHÓ GIÁM ĐỐC"
    name: str | None = None
    page: int | None = None


# --------------------------------------------------------------------------- mentions


@dataclass(frozen=True)
class Mention:
    text: str
    page: int
    where: Where
    section: str | None  # passage's section key or footnote marker
    span: tuple[int, int]  # into the passage text


@dataclass(frozen=True)
class Reference(Mention):
    type: str | None = None
    number: str | None = None
    title: str | None = None
    date: str | None = None
    issuer: str | None = None
    subject: str | None = None
    # the symbol split into its parts, per Decree 30: "715/BCĐ-CAT" -> type_code BCĐ? see nlp.references
    type_code: str | None = None
    issuer_code: str | None = None
    unit_code: str | None = None
    resolved: bool = True  # False for a short form ("Công văn nêu trên") that could not be resolved
    registry_number: str | None = None  # a law cited by title only: its number from the list of laws


@dataclass(frozen=True)
class DateMention(Mention):
    kind: DateKind = "day"
    start: str = ""
    end: str = ""


@dataclass(frozen=True)
class Count(Mention):
    value: float = 0
    qualifier: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class AgencyMention(Mention):
    name: str = ""  # canonical


@dataclass(frozen=True)
class PersonMention(Mention):
    name: str = ""
    role: str | None = None


@dataclass(frozen=True)
class Mentions:
    references: tuple[Reference, ...] = ()
    dates: tuple[DateMention, ...] = ()
    counts: tuple[Count, ...] = ()
    agencies: tuple[AgencyMention, ...] = ()
    people: tuple[PersonMention, ...] = ()


# --------------------------------------------------------------------------- report


@dataclass(frozen=True)
class Report:
    document: Document
    header: Header = field(default_factory=Header)
    period: ReportingPeriod | None = None
    opening: Passage | None = None  # "Thực hiện …" / "Căn cứ …" before the first section
    sections: tuple[Section, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    signers: tuple[Signer, ...] = ()
    distribution: tuple[str, ...] = ()
    closing: Passage | None = None  # "Trên đây là …"
    mentions: Mentions = field(default_factory=Mentions)
    warnings: tuple[str, ...] = ()

    def walk_sections(self):
        for section in self.sections:
            yield from section.walk()

    def passages(self) -> list[Passage]:
        """Every run of text mentions are looked for in, with its provenance."""
        out: list[Passage] = []
        h = self.header
        first_page = self.document.pages[0].number if self.document.pages else 1
        if h.subject:
            out.append(Passage("header", h.subject, first_page, "subject"))
        for i, recipient in enumerate(h.recipients):
            out.append(Passage("header", recipient, first_page, f"recipient:{i}"))
        if self.opening is not None:
            out.append(self.opening)
        for section in self.walk_sections():
            title_and_text = section.title + ("\n" + section.text if section.text else "")
            shift = len(section.title) + 1
            starts = tuple((o + shift, p) for o, p in section.page_starts)
            out.append(Passage("body", title_and_text, section.page, section.key or section.number, starts))
        if self.closing is not None:
            out.append(self.closing)
        for note in self.footnotes:
            out.append(Passage("footnote", note.text, note.page, note.marker))
        last_page = self.document.pages[-1].number if self.document.pages else 1
        for i, item in enumerate(self.distribution):
            out.append(Passage("distribution", item, last_page, f"distribution:{i}"))
        return out
