"""`baocao draft`: the next report from the previous one and the archive."""
from __future__ import annotations

import sys
from pathlib import Path

FORMATS = ("docx", "md")


def _draft(args) -> int:
    from .compose import compose, previous_period
    from .library import archived_documents, previous_report
    from .period import parse_period

    period = parse_period(args.period)
    fmt = args.format or ("md" if Path(args.out).suffix.lower() in (".md", ".markdown") else "docx")
    previous = previous_report(args.source, args.db)
    library = archived_documents(args.db, previous_period(previous), period)
    draft = compose(previous, period, library)
    if fmt == "md":
        from .markdown import write_markdown

        out = write_markdown(draft, args.out)
    else:
        from .docx_writer import write_docx

        out = write_docx(draft, args.out)
    print(f"{out}: draft for {period} from {draft.previous_document} ({draft.previous_period})")
    print(f"  {len(draft.figures)} figures to fill, {len(library)} archived documents considered")
    if args.data:
        from .figures import write_figures

        print(f"  figures table: {write_figures(draft, args.data)}")
    for note in draft.notes:
        print(f"  note: {note}", file=sys.stderr)
    return 0


def register(sub) -> None:
    p = sub.add_parser(
        "draft",
        help="draft the next report (DOCX or Markdown) from the previous one and the archive",
        description="Copy the previous report's layout, sections, signer and Nơi nhận; move its period labels "
        "to --period; turn every count into a highlighted field showing last period's value; name the new "
        "request document and rebuild the guidance-documents footnote from the archive (or leave marked "
        "placeholders).",
    )
    p.add_argument("--from", dest="source", required=True, metavar="FILE-or-ID",
                   help="the previous report: a file, or an archived document's id, path or number (with --db)")
    p.add_argument("--period", required=True, metavar="PERIOD",
                   help="the new period: 2023Q2 (quarter), 2023H1 (half year), 2023-04 (month) or 2023 (year)")
    p.add_argument("--out", required=True, metavar="OUT", help="the draft to write (.docx, or .md)")
    p.add_argument("--format", choices=FORMATS, help="docx (default) or md; by default taken from --out")
    p.add_argument("--data", metavar="OUT.xlsx", help="also write the figures table (values and sources)")
    p.add_argument("--db", metavar="PATH", help="the archive to draw on (request document, guidance, earlier figures)")
    p.set_defaults(func=_draft)

