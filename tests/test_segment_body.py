"""Body segmentation: section trees, paragraphs rejoined across lines and pages, footnotes."""
import pytest

from pipeline.segment.sections import match_heading, split_title
from tests.segment_helpers import seg

HEAD = ["BÁO CÁO", "Kết quả công tác phòng, chống tội phạm 6 tháng đầu năm 2025", "Kính gửi: Ủy ban nhân dân tỉnh."]
OPEN = [
    "Thực hiện Kế hoạch số 15/KH-UBND ngày 10/01/2025 của Ủy ban nhân dân tỉnh về",
    "triển khai công tác phòng, chống tội phạm năm 2025, Công an tỉnh báo cáo kết quả",
    "thực hiện như sau:",
]
PARA = [
    "Công tác tuyên truyền được triển khai rộng khắp trên địa bàn tỉnh với nhiều hình",
    "thức phong phú, thu hút đông đảo quần chúng nhân dân tham gia hưởng ứng tích cực.",
]


def _tree(sections):
    return [(s.key, s.number, s.title, s.level, _tree(s.children)) for s in sections]


TREES = [
    pytest.param(
        ["I. KẾT QUẢ THỰC HIỆN", "1. Công tác tuyên truyền", *PARA, "a) Tuyên truyền trên báo chí", *PARA,
         "b) Tuyên truyền tại cơ sở", *PARA, "2. Công tác phòng ngừa", *PARA,
         "II. PHƯƠNG HƯỚNG, NHIỆM VỤ", *PARA],
        [("I", "I", "KẾT QUẢ THỰC HIỆN", 1, [
            ("I/1", "1", "Công tác tuyên truyền", 2, [
                ("I/1/a", "a", "Tuyên truyền trên báo chí", 3, []),
                ("I/1/b", "b", "Tuyên truyền tại cơ sở", 3, [])]),
            ("I/2", "2", "Công tác phòng ngừa", 2, [])]),
         ("II", "II", "PHƯƠNG HƯỚNG, NHIỆM VỤ", 1, [])],
        id="roman-arabic-letters",
    ),
    pytest.param(
        ["1. Tình hình an ninh trật tự", "1.1. Về an ninh chính trị", *PARA, "1.2. Về trật tự xã hội", *PARA,
         "2. Kết quả thực hiện", *PARA, "Tồn tại, hạn chế", *PARA, "3. Phương hướng", *PARA],
        [("1", "1", "Tình hình an ninh trật tự", 1, [
            ("1/1.1", "1.1", "Về an ninh chính trị", 2, []),
            ("1/1.2", "1.2", "Về trật tự xã hội", 2, [])]),
         ("2", "2", "Kết quả thực hiện", 1, [("2/Tồn tại, hạn chế", None, "Tồn tại, hạn chế", 2, [])]),
         ("3", "3", "Phương hướng", 1, [])],
        id="dotted-and-unnumbered",
    ),
    pytest.param(
        ["A. KẾT QUẢ ĐẠT ĐƯỢC", "I. Công tác lãnh đạo, chỉ đạo", *PARA, "II. Công tác phối hợp", *PARA,
         "B. PHƯƠNG HƯỚNG NHIỆM VỤ", *PARA],
        [("A", "A", "KẾT QUẢ ĐẠT ĐƯỢC", 1, [
            ("A/I", "I", "Công tác lãnh đạo, chỉ đạo", 2, []),
            ("A/II", "II", "Công tác phối hợp", 2, [])]),
         ("B", "B", "PHƯƠNG HƯỚNG NHIỆM VỤ", 1, [])],
        id="upper-letters-over-roman",
    ),
    pytest.param(
        ["Điều 1. Thành lập Tổ công tác liên ngành phòng, chống tội phạm.", *PARA,
         "Điều 2. Tổ công tác có nhiệm vụ tham mưu cho Ủy ban nhân dân tỉnh.", *PARA,
         "Điều 3. Quyết định này có hiệu lực kể từ ngày ký."],
        [("Điều 1", "Điều 1", "Thành lập Tổ công tác liên ngành phòng, chống tội phạm", 1, []),
         ("Điều 2", "Điều 2", "Tổ công tác có nhiệm vụ tham mưu cho Ủy ban nhân dân tỉnh", 1, []),
         ("Điều 3", "Điều 3", "Quyết định này có hiệu lực kể từ ngày ký", 1, [])],
        id="articles",
    ),
    pytest.param(
        # a wrapped line that starts with a year or a symbol is not a heading
        ["1. Công tác chỉ đạo", "Ủy ban nhân dân tỉnh đã ban hành Kế hoạch triển khai trong giai đoạn 2021 -",
         "2025. Trong đó xác định rõ nhiệm vụ trọng tâm, giải pháp chủ yếu và phân công",
         "cụ thể cho từng cơ quan, đơn vị theo Quyết định số",
         "1479/QĐ-TTg ngày 29/11/2022 của Thủ tướng Chính phủ.", "2. Kết quả", *PARA],
        [("1", "1", "Công tác chỉ đạo", 1, []), ("2", "2", "Kết quả", 1, [])],
        id="no-false-headings",
    ),
    pytest.param(
        ["I. Thời gian: 08 giờ, ngày 09 tháng 10 năm 2025 (Thứ Năm).",
         "II. Địa điểm: Trực tiếp tại Trụ sở Chính phủ và kết nối trực tuyến đến Trụ sở",
         "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.",
         "III. Thành phần: Lãnh đạo các Bộ, cơ quan ngang Bộ."],
        [("I", "I", "Thời gian", 1, []), ("II", "II", "Địa điểm", 1, []), ("III", "III", "Thành phần", 1, [])],
        id="inline-titles",
    ),
]


