"""OCR of page images: render (PDF pages at 300 dpi with pypdfium2) or load (image files), clean up,
run Tesseract (``vie``), and turn its words into Lines.

Clean-up, in order: grayscale (a PDF page is rendered once, in colour, for the red-seal pass, and the
grey image derived from it); deskew (the angle that makes the row profile sharpest, searched within
±5°); orientation by the page's geometry (text_direction): a page whose print runs up the page is
asked to OSD before it is read; one whose print runs across and whose first pass reads badly is read
again upside down unless its lines look upright; when the geometry cannot tell, a page that reads
badly is asked to OSD and read again turned the way OSD says, or upside down when OSD cannot tell. Binarising was measured and did not help Tesseract
(which binarises itself) on the scans of corpus/real — see bench/RESULTS.md — so it is off by default.

Pages of one file run side by side in ``workers`` processes; a page that times out or crashes
Tesseract comes back with no lines and a warning, never as a lost document.
"""
from __future__ import annotations

import os
import re
import statistics
import threading
from dataclasses import dataclass, field

from ..grammar.dates import repair_day_digits
from ..grammar.symbols import is_ocr_number_label, is_ocr_number_line, parse_symbol, split_ocr_glued_label
from ..i18n import N_
from ..i18n.warning_codes import warning
from ..model import Line
from ..text import fold, nfc
from . import lexicon, regions, tesseract
from .layout import order_lines
from .quality import stamp_strength
from .tail import fill_tail_gaps

DPI = 300
LOW_CONFIDENCE = 55.0  # mean word confidence under which the orientation is questioned
UPSCALE_MAX_PIXELS = 25_000_000  # an image is enlarged for OCR only up to this (A3 at 300 dpi is 17 Mpx)
RED_MARGIN = 8  # red minus the larger of green and blue: a seal's ink, not print
PEN_MARGIN = 25  # blue minus green, with red no higher than blue: a blue or violet pen's ink, not print
PEN_DARK = 160  # ... on a pixel whose darkest channel is under this (ink, not a tint of the paper)
BAND = 512  # rows of a page the colour pass takes at a time: a 60-megapixel scan is never copied whole


@dataclass(frozen=True)
class OcrTask:
    kind: str  # "pdf" | "image"
    path: str
    index: int  # 0-based page (PDF) or frame (image)
    number: int  # 1-based page number in the Document
    timeout: float = 180
    dpi: int = DPI
    deskew: bool = True
    binarize: bool = False
    image_dpi: float | None = None  # for image files: their resolution, when known
    image_pixels: int | None = None  # for image files: the frame's pixel count (a huge one is shrunk as decoded)
    regions: bool = True  # the first page's header is read again region by region (read/regions.py)


@dataclass
class OcrResult:
    number: int
    lines: tuple[Line, ...] = ()
    width: float | None = None
    height: float | None = None
    warnings: list[str] = field(default_factory=list)
    rotated: int = 0
    skew: float = 0.0
    mean_conf: float | None = None


# --------------------------------------------------------------------------- images


def drop_colour_ink(gray, colour):
    """``gray`` with the red ink of ``colour`` (the same page in RGB: a PIL image, or a numpy array of
    rows x columns x channels, red green blue first) whitened: the red seal pressed over the signer
    block. Left as a grey blot, the seal makes Tesseract skip the position and the name printed under
    it, and often the "Nơi nhận" list beside it too. Only pixels whose red stands clearly above green
    and blue are touched, so black print reads exactly as before."""
    bands = _colour_bands(colour)
    return gray if bands is None else _whiten_red(gray, bands)


def _colour_bands(colour):
    """(first row, uint8 array rows x columns x channels, red green blue first) of ``colour`` (a PIL
    image, or a numpy array of rows x columns x channels), BAND rows at a time, in order; None when the
    image has no colour."""
    import numpy as np

    if isinstance(colour, np.ndarray):
        return ((top, colour[top: top + BAND]) for top in range(0, len(colour), BAND))
    if colour.mode in ("RGB", "RGBA", "P", "CMYK"):
        return ((top, np.asarray(colour.crop((0, top, colour.width, min(colour.height, top + BAND))).convert("RGB")))
                for top in range(0, colour.height, BAND))
    return None


def pen_ink(colour):
    """The pixels of ``colour`` (as drop_colour_ink's) inked in blue or violet, the colours of a pen (a
    number or a day written into a printed blank), as a grey image of its size: 0 there, 255 elsewhere
    (so that turning it fills with "no ink"). None for an image without colour."""
    import numpy as np
    from PIL import Image

    bands = _colour_bands(colour)
    if bands is None:
        return None
    width, height = (colour.shape[1], colour.shape[0]) if isinstance(colour, np.ndarray) else colour.size
    out = np.full((height, width), 255, dtype=np.uint8)
    for top, rgb in bands:
        r, g, b = (rgb[..., i].astype(np.int16) for i in range(3))
        pen = (b - g > PEN_MARGIN) & (r <= b + 10) & (np.minimum(np.minimum(r, g), b) < PEN_DARK)
        out[top: top + rgb.shape[0]][pen] = 0
    return Image.fromarray(out)


def _whiten_red(gray, bands):
    """drop_colour_ink's pass over ``bands``: (first row, uint8 array rows x columns x channels, red
    green blue first) of the colour page, in order."""
    import numpy as np
    from PIL import Image

    arr = None
    for top, rgb in bands:
        r = rgb[..., 0]
        most = np.maximum(rgb[..., 1], rgb[..., 2])
        red = (r > most) & (r - most > RED_MARGIN)  # red minus the larger of green and blue, in uint8
        if not red.any():
            continue
        if arr is None:
            arr = np.asarray(gray, dtype=np.uint8).copy()
        # seen through a red filter: the seal fades, print pressed over it stays dark
        arr[top: top + rgb.shape[0]][red] = r[red]
    if arr is None:
        return gray
    return Image.fromarray(arr)


def optional_step(name: str, number: int, warnings: list[str], step, fallback):
    """Run one optional clean-up step (the colour pass, deskew, orientation); when it fails the page
    goes on without it (``fallback``) and a warning says so: an optional step never costs a page."""
    try:
        return step()
    except (tesseract.OcrFailed, MemoryError):
        raise
    except Exception as e:
        warnings.append(warning("ocr.step_failed", page=number, step=name,
                                 error=f"{type(e).__name__}: {' '.join(str(e).split())[:80]}"))
        return fallback


