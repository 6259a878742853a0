"""`baocao draft`: the next report from the seed (quý I/2023) and an archive, run through the real
pipeline (process -> to_contract; Archive.add), checked by opening the DOCX with python-docx.

The archive holds the seed and four text documents written here, modelled on the seed's own
correspondence (their numbers and dates are made up for the test, not real documents):
a request of Ban Chỉ đạo 138 for the quý II/2023 report, a Sở TT&TT guidance công văn of April 2023
on the report's topic, an off-topic Sở TT&TT công văn of the same month, and the Sở's report for
quý IV/2022 (the period before the seed's), which has a full printed header.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX

from pipeline import process, to_contract
from pipeline.draft.compose import compose
from pipeline.draft.docx_writer import write_docx
from pipeline.draft.period import parse_period
from tests.conftest import SEED

REQUEST_Q2 = """\
UBND TỈNH LẠNG SƠN
BAN CHỈ ĐẠO 138
Số: 1234/BCĐ-CAT
V/v báo cáo kết quả công tác phòng, chống tội phạm; phòng, chống mua bán người quý II/2023
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lạng Sơn, ngày 05 tháng 6 năm 2023

Kính gửi:
- Sở Thông tin và Truyền thông;
- Công an các huyện, thành phố.

Để tổng hợp kết quả công tác phòng, chống tội phạm; phòng, chống mua bán người quý II/2023, Ban
Chỉ đạo 138 tỉnh đề nghị các cơ quan, đơn vị báo cáo kết quả thực hiện, gửi về Ban Chỉ đạo 138 tỉnh
(qua Phòng PV01 - Công an tỉnh) trước ngày 15/6/2023.

Nơi nhận:
- Như trên;
- Lưu: VT, PV01.

KT. TRƯỞNG BAN
PHÓ TRƯỞNG BAN
"""

GUIDANCE_APRIL = """\
UBND TỈNH LẠNG SƠN
SỞ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 612/STTTT-TTBCXB
V/v tuyên truyền công tác phòng, chống tội phạm; phòng, chống mua bán người
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lạng Sơn, ngày 12 tháng 4 năm 2023

Kính gửi: Các cơ quan báo chí trên địa bàn tỉnh.

Thực hiện chỉ đạo của Ban Chỉ đạo 138 tỉnh, Sở Thông tin và Truyền thông đề nghị các cơ quan báo chí
tiếp tục tuyên truyền công tác phòng, chống tội phạm; phòng, chống mua bán người.

Nơi nhận:
- Như trên;
- Lưu: VT, TTBCXB.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
"""

OFF_TOPIC_APRIL = """\
UBND TỈNH LẠNG SƠN
SỞ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 700/STTTT-TTBCXB
V/v tuyên truyền Ngày Sách và Văn hóa đọc Việt Nam
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lạng Sơn, ngày 20 tháng 4 năm 2023

Kính gửi: Các cơ quan báo chí trên địa bàn tỉnh.

Nhằm hưởng ứng Ngày Sách và Văn hóa đọc Việt Nam, Sở Thông tin và Truyền thông đề nghị các cơ quan
báo chí tuyên truyền về Ngày Sách.

Nơi nhận:
- Như trên;
- Lưu: VT, TTBCXB.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
"""

REPORT_Q4_2022 = """\
UBND TỈNH LẠNG SƠN
SỞ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 18/BC-STTTT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lạng Sơn, ngày 16 tháng 12 năm 2022

BÁO CÁO
Kết quả tuyên truyền công tác phòng, chống tội phạm; phòng, chống mua bán người quý IV năm 2022

Kính gửi: Ban Chỉ đạo 138 tỉnh (Phòng PV01 - Công an tỉnh).

