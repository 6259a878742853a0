"""Archive commands: ingest, citations, search, show, counts, agencies, failures, cited-by,
documents, export. Every command takes --db (default archive.db in the working folder); every
query prints a readable table, or --json / --csv."""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
import textwrap
import unicodedata

from .. import lazy
from ..errors import ExitCode, MissingDependency, UsageError
from ..i18n import N_, _, language, ngettext, show_date, show_time
from ..period import parse_period
from .frames import DATE_COLUMNS

pd = lazy.module("pandas")  # imported when a data frame is first made (not by `baocao ingest`)

DEFAULT_DB = "archive.db"


# --------------------------------------------------------------------------- output

# column headings, translated when shown (pipeline.i18n); --json and --csv keep the column names
HEADINGS = {
    "id": N_("id"), "type": N_("type"), "number": N_("number"), "date": N_("date"), "issuer": N_("issuer"),
    "title": N_("title"), "cited_by": N_("cited by"), "where": N_("where"), "page": N_("page"),
    "document": N_("document"), "section": N_("section"), "snippet": N_("passage"), "path": N_("file"),
    "kind": N_("kind"), "reason": N_("reason"), "failed_at": N_("failed at"), "file": N_("file"),
    "format": N_("format"), "pages": N_("pages"), "doc_type": N_("document type"), "agency": N_("agency"),
    "subject": N_("subject"), "period_label": N_("period"), "period": N_("period"), "text": N_("text"),
    "unit": N_("unit"), "total": N_("total"), "mentions": N_("mentions"), "documents": N_("documents"),
    "issued": N_("issued"), "name": N_("name"), "quarter": N_("quarter"), "year": N_("year"),
    "ingested_at": N_("archived at"), "files": N_("files"), "total_text": N_("total"),
    "qualifiers": N_("qualifiers"), "gone": N_("gone"), "best": N_("best copy"), "last_seen": N_("last seen"),
    "document_id": N_("document"), "text_source": N_("text from"), "size": N_("size"),
}
# where a mention was found, as shown in a table
WHERE = {"body": N_("body"), "footnote": N_("footnote"), "header": N_("header"), "opening": N_("opening"),
         "closing": N_("closing"), "table": N_("table"), "page": N_("page"), "subject": N_("subject")}
# what a date mention is, as shown by `show`
DATE_KINDS = {"day": N_("day"), "month": N_("month"), "quarter": N_("quarter"), "half": N_("half year"),
              "year": N_("year"), "range": N_("date range")}
# columns whose long values wrap (up to MAX_LINES lines); the others keep their width
WRAPPING = frozenset({"title", "subject", "issuer", "agency", "snippet", "reason", "text", "name", "cited_by",
                      "document", "file", "path", "period_label", "period", "type", "doc_type", "unit",
                      "section", "kind"})
MAX_LINES = 3
GAP = "  "


def _clean(value):
    from .frames import iso

    return iso(value)


def terminal_width() -> int:
    """The terminal's columns (COLUMNS when set, as shutil reads it), at least 40."""
    return max(40, shutil.get_terminal_size((100, 24)).columns)


def _display(value, column: str, iso: bool = False) -> str:
    from .frames import TIMESTAMP_COLUMNS, iso as machine_value

    value = machine_value(value, column)
    if value is None or value == "":
        return "—"
    if column in TIMESTAMP_COLUMNS:
        return str(value) if iso else show_time(value)
    if column in DATE_COLUMNS and isinstance(value, str):
        return value if iso else show_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",") if language() == "vi" else f"{value:g}"
    if column == "where" and value in WHERE:
        return _(WHERE[value])
    if column == "quarter" and isinstance(value, str) and re.fullmatch(r"\d{4}Q[1-4]", value):
        return str(parse_period(value))
    if column in ("quarter", "year", "agency") and value == "unknown":  # counts without a date
        return _("unknown")
    return " ".join(str(value).split())


