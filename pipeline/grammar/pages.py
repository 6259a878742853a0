"""Page-number lines, the page furniture both the PDF reader and the segmenter set aside:
"2", "- 2 -", "– 3 –", "Trang 3", "Trang 3/5", "3/5"."""
from __future__ import annotations

import re

from .. import vocab
from .cuewords import folded_alternation_of, words  # "Trang": "furniture" of pipeline/vocab/cues.json

# at most three digits: no administrative document runs to a thousand pages, and a four-digit figure alone
# on a line at a page's edge is a year or a count ("2025"), not its page
PAGE_NUMBER = vocab.Pattern(lambda: r"^[-–—\s]*(?:" + folded_alternation_of(words("furniture"))
                            + r"\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?[-–—\s]*$", re.I)


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER.match(text.strip()))
