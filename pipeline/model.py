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

from dataclasses import dataclass, field, fields
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

    def to_contract(self) -> dict:
        """The baocao.report/1 dict (pipeline.contract.to_contract)."""
        from .contract import to_contract

        return to_contract(self)

    @classmethod
    def from_contract(cls, obj: dict) -> Report:
        """The Report a baocao.report/1 dict (to_contract's, or an archived document's) was made from,
        as far as the dict keeps it: header, period, opening, sections, footnotes, signers, Nơi nhận,
        closing and mentions, with their pages and the page starts of the passages, so passages() and
        every mention's span are the same as the original's. The dict has no lines, boxes or table
        positions: the pages come back empty (their number and size only), a table on its section's
        page. A dict written before ``opening_at``/``closing_at``/``page_starts``/``page_numbers`` were
        added gets the opening on the first page, the closing on the last, pages numbered 1..n."""
        return _from_contract(cls, obj)

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


# --------------------------------------------------------------------------- from a contract dict


def _starts(value) -> tuple[tuple[int, int], ...]:
    return tuple((int(offset), int(page)) for offset, page in value or ())


def _section_of(obj: dict, default_page: int) -> Section:
    page = obj.get("page") or default_page
    return Section(
        number=obj.get("number"),
        title=obj.get("title") or "",
        level=obj.get("level") or 1,
        page=page,
        text=obj.get("text") or "",
        children=tuple(_section_of(c, page) for c in obj.get("children") or ()),
        key=obj.get("key") or "",
        page_starts=_starts(obj.get("page_starts")),
        tables=tuple(Table(page, None, tuple(tuple(row) for row in rows)) for rows in obj.get("tables") or ()),
    )


def _passage_of(text: str | None, at: dict | None, section: str, default_page: int) -> Passage | None:
    if text is None:
        return None
    at = at or {}
    return Passage("body", text, at.get("page") or default_page, section, _starts(at.get("page_starts")))


def _mentions_of(kind: type, items) -> tuple:
    names = {f.name for f in fields(kind)}
    out = []
    for item in items or ():
        values = {k: v for k, v in item.items() if k in names}
        values["span"] = tuple(values.get("span") or (0, 0))
        out.append(kind(**values))
    return tuple(out)


def _from_contract(cls, obj: dict) -> Report:
    source = obj.get("source") or {}
    count = source.get("pages") or 0
    numbers = source.get("page_numbers") or list(range(1, count + 1))
    sizes = source.get("page_sizes") or []
    text_source = source.get("text_source") or "plain"
    pages = []
    for i, number in enumerate(numbers):
        size = sizes[i] if i < len(sizes) and sizes[i] else (None, None)
        pages.append(Page(number, (), text_source, size[0], size[1]))
    document = Document(
        path=source.get("path") or "", sha256=source.get("sha256") or "", format=source.get("format") or "text",
        pages=tuple(pages), text_source=text_source, warnings=tuple(obj.get("warnings") or ()),
    )
    first, last = (numbers[0], numbers[-1]) if numbers else (1, 1)
    h = obj.get("header") or {}
    period = obj.get("period")
    return cls(
        document=document,
        header=Header(**{f.name: h.get(f.name) for f in fields(Header) if f.name != "recipients"},
                      recipients=tuple(h.get("recipients") or ())),
        period=ReportingPeriod(period["label"], period["start"], period["end"]) if period else None,
        opening=_passage_of(obj.get("opening"), obj.get("opening_at"), "opening", first),
        sections=tuple(_section_of(s, first) for s in obj.get("sections") or ()),
        footnotes=tuple(Footnote(f["marker"], f.get("text") or "", f.get("page") or first, f.get("anchor_section"))
                        for f in obj.get("footnotes") or ()),
        signers=tuple(Signer(s.get("authority"), s.get("position"), s.get("name")) for s in obj.get("signers") or ()),
        distribution=tuple(obj.get("distribution") or ()),
        closing=_passage_of(obj.get("closing"), obj.get("closing_at"), "closing", last),
        mentions=Mentions(
            references=_mentions_of(Reference, obj.get("references")),
            dates=_mentions_of(DateMention, obj.get("dates")),
            counts=_mentions_of(Count, obj.get("counts")),
            agencies=_mentions_of(AgencyMention, obj.get("agencies")),
            people=_mentions_of(PersonMention, obj.get("people")),
        ),
    )
