"""Body tables: found in digital PDFs (ruled grids, pdfplumber's lines strategy) and DOCX, attached to
the section they sit in, their cells kept out of the section's text, and searchable in the archive.
Header and signature blocks drawn as tables, and background boxes behind lines of text, are not tables."""
from __future__ import annotations

import json

import pytest

from pipeline.archive import Archive
from pipeline.contract import to_contract
from pipeline.read import read
from pipeline.read.tables import is_layout_block
from pipeline.segment import segment
from tests.conftest import CORPUS
from tests.read_fixtures import ruled_report_pdf, unicode_font

GENERATED = CORPUS / "generated"
REAL = CORPUS / "real"

needs_font = pytest.mark.skipif(unicode_font() is None, reason="DejaVu Sans not installed (fonts-dejavu-core)")


def _walk(sections):
    for s in sections:
        yield s
        yield from _walk(s.get("children") or [])


def _with_tables(contract: dict) -> dict:
    return {s["key"] or s["number"]: s for s in _walk(contract["sections"]) if s["tables"]}


@pytest.fixture(scope="module")
def generated():
    """(contract read, answer) for generated reports with a body table: Unicode PDF, TCVN3 PDF, DOCX."""
    out = {}
    for name in ("gen-s2025-00006-bc.pdf", "gen-s2025-00006-bc.legacy.pdf", "gen-s2025-00006-bc.docx",
                 "gen-s2025-00010-bc.pdf"):
        path = GENERATED / name
        answer = json.loads((GENERATED / f"{name}.expected.json").read_text(encoding="utf-8"))
        out[name] = (to_contract(segment(read(path))), answer)
    return out


@pytest.mark.parametrize("name", ["gen-s2025-00006-bc.pdf", "gen-s2025-00006-bc.legacy.pdf",
                                  "gen-s2025-00006-bc.docx", "gen-s2025-00010-bc.pdf"])
def test_body_table_rows_in_the_right_section(generated, name):
    got, answer = generated[name]
    want = {(s.get("key") or s["number"]): s["tables"] for s in _walk(answer["sections"]) if s["tables"]}
    assert want, "the answer has no table: the test would prove nothing"
    assert {k: s["tables"] for k, s in _with_tables(got).items()} == want


@pytest.mark.parametrize("name", ["gen-s2025-00006-bc.pdf", "gen-s2025-00006-bc.legacy.pdf",
                                  "gen-s2025-00006-bc.docx", "gen-s2025-00010-bc.pdf"])
def test_table_cells_are_not_body_lines(generated, name):
    got, answer = generated[name]
    want = {(s.get("key") or s["number"]): s["text"] for s in _walk(answer["sections"])}
    keys = [s["key"] for s in _walk(got["sections"])]
    assert keys == list(want), "a table's header row must not become a section heading"
    for key, section in _with_tables(got).items():
        if not name.endswith(".docx"):  # DOCX runs a heading into its first paragraph (not a table matter)
            assert section["text"] == want[key], key
        for row in section["tables"][0][1:]:
            assert row[1] not in section["text"], row


# real digital PDFs with no table: tb-11 paints white boxes behind its lines (the finder made a
# one-column, 19-row "table" of them), the others have only the rules under the header
NO_TABLES = [("tb-11-ubnd-quang-ngai-2025.pdf", None), ("cv-507-ubnd-kgvx-quang-ngai-2025.pdf", None),
             ("cd-2003-vpcp-2025.pdf", None), ("cv-1668-stp-lam-dong-2025.pdf", [1]),
             ("bao-cao-tuyen-truyen-pctp-quy-I-2023.pdf", None)]


@pytest.mark.parametrize("name,pages", NO_TABLES)
def test_no_spurious_tables_in_real_pdfs(name, pages):
    doc = read(REAL / name, pages=pages)
    assert doc.text_source == "text-layer"
    assert [t.rows[:2] for p in doc.pages for t in p.tables] == []


@needs_font
def test_header_and_signer_drawn_as_tables_are_not_body_tables(tmp_path):
    doc = read(ruled_report_pdf(tmp_path / "ruled.pdf"))
    assert [t.rows for t in doc.pages[0].tables] == [
        (("TT", "Hình thức", "Số lượng"), ("1", "Hội nghị tuyên truyền", "45"), ("2", "Tin, bài trên cổng", "120"))]
    report = segment(doc)
    assert report.header.agency == "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"
    assert report.header.number == "23/BC-UBND" and report.header.date == "2025-01-13"
    assert [(s.authority, s.name) for s in report.signers] == [("KT. CHỦ TỊCH", "Trần Phước Hiền")]
    sections = {s.number: s for s in report.walk_sections()}
    assert list(sections) == ["I", "II"]
    assert len(sections["I"].tables) == 1 and sections["II"].tables == ()
    assert sections["I"].text == "Trong quý, các đơn vị đã tổ chức tuyên truyền với kết quả như sau:"


def test_docx_header_and_signer_tables_are_not_body_tables():
    doc = read(GENERATED / "gen-s2025-00000-bc.docx")  # header and signer block: borderless tables
    assert doc.pages[0].tables == ()


@pytest.mark.parametrize("rows,layout", [
    ((("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"),
      ("Số: 23/BC-UBND", "Quảng Ngãi, ngày 13 tháng 01 năm 2025")), True),
    ((("TỈNH ỦY QUẢNG NGÃI", "ĐẢNG CỘNG SẢN VIỆT NAM"),), True),
    ((("Nơi nhận: - Như trên; - Lưu: VT.", "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Hoàng Quốc Sơn"),), True),
    ((("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", "TM. BAN THƯỜNG VỤ BÍ THƯ"),), True),
    ((("TT", "Nội dung", "Số lượng"), ("1", "Hội nghị tuyên truyền", "45")), False),
    ((("Đơn vị", "Kết quả"), ("Công an tỉnh", "Tổ chức 12 hội nghị")), False),
    ((("TT", "Nội dung", "Đơn vị", "Ghi chú"), ("1", "Nơi nhận hồ sơ", "Sở Tư pháp", None)), False),
])
def test_layout_block_cases(rows, layout):
    assert is_layout_block(rows) is layout, rows


def test_table_text_is_searchable(generated, tmp_path):
    got, _ = generated["gen-s2025-00006-bc.pdf"]
    archive = Archive(tmp_path / "archive.db")
    archive.add(got)
    hits = archive.search("tổ công nghệ số cộng đồng")
    tables = hits[hits["snippet"].str.contains(" | ", regex=False)]
    assert len(tables) == 1, hits[["section", "snippet"]]
    row = tables.iloc[0]
    assert row["where"] == "body" and row["section"] == "II/2"
    assert row["match"] == "tổ công nghệ số cộng đồng"
