"""OCR slips in the fixed words of headers and signer blocks, corrected against the lexicons only
when unambiguous (pipeline/read/lexicon.py). The slips are the ones Tesseract made on the real scans
of corpus/real and of the development scans."""
from __future__ import annotations

import pytest

from pipeline.model import Line
from pipeline import vocab
from pipeline.read.lexicon import correct, correct_surname, unit_name
from pipeline.read.ocr import correct_line


@pytest.mark.parametrize("ocr,fixed", [
    ("LẦM ĐỎNG", "LÂM ĐỒNG"),                                        # tone marks
    ("UBND TỈNH LÂM ĐÒNG", "UBND TỈNH LÂM ĐỒNG"),
    ("EHÓ CÚC TRƯỞNG", "PHÓ CỤC TRƯỞNG"),                            # a letter and a tone mark
    ("bHÓ THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"),                              # the seal's edge glued to the P
    ("THƯ TRƯỞNG", "THỨ TRƯỞNG"),
    ("PHÓ CHÚ TỊCH", "PHÓ CHỦ TỊCH"),
    ("ỦY BẠN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),
    ("ỦY BAN NHÂN DÂN THANH PHO HÀ NỌI", "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"),
    ("THÀNH PHÓ HỖ CHÍ MINH", "THÀNH PHỐ HỒ CHÍ MINH"),
    ("QUYÉT ĐỊNH", "QUYẾT ĐỊNH"),
    ("PHÓ GIẢM ĐỐC", "PHÓ GIÁM ĐỐC"),
    ("ỦY BAN NHÂN DÂN TỈNH ĐÁK LÁK", "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"),  # kh-243 (the alias "Dak Lak" is no rival)
    ("UÝ BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN"),      # cv-808 prints "UỶ": the mark stays on the vowel OCR read it on
    ("ÚY BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),      # a mark read on the U stays on the U (cv-874, bc-38 print "ỦY")
    ("CỘNG HOÁ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
])
def test_slips_are_corrected(ocr, fixed):
    assert correct(ocr) == fixed


@pytest.mark.parametrize("text", [
    "TRƯƠNG MINH ĐƯƠNG",           # a name one letter from the province BÌNH DƯƠNG: most words must match
    "CÔNG AN TỈNH ĐÔNG",           # one word alone is never rewritten (ĐÔNG / ĐỒNG)
    "UỶ BAN NHÂN DÂN",             # a tone-placement variant is as printed
    "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "SỞ TƯ PHÁP", "BỘ CÔNG AN", "THỦ TƯỚNG CHÍNH PHỦ",
])
def test_right_or_unknown_text_is_left_alone(text):
    assert correct(text) == text


@pytest.mark.parametrize("ocr,fixed", [
    ("Thành phó Hỗ Chí Minh, ngày 09 tháng 02 năm 2021", "Thành phố Hồ Chí Minh, ngày 09 tháng 02 năm 2021"),
    ("Lâm Dông. ngày2Otháng 8 năm 2025", "Lâm Đồng. ngày2Otháng 8 năm 2025"),
    ("cộng đông trên địa bàn tỉnh Lâm Đông.", "cộng đông trên địa bàn tỉnh Lâm Đồng."),
    ("Trương Minh Đương", "Trương Minh Đương"),
    ("thành phố trực thuộc trung ương", "thành phố trực thuộc trung ương"),
    # a unit's name with the apostrophe its header prints (the agency line and the place: "ĐĂK R’LẤP", "Đắk R’lấp")
    ("Kết quả thực hiện công tác Tiếp công dân của Lãnh đạo UBND huyện Đắk R'lấp tháng 6/2019",  # bc-179, bc-74
     "Kết quả thực hiện công tác Tiếp công dân của Lãnh đạo UBND huyện Đắk R’lấp tháng 6/2019"),
    ("- Trung tâm phát triển quỹ đất huyện ĐắkR'lấp;", "- Trung tâm phát triển quỹ đất huyện ĐắkR’lấp;"),  # cv-874
    ("theo Quyết định 'về việc' của 'Sở'", "theo Quyết định 'về việc' của 'Sở'"),  # quotes, no unit: as read
])
def test_ocr_lines_keep_what_was_read_in_original(ocr, fixed):
    line = correct_line(Line(ocr, 1, confidence=90.0))
    assert line.text == fixed
    assert line.original == (ocr if fixed != ocr else None)


# Names with capitals in running text and Nơi nhận items, their marks slipped, as Tesseract read them on the
# development scans (tb-ubnd-ha-noi-treo-co, tb-229-vp-ubnd-ha-noi, tb-666-stttt-ben-tre, ct-11-ubnd-ha-noi,
# tm-155-syt-kien-giang, bc-2287-syt-kien-giang of corpus/eval/dev): every word is the phrase's once folded
@pytest.mark.parametrize("ocr,fixed", [
    ("- Thường trực HĐND Thành phó;", "- Thường trực HĐND Thành phố;"),
    ("- Sở TTTT các tỉnh, Thành phó;", "- Sở TTTT các tỉnh, Thành phố;"),
    ("Đại hội đại biểu toàn quốc Mặt trận Tô quốc Việt Nam lần thứ XI", "Đại hội đại biểu toàn quốc Mặt trận Tổ quốc Việt Nam lần thứ XI"),
    ("- Tinh ủy, HĐND, UBND tỉnh;", "- Tỉnh ủy, HĐND, UBND tỉnh;"),
    ("của Ban Châp hành Trung ương (khóa XI)", "của Ban Chấp hành Trung ương (khóa XI)"),
    ("Căn cứ Nghi quyêt số 104/2017/NQ-HĐND", "Căn cứ Nghị quyết số 104/2017/NQ-HĐND"),
    ("- Ban Dận vận Tỉnh ủy;", "- Ban Dân vận Tỉnh ủy;"),
    ("trên địa bàn Thành phó tham gia Chiến dịch", "trên địa bàn Thành phố tham gia Chiến dịch"),
])
def test_names_in_running_text_are_corrected_when_folded_equal(ocr, fixed):
    line = correct_line(Line(ocr, 1, confidence=90.0))
    assert line.text == fixed
    assert line.original == ocr


# Words that fold to a lexicon phrase but are words of their own, as the same scans print them: a slip is
# told from a word by the dictionary (underthesea's Viet74K), never by the phrase list alone
@pytest.mark.parametrize("text", [
    "Thủ trưởng các cơ quan, đơn vị",          # the head of an agency, not THỨ TRƯỞNG
    "Bộ Tư lệnh Hải quân và Cục Hải quan",      # the navy and the customs
    "Ban Chỉ huy Quân sự huyện",                # not "Quận"
    "Phòng Quản lý đô thị",
    "chống “Diễn biến hoà bình”",               # not the province Điện Biên
    "trên địa bàn Thành phố",                   # "bàn" of "địa bàn" is no "Ban"
    "bàn Thành phố tham gia",                   # a line that starts inside a word: a name starts with its capital
    "dân tính trong năm",                       # lower case alone is never a name
])
def test_words_that_fold_like_a_phrase_stay(text):
    assert correct(text, folded_only=True) == text
    assert correct_line(Line(text, 1, confidence=90.0)).text == text


def test_without_the_dictionary_nothing_is_corrected_on_folded_letters(monkeypatch):
    from pipeline.read import lexicon

    monkeypatch.setattr(lexicon, "word_pairs", lambda: None)
    assert correct("- Thường trực HĐND Thành phó;", folded_only=True) == "- Thường trực HĐND Thành phó;"


def test_family_names():
    assert correct_surname("Trân Sỹ Thanh") == "Trần Sỹ Thanh"
    assert correct_surname("Nguyên Hoài Nam") == "Nguyễn Hoài Nam"
    assert correct_surname("Trương Minh Đương") == "Trương Minh Đương"
    assert correct_surname("Lê Văn An") == "Lê Văn An"


# agency lines and places against the administrative units (pipeline/vocab/admin_units.tsv): the lines as
# Tesseract read them on the development scans, and what each page prints
@pytest.mark.parametrize("ocr,fixed", [
    ("HUYỆN ĐĂK R°LÁP", "HUYỆN ĐĂK R’LẤP"),    # bc-144: the apostrophe read as a degree sign; "ĐĂK" as printed stays
    ("HUYỆN ĐÁK R°LÁP", "HUYỆN ĐẮK R’LẤP"),    # cv-874: "ĐẮK" printed, its breve lost
    ("XÃ ĐÁK RU", "XÃ ĐẮK RU"),                # bc-38
    ("THANH TRA TÍNH", "THANH TRA TỈNH"),      # bc-93: a head and its level, no name after it
    ("UBND TÍNH PHÚ THỌ", "UBND TỈNH PHÚ THỌ"),
    ("Đắk R lấp, ngày 22 tháng 7 năm 2019", "Đắk R’lấp, ngày 22 tháng 7 năm 2019"),  # gm-01: apostrophe read as a space
    ("Krông Nổ, ngày 29 tháng 5 năm 2019", "Krông Nô, ngày 29 tháng 5 năm 2019"),
])
def test_unit_names_are_spelled_as_the_unit_is(ocr, fixed):
    line = correct_line(Line(ocr, 1, confidence=90.0))
    assert line.text == fixed
    assert line.original == ocr


@pytest.mark.parametrize("text", [
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",        # "XÃ" before no unit's name
    "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",      # cv-651: "XÃ HỘI" ends the line; "Hội" is too short a name
    "ỦY BAN NHÂN DÂN HUYỆN KRÔNG NÔ",           # cv-808, right already
    "UỶ BAN NHÂN DÂN HUYỆN ĐĂK R’LẤP",          # bc-144 as printed
    "Đăk R’lấp, ngày 16 tháng 5 năm 2019",
    "Hà Nội, ngày 24 tháng 7 năm 2025",
    "UBND TỈNH HÒA BÌNH",                         # corpus/generated: the source's "Hoà Bình", typed the other way
    "TP. Hồ Chí Minh, ngày 25 tháng 02 năm 2021",
    "Tân Lập Hà Nội, ngày 1 tháng 1 năm 2020",  # more than a name before "ngày": no unit
    "Luật Xây Dựng ngày 18 tháng 6 năm 2014",   # no comma before "ngày": no place
    "địa phương ngày 22 tháng 11 năm 2019;",     # qd-222: running text, one letter from "Gia Phương"
])
def test_right_or_unknown_unit_text_is_left_alone(text):
    assert correct_line(Line(text, 1, confidence=90.0)).text == text


def test_two_units_as_close_are_no_answer():
    # "Yên Phụ" and "Yên Phú" (both in the list) share their letters: read with the last mark lost,
    # OCR could be either, and the name is left as read. The closer of two names is taken
    # ("Quan Thành" one mark away, "Quán Thánh" two).
    assert unit_name("YÊN PHU") is None
    assert unit_name("QUAN THANH") == "QUAN THÀNH"


def test_units_of_both_eras_are_listed():
    units = vocab.admin_units()
    before = {u.province for u in units if u.era == "before"}
    after = {u.province for u in units if u.era == "after"}
    assert (len(before), len(after)) == (63, 34)
    assert sum(u.kind == "Huyện" and u.era == "before" for u in units) > 400
    assert not any(u.era == "after" and u.district for u in units)  # no district level after 1 July 2025
    # the source spells this one "Đăk Glong": printed "ĐẮK" stays, a lost mark gives the source's spelling
    assert unit_name("ĐẮK GLONG") == "ĐẮK GLONG" and unit_name("ĐÁK GLONG") == "ĐĂK GLONG"


# agency lines of the development scans misread on one word's marks, no phrase of the lexicon around it
@pytest.mark.parametrize("ocr,fixed", [
    ("SƠ Y TE", "SỞ Y TẾ"),                                                   # bc-1983 (Sở Y tế Kiên Giang)
    ("SỞ LAO ĐỌNG - TBXH", "SỞ LAO ĐỘNG - TBXH"),                             # bc-248 (Đắk Nông)
    ("SỞ VĂN HÓA, THẺ THAO VÀ DU LỊCH", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"),   # ctph (An Giang)
    ("SỞ Y TÉ KIÊN GIANG", "SỞ Y TẾ KIÊN GIANG"),                             # kh-09, the parent agency
    ("SỞ Y TẺ BẮC NINH", "SỞ Y TẾ BẮC NINH"),                                 # cv-6191, the parent agency
    ("SỞ TƯ PHAP", "SỞ TƯ PHÁP"),
])
def test_agency_words_are_corrected_by_their_marks(ocr, fixed):
    from pipeline.read.lexicon import correct_agency_words

    assert correct_agency_words(ocr) == fixed


@pytest.mark.parametrize("text", [
    "BỆNH VIỆN ĐA KHOA TỈNH",             # ĐA is no misread ĐÀ: no known name puts ĐÀ before KHOA
    "TRƯỜNG THPT NGUYỄN TRÃI",            # a person's name in a school's: no NGUYÊN before TRÃI in a known name
    "ỦY BAN NHÂN DÂN HUYỆN TĨNH GIA",     # after the unit's kind a place's name (correct_units' part), not TỈNH
    "VĂN PHÒNG HĐND - UBND HUYỆN ĐĂK R’LẤP",
    "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "UỶ BAN NHÂN DÂN", "SỞ VĂN HOÁ, THỂ THAO VÀ DU LỊCH",
])
def test_agency_lines_read_right_stay(text):
    from pipeline.read.lexicon import correct_agency_words

    assert correct_agency_words(text) == text


# the "Nơi nhận" label as Tesseract read it on dev scans (corpus/eval/dev), and lines that are no label
@pytest.mark.parametrize("text, label", [
    ("Nởơi nhận:", True),  # bc-1983-syt-kien-giang: a vowel read twice
    ("Nơi nhận:", True),
    ("Nơinhận:", True),
    ("Nơi nhậm:", True),
    ("Người nhận: ông Nguyễn Văn A", False),
    ("Nội dung báo cáo", False),
])
def test_the_distribution_label_as_ocr_reads_it(text, label):
    from pipeline.read.lexicon import is_layout_label

    assert is_layout_label(text) is label


# loose: the label's two words alone, up to half of each word's letters off, two in all
@pytest.mark.parametrize("text, label", [
    ("Nơi mạn:", True),   # bc-248-sldtbxh-dak-nong: the h lost, the n read m
    ("Nơi nhận:", True),
    ("Nai nhận:", True),  # cv-808-ubnd-huyen-krong-no
    ("Nơi gửi:", True),
    ("Nội dung:", False),
    ("Nơi sinh:", False),
    ("Người nhận:", False),
    ("Nơi m:", False),
])
def test_a_loose_distribution_label(text, label):
    from pipeline.read.lexicon import is_layout_label

    assert is_layout_label(text, loose=True) is label


# words OCR ran together on the scans of corpus/eval/dev (tb-18 Cục Lâm nghiệp, qd-707-ttg, tb-229 VP UBND Hà Nội):
# set apart into the dictionary's syllables, by the cut whose neighbours make words of it
@pytest.mark.parametrize("ocr,fixed", [
    ("BỘNÔNGNGHIỆP", "BỘ NÔNG NGHIỆP"),  # not "BỘN ÔNG NGHIỆP": "nông nghiệp" is a word
    ("GỔNG THÔNGTIN tohiojpni Ï TS", "GỔNG THÔNG TIN tohiojpni Ï TS"),
    ("Nơinhận: “", "Nơi nhận: “"),
])
def test_words_run_together_are_set_apart(ocr, fixed):
    from pipeline.read.lexicon import split_glued

    assert split_glued(ocr) == fixed
    line = correct_line(Line(ocr, page=1, bbox=(0, 0, 100, 10), confidence=90.0))
    assert line.text.startswith(fixed.split()[0]) and line.original == ocr


# the same scans: acronyms, addresses, e-mail names and brand names (no Vietnamese mark, or a run of letters the
# dictionary's syllables do not cut), OCR's garbles, and words of the dictionary stay as read
@pytest.mark.parametrize("text", ["CNVCLĐ", "http://thanhtra.daknong.gov.vn", "Tập đoàn Vingroup", "CHíwHPHủ",
                                  "IrưỜng", "Ôtháng", "nghiêng", "khuyến khích", "Thường trực", "- Lưu: VT, pthtran (HT)."])
def test_words_not_run_together_stay(text):
    from pipeline.read.lexicon import split_glued

    assert split_glued(text) == text
