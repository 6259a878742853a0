"""The text-layer verdict and the e-signature stamp patterns, one real line per case."""
import pytest

from pipeline.read.encodings import unicode_to_tcvn3
from pipeline.read.quality import judge_text_layer, stamp_strength, syllable_share, valid_syllable

# (line, strength) — stamp lines as the signing systems print them, and document lines that look close
STAMPS = [
    ("Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi", "strong"),
    ("Thời gian ký: 24/01/2025 14:23:43", "strong"),
    ("Thời gian ký: 2025-11-25T17:01:58+07:00", "strong"),
    ("TRUNG TÂM CÔNG BÁO", "strong"),
    ("24.01.2025 20:06:24 +07:00", "strong"),
    ("SAO Y; CÔNG AN TỈNH LÂM ĐỒNG; Thời gian ký: 2025-08-20T15:14:49+07:00", "strong"),
    ("SAO Y", "strong"),
    ("Cơ quan: Tỉnh Quảng Ngãi", "weak"),
    ("ttcbth@quangngai.gov.vn", "weak"),
    ("+07:00", "weak"),
    ("VÀ TIN HỌC", "weak"),
    ("ỦY BAN NHÂN DÂN", None),
    ("Quảng Ngãi, ngày 24 tháng 01 năm 2025", None),
    ("Sở Thông tin và Truyền thông", None),
    ("hộp thư điện tử dangkyhop@chinhphu.vn trước 14 giờ, ngày 08 tháng 10 năm 2025", None),
    ("- Cổng TTĐT tỉnh;", None),
]


@pytest.mark.parametrize("line,strength", STAMPS)
def test_stamp_strength(line, strength):
    assert stamp_strength(line) == strength


@pytest.mark.parametrize("word,ok", [
    ("nghiêng", True), ("Quảng", True), ("người", True), ("khuyến", True), ("tỉnh", True), ("gì", True),
    ("CØNG", False), ("HØI", False), ("tdng", False), ("ngdy", False), ("hóà", False), ("Phric", False),
])
def test_valid_syllable(word, ok):
    assert valid_syllable(word) is ok


BODY = ("Thực hiện Kế hoạch số 45/KH-UBND ngày 10/3/2023 của Ủy ban nhân dân tỉnh về công tác tuyên truyền "
        "phòng, chống tội phạm, Sở Thông tin và Truyền thông báo cáo kết quả thực hiện quý I năm 2023 như sau")
# page 1 of tb-493's own (English OCR) text layer, and of ttr-298's (a font mapped to the wrong codes)
ENGLISH_OCR = ("uY BAN NgAN nAN ceNG HoA xA ugr cuu xcuia vrET NAM TINH LAMDONG DQc l$p - Tg do - H4nh phric "
               "tu6n cria tldng chi Nguy6n Ngoc Phric -'Tinh fry vi6n, Ph6 Ch[ tich LJBND tinh t4i bu6i thm viQc "
               "nghe b6o c6o tl6nh gi6 kiit qu6 vh gi6i ph6p n6ng cao c6c chi s6")
MOJIBAKE = ("BØCÔNG AN CÔNG AN TÈNH LÂM ÒNG CØNG HOÀXÃ HØI CHæNGH(AVIÆT NAM Ùc l-p - Tå do - H¡nh phúc "
            "V/vxin chçtr°¡ng tri¿n khai thñce hiÇn công tác cai nghiÇn ma túy tñ nguyÇn t¡i gia ình, "
            "cÙng Óng trên Ëa bàn tÉnh Lâm Óng Kính gíi: Óng chí Chç tËch UBND tinh Lâm Óng.")


@pytest.mark.parametrize("text,has_image,use,reason", [
    (BODY, False, "text-layer", ""),
    (BODY, True, "text-layer", ""),  # a good layer over a scan (OCR'd PDF done right) is used
    (unicode_to_tcvn3(BODY), False, "legacy", "TCVN3"),
    (ENGLISH_OCR, True, "ocr", "no Vietnamese diacritics"),
    (MOJIBAKE, True, "ocr", "garbled"),
    ("", True, "ocr", "no text layer"),
    ("", False, "text-layer", ""),  # a blank page: nothing to OCR
    ("Trang 12", True, "ocr", "almost no text"),
])
def test_judge_text_layer(text, has_image, use, reason):
    verdict = judge_text_layer(text, has_image=has_image)
    assert verdict.use == use
    assert reason in verdict.reason


def test_garbled_measures():
    from pipeline.read.quality import foreign_share

    assert syllable_share(BODY) > 0.9 and foreign_share(BODY) == 0
    assert syllable_share(ENGLISH_OCR) < 0.6
    assert foreign_share(MOJIBAKE) > 0.2