def _width(text: str) -> int:
    """Columns the text takes on a terminal: East Asian wide characters two, combining marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def _cut(text: str, size: int) -> str:
    if _width(text) <= size:
        return text
    out = ""
    for c in text:
        if _width(out + c) > size - 1:
            break
        out += c
    return out + "…"


def _wrap(text: str, size: int, max_lines: int | None) -> list[str]:
    lines = textwrap.wrap(text, size, break_long_words=True, break_on_hyphens=False) or [""]
    lines = [_cut(line, size) for line in lines]  # wide characters: textwrap counts code points
    if max_lines and len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1:])
        lines = lines[: max_lines - 1] + [_cut(rest, size) if _width(rest) > size else rest]
        if not lines[-1].endswith("…"):
            lines[-1] = _cut(lines[-1] + " …", size)
    return lines


def _sizes(natural: list[int], minimum: list[int], flexible: list[bool], available: int) -> list[int]:
    """Column widths: each its natural width when they fit; otherwise the fixed columns keep theirs
    and the flexible ones share what is left, the narrow ones first (water-filling)."""
    if sum(natural) <= available:
        return natural
    sizes = [n if not f else m for n, m, f in zip(natural, minimum, flexible)]
    left = available - sum(sizes)
    order = sorted((i for i, f in enumerate(flexible) if f), key=lambda i: natural[i])
    while left > 0 and order:
        share = max(1, left // len(order))
        for i in list(order):
            give = min(share, natural[i] - sizes[i], left)
            sizes[i] += give
            left -= give
            if sizes[i] >= natural[i]:
                order.remove(i)
            if left <= 0:
                break
    return sizes


def table(df: pd.DataFrame, columns: list[str] | None = None, *, width: int | None = None, iso: bool = False,
          max_lines: int = MAX_LINES, optional: tuple[str, ...] = ()) -> str:
    """The rows as a text table that fits ``width`` columns (the terminal's by default): headings
    translated, dates dd/mm/yyyy (ISO with ``iso``), long text wrapped on at most ``max_lines`` lines
    and cut with "…" beyond (the full value is in --json). When even the narrowest layout is too
    wide, the ``optional`` columns are left out, first one first."""
    columns = [c for c in (columns or list(df.columns)) if c in df.columns]
    width = width or terminal_width()
    cells_of = {c: [_display(v, c, iso) for v in df[c]] for c in columns}

    def measure(cols):
        headings = [_(HEADINGS[c]) if c in HEADINGS else c for c in cols]
        natural = [max([_width(h)] + [_width(v) for v in cells_of[c]]) for c, h in zip(cols, headings)]
        flexible = [c in WRAPPING for c in cols]
        # a wrapping column keeps its longest word whole up to 14 columns (a number like 86/BC-STTTT)
        words = [max([_width(w) for w in h.split()] + [min(14, _width(w)) for v in cells_of[c] for w in v.split()],
                     default=1) for c, h in zip(cols, headings)]
        minimum = [min(n, max(8, w)) if f else n for n, w, f in zip(natural, words, flexible)]
        return headings, natural, flexible, minimum

    headings, natural, flexible, minimum = measure(columns)
    for name in optional:
        if sum(minimum) + len(GAP) * (len(columns) - 1) <= width or name not in columns:
            continue
        columns = [c for c in columns if c != name]
        headings, natural, flexible, minimum = measure(columns)
    cells = [[cells_of[c][k] for c in columns] for k in range(len(df))]
    sizes = _sizes(natural, minimum, flexible, width - len(GAP) * (len(columns) - 1))

    def render(values: list[str], limit) -> list[str]:
        wrapped = [_wrap(v, sizes[i], limit) if flexible[i] or _width(v) > sizes[i] else [v]
                   for i, v in enumerate(values)]
        height = max(len(w) for w in wrapped)
        out = []
        for k in range(height):
            parts = [(w[k] if k < len(w) else "") for w in wrapped]
            out.append(GAP.join(p + " " * (sizes[i] - _width(p)) for i, p in enumerate(parts)).rstrip())
        return out

    lines = render(headings, None)
    lines.append(GAP.join("-" * s for s in sizes))
    rows = [render(r, max_lines) for r in cells]
    spaced = any(len(r) > 1 for r in rows)  # a blank line between rows that take several lines
    for k, r in enumerate(rows):
        if spaced and k:
            lines.append("")
        lines += r
    return "\n".join(lines)


def _write_csv(df: pd.DataFrame, excel: bool = False) -> None:
    """CSV on stdout, ISO dates. For Excel (``excel``): UTF-8 with a BOM and CRLF line ends, the bytes
    Excel needs to open ``> file.csv`` with its Vietnamese intact, whatever the console's encoding."""
    from .frames import machine

    text = machine(df).to_csv(index=False, lineterminator="\r\n" if excel else "\n")
    data = ("\ufeff" + text).encode("utf-8") if excel else None
    buffer = getattr(sys.stdout, "buffer", None)
    if excel and buffer is not None:
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
    else:
        sys.stdout.write("\ufeff" + text if excel else text)


def emit(df: pd.DataFrame, args, columns: list[str] | None = None, empty: str | None = None,
         optional: tuple[str, ...] = ()) -> None:
    if getattr(args, "json", False):
        records = [{k: _clean(v) for k, v in row.items()} for row in df.to_dict(orient="records")]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif getattr(args, "csv", False) or getattr(args, "excel", False):
        _write_csv(df, excel=getattr(args, "excel", False))
    elif df.empty:
        print(empty or _("nothing found"), file=sys.stderr)
    else:
        print(table(df, columns, iso=getattr(args, "iso", False), optional=optional))


def _archive(args):
    from . import Archive

    return Archive(args.db)


def _nonempty(archive, args) -> bool:
    """False (and a message) when the archive holds no document yet."""
    if archive.stats()["documents"] == 0:
        if getattr(args, "json", False):
            print("[]")
        print(_("the archive {db} is empty: run `baocao ingest FOLDER --db {db}` first").format(db=args.db),
              file=sys.stderr)
        return False
    return True


def quarter_code(text: str | None) -> str | None:
    """--quarter as people write it (quý I/2023, Q1/2023, 2023Q1 …: pipeline.period) -> 2023Q1."""
    if not text:
        return None
    period = parse_period(text)
    if period.kind != "quarter":
        raise UsageError(_("--quarter takes a quarter, and {text!r} is {label}: write e.g. quý I/{year}").format(
            text=text, label=period.label(short=True), year=period.year))
    return period.code


# --------------------------------------------------------------------------- commands


def _ingest(args) -> int:
    from . import Archive

    if args.workers is not None and args.workers < 1:
        raise UsageError(_("--workers must be 1 or more"))
    progress = False if args.quiet else None
    from ..cli import read_options as read_options_of

    read_options = read_options_of(args)
    with Archive(args.db) as archive:
        if args.scheduler:  # the same runner; the per-file work goes to the Dask cluster's workers
            from . import dask

            summary = dask.ingest(archive, args.folder, args.scheduler, workers=args.workers,
                                  timeout=args.timeout or None, progress=progress, read_options=read_options,
                                  prune=args.prune,
                                  warn=lambda m: print(f"baocao: {_('warning')}: {m}", file=sys.stderr))
        else:
            summary = archive.ingest(args.folder, workers=args.workers, timeout=args.timeout or None,
                                     progress=progress, read_options=read_options, prune=args.prune)
    if summary.found == 0:
        print(_("no documents found in {folder} (PDF, images, DOCX, DOC, TXT); {n} other files skipped").format(
            folder=args.folder, n=len(summary.skipped)), file=sys.stderr)
    print("\n".join(summary.lines(verbose=args.verbose)))
    # scripts can trust the code: 0 only when every document file went in
    return int(ExitCode.some_failed) if summary.failed else 0


def _citations(args) -> int:
    quarter = quarter_code(args.quarter)
    with _archive(args) as archive:
        df = archive.citations(quarter, by=args.by, type=args.type, issuer=args.issuer, agency=args.agency,
                               include_gone=args.include_gone)
        if df.empty and not _nonempty(archive, args):
            return 0
        stats = archive.stats()
    when = (" " + _("for {period}").format(period=parse_period(quarter))) if quarter else ""
    emit(
        df, args,
        columns=["type", "number", "date", "issuer", "title", "cited_by", "where", "page"] + _files_column(df),
        optional=("files", "where", "page"),
        empty=_("no citations found{when} ({documents} documents archived, {with_period} with a reporting "
                "period, {with_date} with an issue date, {references} references)").format(when=when, **stats),
    )
    return 0


def _search(args) -> int:
    with _archive(args) as archive:
        df = archive.search(args.query, limit=args.limit)
        if df.empty and not _nonempty(archive, args):
            return 0
    emit(df, args, columns=["document", "page", "where", "section", "snippet"], optional=("where", "section"),
         empty=_("no passage contains {query!r}").format(query=args.query))
    return 0


def _counts(args) -> int:
    with _archive(args) as archive:
        df = archive.counts(args.unit, by=args.by, include_gone=args.include_gone)
        if df.empty and not _nonempty(archive, args):
            return 0
    empty = (_("no counts with unit {unit!r} in the archive").format(unit=args.unit) if args.unit
             else _("no counts in the archive"))
    emit(df, args, columns=[args.by, "unit", "total_text", "qualifiers", "mentions", "documents"],
         optional=("qualifiers",), empty=empty)
    return 0


def _agencies(args) -> int:
    with _archive(args) as archive:
        df = archive.agencies(include_gone=args.include_gone)
        if df.empty and not _nonempty(archive, args):
            return 0
    emit(df, args, empty=_("no agencies in the archive yet"))
    return 0


def _failures(args) -> int:
    with _archive(args) as archive:
        df = archive.failures()
    if not (getattr(args, "json", False) or getattr(args, "csv", False) or getattr(args, "excel", False)):
        from ..i18n import translate
        from .ingest import failure_kind

        # the archive keeps the English reason and the exception's name (stable keys); a person reads them translated
        df = df.assign(reason=[translate(r) for r in df["reason"]], kind=[failure_kind(k) for k in df["kind"]])
    emit(df, args, columns=["path", "kind", "reason", "failed_at"], empty=_("no failures recorded"))
    return 0


def _documents(args) -> int:
    with _archive(args) as archive:
        df = archive.documents(include_gone=args.include_gone)
        if df.empty and not _nonempty(archive, args):
            return 0
    columns = ["id", "file", "pages", "doc_type", "number", "date", "agency", "subject", "period_label"]
    emit(df, args, columns=columns + _files_column(df) + (["gone"] if args.include_gone else []),
         optional=("files", "pages", "period_label", "doc_type", "file"))
    return 0


def _files_column(df) -> list[str]:
    """["files"] when some document is kept in several files (else each row's file says it all)."""
    return ["files"] if "files" in df and df["files"].astype(str).str.contains("; ", regex=False).any() else []


def _files(args) -> int:
    with _archive(args) as archive:
        df = archive.files(include_gone=args.include_gone)
    emit(df, args, columns=["id", "document_id", "file", "format", "text_source", "size", "gone", "best", "last_seen"],
         optional=("text_source", "size", "last_seen"), empty=_("no files archived"))
    return 0


def _split(args) -> int:
    with _archive(args) as archive:
        doc_id = archive.split(args.file)
        files = archive.documents().set_index("id").loc[doc_id, "files"]
    print(_("{file} is now document {id}: {files}").format(file=args.file, id=doc_id, files=files))
    return 0


def _merge(args) -> int:
    with _archive(args) as archive:
        doc_id = archive.merge(args.a, args.b)
        files = archive.documents().set_index("id").loc[doc_id, "files"]
    print(_("one document, id {id}: {files}").format(id=doc_id, files=files))
    return 0


def _cited_by(args) -> int:
    with _archive(args) as archive:
        df = archive.cited_by(args.number, include_gone=args.include_gone)
        if df.empty and not _nonempty(archive, args):
            return 0
    info = df.attrs["cited"]
    if not (args.json or args.csv or args.excel):
        where = (_("archived as {path}").format(path=info["archived"]["path"]) if info["archived"]
                 else _("not itself in the archive"))
        print(f"{info['number']}: {where}")
    emit(df, args, columns=["cited_by", "doc_type", "date", "period", "where", "page", "text"],
         optional=("where", "page", "doc_type"),
         empty=_("no archived document cites {number}").format(number=args.number))
    return 0


def _check_output_file(path: str, option: str, suffixes: tuple[str, ...] | None = None) -> None:
    """A file to write: not a folder, in a folder that exists, with a suffix we write."""
    from ..cli import check_output_file

    check_output_file(path, option, suffixes)


def _show(args) -> int:
    from ..contract import dumps

    if args.html:
        _check_output_file(args.html, "--html")
    contract, report = None, None
    if os.path.exists(args.db):
        from . import Archive

        with Archive(args.db) as archive:
            doc_id = archive.find(args.target)
            if doc_id is not None:
                contract = archive.get(doc_id)
    if contract is None:
        if not os.path.isfile(args.target):
            raise UsageError(_("{target} is neither an archived document (id, path, file name or number) nor a file")
                             .format(target=args.target))
        from .. import process, to_contract

        report = process(args.target)
        contract = to_contract(report)
    if args.html:
        _write_html(args, contract, report)
    if args.json:
        sys.stdout.write(dumps(contract) + "\n")
    else:
        print(describe(contract, iso=args.iso))
    return 0


def _write_html(args, contract: dict, report) -> None:
    try:
        from ..nlp.display import render_html
    except ImportError as e:
        raise MissingDependency(_("--html needs pipeline.nlp.display.render_html, which is not available ({e})")
                                .format(e=e)) from e
    if report is None:
        path = contract.get("archive", {}).get("path") or contract["source"]["path"]
        if not os.path.isfile(path):
            raise UsageError(_("--html re-reads the file, and {path} is no longer there").format(path=path))
        from .. import process

        report = process(path)
    with open(args.html, "w", encoding="utf-8") as f:
        f.write(render_html(report))
    print(_("wrote {path}").format(path=args.html), file=sys.stderr)


# the header fields of `show`, in order, with their labels
from ..labels import SHOW_FIELDS, SHOW_KINDS, TEXT_SOURCES  # noqa: E402  (shared with `baocao extract`)


def describe(c: dict, iso: bool = False) -> str:
    """A report and its mentions, each with where it came from, as text."""
    day = (lambda d: d) if iso else show_date
    src, h = c["source"], c["header"]
    archived = c.get("archive")
    labels = [_(label) for _k, label in SHOW_FIELDS] + [_("recipient"), _("period"), _("file"), _("from a copy")]
    pad = max(len(label) for label in labels) + 1
    pages = ngettext("{n} page", "{n} pages", src["pages"] or 0).format(n=src["pages"])
    def source(text_source):
        return _(TEXT_SOURCES[text_source]) if text_source in TEXT_SOURCES else text_source

    out = [f"{src['path']}  ({src['format']}, {pages}, {source(src['text_source'])})"
           + (f"  {_('archive id')} {archived['id']}" if archived else f"  ({_('not in the archive')})")
           + (f"  {_('GONE: no file of it is in its folder any more')}" if archived and archived.get("gone") else "")]
    files = (archived or {}).get("files") or []
    if len(files) > 1:
        for f in files:
            out.append(f"  {_('file'):{pad}} {f['path']}  ({f['format']}, {source(f['text_source'])})"
                       + (f"  {_('gone')}" if f["gone"] else ""))
    for field, path in (c.get("filled_from") or {}).items():
        out.append(f"  {_('from a copy'):{pad}} {field}: {path}")
    import textwrap

    for key, label in SHOW_FIELDS:
        value = h.get(key)
        if key == "date" and value:
            value = day(value)
        # a long value (the subject) wraps under itself within the terminal
        lines = textwrap.wrap(str(value or "—"), max(30, terminal_width() - pad - 3)) or ["—"]
        out.append(f"  {_(label):{pad}} {lines[0]}")
        out += [f"  {'':{pad}} {line}" for line in lines[1:]]
    for r in h.get("recipients") or []:
        out.append(f"  {_('recipient'):{pad}} {r}")
    if c.get("period"):
        p = c["period"]
        out.append(f"  {_('period'):{pad}} {p['label']} ({day(p['start'])} – {day(p['end'])})")
    page_mark = _("p.")

    def sections(items, depth=1):
        for s in items:
            out.append(f"{'  ' * depth}{s.get('number') or '·'} {s['title']}  ({page_mark}{s['page']})")
            sections(s.get("children") or [], depth + 1)

    if c.get("sections"):
        out.append(_("sections") + ":")
        sections(c["sections"])
    if c.get("footnotes"):
        out.append(_("footnotes") + ":")
        for f in c["footnotes"]:
            head = f"  [{f['marker']}] {page_mark}{f['page']} ({_('in section')} {f.get('anchor_section') or '—'}): "
            out.append(head + _cut(" ".join(f["text"].split()), max(30, terminal_width() - _width(head))))

    def origin(m):
        span = m.get("span") or ["?", "?"]
        where = _(WHERE[m["where"]]) if m.get("where") in WHERE else m.get("where")
        section = m.get("section") or "—"
        section = _(WHERE[section]) if section in WHERE else section  # "opening", "closing"
        return f"{page_mark}{m['page']} {where} {section} [{span[0]}:{span[1]}]"

    kinds = {
        "references": lambda m: f"{m.get('type') or '—'} {m.get('number') or m.get('title') or '—'}"
        + (f", {day(m['date'])}" if m.get("date") else "") + (f", {m['issuer']}" if m.get("issuer") else ""),
        "dates": lambda m: f"{m['text']} -> {_(DATE_KINDS.get(m['kind'], m['kind']))} {day(m['start'])}..{day(m['end'])}",
        "counts": lambda m: f"{m['text']} -> {m.get('qualifier') or ''} {m['value']:g} {m.get('unit') or ''}".replace("  ", " "),
        "agencies": lambda m: f"{m['name']}" + (f"  ({m['text']})" if m["text"] != m["name"] else ""),
        "people": lambda m: f"{m['name']}" + (f", {m['role']}" if m.get("role") else ""),
    }
    for kind, label in SHOW_KINDS:
        items = c.get(kind) or []
        if items:
            out.append(f"{_(label)} ({len(items)}):")
            origins = [origin(m) for m in items]
            # the text column as wide as the terminal leaves it beside the widest origin, at most 100
            size = max(30, min(100, terminal_width() - 4 - max(_width(w) for w in origins)))
            for m, where in zip(items, origins):
                text = _cut(" ".join(kinds[kind](m).split()), size)
                out.append(f"  {text}{' ' * (size - _width(text))}  {where}")
    for s in c.get("signers") or []:
        out.append(f"{_('signer')}: {' / '.join(x for x in (s.get('authority'), s.get('position'), s.get('name')) if x)}")
    if c.get("distribution"):
        out.append(_("Distribution") + ": " + "; ".join(c["distribution"]))
    from ..i18n.warning_codes import shown

    for w in shown(c):
        out.append(f"{_('warning')}: {w}")
    from .corrections import label

    for x in c.get("corrections") or []:  # what a person corrected: the value above is theirs
        was, now = ((v or "—").replace("\n", "; ") for v in (x.get("extracted"), x.get("value")))
        out.append(f"{_('corrected')}: {label(x['field'])}: {was} -> {now}  ({x.get('by') or '?'}, "
                   f"{day(x['at'][:10]) if x.get('at') else '—'}" + (f"; {_('settled')}" if x.get("settled") else "") + ")")
    return "\n".join(out)


def _export(args) -> int:
    with _archive(args) as archive:
        written = archive.export(args.out, args.format, include_gone=args.include_gone)
    for path in written:
        print(path)
    return 0


# --------------------------------------------------------------------------- wiring


def _gone_option(p) -> None:
    p.add_argument("--include-gone", action="store_true",
                   help=_("also documents whose files are no longer in their folder"))


def _output_options(p, dates: bool = True) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help=_("print JSON records (ISO dates, full values)"))
    group.add_argument("--csv", action="store_true", help=_("print CSV (ISO dates)"))
    group.add_argument("--excel", action="store_true",
                       help=_("print CSV for Excel: UTF-8 with a BOM and CRLF line ends (`> file.csv` opens "
                              "with its Vietnamese intact)"))
    if dates:
        p.add_argument("--iso", action="store_true", help=_("show dates as 2023-03-28 rather than 28/03/2023"))


