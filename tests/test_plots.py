"""The charts (pipeline.plots) and `baocao plot`, on an archive of real text documents: the seed report
(quý I/2023) and the generated reports of corpus/generated (one rendering each, as .txt, spanning
2018-2026)."""
from __future__ import annotations

import warnings

import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("networkx")

from PIL import Image  # noqa: E402

from pipeline import plots  # noqa: E402
from pipeline.archive import Archive  # noqa: E402
from pipeline.cli import main  # noqa: E402
from tests.conftest import CORPUS, SEED  # noqa: E402

GENERATED_TEXTS = sorted((CORPUS / "generated").glob("*.txt"))


@pytest.fixture(scope="session")
def db(tmp_path_factory) -> str:
    """One archive for the module: the real pipeline over the seed and the generated .txt files."""
    from pipeline import process, to_contract

    assert len(GENERATED_TEXTS) >= 6, "corpus/generated should hold the generated reports as .txt"
    path = tmp_path_factory.mktemp("plots") / "archive.db"
    with Archive(path) as archive:
        for doc in [SEED, *GENERATED_TEXTS]:
            archive.add(to_contract(process(doc)), path=f"corpus/{doc.parent.name}/{doc.name}")
    return str(path)


@pytest.fixture()
def archive(db):
    with Archive(db) as a:
        yield a


@pytest.fixture()
def empty_db(tmp_path) -> str:
    path = tmp_path / "empty.db"
    Archive(path).writer.close()  # created and migrated, no document
    return str(path)


def _png(path) -> Image.Image:
    assert path.exists() and path.stat().st_size > 10_000, f"{path} is missing or nearly empty"
    image = Image.open(path)
    image.load()
    assert image.format == "PNG" and image.width >= 600 and image.height >= 200
    return image.convert("RGB")


def _has_colour(image: Image.Image, rgb: tuple[int, int, int], at_least: int = 200) -> bool:
    """At least ``at_least`` pixels of this colour (give or take antialiasing)."""
    close = sum(n for n, c in image.getcolors(maxcolors=1 << 20) if all(abs(a - b) <= 6 for a, b in zip(c, rgb)))
    return close >= at_least


# --------------------------------------------------------------------------- the numbers behind the charts


def test_references_per_quarter_counts_each_cited_document_in_its_reports_quarter(archive):
    table = plots.references_per_quarter(archive)
    quarters = list(table.index)
    assert quarters == sorted(quarters, key=lambda q: (q[:4], q[-1])), "quarters in time order"
    assert len(quarters) >= 4, quarters  # the generated reports span several years
    seed_row = table.loc["2023Q1"]  # the seed cites 5 công văn and 1 đề án (715/BCĐ-CAT, 20/STTTT-TTBCXB, …)
    assert seed_row[seed_row > 0].to_dict() == {"Công văn": 5, "Đề án": 1}
    cites = archive.citations()
    assert table.to_numpy().sum() == len(cites)  # every citing report here has a period or a date


def test_counts_per_quarter_of_tin_bai(archive):
    totals = plots.counts_per_quarter(archive, "tin, bài")
    assert totals["2023Q1"] == 30  # the seed: "trên 30 tin, bài"
    assert len(totals) >= 3, totals  # generated reports of other quarters report "tin, bài" too
    assert list(totals.index) == sorted(totals.index)
    assert plots.counts_per_quarter(archive, "không có đơn vị này").empty


def test_quarter_label():
    assert plots.quarter_label("2023Q1") == "quý I/2023"
    assert plots.quarter_label("2024Q4") == "quý IV/2024"
    assert plots.quarter_label("unknown") == "unknown"


# --------------------------------------------------------------------------- the figures


def test_citations_chart_of_one_quarter_has_a_bar_per_type(archive):
    fig = plots.citations_chart(archive, "Q1/2023")
    ax = fig.axes[0]
    bars = {tick.get_text(): patch.get_width() for tick, patch in zip(ax.get_yticklabels(), ax.patches)}
    assert bars == {"Công văn": 5, "Đề án": 1}
    assert "quý I/2023" in ax.get_title()


