"""Document numbers and references (pipeline.nlp.symbols, pipeline.nlp.references), one case per line.

Sentences from the seed report, the digital PDFs of corpus/real (cv-1668, cv-507, tb-11, cd-2003)
and the usual wording of documents under Decree 30/2020/NĐ-CP.
"""
import pytest

from pipeline.nlp.references import find_references, resolve_short_forms
from pipeline.nlp.symbols import find_symbols, parse_symbol

SYMBOLS = [
    # text, number, type_code, issuer_code, unit_code
    ("492/STTTT-TTBCXB", "492/STTTT-TTBCXB", None, "STTTT", "TTBCXB"),
    ("30/2020/NĐ-CP", "30/2020/NĐ-CP", "NĐ", "CP", None),
    ("21-CT/TW", "21-CT/TW", "CT", "TW", None),
    ("496-TB/TU", "496-TB/TU", "TB", "TU", None),
    ("35-KL/TW", "35-KL/TW", "KL", "TW", None),
    ("12-HD/BTGTW", "12-HD/BTGTW", "HD", "BTGTW", None),
    ("45/KH-UBND", "45/KH-UBND", "KH", "UBND", None),
    ("715/BCĐ-CAT", "715/BCĐ-CAT", None, "BCĐ", "CAT"),
    ("715/BCÐ-CAT", "715/BCĐ-CAT", None, "BCĐ", "CAT"),  # Ð U+00D0 from a text layer
    ("3O/2O2O/NĐ-CP", "30/2020/NĐ-CP", "NĐ", "CP", None),  # O for 0
    ("12/2019/ND-CP", "12/2019/NĐ-CP", "NĐ", "CP", None),  # D for Đ
    ("45 /CV-PA83", "45/CV-PA83", "CV", "PA83", None),
    ("2003 /CĐ-VPCP", "2003/CĐ-VPCP", "CĐ", "VPCP", None),
    ("1668 /STP-BTTP", "1668/STP-BTTP", None, "STP", "BTTP"),
    ("507 /UBND-KGVX", "507/UBND-KGVX", None, "UBND", "KGVX"),
    ("202/2025/QH15", "202/2025/QH15", None, "QH15", None),
    ("298/TTr-CAT-PC04", "298/TTr-CAT-PC04", "TTr", "CAT", "PC04"),
    ("04/QĐ-BCĐ138", "04/QĐ-BCĐ138", "QĐ", "BCĐ138", None),
    ("963/SNV-CCHC&VTLT", "963/SNV-CCHC&VTLT", None, "SNV", "CCHC&VTLT"),
    ("5240/BCA-V01", "5240/BCA-V01", None, "BCA", "V01"),
    ("855/CAT-PA05", "855/CAT-PA05", None, "CAT", "PA05"),
    ("932/QĐ-TTg", "932/QĐ-TTg", "QĐ", "TTg", None),
    ("01/2011/TT-BNV", "01/2011/TT-BNV", "TT", "BNV", None),
    ("01/2020/TTLT-BCA-BQP", "01/2020/TTLT-BCA-BQP", "TTLT", "BCA-BQP", None),
]


@pytest.mark.parametrize("text,number,type_code,issuer_code,unit_code", SYMBOLS, ids=[s[0] for s in SYMBOLS])
def test_parse_symbol(text, number, type_code, issuer_code, unit_code):
    s = parse_symbol(text)
    assert s is not None, text
    assert (s.number, s.type_code, s.issuer_code, s.unit_code) == (number, type_code, issuer_code, unit_code), text


@pytest.mark.parametrize("text", [
    "14/3/2023", "tỉnh/thành phố", "Phòng PV01 - Công an tỉnh", "COVID-19", "24/7", "TH(2)", "1/2 số",
    "3O/2O2O/XYZ-ABC",  # a repaired number must still have a known code
])
def test_not_a_symbol(text):
    assert find_symbols(text) == [], text


