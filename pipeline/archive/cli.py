"""Archive commands: ingest, citations, search, show, counts, agencies, failures, cited-by,
documents, export. Every command takes --db (default archive.db in the working folder); every
query prints a readable table, or --json / --csv."""
from __future__ import annotations

import json
import math
import os
import sys

import pandas as pd

from ..errors import ExitCode, MissingDependency, UsageError

DEFAULT_DB = "archive.db"


# --------------------------------------------------------------------------- output


def _clean(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _cell(value, width: int) -> str:
    value = _clean(value)
    if value is None:
        text = "—"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table(df: pd.DataFrame, columns: list[str] | None = None, widths: dict[str, int] | None = None) -> str:
    columns = columns or list(df.columns)
    widths = widths or {}
    cells = [[_cell(row[c], widths.get(c, 40)) for c in columns] for _, row in df.iterrows()]
    sizes = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(sizes[i]) for i, c in enumerate(columns)).rstrip()]
    lines.append("  ".join("-" * s for s in sizes))
    lines += ["  ".join(r[i].ljust(sizes[i]) for i in range(len(columns))).rstrip() for r in cells]
    return "\n".join(lines)


def emit(df: pd.DataFrame, args, columns: list[str] | None = None, widths: dict[str, int] | None = None,
         empty: str = "nothing found") -> None:
    if getattr(args, "json", False):
        records = [{k: _clean(v) for k, v in row.items()} for row in df.to_dict(orient="records")]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif getattr(args, "csv", False):
        df.to_csv(sys.stdout, index=False)
    elif df.empty:
        print(empty, file=sys.stderr)
    else:
        print(table(df, columns, widths))


def _archive(args):
    from . import Archive

    return Archive(args.db)


def _nonempty(archive, args) -> bool:
    """False (and a message) when the archive holds no document yet."""
    if archive.stats()["documents"] == 0:
        if getattr(args, "json", False):
            print("[]")
        print(f"the archive {args.db} is empty: run `baocao ingest FOLDER --db {args.db}` first", file=sys.stderr)
        return False
    return True


# --------------------------------------------------------------------------- commands


def _ingest(args) -> int:
    from . import Archive

    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be 1 or more")
    progress = False if args.quiet else None
    limits = {"page_timeout": args.page_timeout, "max_pages": args.max_pages, "max_pixels": args.max_pixels}
    read_options = {k: v for k, v in limits.items() if v is not None}
    with Archive(args.db) as archive:
        if args.scheduler:  # the same runner; the per-file work goes to the Dask cluster's workers
            from . import dask

            summary = dask.ingest(archive, args.folder, args.scheduler, workers=args.workers,
                                  timeout=args.timeout or None, progress=progress, read_options=read_options,
                                  warn=lambda m: print(f"baocao: warning: {m}", file=sys.stderr))
        else:
            summary = archive.ingest(args.folder, workers=args.workers, timeout=args.timeout or None,
                                     progress=progress, read_options=read_options)
    if summary.found == 0:
        print(f"no documents found in {args.folder} (PDF, images, DOCX, DOC, TXT); "
              f"{len(summary.skipped)} other files skipped", file=sys.stderr)
    print("\n".join(summary.lines(verbose=args.verbose)))
    return int(ExitCode.some_failed) if summary.failed else 0


def _citations(args) -> int:
    with _archive(args) as archive:
        df = archive.citations(args.quarter, by=args.by, type=args.type, issuer=args.issuer, agency=args.agency)
        if df.empty and not _nonempty(archive, args):
            return 0
        stats = archive.stats()
    emit(
        df, args,
        columns=["type", "number", "date", "issuer", "title", "cited_by", "where", "page"],
        widths={"title": 60, "issuer": 30},
        empty=(f"no citations found{' for ' + args.quarter if args.quarter else ''} "
               f"({stats['documents']} documents archived, {stats['with_period']} with a reporting period, "
               f"{stats['with_date']} with an issue date, {stats['references']} references)"),
    )
    return 0


def _search(args) -> int:
    with _archive(args) as archive:
        df = archive.search(args.query, limit=args.limit)
        if df.empty and not _nonempty(archive, args):
            return 0
    emit(df, args, columns=["document", "page", "where", "section", "snippet"], widths={"snippet": 110},
         empty=f"no passage contains {args.query!r}")
    return 0


def _counts(args) -> int:
    with _archive(args) as archive:
        df = archive.counts(args.unit, by=args.by)
        if df.empty and not _nonempty(archive, args):
            return 0
    emit(df, args, empty=f"no counts{' with unit ' + repr(args.unit) if args.unit else ''} in the archive")
    return 0


def _agencies(args) -> int:
    with _archive(args) as archive:
        df = archive.agencies()
        if df.empty and not _nonempty(archive, args):
            return 0
    emit(df, args, widths={"name": 60}, empty="no agencies in the archive yet")
    return 0


def _failures(args) -> int:
    with _archive(args) as archive:
        df = archive.failures()
    emit(df, args, columns=["path", "kind", "reason", "failed_at"], widths={"path": 60, "reason": 80},
         empty="no failures recorded")
    return 0