def test_citations_chart_stacks_every_quarter(archive):
    fig = plots.citations_chart(archive)
    ax = fig.axes[0]
    table = plots.references_per_quarter(archive)
    assert [t.get_text() for t in ax.get_xticklabels()] == [plots.quarter_label(q) for q in table.index]
    assert len(ax.patches) == table.shape[0] * table.shape[1]  # one segment per quarter and type
    assert sum(p.get_height() for p in ax.patches) == table.to_numpy().sum()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(table.columns)


def test_counts_chart_places_quarters_by_time(archive):
    fig = plots.counts_chart(archive, "tin, bài")
    ax = fig.axes[0]
    (line,) = ax.get_lines()
    totals = plots.counts_per_quarter(archive, "tin, bài")
    assert list(line.get_ydata()) == list(totals.values)
    # x is the quarter's position in time, so 2018Q1 -> 2023Q1 is 20 steps, not 1
    assert list(line.get_xdata()) == [int(q[:4]) * 4 + int(q[-1]) - 1 for q in totals.index]
    assert [t.get_text() for t in ax.get_xticklabels()] == [plots.quarter_label(q) for q in totals.index]


def test_citation_network_links_an_archived_cited_document_to_its_node(tmp_path):
    from tests.test_archive import seed_contract, variant

    with Archive(tmp_path / "a.db") as archive:
        archive.add(seed_contract())
        archive.add(variant(seed_contract(), quarter=4, year=2022, number="715/BCĐ-CAT", tag="bcd"))
        graph = plots.citation_network(archive)
        docs = archive.documents()
    seed_node = ("doc", int(docs.loc[docs["number"].isna(), "id"].item()))  # the seed's header number was lost
    bcd_node = ("doc", int(docs.loc[docs["number"] == "715/BCĐ-CAT", "id"].item()))
    assert graph.has_edge(seed_node, bcd_node)
    assert graph.nodes[bcd_node]["archived"] and graph.nodes[bcd_node]["label"] == "715/BCĐ-CAT"
    assert not any(graph.has_edge(n, n) for n in graph)  # its own number is not a citation
    cited_only = [n for n in graph if not graph.nodes[n]["archived"]]
    assert "20/STTTT-TTBCXB" in {graph.nodes[n]["label"] for n in cited_only}


def test_vietnamese_text_renders_without_missing_glyphs(archive, tmp_path):
    charts = [plots.citations_chart(archive), plots.citations_chart(archive, "2023Q1"),
              plots.counts_chart(archive, "tin, bài"), plots.citation_graph(archive)]
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*Glyph.*missing")
        for i, fig in enumerate(charts):
            plots.save(fig, tmp_path / f"chart{i}.png")
    # the check above can fail: a glyph DejaVu Sans lacks does warn
    fig = plots.counts_chart(archive, "tin, bài")
    fig.axes[0].set_title("漢字")
    with pytest.warns(UserWarning, match="Glyph.*missing"):
        plots.save(fig, tmp_path / "cjk.png")


def test_f1_table_and_chart_from_an_evaluation(tmp_path):
    from pipeline.corpus.evaluate import evaluate

    result = evaluate(CORPUS / "generated", kinds={"text"}, limit=2).as_dict()
    table = plots.f1_table(result, result, prefixes=("a: ", "b: "))
    assert list(table.columns) == ["a: text", "b: text"]
    assert "header.number" in table.index and "references" in table.index
    assert table.loc["header.number", "a: text"] == result["kinds"]["text"]["fields"]["header.number"]["f1"]
    fig = plots.f1_chart(table)
    _png(plots.save(fig, tmp_path / "f1.png"))
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == list(table.index)
    with pytest.raises(Exception, match="không có điểm để vẽ"):  # Vietnamese first
        plots.f1_chart(plots.f1_table())


# --------------------------------------------------------------------------- baocao plot


@pytest.mark.parametrize("spelling", ["2023Q1", "quý I/2023", "Quý I năm 2023", "Q1/2023", "I/2023"])
def test_plot_citations_quarter_writes_a_png(db, tmp_path, capsys, spelling):
    """--quarter as people write it (pipeline.period), the same chart for each spelling."""
    out = tmp_path / "fig.svg"
    assert main(["--lang", "vi", "plot", "citations", "--quarter", spelling, "--out", str(out), "--db", db]) == 0
    assert f"đã ghi {out}" in capsys.readouterr().out
    svg = out.read_text("utf-8")
    assert "Văn bản được trích dẫn — quý I/2023 (theo kỳ báo cáo)" in svg
    png = tmp_path / "fig.png"
    assert main(["--lang", "en", "plot", "citations", "--quarter", spelling, "--out", str(png), "--db", db]) == 0
    assert f"wrote {png}" in capsys.readouterr().out
    image = _png(png)
    assert _has_colour(image, (0x4C, 0x72, 0xB0), at_least=5000)  # the bars are drawn