@pytest.mark.parametrize("body, tree", TREES)
def test_section_tree(body, tree):
    report = seg(HEAD + OPEN + body)
    assert _tree(report.sections) == tree
    assert report.opening.text.startswith("Thực hiện Kế hoạch số 15/KH-UBND")
    keys = [s.key for s in report.walk_sections()]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    "text, want",
    [
        ("I. KẾT QUẢ THỰC HIỆN", ("roman", "I", "KẾT QUẢ THỰC HIỆN")),
        ("IV. Kiến nghị, đề xuất", ("roman", "IV", "Kiến nghị, đề xuất")),
        ("1.2.1. Về công tác tuyên truyền", ("dotted", "1.2.1", "Về công tác tuyên truyền")),
        ("1.2 Về trật tự xã hội", ("dotted", "1.2", "Về trật tự xã hội")),
        ("3) Tổ chức thực hiện", ("arabic", "3", "Tổ chức thực hiện")),
        ("b) Kết quả cụ thể", ("letter", "b", "Kết quả cụ thể")),
        ("đ) Các nhiệm vụ khác", ("letter", "đ", "Các nhiệm vụ khác")),
        ("PHẦN I. TÌNH HÌNH", ("part", "Phần I", "TÌNH HÌNH")),
        ("Chương II QUY ĐỊNH CHUNG", ("part", "Chương II", "QUY ĐỊNH CHUNG")),
        ("2025. Trong đó", None),
        ("1479/QĐ-TTg ngày 29/11/2022", None),
        ("- Như trên;", None),
        ("100% phóng viên", None),
    ],
)
def test_match_heading(text, want):
    assert match_heading(text) == want


@pytest.mark.parametrize(
    "rest, title, text",
    [
        ("Thời gian: 08 giờ, ngày 09/10/2025.", "Thời gian", "08 giờ, ngày 09/10/2025."),
        ("Công tác chỉ đạo, triển khai thực hiện", "Công tác chỉ đạo, triển khai thực hiện", ""),
        ("Bộ Y tế: Mời đại diện lãnh đạo một số đơn vị", "Bộ Y tế", "Mời đại diện lãnh đạo một số đơn vị"),
        ("Kết quả. Trong kỳ đã tổ chức 12 cuộc", "Kết quả", "Trong kỳ đã tổ chức 12 cuộc"),
    ],
)
def test_split_title(rest, title, text):
    assert split_title(rest) == (title, text)


