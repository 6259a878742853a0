"""A trích yếu runs to the issuing authority's line printed under it (Decree 30, Appendix I: a quyết định,
nghị quyết or thông tư prints "CHÍNH PHỦ", "HỘI ĐỒNG NHÂN DÂN …", "BỘ TRƯỞNG BỘ …" right under its subject),
however wide OCR measured its lines. The lines are the OCR of page 1 of two scans of corpus/eval/dev, as
Tesseract read them (text, confidence, box)."""
from __future__ import annotations

import pytest

from pipeline.model import Document, Line, Page
from pipeline.segment import segment

NQ_168 = [  # nq-168-cp-chuong-trinh-hanh-dong-nq-26-tw-2022-page1-scan: the second line wider than a centred one
    ("CHÍNH PHỦ", 96.7, (134.2, 40.6, 208.6, 53.3)),
    ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", 95.3, (277.2, 38.6, 548.2, 54.5)),
    ("Độc lập - Tự do - Hạnh phúc", 94.5, (326.2, 56.2, 498.0, 70.3)),
    ("Hà Nội, ngày 30 tháng 12 năm 2022", 92.6, (307.7, 88.3, 516.0, 102.2)),
    ("NGHỊ QUYẾT", 91.2, (278.9, 120.2, 369.1, 136.1)),
    ("Ban hành Chương trình hành động của Chính phủ thực hiện", 96.0, (144.7, 138.0, 501.8, 159.1)),
    ("Nghị quyết số 26-NQ/T W ngày 03 tháng 11 năm 2022 của Bộ Chính trị", 94.2, (115.2, 153.8, 531.8, 175.9)),
    ("về phát triển kinh tế - xã hội và bảo đảm quốc phòng, an ninh vùng Bắc", 95.8, (113.0, 167.5, 534.5, 190.8)),
    ("Trung bộ và duyên hải Trung Bộ đến năm 2030, tầm nhìn đến năm 2045", 96.3, (110.4, 183.6, 537.1, 202.1)),
    ("CHÍNH PHỦ", 96.9, (283.9, 223.7, 363.4, 237.4)),
    ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi,", 89.5, (132.0, 246.5, 542.4, 269.8)),
    ("bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền", 92.7, (103.0, 263.5, 543.6, 282.0)),
    ("địa phương ngày 22 tháng 11 năm 2019;", 89.2, (102.2, 283.7, 331.9, 301.9)),
    ("Theo đề nghị của Bộ trưởng Bộ Kế hoạch và Đầu tư.", 94.6, (131.5, 348.7, 426.7, 365.5)),
    ("QUYẾT NGHỊ:", 92.6, (276.0, 377.0, 369.4, 392.2)),
]
NQ_19 = [  # nq-19-hdnd-ha-noi-ql1a-2026-scan: a line as wide as the body's under the "Về việc" line
    ("HỘI ĐỒNG NHÂN DÂN", 81.3, (114.2, 62.4, 253.9, 76.3)),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 96.1, (282.2, 62.9, 529.9, 76.3)),
    ("THÀNH PHỐ HÀ NỘI", 92.6, (119.3, 78.7, 248.2, 91.4)),
    ("Độc lập - Tự do - Hạnh phúc", 94.9, (320.9, 79.0, 491.0, 92.2)),
    ("Hà Nội, ngày 14 tháng 5 năm 2026", 92.2, (306.2, 108.5, 505.9, 122.9)),
    ("NGHỊ QUYẾT", 89.5, (272.4, 138.2, 361.7, 153.6)),
    ("Về việc quyết định chủ trương đầu tư", 91.0, (209.5, 159.8, 425.3, 181.2)),
    ("Dự án trục không gian Quốc lộ 1A gắn với chỉnh trang và tái thiết đô thị theo", 96.7, (95.5, 175.7, 537.8, 197.5)),
    ("phương thức đối tác công tư (PPP), loại hợp đồng xây dựng - chuyển giao", 93.7, (106.3, 191.5, 527.0, 214.6)),
    ("(BT), đoạn từ đường Vành đai 1 đến nút giao Cầu Giẽ.", 92.3, (159.8, 207.8, 473.5, 223.7)),
    ("HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI", 82.8, (170.2, 239.3, 463.0, 255.4)),
    ("KHÓA XVII, KỲ HỌP THỨ 02", 85.5, (222.0, 255.1, 411.1, 271.0)),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", 93.4, (127.0, 293.0, 539.5, 309.4)),
    ("Căn cứ Luật Thủ đô ngày 28 tháng 6 năm 2024;", 96.0, (126.7, 317.5, 394.6, 330.5)),
    ("Căn cứ Luật Đầu tư theo phương thức đối tác công tư ngày 18 tháng 6", 94.6, (126.7, 336.7, 541.9, 353.3)),
    ("năm 2020;", 96.5, (90.5, 355.4, 149.0, 366.7)),
]


def _header(lines, width=595.0):
    page = Page(1, tuple(Line(t, 1, box, round((box[3] - box[1]) / 0.8 * 2) / 2, confidence=conf) for t, conf, box in lines),
                "ocr", width=width, height=842.0)
    return segment(Document("scan.pdf", "0" * 64, "pdf", (page,), "ocr")).header


@pytest.mark.parametrize("lines, subject", [
    (NQ_168, "Ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 26-NQ/T W ngày 03 tháng 11 năm "
             "2022 của Bộ Chính trị về phát triển kinh tế - xã hội và bảo đảm quốc phòng, an ninh vùng Bắc Trung bộ và "
             "duyên hải Trung Bộ đến năm 2030, tầm nhìn đến năm 2045"),
    (NQ_19, "Về việc quyết định chủ trương đầu tư Dự án trục không gian Quốc lộ 1A gắn với chỉnh trang và tái thiết đô "
            "thị theo phương thức đối tác công tư (PPP), loại hợp đồng xây dựng - chuyển giao (BT), đoạn từ đường Vành "
            "đai 1 đến nút giao Cầu Giẽ."),
])
def test_the_subject_runs_to_the_authority_line(lines, subject):
    header = _header(lines)
    assert header.doc_type == "Nghị quyết"
    assert header.subject == subject


def test_a_body_sentence_before_the_authority_is_no_subject():
    # the same page with a sentence ending inside the block: the body's, so the subject is its first line
    lines = list(NQ_168)
    lines[6] = ("Nghị quyết số 26-NQ/TW ngày 03 tháng 11 năm 2022 của Bộ Chính trị.", 94.2, (115.2, 153.8, 531.8, 175.9))
    assert _header(lines).subject == "Ban hành Chương trình hành động của Chính phủ thực hiện"