# PDFium is not thread-safe: every use of it in this package (opening, flattening, rendering) holds
# this lock, so read() may be called from several threads of one process.
PDFIUM_LOCK = threading.RLock()


def render_pdf_page(path: str, index: int, dpi: int = DPI, warnings: list[str] | None = None, number: int | None = None,
                    variants: dict | None = None):
    """A PDF page as a grayscale PIL image at ``dpi`` (annotations such as signature stamps not drawn),
    red seals whitened (drop_colour_ink; when that pass fails, the grey image with a warning). The
    page is rendered once, in colour (RGBx, which PIL and numpy read in place); the grey image is
    derived from it, and the colour pass reads the same bitmap. ``variants`` (a dict), when given,
    receives the other images the tail is read on (tail.fill_tail_gaps): "unwhitened", the grey image
    before the pass when it whitened something (a signer's name printed in red, which the pass erases
    with the seal), and "red", its red ink alone (_keep_red_ink)."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:  # the bitmap too is PDFium's: closed under the lock
        pdf = pdfium.PdfDocument(path)
        try:
            page = pdf[index]
            try:
                # RGBx: four bytes a pixel, in the order PIL's RGBX mode keeps, so the PIL image and the
                # numpy array of the colour pass are views of the bitmap, not copies
                bitmap = page.render(scale=dpi / 72, draw_annots=False, rev_byteorder=True, prefer_bgrx=True)
                try:
                    grey = bitmap.to_pil().convert("L")
                    rgbx = bitmap.to_numpy()  # rows x columns x 4, a view of the bitmap
                    out = optional_step(N_("the colour pass (red seals)"), number or index + 1,
                                        warnings if warnings is not None else [],
                                        lambda: drop_colour_ink(grey, rgbx), grey)
                    if variants is not None and out is not grey:
                        _keep_red_ink(variants, grey, out)
                    if variants is not None and index == 0:
                        _keep_pen_ink(variants, rgbx, number or 1, warnings)
                    del rgbx
                finally:
                    bitmap.close()
            finally:
                page.close()
        finally:
            pdf.close()
    return out


def _keep_red_ink(variants: dict, grey, whitened) -> None:
    """variants["unwhitened"]: the grey page before the colour pass (a name printed in red, erased with
    the seal); variants["red"]: the red ink alone, as dark as it was on the grey page, the rest white
    (a deputy's position stamped in red under the head's printed title, "PHÓ GIÁM ĐỐC" under "GIÁM
    ĐỐC", whose black print over it would merge with it on the grey page: tail._deputy_again)."""
    import numpy as np
    from PIL import Image

    variants["unwhitened"] = grey
    before, after = np.asarray(grey, dtype=np.uint8), np.asarray(whitened, dtype=np.uint8)
    variants["red"] = Image.fromarray(np.where(after > before, before, np.uint8(255)).astype(np.uint8))


def _keep_pen_ink(variants: dict, colour, number: int, warnings: list[str] | None) -> None:
    """variants["pen"]: the first page's pen ink (pen_ink), which tells a number written into the header's
    "Số:" blank from print (handwritten_number). Only the first page's: the header is there."""
    pen = optional_step(N_("the colour pass (pen ink)"), number, warnings if warnings is not None else [],
                        lambda: pen_ink(colour), None)
    if pen is not None:
        variants["pen"] = pen


# EXIF orientation -> the transpose that puts the picture upright (as PIL.ImageOps.exif_transpose)
_EXIF_TRANSPOSE = {2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE", 6: "ROTATE_270",
                   7: "TRANSVERSE", 8: "ROTATE_90"}


def load_image_frame(path: str, index: int, warnings: list[str] | None = None, number: int | None = None,
                     scale: float = 1.0, variants: dict | None = None):
    """One frame of an image file as a grayscale PIL image, upright by its EXIF orientation, red seals
    whitened, shrunk by ``scale`` (< 1) as it is decoded when it is huge: a JPEG is then decoded at a
    reduced size by libjpeg itself (draft mode), so a 60-megapixel photo never sits in memory in full
    colour. No full-size copy of the decoded frame is made. ``variants``: as render_pdf_page's."""
    from PIL import Image

    with Image.open(path) as im:
        im.seek(index)
        transpose = _EXIF_TRANSPOSE.get(im.getexif().get(0x0112)) if index == 0 else None
        frame = im
        if scale < 1:
            size = (max(1, round(im.width * scale)), max(1, round(im.height * scale)))
            if im.format == "JPEG":
                im.draft("L" if im.mode == "L" else "RGB", size)  # decodes at 1/2, 1/4 or 1/8 when that is enough
            frame = im.resize(size, Image.Resampling.BOX) if im.size != size else im
        if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
            # text on a transparent background: its hidden colour is often black, so put it on white paper
            paper = Image.new("RGBA", frame.size, (255, 255, 255, 255))
            paper.alpha_composite(frame.convert("RGBA"))
            frame = paper.convert("RGB")
            del paper
        grey = frame.convert("L")
        out = optional_step(N_("the colour pass (red seals)"), number or index + 1, warnings if warnings is not None else [],
                            lambda: drop_colour_ink(grey, frame), grey)
        if variants is not None and out is not grey:
            _keep_red_ink(variants, grey, out)
        if variants is not None and index == 0:
            _keep_pen_ink(variants, frame, number or 1, warnings)
        del frame, grey
    if transpose:
        out = out.transpose(getattr(Image.Transpose, transpose))
        if variants:
            variants.update({k: v.transpose(getattr(Image.Transpose, transpose)) for k, v in variants.items()})
    return out


def estimate_skew(image, limit: float = 5.0) -> float:
    """Degrees (counter-clockwise, as PIL's rotate takes them) that make the text rows horizontal: the
    shear whose row profile of the ink is sharpest, on a reduced copy. Ink pixels are projected with
    numpy for each candidate angle (no image rotation), so this costs a few tens of milliseconds."""
    import numpy as np

    arr = np.asarray(_reduced(image, 800), dtype=np.uint8)
    ys, xs = np.nonzero(arr < 128)
    if len(ys) < 200:
        return 0.0
    xs = xs - arr.shape[1] / 2
    height = arr.shape[0]

    def score(angle: float) -> float:
        # a row at y on the upright page is seen at y - x·tan(angle) on the skewed one
        rows = np.round(ys + xs * np.tan(np.radians(angle))).astype(np.int64)
        rows = rows[(rows >= 0) & (rows < height)]
        profile = np.bincount(rows, minlength=height).astype(np.float64)
        return float(np.sum(np.diff(profile) ** 2))

    candidates = np.arange(-limit, limit + 1e-9, 0.5)
    best = max(candidates, key=score)
    fine = np.arange(best - 0.4, best + 0.41, 0.1)
    best = max(fine, key=score)
    return round(-float(best), 2)  # rotating by minus the skew puts the rows level


def _reduced(image, side: int):
    """``image`` shrunk by a whole factor (box filter) so that its long side is at most ``side``;
    the image itself when it is that small already (never a full-size copy)."""
    factor = -(-max(image.size) // side)
    return image.reduce(factor) if factor > 1 else image


def _sharpness(profile) -> float:
    """How abruptly a projection profile rises and falls (text rows and the gaps between them),
    scale-free: the sum of its squared steps over the sum of its squares, over its inked span."""
    import numpy as np

    inked = np.nonzero(profile > 0)[0]
    if len(inked) < 10:
        return 0.0
    p = profile[inked[0]: inked[-1] + 1].astype(np.float64)
    return float(np.sum(np.diff(p) ** 2)) / max(1.0, float(np.sum(p * p)))


ROWS_ACROSS = 1.25  # row profile this much sharper than the column profile: the print runs across the page
ROWS_UP = 0.8  # this much less sharp: it runs up or down the page (turned a quarter)


def text_direction(image) -> str | None:
    """"across" when the lines of print run across the page (upright or upside down), "up" when they
    run up or down it (the page is turned a quarter), None when the page cannot tell (little print,
    a drawing). Measured on a 300-pixel copy, where letters blur into their line but lines stay
    apart: the profile of the rows is then far sharper than that of the columns on an upright page
    (2-21× on the scans and photos of corpus/eval/dev and corpus/real) and far less sharp on a turned
    one (0.05-0.5×). Darkness is taken above the page's median, so a photo's shadow counts little."""
    import numpy as np

    dark = 255.0 - np.asarray(_reduced(image, 300), dtype=np.float64)
    dark = np.clip(dark - np.median(dark), 0, None)
    rows, cols = _sharpness(dark.sum(axis=1)), _sharpness(dark.sum(axis=0))
    if rows == 0 or cols == 0:
        return None
    ratio = rows / cols
    return "across" if ratio >= ROWS_ACROSS else "up" if ratio <= ROWS_UP else None


def looks_upright(image) -> bool:
    """True when the lines of print have clearly more ink above their core (capitals, ascenders and
    the marks over Vietnamese vowels) than below it (descenders, the dot of nặng): the page is not
    upside down. On the upright scans of corpus/eval/dev and corpus/real the ratio is 1.1-14 (one
    phone photo under a shadow aside) and 0.07-0.9 on the same pages turned over; an unclear ratio
    answers False, so the page is tried upside down."""
    import numpy as np

    ink = np.asarray(_reduced(image, 800), dtype=np.uint8) < 128
    profile = ink.sum(axis=1).astype(np.float64)
    if not profile.any():
        return False
    on = profile > max(1.0, 0.05 * profile.max())
    above = below = 0.0
    edges = np.flatnonzero(np.diff(np.concatenate(([0], on.astype(np.int8), [0]))))
    for top, bottom in zip(edges[::2], edges[1::2]):
        line = profile[top:bottom]
        if len(line) < 4:
            continue
        core = np.flatnonzero(line >= 0.5 * line.max())
        above += line[: core[0]].sum()
        below += line[core[-1] + 1:].sum()
    return (above + 1) / (below + 1) >= UPRIGHT_INK


UPRIGHT_INK = 1.25  # ink above the lines' core over ink below it, at or above which a page is upright


def binarize(image):
    """Otsu threshold."""
    import numpy as np
    from PIL import Image

    arr = np.asarray(image, dtype=np.uint8)
    return Image.fromarray(((arr > otsu_threshold(arr)) * 255).astype(np.uint8))


def otsu_threshold(arr) -> int:
    """The grey level that parts ink from paper best (Otsu) in a uint8 array."""
    import numpy as np

    hist = np.bincount(arr.ravel(), minlength=256).astype(np.float64)
    total = arr.size
    cum = np.cumsum(hist)
    cum_mean = np.cumsum(hist * np.arange(256))
    mean_all = cum_mean[-1] / total
    w0 = cum / total
    w1 = 1 - w0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean_all * w0 - cum_mean / total) ** 2 / (w0 * w1)
    return int(np.nanargmax(between))


# --------------------------------------------------------------------------- words -> lines


# The number of a document is often written in by hand in the printed "Số:      /BC-UBND" blank.
# Tesseract reads such digits with low confidence, or (a clean hand) confidently but taller than the
# print and below its baseline: either way the digits are not trusted (the header gives null).
HANDWRITTEN_CONFIDENCE = 60.0  # digits standing apart from the symbol
HANDWRITTEN_GLUED_CONFIDENCE = 46.0  # digits in one word with the symbol ("52o/BCA-V01")
# A printed number too is now and then read unsurely, its word glued to the symbol: "3588/QĐ-BGDĐT" at 31
# (qd-3588-bgddt of corpus/eval/dev, a ministry's typed decision), "Số:243_" at 53 (kh-243-ubnd-dak-lak, an
# e-office number typed into the blank). Under the bars above it is kept when it reads as print does: at
# least this sure, its digits clean digits (the written ones of the dev scans read as "4Jÿ®", "2⁄4ý", "JJ#"),
# the whole number of the grammar's form (parse_symbol), and its digits no taller than the printed words of
# their line (_written_by_size: a written number stands taller than the print, 64-93 pixels for its 42-55).
PRINTED_MIN_CONFIDENCE = 30.0


# A number written with a blue or violet pen (the usual ink of the districts of Đắk Nông: bc-68, bc-69,
# bc-111 of corpus/eval/dev) is told by its colour too, however surely Tesseract reads it: most of its
# digits' ink is the pen's, and next to none of the printed label's ("Số:" is print, so a page copied on
# tinted paper or printed in blue is no sign). Measured at 100 dpi on bc-69: 178 of the written "69"'s
# pixels are pen ink, none of "/BC – UBND"'s; the black digits of kh-09 and of ctph's numbering stamp: none.
PEN_DIGITS_SHARE = 0.3  # of the digits' ink at or above which they were written with a pen ...
PEN_LABEL_SHARE = 0.05  # ... when the label's is under this


def handwritten_number(words: list[tesseract.Word], pen=None) -> tuple[list[tesseract.Word], str | None]:
    """A "Số:" line's words with the digits of its number replaced by "…" when they look written by
    hand, and the reason (None when the number looks printed or the line is no "Số:" line). The label
    starts the line or a column of it (a mark in the margin, read into the same line, may come first).
    ``pen``, when given: word -> the share of its ink that is a pen's (pen_share)."""
    for i, w in enumerate(words):
        # (measured by the label's own height: the mark before it may be a tall scrawl)
        if (i == 0 or _gutter(words[i - 1], w, w.height)) and (is_ocr_number_label(w.text) or split_ocr_glued_label(w.text)):
            out, reason = _handwritten_number(words[i:], pen)
            return words[:i] + out, reason
    return words, None


def pen_share(image, pen):
    """word -> the share of the ink in its box that is a pen's (``pen``: pen_ink's image, in the same
    pixels as ``image``, the grey page the words were read on); None when the page has no pen ink."""
    import numpy as np

    if pen is None or pen.size != image.size or pen.getextrema()[0] == 255:
        return None

    def share(w: tesseract.Word) -> float:
        box = (max(0, w.left), max(0, w.top), w.left + w.width, w.top + w.height)
        inked = np.asarray(pen.crop(box)) == 0
        dark = np.asarray(image.crop(box).convert("L")) < 128
        return float(inked.sum()) / max(1, int((inked | dark).sum()))
    return share


def _handwritten_number(words: list[tesseract.Word], pen=None) -> tuple[list[tesseract.Word], str | None]:
    first = words[0]
    glued = split_ocr_glued_label(first.text)  # (label, number) of "Số:52o/BCA-V01"
    if not (is_ocr_number_label(first.text) or glued):
        return words, None
    label = words[0] if not glued else None
    # the number's words: after the label, up to and including the first word holding the "/", and
    # never past a column gutter (Tesseract often joins "Số: …" and the place and date beside it into
    # one line; the slash written by hand is often not read as one)
    start = 1 if label else 0
    number: list[int] = []
    for i in range(start, len(words)):
        if i > 0 and _gutter(words[i - 1], words[i]):
            break
        number.append(i)
        if "/" in words[i].text:
            break
    digits = [i for i in number if re.search(r"[0-9OoIl]", _number_part(words[i].text, glued is not None and i == 0))]
    if not digits:
        return words, None
    reason = None
    printed = label or next((w for w in words if w.text.startswith("/")), None)
    if (pen is not None and printed is not None and pen(printed) < PEN_LABEL_SHARE
            and max(pen(words[i]) for i in digits) >= PEN_DIGITS_SHARE):
        reason = N_("written in a pen's colour")  # the surest sign: said first
    conf = min(words[i].conf for i in digits)
    # a word that holds the printed symbol too ("683/QĐ-BNV") is read less surely as a whole: a
    # lower bar, measured on the generated scans (printed: 50 and more) and the real ones (written: 14-45)
    glued_symbol = any("/" in words[i].text and len(words[i].text.split("/", 1)[1]) >= 2 for i in digits)
    if reason is None and conf < (HANDWRITTEN_GLUED_CONFIDENCE if glued_symbol else HANDWRITTEN_CONFIDENCE):
        if not (conf >= PRINTED_MIN_CONFIDENCE and _printed_number(words, number, digits, glued)):
            reason = N_("read with confidence {confidence:.0f}").format(confidence=conf)
    elif reason is None and glued is not None and _written_by_size(words, number, digits):
        # the label and the digits read as one word ("Só:22/KH-TTra", kh-09-thanh-tra-syt): the digits
        # cannot be measured apart, the word can: the label alone stands no taller than the print
        reason = N_("taller than the print")
    elif reason is None:
        loose = [i for i in digits if "/" not in words[i].text]  # digits standing apart from the symbol
        symbol = next((w for w in words if w.text.startswith("/")), None)
        if loose and symbol is not None and not re.search(r"[gjpqyQ,]", symbol.text):
            height = max(words[i].height for i in loose)
            drop = max(words[i].top + words[i].height for i in loose) - (symbol.top + symbol.height)
            if height > 1.1 * symbol.height and drop > 0.2 * symbol.height:
                reason = N_("taller than the print and below its baseline")
        year = _printed_year_height(words)
        measured = [i for i in loose if re.fullmatch(r"\d+", words[i].text)]  # digits alone: "34", not "lượng"
        if (reason is None and measured and symbol is not None and year
                and _taller_than_print(max(words[i].height for i in measured), year)):
            # Tesseract read the "Số:" line and the place and date beside it as one line: the printed year
            # there is a yardstick for digits too (bc-93 of corpus/eval/dev: a written "93", read "34",
            # 51 pixels for the year's 42; a typed "229" in tb-229: 25 for 24)
            reason = N_("taller than the printed year")
    if reason is None:
        return words, None
    out = list(words)
    for i in digits:
        w = out[i]
        if glued is not None and i == 0:
            text = glued[0] + " " + _blank_digits(glued[1])
        else:
            text = _blank_digits(w.text)
        out[i] = tesseract.Word(text, w.left, w.top, w.width, w.height, w.conf, w.block, w.par, w.line)
    return out, reason


def _number_text(words: list[tesseract.Word], number: list[int], glued) -> str:
    """The number as its words read ("3588/QĐ-BGDĐT", "243_/KH-UBND"), without the label glued to the first."""
    return "".join(glued[1] if glued is not None and i == 0 else words[i].text for i in number)


def _printed_number(words: list[tesseract.Word], number: list[int], digits: list[int], glued) -> bool:
    """Do the number's words read as print (see PRINTED_MIN_CONFIDENCE): clean digits ("243_": a speck of the
    blank's dots after them is no digit's slip), the grammar's form, no taller than the print of the line."""
    head, slash, tail = _number_text(words, number, glued).partition("/")
    head = re.sub(r"[_.,]+$", "", head)
    if not slash or not re.fullmatch(r"\d{1,5}", head):
        return False
    symbol = parse_symbol(head + slash + tail)
    if symbol is None or symbol.number != head + slash + tail:
        return False
    return _written_by_size(words, number, digits) is False


def _written_by_size(words: list[tesseract.Word], number: list[int], digits: list[int]) -> bool | None:
    """Are the number's digits taller than the printed words of their line beside the number's own (the
    label, the place and date Tesseract read into the same line; see _taller_than_print)? None when the
    line has no such word to measure them by. The tallest of them is the yardstick: the print's marks
    ("Số", "Đắk") stand above its digits, and so do those of a label read glued to them ("Số:243", 33
    pixels for its symbol's 23, kh-243-ubnd-dak-lak): the symbol, in capitals, is none."""
    printed = [w.height for i, w in enumerate(words) if i not in number and len(re.findall(r"[^\W\d_]", w.text)) >= 2]
    if not printed:
        return None
    return _taller_than_print(max(words[i].height for i in digits), max(printed))


# The day (and the month) of the place and date line is as often written in by hand as the number
# ("Đắk Nông, ngày 17 tháng 5 năm 2019" with "17" in blue ink). Tesseract reads such digits now and then
# surely but wrongly ("11" for a written 17: bc-93 of corpus/eval/dev), so they are judged like the
# number's: taller than the printed year of the same line, they are blanked ("…"; the header then gives no
# date and says the day is blank or handwritten). Measured on the place and date lines of the 35 real scans
# and photos of corpus/eval/dev (both passes, full page and header region): printed days and months stand at
# 0.82-1.04 of the year's height (2 pixels at most), those typed into an e-office blank of a small photo 1.09
# (25 pixels for 23: tb-229), written ones 1.15 and more (bc-93, bc-144, cv-651, cv-874, cv-ubnd-phu-tho,
# tb-269, ttr-04: 5 pixels and more; tests/test_read_ocr.py); of corpus/real, tb-493's written "13" read "12"
# stands at 1.12 (46 pixels for 41), the printed days of cv-45 and nd-28 at 1.00-1.02.
# Confidence is no sign here: a typed month was read at 44 (kh-243), a written day at 91 (bc-93).
HANDWRITTEN_DAY_HEIGHT = 1.1  # of the printed year's height: a taller day or month was written by hand ...
HANDWRITTEN_DAY_MIN_PIXELS = 3  # ... when taller by this many pixels too (a small photo's boxes round by 1-2)
_YEAR_WORD = re.compile(r"^(?:19|20)\d\d[.,]?$")


def _taller_than_print(height: int, print_height: int) -> bool:
    return height > HANDWRITTEN_DAY_HEIGHT * print_height and height - print_height >= HANDWRITTEN_DAY_MIN_PIXELS


def _printed_year_height(words: list[tesseract.Word]) -> int | None:
    """The height of the printed year after "năm" among a line's words, None when there is none."""
    for prev, w in zip(words, words[1:]):
        if fold(prev.text) == "nam" and _YEAR_WORD.match(w.text):
            return w.height
    return None


def handwritten_day(words: list[tesseract.Word]) -> tuple[list[tesseract.Word], bool]:
    """A place and date line's words ("…, ngày 17 tháng 5 năm 2019", left to right) with the digits of its
    day and month replaced by "…" when they look written by hand (see HANDWRITTEN_DAY_HEIGHT), and whether
    they were. The printed year is the yardstick: a line without one is left as it is; so is a day read
    glued to its word ("ngày11": its digits cannot be measured apart)."""
    folded = [fold(w.text) for w in words]
    try:
        i_day = next(i for i, f in enumerate(folded) if f == "ngay" and i and words[i - 1].text.endswith((",", "."))
                     and not re.search(r"[\d/]", words[i - 1].text))  # after the place ("Đắk Nông,"), not a reference
        i_month = next(i for i in range(i_day + 1, len(folded)) if folded[i] == "thang")
        i_year = next(i for i in range(i_month + 1, len(folded)) if folded[i] == "nam")
    except StopIteration:
        return words, False
    if i_year + 1 >= len(words) or not _YEAR_WORD.match(words[i_year + 1].text):
        return words, False
    print_height = words[i_year + 1].height
    parts = [range(i_day + 1, i_month), range(i_month + 1, i_year)]
    written = set()
    for part in parts:
        digits = [i for i in part if re.search(r"\d", words[i].text)]
        if any(_taller_than_print(words[i].height, print_height) for i in digits):
            written.update(digits)
    if not written:
        return words, False
    out = [tesseract.Word("…", w.left, w.top, w.width, w.height, w.conf, w.block, w.par, w.line) if i in written else w
           for i, w in enumerate(words)]
    return out, True


def _gutter(left: tesseract.Word, right: tesseract.Word, height: int | None = None) -> bool:
    """A gap between two words of one Tesseract line wide enough to be a column gutter (2.5 times
    ``height``, by default the taller word's)."""
    return right.left - (left.left + left.width) > 2.5 * (height or max(left.height, right.height))


def _number_halves(left: str, right: str) -> bool:
    """"Số: 23" | "/BC-UBND", "Số:" | "/TTr-": the two halves of a document number."""
    symbol = re.match(r"^/[A-ZĐÐ]", right)
    number = re.search(r"(?:\d|…)$", left) or is_ocr_number_label(left)
    return bool(symbol and number)


def _number_part(text: str, glued: bool) -> str:
    if glued:
        split = split_ocr_glued_label(text)
        text = split[1] if split else text
    return text.split("/")[0]


def _blank_digits(text: str) -> str:
    """"52o/BCA-V01" -> "…/BCA-V01", "23" -> "…": what comes before the slash is the written part.
    Without a slash (written by hand too, read as another mark: "%CAT-PA05"), the printed symbol at
    the end (two capitals or more) stays: "…CAT-PA05"."""
    head, slash, tail = text.partition("/")
    if not slash:
        symbol = re.search(r"[A-ZĐ]{2,}[A-ZĐ0-9-]*$", text)
        if symbol and symbol.start() > 0:
            return "…" + text[symbol.start():]
    return "…" + slash + tail


# Tesseract reads a header's en dash as a hyphen ("SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI" as "SỞ LAO ĐỘNG - …"); the
# two are told apart by their width against the line's letters, the hyphen a third of an em, the en dash half of
# one. Measured on the agency lines of corpus/eval/dev, width over the median height of the line's words: hyphens
# 0.23-0.36 (bc-248 "SỞ LAO ĐỘNG - TBXH", ctph-ldld-svhttdl "LIÊN ĐOÀN LAO ĐỘNG -"), en dashes 0.57-0.65 (cv-651
# "SỞ LAO ĐỘNG – THƯƠNG", gm-01 "VĂN PHÒNG HĐND – UBND"). Only a dash standing alone between two words of a line
# in capitals (an agency, a title): a body's dashes and bullets stay as read.
EN_DASH_WIDTH = 0.48  # of the median height of the line's words: a lone dash this wide is an en dash
DASH_MAX_HEIGHT = 0.3  # of the same: a dash's box is a thin stroke (0.06-0.16 measured); a taller box is no dash alone
UPPER_SHARE = 0.7  # of a line's letters in upper case: a line in capitals (an agency, a title, a position)


def _in_capitals(text: str) -> bool:
    """More than UPPER_SHARE of the text's letters in upper case (False without letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) > UPPER_SHARE * len(letters)


def _dashes(run: list[tesseract.Word]) -> list[str]:
    """The words' texts, a lone hyphen as wide as an en dash (see EN_DASH_WIDTH) between words of a line in
    capitals written "–"."""
    texts = [w.text for w in run]
    heights = [w.height for w in run if any(ch.isalpha() for ch in w.text)]
    if not heights or not _in_capitals("".join(texts)):
        return texts
    height = statistics.median(heights)
    for i in range(1, len(run) - 1):
        if texts[i] == "-" and run[i].width >= EN_DASH_WIDTH * height and run[i].height <= DASH_MAX_HEIGHT * height:
            texts[i] = "–"
    return texts


def lines_from_words(words: list[tesseract.Word], page: int, scale: float, warnings: list[str] | None = None,
                     columns: bool = True, pen=None) -> list[Line]:
    """Tesseract's lines (block, paragraph, line), cut where a gap is a column gutter (unless
    ``columns`` is False: the words come from one column), in points. The digits of a "Số:" line that
    look handwritten are blanked ("…"; the OCR text stays in Line.original) with a warning; ``pen``: as
    handwritten_number's."""
    groups: dict[tuple[int, int, int], list[tesseract.Word]] = {}
    for w in words:
        groups.setdefault((w.block, w.par, w.line), []).append(w)
    out: list[Line] = []
    for key in groups:  # dicts keep Tesseract's reading order
        ws = sorted(groups[key], key=lambda w: w.left)
        read = ws
        ws, written = handwritten_number(ws, pen)
        ws, day_written = handwritten_day(ws)
        read_as = {id(new): old.text for new, old in zip(ws, read)}  # same words, same order
        if written and warnings is not None:
            end = next((i + 1 for i, w in enumerate(ws) if "/" in w.text or "…" in w.text and i + 1 < len(ws)
                        and _gutter(w, ws[i + 1])), 3)
            shown = " ".join(w.text for w in ws[:end])
            warnings.append(warning("ocr.handwritten_line_number", page=page, line=shown, written=written))
        height = statistics.median(w.height for w in ws)
        gaps = [w.left - (prev.left + prev.width) for prev, w in zip(ws, ws[1:])]
        cut = max(0.8 * height, 2.5 * statistics.median(gaps)) if len(gaps) >= 3 else 1.5 * height
        runs: list[list[tesseract.Word]] = [[ws[0]]]
        for gap, w, prev in zip(gaps, ws[1:], ws):
            if columns and gap > cut and not _number_halves(prev.text, w.text):
                runs.append([])  # a column gutter; the two halves of a number ("Số: …" "/BC-UBND") stay one
            runs[-1].append(w)
        for run in runs:
            raw = " ".join(w.text for w in run)
            text = nfc(" ".join(_dashes(run)))
            if (written or day_written) and "…" in raw:
                raw = " ".join(read_as[id(w)] for w in run)  # the original keeps what OCR read
            x0 = min(w.left for w in run) * scale
            top = min(w.top for w in run) * scale
            x1 = max(w.left + w.width for w in run) * scale
            bottom = max(w.top + w.height for w in run) * scale
            h = statistics.median(w.height for w in run) * scale
            out.append(
                Line(
                    text=text,
                    page=page,
                    bbox=(round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2)),
                    font_size=round(h / 0.8 * 2) / 2,  # word boxes span about 0.8 em (caps + marks)
                    confidence=round(sum(w.conf for w in run) / len(run), 1),
                    original=raw if raw != text else None,
                )
            )
    return out