def test_paragraphs_rejoined_across_lines_and_pages_and_bullets_kept_apart():
    page1 = HEAD + OPEN + [
        "1. Công tác tuyên truyền",
        "Trong kỳ, các cơ quan báo chí trên địa bàn tỉnh đã đăng tải nhiều tin, bài về",
    ]
    page2 = [
        "công tác phòng, chống tội phạm; phòng, chống mua bán người. Kết quả cụ thể:",
        "- Báo Lạng Sơn đăng tải 25 tin, bài tuyên truyền về phòng, chống tội phạm và",
        "mua bán người trên các chuyên trang, chuyên mục;",
        "- Đài Phát thanh và Truyền hình tỉnh phát sóng 12 phóng sự.",
        "2. Phương hướng",
        *PARA,
    ]
    report = seg(page1, page2)
    s1 = report.sections[0]
    assert s1.text.split("\n") == [
        "Trong kỳ, các cơ quan báo chí trên địa bàn tỉnh đã đăng tải nhiều tin, bài về công tác phòng, chống "
        "tội phạm; phòng, chống mua bán người. Kết quả cụ thể:",
        "- Báo Lạng Sơn đăng tải 25 tin, bài tuyên truyền về phòng, chống tội phạm và mua bán người trên các "
        "chuyên trang, chuyên mục;",
        "- Đài Phát thanh và Truyền hình tỉnh phát sóng 12 phóng sự.",
    ]
    assert s1.page == 1
    offset = s1.text.index("công tác phòng, chống tội phạm; phòng")
    assert dict(s1.page_starts) == {0: 1, offset: 2}
    [passage] = [p for p in report.passages() if p.section == "1"]
    assert passage.page_at(passage.text.index("Báo Lạng Sơn")) == 2
    assert passage.page_at(passage.text.index("Trong kỳ")) == 1


def _word(lines: list[str], fmt: str = "docx"):
    """A Word file as the DOCX reader gives it: a line per paragraph, each spanning the text width."""
    from pipeline.model import Document, Line, Page

    built, y = [], 0.0
    for t in lines:
        built.append(Line(t, 1, (0.0, y, 481.9, y + 15.6), 13.0))
        y += 15.6
    return Document(f"test.{fmt}", "0" * 64, fmt, (Page(1, tuple(built), "plain", 481.9),), "plain")


# (body paragraphs of a Word file, [(number, title, paragraphs of its text)])
WORD_BODIES = [
    pytest.param(
        ["1. Mục đích",
         "Nâng cao nhận thức, trách nhiệm của các cấp, các ngành và người dân đối với công tác cải cách hành chính.",
         "Tạo sự chuyển biến rõ nét trong việc giải quyết thủ tục hành chính cho người dân, doanh nghiệp.",
         "2. Yêu cầu",
         "Các cơ quan, đơn vị chủ động xây dựng kế hoạch cụ thể, phân công nhiệm vụ rõ ràng."],
        [("1", "Mục đích", 2), ("2", "Yêu cầu", 1)],
        id="heading-without-stop-then-sentence",
    ),
    pytest.param(
        ["1. Về công tác chỉ đạo",
         "Sở Y tế đã tham mưu Ủy ban nhân dân tỉnh ban hành Công văn số 1366/UBND-VX ngày 11/9/2020",
         "triển khai công tác phòng, chống bạo lực gia đình trên địa bàn tỉnh.",
         "2. Về tổ chức thực hiện",
         "Duy trì hoạt động của 41 câu lạc bộ và 125 địa chỉ tin cậy tại cộng đồng."],
        [("1", "Về công tác chỉ đạo", 1), ("2", "Về tổ chức thực hiện", 1)],
        id="hard-return-inside-a-sentence-is-joined",
    ),
    pytest.param(
        ["1. Đánh giá chung",
         "Công tác phối hợp giữa Sở Nội vụ và Sở Giáo dục và Đào tạo ngày càng chặt chẽ, kịp thời tháo gỡ khó khăn",
         "Nhìn chung, công tác phòng, chống tội phạm được các cấp, các ngành quan tâm triển khai đồng bộ.",
         "2. Nhiệm vụ thời gian tới",
         "Các cơ quan, đơn vị khẩn trương triển khai thực hiện."],
        [("1", "Đánh giá chung", 2), ("2", "Nhiệm vụ thời gian tới", 1)],
        id="paragraph-without-final-stop",
    ),
]


@pytest.mark.parametrize("fmt", ["docx", "doc"])
@pytest.mark.parametrize("body, want", WORD_BODIES)
def test_word_file_lines_are_paragraphs(body, want, fmt):
    from pipeline.segment import segment

    report = segment(_word(HEAD + [" ".join(OPEN)] + body, fmt))
    got = [(s.number, s.title, len(s.text.split("\n"))) for s in report.sections]
    assert got == want