Thực hiện Công văn số 3020/BCĐ-CAT ngày 01/12/2022 của Ban chỉ đạo 138 tỉnh về việc báo cáo kết quả
công tác phòng, chống tội phạm; phòng, chống mua bán người quý IV/2022, Sở Thông tin và Truyền thông
báo cáo kết quả công tác tuyên truyền như sau:
1. Công tác chỉ đạo, triển khai thực hiện
Trong quý IV/2022, Sở Thông tin và Truyền thông đã ban hành văn bản định hướng tuyên truyền cho các cơ
quan báo chí trên địa bàn tỉnh theo Kế hoạch số 112/KH-UBND ngày 20/5/2022 của UBND tỉnh.
2. Kết quả thông tin, tuyên truyền
- Các cơ quan báo chí Trung ương thường trú: Từ ngày 15/9/2022 đến 14/12/2022 đã đăng tải trên 25 tin,
bài tuyên truyền về các biện pháp phòng chống tội phạm; phòng, chống mua bán người.
3. Phương hướng, nhiệm vụ trong thời gian tới
Tiếp tục bám sát các văn bản chỉ đạo của Ban Chỉ đạo 138 tỉnh.
Trên đây là Báo cáo kết quả tuyên truyền công tác phòng chống tội phạm; phòng, chống mua bán người quý
IV/2022 của Sở Thông tin và Truyền thông./.

Nơi nhận:
- Như trên;
- Lãnh đạo Sở;
- Lưu: VT, TTBCXB.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Lê Hải Yến
"""

# two requests that must not be taken for the quý II/2023 one: the next quarter's (newer), and
# another agency's for the same quarter
REQUEST_Q3 = REQUEST_Q2.replace("1234/BCĐ-CAT", "2345/BCĐ-CAT").replace("quý II/2023", "quý III/2023").replace(
    "ngày 05 tháng 6 năm 2023", "ngày 05 tháng 9 năm 2023").replace("15/6/2023", "15/9/2023")

REQUEST_OTHER_AGENCY = """\
UBND TỈNH LẠNG SƠN
SỞ TƯ PHÁP
Số: 880/STP-PBGDPL
V/v báo cáo kết quả công tác phổ biến, giáo dục pháp luật quý II/2023
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lạng Sơn, ngày 08 tháng 6 năm 2023

Kính gửi: Sở Thông tin và Truyền thông.

Để tổng hợp kết quả công tác phổ biến, giáo dục pháp luật quý II/2023, Sở Tư pháp đề nghị Sở Thông tin
và Truyền thông báo cáo kết quả thực hiện trước ngày 20/6/2023.