# the en dash between two words as Tesseract reads it, an em dash: "Sở Lao động — TB&XH" (cv-651-sldtbxh),
# "Tập đoàn Vingroup — Công ty CP" (tb-229-vp-ubnd-ha-noi), "Trịnh Minh Châu — Phó Giám đốc" (bc-144-ubnd);
# Vietnamese administrative text sets the en dash there
_EM_DASH = re.compile(r"(?<=\w) — (?=\w)")


# "Cổng thông tin điện tử" (a web portal, "Cổng TTĐT" for short) as Tesseract reads it on scans, the hook above the
# o lost: "Công TTĐT-VPUBND huyện" (bc-69, bc-111, bc-144-ubnd-huyen-dak-rlap of corpus/eval/dev), "Công thông tin
# điện tử" (bc-74, bc-228, cv-6191), "TGĐ Công TTĐT" (qd-1380-ttg); "công" is never said before those words
_PORTAL = re.compile(r"\b([Cc])ông(?=\s+(?:TTĐT|[Tt]hông\s+tin\s+điện\s+tử)\b)")


def correct_line(line: Line) -> Line:
    """An OCR line with words run together set apart (lexicon.split_glued) and the slips in its fixed words
    corrected against the lexicons (lexicon.correct):
    in an upper-case line (agency, title, position) any lexicon phrase, in other lines only names
    written with capitals (a place, a province); a unit's name with the typographic apostrophe
    (lexicon.unit_apostrophes); the OCR text stays in Line.original."""
    text = lexicon.split_glued(repair_day_digits(_EM_DASH.sub(" – ", line.text)))
    if not any(ch.isalpha() for ch in text):
        return line
    if _in_capitals(text):
        fixed = lexicon.correct_units(lexicon.correct(text))  # "HUYỆN ĐÁK R°LÁP" -> "HUYỆN ĐẮK R’LẤP"
    else:
        # mixed case: the place before "ngày … tháng" ("Thành phó Hỗ Chí Minh, ngày"), and elsewhere
        # only names written with capitals ("tỉnh Lâm Đông" -> "tỉnh Lâm Đồng")
        folded = fold(text)
        m = re.search(r"\bngay", folded)
        if m and 0 < m.start() <= 45 and "thang" in folded[m.end():]:
            head = text[: m.start()]
            fixed = (lexicon.correct_place(lexicon.correct(head.rstrip())) + head[len(head.rstrip()):]
                     + lexicon.correct(text[m.start():], proper_only=True))
        else:
            fixed = lexicon.correct(text, folded_only=True)
    fixed = lexicon.unit_apostrophes(fixed)  # "huyện Đắk R'lấp" as the header prints it: "Đắk R’lấp"
    fixed = _PORTAL.sub(lambda m: m.group(1) + "ổng", fixed)
    if fixed == line.text:
        return line
    from dataclasses import replace

    return replace(line, text=fixed, original=line.original or line.text)


