"""Export every archive table: one CSV or Parquet file per table, or one xlsx workbook with one
sheet per table. Vietnamese text is kept as is (CSV is UTF-8 with a BOM, so Excel reads it).
File names are fixed (the table names), so nothing is ever written outside the folder given.

The workbook is made for people who open it in Excel: a sheet per table that has rows, named in
Vietnamese ("Văn bản", "Văn bản được dẫn" …), headings in words, dates and timestamps as Excel
dates (dd/mm/yyyy, local time), numbers as numbers, an autofilter on every sheet, the header row
frozen, columns as wide as their content (up to 60), every mention sheet with the number and file
of its document, and a "Trích dẫn" sheet: each document cited, by which report, of which period.
The contract JSON is left out (it is in the JSON, CSV and Parquet exports)."""
from __future__ import annotations

import math
import os
from datetime import date, datetime, timezone
from pathlib import Path

from .. import lazy
from ..errors import MissingDependency, UsageError
from ..i18n import N_, _
from .store import DOCUMENT_TABLES, EXPORT_TABLES, live

pd = lazy.module("pandas")  # imported when a data frame is first made (not by `baocao ingest`)

FORMATS = ("csv", "xlsx", "parquet")
XLSX_CELL_LIMIT = 32767  # characters Excel keeps in one cell


def _table(conn, name: str, exact: bool = False, include_gone: bool = False) -> pd.DataFrame:
    """A table as stored; ``exact``: every cell the Python value SQLite gave (no int -> float where a
    column has NULLs). Rows of documents whose files are all gone (and gone files) only with include_gone."""
    if name == "corrections" and not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'corrections'").fetchone():
        from .corrections import TABLE  # an archive never opened for writing since corrections came

        return pd.DataFrame(columns=[l.split()[0] for l in TABLE.splitlines()[1:-1]])
    cur = conn.execute(f'SELECT * FROM "{name}" ORDER BY id')  # name comes from EXPORT_TABLES only
    columns = [c[0] for c in cur.description]
    if exact:
        df = pd.DataFrame(cur.fetchall(), columns=columns, dtype=object)
    else:
        df = pd.DataFrame.from_records(cur.fetchall(), columns=columns)
    if not include_gone and name == "files":
        df = df[df["gone"] == 0]
    if not include_gone and name == "documents":
        kept = {i for (i,) in conn.execute(f"SELECT id FROM documents WHERE {live()}")}
        df = df[df["id"].isin(kept)]
    if not include_gone and name != "documents" and "document_id" in df:
        gone = {i for (i,) in conn.execute(f"SELECT id FROM documents WHERE NOT ({live()})")}
        if gone:
            df = df[~df["document_id"].isin(gone)]
    return df.reset_index(drop=True)


def _inside(out: Path, name: str) -> Path:
    target = (out / name).resolve()
    if target.parent != out:
        raise UsageError(f"refusing to write {target} outside {out}")
    return target


def export(conn, out: str | Path, format: str = "csv", include_gone: bool = False) -> list[Path]:
    """Every table; the rows of documents whose files are all gone (and gone files) only with include_gone."""
    if format not in FORMATS:
        raise UsageError(f"unknown export format {format!r}: use csv, xlsx or parquet")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out must be a folder, and {out} is a file")
    out.mkdir(parents=True, exist_ok=True)
    out = out.resolve()
    frames = {name: _table(conn, name, exact=format == "xlsx", include_gone=include_gone) for name in EXPORT_TABLES}
    written: list[Path] = []
    if format == "csv":
        for name, df in frames.items():
            target = _inside(out, f"{name}.csv")
            df.to_csv(target, index=False, encoding="utf-8-sig")
            written.append(target)
    elif format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError as e:
            raise MissingDependency("Parquet export needs pyarrow: pip install 'baocao[parquet]'") from e
        for name, df in frames.items():
            target = _inside(out, f"{name}.parquet")
            df.to_parquet(target, index=False)
            written.append(target)
    else:
        target = _inside(out, "archive.xlsx")
        write_workbook(conn, frames, target)
        written.append(target)
    return written


