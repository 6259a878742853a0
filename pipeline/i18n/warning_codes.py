"""The warnings a report can carry, each with a stable code and its parameters.

A reader or the header segmenter makes a warning with ``warning(code, **params)``: the English text
(what the contract's ``warnings`` list has always held, and still holds, for programs that read it).
The contract adds ``warning_codes``, one ``{"code", "params"}`` per warning in the same order, read
back from the text with ``parse`` (the text is made from the template, so it reads back exactly; an
archive stored before the codes existed reads back the same way). A person sees the warning in their
language: ``show(text)`` looks its template up in the gettext catalogue and fills in the parameters,
themselves translated when they are messages (an OCR step, a reason a text layer was not used).

    warning("page.ocr_no_text", page=3)      # 'page 3: OCR found no text'
    parse('page 3: OCR found no text')        # {'code': 'page.ocr_no_text', 'params': {'page': 3}}
    show('page 3: OCR found no text', "vi")   # 'trang 3: OCR không tìm thấy chữ'

Codes never change meaning; a new warning gets a new code. The English template of a code may be
reworded only together with a new code (old archives keep parsing to the old one).
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import N_

WARNINGS: dict[str, str] = {
    # the header (segment.header; texts also in pipeline.grammar.symbols / dates)
    "header.number_blank": N_("header: document number is blank or handwritten (unreadable)"),
    "header.number_unreadable": N_("header: document number could not be read"),
    "header.day_blank": N_("header: day of the issue date is blank or handwritten (unreadable)"),
    "header.date_unreadable": N_("header: issue date could not be read"),
    # a page and its OCR (read.ocr, read.image)
    "ocr.step_failed": N_("page {page}: {step} failed ({error}); the page is read without it"),
    "ocr.handwritten_line_number": N_('page {page}: the number of the line "{line}" looks handwritten ({written}); '
                                      "left out"),
    "ocr.failed": N_("page {page}: {error}; the page has no text"),
    "ocr.undecodable": N_("page {page}: the image cannot be decoded ({error}); the page has no text"),
    "ocr.out_of_memory": N_("page {page}: out of memory while rendering for OCR; the page has no text"),
    "ocr.died": N_("page {page}: the OCR process died; the page has no text"),
    "ocr.rotated": N_("page {page}: the page was turned {degrees}° and read upright"),
    "page.ocr_no_text": N_("page {page}: OCR found no text"),
    "page.stamp_left_out": N_("page {page}: e-signature stamp text left out: {text}"),
    # PDFs (read.pdf)
    "pdf.no_pdfium": N_("pdfium cannot open this PDF; read with pdfminer only (no OCR of its pages)"),
    "pdf.annotations_failed": N_("annotations could not be flattened ({error}); the pages are read without them"),
    "pdf.flattened_unparsable": N_("the PDF with its annotations flattened cannot be parsed ({error}); the pages "
                                   "are read without them"),
    "pdf.tables_failed": N_("page {page}: its tables cannot be read ({error}); left as lines"),
    "pdf.layer_unparsable": N_("page {page}: the text layer cannot be parsed ({error}); used OCR instead"),
    "pdf.ink_check_failed": N_("page {page}: the text layer could not be compared with the image ({error}); its "
                               "text is used"),
    "pdf.ocr_instead": N_("page {page}: {reason}; used OCR instead"),
    "pdf.legacy_layer": N_("page {page}: {reason}; converted to Unicode"),
    "page.legacy_fonts": N_("page {page}: lines in TCVN3/VNI fonts converted to Unicode"),
    "pdf.rotated_chars": N_("page {page}: {n} rotated characters (stamps, margin notes) left out"),
    "pdf.unplaced_lines": N_("page {page}: text-layer lines on no printed row left out: {text}"),
    "pdf.content_flood": N_("page {page}: {mb} MB of page content with {ops} text operations, far more than a "
                            "page shows (hidden or repeated text): only the first {kb} KB read"),
    "pages.outside": N_("pages {pages} asked for but the file has {count}"),
    "pages.max_pages": N_("the file has {count} pages; read only the first {max_pages} (max_pages)"),
    # DOCX (read.docx)
    "docx.legacy_fonts": N_("lines in TCVN3/VNI fonts converted to Unicode"),
    "docx.empty": N_("the DOCX holds no text in its body (an empty document, or text in parts baocao does not "
                     "read)"),
    "docx.pictures_only": N_("the DOCX holds no text in its body, only {pictures} picture(s) (a pasted scan?): pictures "
                             "inside a DOCX are not OCR'd; their text is left out (save the scan as PDF or an image to "
                             "read it)"),
    "docx.long_paragraphs": N_("{n} paragraph(s) of more than {kept} characters, far more than a page holds: only "
                               "their first {kept} read"),
    "docx.footnotes_missing": N_("{n} footnote reference(s) but no footnotes part: footnote texts missing"),
    "docx.footnotes_unreadable": N_("the footnotes part cannot be read: footnotes left out"),
    "docx.footnotes_damaged": N_("word/footnotes.xml is damaged ({error}): footnotes read as far as it goes"),
    "docx.footnotes_lost": N_("word/footnotes.xml is damaged: footnotes left out"),
    "docx.footnotes_not_found": N_("footnote(s) {numbers} not found in the damaged footnotes part"),
    # text, DOC and every format (read.text, read.doc, read)
    "text.legacy": N_("text is in the legacy {encoding} encoding; converted to Unicode"),
    "text.undecodable": N_("{n} character(s) could not be decoded as {encoding} (the file is cut short or "
                           "damaged); shown as \ufffd"),
    "text.bad_utf8": N_("{n} byte(s) are not valid UTF-8 (a damaged file); shown as \ufffd"),
    "text.empty": N_("the file holds no text"),
    "text.too_long": N_("the file holds {size} characters of text, far more than a report: only the first {kept} "
                        "read"),
    "page.long_line": N_("page {page}: a line of {size} characters, far more than a page holds: only its first "
                         "{kept} read"),
}

# messages that fill a warning's {step} and {reason}: translated when shown
PARAMETER_MESSAGES = (
    N_("the colour pass (red seals)"), N_("orientation detection (OSD)"), N_("the orientation check"), N_("deskew"),
    N_("no text layer"), N_("text layer has almost no text"), N_("text layer is in the legacy {encoding} encoding"),
    N_("text layer has unmapped glyphs (cid codes)"), N_("text layer has no Vietnamese diacritics (English OCR?)"),
    N_("text layer is garbled ({share} of its words hold characters Vietnamese does not use)"),
    N_("text layer is garbled (only {share} of its words are Vietnamese syllables)"),
    N_("the text layer has only e-signature stamp text"),
    N_("the text layer covers only {share} of the print on the scanned image"),
    N_("OCR timed out after {seconds} s"), N_("tesseract could not be started ({error})"),
    N_("tesseract failed (exit {code}): {message}"), N_("tesseract wrote no result"),
)

# the warnings that say a person wrote something by hand (a number, a day): the review queue lists the
# document for it, and a person fills the value in
HANDWRITING = frozenset({"header.number_blank", "header.day_blank", "ocr.handwritten_line_number"})


def is_handwriting(text: str) -> bool:
    """True for a warning text that says a value was written by hand (by its code, in any version's text)."""
    return parse(text)["code"] in HANDWRITING


_FIELD = re.compile(r"\{([a-z_]+)\}")


def warning(code: str, **params) -> str:
    """The English text of a warning (KeyError for a code not in WARNINGS: a new warning needs one)."""
    return WARNINGS[code].format(**params)


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern, str]]:
    out = []
    for code, template in WARNINGS.items():
        pieces = _FIELD.split(template)
        literal = "".join(pieces[0::2])
        seen: set[str] = set()
        regex = []
        for i, piece in enumerate(pieces):
            if i % 2 == 0:
                regex.append(re.escape(piece))
            elif piece in seen:
                regex.append(f"(?P={piece})")
            else:
                seen.add(piece)
                regex.append(f"(?P<{piece}>.+?)")
        out.append((re.compile("".join(regex), re.S), code, len(literal)))
    out.sort(key=lambda t: -t[2])  # the most literal template first: the most specific wins
    return [t[:2] for t in out]