def _noise(line: Line) -> bool:
    """Specks, handwriting and stamp edges read as text: very low confidence, or no real word."""
    if not line.text.strip():
        return True
    conf = line.confidence or 0.0
    alnum = sum(ch.isalnum() for ch in line.text)
    has_word = any(sum(ch.isalnum() for ch in w) >= 3 for w in line.text.split())
    tiny = line.font_size is not None and line.font_size < 5  # no print is that small: a speck row, a seal's rim
    if is_ocr_number_line(line.text) and not tiny:
        return False  # "Số: … /CV-PA83": the printed symbol stays, however badly the handwriting beside it reads
    if lexicon.is_layout_label(line.text) and not tiny:
        return False  # "-_ Nơinhận:" (bold italic, read at 11): without it the signer's title is taken for the list
    return alnum < 2 or conf < 20 or (conf < 65 and not has_word) or tiny


def _mean_conf(words: list[tesseract.Word]) -> float:
    # weighted by length so that a stray "|" does not count as much as a word
    total = sum(len(w.text) for w in words)
    return sum(w.conf * len(w.text) for w in words) / total if total else 0.0


# --------------------------------------------------------------------------- one page


def ocr_page(task: OcrTask) -> OcrResult:
    result = OcrResult(number=task.number)
    try:
        variants: dict = {}
        image, dpi = _page_image(task, result, variants)
        held = [image]
        del image  # _recognise owns the only reference: each clean-up step frees the image before it
        _recognise(held, dpi, task, result, variants)
    except tesseract.OcrFailed as e:
        result.warnings.append(warning("ocr.failed", page=task.number, error=str(e)))
    except (OSError, SyntaxError, EOFError) as e:
        result.warnings.append(warning("ocr.undecodable", page=task.number, error=type(e).__name__))
    except MemoryError:
        result.warnings.append(warning("ocr.out_of_memory", page=task.number))
    return result


