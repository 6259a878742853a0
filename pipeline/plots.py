"""Charts of an archive and of the accuracy harness: the one place their drawing code lives.

    from pipeline.plots import citations_chart, counts_chart, citation_graph, f1_chart, save
    fig = citations_chart(archive)                      # references per quarter, stacked by type
    fig = citations_chart(archive, quarter="2023Q1")    # the documents cited in one quarter, by type
    fig = counts_chart(archive, "tin, bài")             # a count's total per quarter
    fig = citation_graph(archive)                       # which report cites which document
    fig = f1_chart(f1_table(evaluate(folder).as_dict()))  # F1 per field and kind (baocao eval)
    save(fig, "fig.png")

Each chart function returns a ``matplotlib.figure.Figure`` built without pyplot, so nothing global
changes: ``baocao plot`` renders it with Agg, a notebook shows it inline. The ``*_per_quarter`` and
``f1_table`` functions return the plotted numbers as DataFrames. Labels are Vietnamese (English with ``pipeline.i18n.set_language("en")``); text is drawn in
DejaVu Sans, which matplotlib ships and which has every Vietnamese glyph.

A report's quarter is the quarter its reporting period starts in, else the quarter of its issue date
(as in ``Archive.counts``); reports with neither are left out of the per-quarter charts.
"""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from .errors import MissingDependency, UsageError
from .i18n import _
from .period import Period, parse_period

FONT = "DejaVu Sans"
_RC = {"font.family": "sans-serif", "font.sans-serif": [FONT], "axes.spines.top": False,
       "axes.spines.right": False, "svg.fonttype": "none"}


def _matplotlib():
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError:  # the optional "plot" extra
        raise MissingDependency(_("charts need matplotlib: pip install 'baocao[plot]'")) from None
    return matplotlib, Figure


def _figure(width: float = 8, height: float = 4.5):
    _, Figure = _matplotlib()
    with _style():
        fig = Figure(figsize=(width, height), layout="constrained")
        ax = fig.add_subplot()
    return fig, ax


def _style():
    """Our fonts and spines for the drawing inside the ``with`` (rcParams are read when text is made)."""
    matplotlib = _matplotlib()[0]
    return matplotlib.rc_context(_RC)


def _quarter(code) -> Period | None:
    """The quarter a code names ('2023Q1'), by pipeline.period; None for anything else ('unknown')."""
    try:
        period = parse_period(str(code))
    except UsageError:
        return None
    return period if period.kind == "quarter" else None


def quarter_label(quarter: str) -> str:
    """'2023Q1' -> 'quý I/2023', the way the reports write it."""
    period = _quarter(quarter)
    return period.label(short=True) if period else quarter


def _quarter_index(quarter: str) -> int:
    period = _quarter(quarter)
    return period.year * 4 + period.index - 1


def _require_documents(archive) -> None:
    if archive.stats()["documents"] == 0:
        raise UsageError(_("the archive {db} is empty: run `baocao ingest FOLDER --db {db}` first").format(db=archive.path))


# --------------------------------------------------------------------------- references


def references_per_quarter(archive) -> pd.DataFrame:
    """Documents cited per quarter of the citing report, one column per document type
    (a document cited twice by one report counts once; an unknown type is "khác")."""
    from .archive.queries import quarter_of

    cites = archive.citations()
    if cites.empty:
        return pd.DataFrame()
    docs = archive.documents().set_index("id")
    when = docs["period_start"].where(docs["period_start"].notna(), docs["date"])
    quarters = {doc_id: quarter_of(str(day)[:10]) if pd.notna(day) else None for doc_id, day in when.items()}
    cites = cites.assign(quarter=[quarters.get(d) for d in cites["document_id"]],
                         type=cites["type"].fillna(_("other")))
    cites = cites[cites["quarter"].notna()]
    if cites.empty:
        return pd.DataFrame()
    table = cites.groupby(["quarter", "type"]).size().unstack(fill_value=0)
    table = table.loc[sorted(table.index, key=_quarter_index)]
    return table[table.sum().sort_values(ascending=False).index]  # the commonest type first (bottom of the stack)


