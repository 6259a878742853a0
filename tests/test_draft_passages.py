"""The draft works on the model: its passages are Report.passages() of Report.from_contract(previous),
and each mention is found only in the passage of its where and section (no fallback that would hide
a passage whose section differs, as the opening's did: None in the draft, "opening" in the model)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline import process, to_contract
from pipeline.draft.compose import _Composer, locate, passage_name, previous_period
from tests.conftest import CORPUS, SEED

REAL = CORPUS / "real"
# reports with a period (the draft needs one) and an opening, read from their text layer
REPORTS = [SEED, REAL / "bao-cao-tuyen-truyen-pctp-quy-I-2023.pdf", REAL / "cd-2003-vpcp-2025.pdf"]


@pytest.fixture(scope="module", params=REPORTS, ids=[p.name for p in REPORTS])
def previous(request):
    return to_contract(process(request.param))


def test_every_mention_is_in_the_passage_of_its_section(previous):
    composer = _Composer(previous, previous_period(previous).shift(1), [])
    found = composer.report.mentions  # the model's mentions, rebuilt from the archived dict
    mentions = found.references + found.dates + found.counts
    assert len(mentions) == sum(len(previous[kind]) for kind in ("references", "dates", "counts"))
    assert mentions and previous["opening"]
    for m in mentions:
        p = locate(m, composer.passages)
        assert p is not None, m
        assert (p.where, p.section) == (m.where, m.section)
    opening = [m for m in found.references + found.dates if m.section == "opening"]
    assert opening and all(passage_name(locate(m, composer.passages)) == "opening" for m in opening)


def test_a_mention_in_another_section_is_not_found_elsewhere(previous):
    """A mention filled in from another copy may point into a passage this copy does not have: it
    is left as is (with a note), never put at the same offsets of whatever passage fits."""
    composer = _Composer(previous, previous_period(previous).shift(1), [])
    m = next(m for m in composer.report.mentions.dates if m.section == "opening")
    moved = replace(m, section="closing")
    assert locate(m, composer.passages) is not None and locate(moved, composer.passages) is None


def test_the_passages_are_the_models(previous):
    from pipeline.model import Report

    composer = _Composer(previous, previous_period(previous).shift(1), [])
    assert composer.passages == Report.from_contract(previous).passages()
    names = list(composer.by_name)
    assert len(names) == len(composer.passages) and "opening" in names and "subject" in names


def test_a_passage_filled_from_another_copy_keeps_where_it_lies():
    """The archive makes one document of several files, each field from the best copy that has it:
    an opening (or closing) taken from another copy comes with that copy's opening_at."""
    from pipeline.archive.grouping import merge
    from pipeline.model import Report

    txt = process(SEED)
    pdf = to_contract(process(REAL / "bao-cao-tuyen-truyen-pctp-quy-I-2023.pdf"))
    pdf_without = dict(pdf, opening=None, opening_at=None, closing=None, closing_at=None)
    merged = Report.from_contract(merge([pdf_without, to_contract(txt)]))
    assert (merged.opening, merged.closing) == (txt.opening, txt.closing)
    assert Report.from_contract(pdf).closing.page == 2 != txt.closing.page  # the two copies differ there
