"""Legacy encodings (TCVN3/ABC and VNI-Windows): every Vietnamese letter, both cases, and real lines."""
import pytest

from pipeline.read.encodings import (
    detect_legacy_encoding,
    tcvn3_to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
    vni_to_unicode,
)
from pipeline.text import VIETNAMESE_LETTERS

LOWER = [c for c in VIETNAMESE_LETTERS if c not in "aeiouy"]
UPPER = [c.upper() for c in LOWER]


def test_alphabet_is_complete():
    # 67 lower-case letters with a diacritic (or đ), each with its capital
    assert len(LOWER) == 67 and len(set(UPPER)) == 67


@pytest.mark.parametrize("letter", LOWER)
def test_tcvn3_lower_round_trip(letter):
    code = unicode_to_tcvn3(letter)
    assert len(code) == 1 and "\u00a0" < code <= "\u00fe", (letter, code)
    assert tcvn3_to_unicode(code) == letter


@pytest.mark.parametrize("letter", UPPER)
def test_tcvn3_upper(letter):
    code = unicode_to_tcvn3(letter)
    assert len(code) == 1
    # the seven capitals with their own code come back as themselves; the others need the caps font
    if letter in "ĂÂÊÔƠƯĐ":
        assert tcvn3_to_unicode(code) == letter
    else:
        assert code == unicode_to_tcvn3(letter.lower())
    assert tcvn3_to_unicode(code, upper=True) == letter


def test_tcvn3_codes_are_distinct_per_lower_letter():
    codes = [unicode_to_tcvn3(c) for c in LOWER]
    assert len(set(codes)) == len(codes)


@pytest.mark.parametrize("letter", LOWER + UPPER)
def test_vni_round_trip(letter):
    code = unicode_to_vni(letter)
    assert code != letter or letter in "ìíÌÍ"  # VNI kept these four at their Latin-1 places
    assert vni_to_unicode(code) == letter


# (Unicode, TCVN3 as the .VnTime font stored it) from documents of the corpus and the national motto
TCVN3_LINES = [
    ("Cộng hoà xã hội chủ nghĩa Việt Nam", "Céng hoµ x· héi chñ nghÜa ViÖt Nam"),
    ("Độc lập - Tự do - Hạnh phúc", "§éc lËp - Tù do - H¹nh phóc"),
    ("Kính gửi: Ủy ban nhân dân tỉnh Lâm Đồng", "KÝnh göi: ñy ban nh©n d©n tØnh L©m §ång"),
    ("về việc chỉ đạo thực hiện công tác cai nghiện ma túy", "vÒ viÖc chØ ®¹o thùc hiÖn c«ng t¸c cai nghiÖn ma tóy"),
]


@pytest.mark.parametrize("unicode,legacy", TCVN3_LINES)
def test_tcvn3_lines(unicode, legacy):
    assert tcvn3_to_unicode(legacy) == unicode.replace("Ủ", "ủ")  # Ủ has no code of its own
    assert unicode_to_tcvn3(unicode) == legacy


VNI_LINES = [
    ("Cộng hòa xã hội chủ nghĩa Việt Nam", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
    ("Độc lập - Tự do - Hạnh phúc", "Ñoäc laäp - Töï do - Haïnh phuùc"),
    ("Người ký: Trưởng phòng", "Ngöôøi kyù: Tröôûng phoøng"),
]


@pytest.mark.parametrize("unicode,legacy", VNI_LINES)
def test_vni_lines(unicode, legacy):
    assert vni_to_unicode(legacy) == unicode
    assert unicode_to_vni(unicode) == legacy


SENTENCE = (
    "Thực hiện Kế hoạch số 45/KH-UBND ngày 10/3/2023 của Ủy ban nhân dân tỉnh về công tác tuyên truyền "
    "phòng, chống tội phạm, Sở Thông tin và Truyền thông báo cáo kết quả thực hiện như sau"
)


@pytest.mark.parametrize(
    "text,expected",
    [
        (unicode_to_tcvn3(SENTENCE), "tcvn3"),
        (unicode_to_vni(SENTENCE), "vni"),
        (SENTENCE, None),
        ("Report on the implementation of the anti-crime communication plan in the first quarter", None),
        ("Cdng hda xa hdi chu nghia Viet Nam Doc lap Tu do Hanh phuc", None),  # English OCR of Vietnamese
        ("§éc lËp", None),  # too short to tell
    ],
)
def test_detect_legacy_encoding(text, expected):
    assert detect_legacy_encoding(text) == expected


# TCVN3 capitals with a tone share the lower-case code: converted headings get their capitals back
CAPS = [
    ("ñY BAN NH¢N D¢N", "ỦY BAN NHÂN DÂN"),
    ("HUYÖN CÈM XUY£N", "HUYỆN CẨM XUYÊN"),
    ("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("I. T×NH H×NH TRIÓN KHAI THùC HIÖN", "I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN"),
    ("Sè: 231/BC-UBND", "Số: 231/BC-UBND"),  # a symbol with digits is no evidence of capitals
    ("C¨n cø C«ng v¨n sè 212/UBND-VP ngµy 07/02/2018", "Căn cứ Công văn số 212/UBND-VP ngày 07/02/2018"),
    ("a) VÒ c«ng t¸c chØ ®¹o", "a) Về công tác chỉ đạo"),
]


@pytest.mark.parametrize("legacy,unicode", CAPS)
def test_tcvn3_capitals_restored(legacy, unicode):
    from pipeline.read.encodings import convert_legacy

    assert convert_legacy(legacy, "tcvn3") == unicode


@pytest.mark.parametrize("fonts,expected", [
    ([".VnTime", ".VnTime", ".VnTimeH"], "tcvn3"),
    (["ABCDEF+.VnArial", "ABCDEF+.VnArial,Bold"], "tcvn3"),
    (["VnTime", "VnTime"], "tcvn3"),
    (["VNI-Times", "VNI-Times", "VNI-Times"], "vni"),  # the VNI families are not TCVN3's .Vn fonts
    (["GHIJKL+VNI-Helve", "GHIJKL+VNI-Helve-Bold"], "vni"),
    (["VNI Times", "VNI Times"], "vni"),
    (["TimesNewRomanPSMT", "ArialMT"], None),
])
def test_the_legacy_encoding_of_a_pdf_line_from_its_font_names(fonts, expected):
    from pipeline.read.pdf import _legacy_font

    assert _legacy_font(fonts) == expected
