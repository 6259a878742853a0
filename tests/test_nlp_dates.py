"""Dates and periods (pipeline.grammar.dates), one case per line: sentence, expected (text, kind, start, end).

Sentences are from the seed report, the real PDFs of corpus/real and the usual wording of reports
under Decree 30/2020/NĐ-CP.
"""
import pytest

from pipeline.grammar.dates import find_dates

CASES = [
    # days
    ("Thực hiện Công văn số 715/BCĐ-CAT ngày 06/3/2023 của Ban chỉ đạo", [("06/3/2023", "day", "2023-03-06", "2023-03-06")]),
    ("Công văn số 20/STTTT-TTBCXB ngày 05/01/2023 của Sở Thông tin", [("05/01/2023", "day", "2023-01-05", "2023-01-05")]),
    ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư", [("05/3/2020", "day", "2020-03-05", "2020-03-05")]),
    ("Lạng Sơn, ngày 06 tháng 3 năm 2023", [("06 tháng 3 năm 2023", "day", "2023-03-06", "2023-03-06")]),
    ("Quảng Ngãi, ngày 9 tháng 5 năm 2025", [("9 tháng 5 năm 2025", "day", "2025-05-09", "2025-05-09")]),
    ("Hà Nội, ngày 07 tháng 10 năm 2025", [("07 tháng 10 năm 2025", "day", "2025-10-07", "2025-10-07")]),
    ("HÀ NỘI, NGÀY 07 THÁNG 10 NĂM 2025", [("07 THÁNG 10 NĂM 2025", "day", "2025-10-07", "2025-10-07")]),
    ("Quyết định số 04/QĐ-BCĐ138 ban hành ngày 06-3-2023", [("06-3-2023", "day", "2023-03-06", "2023-03-06")]),
    ("hạn chót ngày 6.3.2023.", [("6.3.2023", "day", "2023-03-06", "2023-03-06")]),
    ("Thông tư số 01/2011/TT-BNV ngày 19/01/2011 của Bộ Nội vụ", [("19/01/2011", "day", "2011-01-19", "2011-01-19")]),
    ("Luật Ban hành văn bản quy phạm pháp luật ngày 22/6/2015;", [("22/6/2015", "day", "2015-06-22", "2015-06-22")]),
    ("gửi về Sở Nội vụ trước ngày 15/8/2025 để tổng hợp", [("15/8/2025", "day", "2025-08-15", "2025-08-15")]),
    # impossible dates and symbols are not dates
    ("báo cáo ngày 31/02/2023 sai", []),
    ("ngày 30 tháng 2 năm 2024", []),
    ("Nghị định số 30/2020/NĐ-CP", []),
    ("Thông tư 01/2011/TT-BNV", []),
    ("Quyết định 932/QĐ-TTg", []),
    ("Chỉ thị số 21-CT/TW", []),
    ("Ban Chỉ đạo 138 tỉnh (Phòng PV01 - Công an tỉnh)", []),
    ("số điện thoại 0203.3812.345", []),
    # ranges
    ("Từ ngày 15/12/2022 đến 14/3/2023 đã đăng tải trên 30 tin, bài", [("Từ ngày 15/12/2022 đến 14/3/2023", "range", "2022-12-15", "2023-03-14")]),
    ("số liệu từ ngày 15/12/2022 đến ngày 14/3/2023", [("từ ngày 15/12/2022 đến ngày 14/3/2023", "range", "2022-12-15", "2023-03-14")]),
    ("(số liệu tính từ ngày 15/12/2024 đến ngày 14/6/2025)", [("từ ngày 15/12/2024 đến ngày 14/6/2025", "range", "2024-12-15", "2025-06-14")]),
    ("số liệu từ ngày 15/12 đến 14/3/2023", [("từ ngày 15/12 đến 14/3/2023", "range", "2022-12-15", "2023-03-14")]),
    ("từ ngày 01/01/2023 - 31/3/2023", [("từ ngày 01/01/2023 - 31/3/2023", "range", "2023-01-01", "2023-03-31")]),
    ("tổ chức trong 02 ngày 09-10/10/2025 tại Hà Nội", [("09-10/10/2025", "range", "2025-10-09", "2025-10-10")]),
    ("từ tháng 01 đến tháng 3 năm 2023", [("từ tháng 01 đến tháng 3 năm 2023", "range", "2023-01-01", "2023-03-31")]),
    ("từ tháng 10/2024 đến tháng 3/2025", [("từ tháng 10/2024 đến tháng 3/2025", "range", "2024-10-01", "2025-03-31")]),
    ("Chương trình giai đoạn 2021 - 2025", [("giai đoạn 2021 - 2025", "range", "2021-01-01", "2025-12-31")]),
    ("Kế hoạch giai đoạn 2026-2030", [("giai đoạn 2026-2030", "range", "2026-01-01", "2030-12-31")]),
    ("từ năm 2021 đến năm 2025", [("từ năm 2021 đến năm 2025", "range", "2021-01-01", "2025-12-31")]),
    # months
    ("kết quả tháng 3/2023", [("tháng 3/2023", "month", "2023-03-01", "2023-03-31")]),
    ("báo cáo tháng 3 năm 2023", [("tháng 3 năm 2023", "month", "2023-03-01", "2023-03-31")]),
    ("BÁO CÁO THÁNG 02 NĂM 2024", [("THÁNG 02 NĂM 2024", "month", "2024-02-01", "2024-02-29")]),
    ("trong tháng 12-2024", [("tháng 12-2024", "month", "2024-12-01", "2024-12-31")]),
    ("Hà Nội, ngày      tháng 8 năm 2025", [("tháng 8 năm 2025", "month", "2025-08-01", "2025-08-31")]),
    # quarters
    ("phòng, chống mua bán người quý I năm 2023", [("quý I năm 2023", "quarter", "2023-01-01", "2023-03-31")]),
    ("mua bán người quý I/2023, Sở Thông tin", [("quý I/2023", "quarter", "2023-01-01", "2023-03-31")]),
    ("Trong quý I/2023, Sở Thông tin và Truyền thông", [("quý I/2023", "quarter", "2023-01-01", "2023-03-31")]),
    ("Báo cáo Quý 1/2023", [("Quý 1/2023", "quarter", "2023-01-01", "2023-03-31")]),
    ("kết quả quý IV-2024", [("quý IV-2024", "quarter", "2024-10-01", "2024-12-31")]),
    ("BÁO CÁO QUÝ III NĂM 2025", [("QUÝ III NĂM 2025", "quarter", "2025-07-01", "2025-09-30")]),
    ("kết quả quí II năm 2022", [("quí II năm 2022", "quarter", "2022-04-01", "2022-06-30")]),
    ("trong quý I, II năm 2023", [("quý I, II năm 2023", "quarter", "2023-01-01", "2023-06-30")]),
    ("trong quý I và quý II năm 2023", [("quý I và quý II năm 2023", "quarter", "2023-01-01", "2023-06-30")]),
    ("nhiệm vụ trọng tâm quý II", []),
    # halves and first months
    ("Báo cáo 6 tháng đầu năm 2025", [("6 tháng đầu năm 2025", "half", "2025-01-01", "2025-06-30")]),
    ("phương hướng 6 tháng cuối năm 2024", [("6 tháng cuối năm 2024", "half", "2024-07-01", "2024-12-31")]),
    ("kết quả sáu tháng đầu năm 2023", [("sáu tháng đầu năm 2023", "half", "2023-01-01", "2023-06-30")]),
    ("BÁO CÁO SƠ KẾT 06 THÁNG ĐẦU NĂM 2024", [("06 THÁNG ĐẦU NĂM 2024", "half", "2024-01-01", "2024-06-30")]),
    ("kết quả 9 tháng đầu năm 2025", [("9 tháng đầu năm 2025", "range", "2025-01-01", "2025-09-30")]),
    ("kết quả nửa đầu năm 2025", [("nửa đầu năm 2025", "half", "2025-01-01", "2025-06-30")]),
    ("kết quả sáu tháng đầu năm", []),
    # the first months with "đầu" left out, as reports and statistics write them (bc-2154-syt-kien-giang of
    # corpus/eval/dev; "Tính chung 9 tháng năm 2023" of a statistics office's release), always with the year
    ("Báo cáo kết quả hoạt động 10 tháng năm 2017", [("10 tháng năm 2017", "range", "2017-01-01", "2017-10-31")]),
    ("Tính chung 9 tháng năm 2023, vốn đầu tư", [("9 tháng năm 2023", "range", "2023-01-01", "2023-09-30")]),
    ("BÁO CÁO SÁU THÁNG NĂM 2019", [("SÁU THÁNG NĂM 2019", "half", "2019-01-01", "2019-06-30")]),
    # a day before it: a date whose month was left blank, no period
    ("Hà Nội, ngày 15 tháng năm 2024", [("năm 2024", "year", "2024-01-01", "2024-12-31")]),
    ("Đắk Nông, ngày 5  tháng  năm 2019", [("năm 2019", "year", "2019-01-01", "2019-12-31")]),
    # years
    ("Luật Phòng, chống mua bán người năm 2024", [("năm 2024", "year", "2024-01-01", "2024-12-31")]),
    ("đến năm 2030, tầm nhìn đến năm 2050", [("năm 2030", "year", "2030-01-01", "2030-12-31"), ("năm 2050", "year", "2050-01-01", "2050-12-31")]),
    ("kế hoạch công tác năm 2025 của Sở", [("năm 2025", "year", "2025-01-01", "2025-12-31")]),
    ("trong 5 năm qua", []),
    # several in one sentence
    (
        "Công văn số 58/STTTT-TTBCXB ngày 10/01/2023; Công văn số 293/STTTT-TTBCXB ngày 17/02/2023",
        [("10/01/2023", "day", "2023-01-10", "2023-01-10"), ("17/02/2023", "day", "2023-02-17", "2023-02-17")],
    ),
]