def citations_chart(archive, quarter: str | None = None, *, by: str = "period"):
    """Without ``quarter``: a bar per quarter, stacked by the type of the documents cited.
    With it: the documents cited by the reports of that quarter (``Archive.citations(quarter, by=by)``),
    counted by type."""
    matplotlib = _matplotlib()[0]
    _require_documents(archive)
    if quarter:
        from .archive.queries import parse_quarter

        quarter = parse_quarter(quarter)[0]
        cites = archive.citations(quarter, by=by)
        if cites.empty:
            raise UsageError(_("no document is cited by the reports of {quarter} in {db} "
                               "(`baocao citations` lists what there is)").format(quarter=quarter, db=archive.path))
        per_type = cites.assign(type=cites["type"].fillna(_("other"))).groupby("type").size().sort_values()
        fig, ax = _figure(8, 1.2 + 0.45 * len(per_type))
        with _style():
            bars = ax.barh(per_type.index, per_type.values, color="#4c72b0")
            ax.bar_label(bars, padding=3)
            ax.set_xlabel(_("documents cited"))
            title = (_("Documents cited — {quarter} (by reporting period), {n} reports") if by == "period"
                     else _("Documents cited — {quarter} (by issue date), {n} reports"))
            ax.set_title(title.format(quarter=quarter_label(quarter), n=cites["document_id"].nunique()))
            ax.xaxis.get_major_locator().set_params(integer=True)
        return fig
    table = references_per_quarter(archive)
    if table.empty:
        raise UsageError(_("no archived report in {db} cites a document with a known quarter "
                           "(a reporting period or an issue date)").format(db=archive.path))
    fig, ax = _figure(max(6.0, 1.2 * len(table) + 3), 4.8)
    with _style():
        colors = matplotlib.colormaps["tab20"].colors
        bottom = pd.Series(0, index=table.index)
        labels = [quarter_label(q) for q in table.index]
        for i, doc_type in enumerate(table.columns):
            ax.bar(labels, table[doc_type], bottom=bottom, label=doc_type, color=colors[i % len(colors)])
            bottom = bottom + table[doc_type]
        for x, total in enumerate(bottom):
            ax.annotate(str(int(total)), (x, total), ha="center", va="bottom", xytext=(0, 2),
                        textcoords="offset points")
        ax.set_ylim(0, bottom.max() * 1.12)
        ax.set_ylabel(_("documents cited"))
        ax.set_title(_("Documents cited per quarter of the report, by type"))
        ax.legend(title=_("document type"), loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        ax.yaxis.get_major_locator().set_params(integer=True)
    return fig


# --------------------------------------------------------------------------- counts


def counts_per_quarter(archive, unit: str) -> pd.Series:
    """Total of the counts with ``unit`` per quarter (quarters in time order, unknown ones left out)."""
    df = archive.counts(unit, by="quarter")
    df = df[df["quarter"].map(lambda q: _quarter(q) is not None)]
    if df.empty:
        return pd.Series(dtype=float, name=unit)
    totals = df.groupby("quarter")["total"].sum()
    totals = totals.loc[sorted(totals.index, key=_quarter_index)].rename(unit)
    # how each total reads ("≥ 30" when it sums "trên 30"): the chart's labels
    bounds = df.groupby("quarter")["bound"].agg(lambda b: {x for x in b if isinstance(x, str)})
    totals.attrs["labels"] = {q: (f"{(bounds[q].pop() if len(bounds[q]) == 1 else '≈')} " if bounds[q] else "")
                              + f"{totals[q]:g}" for q in totals.index}
    return totals


def counts_chart(archive, unit: str):
    """A line through the quarterly totals of one count ("tin, bài"), quarters spaced by time."""
    _matplotlib()
    _require_documents(archive)
    if not unit or not unit.strip():
        raise UsageError(_('give the unit to chart, e.g. --unit "tin, bài"'))
    totals = counts_per_quarter(archive, unit)
    if totals.empty:
        units = archive.counts(by="quarter").groupby("unit")["mentions"].sum().sort_values(ascending=False)
        known = ", ".join(f'"{u}"' for u in units.index[:8] if u)
        raise UsageError(_("no count of {unit!r} with a known quarter in {db}").format(unit=unit, db=archive.path)
                         + (_("; units found: {units}").format(units=known) if known else ""))
    x = [_quarter_index(q) for q in totals.index]
    fig, ax = _figure(max(6.0, min(12.0, 0.25 * (x[-1] - x[0]) + 4)), 4.2)
    with _style():
        ax.plot(x, totals.values, marker="o", color="#c44e52")
        labels = totals.attrs.get("labels") or {}
        for q, xi, value in zip(totals.index, x, totals.values):
            ax.annotate(labels.get(q, f"{value:g}"), (xi, value), ha="center", va="bottom", xytext=(0, 5), textcoords="offset points")
        ax.set_xticks(x, [quarter_label(q) for q in totals.index], rotation=30 if len(x) > 4 else 0)
        ax.set_ylabel(_("total {unit}").format(unit=unit))
        ax.set_ylim(0, max(totals.values) * 1.15 or 1)
        ax.set_title(_("Total «{unit}» per quarter ({n} quarters with figures)").format(unit=unit, n=len(totals)))
        if len(x) > 1:
            ax.set_xlim(x[0] - 1, x[-1] + 1)
    return fig


# --------------------------------------------------------------------------- citation graph


def citation_network(archive):
    """A networkx DiGraph: an edge from each archived report to each document it cites. Nodes are
    ("doc", id) for archived documents (a cited document that is archived is its archived node) and
    ("cited", id) for the others; each has a ``label`` and ``archived`` attribute."""
    try:
        import networkx as nx
    except ImportError:
        raise MissingDependency(_("the citation graph needs networkx: pip install 'baocao[plot]'")) from None
    graph = nx.DiGraph()
    docs = archive.documents()
    by_path = {}
    for row in docs.itertuples():
        label = row.number if isinstance(row.number, str) and row.number else row.file
        graph.add_node(("doc", row.id), label=label, archived=True)
        by_path[row.path] = ("doc", row.id)
    for row in archive.citations().itertuples():
        target = by_path.get(row.archived_as) if isinstance(row.archived_as, str) else None
        if target is None:
            target = ("cited", row.cited_id)
            label = row.number if isinstance(row.number, str) and row.number else (row.title or row.type or "?")
            graph.add_node(target, label=str(label), archived=False)
        source = ("doc", row.document_id)
        if source != target:
            graph.add_edge(source, target)
    return graph


def citation_graph(archive, *, label_min_citations: int = 2):
    """The citation network drawn: archived documents in blue, documents only cited in grey (sized by
    how many reports cite them). Archived documents and documents cited by at least
    ``label_min_citations`` reports are labelled."""
    _matplotlib()
    import networkx as nx

    _require_documents(archive)
    graph = citation_network(archive)
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    if graph.number_of_edges() == 0:
        raise UsageError(_("no archived report in {db} cites another document").format(db=archive.path))
    fig, ax = _figure(10, 8)
    pos = _component_layout(graph)
    archived = [n for n in graph if graph.nodes[n]["archived"]]
    cited_only = [n for n in graph if not graph.nodes[n]["archived"]]
    with _style():
        nx.draw_networkx_edges(graph, pos, ax=ax, alpha=0.35, arrowsize=8, width=0.8,
                               node_size=[120 if n in archived else 30 + 40 * graph.in_degree(n) for n in graph])
        nx.draw_networkx_nodes(graph, pos, nodelist=cited_only, ax=ax, node_color="#9a9a9a",
                               node_size=[30 + 40 * graph.in_degree(n) for n in cited_only], label=_("cited"))
        nx.draw_networkx_nodes(graph, pos, nodelist=archived, ax=ax, node_color="#4c72b0", node_size=120,
                               label=_("in the archive"))
        labels = {n: graph.nodes[n]["label"] for n in graph
                  if graph.nodes[n]["archived"] or graph.in_degree(n) >= label_min_citations}
        nx.draw_networkx_labels(graph, pos, labels={n: _short(t) for n, t in labels.items()}, ax=ax,
                                font_size=7, font_family=FONT, verticalalignment="bottom")
        ax.set_title(_("Citation network: {archived} documents in the archive, {cited} documents cited, "
                       "{edges} citations").format(archived=len(archived), cited=len(cited_only),
                                                   edges=graph.number_of_edges()))
        ax.legend(loc="lower left", frameon=False, markerscale=0.8, scatterpoints=1)
        ax.set_axis_off()
    return fig


def _component_layout(graph) -> dict:
    """Each group of linked documents laid out on its own (seeded, so the same archive gives the same
    picture), the groups side by side in rows, the largest first: one spring layout of the whole graph
    pushes the many small groups of a typical archive into a ring."""
    import networkx as nx

    components = sorted(nx.weakly_connected_components(graph), key=lambda c: (-len(c), min(c)))
    pos: dict = {}
    x = y = row_height = 0.0
    row_width = 3.0 * math.sqrt(graph.number_of_nodes())
    for nodes in components:
        size = math.sqrt(len(nodes))  # a group's box grows with the square root of its size
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y - row_height - 0.6, 0.0
        sub = graph.subgraph(nodes)
        local = nx.spring_layout(sub, seed=7, center=(0, 0), scale=size / 2) if len(nodes) > 1 else {next(iter(nodes)): (0, 0)}
        for n, (px, py) in local.items():
            pos[n] = (x + size / 2 + px, y - size / 2 + py)
        x += size + 0.6
        row_height = max(row_height, size)
    return pos


def _short(text: str, width: int = 28) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


# --------------------------------------------------------------------------- accuracy


KIND_ORDER = ("text", "digital", "docx", "legacy", "scan-mild", "scan-medium", "scan-hard")


def f1_table(*results: dict, prefixes: tuple[str, ...] = ()) -> pd.DataFrame:
    """F1 per field (rows, in the harness's order) and kind (columns) from ``Evaluation.as_dict()``
    results; several results are side by side, their kinds prefixed by ``prefixes`` when given.
    A field with nothing to score in a kind is NaN."""
    from .corpus.evaluate import FIELDS

    columns: dict[str, dict] = {}
    for i, result in enumerate(results):
        prefix = prefixes[i] if i < len(prefixes) and prefixes[i] else ""
        kinds = sorted(result["kinds"], key=lambda k: (KIND_ORDER.index(k) if k in KIND_ORDER else len(KIND_ORDER), k))
        for kind in kinds:
            fields = result["kinds"][kind]["fields"]
            columns[prefix + kind] = {f: fields[f]["f1"] for f in fields}
    table = pd.DataFrame(columns, dtype=float)
    return table.reindex([f for f in FIELDS if f in table.index])


def f1_chart(table: pd.DataFrame, title: str | None = None):
    """A heat map of an ``f1_table``: one cell per field and kind, the score written in it."""
    matplotlib = _matplotlib()[0]
    if table.empty:
        raise UsageError(_("no scores to chart: the evaluation found no document with an answer"))
    fig, ax = _figure(max(5.0, 2.8 + 0.9 * table.shape[1]), 1.2 + 0.36 * table.shape[0])
    with _style():
        cmap = matplotlib.colormaps["RdYlGn"].with_extremes(bad="#eeeeee")  # grey: nothing to score
        image = ax.imshow(table.to_numpy(dtype=float), cmap=cmap, vmin=0, vmax=1, aspect="auto")
        ax.set_xticks(range(table.shape[1]), table.columns, rotation=30, ha="right")
        ax.set_yticks(range(table.shape[0]), table.index)
        for (row, col), value in pd.DataFrame(table.to_numpy()).stack(future_stack=True).items():
            missing = value is None or math.isnan(value)
            dark = not missing and (value < 0.2 or value > 0.9)  # white on the darkest reds and greens
            ax.text(col, row, "—" if missing else f"{value:.2f}", ha="center", va="center", fontsize=8,
                    color="white" if dark else "black")
        ax.set_title(title or _("F1 per field and kind of document"))
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(False)
        fig.colorbar(image, ax=ax, shrink=0.6, label="F1")
    return fig


# --------------------------------------------------------------------------- output


def save(fig, out: str | Path, *, dpi: int = 150) -> Path:
    """Write ``fig`` to ``out``; the format follows the suffix (.png, .svg, .pdf)."""
    out = Path(out)
    if out.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise UsageError(_("{path}: write the chart as .png, .svg or .pdf").format(path=out))
    if not out.parent.is_dir():
        raise UsageError(_("{path}: the folder {folder} does not exist").format(path=out, folder=out.parent))
    _matplotlib()
    with _style():
        fig.savefig(out, dpi=dpi)
    return out
