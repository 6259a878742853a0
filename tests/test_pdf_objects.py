"""read.pdf.page_objects fills pdfplumber's object cache the way pdfplumber does, at less cost: on every
page of every PDF under corpus/, the same kinds of objects in the same order, every non-character
object pdfplumber's own, and every character's keys the same values (the same floats, not close ones)."""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pdfminer.pdftypes import PDFStream

from pipeline.read.pdf import page_objects

ROOT = Path(__file__).resolve().parent.parent / "corpus"
PDFS = sorted(p for d in ("real", "generated", "eval/dev", "eval/test") for p in (ROOT / d).glob("*.pdf"))


def _pages(path):
    try:
        pdf = pdfplumber.open(str(path), password="")
        return pdf, pdf.pages
    except Exception as e:  # what read() turns into "damaged PDF"
        pytest.skip(f"pdfplumber cannot open it: {type(e).__name__}")


def _comparable(value):
    """An object of either opening, its streams (an image's, a colour space's) by object number: each
    opening has its own stream objects."""
    if isinstance(value, PDFStream):
        return ("stream", value.objid)
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_comparable(v) for v in value)
    return value


@pytest.mark.parametrize("path", PDFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_page_objects_are_pdfplumbers(path):
    ref_pdf, ref_pages = _pages(path)
    fast_pdf, fast_pages = _pages(path)
    try:
        for i, (ref, fast) in enumerate(zip(ref_pages, fast_pages)):
            try:
                want = ref.objects
            except Exception as e:  # pdfminer on a damaged content stream: the same error either way
                with pytest.raises(type(e)):
                    page_objects(fast)
                continue
            page_objects(fast)
            got = fast.objects
            assert sorted(got) == sorted(want), f"page {i + 1}"
            for kind, objs in want.items():
                assert len(got[kind]) == len(objs), (i + 1, kind)
                if kind != "char":
                    assert [_comparable(o) for o in got[kind]] == [_comparable(o) for o in objs], (i + 1, kind)
                    continue
                for a, b in zip(objs, got[kind]):
                    assert {k: a[k] for k in b} == b, (i + 1, a["text"])
            # what the reader asks of a character is among the keys kept
            assert all({"text", "x0", "x1", "top", "bottom", "size", "fontname", "upright"} <= c.keys()
                       for c in got.get("char", []))
            lines = fast_pages[i]
            fast.close()
            ref.close()
            page_objects(lines, chars=False)
            assert "char" not in lines.objects and lines.lines == ref.lines and lines.rects == ref.rects
            assert all([_comparable(o) for o in getattr(lines, kind)] == [_comparable(o) for o in getattr(ref, kind)]
                       for kind in ("curves", "images"))
            lines.close()
            ref.close()
    finally:
        ref_pdf.close()
        fast_pdf.close()