def _db_path(text: str) -> str:
    import argparse

    from .dask import check_db

    try:
        return check_db(text)
    except UsageError as e:
        raise argparse.ArgumentTypeError(e.message) from e


def _db(p) -> None:
    p.add_argument("--db", default=DEFAULT_DB, metavar="PATH", type=_db_path,
                   help=_("the archive file (default {db}); SQLite only").format(db=DEFAULT_DB))


def _workers(text: str) -> int:
    from ..cli import number

    return number(int, least=1)(text)


def _scheduler(text: str) -> str:
    """tcp://HOST:PORT or HOST:PORT; an address without a port is refused (rather than tried for a minute)."""
    import argparse
    import re

    found = re.fullmatch(r"(?:(?P<scheme>[a-z][a-z0-9+.-]*)://)?(?P<host>\[[0-9a-fA-F:.]+\]|[^:/\s]+):(?P<port>\d+)/?", text.strip())
    if not found:
        raise argparse.ArgumentTypeError(f"{text!r} is not a scheduler address: give tcp://HOST:PORT, e.g. tcp://127.0.0.1:8786")
    if not 1 <= int(found["port"]) <= 65535:
        raise argparse.ArgumentTypeError(f"port {found['port']} is out of range (1-65535)")
    return text.strip()


PERIOD_HELP = N_("a quarter as people write it: quý I/2023, quý 1 năm 2023, Q1/2023, I/2023 or 2023Q1 "
                 "(default: every report)")


