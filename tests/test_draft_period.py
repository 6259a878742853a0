"""Period arithmetic of the draft: parsing --period, moving labels in their own style, shifting the
reporting window. Labels are taken from real reports (the seed and the corpus)."""
from datetime import date

import pytest

from pipeline.draft.compose import issuer_code_of, symbol_of, topic_words, vn_date
from pipeline.draft.period import (
    Period,
    add_months,
    parse_period,
    period_of,
    range_denotes,
    relabel,
    shift_dates,
)
from pipeline.errors import UsageError

Q1, Q2, Q4_2022 = Period(2023, "quarter", 1), Period(2023, "quarter", 2), Period(2022, "quarter", 4)
H1, H2 = Period(2023, "half", 1), Period(2023, "half", 2)


@pytest.mark.parametrize(
    "spec, want",
    [
        ("2023Q2", Q2),
        ("2023-Q2", Q2),
        ("Q2/2023", Q2),
        ("2023q1", Q1),
        ("2023H2", H2),
        ("2023-04", Period(2023, "month", 4)),
        ("2024", Period(2024, "year")),
    ],
)
def test_parse_period(spec, want):
    assert parse_period(spec) == want


@pytest.mark.parametrize("spec", ["2023Q5", "quý II", "2023-13", "Q2", ""])
def test_parse_period_rejects(spec):
    with pytest.raises(UsageError):
        parse_period(spec)


@pytest.mark.parametrize(
    "period, start, end",
    [
        (Q1, date(2023, 1, 1), date(2023, 3, 31)),
        (Q2, date(2023, 4, 1), date(2023, 6, 30)),
        (Q4_2022, date(2022, 10, 1), date(2022, 12, 31)),
        (H2, date(2023, 7, 1), date(2023, 12, 31)),
        (Period(2024, "month", 2), date(2024, 2, 1), date(2024, 2, 29)),
        (Period(2023, "year"), date(2023, 1, 1), date(2023, 12, 31)),
    ],
)
def test_bounds_and_back(period, start, end):
    assert (period.start, period.end) == (start, end)
    assert period_of(start.isoformat(), end.isoformat()) == period


def test_shift_crosses_years():
    assert Q1.previous() == Q4_2022
    assert Q4_2022.shift(1) == Q1
    assert H1.previous() == Period(2022, "half", 2)
    assert Period(2023, "month", 1).previous() == Period(2022, "month", 12)


def test_period_of_rejects_partial_spans():
    assert period_of("2022-12-15", "2023-03-14") is None
    assert period_of("2023-01-01", "2023-02-28") is None  # two months are no period


@pytest.mark.parametrize(
    "old_text, old, new, want",
    [
        ("quý I/2023", Q1, Q2, "quý II/2023"),  # seed, section 1
        ("quý I năm 2023", Q1, Q2, "quý II năm 2023"),  # seed, subject
        ("Quý I năm 2023", Q1, Q2, "Quý II năm 2023"),
        ("QUÝ I NĂM 2023", Q1, Q2, "QUÝ II NĂM 2023"),
        ("quý 1/2023", Q1, Q2, "quý 2/2023"),
        ("quý IV/2022", Q4_2022, Q1, "quý I/2023"),
        ("quí IV năm 2022", Q4_2022, Q1, "quí I năm 2023"),
        ("6 tháng đầu năm 2023", H1, H2, "6 tháng cuối năm 2023"),
        ("sáu tháng cuối năm 2023", H2, Period(2024, "half", 1), "sáu tháng đầu năm 2024"),
        ("tháng 3/2023", Period(2023, "month", 3), Period(2023, "month", 4), "tháng 4/2023"),
        ("tháng 03 năm 2023", Period(2023, "month", 3), Period(2023, "month", 4), "tháng 04 năm 2023"),
        ("năm 2023", Period(2023, "year"), Period(2024, "year"), "năm 2024"),
        # the kind changes: the new period's own label, in the old one's separator style
        ("quý II/2023", Q2, H1, "6 tháng đầu năm 2023"),
        ("quý I/2023", Q1, Period(2023, "month", 4), "tháng 4/2023"),
    ],
)
def test_relabel(old_text, old, new, want):
    assert relabel(old_text, old, new) == want