def _page_image(task: OcrTask, result: OcrResult, variants: dict | None = None):
    """(grey image, its resolution) of the task's page: a PDF page rendered at task.dpi; an image
    frame at its own resolution, except that a small photo is enlarged towards 300 dpi (Tesseract
    reads best with an x-height of 20 pixels and more) up to UPSCALE_MAX_PIXELS, and a frame over
    UPSCALE_MAX_PIXELS finer than 300 dpi (image_dpi: the resolution guessed from its size when the
    file's own is not believable) is shrunk to 300 dpi as it is decoded."""
    if task.kind == "pdf":
        return render_pdf_page(task.path, task.index, task.dpi, result.warnings, task.number, variants), task.dpi
    dpi = task.image_dpi or DPI
    scale = 1.0
    if dpi > DPI and task.image_pixels and task.image_pixels > UPSCALE_MAX_PIXELS:
        scale = DPI / dpi
    image = load_image_frame(task.path, task.index, result.warnings, task.number, scale, variants)
    dpi *= scale
    if dpi < 200:
        # never past UPSCALE_MAX_PIXELS (a 60-megapixel scan marked 150 dpi is not enlarged)
        factor = min(2.0, DPI / dpi, (UPSCALE_MAX_PIXELS / max(1, image.width * image.height)) ** 0.5)
        if factor > 1.05:
            image = image.resize((int(image.width * factor), int(image.height * factor)))
            if variants:
                variants.update({k: v.resize(image.size) for k, v in variants.items()})
            dpi *= factor
    return image, dpi


