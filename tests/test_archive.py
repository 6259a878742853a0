"""The archive's store and queries, on the seed report's hand-checked answer turned into a full
baocao.report/1 dict (sections, footnote and mentions cut from the real seed text, with their
spans), plus variants of it for other quarters and numbers.

Ingest (walking folders, workers, kill and resume) is in test_archive_ingest.py.
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from pipeline.archive import Archive, queries, store
from pipeline.errors import ArchiveError, UsageError
from pipeline.text import nfc
from tests.conftest import SEED

EXPECTED = json.loads(SEED.with_suffix(".expected.json").read_text("utf-8"))


def _seed_lines() -> list[str]:
    return [" ".join(line.split()) for line in nfc(SEED.read_text("utf-8")).splitlines() if line.strip()]


def _between(lines, first: str, stop: str | None) -> list[str]:
    i = next(n for n, line in enumerate(lines) if line.startswith(first))
    j = next((n for n, line in enumerate(lines) if n > i and stop and line.startswith(stop)), len(lines))
    return lines[i:j]


def _mention(passage_text: str, text: str, where: str, section: str | None, page: int = 1) -> dict:
    start = passage_text.index(text)
    return {"text": text, "page": page, "where": where, "section": section, "span": [start, start + len(text)]}


def seed_contract(path: str = "corpus/real/bao-cao-tuyen-truyen-pctp-quy-I-2023.txt") -> dict:
    """The seed report as segmentation and extraction should deliver it, cut from its real text."""
    lines = _seed_lines()
    note = _between(lines, "1Công văn số 20", "- Phòng Văn hoá")
    note_text = " ".join(note)[1:]  # one paragraph; the marker "1" stands before the text
    opening = "\n".join(_between(lines, "Thực hiện Công văn", "1. Công tác"))
    s1 = _between(lines, "1. Công tác chỉ đạo", "2. Kết quả")
    s2 = [line for line in _between(lines, "2. Kết quả thông tin", "Đánh giá") if line not in note]
    s21 = _between(lines, "Đánh giá", "3. Phương hướng")
    s3 = _between(lines, "3. Phương hướng", "Trên đây là")
    closing = "\n".join(_between(lines, "Trên đây là", "Nơi nhận"))

    def section(number, heading, body, level, key, children=()):
        title = heading[len(number) + 2:] if number else heading
        return {"number": number, "title": title.strip(), "level": level, "page": 1, "text": "\n".join(body),
                "key": key, "tables": [], "children": list(children)}

    sections = [
        section("1", s1[0], s1[1:], 1, "1"),
        section("2", s2[0], s2[1:], 1, "2", [section(None, s21[0], s21[1:], 2, "2/Đánh giá")]),
        section("3", s3[0], s3[1:], 1, "3"),
    ]
    body2 = sections[1]["title"] + "\n" + sections[1]["text"]
    refs = []
    for ref in EXPECTED["references"]:
        if ref["number"] == "715/BCĐ-CAT":
            m = _mention(opening, "Công văn số 715/BCĐ-CAT", "body", None)
        elif ref["number"]:
            m = _mention(note_text, f"Công văn số {ref['number']}", "footnote", "1")
        else:
            m = _mention(note_text, "Đề án", "footnote", "1")
        refs.append({**m, "type": ref["type"], "number": ref["number"], "title": ref.get("title"),
                     "date": ref.get("date"), "issuer": ref.get("issuer"), "subject": None, "type_code": None,
                     "issuer_code": None, "unit_code": None, "resolved": True})
    counts = [
        {**_mention(body2, "trên 30 tin, bài", "body", "2"), "value": 30, "qualifier": "trên", "unit": "tin, bài"},
        {**_mention(body2, "100% phóng viên", "body", "2"), "value": 100, "qualifier": None, "unit": "%"},
    ]
    agencies = [
        {**_mention(opening, "Sở Thông tin và Truyền thông", "body", None), "name": "Sở Thông tin và Truyền thông"},
        {**_mention(opening, "Ban chỉ đạo", "body", None), "name": "Ban Chỉ đạo 138 tỉnh"},
        {**_mention(body2, "Báo Lạng Sơn", "body", "2"), "name": "Báo Lạng Sơn"},
    ]
    data = SEED.read_bytes()
    return {
        "schema": "baocao.report/1",
        "source": {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "format": "text", "pages": 1,
                   "text_source": "plain"},
        "header": {**{k: None for k in ("agency", "parent_agency", "place")}, **EXPECTED["header"]},
        "period": EXPECTED["period"],
        "opening": opening,
        "sections": sections,
        "footnotes": [{"marker": "1", "text": note_text, "page": 1, "anchor_section": "1"}],
        "signers": EXPECTED["signers"],
        "distribution": EXPECTED["distribution"],
        "closing": closing,
        "references": refs,
        "dates": [{**_mention(opening, "06/3/2023", "body", None), "kind": "day", "start": "2023-03-06", "end": "2023-03-06"}],
        "counts": counts,
        "agencies": agencies,
        "people": [{"text": "Lê Hải Yến", "page": 1, "where": "body", "section": None, "span": [0, 10],
                    "name": "Lê Hải Yến", "role": "PHÓ GIÁM ĐỐC"}],
        "warnings": [],
    }


def variant(contract: dict, *, quarter: int, year: int = 2023, number: str | None = None, tag: str,
            cites: dict[str, str] | None = None, date: str | None = None, agency: str | None = None) -> dict:
    """The seed moved to another quarter: another period, sha, path, number; references rewritten."""
    c = copy.deepcopy(contract)
    ends = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}[quarter]
    c["source"]["path"] = f"archive/{tag}.txt"
    c["source"]["sha256"] = hashlib.sha256(tag.encode()).hexdigest()
    c["header"]["number"] = number
    c["header"]["date"] = date
    c["header"]["agency"] = agency
    c["period"] = {"label": f"quý {roman} năm {year}", "start": f"{year}-{3 * quarter - 2:02d}-01",
                   "end": f"{year}-{ends[quarter]}"}
    for ref in c["references"]:
        if cites and ref["number"] in cites:
            ref["number"] = cites[ref["number"]]
    return c


@pytest.fixture()
def seed_archive(tmp_path) -> Archive:
    archive = Archive(tmp_path / "archive.db")
    archive.add(seed_contract())
    return archive


def test_seed_contract_is_valid_and_spans_hold():
    from pipeline.contract import validate

    c = seed_contract()
    validate(c)
    passages = {("footnote", "1"): c["footnotes"][0]["text"], ("body", None): c["opening"]}
    for ref in c["references"]:
        text = passages[(ref["where"], ref["section"])]
        assert text[ref["span"][0]:ref["span"][1]] == ref["text"]


def test_citations_for_the_seed_quarter(seed_archive):
    df = seed_archive.citations(quarter="2023Q1")
    assert list(df["number"].fillna("")) == ["715/BCĐ-CAT", "20/STTTT-TTBCXB", "58/STTTT-TTBCXB",
                                             "293/STTTT-TTBCXB", "", "492/STTTT-TTBCXB"]
    assert df.loc[4, "type"] == "Đề án" and df.loc[4, "title"].startswith("Tăng cường phòng, chống tội phạm")
    assert df.loc[0, "issuer"] == "Ban Chỉ đạo 138 tỉnh" and df.loc[0, "date"] == pd.Timestamp("2023-03-06")
    assert set(df["where"]) == {"body", "footnote"}
    assert set(df["cited_by"]) == {"bao-cao-tuyen-truyen-pctp-quy-I-2023.txt"}  # no number: the file name
    for quarter in ("2023Q2", "2022Q4"):
        assert seed_archive.citations(quarter=quarter).empty
    # the seed has no issue date: by issue date it cites nothing in any quarter
    assert seed_archive.citations(quarter="2023Q1", by="issue-date").empty


def test_citations_filters(seed_archive):
    assert len(seed_archive.citations(quarter="2023Q1", type="cong van")) == 5
    assert len(seed_archive.citations(quarter="2023Q1", type="Đề án")) == 1
    assert list(seed_archive.citations(quarter="2023Q1", issuer="ban chi dao")["number"]) == ["715/BCĐ-CAT"]
    assert seed_archive.citations(quarter="2023Q1", agency="UBND").empty


def test_quarter_parsing():
    assert queries.parse_quarter("2023Q1") == ("2023Q1", "2023-01-01", "2023-03-31")
    assert queries.parse_quarter("2024-q4") == ("2024Q4", "2024-10-01", "2024-12-31")
    assert queries.parse_quarter("Q2/2023") == ("2023Q2", "2023-04-01", "2023-06-30")
    for bad in ("2023Q5", "2023Q0", "Q1", "2023", "quý I", "", "2023Q1; DROP TABLE documents"):
        with pytest.raises(UsageError, match="unknown quarter"):
            queries.parse_quarter(bad)


@pytest.mark.parametrize("a, b", [
    ("715/BCĐ-CAT", "715/BCD-CAT"),
    ("715/BCĐ-CAT", "715 / bcđ – cat"),
    ("30/2020/NĐ-CP", "30/2020/ND-CP"),
    ("21-CT/TW", "21-ct/tw"),
])
def test_number_normalisation_makes_one_document(a, b):
    assert store.normalise_number(a) == store.normalise_number(b)


def test_number_normalisation_keeps_distinct_numbers_apart():
    assert store.normalise_number("20/STTTT-TTBCXB") != store.normalise_number("293/STTTT-TTBCXB")
    assert store.normalise_number("  ") is None


def test_references_written_differently_are_one_cited_document(seed_archive):
    seed = seed_contract()
    q2 = variant(seed, quarter=2, tag="q2", number="1001/BC-STTTT", date="2023-06-20",
                 cites={"715/BCĐ-CAT": "715/BCD - CAT", "492/STTTT-TTBCXB": "492/STTTT-TTBCXB"},
                 agency="SỞ THÔNG TIN VÀ TRUYỀN THÔNG")
    seed_archive.add(q2)
    conn = seed_archive.reader
    assert conn.execute("SELECT COUNT(*) FROM cited_documents").fetchone()[0] == 6
    cited = seed_archive.cited_by("715/bcđ-cat")
    assert list(cited["cited_by"]) == ["bao-cao-tuyen-truyen-pctp-quy-I-2023.txt", "1001/BC-STTTT"]
    assert cited.attrs["cited"]["number"] == "715/BCĐ-CAT"  # the first form seen is the display form
    assert cited.attrs["cited"]["archived"] is None
    # the Đề án without number: the same title in both reports is one cited document
    de_an = conn.execute("SELECT COUNT(DISTINCT cited_id) FROM reference_mentions WHERE type = 'Đề án'").fetchone()[0]
    assert de_an == 1
    by_date = seed_archive.citations(quarter="2023Q2", by="issue-date")
    assert set(by_date["cited_by"]) == {"1001/BC-STTTT"}


def test_reference_links_to_an_archived_document(seed_archive):
    # the Công văn 715 itself arrives in the archive later: the seed's reference now links to it
    cv = variant(seed_contract(), quarter=1, tag="cv715", number="715/BCĐ-CAT", date="2023-03-06")
    cv["header"]["doc_type"] = "Công văn"
    cv["period"] = None
    cv["references"] = []
    seed_archive.add(cv)
    df = seed_archive.citations(quarter="2023Q1")
    linked = df[df["number"] == "715/BCĐ-CAT"].iloc[0]
    assert linked["archived_as"] == "archive/cv715.txt"
    assert df[df["number"] == "58/STTTT-TTBCXB"]["archived_as"].isna().all()
    assert seed_archive.cited_by("715/BCD-CAT").attrs["cited"]["archived"]["path"] == "archive/cv715.txt"
    assert seed_archive.get("715/BCD-CAT")["header"]["number"] == "715/BCĐ-CAT"


@pytest.mark.parametrize("query, finds", [
    ("mua ban nguoi", "mua bán người"),
    ("phong chong", "phòng, chống"),
    ("Hoa", "hóa"),
    ("hoá", "hóa"),
    ("Văn hóa", "Văn hoá"),
    ("dong", "Đồng"),
    ("dong", "động"),
    ("DONG THOI", "Đồng thời"),
    ("tang cuong phong chong toi pham ve da dang sinh hoc", "Tăng cường phòng, chống tội phạm về đa dạng sinh học"),
])
def test_search_ignores_diacritics_and_shows_the_original(seed_archive, query, finds):
    df = seed_archive.search(query, limit=500)
    assert not df.empty
    assert finds in set(df["match"])
    row = df[df["match"] == finds].iloc[0]
    assert f"«{finds}»" in row["snippet"]


def test_search_reports_document_page_and_section(seed_archive):
    df = seed_archive.search("Bao Lang Son")
    assert list(df["match"]) == ["Báo Lạng Sơn"]
    assert df.loc[0, "section"] == "2" and df.loc[0, "page"] == 1 and df.loc[0, "where"] == "body"
    note = seed_archive.search("da dang sinh hoc")
    assert list(note["where"]) == ["footnote"] and list(note["section"]) == ["1"]
    # the offsets are offsets into the original passage text
    passage = seed_contract()["footnotes"][0]["text"]
    assert passage[note.loc[0, "start"]:note.loc[0, "end"]] == "đa dạng sinh học"


def test_search_finds_nothing_for_absent_words(seed_archive):
    assert seed_archive.search("ngân hàng").empty
    assert seed_archive.search("mua người").empty  # words must stand in order, side by side


@pytest.mark.parametrize("hostile", [
    "'; DROP TABLE documents; --",
    '" OR 1=1 --',
    "mua* NEAR(ban nguoi)",
    "documents) UNION SELECT sha256 FROM documents --",
    "%",
])
def test_sql_and_fts_syntax_in_user_text_is_only_data(seed_archive, hostile):
    try:
        seed_archive.search(hostile)
    except UsageError:
        pass
    seed_archive.citations(quarter="2023Q1", type=hostile, issuer=hostile, agency=hostile)
    assert seed_archive.cited_by("715/" + hostile).empty
    seed_archive.counts(hostile)
    with pytest.raises(UsageError):
        seed_archive.get(hostile)
    assert seed_archive.stats()["documents"] == 1
    assert len(seed_archive.citations(quarter="2023Q1")) == 6


def test_like_wildcards_from_the_user_are_literal(seed_archive):
    assert seed_archive.citations(quarter="2023Q1", issuer="%").empty
    assert seed_archive.citations(quarter="2023Q1", issuer="_").empty


def test_counts_by_quarter_and_unit(seed_archive):
    seed = seed_contract()
    q2 = variant(seed, quarter=2, tag="q2", number="12/BC-STTTT")
    q2["counts"][0]["value"] = 45
    q2b = variant(seed, quarter=2, tag="q2b", number="13/BC-STTTT")  # two reports of one quarter: two numbers
    q2b["counts"][0].update(value=5, qualifier=None, text="5 tin, bài")
    seed_archive.add(q2)
    seed_archive.add(q2b)
    df = seed_archive.counts("tin, bai", by="quarter")
    assert df.to_dict(orient="records") == [
        {"quarter": "2023Q1", "unit": "tin, bài", "total": 30.0, "bound": "≥", "total_text": "≥ 30",
         "qualifiers": "trên", "mentions": 1, "documents": 1},
        {"quarter": "2023Q2", "unit": "tin, bài", "total": 50.0, "bound": "≥", "total_text": "≥ 50",
         "qualifiers": "trên", "mentions": 2, "documents": 2},
    ]
    assert set(seed_archive.counts(by="year")["unit"]) == {"tin, bài", "%"}
    with pytest.raises(UsageError):
        seed_archive.counts(by="month")


def test_agencies(seed_archive):
    df = seed_archive.agencies()
    assert set(df["name"]) == {"Sở Thông tin và Truyền thông", "Ban Chỉ đạo 138 tỉnh", "Báo Lạng Sơn"}
    assert (df["documents"] == 1).all()


def test_get_returns_the_stored_contract_with_provenance(seed_archive):
    doc = seed_archive.get(1)
    assert doc["archive"]["id"] == 1
    original = seed_contract()
    assert doc["references"] == original["references"]
    assert doc["sections"] == original["sections"]
    assert seed_archive.get("bao-cao-tuyen-truyen-pctp-quy-I-2023.txt")["archive"]["id"] == 1


def test_mention_rows_carry_provenance(seed_archive):
    rows = seed_archive.reader.execute(
        'SELECT text, page, part, section, span_start, span_end FROM reference_mentions ORDER BY ord').fetchall()
    assert rows[0] == ("Công văn số 715/BCĐ-CAT", 1, "body", None, rows[0][4], rows[0][4] + 23)
    assert all(r[2] == "footnote" and r[3] == "1" for r in rows[1:])


def test_replacing_a_document_leaves_no_orphans(seed_archive):
    seed_archive.add(seed_contract())  # same sha256: replaces
    conn = seed_archive.reader
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1
    assert conn.execute('SELECT COUNT(*) FROM reference_mentions').fetchone()[0] == 6
    n_src = conn.execute("SELECT COUNT(*) FROM passages_src").fetchone()[0]
    n_fts = conn.execute("SELECT COUNT(*) FROM passages_fts").fetchone()[0]
    assert n_src == n_fts == 8  # subject, opening, 4 sections, closing, 1 footnote
    assert len(seed_archive.search("Bao Lang Son")) == 1


# --------------------------------------------------------------------------- export


def test_export_csv_round_trip(seed_archive, tmp_path):
    out = tmp_path / "out"
    written = seed_archive.export(out, "csv")
    assert {p.name for p in written} == {f"{t}.csv" for t in store.EXPORT_TABLES}
    assert all(p.parent == out.resolve() for p in written)
    assert (out / "reference_mentions.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads the BOM as UTF-8
    refs = pd.read_csv(out / "reference_mentions.csv", encoding="utf-8-sig")
    assert list(refs["number"].fillna("")) == ["715/BCĐ-CAT", "20/STTTT-TTBCXB", "58/STTTT-TTBCXB",
                                               "293/STTTT-TTBCXB", "", "492/STTTT-TTBCXB"]
    sections = pd.read_csv(out / "sections.csv", encoding="utf-8-sig")
    stored = seed_archive.reader.execute("SELECT text FROM sections ORDER BY id").fetchall()
    assert list(sections["text"]) == [r[0] for r in stored]
    docs = pd.read_csv(out / "documents.csv", encoding="utf-8-sig")
    assert json.loads(docs.loc[0, "contract"])["header"]["subject"] == EXPECTED["header"]["subject"]


def test_export_xlsx_round_trip(seed_archive, tmp_path):
    (path,) = seed_archive.export(tmp_path / "x", "xlsx")
    sheets = pd.read_excel(path, sheet_name=None)
    # a sheet per table that has rows, named in Vietnamese, and the citations; no empty "pages"
    assert list(sheets) == ["Văn bản", "Trích dẫn", "Tệp", "Các mục", "Chú thích", "Văn bản được dẫn", "Ngày tháng",
                            "Số liệu", "Cơ quan", "Người", "Người ký", "Nơi nhận", "Danh mục văn bản được dẫn"]
    assert list(sheets["Chú thích"]["nội dung"]) == [seed_contract()["footnotes"][0]["text"]]
    assert sheets["Người ký"].loc[0, "tên"] == "Lê Hải Yến"


def test_export_parquet_round_trip(seed_archive, tmp_path):
    pytest.importorskip("pyarrow")
    seed_archive.export(tmp_path / "p", "parquet")
    agencies = pd.read_parquet(tmp_path / "p" / "agencies.parquet")
    assert sorted(agencies["name"]) == sorted(a["name"] for a in seed_contract()["agencies"])


def test_export_refuses_a_file_as_folder(seed_archive, tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(UsageError, match="folder"):
        seed_archive.export(target, "csv")
    with pytest.raises(UsageError, match="format"):
        seed_archive.export(tmp_path / "y", "../../evil")


# --------------------------------------------------------------------------- bad databases


def test_missing_database_is_a_clear_error_and_is_not_created(tmp_path):
    db = tmp_path / "none.db"
    with pytest.raises(ArchiveError, match="baocao ingest"):
        Archive(db).citations(quarter="2023Q1")
    assert not db.exists()


def test_empty_archive(tmp_path):
    archive = Archive(tmp_path / "a.db")
    summary = archive.ingest(_empty_dir(tmp_path))
    assert summary.found == 0 and summary.processed == 0
    archive.close()
    archive = Archive(tmp_path / "a.db")
    assert archive.stats()["documents"] == 0
    assert archive.citations(quarter="2023Q1").empty
    assert archive.search("mua ban").empty
    assert archive.documents().empty and archive.agencies().empty and archive.counts().empty


def _empty_dir(tmp_path):
    d = tmp_path / "empty"
    d.mkdir()
    return d


def test_not_a_database(tmp_path):
    db = tmp_path / "junk.db"
    db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ArchiveError, match="not a baocao archive"):
        Archive(db).documents()


def test_read_only_connection_refuses_writes_clearly(seed_archive, tmp_path):
    seed_archive.close()
    uri = (tmp_path / "archive.db").resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    with pytest.raises(ArchiveError, match="read-only"):
        store.write_document(conn, variant(seed_contract(), quarter=2, tag="ro"))
    conn.close()
    assert Archive(tmp_path / "archive.db").stats()["documents"] == 1


def test_read_only_archive_can_be_queried_not_written(seed_archive, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions (the test above covers the message)")
    seed_archive.close()
    db = tmp_path / "archive.db"
    # checkpoint so the read-only file holds everything
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    db.chmod(stat.S_IRUSR)
    try:
        ro = Archive(db)
        assert len(ro.citations(quarter="2023Q1")) == 6
        with pytest.raises(ArchiveError, match="read-only"):
            ro.add(variant(seed_contract(), quarter=2, tag="ro"))
    finally:
        db.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_locked_archive_gives_a_clear_error(seed_archive, tmp_path, monkeypatch):
    blocker = sqlite3.connect(tmp_path / "archive.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        writer = store.connect(tmp_path / "archive.db", write=True, timeout=0.2)
        with pytest.raises(ArchiveError, match="locked"):
            store.write_document(writer, variant(seed_contract(), quarter=2, tag="locked"))
        # readers are not blocked by a writer (WAL)
        assert len(Archive(tmp_path / "archive.db").citations(quarter="2023Q1")) == 6
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_newer_schema_is_refused(tmp_path):
    db = tmp_path / "new.db"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    conn.execute("CREATE TABLE x (a)")
    conn.close()
    with pytest.raises(ArchiveError, match="newer"):
        Archive(db).documents()


def test_migrates_a_v1_archive(tmp_path):
    """A v1 archive (before size/mtime/number_norm) made by hand opens, migrates and links."""
    db = tmp_path / "v1.db"
    conn = sqlite3.connect(db, isolation_level=None)
    store.migrate(conn, target=1)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    cv = {"schema": "baocao.report/1", "header": {"number": "715/BCĐ-CAT", "doc_type": "Công văn"}}
    conn.execute(
        "INSERT INTO documents (path, sha256, format, pages, text_source, doc_type, number, contract, ingested_at) "
        "VALUES ('old/cv715.pdf', 'abc', 'pdf', 1, 'text-layer', 'Công văn', '715/BCĐ-CAT', ?, '2023-04-01')",
        (json.dumps(cv, ensure_ascii=False),),
    )
    conn.close()
    archive = Archive(db)
    docs = archive.documents()  # a read opens it, sees v1 and migrates it
    assert list(docs["number"]) == ["715/BCĐ-CAT"]
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert conn.execute("SELECT number_norm, ocr_pages FROM documents").fetchone() == ("715/BCD-CAT", 0)
    conn.close()
    archive.add(seed_contract())
    df = archive.citations(quarter="2023Q1")
    assert df[df["number"] == "715/BCĐ-CAT"]["archived_as"].tolist() == ["old/cv715.pdf"]


# --------------------------------------------------------------------------- issue 20: API types, get, xlsx, SQL names


@pytest.fixture()
def two_reports(tmp_path) -> Archive:
    archive = Archive(tmp_path / "archive.db")
    archive.add(seed_contract())
    archive.add(variant(seed_contract(), quarter=2, tag="q2", number="1001/BC-STTTT", date="2023-06-20",
                        cites={"715/BCĐ-CAT": "715/BCD-CAT"}))
    return archive


def test_dataframes_have_dates_and_whole_numbers(two_reports):
    docs = two_reports.documents()
    for column in ("date", "period_start", "period_end"):
        assert pd.api.types.is_datetime64_dtype(docs[column]), column
    assert str(docs["ingested_at"].dtype).startswith("datetime64") and str(docs["ingested_at"].dt.tz) == "UTC"
    assert str(docs["pages"].dtype) == "Int64" and str(docs["id"].dtype) == "Int64"
    assert docs.loc[1, "date"] == pd.Timestamp("2023-06-20") and pd.isna(docs.loc[0, "date"])
    cites = two_reports.citations()
    assert pd.api.types.is_datetime64_dtype(cites["date"]) and str(cites["page"].dtype) == "Int64"
    assert cites["date"].min() == pd.Timestamp("2023-01-05")
    search = two_reports.search("Bao Lang Son")
    assert str(search["page"].dtype) == "Int64"
    cited = two_reports.cited_by("715/BCĐ-CAT")
    assert pd.api.types.is_datetime64_dtype(cited["date"]) and str(cited["page"].dtype) == "Int64"
    assert cited.attrs["cited"]["number"] == "715/BCĐ-CAT"  # attrs survive the typing
    counts = two_reports.counts("tin, bài")
    assert str(counts["mentions"].dtype) == "Int64" and str(counts["documents"].dtype) == "Int64"


def test_get_by_number_id_path_and_a_cited_only_number(two_reports):
    by_number = two_reports.get("1001/BC-STTTT")
    assert by_number["archive"]["id"] == 2
    assert two_reports.get("1001/bc-stttt")["archive"]["id"] == 2  # however it is written
    assert two_reports.get(2)["archive"]["id"] == 2 and two_reports.get("2")["archive"]["id"] == 2
    assert two_reports.get("q2.txt")["archive"]["id"] == 2
    with pytest.raises(UsageError) as info:
        two_reports.get("715/BCĐ-CAT")  # cited by both reports, never archived itself
    message = str(info.value)
    assert "715/BCĐ-CAT" in message and "cited-by" in message and "\n" not in message
    with pytest.raises(UsageError, match="baocao documents"):
        two_reports.get("999/XYZ-ABC")


def test_sql_views_need_no_quoting_and_carry_labels(two_reports):
    two_reports.close()
    conn = sqlite3.connect(two_reports.path)
    try:
        assert conn.execute("select count(*) from refs").fetchone()[0] == 12
        assert conn.execute("select count(*) from reference_mentions").fetchone()[0] == 12  # "references" before v6
        assert conn.execute("select count(*) from dates where end_date >= start_date and part = 'body'").fetchone()[0] > 0
        rows = conn.execute(
            "select citing_document, citing_file, citing_period, cited_number, cited_type, cited_issuer, cited_date, part "
            "from citations where cited_number like '715/%' order by id").fetchall()
    finally:
        conn.close()
    assert rows == [
        ("bao-cao-tuyen-truyen-pctp-quy-I-2023.txt", "bao-cao-tuyen-truyen-pctp-quy-I-2023.txt", "quý I năm 2023",
         "715/BCĐ-CAT", "Công văn", "Ban Chỉ đạo 138 tỉnh", "2023-03-06", "body"),
        ("1001/BC-STTTT", "q2.txt", "quý II năm 2023", "715/BCD-CAT", "Công văn", "Ban Chỉ đạo 138 tỉnh",
         "2023-03-06", "body"),
    ]


def test_datasette_reads_the_views(two_reports):
    datasette = pytest.importorskip("datasette.app")
    import asyncio

    two_reports.close()

    metadata = json.loads((Path(__file__).parent.parent / "docs" / "datasette.json").read_text("utf-8"))

    async def fetch():
        ds = datasette.Datasette([two_reports.path], metadata=metadata)
        await ds.invoke_startup()
        name = Path(two_reports.path).stem
        assert name == "archive"  # the name docs/datasette.json configures
        listing = (await ds.client.get(f"/{name}.json")).json()
        rows = (await ds.client.get(f"/{name}/citations.json?_shape=array&_size=100")).json()
        count = (await ds.client.get(f"/{name}.json?sql=select+count(*)+as+n+from+refs&_shape=array")).json()
        labelled = (await ds.client.get(f"/{name}/reference_mentions.json?_shape=array&_size=100&_labels=on")).json()
        return listing, rows, count, labelled

    listing, rows, count, labelled = asyncio.run(fetch())
    assert {"refs", "citations"} <= {v["name"] for v in listing["views"]}
    assert count == [{"n": 12}]
    assert {r["citing_document"] for r in rows} == {"1001/BC-STTTT", "bao-cao-tuyen-truyen-pctp-quy-I-2023.txt"}
    # with docs/datasette.json, a foreign key shows the document's number, not a bare id
    assert {r["document_id"]["label"] for r in labelled if r["document_id"]["value"] == 2} == {"1001/BC-STTTT"}
    assert {r["cited_id"]["label"] for r in labelled} >= {"715/BCĐ-CAT", "20/STTTT-TTBCXB"}


def test_duckdb_reads_every_table_and_view(two_reports):
    """DuckDB (its sqlite extension from PyPI, loaded from the package: nothing downloaded, autoinstall
    off) reads every table and view of the archive, full-text index apart, with the rows SQLite has;
    the citations view gives the same rows both ways."""
    duckdb = pytest.importorskip("duckdb")
    extensions = pytest.importorskip("duckdb_extensions")
    import sqlite3

    two_reports.close()
    extensions.import_extension("sqlite_scanner")
    lite = sqlite3.connect(two_reports.path)
    names = [n for (n,) in lite.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'passages_fts%' ORDER BY name")]
    con = duckdb.connect()
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("LOAD sqlite")
    con.execute("ATTACH '{}' AS a (TYPE sqlite, READ_ONLY)".format(str(two_reports.path).replace("'", "''")))
    for name in names:
        ours = lite.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
        assert con.execute(f'SELECT COUNT(*) FROM a."{name}"').fetchone()[0] == ours, name
    assert {"citations", "refs", "documents", "cited_documents"} <= set(names)
    columns = "citing_document, cited_number, cited_date, page, part"
    ours = sorted(tuple(map(str, row)) for row in lite.execute(f"SELECT {columns} FROM citations"))
    assert ours and ours == sorted(tuple(map(str, row)) for row in con.execute(f"SELECT {columns} FROM a.citations").fetchall())
    lite.close()
    con.close()


def test_xlsx_as_excel_users_expect(two_reports, tmp_path):
    import openpyxl

    (path,) = two_reports.export(tmp_path / "x", "xlsx")
    wb = openpyxl.load_workbook(path)
    assert "Nội dung trang" not in wb.sheetnames  # the pages table is empty: no sheet
    for ws in wb.worksheets:
        assert ws.max_row >= 2, ws.title  # no empty sheet
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}", ws.title
        assert all(c.font.bold for c in ws[1]), ws.title
        widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i in range(1, ws.max_column + 1)]
        assert all(4 <= w <= 62 for w in widths), (ws.title, widths)
    docs = wb["Văn bản"]
    heading = [c.value for c in docs[1]]
    assert "contract" not in heading and "ngày" in heading and "trích yếu" in heading
    row = {h: c for h, c in zip(heading, docs[3])}
    assert row["ngày"].value == datetime(2023, 6, 20) and row["ngày"].number_format == "dd/mm/yyyy"
    assert isinstance(row["số trang"].value, int)
    assert isinstance(row["thời điểm lưu"].value, datetime)
    subject_width = docs.column_dimensions[openpyxl.utils.get_column_letter(heading.index("trích yếu") + 1)].width
    assert subject_width > docs.column_dimensions["A"].width  # sized to the content
    cites = wb["Trích dẫn"]
    heading = [c.value for c in cites[1]]
    assert heading[:8] == ["văn bản được dẫn", "loại", "số, ký hiệu", "ngày", "cơ quan ban hành", "trích yếu",
                           "văn bản dẫn", "kỳ của báo cáo dẫn"]
    rows = [[c.value for c in r] for r in cites.iter_rows(min_row=2)]
    assert len(rows) == 12
    first = rows[6]  # the second report's first citation
    assert first[:5] == ["715/BCD-CAT", "Công văn", "715/BCD-CAT", datetime(2023, 3, 6), "Ban Chỉ đạo 138 tỉnh"]
    assert first[6:8] == ["1001/BC-STTTT", "quý II năm 2023"]
    counts = wb["Số liệu"]
    heading = [c.value for c in counts[1]]
    values = [r[heading.index("giá trị")].value for r in counts.iter_rows(min_row=2)]
    assert values and all(isinstance(v, (int, float)) for v in values)
    refs = wb["Văn bản được dẫn"]
    heading = [c.value for c in refs[1]]
    assert heading[1:4] == ["mã văn bản", "số, ký hiệu văn bản", "tệp văn bản"]  # the document's number and file
    files = {r[3].value for r in refs.iter_rows(min_row=2)}
    assert files == {"bao-cao-tuyen-truyen-pctp-quy-I-2023.txt", "q2.txt"}


def test_counts_of_a_document_with_neither_period_nor_date(tmp_path):
    """A report whose period and date were not found (a scan, a letter) still has counts: they go
    to "unknown" instead of failing the whole query (it raised TypeError on NaN)."""
    archive = Archive(tmp_path / "archive.db")
    archive.add(seed_contract())
    undated = variant(seed_contract(), quarter=2, tag="undated", number="7/BC-STTTT", date=None)
    undated["period"] = None
    # another report's text: the seed's own text with nothing to tell them apart is the seed (one document)
    undated["opening"], undated["sections"], undated["footnotes"] = "Sở báo cáo kết quả tháng này.", [], []
    archive.add(undated)
    for by in ("quarter", "year"):
        df = archive.counts("tin, bài", by=by)
        assert list(df[by]) == (["2023Q1", "unknown"] if by == "quarter" else ["2023", "unknown"])
