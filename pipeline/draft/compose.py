"""The draft of the next report, built from the previous one (a baocao.report/1 dict) and the archive.

    draft = compose(previous, parse_period("2023Q2"), library)

``library`` is every archived document as a baocao.report/1 dict (see ``pipeline.draft.library``).
Nothing is invented: each value is copied from the previous report or an archived document, whose
source is kept in ``Draft.sources``, or it is a visible, highlighted placeholder.

What moves and what stays:
- period labels that name the previous period ("quý I/2023", "quý I năm 2023") are rewritten for
  the new one; a date range that stands for it ("Từ ngày 15/12/2022 đến 14/3/2023") is shifted by
  the period length and highlighted to confirm; dates inside cited documents are history and stay;
- every count becomes a highlighted field showing last period's value: "[… — quý I/2023: trên 30 tin, bài]";
- the opening names the new period's request document when the archive holds it;
- the footnote listing the agency's own guidance documents is rebuilt from the archive.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

from ..errors import UsageError
from ..grammar.symbols import blank_number, issuer_code_of, symbol_of
from ..i18n import _
from .. import vocab
from ..model import Count, Footnote, Mention, Passage, Reference, Report, Section
from ..text import fold
from .period import Period, months_between, period_of, range_denotes, relabel, shift_dates

# --------------------------------------------------------------------------- the draft model


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph. ``highlight`` marks what the drafter must fill or confirm;
    a run with ``footnote`` set is the reference mark of that footnote (its text is unused)."""

    text: str
    highlight: bool = False
    footnote: str | None = None


Paragraph = tuple[Run, ...]


def plain(paragraph: Paragraph) -> str:
    """The paragraph's text, footnote marks left out."""
    return "".join(r.text for r in paragraph if r.footnote is None)


@dataclass(frozen=True)
class DraftSection:
    number: str | None
    title: Paragraph
    level: int
    paragraphs: tuple[Paragraph, ...] = ()
    children: tuple[DraftSection, ...] = ()
    tables: tuple[tuple[tuple[Run, ...], ...], ...] = ()  # rows of cells, a cell is one Run

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def heading(self) -> Paragraph:
        if self.number is None:
            return self.title
        mark = f"{self.number}) " if re.fullmatch(r"[a-zđ]", self.number) else f"{self.number}. "
        return (Run(mark),) + self.title


@dataclass(frozen=True)
class DraftFootnote:
    marker: str
    paragraph: Paragraph
    rebuilt: bool = False  # True when rebuilt from the archive for the new period


@dataclass(frozen=True)
class Figure:
    """One count of the previous report: a field to fill in the new one."""

    section: str | None  # section key (or passage name: "opening", "closing", footnote marker)
    section_title: str | None
    text: str  # as printed: "trên 30 tin, bài"
    value: float
    qualifier: str | None
    unit: str | None
    page: int
    document: str  # the previous report: number or path
    before_value: float | None = None  # the same count in the report for the period before
    before_text: str | None = None
    before_document: str | None = None
    before_page: int | None = None
    before_section: str | None = None


@dataclass(frozen=True)
class Source:
    """Where a value of the draft came from."""

    what: str
    document: str
    page: int | None = None
    section: str | None = None


@dataclass(frozen=True)
class Draft:
    period: Period
    previous_period: Period
    parent_agency: Paragraph
    agency: Paragraph
    number: Paragraph  # "Số:      /BC-STTTT"
    place_date: Paragraph  # "Lạng Sơn, ngày … tháng … năm 2023"
    doc_type: str
    subject: Paragraph
    recipients: tuple[Paragraph, ...]
    opening: Paragraph | None
    sections: tuple[DraftSection, ...]
    closing: Paragraph | None
    signers: tuple[tuple[str | None, str | None, str | None], ...]  # authority, position, name
    distribution: tuple[Paragraph, ...]
    footnotes: tuple[DraftFootnote, ...]
    figures: tuple[Figure, ...]
    sources: tuple[Source, ...]
    previous_document: str
    notes: tuple[str, ...] = field(default=())  # what the drafter should know

    def walk_sections(self):
        for section in self.sections:
            yield from section.walk()