REFS = [
    # sentence, [(type, number, title, date, issuer)]
    ("Thực hiện Công văn số 715/BCĐ-CAT ngày 06/3/2023 của Ban chỉ đạo 138 tỉnh về việc báo cáo kết quả",
     [("Công văn", "715/BCĐ-CAT", None, "2023-03-06", "Ban Chỉ đạo 138 tỉnh")]),
    ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư",
     [("Nghị định", "30/2020/NĐ-CP", None, "2020-03-05", "Chính phủ")]),
    ("thực hiện Quyết định 932/QĐ-TTg", [("Quyết định", "932/QĐ-TTg", None, None, "Thủ tướng Chính phủ")]),
    ("theo Chỉ thị số 21-CT/TW của Ban Bí thư", [("Chỉ thị", "21-CT/TW", None, None, "Ban Bí thư")]),
    ("Thông báo 496-TB/TU về kết luận", [("Thông báo", "496-TB/TU", None, None, None)]),
    ("Kế hoạch số 45/KH-UBND ngày 12/4/2023 của UBND tỉnh", [("Kế hoạch", "45/KH-UBND", None, "2023-04-12", "Ủy ban nhân dân tỉnh")]),
    ("Công văn số 963/SNV-CCHC&VTLT của Sở Nội vụ", [("Công văn", "963/SNV-CCHC&VTLT", None, None, "Sở Nội vụ")]),
    ("Thực hiện Nghị quyết số 202/2025/QH15 ngày 12/06/2025 của Quốc hội về việc sắp xếp đơn vị hành chính",
     [("Nghị quyết", "202/2025/QH15", None, "2025-06-12", "Quốc hội")]),
    ("Quyết định số 856/QĐ-TTg ngày 19/7/2022 của Thủ tướng Chính phủ phê duyệt Điều lệ",
     [("Quyết định", "856/QĐ-TTg", None, "2022-07-19", "Thủ tướng Chính phủ")]),
    ("Công văn số 358/LĐLSVN-BTV ngày 16/7/2025 của Liên Đoàn Luật sư Việt Nam về việc hướng dẫn",
     [("Công văn", "358/LĐLSVN-BTV", None, "2025-07-16", "Liên đoàn Luật sư Việt Nam")]),
    ("Ngày 31/7/2025, Sở Tư pháp đã có Công văn số 223/STP-BTTP về việc hợp nhất",
     [("Công văn", "223/STP-BTTP", None, None, None)]),
    ("Đoàn Luật sư có Tờ trình số 220/TTr-ĐLS ngày 03/10/2025 về việc đề nghị",
     [("Tờ trình", "220/TTr-ĐLS", None, "2025-10-03", None)]),
    ("theo đề nghị của Bộ Thông tin và Truyền thông tại Công văn số 202/BTTTT-KHTC ngày 21/01/2025 về việc góp ý",
     [("Công văn", "202/BTTTT-KHTC", None, "2025-01-21", "Bộ Thông tin và Truyền thông")]),
    ("theo Quyết định số 1479/QĐ-TTg ngày 29/11/2022 của Thủ tướng Chính phủ đã đảm bảo",
     [("Quyết định", "1479/QĐ-TTg", None, "2022-11-29", "Thủ tướng Chính phủ")]),
    ("Công văn số 1128/STP-BTTP V/v hoàn thiện Đề án", [("Công văn", "1128/STP-BTTP", None, None, None)]),
    ("căn cứ Thông tư số 01/2011/TT-BNV ngày 19/01/2011 của Bộ Nội vụ",
     [("Thông tư", "01/2011/TT-BNV", None, "2011-01-19", "Bộ Nội vụ")]),
    ("Công văn số 45 /CV-PA83 ngày 05/01/2018 của Phòng PA83",
     [("Công văn", "45/CV-PA83", None, "2018-01-05", "Phòng PA83")]),
    ("thực hiện Nghị định 3O/2O2O/NĐ-CP", [("Nghị định", "30/2020/NĐ-CP", None, None, "Chính phủ")]),
    ("Công văn số 715/BCÐ-CAT ngày 06/3/2023", [("Công văn", "715/BCĐ-CAT", None, "2023-03-06", None)]),
    # lists sharing one head
    ("các Công văn số 20/STTTT-TTBCXB, 58/STTTT-TTBCXB",
     [("Công văn", "20/STTTT-TTBCXB", None, None, None), ("Công văn", "58/STTTT-TTBCXB", None, None, None)]),
    ("các Quyết định số 12/QĐ-UBND ngày 05/01/2024 và số 34/QĐ-UBND ngày 10/02/2024",
     [("Quyết định", "12/QĐ-UBND", None, "2024-01-05", None), ("Quyết định", "34/QĐ-UBND", None, "2024-02-10", None)]),
    # a date only after the number
    ("Ngày 16/10/2025, Sở Tư pháp ban hành Công văn số 1128/STP-BTTP", [("Công văn", "1128/STP-BTTP", None, None, None)]),
    # titles
    ("Đề án “Tăng cường phòng, chống tội phạm về đa dạng sinh học đến năm 2030, tầm nhìn đến năm 2050”;",
     [("Đề án", None, "Tăng cường phòng, chống tội phạm về đa dạng sinh học đến năm 2030, tầm nhìn đến năm 2050", None, None)]),
    ("Luật Phòng, chống mua bán người năm 2024", [("Luật", None, "Luật Phòng, chống mua bán người", None, None)]),
    ("căn cứ quy định tại Luật Luật sư năm 2006, được sửa đổi", [("Luật", None, "Luật Luật sư", None, None)]),
    ("Luật Ban hành văn bản quy phạm pháp luật ngày 22/6/2015;", [("Luật", None, "Luật Ban hành văn bản quy phạm pháp luật", None, None)]),
    # bare numbers
    ("theo 932/QĐ-TTg", [("Quyết định", "932/QĐ-TTg", None, None, "Thủ tướng Chính phủ")]),
    # not references
    ("hợp nhất Đoàn Luật sư tỉnh Lâm Đồng", []),
    ("Trên đây là Báo cáo kết quả tuyên truyền", []),
    ("các văn bản chỉ đạo khác có liên quan", []),
    ("Số: 1668 /STP-BTTP", []),
]