def _documents(args) -> int:
    with _archive(args) as archive:
        df = archive.documents()
        if df.empty and not _nonempty(archive, args):
            return 0
    emit(df, args, columns=["id", "file", "format", "pages", "doc_type", "number", "date", "period_label"],
         widths={"file": 50})
    return 0


def _cited_by(args) -> int:
    with _archive(args) as archive:
        df = archive.cited_by(args.number)
        if df.empty and not _nonempty(archive, args):
            return 0
    info = df.attrs["cited"]
    if not (args.json or args.csv):
        where = f"archived as {info['archived']['path']}" if info["archived"] else "not itself in the archive"
        print(f"{info['number']}: {where}")
    emit(df, args, columns=["cited_by", "doc_type", "date", "period", "where", "page", "text"],
         widths={"text": 60}, empty=f"no archived document cites {args.number}")
    return 0


def _show(args) -> int:
    from ..contract import dumps

    contract, report = None, None
    if os.path.exists(args.db):
        from . import Archive

        with Archive(args.db) as archive:
            doc_id = archive.find(args.target)
            if doc_id is not None:
                contract = archive.get(doc_id)
    if contract is None:
        if not os.path.isfile(args.target):
            raise UsageError(f"{args.target} is neither an archived document (id, path, file name or number) nor a file")
        from .. import process, to_contract

        report = process(args.target)
        contract = to_contract(report)
    if args.html:
        _write_html(args, contract, report)
    if args.json:
        sys.stdout.write(dumps(contract) + "\n")
    else:
        print(describe(contract))
    return 0


def _write_html(args, contract: dict, report) -> None:
    try:
        from ..nlp.display import render_html
    except ImportError as e:
        raise MissingDependency(f"--html needs pipeline.nlp.display.render_html, which is not available ({e})") from e
    if report is None:
        path = contract.get("archive", {}).get("path") or contract["source"]["path"]
        if not os.path.isfile(path):
            raise UsageError(f"--html re-reads the file, and {path} is no longer there")
        from .. import process

        report = process(path)
    with open(args.html, "w", encoding="utf-8") as f:
        f.write(render_html(report))
    print(f"wrote {args.html}", file=sys.stderr)


def describe(c: dict) -> str:
    """A report and its mentions, each with where it came from, as text."""
    src, h = c["source"], c["header"]
    archived = c.get("archive")
    out = [f"{src['path']}  ({src['format']}, {src['pages']} pages, {src['text_source']})"
           + (f"  archive id {archived['id']}" if archived else "  (not in the archive)")]
    for key in ("doc_type", "number", "parent_agency", "agency", "place", "date", "subject"):
        out.append(f"  {key:13} {h.get(key) or '—'}")
    for r in h.get("recipients") or []:
        out.append(f"  {'recipient':13} {r}")
    if c.get("period"):
        p = c["period"]
        out.append(f"  {'period':13} {p['label']} ({p['start']} – {p['end']})")

    def sections(items, depth=1):
        for s in items:
            out.append(f"{'  ' * depth}{s.get('number') or '·'} {s['title']}  (p.{s['page']})")
            sections(s.get("children") or [], depth + 1)

    if c.get("sections"):
        out.append("sections:")
        sections(c["sections"])
    if c.get("footnotes"):
        out.append("footnotes:")
        for f in c["footnotes"]:
            out.append(f"  [{f['marker']}] p.{f['page']} (in section {f.get('anchor_section') or '—'}): {_cell(f['text'], 100)}")

    def origin(m):
        span = m.get("span") or ["?", "?"]
        return f"p.{m['page']} {m['where']} {m.get('section') or '—'} [{span[0]}:{span[1]}]"

    kinds = {
        "references": lambda m: f"{m.get('type') or '—'} {m.get('number') or m.get('title') or '—'}"
        + (f", {m['date']}" if m.get("date") else "") + (f", {m['issuer']}" if m.get("issuer") else ""),
        "dates": lambda m: f"{m['text']} -> {m['kind']} {m['start']}..{m['end']}",
        "counts": lambda m: f"{m['text']} -> {m.get('qualifier') or ''} {m['value']:g} {m.get('unit') or ''}".replace("  ", " "),
        "agencies": lambda m: f"{m['name']}" + (f"  ({m['text']})" if m["text"] != m["name"] else ""),
        "people": lambda m: f"{m['name']}" + (f", {m['role']}" if m.get("role") else ""),
    }
    for kind, fmt in kinds.items():
        items = c.get(kind) or []
        if items:
            out.append(f"{kind} ({len(items)}):")
            for m in items:
                out.append(f"  {_cell(fmt(m), 100):100}  {origin(m)}")
    for s in c.get("signers") or []:
        out.append(f"signer: {' / '.join(x for x in (s.get('authority'), s.get('position'), s.get('name')) if x)}")
    if c.get("distribution"):
        out.append("Nơi nhận: " + "; ".join(c["distribution"]))
    for w in c.get("warnings") or []:
        out.append(f"warning: {w}")
    return "\n".join(out)


def _export(args) -> int:
    with _archive(args) as archive:
        written = archive.export(args.out, args.format)
    for path in written:
        print(path)
    return 0