# --------------------------------------------------------------------------- xlsx

SHEETS = {  # table -> sheet name (at most 31 characters, none of []:*?/\)
    "citations": N_("Citations"), "documents": N_("Documents"), "sections": N_("Sections"),
    "footnotes": N_("Footnotes"), "reference_mentions": N_("References"), "dates": N_("Dates"), "counts": N_("Counts"),
    "agencies": N_("Agencies"), "people": N_("People"), "signers": N_("Signers"),
    "distribution": N_("Distribution"), "pages": N_("Page texts"), "cited_documents": N_("Cited documents"),
    "failures": N_("Failures"), "files": N_("Files"),
}
COLUMNS = {  # column -> heading, in every sheet
    "id": N_("id"), "document_id": N_("document id"), "doc_number": N_("document number"),
    "doc_file": N_("document file"), "ord": N_("order"), "text": N_("text"), "page": N_("page"),
    "where": N_("where"), "part": N_("where"), "section": N_("section"), "span_start": N_("span start"), "span_end": N_("span end"),
    "path": N_("path"), "sha256": "sha256", "format": N_("format"), "pages": N_("pages"),
    "text_source": N_("text source"), "doc_type": N_("document type"), "number": N_("number"),
    "agency": N_("agency"), "parent_agency": N_("parent agency"), "place": N_("place"), "date": N_("date"),
    "subject": N_("subject"), "period_label": N_("period"), "period_start": N_("period start"),
    "period_end": N_("period end"), "ingested_at": N_("archived at"), "size": N_("size (bytes)"),
    "mtime_ns": N_("modified (ns)"), "number_norm": N_("normalised number"), "ocr_pages": N_("pages OCR'd"),
    "key": N_("key"), "title": N_("title"), "level": N_("level"), "parent_key": N_("parent section"),
    "marker": N_("marker"), "anchor_section": N_("in section"), "cited_id": N_("cited document id"),
    "type": N_("type"), "issuer": N_("issuer"), "type_code": N_("type code"), "issuer_code": N_("issuer code"),
    "unit_code": N_("unit code"), "resolved": N_("resolved"), "kind": N_("kind"), "start_date": N_("start"),
    "end_date": N_("end"), "value": N_("value"), "qualifier": N_("qualifier"), "unit": N_("unit"),
    "unit_key": N_("unit key"), "name": N_("name"), "role": N_("role"), "authority": N_("authority"),
    "position": N_("position"), "display": N_("document"), "reason": N_("reason"), "failed_at": N_("failed at"),
    "cited": N_("cited document"), "cited_by": N_("cited by"), "period": N_("period of the citing report"),
    "archived_as": N_("archived as"), "first_seen": N_("first seen"), "last_seen": N_("last seen"),
    "archived_at": N_("read at"), "gone": N_("gone"), "files": N_("files"), "serial": N_("running number"),
}
# the contract is in the JSON, CSV and Parquet exports; mtime_ns (over 2^53, which Excel cannot hold
# exactly) and number_norm are the archive's own bookkeeping
LEFT_OUT = {"documents": ("contract", "mtime_ns", "number_norm"), "files": ("mtime_ns", "number_norm", "serial")}
DATE_COLUMNS = {"date", "period_start", "period_end", "start_date", "end_date"}
TIMESTAMP_COLUMNS = {"ingested_at", "failed_at", "first_seen", "last_seen", "archived_at"}
MAX_WIDTH = 60


def citations_sheet(conn, documents: pd.DataFrame) -> pd.DataFrame:
    """Every (citing report, cited document) pair: the document cited, its type, number, date and
    issuer, the report citing it and that report's period."""
    from .queries import citations

    df = citations(conn)
    if df.empty:
        return pd.DataFrame()
    period = dict(zip(documents["id"], documents["period_label"]))
    df = df.assign(cited=[n if isinstance(n, str) and n else t for n, t in zip(df["number"], df["title"])],
                   period=[period.get(d) for d in df["document_id"]])
    return df[["cited", "type", "number", "date", "issuer", "title", "cited_by", "period", "where", "page",
               "section", "archived_as", "document_id", "cited_id"]]