@pytest.mark.parametrize("sentence,expected", REFS, ids=[r[0][:60] for r in REFS])
def test_find_references(sentence, expected):
    got = [(r.type, r.number, r.title, r.date, r.issuer) for r in find_references(sentence)]
    assert got == expected, sentence
    for r in find_references(sentence):
        assert sentence[r.span[0]:r.span[1]] == r.text


@pytest.mark.parametrize("sentence,subject", [
    ("Công văn số 58/STTTT-TTBCXB ngày 10/01/2023 tuyên truyền phòng ngừa tội phạm lừa đảo trên mạng xã hội, mạng viễn thông; Công văn số 293/STTTT-TTBCXB",
     "tuyên truyền phòng ngừa tội phạm lừa đảo trên mạng xã hội, mạng viễn thông"),
    ("Công văn số 715/BCĐ-CAT ngày 06/3/2023 của Ban chỉ đạo 138 tỉnh về việc báo cáo kết quả công tác phòng, chống tội phạm; phòng, chống mua bán người quý I/2023, Sở Thông tin và Truyền thông báo cáo",
     "báo cáo kết quả công tác phòng, chống tội phạm; phòng, chống mua bán người quý I/2023"),
    ("Công văn số 1128/STP-BTTP V/v hoàn thiện Đề án hợp nhất đoàn Luật sư tỉnh Lâm Đồng.", "hoàn thiện Đề án hợp nhất đoàn Luật sư tỉnh Lâm Đồng"),
])
def test_subject(sentence, subject):
    assert find_references(sentence)[0].subject == subject, sentence


def test_short_forms_resolve_when_unambiguous():
    text = ("Thực hiện Kế hoạch số 45/KH-UBND ngày 12/4/2023 của UBND tỉnh. Triển khai Kế hoạch số 45, "
            "Sở đã ban hành Công văn số 20/STTTT-TTBCXB. Công văn nêu trên yêu cầu")
    refs = resolve_short_forms(find_references(text))
    short = [r for r in refs if r.text in ("Kế hoạch số 45", "Công văn nêu trên")]
    assert [(r.number, r.resolved) for r in short] == [("45/KH-UBND", True), ("20/STTTT-TTBCXB", True)]
    assert short[0].date == "2023-04-12"


def test_short_forms_left_unresolved_when_ambiguous():
    text = "Công văn số 20/STTTT-TTBCXB và Công văn số 58/STTTT-TTBCXB. Công văn nêu trên; Quyết định nêu trên"
    refs = resolve_short_forms(find_references(text))
    short = [r for r in refs if "nêu trên" in r.text]
    assert [(r.type, r.number, r.resolved) for r in short] == [("Công văn", None, False), ("Quyết định", None, False)]