# --------------------------------------------------------------------------- wiring


def _output_options(p) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help="print JSON records")
    group.add_argument("--csv", action="store_true", help="print CSV")


def _db_path(text: str) -> str:
    import argparse

    from .dask import check_db

    try:
        return check_db(text)
    except UsageError as e:
        raise argparse.ArgumentTypeError(e.message) from e


def _db(p) -> None:
    p.add_argument("--db", default=DEFAULT_DB, metavar="PATH", type=_db_path,
                   help=f"the archive file (default {DEFAULT_DB}); SQLite only")


def _workers(text: str) -> int:
    return int(text)


def register(sub) -> None:
    p = sub.add_parser("ingest", help="archive every document in a folder (re-runs skip unchanged files)",
                       description="Walk FOLDER recursively, process new and changed PDF, image, DOCX, DOC and "
                                   "TXT files in parallel and store them; unchanged files are skipped, moved ones "
                                   "recognised by content; other files are listed as skipped.")
    p.add_argument("folder")
    _db(p)
    p.add_argument("--workers", type=_workers, default=None, metavar="N",
                   help="processes (default: one per core; with 1, one file uses every core for OCR)")
    p.add_argument("--timeout", type=float, default=900.0, metavar="SECONDS",
                   help="give up on a file after this long (default 900; 0 for never)")
    from ..cli import add_read_limits

    add_read_limits(p)
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--verbose", action="store_true", help="list every skipped file")
    p.add_argument("--scheduler", metavar="tcp://HOST:8786",
                   help="run the per-file work on this Dask scheduler's workers (pip install 'baocao[dask]'); "
                        "this process still writes the archive; --workers is then the number of files in "
                        "flight (default: the cluster's threads)")
    p.set_defaults(func=_ingest)

    p = sub.add_parser("citations", help="documents cited by the reports of a quarter",
                       description="Documents cited by archived reports whose reporting period overlaps the "
                                   "quarter (or, with --by issue-date, that were issued in it).")
    p.add_argument("--quarter", metavar="YYYYQn", help="e.g. 2023Q1 (default: every report)")
    p.add_argument("--by", choices=("period", "issue-date"), default="period",
                   help="match the quarter against the reporting period (default) or the issue date")
    p.add_argument("--type", help="cited document type, e.g. 'Công văn'")
    p.add_argument("--issuer", help="cited document issuer contains this (diacritics optional)")
    p.add_argument("--agency", help="citing report's agency contains this (diacritics optional)")
    _db(p)
    _output_options(p)
    p.set_defaults(func=_citations)

    p = sub.add_parser("search", help="full-text search, diacritics optional: baocao search \"mua ban nguoi\"",
                       description="Find the words in order in section and footnote text, ignoring diacritics, "
                                   "tone placement, case and đ/d; shows the original text with the match in « ».")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=50, help="at most this many matches (default 50)")
    _db(p)
    _output_options(p)
    p.set_defaults(func=_search)

    p = sub.add_parser("show", help="one document: its segmented report and mentions with their provenance",
                       description="Show an archived document (by id, path, file name or number), or process a "
                                   "file that is not in the archive.")
    p.add_argument("target", metavar="FILE-or-ID")
    p.add_argument("--json", action="store_true", help="print the baocao.report/1 JSON")
    p.add_argument("--html", metavar="OUT.html", help="also write a displaCy view of the mentions")
    _db(p)
    p.set_defaults(func=_show)

    p = sub.add_parser("counts", help="totals of reported counts (e.g. --unit \"tin, bài\") per quarter",
                       description="Sum the counts extracted from reports, per quarter, year, document or agency.")
    p.add_argument("--unit", help="only this unit, e.g. \"tin, bài\" (diacritics optional)")
    p.add_argument("--by", choices=("quarter", "year", "document", "agency"), default="quarter")
    _db(p)
    _output_options(p)
    p.set_defaults(func=_counts)

    p = sub.add_parser("agencies", help="agencies named in the archive, with how often")
    _db(p)
    _output_options(p)
    p.set_defaults(func=_agencies)

    p = sub.add_parser("failures", help="files that could not be archived, and why")
    _db(p)
    _output_options(p)
    p.set_defaults(func=_failures)

    p = sub.add_parser("documents", help="the archived documents")
    _db(p)
    _output_options(p)
    p.set_defaults(func=_documents)

    p = sub.add_parser("cited-by", help="archived documents that cite NUMBER (however it is written)")
    p.add_argument("number", help="e.g. 715/BCĐ-CAT (715/BCD-CAT and spacing variants match too)")
    _db(p)
    _output_options(p)
    p.set_defaults(func=_cited_by)

    p = sub.add_parser("export", help="every archive table as CSV, xlsx or Parquet",
                       description="Write one file per table (CSV as UTF-8 with BOM, Parquet) or one workbook "
                                   "with a sheet per table (xlsx) into --out.")
    p.add_argument("--format", choices=("csv", "xlsx", "parquet"), default="csv")
    p.add_argument("--out", required=True, metavar="DIR")
    _db(p)
    p.set_defaults(func=_export)