def _save(image, tmpdir: str, name: str) -> str:
    path = os.path.join(tmpdir, name + ".pgm")  # uncompressed: writing it costs next to nothing
    image.save(path)
    return path


def _run(image, task: OcrTask, tmpdir: str, name: str) -> list[tesseract.Word]:
    return tesseract.words(_save(image, tmpdir, name), timeout=task.timeout)


def _osd(path: str, task: OcrTask, result: OcrResult):
    """OSD's (degrees, confidence), None when it cannot tell, False when it failed (with a warning)."""
    return optional_step(N_("orientation detection (OSD)"), task.number, result.warnings,
                         lambda: tesseract.orientation(path, timeout=task.timeout), False)


def _recognise(held: list, dpi: float, task: OcrTask, result: OcrResult, variants: dict | None = None) -> None:
    """Deskew, orientation, one Tesseract pass (two when the page reads badly and may be turned).

    Orientation is asked of OSD (about as costly as recognising the page) only when the page's
    geometry says the print runs up the page (text_direction); a page whose print runs across it and
    reads badly is tried upside down only when its lines do not look upright; a page whose geometry
    cannot tell goes the old way (OSD when the first pass reads badly, else upside down).
    ``variants`` (the colour pass's other images, render_pdf_page) are turned with the page and read
    only in the tail (tail.fill_tail_gaps)."""
    from .. import lifecycle

    image = held.pop()
    variants = variants if variants is not None else {}

    def turn(step):
        variants.update({k: step(v) for k, v in variants.items()})
    # before deskew: the skew of a page turned a quarter is measured on its columns, meaningless
    direction = optional_step(N_("the orientation check"), task.number, result.warnings,
                              lambda: text_direction(image), None)
    with lifecycle.temp_folder("baocao-ocr-") as tmpdir:
        if direction == "up":
            asked = _osd(_save(image, tmpdir, "page-osd"), task, result)
            if asked and asked[0]:
                image = image.rotate(-asked[0], expand=True, fillcolor=255)
                turn(lambda u: u.rotate(-asked[0], expand=True, fillcolor=255))
                result.rotated = asked[0]
        if task.deskew:
            angle = optional_step(N_("deskew"), task.number, result.warnings, lambda: estimate_skew(image), 0.0)
            if abs(angle) >= 0.5:
                image = image.rotate(angle, expand=True, fillcolor=255)
                turn(lambda u: u.rotate(angle, expand=True, fillcolor=255))
                result.skew = angle
        prepared = binarize(image) if task.binarize else image
        del image
        path = _save(prepared, tmpdir, "page")
        words = tesseract.words(path, timeout=task.timeout)
        conf = _mean_conf(words)
        if (conf < LOW_CONFIDENCE or len(words) < 5) and not result.rotated:
            # perhaps scanned sideways or upside down
            if direction == "across":
                upright = optional_step(N_("the orientation check"), task.number, result.warnings,
                                        lambda: looks_upright(prepared), True)
                candidates = [] if upright else [180]
            elif direction == "up":
                candidates = []  # OSD was asked already: it broke, could not tell, or said upright
            else:
                asked = _osd(path, task, result)
                if asked is False:
                    candidates = []  # OSD broke: the page is read as it is, not turned on a guess
                else:
                    candidates = [asked[0]] if asked and asked[0] else ([] if asked else [180])
            for degrees in candidates:
                turned = prepared.rotate(-degrees, expand=True, fillcolor=255)
                other = _run(turned, task, tmpdir, f"page-{degrees}")
                other_conf = _mean_conf(other)
                if other_conf * len(other) > conf * len(words) * 1.2:
                    words, conf, prepared = other, other_conf, turned
                    turn(lambda u: u.rotate(-degrees, expand=True, fillcolor=255))
                    result.rotated = degrees
        scale = 72 / dpi
        result.width = round(prepared.width * scale, 2)
        result.height = round(prepared.height * scale, 2)
        result.mean_conf = round(conf, 1) if words else None
        found: list[str] = []
        pen = pen_share(prepared, variants.pop("pen", None))
        lines = [line for line in lines_from_words(words, task.number, scale, found, pen=pen) if not _noise(line)]
        lines = optional_step("re-reading the tail", task.number, result.warnings, lambda: fill_tail_gaps(
            prepared, lines, task.number, scale, tmpdir, task.timeout, result.width, variants), lines)
        lines = lexicon.correct_authorities(order_lines([correct_line(line) for line in lines]))
        if task.number == 1 and task.regions:
            lines = _header_regions(prepared, lines, scale, task, tmpdir, result, found, pen)
        result.warnings += found
        result.lines = tuple(lines)
        if result.rotated:
            result.warnings.append(warning("ocr.rotated", page=task.number, degrees=result.rotated))