def register(sub) -> None:
    import argparse

    p = sub.add_parser("ingest", help=_("archive every document in a folder (re-runs skip unchanged files)"),
                       description=_("Walk FOLDER recursively, process new and changed PDF, image, DOCX, DOC and "
                                     "TXT files in parallel and store them; unchanged files are skipped, moved ones "
                                     "recognised by content; other files are counted as skipped. Exit code 0 when "
                                     "every document file went in, 8 when some failed (the summary names them)."))
    p.add_argument("folder", help=_("the folder to archive"))
    _db(p)
    p.add_argument("--workers", type=_workers, default=None, metavar="N",
                   help=_("processes (default: one per core; with 1, one file uses every core for OCR)"))
    from ..cli import number

    p.add_argument("--timeout", type=number(float, least=0), default=900.0, metavar="SECONDS",
                   help=_("give up on a file after this long (default 900; 0 for never)"))
    from ..cli import add_read_limits

    add_read_limits(p)
    p.add_argument("--quiet", action="store_true", help=_("no progress bar"))
    p.add_argument("--verbose", action="store_true", help=_("list every skipped file in the summary"))
    p.add_argument("--prune", action="store_true",
                   help=_("delete from the archive the files no longer in FOLDER (and documents left without a file)"))
    p.add_argument("--scheduler", metavar="tcp://HOST:8786", type=_scheduler,
                   help=_("run the per-file work on this Dask scheduler's workers (pip install 'baocao[dask]'); "
                          "this process still writes the archive; --workers is then the number of files in "
                          "flight (default: the cluster's threads)"))
    p.set_defaults(func=_ingest)

    p = sub.add_parser("citations", help=_("documents cited by the reports of a quarter"),
                       description=_("Documents cited by archived reports whose reporting period overlaps the "
                                     "quarter (or, with --by issue-date, that were issued in it)."))
    p.add_argument("--quarter", metavar=_("QUARTER"), help=_(PERIOD_HELP))
    p.add_argument("--by", choices=("period", "issue-date"), default="period",
                   help=_("match the quarter against the reporting period (default) or the issue date"))
    p.add_argument("--type", help=_("cited document type, e.g. 'Công văn'"))
    p.add_argument("--issuer", help=_("cited document issuer contains this (diacritics optional)"))
    p.add_argument("--agency", help=_("citing report's agency contains this (diacritics optional)"))
    _db(p)
    _gone_option(p)
    _output_options(p)
    p.set_defaults(func=_citations)

    p = sub.add_parser("search", help=_("full-text search, diacritics optional: baocao search \"mua ban nguoi\""),
                       description=_("Find the words in order in section and footnote text, ignoring diacritics, "
                                     "tone placement, case and đ/d; shows the original text with the match in « »."))
    p.add_argument("query", help=_("the words to find"))
    p.add_argument("--limit", type=number(int, least=1), default=50, help=_("at most this many matches (default 50)"))
    _db(p)
    _output_options(p)
    p.set_defaults(func=_search)

    p = sub.add_parser("show", help=_("one document: its segmented report and mentions with their provenance"),
                       description=_("Show an archived document (by id, path, file name or number), or process a "
                                     "file that is not in the archive."))
    p.add_argument("target", metavar=_("FILE-or-ID"), help=_("a file, or an archived document's id, path, file name or number"))
    p.add_argument("--json", action="store_true", help=_("print the baocao.report/1 JSON"))
    p.add_argument("--html", metavar="OUT.html", help=_("also write a displaCy view of the mentions"))
    p.add_argument("--iso", action="store_true", help=_("show dates as 2023-03-28 rather than 28/03/2023"))
    _db(p)
    p.set_defaults(func=_show)

    p = sub.add_parser("counts", help=_("totals of reported counts (e.g. --unit \"tin, bài\") per quarter"),
                       description=_("Sum the counts extracted from reports, per quarter, year, document or agency."))
    p.add_argument("--unit", help=_("only this unit, e.g. \"tin, bài\" (diacritics optional)"))
    p.add_argument("--by", choices=("quarter", "year", "document", "agency"), default="quarter",
                   help=_("group by quarter (default), year, document or agency"))
    _db(p)
    _gone_option(p)
    _output_options(p, dates=False)
    p.set_defaults(func=_counts)

    p = sub.add_parser("agencies", help=_("agencies named in the archive, with how often"))
    _db(p)
    _gone_option(p)
    _output_options(p, dates=False)
    p.set_defaults(func=_agencies)

    p = sub.add_parser("failures", help=_("files that could not be archived, and why"))
    _db(p)
    _output_options(p)
    p.set_defaults(func=_failures)

    p = sub.add_parser("documents", help=_("the archived documents"))
    _db(p)
    _gone_option(p)
    _output_options(p)
    p.set_defaults(func=_documents)

    p = sub.add_parser("cited-by", help=_("archived documents that cite NUMBER (however it is written)"))
    p.add_argument("number", help=_("e.g. 715/BCĐ-CAT (715/BCD-CAT and spacing variants match too)"))
    _db(p)
    _gone_option(p)
    _output_options(p)
    p.set_defaults(func=_cited_by)

    p = sub.add_parser("files", help=_("the archived files, the document each is part of, and which are gone"))
    p.add_argument("--include-gone", action=argparse.BooleanOptionalAction, default=True,
                   help=_("list files no longer in their folder too (default; --no-include-gone hides them)"))
    _db(p)
    _output_options(p)
    p.set_defaults(func=_files)

    p = sub.add_parser("split", help=_("take a file out of the document it was grouped into (kept across re-ingest)"),
                       description=_("A file grouped with others as one document that is another document: it "
                                     "becomes a document of its own (its exact copies with it)."))
    p.add_argument("file", help=_("the file's path or name"))
    _db(p)
    p.set_defaults(func=_split)

    p = sub.add_parser("merge", help=_("make two documents one (kept across re-ingest)"),
                       description=_("Two documents (by id, path, file name or number) that are one document in "
                                     "several files: grouped as one, the best copy giving each field."))
    p.add_argument("a", metavar="DOC")
    p.add_argument("b", metavar="DOC")
    _db(p)
    p.set_defaults(func=_merge)

    p = sub.add_parser("export", help=_("every archive table as CSV, xlsx or Parquet"),
                       description=_("Write one file per table (CSV as UTF-8 with BOM, Parquet) or one Excel "
                                     "workbook (xlsx) with a sheet per table, named in Vietnamese, and a sheet of "
                                     "citations, into --out."))
    p.add_argument("--format", choices=("csv", "xlsx", "parquet"), default="csv",
                   help=_("csv (default), xlsx or parquet"))
    p.add_argument("--out", required=True, metavar="DIR", help=_("the folder to write into"))
    _gone_option(p)
    _db(p)
    p.set_defaults(func=_export)