def test_plot_citations_all_quarters_and_graph_write_pngs(db, tmp_path):
    out = tmp_path / "all.png"
    assert main(["plot", "citations", "--out", str(out), "--db", db]) == 0
    assert len(_png(out).getcolors(maxcolors=1 << 20)) > 50  # many colours: stacked types, text
    graph = tmp_path / "graph.svg"
    assert main(["plot", "graph", "--out", str(graph), "--db", db]) == 0
    svg = graph.read_text("utf-8")
    assert "<svg" in svg and "Mạng trích dẫn" in svg  # text kept as text, Vietnamese intact


def test_plot_counts_writes_a_png(db, tmp_path):
    out = tmp_path / "counts.png"
    assert main(["plot", "counts", "--unit", "tin, bài", "--out", str(out), "--db", db]) == 0
    assert _has_colour(_png(out), (0xC4, 0x4E, 0x52), at_least=300)  # the line and its markers


def test_plot_errors_are_clear(db, empty_db, tmp_path, capsys, monkeypatch):
    out = tmp_path / "fig.png"
    assert main(["--lang", "vi", "plot", "citations", "--quarter", "năm 2023", "--out", str(out), "--db", db]) == 2
    assert "--quarter nhận một quý" in capsys.readouterr().err  # Vietnamese first
    assert main(["--lang", "vi", "plot", "citations", "--quarter", "2019Q1", "--out", str(out), "--db", db]) == 2
    assert "không văn bản nào được các báo cáo của 2019Q1" in capsys.readouterr().err
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    assert main(["plot", "citations", "--quarter", "2023Q1", "--out", str(out), "--db", empty_db]) == 2
    err = capsys.readouterr().err
    assert "is empty" in err and "baocao ingest" in err
    assert main(["plot", "counts", "--unit", "tin, bài", "--out", str(out), "--db", empty_db]) == 2
    assert "is empty" in capsys.readouterr().err
    assert main(["plot", "counts", "--unit", "con voi", "--out", str(out), "--db", db]) == 2
    err = capsys.readouterr().err
    assert "no count of 'con voi'" in err and 'units found: "' in err
    assert main(["plot", "citations", "--quarter", "2019Q1", "--out", str(out), "--db", db]) == 2
    assert "no document is cited by the reports of 2019Q1" in capsys.readouterr().err
    assert main(["plot", "citations", "--quarter", "2023Q5", "--out", str(out), "--db", db]) == 2
    assert "cannot read the period '2023Q5'" in capsys.readouterr().err
    assert main(["plot", "citations", "--quarter", "quý V/2023", "--out", str(out), "--db", db]) == 2
    assert "'V' is not a quarter" in capsys.readouterr().err
    assert main(["plot", "citations", "--out", str(tmp_path / "fig.gif"), "--db", db]) == 2
    assert ".png, .svg or .pdf" in capsys.readouterr().err
    assert main(["plot", "citations", "--out", str(tmp_path / "no" / "fig.png"), "--db", db]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["plot", "citations", "--out", str(out), "--db", str(tmp_path / "missing.db")]) == 7
    assert "no archive here" in capsys.readouterr().err
    assert not out.exists()


def test_plot_help_lists_the_charts(capsys):
    with pytest.raises(SystemExit):
        main(["plot", "--help"])
    out = capsys.readouterr().out
    for chart in ("citations", "counts", "graph"):
        assert chart in out
    with pytest.raises(SystemExit):
        main(["--lang", "vi", "plot", "citations", "--help"])
    out = capsys.readouterr().out
    assert "một quý, viết như trong báo cáo: quý I/2023" in out and "tệp để ghi" in out
    with pytest.raises(SystemExit):
        main(["--lang", "en", "plot", "citations", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: baocao plot citations") and "one quarter, as reports write it" in out