def _finish(lines: list[Line]) -> list[Line]:
    return [correct_line(line) for line in lines if not _noise(line)]


def _header_regions(image, lines: list[Line], scale: float, task: OcrTask, tmpdir: str, result: OcrResult,
                    found: list[str], pen=None) -> list[Line]:
    """The first page's lines with its header read again region by region (read/regions.py); the
    full-page lines when the page has no two-column header or the step fails. The warnings of the
    full-page pass about lines read again (a handwritten number) give way to the regions' own."""
    def recognise(crop, psm: int):
        return tesseract.words(_save(crop, tmpdir, f"region-{psm}"), psm=psm, timeout=task.timeout)

    def step():
        boxes = regions.find_header(image)
        if not boxes:
            return lines, [], []
        own: list[str] = []
        out, replaced = regions.read_regions(image, boxes, lines, task.number, scale, recognise, _finish, own, pen)
        return out, replaced, own

    out, replaced, own = optional_step("reading the header by regions", task.number, result.warnings, step,
                                       (lines, [], []))
    kept = set(map(id, out))
    gone = [ln for ln in replaced if id(ln) not in kept]
    if replaced:
        found[:] = [w for w in found if not any(_quoted(w) and _quoted(w) in ln.text for ln in gone)] + own
    return out


def _quoted(warning: str) -> str | None:
    m = re.search(r'"([^"]+)"', warning)
    return m.group(1) if m else None


