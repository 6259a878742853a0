"""`baocao plot`: the notebooks' charts for people who never open a notebook.

    baocao plot citations --quarter 2023Q1 --out fig.png
    baocao plot counts --unit "tin, bài" --out fig.png
    baocao plot graph --out graph.svg

The drawing is in pipeline.plots; this module only reads the arguments and writes the file."""
from __future__ import annotations

DEFAULT_DB = "archive.db"


def _render(args, draw) -> int:
    from . import plots
    from .archive import Archive

    matplotlib, _ = plots._matplotlib()  # MissingDependency when the plot extra is not installed
    matplotlib.use("Agg")  # no display needed; the figure only goes to a file

    with Archive(args.db) as archive:
        fig = draw(plots, archive)
    out = plots.save(fig, args.out)
    print(f"wrote {out}")
    return 0


def _citations(args) -> int:
    return _render(args, lambda plots, archive: plots.citations_chart(archive, args.quarter, by=args.by))


def _counts(args) -> int:
    return _render(args, lambda plots, archive: plots.counts_chart(archive, args.unit))


def _graph(args) -> int:
    return _render(args, lambda plots, archive: plots.citation_graph(archive))


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "plot",
        help="draw a chart of the archive to a PNG, SVG or PDF file (needs the plot extra)",
        description="Draw the charts of notebooks/archive_tour.ipynb from the command line: the documents "
                    "cited per quarter, a count over the quarters, the citation graph.",
    )
    sub = p.add_subparsers(dest="plot_command", metavar="CHART")

    def common(q):
        q.add_argument("--out", required=True, help="the file to write: .png, .svg or .pdf")
        q.add_argument("--db", default=DEFAULT_DB, help=f"the archive (default {DEFAULT_DB})")

    c = sub.add_parser("citations", help="documents cited per quarter by type, or in one quarter (--quarter)",
                       description="Without --quarter: one bar per quarter, stacked by the type of the documents "
                                   "cited. With --quarter: the documents cited by that quarter's reports, by type.")
    c.add_argument("--quarter", help="one quarter, e.g. 2023Q1")
    c.add_argument("--by", choices=["period", "issue-date"], default="period",
                   help="with --quarter: reports whose reporting period covers it (default) or issued in it")
    common(c)
    c.set_defaults(func=_citations)

    n = sub.add_parser("counts", help="the total of one count per quarter (a line)",
                       description="A line through the quarterly totals of the counts with one unit.")
    n.add_argument("--unit", required=True, help='the unit counted, e.g. "tin, bài"')
    common(n)
    n.set_defaults(func=_counts)

    g = sub.add_parser("graph", help="the citation graph: archived reports and the documents they cite",
                       description="Archived documents (blue) and the documents they cite (grey), an arrow per citation.")
    common(g)
    g.set_defaults(func=_graph)
    p.set_defaults(func=lambda args: p.print_help() or 2)