@pytest.mark.parametrize("sentence,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_find_dates(sentence, expected):
    got = [(d.text, d.kind, d.start, d.end) for d in find_dates(sentence)]
    assert got == expected, sentence
    for d in find_dates(sentence):
        assert sentence[d.span[0]:d.span[1]] == d.text


@pytest.mark.parametrize("sentence,year,expected", [
    ("kết quả sáu tháng đầu năm", 2025, ("sáu tháng đầu năm", "half", "2025-01-01", "2025-06-30")),
    ("nhiệm vụ trọng tâm quý II", 2024, ("quý II", "quarter", "2024-04-01", "2024-06-30")),
    ("kết quả 9 tháng đầu năm", 2023, ("9 tháng đầu năm", "range", "2023-01-01", "2023-09-30")),
])
def test_yearless_periods_take_the_given_year(sentence, year, expected):
    assert [(d.text, d.kind, d.start, d.end) for d in find_dates(sentence, year=year)] == [expected]


# a date printed or read with its spacing or a digit wrong, set right before it is read, each character mapped back
# to the text it came from (the lines of corpus/eval/dev documents the reference tests cite in full)
@pytest.mark.parametrize("window,fixed", [
    ("ngày 17 tháng 02 năm 2017của Chính", "ngày 17 tháng 02 năm 2017 của Chính"),   # TT 18/2021/TT-BLĐTBXH
    ("ngày 13 tháng11 năm 2007 của Thanh", "ngày 13 tháng 11 năm 2007 của Thanh"),   # TT 2442/2007/TT-TTCP
    ("ngày 14 /4/2026 của Sở GDĐT)", "ngày 14/4/2026 của Sở GDĐT)"),                # kh-362 SGDĐT Đồng Tháp
    ("ngày 29/1 1/2024 của", "ngày 29/11/2024 của"),                                # NQ 19 HĐND Hà Nội, OCR
    ("ngày l8 tháng 6\nnăm 2020;", "ngày 18 tháng 6\nnăm 2020;"),                  # NQ 19, OCR's l for 1
    ("ngày 18 tháng 6 năm 2020;", "ngày 18 tháng 6 năm 2020;"),                    # nothing to set right
])
def test_respaced_date(window, fixed):
    from pipeline.grammar.dates import respaced_date

    got, where = respaced_date(window)
    assert got == fixed and len(where) == len(got)
    assert where == sorted(where) and all(0 <= i < len(window) for i in where)
    kept = [c for c, i in zip(got, where) if window[i] == c]
    assert len(kept) >= len(got) - 2  # every character but the one inserted or repaired is the window's own