# --------------------------------------------------------------------------- many pages


def _init_worker(parent_pid: int) -> None:
    from .. import lifecycle

    lifecycle.init_worker(parent_pid)  # dies with the process that OCRs the file; one thread


def ocr_pages(tasks: list[OcrTask], workers: int | None) -> list[OcrResult]:
    """OCR every task, ``workers`` pages at a time (None: one process per core). Results in task order."""
    if not tasks:
        return []
    tesseract.require("vie")
    workers = workers or os.cpu_count() or 1
    workers = max(1, min(workers, len(tasks)))
    if workers == 1:
        return [ocr_page(t) for t in tasks]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor  # here: a process reading no scan does not import it
    from concurrent.futures.process import BrokenProcessPool

    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    results: list[OcrResult] = []
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                                 initargs=(os.getpid(),)) as pool:
            try:
                futures = [pool.submit(ocr_page, t) for t in tasks]
                for task, future in zip(tasks, futures):
                    try:
                        results.append(future.result())
                    except BrokenProcessPool:
                        results.append(OcrResult(task.number, warnings=[f"page {task.number}: the OCR process died; the page has no text"]))
            except BaseException:  # Ctrl-C, SIGTERM: stop the page workers now (they clean up first)
                from .. import lifecycle

                lifecycle.stop_processes(list((getattr(pool, "_processes", None) or {}).values()))
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    except BrokenProcessPool:
        done = {r.number for r in results}
        results += [OcrResult(t.number, warnings=[warning("ocr.died", page=t.number)]) for t in tasks if t.number not in done]
    return results


def drop_stamp_lines(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """OCR'd e-signature stamps ("Ký bởi: …", "Thời gian ký: …"): removed, their text returned."""
    keep, dropped = [], []
    for line in lines:
        if stamp_strength(line.text) == "strong":
            dropped.append(line.text)
        else:
            keep.append(line)
    return keep, dropped
