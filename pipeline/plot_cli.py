"""`baocao plot`: the notebooks' charts for people who never open a notebook.

    baocao plot citations --quarter "quý I/2023" --out fig.png
    baocao plot counts --unit "tin, bài" --out fig.png
    baocao plot graph --out graph.svg

The drawing is in pipeline.plots; this module only reads the arguments and writes the file."""
from __future__ import annotations

from .i18n import _

DEFAULT_DB = "archive.db"


def _render(args, draw) -> int:
    from . import plots
    from .archive import Archive

    matplotlib = plots._matplotlib()[0]  # MissingDependency when the plot extra is not installed
    matplotlib.use("Agg")  # no display needed; the figure only goes to a file

    with Archive(args.db) as archive:
        fig = draw(plots, archive)
    out = plots.save(fig, args.out)
    print(_("wrote {path}").format(path=out))
    return 0


def _citations(args) -> int:
    quarter = None
    if args.quarter:
        from .archive.cli import quarter_code

        quarter = quarter_code(args.quarter)  # quý I/2023, Q1/2023, 2023Q1 … (pipeline.period)
    return _render(args, lambda plots, archive: plots.citations_chart(archive, quarter, by=args.by))


def _counts(args) -> int:
    return _render(args, lambda plots, archive: plots.counts_chart(archive, args.unit))


def _graph(args) -> int:
    return _render(args, lambda plots, archive: plots.citation_graph(archive))


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "plot",
        help=_("draw a chart of the archive to a PNG, SVG or PDF file (needs the plot extra)"),
        description=_("Draw the charts of notebooks/archive_tour.ipynb from the command line: the documents "
                      "cited per quarter, a count over the quarters, the citation graph."),
    )
    sub = p.add_subparsers(dest="plot_command", metavar=_("CHART"))

    def common(q):
        q.add_argument("--out", required=True, help=_("the file to write: .png, .svg or .pdf"))
        q.add_argument("--db", default=DEFAULT_DB, help=_("the archive (default {db})").format(db=DEFAULT_DB))

    c = sub.add_parser("citations", help=_("documents cited per quarter by type, or in one quarter (--quarter)"),
                       description=_("Without --quarter: one bar per quarter, stacked by the type of the documents "
                                     "cited. With --quarter: the documents cited by that quarter's reports, by type."))
    c.add_argument("--quarter", help=_("one quarter, as reports write it: quý I/2023, Q1/2023, 2023Q1"))
    c.add_argument("--by", choices=["period", "issue-date"], default="period",
                   help=_("with --quarter: reports whose reporting period covers it (default) or issued in it"))
    common(c)
    c.set_defaults(func=_citations)

    n = sub.add_parser("counts", help=_("the total of one count per quarter (a line)"),
                       description=_("A line through the quarterly totals of the counts with one unit."))
    n.add_argument("--unit", required=True, help=_('the unit counted, e.g. "tin, bài"'))
    common(n)
    n.set_defaults(func=_counts)

    g = sub.add_parser("graph", help=_("the citation graph: archived reports and the documents they cite"),
                       description=_("Archived documents (blue) and the documents they cite (grey), an arrow per citation."))
    common(g)
    g.set_defaults(func=_graph)
    p.set_defaults(func=lambda args: p.print_help() or 2)