# --------------------------------------------------------------------------- data


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    text = resources.files("pipeline.draft").joinpath("stopwords.txt").read_text("utf-8")
    return frozenset(
        fold(line.strip()) for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@vocab.cached
def request_types() -> tuple[str, ...]:
    """The types (folded) whose documents may ask for a report: "asks" in pipeline/vocab/doc_types.tsv."""
    return tuple(dict.fromkeys(fold(t.name) for t in vocab.doc_types() if t.asks))


# --------------------------------------------------------------------------- small helpers


def vn_date(day: date) -> str:
    """Decree 30 style: a day below 10 and months 1-2 get a leading zero: 06/3/2023, 05/01/2023."""
    d = f"{day.day:02d}"
    m = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{d}/{m}/{day.year}"


def same_agency(a: str | None, b: str | None) -> bool:
    """Names of one agency, ignoring case and diacritics; "Sở TT&TT" forms are not expanded."""
    if not a or not b:
        return False
    fa, fb = " ".join(fold(a).split()), " ".join(fold(b).split())
    return fa == fb or (min(len(fa), len(fb)) >= 8 and (fa in fb or fb in fa))


def mentions_agency(text: str | None, agency: str | None) -> bool:
    return bool(text and agency) and " ".join(fold(agency).split()) in " ".join(fold(text).split())


def topic_words(subject: str | None) -> set[tuple[str, str]]:
    """Syllable pairs that carry the subject's topic: folded, stop words and numbers removed."""
    if not subject:
        return set()
    words = [w for w in re.findall(r"[a-z]+", fold(subject)) if w not in stop_words()]
    return {(a, b) for a, b in zip(words, words[1:])}


def _strip_vv(subject: str) -> str:
    s = re.sub(r"^\s*(?:V/v|về việc)\s*", "", subject.strip(), flags=re.I)
    return s.rstrip(" .;")


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def document_name(doc: dict) -> str:
    """How a source document is named in notes: its number, else its file."""
    h = doc.get("header") or {}
    if h.get("number"):
        return f"{h.get('doc_type') or 'Văn bản'} số {h['number']}"
    return doc.get("source", {}).get("path") or "?"


# --------------------------------------------------------------------------- passages


def passage_name(p: Passage) -> str:
    """The draft's name of a passage of Report.passages(): "subject", "recipient:0", "opening",
    "section:<key>", "closing", "footnote:<marker>", "distribution:0"."""
    if p.where == "footnote":
        return f"footnote:{p.section}"
    if p.where == "body" and p.section not in ("opening", "closing"):
        return f"section:{p.section}"
    return p.section or ""


def locate(mention: Mention, found: list[Passage]) -> Passage | None:
    """The passage a mention's span points into: the one of its where and section, if its span
    there holds its text (a mention filled in from another copy of the document may not fit)."""
    start, end = mention.span
    for p in found:
        if p.where == mention.where and p.section == mention.section and p.text[start:end] == mention.text:
            return p
    return None


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    runs: tuple[Run, ...]


def _apply(text: str, edits: list[_Edit], lo: int = 0, hi: int | None = None) -> list[Run]:
    """text[lo:hi] with edits applied (overlapping edits: the first accepted wins)."""
    hi = len(text) if hi is None else hi
    chosen: list[_Edit] = []
    for e in sorted(edits, key=lambda e: (e.start, -(e.end - e.start))):
        if e.start < lo or e.end > hi:
            continue
        if chosen and e.start < chosen[-1].end:
            continue
        chosen.append(e)
    runs: list[Run] = []
    at = lo
    for e in chosen:
        if e.start > at:
            runs.append(Run(text[at : e.start]))
        runs.extend(e.runs)
        at = max(at, e.end)
    if at < hi:
        runs.append(Run(text[at:hi]))
    return runs


def _merge(runs: list[Run]) -> Paragraph:
    out: list[Run] = []
    for r in runs:
        if out and r.footnote is None and out[-1].footnote is None and out[-1].highlight == r.highlight:
            out[-1] = Run(out[-1].text + r.text, r.highlight)
        elif r.text or r.footnote:
            out.append(r)
    return tuple(out)


def _paragraphs(runs: list[Run]) -> list[Paragraph]:
    """Split runs at newlines into paragraphs."""
    paragraphs: list[list[Run]] = [[]]
    for r in runs:
        if r.footnote is not None or "\n" not in r.text:
            paragraphs[-1].append(r)
            continue
        pieces = r.text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                paragraphs.append([])
            if piece:
                paragraphs[-1].append(Run(piece, r.highlight))
    return [_merge(p) for p in paragraphs]


# --------------------------------------------------------------------------- composing


def previous_period(report: dict | Report) -> Period:
    """The period the previous report (a baocao.report/1 dict or its Report) covers: its "period", else the
    first period in its subject."""
    model = report if isinstance(report, Report) else Report.from_contract(report)
    p = model.period
    if p:
        found = period_of(p.start, p.end)
        if found:
            return found
    for d in model.mentions.dates:
        if d.where == "header" and d.kind in ("month", "quarter", "half", "year"):
            found = period_of(d.start, d.end)
            if found:
                return found
    raise UsageError(
        "the previous report names no reporting period (its subject has no 'quý …/năm …'): "
        "it cannot be moved to a new period"
    )


class _Composer:
    def __init__(self, previous: dict, period: Period, library: list[dict]):
        self.report = Report.from_contract(previous)  # the draft works on the model, mentions and all
        self.new = period
        self.old = previous_period(self.report)
        # a reporting window's start moves with the period's start, its end with the period's end
        self.shift = (months_between(self.old.start, self.new.start), months_between(self.old.end, self.new.end))
        prev_sha = (previous.get("source") or {}).get("sha256")
        self.library = [d for d in library if (d.get("source") or {}).get("sha256") != prev_sha or not prev_sha]
        self.passages = self.report.passages()
        self.models: dict[int, Report] = {}
        self.by_name = {passage_name(p): p for p in self.passages}
        self.edits: dict[str, list[_Edit]] = {name: [] for name in self.by_name}
        self.sources: list[Source] = []
        self.notes: list[str] = []
        self.figures: list[Figure] = []
        self.doc_name = document_name(previous)
        self.agency = self.report.header.agency or self._agency_from_opening()
        self.own_codes = self._own_codes()

    # -- who is reporting

    def _agency_from_opening(self) -> str | None:
        """"…, Sở Thông tin và Truyền thông báo cáo …": the reporter as the opening names it."""
        text = self.report.opening.text if self.report.opening else ""
        m = re.search(r",\s*([^,]{3,80}?)\s+(?:xin\s+)?báo cáo\b[^,]*$", text)
        return m.group(1).strip() if m else None

    def _own_codes(self) -> set[str]:
        codes = set()
        code = issuer_code_of(self.report.header.number)
        if code:
            codes.add(code)
        for r in self.report.mentions.references:
            if same_agency(r.issuer, self.agency):
                code = r.issuer_code or issuer_code_of(r.number)
                if code:
                    codes.add(code)
        return codes

    def _is_own(self, number: str | None, issuer: str | None, issuer_code: str | None = None) -> bool:
        if same_agency(issuer, self.agency):
            return True
        code = issuer_code or issuer_code_of(number)
        return bool(code and code in self.own_codes)

    def _model(self, doc: dict) -> Report:
        """An archived document of the library as its Report (made once)."""
        if id(doc) not in self.models:
            self.models[id(doc)] = Report.from_contract(doc)
        return self.models[id(doc)]

    def _located(self, mentions):
        for m in mentions:
            p = locate(m, self.passages)
            if p is None:
                self.notes.append(_("'{text}' (page {page}) could not be found in its passage; left as is").format(
                    text=m.text, page=m.page))
                continue
            yield m, p

    # -- dates and counts

    def _inside_reference(self, passage: Passage, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.reference_spans.get(passage_name(passage), ()))

    def move_dates(self) -> None:
        self.reference_spans: dict[str, list[tuple[int, int]]] = {}
        for r, p in self._located(self.report.mentions.references):
            self.reference_spans.setdefault(passage_name(p), []).append(tuple(r.span))
        for d, p in self._located(self.report.mentions.dates):
            start, end = d.span
            if self._inside_reference(p, start, end):
                continue  # a cited document's date is history
            if d.kind in ("month", "quarter", "half", "year") and period_of(d.start, d.end) == self.old:
                self.edits[passage_name(p)].append(_Edit(start, end, (Run(relabel(d.text, self.old, self.new)),)))
            elif d.kind == "range" and range_denotes(d.start, d.end, self.old):
                moved = " ".join(shift_dates(d.text, *self.shift).split())
                self.edits[passage_name(p)].append(_Edit(start, end, (Run(f"[{moved} — cần xác nhận]", True),)))

    def counts_to_fields(self) -> None:
        old_label = self.old.label(short=True)
        titles = {f"section:{s.key or s.number}": s.title for s in self.report.walk_sections()}
        for c, p in self._located(self.report.mentions.counts):
            start, end = c.span
            shown = " ".join(c.text.split())
            name = passage_name(p)
            self.edits[name].append(_Edit(start, end, (Run(f"[… — {old_label}: {shown}]", True),)))
            self.figures.append(
                Figure(
                    section=p.section if name.startswith("section:") else name,
                    section_title=titles.get(name),
                    text=shown,
                    value=c.value,
                    qualifier=c.qualifier,
                    unit=c.unit,
                    page=c.page or p.page,
                    document=self.doc_name,
                )
            )

    # -- the report for the period before, for the figures table

    def fill_before(self) -> None:
        before = self.old.previous()
        prev_symbol = symbol_of(self.report.header.number)
        prev_topic = topic_words(self.report.header.subject)
        found = None
        for doc in self.library:
            h = doc.get("header") or {}
            if fold(h.get("doc_type") or "") != "bao cao":
                continue
            p = doc.get("period")
            if not p or period_of(p["start"], p["end"]) != before:
                continue
            same = same_agency(h.get("agency"), self.agency) or (prev_symbol and symbol_of(h.get("number")) == prev_symbol)
            if not same and not (self.agency is None or h.get("agency") is None):
                continue
            if len(topic_words(h.get("subject")) & prev_topic) < 2:
                continue
            found = doc
            break
        if found is None:
            if self.figures:
                self.notes.append(_("the archive holds no report of this agency for {period}").format(
                    period=before.label(short=True)))
            return
        before_report = self._model(found)
        sections = {s.key or s.number: s.title for s in before_report.walk_sections()}
        used: set[int] = set()
        out = []
        for f in self.figures:
            match: tuple[int, Count] | None = None
            for i, c in enumerate(before_report.mentions.counts):
                if i in used or fold(c.unit or "") != fold(f.unit or ""):
                    continue
                section = c.section
                same_section = section == f.section or (
                    f.section_title and fold(sections.get(section) or "") == fold(f.section_title)
                )
                if same_section:
                    match = (i, c)
                    break
            if match is None:
                out.append(f)
                continue
            used.add(match[0])
            c = match[1]
            out.append(
                Figure(
                    **{
                        **f.__dict__,
                        "before_value": c.value,
                        "before_text": " ".join(c.text.split()),
                        "before_document": document_name(found),
                        "before_page": c.page,
                        "before_section": c.section,
                    }
                )
            )
        self.figures = out

    # -- the opening

    def opening(self) -> Paragraph | None:
        text = self.report.opening.text if self.report.opening else None
        if not text:
            return None
        answered = None
        for r, q in self._located(self.report.mentions.references):
            if passage_name(q) == "opening":
                answered = r
                break
        m = re.search(r",\s*[^,]*\bnhư sau\s*:?\s*$", text) or re.search(r",\s*[^,]*$", text)
        tail_at = m.start() if m else len(text)
        if answered is not None and tail_at < answered.span[1]:
            tail_at = answered.span[1]
        tail = _apply(text, self.edits["opening"], tail_at)
        request = self.request_document(answered)
        label = self.new.label(short=True)
        if request is None:
            head = [Run(f"[Thực hiện … (văn bản yêu cầu báo cáo {label} chưa có trong kho)]", True)]
            self.notes.append(_("no request document for {period} in the archive: the opening is a placeholder").format(
                period=label))
        else:
            doc, issuer = request
            h = doc["header"]
            parts = [f"Thực hiện {h.get('doc_type') or 'Văn bản'}"]
            if h.get("number"):
                parts.append(f"số {h['number']}")
            if _date(h.get("date")):
                parts.append(f"ngày {vn_date(_date(h['date']))}")
            if issuer:
                parts.append(f"của {issuer}")
            if h.get("subject"):
                parts.append(f"về việc {_lower_first(_strip_vv(h['subject']))}")
            head = [Run(" ".join(parts))]
            self.sources.append(Source("the opening's request document", document_name(doc) + f" ({doc['source'].get('path')})", 1))
        return _merge(head + tail)

    def request_document(self, answered: Reference | None) -> tuple[dict, str | None] | None:
        """The archived document asking this agency for the new period's report."""
        if answered is None:
            return None
        answered_symbol = symbol_of(answered.number)
        best = None
        for doc in self.library:
            h = doc.get("header") or {}
            subject = h.get("subject") or ""
            if "bao cao" not in fold(subject):
                continue
            if not self._names_new_period(doc):
                continue
            issued_by = (answered_symbol and symbol_of(h.get("number")) == answered_symbol) or same_agency(
                h.get("agency"), answered.issuer
            )
            if not issued_by:
                continue
            addressed = any(mentions_agency(r, self.agency) for r in h.get("recipients") or ()) or any(
                mentions_agency(r, self.agency) for r in doc.get("distribution") or ()
            )
            if not addressed and not any(fold(h.get("doc_type") or "").startswith(t) for t in request_types()):
                continue
            key = (addressed, h.get("date") or "")
            if best is None or key > best[0]:
                best = (key, doc)
        if best is None:
            return None
        doc = best[1]
        issuer = answered.issuer or (doc["header"].get("agency") or "").capitalize() or None
        return doc, issuer

    def _names_new_period(self, doc: dict) -> bool:
        for d in self._model(doc).mentions.dates:
            if d.where == "header" and d.kind in ("month", "quarter", "half", "year"):
                if period_of(d.start, d.end) == self.new:
                    return True
        subject = " ".join(fold((doc.get("header") or {}).get("subject") or "").split())
        return any(fold(label) in subject for label in (self.new.label(), self.new.label(short=True)))

    # -- footnotes

    def own_guidance_footnote(self) -> str | None:
        """The marker of the footnote listing the agency's own guidance documents, if any."""
        best, best_share = None, 0.0
        for f in self.report.footnotes:
            refs = [r for r in self.report.mentions.references if r.where == "footnote" and r.section == f.marker]
            numbered = [r for r in refs if r.number or r.issuer]
            if not numbered:
                continue
            own = [r for r in numbered if self._is_own(r.number, r.issuer, r.issuer_code)]
            share = len(own) / len(numbered)
            if share >= 0.5 and share > best_share:
                best, best_share = f.marker, share
        return best

    def guidance_documents(self) -> list[dict]:
        topic = topic_words(self.report.header.subject)
        out = []
        for doc in self.library:
            h = doc.get("header") or {}
            day = _date(h.get("date"))
            if day is None or not self.new.covers(day, day):
                continue
            if fold(h.get("doc_type") or "") == "bao cao":
                continue
            if not (same_agency(h.get("agency"), self.agency) or self._is_own(h.get("number"), None)):
                continue
            if len(topic_words(h.get("subject")) & topic) < 2:
                continue
            out.append(doc)
        return sorted(out, key=lambda d: (d["header"]["date"], d["header"].get("number") or ""))

    def rebuilt_footnote(self, marker: str) -> DraftFootnote:
        docs = self.guidance_documents()
        label = self.new.label(short=True)
        if not docs:
            who = self.agency or "cơ quan"
            self.notes.append(_("the archive holds no guidance document of {agency} for {period}: footnote {marker} is a "
                                "placeholder").format(agency=who, period=label, marker=marker))
            return DraftFootnote(
                marker,
                (Run(f"[Văn bản chỉ đạo, hướng dẫn của {who} ban hành trong {label} (chưa có trong kho)]", True),),
                rebuilt=True,
            )
        items = []
        for doc in docs:
            h = doc["header"]
            parts = [h.get("doc_type") or "Văn bản"]
            if h.get("number"):
                parts.append(f"số {h['number']}")
            parts.append(f"ngày {vn_date(_date(h['date']))}")
            if h.get("subject"):
                parts.append(f"về việc {_lower_first(_strip_vv(h['subject']))}")
            items.append(" ".join(parts))
            self.sources.append(Source(f"footnote {marker}", document_name(doc) + f" ({doc['source'].get('path')})", 1))
        return DraftFootnote(marker, (Run("; ".join(items) + "."),), rebuilt=True)

    def footnotes(self) -> list[DraftFootnote]:
        own = self.own_guidance_footnote()
        out = []
        for f in self.report.footnotes:
            if f.marker == own:
                out.append(self.rebuilt_footnote(f.marker))
            else:
                runs = _apply(f.text, self.edits.get(f"footnote:{f.marker}", []))
                out.append(DraftFootnote(f.marker, _merge([Run(r.text.replace("\n", " "), r.highlight) for r in runs])))
            self._anchor(f)
        return out

    def _anchor(self, footnote: Footnote) -> None:
        """Put the footnote's mark in its section: where the marker still stands glued to a word
        ("văn bản1"), else after the first "văn bản", else at the end of the section's first line."""
        key = footnote.anchor_section
        name = f"section:{key}" if f"section:{key}" in self.by_name else None
        if name is None:
            name = next((n for n in self.by_name if n.startswith("section:")), None)
        if name is None:
            return
        text = self.by_name[name].text
        mark = (Run("", footnote=footnote.marker),)
        glued = re.search(rf"(?<=[^\W\d_]){re.escape(footnote.marker)}(?=[\s,.;:])", text)
        if glued:
            self.edits[name].append(_Edit(glued.start(), glued.end(), mark))
            return
        m = re.search(r"văn bản", text, re.I)
        at = m.end() if m else text.find("\n") if "\n" in text else len(text)
        self.edits[name].append(_Edit(at, at, mark))

    # -- assemble

    def simple(self, name: str) -> Paragraph:
        p = self.by_name[name]
        return _merge([Run(r.text.replace("\n", " "), r.highlight, r.footnote) for r in _apply(p.text, self.edits[name])])

    def section(self, s: Section) -> DraftSection:
        name = f"section:{s.key or s.number}"
        p = self.by_name[name]
        paragraphs = _paragraphs(_apply(p.text, self.edits[name]))
        title, body = paragraphs[0], tuple(q for q in paragraphs[1:] if q)
        label = self.old.label(short=True)
        tables = tuple(
            tuple(
                tuple(self._cell(cell, r, c, label) for c, cell in enumerate(row))
                for r, row in enumerate(table.rows)
            )
            for table in s.tables
        )
        return DraftSection(s.number, title, s.level or 1, body, tuple(self.section(c) for c in s.children), tables)

    @staticmethod
    def _cell(cell: str | None, row: int, column: int, label: str) -> Run:
        text = " ".join((cell or "").split())
        if row > 0 and column > 0 and re.search(r"\d", text):
            return Run(f"[… — {label}: {text}]", True)
        return Run(text)

    def header_parts(self):
        h = self.report.header
        parent = (Run(h.parent_agency.upper()),) if h.parent_agency else (Run("[CƠ QUAN CHỦ QUẢN]", True),)
        if h.agency:
            agency = (Run(h.agency.upper()),)
        elif self.agency:
            agency = (Run(self.agency.upper(), True),)
            self.notes.append(_("the agency name was taken from the previous report's opening: confirm it"))
        else:
            agency = (Run("[TÊN CƠ QUAN]", True),)
        blank = blank_number(h.number)
        number = (Run(blank),) if blank else (Run("Số:      /"), Run("[BC-…]", True))
        year = self.new.end.year
        place = (Run(h.place),) if h.place else (Run("[Địa danh]", True),)
        place_date = place + (Run(f", ngày … tháng … năm {year}"),)
        return parent, agency, number, place_date

    def compose(self) -> Draft:
        self.move_dates()
        self.counts_to_fields()
        self.fill_before()
        footnotes = self.footnotes()
        opening = self.opening()
        h = self.report.header
        subject = self.simple("subject") if "subject" in self.by_name else (Run("[Trích yếu]", True),)
        recipients = tuple(self.simple(f"recipient:{i}") for i in range(len(h.recipients)))
        if not recipients:
            recipients = ((Run("[Nơi gửi]", True),),)
        sections = tuple(self.section(s) for s in self.report.sections)
        if not sections:
            self.notes.append(_("the previous report has no sections: the body is empty"))
        closing = self.simple("closing") if "closing" in self.by_name else None
        signers = tuple((s.authority, s.position, s.name) for s in self.report.signers)
        distribution = tuple(self.simple(f"distribution:{i}") for i in range(len(self.report.distribution)))
        if not distribution:
            distribution = ((Run("[Nơi nhận]", True),),)
        parent, agency, number, place_date = self.header_parts()
        self.sources.insert(0, Source("sections, signer, Nơi nhận, values of last period", self.doc_name + f" ({self.report.document.path or None})"))
        return Draft(
            period=self.new,
            previous_period=self.old,
            parent_agency=parent,
            agency=agency,
            number=number,
            place_date=place_date,
            doc_type=h.doc_type or "Báo cáo",
            subject=subject,
            recipients=recipients,
            opening=opening,
            sections=sections,
            closing=closing,
            signers=signers,
            distribution=distribution,
            footnotes=tuple(footnotes),
            figures=tuple(self.figures),
            sources=tuple(self.sources),
            previous_document=self.doc_name,
            notes=tuple(self.notes),
        )


def compose(previous: dict, period: Period, library: list[dict] | tuple[dict, ...] = ()) -> Draft:
    """The draft of the report for ``period`` that follows ``previous`` (a baocao.report/1 dict)."""
    return _Composer(previous, period, list(library)).compose()
