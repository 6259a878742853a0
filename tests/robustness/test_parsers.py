"""The text parsers on long and adversarial strings: they never raise and their time grows linearly
(CPU time for 4N characters against N, see timing.growth: a loaded machine does not change it), with
a hard ceiling so a regression fails the test instead of hanging CI. Hypothesis mixes the adversarial
pieces (few examples, fixed seed)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from pipeline import extract, segment
from pipeline.model import Document, Line, Page
from pipeline.nlp.agencies import find_agencies
from pipeline.nlp.counts import find_counts
from pipeline.grammar.dates import find_dates
from pipeline.nlp.people import find_people
from pipeline.nlp.references import find_references
from pipeline.grammar.spans import TakenSpans
from tests.conftest import ROOT
from tests.robustness.timing import hard_limit, linear


def _repeat(piece: str):
    return lambda n: (piece * (n // len(piece) + 1))[:n]


ADVERSARIAL = {
    "digits and slashes": _repeat("12/3/2023/"),
    "nested quotes": lambda n: "“" * (n // 2) + "”" * (n - n // 2),
    "Công văn số": _repeat("Công văn số "),
    "numbers after số": _repeat("số 12/BC-UBND, "),
    "upper case run": _repeat("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI "),
    "ngày ngày": _repeat("ngày "),
    "quý quý": _repeat("quý "),
    "no spaces": _repeat("aB1/-ĐcT.,"),
    "references with dates": _repeat("Công văn số 12/BC-UBND ngày 1/2/2023 của Sở Tư pháp; "),
    "counts": _repeat("trên 30 tin, bài, 12 cuộc với 1.200 lượt người; "),
    "people": _repeat("đồng chí Nguyễn Văn An, Phó Chủ tịch "),
    "laws": _repeat("Luật Phòng, chống mua bán người năm 2011, "),
}

FINDERS = {
    "find_dates": find_dates,
    "find_references": find_references,
    "find_counts": find_counts,
    "find_agencies": find_agencies,
    "find_people": find_people,
}


def document(text: str) -> Document:
    lines = tuple(Line(text=t, page=1) for t in text.split("\n") if t.strip())
    return Document(path="adversarial.txt", sha256="0" * 64, format="text",
                    pages=(Page(1, lines, "plain"),), text_source="plain")


def as_lines(make):
    """The adversarial text cut into lines of 80 characters, as a report would be."""
    def lines(n):
        text = make(n)
        return "\n".join(text[i:i + 80] for i in range(0, len(text), 80))
    return lines


def growth_report(finder: str) -> dict[str, tuple[bool, str]]:
    """linear() of one finder on every adversarial text (run in a fresh process by the test)."""
    return {kind: linear(make, FINDERS[finder], 2_000) for kind, make in ADVERSARIAL.items()}


@pytest.mark.parametrize("finder", sorted(FINDERS))
def test_finders_are_linear_on_adversarial_text(finder):
    """Timed in a fresh process: inside the full suite, the heap the earlier tests leave behind makes
    allocation-heavy code (a token list of 200k entries) look superlinear when it is not. The measure
    is CPU time, so the subprocess's own wall-clock limit is generous: a loaded machine only delays it."""
    code = ("import json, sys\nfrom tests.robustness.test_parsers import growth_report\n"
            "print(json.dumps(growth_report(sys.argv[1])))")
    run = subprocess.run([sys.executable, "-c", code, finder], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout.splitlines()[-1])
    slow = {kind: figures for kind, (ok, figures) in report.items() if not ok}
    assert not slow, f"{finder}, N chars -> 4N chars: {slow}"


def _quadratic_scan(text: str):
    """A regex that tries every start and runs to the end from each: n²/2 steps."""
    return re.search(r"a+c", text)


def _front_inserts(text: str):
    """Tokens put at the front of a list one by one: a memmove of the list each time (quadratic with
    a small constant, the kind of slip a token loop makes)."""
    out: list[str] = []
    for token in text.split():
        out.insert(0, token)
    return out


@pytest.mark.parametrize("run,make,expected", [
    (_quadratic_scan, lambda n: "a" * n, False),
    (_front_inserts, lambda n: "ab " * (n // 3), False),
    (lambda text: re.findall(r"a+b", text), lambda n: "ab " * (n // 3), True),
    (lambda text: sorted(text.split()), lambda n: " ".join(str(i % 997) for i in range(n // 4)), True),
], ids=["backtracking-regex", "front-inserts", "linear-regex", "sort-n-log-n"])
def test_the_growth_measure_tells_quadratic_from_linear(run, make, expected):
    """The measure the finders are held to can fail: quadratic work is caught, linear and n·log n pass."""
    ok, figures = linear(make, run, 1_000)
    assert ok is expected, figures


@pytest.mark.parametrize("kind", ["Công văn số", "references with dates", "upper case run", "no spaces", "nested quotes"])
def test_one_very_long_line_and_many_lines(kind):
    """segment + extract on a whole report: one 20,000-character line, and the same cut in lines."""
    run = lambda text: extract(segment(document(text)))  # noqa: E731
    with hard_limit(60):
        one_line = linear(ADVERSARIAL[kind], run, 2_000)
        many_lines = linear(as_lines(ADVERSARIAL[kind]), run, 2_000)
    assert one_line[0] and many_lines[0], (kind, one_line[1], many_lines[1])


PIECES = st.sampled_from([
    "Công văn số ", "số ", "12/BC-UBND", "/", "1", "2023", "ngày ", "quý ", "I", "“", "”", "\"", "«", "»",
    "ỦY BAN NHÂN DÂN ", "Sở ", "Tư pháp", "tin, bài", "trên ", "khoảng ", " ", "\n", "-", ".", ",", ";",
    "đồng chí ", "Nguyễn Văn An", "Luật ", "năm ", "tháng ", "từ ", "đến ", "Kế hoạch ", "Quyết định số ",
    "NĐ-CP", "BCĐ-CAT", "(", ")", ":", "\t", "\u0301", "ğ", "\x00",
])


@seed(20261129)
@settings(max_examples=25, deadline=None, database=None)
@given(st.lists(PIECES, min_size=1, max_size=400), st.integers(min_value=1, max_value=30))
def test_extractors_never_raise_on_mixtures(pieces, times):
    text = "".join(pieces) * times
    with hard_limit(20):
        for run in FINDERS.values():
            run(text)
        report = extract(segment(document(text)))
    for mention in list(report.mentions.references) + list(report.mentions.dates):
        assert mention.span[0] <= mention.span[1]


@seed(20261129)
@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=30),
       st.lists(st.tuples(st.integers(0, 70), st.integers(0, 12)), max_size=30))
def test_taken_spans_agree_with_a_plain_scan(added, queries):
    """The bisect index that made the finders linear answers exactly as the scan it replaced."""
    taken, plain = TakenSpans(), []
    for start, length in added:
        span = (start, start + length)
        if length and not any(span[0] < b and a < span[1] for a, b in plain):
            taken.add(*span)
            plain.append(span)
    for start, length in queries:
        a, b = start, start + length
        assert taken.overlaps(a, b) == any(a < y and x < b for x, y in plain), (plain, (a, b))
