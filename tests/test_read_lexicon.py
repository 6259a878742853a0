"""OCR slips in the fixed words of headers and signer blocks, corrected against the lexicons only
when unambiguous (pipeline/read/lexicon.py). The slips are the ones Tesseract made on the real scans
of corpus/real and of the development scans."""
from __future__ import annotations

import pytest

from pipeline.model import Line
from pipeline.read.lexicon import correct, correct_surname
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
])
def test_ocr_lines_keep_what_was_read_in_original(ocr, fixed):
    line = correct_line(Line(ocr, 1, confidence=90.0))
    assert line.text == fixed
    assert line.original == (ocr if fixed != ocr else None)


def test_family_names():
    assert correct_surname("Trân Sỹ Thanh") == "Trần Sỹ Thanh"
    assert correct_surname("Nguyên Hoài Nam") == "Nguyễn Hoài Nam"
    assert correct_surname("Trương Minh Đương") == "Trương Minh Đương"
    assert correct_surname("Lê Văn An") == "Lê Văn An"
