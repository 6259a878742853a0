"""pipeline.period.parse_period: every way a period is written on the command line (--quarter,
--period), one case per line. The Vietnamese spellings are those reports use in their subjects and
openings ("quý I năm 2023", "quý I/2023" in the seed; "tháng 01/2025", "tháng 8 năm 2025" in
corpus/real), and the codes the commands used to take."""
from __future__ import annotations

from datetime import date

import pytest

from pipeline.errors import UsageError
from pipeline.i18n import set_language
from pipeline.period import Period, parse_period

Q2 = Period(2023, "quarter", 2)
H1, H2 = Period(2023, "half", 1), Period(2023, "half", 2)
APRIL = Period(2023, "month", 4)
YEAR = Period(2023, "year")

SPELLINGS = [
    # quarters
    ("quý II/2023", Q2), ("Quý II/2023", Q2), ("QUÝ II/2023", Q2), ("quý II năm 2023", Q2),
    ("Quý II năm 2023", Q2), ("quý 2 năm 2023", Q2), ("quý 2/2023", Q2), ("quy II/2023", Q2),
    ("quý II - 2023", Q2), ("quý II – 2023", Q2), ("quý ii/2023", Q2), ("Q2/2023", Q2), ("q2/2023", Q2),
    ("Q2-2023", Q2), ("Q2 2023", Q2), ("2023Q2", Q2), ("2023-Q2", Q2), ("2023 Q2", Q2), ("2023q2", Q2),
    ("II/2023", Q2), ("  quý  II / 2023 ", Q2), ("quý IV/2022", Period(2022, "quarter", 4)),
    ("quý I năm 2023", Period(2023, "quarter", 1)), ("quý I/2023", Period(2023, "quarter", 1)),
    # halves
    ("6 tháng đầu năm 2023", H1), ("6 tháng cuối năm 2023", H2), ("6 Tháng Đầu Năm 2023", H1),
    ("6 thang dau nam 2023", H1), ("sáu tháng đầu năm 2023", H1), ("6 tháng năm 2023", H1),
    ("2023H1", H1), ("2023-H2", H2), ("H2/2023", H2),
    # months
    ("tháng 4/2023", APRIL), ("tháng 04/2023", APRIL), ("Tháng 4 năm 2023", APRIL), ("tháng 4 - 2023", APRIL),
    ("thang 4/2023", APRIL), ("2023-04", APRIL), ("2023-4", APRIL), ("04/2023", APRIL),
    ("tháng 01/2025", Period(2025, "month", 1)), ("tháng 8 năm 2025", Period(2025, "month", 8)),
    ("tháng 12/2024", Period(2024, "month", 12)),
    # years
    ("năm 2023", YEAR), ("Năm 2023", YEAR), ("2023", YEAR),
]


@pytest.fixture(autouse=True)
def vietnamese():
    set_language("vi")
    yield
    set_language()


@pytest.mark.parametrize("text, want", SPELLINGS, ids=[t for t, _ in SPELLINGS])
def test_every_spelling(text, want):
    assert parse_period(text) == want


@pytest.mark.parametrize("period", [Period(y, k, i) for y in (2019, 2023) for k, n in
                                    (("quarter", 4), ("half", 2), ("month", 12), ("year", 1)) for i in range(1, n + 1)])
def test_labels_and_codes_read_back(period):
    """What the program writes (the code, both labels) it reads back."""
    for text in (period.code, period.label(), period.label(short=True), period.label().upper()):
        assert parse_period(text) == period, text


NOT_UNDERSTOOD = [
    # text, what the one-line message must name
    ("quý 5/2023", "'5' không phải một quý"),
    ("2023Q5", "'5' không phải một quý"),
    ("V/2023", "'V' không phải một quý"),
    ("IIII/2023", "'IIII' không phải một quý"),
    ("tháng 13/2023", "'13' không phải một tháng"),
    ("2023-13", "'13' không phải một tháng"),
    ("2023H3", "'3' không phải một nửa năm"),
    ("quý II", "thiếu năm"),
    ("quý hai", "thiếu năm"),
    ("Q2", "thiếu năm"),
    ("", "chưa ghi gì"),
    ("9 tháng đầu năm 2023", "không phải một quý, nửa năm, tháng hay năm"),
    ("quý II/2023 và quý III/2023", "không phải một quý, nửa năm, tháng hay năm"),
]


@pytest.mark.parametrize("text, named", NOT_UNDERSTOOD, ids=[t or "empty" for t, _ in NOT_UNDERSTOOD])
def test_what_was_not_understood(text, named):
    with pytest.raises(UsageError) as info:
        parse_period(text)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"không hiểu kỳ báo cáo {text!r}: ")
    assert named in message
    assert "quý II/2023" in message and "2023Q2" in message  # and how to write it


def test_the_error_in_english():
    set_language("en")
    with pytest.raises(UsageError, match=r"cannot read the period 'quý 5/2023': '5' is not a quarter"):
        parse_period("quý 5/2023")


@pytest.mark.parametrize("day, kind, code", [
    ("2023-02-14", "quarter", "2023Q1"), ("2023-12-31", "quarter", "2023Q4"), ("2025-07-01T08:00", "quarter", "2025Q3"),
    (date(2023, 6, 30), "half", "2023H1"), ("2023-07-01", "half", "2023H2"), ("2023-04-09", "month", "2023-04"),
    ("2023-04-09", "year", "2023"),
    (None, "quarter", None), ("", "quarter", None), ("2023-13-01", "quarter", None), (float("nan"), "quarter", None),
])
def test_period_containing_a_day(day, kind, code):
    from pipeline.archive.queries import quarter_of
    from pipeline.period import period_containing

    found = period_containing(day, kind)
    assert (found.code if found else None) == code
    if kind == "quarter" and not isinstance(day, date):
        assert quarter_of(day) == code  # the archive's quarters are pipeline.period's


@pytest.mark.parametrize("code, label", [("2023Q2", "quý II/2023"), ("2024Q4", "quý IV/2024"), ("2023", "2023"),
                                         ("2023H1", "2023H1"), ("quý II/2023", "quý II/2023"), (None, "—")])
def test_web_writes_a_quarter_code_as_reports_do(code, label):
    from pipeline.web.format import vn_quarter

    assert vn_quarter(code) == label