@pytest.mark.parametrize(
    "text, months, want",
    [
        ("Từ ngày 15/12/2022 đến 14/3/2023", 3, "Từ ngày 15/3/2023 đến 14/6/2023"),  # seed, section 2
        ("từ ngày 01/01/2023 đến ngày 31/03/2023", 3, "từ ngày 01/04/2023 đến ngày 30/06/2023"),
        ("từ ngày 16/6/2022 đến ngày 15/12/2022", 6, "từ ngày 16/12/2022 đến ngày 15/6/2023"),
        ("ngày 15 tháng 12 năm 2022", 3, "ngày 15 tháng 3 năm 2023"),
    ],
)
def test_shift_dates(text, months, want):
    assert shift_dates(text, months) == want


def test_shift_dates_moves_a_windows_ends_separately():
    # quý I/2023 -> 6 tháng đầu năm 2023: the window keeps its start and ends three months later
    assert shift_dates("Từ ngày 15/12/2022 đến 14/3/2023", 0, 3) == "Từ ngày 15/12/2022 đến 14/6/2023"
    assert shift_dates("từ ngày 15 tháng 12 năm 2022 đến ngày 14/3/2023", 0, 3) == (
        "từ ngày 15 tháng 12 năm 2022 đến ngày 14/6/2023"
    )


def test_add_months_keeps_month_ends():
    assert add_months(date(2023, 3, 31), 3) == date(2023, 6, 30)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2023, 2, 28), 1) == date(2023, 3, 31)
    assert add_months(date(2023, 1, 15), -2) == date(2022, 11, 15)


@pytest.mark.parametrize(
    "start, end, period, want",
    [
        ("2022-12-15", "2023-03-14", Q1, True),  # the seed's reporting window
        ("2023-01-01", "2023-03-31", Q1, True),
        ("2023-03-01", "2023-03-14", Q1, False),  # a fortnight is not the quarter
        ("2022-01-01", "2023-03-31", Q1, False),  # fifteen months are not the quarter
        ("2023-04-01", "2023-06-30", Q1, False),
    ],
)
def test_range_denotes(start, end, period, want):
    assert range_denotes(start, end, period) is want


@pytest.mark.parametrize(
    "day, want",
    [(date(2023, 3, 6), "06/3/2023"), (date(2023, 1, 5), "05/01/2023"), (date(2023, 2, 17), "17/02/2023"),
     (date(2023, 3, 14), "14/3/2023"), (date(2023, 12, 1), "01/12/2023")],
)
def test_vn_date_follows_decree_30(day, want):
    # the seed writes 06/3/2023, 05/01/2023, 17/02/2023, 14/3/2023
    assert vn_date(day) == want


@pytest.mark.parametrize(
    "number, symbol, issuer",
    [
        ("715/BCĐ-CAT", "BCĐ-CAT", "BCĐ"),
        ("58/STTTT-TTBCXB", "STTTT-TTBCXB", "STTTT"),
        ("85/BC-STTTT", "BC-STTTT", "STTTT"),
        ("30/2020/NĐ-CP", "NĐ-CP", "CP"),
        (None, None, None),
    ],
)
def test_symbols(number, symbol, issuer):
    assert symbol_of(number) == symbol
    assert issuer_code_of(number) == issuer


def test_topic_words_ignore_the_kind_of_paper():
    report = topic_words("Kết quả tuyên truyền công tác phòng, chống tội phạm; phòng, chống mua bán người quý I năm 2023")
    guidance = topic_words("V/v tuyên truyền công tác phòng, chống tội phạm")
    unrelated = topic_words("V/v báo cáo kết quả công tác quý II năm 2023")
    assert ("toi", "pham") in report and ("phong", "chong") in report
    assert len(report & guidance) >= 2
    assert report & unrelated == set()
