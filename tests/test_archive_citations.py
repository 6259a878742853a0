"""citations --quarter reads a quarter's reports from document_quarters (schema v5): on a generated
archive it gives exactly what the range test over the period index gave (bench.archive keeps that
query as citations_by_range), for every quarter, filter and edge of the data: reports citing one
document twice, cited numbers archived twice, documents in two files, gone documents, periods
missing a day, given backwards, not ISO, and a period corrected by a person."""
from __future__ import annotations

import copy
import hashlib
import random

import pandas as pd
import pytest

from bench.archive import _pool_number, _seed_sentences, citations_by_range, synthetic_contract
from pipeline.archive import Archive, queries, store
from pipeline.archive.frames import typed

N = 440  # 10 per quarter of 2015-2025


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    db = tmp_path_factory.mktemp("citations") / "archive.db"
    rng = random.Random(17)
    sentences = _seed_sentences()
    contracts = [synthetic_contract(i, rng, sentences) for i in range(N)]
    for i, c in enumerate(contracts):
        if i % 9 == 0:  # cites one document twice (another way of writing its number)
            again = copy.deepcopy(c["references"][1])
            again["number"] = again["number"].lower()
            again["issuer"] = None
            c["references"].append(again)
        if i % 11 == 0:  # its number is one the reports cite: the cited document is archived
            c["header"]["number"] = contracts[(i + 1) % N]["references"][0]["number"]
    for i in (3, 4):  # two archived documents with one cited number
        contracts[i]["header"]["number"] = _pool_number(7, 0)[1]
        contracts[i + 40]["references"][0].update(number=_pool_number(7, 0)[1], type="Công văn")
    contracts[5]["period"] = {"label": "?", "start": "2023-02-10", "end": None}  # missing a day: in no quarter
    contracts[6]["period"] = {"label": "?", "start": "2023-03-31", "end": "2022-12-01"}  # backwards
    contracts[7]["period"] = {"label": "?", "start": "2023", "end": "2023-02"}  # not ISO days: tested row by row
    contracts[8]["period"] = {"label": "?", "start": "2019-10-01", "end": "2023-03-31"}  # long: 14 quarters
    with Archive(db) as a:
        a.add_many(contracts, group=False)
        # a second file of report 14 (another rendering): one document, two files
        twin = copy.deepcopy(contracts[14])
        twin["source"].update(sha256=hashlib.sha256(b"twin").hexdigest(), path="synthetic/twin.docx", format="docx")
        with store.transaction(a.writer):
            store.insert_document(a.writer, twin, group=True)
            a.writer.execute("UPDATE documents SET gone = 1 WHERE id % 13 = 0")
        a.correct(20, "period", "2023Q1", author="test")  # a person's period: the document moves quarter
        yield a


def quarters() -> list[str]:
    return [f"{y}Q{q}" for y in range(2014, 2027) for q in range(1, 5)]


def same(conn, **kw) -> int:
    new, old = typed(queries.citations(conn, **kw)), typed(citations_by_range(conn, **kw))
    pd.testing.assert_frame_equal(new, old, check_dtype=True)
    return len(new)


def test_every_quarter_gives_what_the_period_range_gave(archive):
    conn = archive.reader
    rows = [same(conn, quarter=q) for q in quarters()]
    assert sum(rows) > 1000 and rows[0] == 0  # 2014: no report
    assert archive.writer.execute("SELECT COUNT(*) FROM document_quarters WHERE quarter = '*'").fetchone()[0] == 1


def test_the_edges_are_in_the_data(archive):
    """The archive holds what the comparison is about (else it proves nothing)."""
    conn = archive.reader
    assert conn.execute("""SELECT COUNT(*) FROM (SELECT 1 FROM reference_mentions WHERE cited_id IS NOT NULL
                           GROUP BY document_id, cited_id HAVING COUNT(*) > 1)""").fetchone()[0] >= N // 9
    assert conn.execute("SELECT COUNT(*) FROM documents WHERE number_norm = ?",
                        (store.normalise_number(_pool_number(7, 0)[1]),)).fetchone()[0] == 2
    df = queries.citations(archive.reader, quarter="2023Q1")
    assert df.duplicated(["document_id", "cited_id"]).sum() == 0 and df["archived_as"].notna().any()
    assert queries.citations(archive.reader, quarter="2018Q3")["files"].str.contains("; ").any()  # 14 and its twin
    everything = citations_by_range(archive.reader, include_gone=True)
    assert len(everything) > len(citations_by_range(archive.reader))
    long_one = 9  # contracts[8]
    assert archive.reader.execute("SELECT period_end FROM documents WHERE id = 9").fetchone() == ("2023-03-31",)
    assert [q for (q,) in archive.reader.execute(
        "SELECT quarter FROM document_quarters WHERE document_id = ? ORDER BY quarter", (long_one,))] == [
        "2019Q4", *[f"{y}Q{q}" for y in (2020, 2021, 2022) for q in (1, 2, 3, 4)], "2023Q1"]
    corrected = archive.reader.execute("SELECT period_start, period_end FROM documents WHERE id = 20").fetchone()
    assert corrected == ("2023-01-01", "2023-03-31")
    assert 20 in set(queries.citations(archive.reader, quarter="2023Q1")["document_id"])


@pytest.mark.parametrize("kw", [
    {}, {"include_gone": True}, {"quarter": "2023Q1", "include_gone": True}, {"quarter": "2022Q4", "by": "issue-date"},
    {"quarter": "2023Q1", "type": "công văn"}, {"quarter": "2021Q3", "issuer": "sở tư pháp"},
    {"quarter": "2021Q3", "issuer": "CAT"}, {"quarter": "2018Q2", "agency": "Lạng Sơn"},
    {"quarter": "Q1/2023", "agency": "UBND TỈNH LÂM ĐỒNG", "type": "Kế hoạch"},
])
def test_every_filter_gives_what_it_gave(archive, kw):
    assert same(archive.reader, **kw) >= (0 if "type" in kw else 1)


def test_period_quarters():
    assert store.period_quarters("2023-01-01", "2023-03-31") == ["2023Q1"]
    assert store.period_quarters("2022-12-31", "2023-01-01") == ["2022Q4", "2023Q1"]
    assert store.period_quarters("2023-03-31", "2022-12-01") == ["2022Q4", "2023Q1"]
    assert store.period_quarters("2023-02-10", None) == [] and store.period_quarters(None, None) == []
    assert store.period_quarters("2023", "2023-02") == ["*"] and store.period_quarters("2023-02-30", "2023-03-01") == ["*"]
    assert store.period_quarters("1900-01-01", "2023-01-01") == ["*"]  # over MAX_QUARTERS


@pytest.mark.parametrize("written, code", [
    ("quý II/2023", "2023Q2"), ("Quý IV năm 2023", "2023Q4"), ("QUÝ I NĂM 2024", "2024Q1"), ("quy 3/2022", "2022Q3"),
    ("quý iii / 2020", "2020Q3"), ("2023-Q2", "2023Q2"), ("6 tháng đầu năm 2023", "2023H1"),
])
def test_a_corrected_period_is_read_by_pipeline_period(written, code):
    """A person's period, however written, is read where every quarter is (pipeline.period)."""
    from pipeline.archive import corrections
    from pipeline.period import parse_period

    assert corrections.period_code(written) == parse_period(written).code == code
