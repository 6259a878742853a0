"""A row that holds two layers of print, one drawn over the other (an e-signature's appearance flattened
over the signer block), is read as one line per layer, never as the two layers' letters interleaved; a
number stamped into the dots or spaces of a line stays on it (pipeline/read/layout._unstack)."""
from __future__ import annotations

import pytest

from pipeline.read import read
from pipeline.read.layout import Glyph, lines_from_glyphs
from pipeline.segment import segment
from tests.conftest import CORPUS

DEV = CORPUS / "eval" / "dev"

# the Bộ TN&MT permits of 2020 signed with VGCA (corpus/eval/dev): the stamp's date or time printed over the
# signer's name, its lines over the title; the page prints KT. BỘ TRƯỞNG / THỨ TRƯỞNG / Lê Công Thành
PERMITS = ["gp-60-btnmt-thuy-dien-thien-tan-quang-ngai-2020.pdf", "gp-68-btnmt-thuy-dien-song-lien-quang-ngai-2020.pdf",
           "gp-114-btnmt-thuy-dien-tra-bong-quang-ngai-2020.pdf", "gp-116-btnmt-thuy-dien-tra-bong-quang-ngai-2020.pdf"]


@pytest.mark.parametrize("name", PERMITS)
def test_the_name_under_an_esignature_stamp_is_read_whole(name):
    doc = read(DEV / name)
    texts = [line.text for line in doc.pages[-1].lines]
    assert "Lê Công Thành" in texts, texts
    assert "THỨ TRƯỞNG" in texts, texts
    assert not any("Thành" in t and ("+07:00" in t or ".2020" in t or ":" in t) for t in texts), texts
    signers = segment(doc).signers
    assert [(s.authority, s.position, s.name) for s in signers] == [("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Lê Công Thành")]


def _word(text, x, bottom, size, font, advance=None):
    advance = advance or 0.5 * size
    return [Glyph(ch, x + k * advance, x + (k + 1) * advance, bottom - size, bottom, size, font)
            for k, ch in enumerate(text)]


def test_two_fonts_drawn_over_each_other_are_two_lines():
    name = _word("Thành", 100.0, 760.0, 14.0, "Times-Bold", 7.0)
    stamp = _word("15:36:01", 110.0, 758.0, 14.8, "MEFP+TimesNewRomanPSMT", 7.4)
    got = sorted("".join(g.text for g in seg.glyphs) for seg in lines_from_glyphs(name + stamp))
    assert got == ["15:36:01", "Thành"], got


def test_a_number_stamped_into_the_dots_of_a_line_stays_on_it():
    # "Số: ......./QĐ-UBND" with the signing system's "123" over the dots, in another font
    line = _word("Số:", 60.0, 200.0, 13.0, "Times", 6.5) + _word("......./QĐ-UBND", 84.0, 200.0, 13.0, "Times", 4.0)
    number = _word("123", 86.0, 199.5, 13.0, "Arial", 6.0)
    segments = lines_from_glyphs(line + number)
    assert len(segments) == 1  # digits over dots overlap no letter: one row, as before this rule
    assert sorted(g.text for g in segments[0].glyphs if g.text.isdigit()) == ["1", "2", "3"]


def test_bold_and_regular_side_by_side_are_one_line():
    row = _word("Điều 4.", 60.0, 300.0, 14.0, "Times-Bold", 7.0) + _word("Giấy phép này", 112.0, 300.0, 14.0, "Times", 7.0)
    assert len(lines_from_glyphs(row)) == 1