FOOTNOTE_BODY = HEAD + OPEN + [
    "1. Công tác chỉ đạo",
    "Công an tỉnh đã ban hành các văn bản1 chỉ đạo Phòng PV01, Đội K1 và Công an",
    "các huyện triển khai thực hiện nghiêm túc, hiệu quả các nhiệm vụ đề ra trong",
    "1Kế hoạch số 12/KH-CAT ngày 05/01/2025; Công văn số 30/CAT-PV01 ngày 10/01/2025 của Công an tỉnh về",
    "triển khai công tác phòng, chống tội phạm năm 2025.",
    "năm, gắn với phong trào toàn dân bảo vệ an ninh Tổ quốc tại Lâm Đồng2.",
    "2 Phong trào được phát động theo Chỉ thị số 09/CT-TTg ngày 10/5/2024.",
    "2. Kết quả",
    "Đã phát hiện, xử lý 25 vụ vi phạm pháp luật về trật tự xã hội trên địa bàn.",
]


def test_footnotes_plain_text():
    report = seg(FOOTNOTE_BODY)
    notes = [(f.marker, f.anchor_section, f.text) for f in report.footnotes]
    assert notes == [
        ("1", "1", "Kế hoạch số 12/KH-CAT ngày 05/01/2025; Công văn số 30/CAT-PV01 ngày 10/01/2025 của Công an "
                   "tỉnh về triển khai công tác phòng, chống tội phạm năm 2025."),
        ("2", "1", "Phong trào được phát động theo Chỉ thị số 09/CT-TTg ngày 10/5/2024."),
    ]
    text = report.sections[0].text
    # the markers are taken out of the body, the codes that only look like them are not
    assert "các văn bản chỉ đạo Phòng PV01, Đội K1 và Công an" in text
    assert "tại Lâm Đồng." in text
    # the paragraph the footnote interrupted is whole again
    assert "nhiệm vụ đề ra trong năm, gắn với phong trào" in text


def test_digit_after_word_is_not_a_marker_without_a_footnote():
    report = seg(HEAD + OPEN + ["1. Công tác chỉ đạo", "Phòng PC02, Đội 1 và tổ công tác số1 đã triển khai kế hoạch.",
                                "2. Kết quả", *PARA])
    assert report.footnotes == ()
    assert "tổ công tác số1 đã" in report.sections[0].text


def test_closing_and_passages_are_what_segment_emitted():
    report = seg(HEAD + OPEN + ["1. Kết quả", *PARA,
                                "Trên đây là báo cáo kết quả công tác phòng, chống tội phạm 6 tháng đầu năm",
                                "2025 của Công an tỉnh./."])
    assert report.closing.text == ("Trên đây là báo cáo kết quả công tác phòng, chống tội phạm 6 tháng đầu năm "
                                   "2025 của Công an tỉnh./.")
    assert report.period.label == "6 tháng đầu năm 2025"
    assert (report.period.start, report.period.end) == ("2025-01-01", "2025-06-30")
    texts = [p.text for p in report.passages()]
    assert report.opening.text in texts and report.closing.text in texts


@pytest.mark.parametrize(
    "subject, doc_type, label",
    [
        ("Kết quả công tác quý I năm 2023", "Báo cáo", "quý I năm 2023"),
        ("Tình hình, kết quả thực hiện công tác cải cách thủ tục hành chính tháng 01/2025", "Báo cáo", "tháng 01/2025"),
        ("Tổng kết công tác năm 2024 và phương hướng nhiệm vụ năm 2025", "Báo cáo", "năm 2024"),
        ("Kết quả thực hiện từ ngày 15/12/2022 đến ngày 14/3/2023", "Báo cáo", "từ ngày 15/12/2022 đến ngày 14/3/2023"),
        ("Sơ kết công tác 6 tháng đầu năm 2025", "Báo cáo", "6 tháng đầu năm 2025"),
        ("góp ý dự thảo Quyết định số 2269/QĐ-TTg ngày 31/12/2021", "Công văn", None),
        # a report sent as a letter covers its period; a plan's year is not a reporting period
        ("báo cáo kết quả công tác phòng, chống tội phạm quý II/2023", "Công văn", "quý II/2023"),
        ("Triển khai công tác phòng, chống ma túy năm 2023", "Kế hoạch", None),
        ("Tuyên truyền phổ biến giáo dục pháp luật 6 tháng cuối năm 2024", "Kế hoạch", None),
    ],
)
def test_period_from_subject(subject, doc_type, label):
    title = None if doc_type == "Công văn" else doc_type.upper()
    lines = ([title, subject] if title else ["Số: 12/UBND-KT", f"V/v {subject}"]) + ["Kính gửi: Sở Nội vụ."] + OPEN
    report = seg(lines)
    assert report.header.doc_type == doc_type
    assert (report.period.label if report.period else None) == label