def _with_document(df: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """A mention table with its document's number and file next to document_id."""
    if "document_id" not in df.columns or df.empty:
        return df
    number = dict(zip(documents["id"], documents["number"]))
    file = {i: os.path.basename(p) for i, p in zip(documents["id"], documents["path"])}
    at = list(df.columns).index("document_id") + 1
    df = df.copy()
    df.insert(at, "doc_number", [number.get(i) for i in df["document_id"]])
    df.insert(at + 1, "doc_file", [file.get(i) for i in df["document_id"]])
    return df


def _excel_value(value, column: str):
    """A cell as Excel should hold it: dates as dates, timestamps in local time, numbers as numbers."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if column in DATE_COLUMNS and isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return value
    if column in TIMESTAMP_COLUMNS and isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone().replace(tzinfo=None)  # Excel has no time zones: the reader's local time
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(value) > XLSX_CELL_LIMIT:  # the full text is in the CSV/Parquet export
            value = value[: XLSX_CELL_LIMIT - 1] + "…"
    return value


def _text_width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def write_workbook(conn, frames: dict[str, pd.DataFrame], target: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    documents = frames["documents"]
    sheets = {"documents": documents.drop(columns=[c for c in LEFT_OUT["documents"] if c in documents.columns])}
    cites = citations_sheet(conn, documents)
    if not cites.empty:
        sheets["citations"] = cites
    for name, df in frames.items():
        if name != "documents" and not df.empty:  # no empty sheets
            df = df.drop(columns=[c for c in LEFT_OUT.get(name, ()) if c in df.columns])
            sheets[name] = _with_document(df, documents) if name in DOCUMENT_TABLES else df
    if "failures" in sheets:  # a sheet people read: why, in their language (CSV and Parquet keep the English key)
        from ..i18n import translate
        from .ingest import failure_kind

        failures = sheets["failures"]
        sheets["failures"] = failures.assign(reason=[translate(r) for r in failures["reason"]],
                                             kind=[failure_kind(k) for k in failures["kind"]])
    order = ["documents", "citations", *[n for n in frames if n != "documents"]]
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=False, vertical="top")
    for name in [n for n in order if n in sheets]:
        df = sheets[name]
        columns = [str(c) for c in df.columns]
        rows = [[_excel_value(v, c) for v, c in zip(row, columns)] for row in df.itertuples(index=False, name=None)]
        ws = wb.create_sheet(_(SHEETS[name])[:31])
        headings = [_(COLUMNS[c]) if c in COLUMNS else c for c in columns]
        for i, (c, heading) in enumerate(zip(columns, headings), start=1):
            widest = max([len(heading)] + [_text_width(r[i - 1]) for r in rows[:2000]])
            ws.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, widest + 2)
        ws.freeze_panes = "A2"
        last = get_column_letter(max(1, len(columns)))
        ws.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
        header = []
        for heading in headings:
            cell = WriteOnlyCell(ws, value=heading)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        formats = {i: ("dd/mm/yyyy" if c in DATE_COLUMNS else "dd/mm/yyyy hh:mm")
                   for i, c in enumerate(columns) if c in DATE_COLUMNS | TIMESTAMP_COLUMNS}
        for r in rows:
            if formats:
                out = []
                for i, v in enumerate(r):
                    if i in formats and isinstance(v, (date, datetime)):
                        cell = WriteOnlyCell(ws, value=v)
                        cell.number_format = formats[i]
                        cell.alignment = wrap
                        out.append(cell)
                    else:
                        out.append(v)
                ws.append(out)
            else:
                ws.append(r)
    wb.save(target)