def parse(text: str) -> dict:
    """{"code", "params"} of a warning's English text; code None for a text no template makes (a
    warning from a version before codes, reworded since)."""
    for pattern, code in _patterns():
        m = pattern.fullmatch(text or "")
        if m:
            params = {k: int(v) if re.fullmatch(r"[0-9]{1,9}", v) else v for k, v in m.groupdict().items()}
            return {"code": code, "params": params}
    return {"code": None, "params": {}}


def codes(texts) -> list[dict]:
    """The contract's warning_codes: one {"code", "params"} per warning text, in order."""
    return [parse(t) for t in texts]


def show(text: str | None, language: str | None = None, code: dict | None = None) -> str | None:
    """A warning as a person reads it: its code's template from the catalogue, parameters filled in
    (those that are messages translated). ``code``: the stored {"code", "params"}, when at hand."""
    from . import _translation, _vietnamese, translate
    from . import language as chosen

    if not text:
        return text
    lang = chosen() if language is None else language
    if lang == "en":
        return text
    found = code if code and code.get("code") in WARNINGS else parse(text)
    if found["code"] is None:
        return translate(text, language)
    translation = _translation() if language is None else _vietnamese()
    params = {k: v if isinstance(v, int) else translate(str(v), language) for k, v in found["params"].items()}
    try:
        return translation.gettext(WARNINGS[found["code"]]).format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def shown(contract: dict, language: str | None = None) -> list[str]:
    """Every warning of a contract as a person reads it, from its stored code when it has one."""
    texts = contract.get("warnings") or []
    stored = contract.get("warning_codes") or []
    if len(stored) != len(texts):
        stored = [None] * len(texts)
    return [show(text, language, code) for text, code in zip(texts, stored)]