# Roman heading numbers as OCR misreads them, in a report numbered I., II., III.: (headings as
# read, numbers expected). A misreading is taken only when it gives the number expected next.
OCR_ROMAN = [
    (["IL. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "H. KẾT QUẢ THỰC HIỆN", "HI. KHÓ KHĂN, VƯỚNG MẮC", "IV. PHƯƠNG HƯỚNG"],
     ["I", "II", "III", "IV"]),
    (["l. ĐẶC ĐIỂM TÌNH HÌNH", "I1. KẾT QUẢ", "III. KIẾN NGHỊ"], ["I", "II", "III"]),
    (["I. TÌNH HÌNH", "Il. NHIỆM VỤ", "1II. ĐỀ XUẤT"], ["I", "II", "III"]),
    # lower-case titles are not Roman-level headings; "H." out of turn is not II
    (["I. TÌNH HÌNH", "H. Nguyễn đã báo cáo", "II. KẾT QUẢ"], ["I", "II"]),
]


@pytest.mark.parametrize("headings,numbers", OCR_ROMAN)
def test_ocr_misread_roman_headings(headings, numbers):
    lines = ["Thực hiện Công văn số 715/BCĐ-CAT ngày 06/3/2023 của Ban Chỉ đạo 138 tỉnh, Sở Y tế báo",
             "cáo kết quả công tác phòng, chống ma túy như sau:"]
    for h in headings:
        lines = lines + [h, "Các cơ quan, đơn vị đã quán triệt nghiêm túc kết luận của Bộ Chính trị, đưa nội",
                         "dung công tác phòng, chống ma túy vào chương trình công tác trọng tâm."]
    report = seg(HEAD + lines)
    assert [s.number for s in report.sections] == numbers, headings


# OCR of a page with a footnote: the superscript number becomes a mark ("bản!", "! Quyết định") and
# the footnote is only told by its smaller print at the page foot. Each case: the body line with the
# anchor, the footnote's lines as read, the footnote expected (marker, text).
OCR_FOOTNOTES = [
    ("Sở đã xây dựng các văn bản! định hướng công tác phòng, chống thiên tai cho các",
     ["! Quyết định số 2620/QĐ-BCĐ ngày 11 tháng 10 năm 2023 của Ban Chỉ đạo 138 tỉnh về việc triển khai công",
      "tác phòng, chống thiên tai và tìm kiếm cứu nạn."],
     ("1", "Quyết định số 2620/QĐ-BCĐ ngày 11 tháng 10 năm 2023 của Ban Chỉ đạo 138 tỉnh về việc triển khai "
           "công tác phòng, chống thiên tai và tìm kiếm cứu nạn.")),
    ("Sở đã ban hành các văn bản¹ hướng dẫn triển khai công tác xây dựng nông thôn mới đến",
     ["¹Kế hoạch số 485/KH-UBND ngày 23/7/2017 của UBND tỉnh về việc đôn đốc báo cáo kết quả thực hiện."],
     ("1", "Kế hoạch số 485/KH-UBND ngày 23/7/2017 của UBND tỉnh về việc đôn đốc báo cáo kết quả thực hiện.")),
]


@pytest.mark.parametrize("anchor,note,expected", OCR_FOOTNOTES)
def test_ocr_footnote_marks(anchor, note, expected):
    from pipeline.model import Document, Line, Page
    from pipeline.segment import segment

    body = HEAD + ["1. Về công tác chỉ đạo", anchor] + [
        "các đơn vị trực thuộc và các địa phương. Thông qua các hoạt động đã góp phần nâng",
        "cao nhận thức, trách nhiệm của cán bộ, đảng viên và nhân dân về công tác phòng."]
    lines = [Line(t, 1, (90.0, 100.0 + 18 * i, 556.0, 113.0 + 18 * i), 13.5, confidence=95.0) for i, t in enumerate(body)]
    lines += [Line(t, 1, (90.0, 740.0 + 12 * i, 555.0, 750.0 + 12 * i), 10.0, confidence=92.0) for i, t in enumerate(note)]
    report = segment(Document("scan.pdf", "0" * 64, "pdf", (Page(1, tuple(lines), "ocr", width=595.0, height=842.0),), "ocr"))
    assert [(f.marker, f.text) for f in report.footnotes] == [expected], note
    assert "!" not in report.sections[0].text and "¹" not in report.sections[0].text
