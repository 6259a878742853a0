"""A PDF whose text layer is in the TCVN3 (ABC) legacy encoding, as PDFs printed from .VnTime
documents are.

What is done: the same Decree 30 layout as render_pdf, but every string is converted with
pipeline.read.encodings.unicode_to_tcvn3 before it is drawn, in Liberation Serif. The text layer then
holds the TCVN3 characters (each byte as its Latin-1 character: "B¸o c¸o kÕt qu¶"), which is what a
PDF text extraction of an old .VnTime file gives back. The glyphs on the page show that mojibake
too (a real .VnTime font would draw Vietnamese from the same bytes); readers must repair the text
from the text layer, not from the picture. Upper-case letters with a tone share the lower-case code,
as in TCVN3 itself, so headings come back lower-case-toned (an .VnTimeH font would draw them as
capitals).
"""
from __future__ import annotations

from pathlib import Path

from ..read.encodings import unicode_to_tcvn3
from .generate import DocSpec
from .render_pdf import render_pdf


def render_legacy(spec: DocSpec, path: str | Path) -> dict:
    return render_pdf(spec, path, transform=unicode_to_tcvn3, title=spec.id + " (TCVN3)")
