"""`baocao draft`: the next report from the previous one and the archive."""
from __future__ import annotations

import sys
from pathlib import Path

from ..i18n import _

FORMATS = ("docx", "md")
SUFFIXES = {"docx": (".docx",), "md": (".md", ".markdown")}


def _draft(args) -> int:
    from .compose import compose, previous_period
    from .library import archived_documents, previous_report
    from .period import parse_period

    from ..cli import check_output_file

    suffix = Path(args.out).suffix.lower()
    fmt = args.format or ("md" if suffix in SUFFIXES["md"] else "docx")
    check_output_file(args.out, "--out", SUFFIXES[fmt])  # before any work: a folder, a missing folder, d.pdf
    if args.data:
        check_output_file(args.data, "--data", (".xlsx",))
    period = parse_period(args.period)
    previous = previous_report(args.source, args.db)
    library = archived_documents(args.db, previous_period(previous), period)
    draft = compose(previous, period, library)
    if fmt == "md":
        from .markdown import write_markdown

        out = write_markdown(draft, args.out)
    else:
        from .docx_writer import write_docx

        out = write_docx(draft, args.out)
    print(_("{out}: draft for {period} from {previous} ({previous_period})").format(
        out=out, period=period, previous=draft.previous_document, previous_period=draft.previous_period))
    print("  " + _("{figures} figures to fill, {documents} archived documents considered").format(
        figures=len(draft.figures), documents=len(library)))
    if args.data:
        from .figures import write_figures

        print("  " + _("figures table: {path}").format(path=write_figures(draft, args.data)))
    for note in draft.notes:
        print(f"  {_('note')}: {note}", file=sys.stderr)
    return 0


def register(sub) -> None:
    p = sub.add_parser(
        "draft",
        help=_("draft the next report (DOCX or Markdown) from the previous one and the archive"),
        description=_("Copy the previous report's layout, sections, signer and Nơi nhận; move its period labels "
                      "to --period; turn every count into a highlighted field showing last period's value; name "
                      "the new request document and rebuild the guidance-documents footnote from the archive (or "
                      "leave marked placeholders). The DOCX numbers its pages from the second, top centre, and "
                      "is checked for spelling in Vietnamese."),
    )
    p.add_argument("--from", dest="source", required=True, metavar=_("FILE-or-ID"),
                   help=_("the previous report: a file, or an archived document's id, path or number (with --db)"))
    p.add_argument("--period", required=True, metavar=_("PERIOD"),
                   help=_("the new period as people write it: quý II/2023, quý 2 năm 2023, Q2/2023, "
                          "6 tháng đầu năm 2023, tháng 4/2023, năm 2023 (or 2023Q2, 2023H1, 2023-04, 2023)"))
    p.add_argument("--out", required=True, metavar="OUT", help=_("the draft to write (.docx, or .md)"))
    p.add_argument("--format", choices=FORMATS, help=_("docx (default) or md; by default taken from --out"))
    p.add_argument("--data", metavar="OUT.xlsx", help=_("also write the figures table (values and sources)"))
    p.add_argument("--db", metavar="PATH",
                   help=_("the archive to draw on (request document, guidance, earlier figures)"))
    p.set_defaults(func=_draft)