Nơi nhận:
- Như trên;
- Lưu: VT, PBGDPL.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
"""

FIXTURES = {
    "cv-1234-bcd-cat-2023.txt": REQUEST_Q2,
    "cv-2345-bcd-cat-2023.txt": REQUEST_Q3,
    "cv-880-stp-2023.txt": REQUEST_OTHER_AGENCY,
    "cv-612-stttt-2023.txt": GUIDANCE_APRIL,
    "cv-700-stttt-2023.txt": OFF_TOPIC_APRIL,
    "bc-18-stttt-quy-IV-2022.txt": REPORT_Q4_2022,
}


@pytest.fixture(scope="module")
def seed_contract():
    contract = to_contract(process(SEED))
    assert contract["sections"] and contract["counts"] and contract["dates"], "the seed was not segmented/extracted"
    return contract


@pytest.fixture(scope="module")
def archive_db(tmp_path_factory, seed_contract):
    from pipeline import Archive

    folder = tmp_path_factory.mktemp("archive")
    shutil.copy(SEED, folder / SEED.name)
    for name, text in FIXTURES.items():
        (folder / name).write_text(text, "utf-8")
    db = folder / "archive.db"
    with Archive(db) as archive:
        for path in sorted(folder.glob("*.txt")):
            archive.add(to_contract(process(path)), path=str(path))
    return db


@pytest.fixture(scope="module")
def library(archive_db):
    from pipeline.draft.library import archived_documents

    return archived_documents(str(archive_db), parse_period("2023Q1"), parse_period("2023Q2"))


@pytest.fixture(scope="module")
def draft(seed_contract, library):
    return compose(seed_contract, parse_period("2023Q2"), library)


@pytest.fixture(scope="module")
def docx_path(draft, tmp_path_factory):
    return write_docx(draft, tmp_path_factory.mktemp("out") / "draft.docx")


@pytest.fixture(scope="module")
def word(docx_path):
    return docx.Document(str(docx_path))


def _cell_texts(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text.strip()]


def _body_runs(word):
    for p in word.paragraphs:
        yield from p.runs


def _highlighted(word) -> list[str]:
    return [r.text for r in _body_runs(word) if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]


# --------------------------------------------------------------------------- header


def test_header_table_is_two_borderless_columns(word):
    table = word.tables[0]
    assert len(table.columns) == 2
    borders = table._tbl.tblPr.find(docx.oxml.ns.qn("w:tblBorders"))
    assert borders is not None
    assert {b.get(docx.oxml.ns.qn("w:val")) for b in borders} == {"nil"}


def test_header_left_column_from_the_seed(word):
    left = word.tables[0].rows[0].cells[0]
    texts = _cell_texts(left)
    # the seed's printed header was lost: the agency comes from its opening, highlighted to confirm
    assert "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in texts
    agency_run = next(r for p in left.paragraphs for r in p.runs if r.text == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG")
    assert agency_run.bold and agency_run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    assert texts.index("SỞ THÔNG TIN VÀ TRUYỀN THÔNG") == 1  # parent (a placeholder here) on top
    number = next(t for t in texts if t.startswith("Số:"))
    assert re.match(r"Số:\s+/", number)  # the number is left blank


def test_header_right_column_motto_and_date(word):
    right = word.tables[0].rows[0].cells[1]
    paragraphs = [p for p in right.paragraphs if p.text.strip()]
    assert paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert paragraphs[1].text == "Độc lập - Tự do - Hạnh phúc"
    assert all(r.bold for p in paragraphs[:2] for r in p.runs)
    assert paragraphs[2].text.endswith("ngày … tháng … năm 2023")
    assert all(r.italic for r in paragraphs[2].runs)


def test_title_subject_and_recipient(word):
    texts = [p.text for p in word.paragraphs if p.text.strip()]
    assert texts[0] == "BÁO CÁO"
    assert "quý II năm 2023" in texts[1]
    assert "quý I năm 2023" not in texts[1]
    assert texts[2] == "Kính gửi: Ban Chỉ đạo 138 tỉnh (Phòng PV01 - Công an tỉnh)."


# --------------------------------------------------------------------------- body


def test_sections_in_order(word, seed_contract):
    def titles(sections):
        for s in sections:
            yield s["title"]
            yield from titles(s["children"])

    wanted = list(titles(seed_contract["sections"]))
    assert len(wanted) >= 3
    texts = [p.text for p in word.paragraphs]
    positions = [next(i for i, t in enumerate(texts) if t.endswith(title)) for title in wanted]
    assert positions == sorted(positions)
    assert texts[positions[0]].startswith("1. ")


def test_counts_are_highlighted_fields_with_last_periods_value(word, seed_contract):
    fields = _highlighted(word)
    assert seed_contract["counts"]
    for count in seed_contract["counts"]:
        shown = " ".join(count["text"].split())
        assert any(f == f"[… — quý I/2023: {shown}]" for f in fields), (shown, fields)


def test_old_values_do_not_survive_outside_fields(word):
    plain = "".join(r.text for r in _body_runs(word) if r.font.highlight_color != WD_COLOR_INDEX.YELLOW)
    assert "trên 30 tin, bài" not in plain
    assert "quý I/2023" not in plain and "quý I năm 2023" not in plain


def test_period_labels_move(word):
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Trong quý II/2023, Sở Thông tin và Truyền thông" in text
    assert "phòng, chống mua bán người quý II/2023 của Sở Thông tin và Truyền thông" in text  # closing


def test_reporting_window_is_shifted_and_highlighted(word):
    fields = _highlighted(word)
    assert any("Từ ngày 15/3/2023 đến 14/6/2023" in f for f in fields), fields


def test_opening_names_the_request_for_the_new_period(word):
    opening = next(p for p in word.paragraphs if p.text.startswith("Thực hiện"))
    assert opening.text.startswith("Thực hiện Công văn số 1234/BCĐ-CAT ngày 05/6/2023")
    assert "quý II/2023" in opening.text
    assert opening.text.rstrip().endswith("như sau:")
    assert "715/BCĐ-CAT" not in opening.text


def test_signer_and_distribution_copied(word, seed_contract):
    left, right = word.tables[-1].rows[0].cells
    items = _cell_texts(left)
    assert items[0] == "Nơi nhận:"
    assert [i.lstrip("- ").rstrip(";.") for i in items[1:]] == seed_contract["distribution"]
    label = left.paragraphs[0].runs[0]
    assert label.bold and label.italic and label.font.size.pt == 12
    assert all(r.font.size.pt == 11 for p in left.paragraphs[1:] for r in p.runs)
    signer = seed_contract["signers"][0]
    assert _cell_texts(right) == [signer["authority"], signer["position"], signer["name"]]
    assert all(r.bold for p in right.paragraphs for r in p.runs if r.text)


# --------------------------------------------------------------------------- page and font


def test_a4_and_decree_30_margins(word):
    s = word.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    mm = {name: round(getattr(s, f"{name}_margin").mm, 1) for name in ("top", "bottom", "left", "right")}
    assert 20 <= mm["top"] <= 25 and 20 <= mm["bottom"] <= 25, mm
    assert 30 <= mm["left"] <= 35 and 15 <= mm["right"] <= 20, mm


def test_times_new_roman_13_to_14(word):
    normal = word.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert 13 <= normal.font.size.pt <= 14
    body = [r for p in word.paragraphs for r in p.runs if r.text.strip()]
    assert body
    assert all(r.font.name == "Times New Roman" for r in body)
    assert all(13 <= r.font.size.pt <= 14 for r in body)


# --------------------------------------------------------------------------- footnotes


def test_footnote_part_present_and_referenced(docx_path):
    with zipfile.ZipFile(docx_path) as z:
        names = z.namelist()
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
        body = z.read("word/document.xml").decode()
        notes = z.read("word/footnotes.xml").decode()
    assert "word/footnotes.xml" in names
    assert 'relationships/footnotes"' in rels and 'Target="footnotes.xml"' in rels
    assert "wordprocessingml.footnotes+xml" in types
    assert 'w:type="separator"' in notes and 'w:type="continuationSeparator"' in notes
    refs = re.findall(r'<w:footnoteReference w:id="(\d+)"/>', body)
    assert refs == ["1"]
    assert 'w:footnote w:id="1"' in notes


def test_guidance_footnote_rebuilt_from_the_archive(docx_path):
    with zipfile.ZipFile(docx_path) as z:
        notes = z.read("word/footnotes.xml").decode()
    assert "Công văn số 612/STTTT-TTBCXB ngày 12/4/2023" in notes
    assert "700/STTTT-TTBCXB" not in notes  # issued in the period, but on another topic
    assert "20/STTTT-TTBCXB" not in notes  # last quarter's guidance stays in last quarter's report


def test_footnote_mark_sits_in_section_1(word):
    body = word.element.body
    marked = [p for p in word.paragraphs if p._p.findall(".//" + docx.oxml.ns.qn("w:footnoteReference"))]
    assert len(marked) == 1
    assert marked[0].text.startswith("Trong quý II/2023")
    assert body is not None


def test_a_half_year_draft(seed_contract, library):
    draft = compose(seed_contract, parse_period("2023H1"), library)
    subject = "".join(r.text for r in draft.subject)
    assert subject.endswith("mua bán người 6 tháng đầu năm 2023")
    fields = [r.text for s in draft.walk_sections() for p in s.paragraphs for r in p if r.highlight]
    assert "[Từ ngày 15/12/2022 đến 14/6/2023 — cần xác nhận]" in fields  # same start, end moved
    # the archive holds no request for the half year: the opening says so
    assert draft.opening[0].highlight and "6 tháng đầu năm 2023" in draft.opening[0].text


# --------------------------------------------------------------------------- without an archive


@pytest.fixture(scope="module")
def bare(seed_contract, tmp_path_factory):
    draft = compose(seed_contract, parse_period("2023Q2"), [])
    path = write_docx(draft, tmp_path_factory.mktemp("bare") / "draft.docx")
    return draft, docx.Document(str(path)), path


def test_without_archive_opening_is_a_marked_placeholder(bare):
    _, word, _ = bare
    fields = _highlighted(word)
    assert "[Thực hiện … (văn bản yêu cầu báo cáo quý II/2023 chưa có trong kho)]" in fields


def test_without_archive_footnote_is_a_marked_placeholder(bare):
    draft, _, path = bare
    [note] = draft.footnotes
    assert note.rebuilt and all(r.highlight for r in note.paragraph)
    with zipfile.ZipFile(path) as z:
        notes = z.read("word/footnotes.xml").decode()
    assert "chưa có trong kho" in notes and '<w:highlight w:val="yellow"/>' in notes


# --------------------------------------------------------------------------- a report with its header


@pytest.fixture(scope="module")
def from_q4(archive_db, tmp_path_factory):
    from pipeline.draft.library import archived_documents, previous_report

    previous = previous_report("bc-18-stttt-quy-IV-2022.txt", str(archive_db))
    assert previous["header"]["number"] == "18/BC-STTTT"
    library = archived_documents(str(archive_db), parse_period("2022Q4"), parse_period("2023Q1"))
    draft = compose(previous, parse_period("2023Q1"), library)
    path = write_docx(draft, tmp_path_factory.mktemp("q4") / "draft.docx")
    return previous, docx.Document(str(path))


def test_header_copied_with_number_blank(from_q4):
    _, word = from_q4
    left, right = word.tables[0].rows[0].cells
    assert _cell_texts(left)[:2] == ["UBND TỈNH LẠNG SƠN", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"]
    assert re.fullmatch(r"Số:\s{3,}/BC-STTTT", _cell_texts(left)[2])
    assert _cell_texts(right)[-1] == "Lạng Sơn, ngày … tháng … năm 2023"  # the new period's year


def test_cited_dates_are_history(from_q4):
    _, word = from_q4
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Kế hoạch số 112/KH-UBND ngày 20/5/2022" in text
    assert "Trong quý I/2023" in text


# --------------------------------------------------------------------------- LibreOffice


def test_pdf_through_libreoffice(docx_path, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot check that the DOCX converts to PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp_path / "draft.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          timeout=60).stdout.decode("utf-8")
    flat = " ".join(text.split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
    assert "quý II năm 2023" in flat
    assert "quý I/2023: trên 30 tin, bài" in flat
    assert "612/STTTT-TTBCXB" in flat  # the footnote is rendered
    assert "Lê Hải Yến" in flat
    # page numbers: none on page 1, "2" alone at the top of page 2 (centred by the header paragraph)
    pages = text.split("\f")
    assert len(pages) >= 2
    assert pages[0].split()[0] != "1"
    assert pages[1].strip().splitlines()[0].strip() == "2"


# --------------------------------------------------------------------------- Word as Word users expect

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _parts(docx_path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx_path) as z:
        return {name: z.read(name) for name in z.namelist()}


def _xml(data: bytes):
    from lxml import etree

    return etree.fromstring(data)


def test_page_numbers_from_page_two_top_centre(docx_path, word):
    section = word.sections[0]
    sect_pr = section._sectPr
    assert sect_pr.find(f"{W}titlePg") is not None  # a first page of its own
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert "PAGE" not in "".join(first._element.itertext())  # page 1 carries no number
    header = section.header._element
    instr = [t.text for t in header.iter(f"{W}instrText")]
    assert [i.strip() for i in instr] == ["PAGE"]
    kinds = [f.get(f"{W}fldCharType") for f in header.iter(f"{W}fldChar")]
    assert kinds == ["begin", "separate", "end"]
    assert section.header.paragraphs[0].alignment == 1  # centre
    # the header Word shows on pages 2.. is the default one, referenced from the section
    refs = {r.get(f"{W}type") for r in sect_pr.iter(f"{W}headerReference")}
    assert refs >= {"default", "first"}


def test_proofing_language_is_vietnamese_everywhere(docx_path):
    parts = _parts(docx_path)
    checked = 0
    for name in [n for n in parts if re.fullmatch(r"word/(document|header\d+|footer\d+|footnotes)\.xml", n)]:
        root = _xml(parts[name])
        for run in root.iter(f"{W}r"):
            langs = run.findall(f"{W}rPr/{W}lang")
            assert [lang.get(f"{W}val") for lang in langs] == ["vi-VN"], (name, "".join(run.itertext()))
            checked += 1
    assert checked > 50
    styles = _xml(parts["word/styles.xml"])
    assert styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val") == "vi-VN"
    for style in styles.iter(f"{W}style"):
        assert style.find(f"{W}rPr/{W}lang").get(f"{W}val") == "vi-VN", style.get(f"{W}styleId")
    for name in ("word/document.xml", "word/styles.xml", "word/settings.xml"):
        assert b"en-US" not in parts[name], name


def test_core_properties_name_the_draft(docx_path, word, draft):
    from datetime import datetime, timedelta

    props = word.core_properties
    assert props.title.startswith("Kết quả tuyên truyền công tác phòng, chống tội phạm") and "quý II" in props.title
    assert props.author == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" == props.last_modified_by
    assert abs(datetime.now() - props.created.replace(tzinfo=None)) < timedelta(days=1)  # not 2013
    assert props.language == "vi-VN" and props.revision == 1
    for name, data in _parts(docx_path).items():
        assert b"python-docx" not in data, name
