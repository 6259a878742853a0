"""OCR of page images: render (PDF pages at 300 dpi with pypdfium2) or load (image files), clean up,
run Tesseract (``vie``), and turn its words into Lines.

Clean-up, in order: grayscale; orientation (a page whose first pass reads badly is asked to OSD and
read again turned the way OSD says, or upside down when OSD cannot tell); deskew (the angle that makes
the row profile sharpest, searched within ±5°). Binarising was measured and did not help Tesseract
(which binarises itself) on the scans of corpus/real — see bench/RESULTS.md — so it is off by default.

Pages of one file run side by side in ``workers`` processes; a page that times out or crashes
Tesseract comes back with no lines and a warning, never as a lost document.
"""
from __future__ import annotations

import os
import re
import statistics
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from ..model import Line
from ..text import fold, nfc
from . import lexicon, tesseract
from .layout import order_lines
from .quality import stamp_strength

DPI = 300
LOW_CONFIDENCE = 55.0  # mean word confidence under which the orientation is questioned
UPSCALE_MAX_PIXELS = 25_000_000  # an image is enlarged for OCR only up to this (A3 at 300 dpi is 17 Mpx)
RED_MARGIN = 8  # red minus the larger of green and blue: a seal's ink, not print


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
    """``gray`` with the red ink of ``colour`` (the same page in RGB) whitened: the red seal pressed
    over the signer block. Left as a grey blot, the seal makes Tesseract skip the position and the
    name printed under it, and often the "Nơi nhận" list beside it too. Only pixels whose red stands
    clearly above green and blue are touched, so black print reads exactly as before."""
    if colour.mode not in ("RGB", "RGBA", "P", "CMYK"):
        return gray
    import numpy as np
    from PIL import Image

    arr = None
    band = 512  # rows at a time: a 60-megapixel scan must not cost an int16 copy of itself at once
    for top in range(0, colour.height, band):
        part = colour.crop((0, top, colour.width, min(colour.height, top + band)))
        rgb = np.asarray(part.convert("RGB"), dtype=np.int16)
        red = rgb[..., 0] - np.maximum(rgb[..., 1], rgb[..., 2]) > RED_MARGIN
        if not red.any():
            continue
        if arr is None:
            arr = np.asarray(gray, dtype=np.uint8).copy()
        # seen through a red filter: the seal fades, print pressed over it stays dark
        arr[top: top + rgb.shape[0]][red] = rgb[..., 0][red]
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
        warnings.append(f"page {number}: {name} failed ({type(e).__name__}: {' '.join(str(e).split())[:80]}); "
                        "the page is read without it")
        return fallback


# PDFium is not thread-safe: every use of it in this package (opening, flattening, rendering) holds
# this lock, so read() may be called from several threads of one process.
PDFIUM_LOCK = threading.RLock()


def render_pdf_page(path: str, index: int, dpi: int = DPI, warnings: list[str] | None = None, number: int | None = None):
    """A PDF page as a grayscale PIL image at ``dpi`` (annotations such as signature stamps not drawn),
    red seals whitened (drop_colour_ink; when that pass fails, the grey render with a warning)."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(path)
        try:
            page = pdf[index]
            try:
                bitmap = page.render(scale=dpi / 72, grayscale=True, draw_annots=False)
                grey = bitmap.to_pil().convert("L")
                bitmap.close()

                def colour_pass():
                    bitmap = page.render(scale=dpi / 72, draw_annots=False)
                    colour = bitmap.to_pil().copy()  # to_pil shares the bitmap's memory
                    bitmap.close()
                    return drop_colour_ink(grey, colour)

                out = optional_step("the colour pass (red seals)", number or index + 1,
                                    warnings if warnings is not None else [], colour_pass, grey)
            finally:
                page.close()
        finally:
            pdf.close()
    return out


def load_image_frame(path: str, index: int, warnings: list[str] | None = None, number: int | None = None):
    from PIL import Image, ImageOps

    with Image.open(path) as im:
        im.seek(index)
        frame = ImageOps.exif_transpose(im.copy()) if index == 0 else im.copy()
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        # text on a transparent background: its hidden colour is often black, so put it on white paper
        page = Image.new("RGBA", frame.size, (255, 255, 255, 255))
        page.alpha_composite(frame.convert("RGBA"))
        frame = page.convert("RGB")
    grey = frame.convert("L")
    return optional_step("the colour pass (red seals)", number or index + 1, warnings if warnings is not None else [],
                         lambda: drop_colour_ink(grey, frame), grey)


def estimate_skew(image, limit: float = 5.0) -> float:
    """Degrees (counter-clockwise, as PIL's rotate takes them) that make the text rows horizontal: the
    shear whose row profile of the ink is sharpest, on a reduced copy. Ink pixels are projected with
    numpy for each candidate angle (no image rotation), so this costs a few tens of milliseconds."""
    import numpy as np

    small = image.copy()
    small.thumbnail((800, 800))
    arr = np.asarray(small, dtype=np.uint8)
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


def binarize(image):
    """Otsu threshold."""
    import numpy as np
    from PIL import Image

    arr = np.asarray(image, dtype=np.uint8)
    hist = np.bincount(arr.ravel(), minlength=256).astype(np.float64)
    total = arr.size
    cum = np.cumsum(hist)
    cum_mean = np.cumsum(hist * np.arange(256))
    mean_all = cum_mean[-1] / total
    w0 = cum / total
    w1 = 1 - w0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean_all * w0 - cum_mean / total) ** 2 / (w0 * w1)
    t = int(np.nanargmax(between))
    return Image.fromarray(((arr > t) * 255).astype(np.uint8))


# --------------------------------------------------------------------------- words -> lines


# The number of a document is often written in by hand in the printed "Số:      /BC-UBND" blank.
# Tesseract reads such digits with low confidence, or (a clean hand) confidently but taller than the
# print and below its baseline: either way the digits are not trusted (the header gives null).
HANDWRITTEN_CONFIDENCE = 60.0  # digits standing apart from the symbol
HANDWRITTEN_GLUED_CONFIDENCE = 46.0  # digits in one word with the symbol ("52o/BCA-V01")
_NUMBER_LABEL = re.compile(r"^(?:S[ốoôóồổỐOÔÓ]|s[ốoôóồổ])(?:\s*hiệu)?[:.;]?$")
_NUMBER_LABEL_GLUED = re.compile(r"^(?P<label>(?:S|s)[ốoôóồổỐOÔÓ][:.;])(?P<rest>.+)$")


def handwritten_number(words: list[tesseract.Word]) -> tuple[list[tesseract.Word], str | None]:
    """A "Số:" line's words with the digits of its number replaced by "…" when they look written by
    hand, and the reason (None when the number looks printed or the line is no "Số:" line)."""
    if not words:
        return words, None
    first = words[0]
    glued = _NUMBER_LABEL_GLUED.match(first.text)
    if not (_NUMBER_LABEL.match(first.text) or glued):
        return words, None
    label = words[0] if not glued else None
    # the number's words: after the label, up to and including the first word holding the "/"
    start = 1 if label else 0
    number: list[int] = []
    for i in range(start, len(words)):
        number.append(i)
        if "/" in words[i].text:
            break
    digits = [i for i in number if re.search(r"[0-9OoIl]", _number_part(words[i].text, glued is not None and i == 0))]
    if not digits:
        return words, None
    reason = None
    conf = min(words[i].conf for i in digits)
    # a word that holds the printed symbol too ("683/QĐ-BNV") is read less surely as a whole: a
    # lower bar, measured on the generated scans (printed: 50 and more) and the real ones (written: 14-45)
    glued_symbol = any("/" in words[i].text and len(words[i].text.split("/", 1)[1]) >= 2 for i in digits)
    if conf < (HANDWRITTEN_GLUED_CONFIDENCE if glued_symbol else HANDWRITTEN_CONFIDENCE):
        reason = f"read with confidence {conf:.0f}"
    else:
        loose = [i for i in digits if "/" not in words[i].text]  # digits standing apart from the symbol
        symbol = next((w for w in words if w.text.startswith("/")), None)
        if loose and symbol is not None and not re.search(r"[gjpqyQ,]", symbol.text):
            height = max(words[i].height for i in loose)
            drop = max(words[i].top + words[i].height for i in loose) - (symbol.top + symbol.height)
            if height > 1.1 * symbol.height and drop > 0.2 * symbol.height:
                reason = "taller than the print and below its baseline"
    if reason is None:
        return words, None
    out = list(words)
    for i in digits:
        w = out[i]
        if glued is not None and i == 0:
            text = glued.group("label") + " " + _blank_digits(glued.group("rest"))
        else:
            text = _blank_digits(w.text)
        out[i] = tesseract.Word(text, w.left, w.top, w.width, w.height, w.conf, w.block, w.par, w.line)
    return out, reason


def _number_halves(left: str, right: str) -> bool:
    """"Số: 23" | "/BC-UBND", "Số:" | "/TTr-": the two halves of a document number."""
    symbol = re.match(r"^/[A-ZĐÐ]", right)
    number = re.search(r"(?:\d|…|^S[ốoôó][:.;]?)$", left)
    return bool(symbol and number)


def _number_part(text: str, glued: bool) -> str:
    if glued:
        m = _NUMBER_LABEL_GLUED.match(text)
        text = m.group("rest") if m else text
    return text.split("/")[0]


def _blank_digits(text: str) -> str:
    """"52o/BCA-V01" -> "…/BCA-V01", "23" -> "…": what comes before the slash is the written part."""
    head, slash, tail = text.partition("/")
    return "…" + slash + tail


def lines_from_words(words: list[tesseract.Word], page: int, scale: float, warnings: list[str] | None = None) -> list[Line]:
    """Tesseract's lines (block, paragraph, line), cut where a gap is a column gutter, in points. The
    digits of a "Số:" line that look handwritten are blanked ("…"; the OCR text stays in Line.original)
    with a warning."""
    groups: dict[tuple[int, int, int], list[tesseract.Word]] = {}
    for w in words:
        groups.setdefault((w.block, w.par, w.line), []).append(w)
    out: list[Line] = []
    for key in groups:  # dicts keep Tesseract's reading order
        ws = sorted(groups[key], key=lambda w: w.left)
        read_as = " ".join(w.text for w in ws)
        ws, written = handwritten_number(ws)
        if written and warnings is not None:
            shown = " ".join(w.text for w in ws[: next((i + 1 for i, w in enumerate(ws) if "/" in w.text), 3)])
            warnings.append(f"page {page}: the number of the line \"{shown}\" looks handwritten ({written}); left out")
        height = statistics.median(w.height for w in ws)
        gaps = [w.left - (prev.left + prev.width) for prev, w in zip(ws, ws[1:])]
        cut = max(0.8 * height, 2.5 * statistics.median(gaps)) if len(gaps) >= 3 else 1.5 * height
        runs: list[list[tesseract.Word]] = [[ws[0]]]
        for gap, w, prev in zip(gaps, ws[1:], ws):
            if gap > cut and not _number_halves(prev.text, w.text):
                runs.append([])  # a column gutter; the two halves of a number ("Số: …" "/BC-UBND") stay one
            runs[-1].append(w)
        for run in runs:
            raw = " ".join(w.text for w in run)
            text = nfc(raw)
            if written and "…" in raw:
                raw = read_as  # the original keeps what OCR read
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


def correct_line(line: Line) -> Line:
    """An OCR line with the slips in its fixed words corrected against the lexicons (lexicon.correct):
    in an upper-case line (agency, title, position) any lexicon phrase, in other lines only names
    written with capitals (a place, a province); the OCR text stays in Line.original."""
    text = line.text
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return line
    if sum(ch.isupper() for ch in letters) > 0.7 * len(letters):
        fixed = lexicon.correct(text)
    else:
        # mixed case: the place before "ngày … tháng" ("Thành phó Hỗ Chí Minh, ngày"), and elsewhere
        # only names written with capitals ("tỉnh Lâm Đông" -> "tỉnh Lâm Đồng")
        folded = fold(text)
        m = re.search(r"\bngay", folded)
        if m and 0 < m.start() <= 45 and "thang" in folded[m.end():]:
            head = text[: m.start()]
            fixed = (lexicon.correct(head.rstrip()) + head[len(head.rstrip()):]
                     + lexicon.correct(text[m.start():], proper_only=True))
        else:
            fixed = lexicon.correct(text, proper_only=True)
    if fixed == text:
        return line
    from dataclasses import replace

    return replace(line, text=fixed, original=line.original or text)


def _noise(line: Line) -> bool:
    """Specks, handwriting and stamp edges read as text: very low confidence, or no real word."""
    if not line.text.strip():
        return True
    conf = line.confidence or 0.0
    alnum = sum(ch.isalnum() for ch in line.text)
    has_word = any(sum(ch.isalnum() for ch in w) >= 3 for w in line.text.split())
    tiny = line.font_size is not None and line.font_size < 5  # no print is that small: a speck row, a seal's rim
    return alnum < 2 or conf < 20 or (conf < 65 and not has_word) or tiny


def _mean_conf(words: list[tesseract.Word]) -> float:
    # weighted by length so that a stray "|" does not count as much as a word
    total = sum(len(w.text) for w in words)
    return sum(w.conf * len(w.text) for w in words) / total if total else 0.0


# --------------------------------------------------------------------------- one page


def ocr_page(task: OcrTask) -> OcrResult:
    result = OcrResult(number=task.number)
    try:
        if task.kind == "pdf":
            image = render_pdf_page(task.path, task.index, task.dpi, result.warnings, task.number)
            dpi = task.dpi
        else:
            image = load_image_frame(task.path, task.index, result.warnings, task.number)
            dpi = task.image_dpi or DPI
            if dpi < 200:
                # small photos: Tesseract reads best near 300 dpi (x-height of 20+ pixels); never past
                # UPSCALE_MAX_PIXELS (a 60-megapixel scan marked 150 dpi is read as it is)
                factor = min(2.0, DPI / dpi, (UPSCALE_MAX_PIXELS / max(1, image.width * image.height)) ** 0.5)
                if factor > 1.05:
                    image = image.resize((int(image.width * factor), int(image.height * factor)))
                    dpi *= factor
        _recognise(image, dpi, task, result)
    except tesseract.OcrFailed as e:
        result.warnings.append(f"page {task.number}: {e}; the page has no text")
    except (OSError, SyntaxError, EOFError) as e:
        result.warnings.append(f"page {task.number}: the image cannot be decoded ({type(e).__name__}); the page has no text")
    except MemoryError:
        result.warnings.append(f"page {task.number}: out of memory while rendering for OCR; the page has no text")
    return result


def _run(image, task: OcrTask, tmpdir: str, name: str) -> list[tesseract.Word]:
    path = os.path.join(tmpdir, name + ".pgm")  # uncompressed: writing it costs next to nothing
    image.save(path)
    return tesseract.words(path, timeout=task.timeout)


def _recognise(image, dpi: float, task: OcrTask, result: OcrResult) -> None:
    from .. import lifecycle

    with lifecycle.temp_folder("baocao-ocr-") as tmpdir:
        if task.deskew:
            angle = optional_step("deskew", task.number, result.warnings, lambda: estimate_skew(image), 0.0)
            if abs(angle) >= 0.5:
                image = image.rotate(angle, expand=True, fillcolor=255)
                result.skew = angle
        prepared = binarize(image) if task.binarize else image
        words = _run(prepared, task, tmpdir, "page")
        conf = _mean_conf(words)
        if conf < LOW_CONFIDENCE or len(words) < 5:
            # perhaps scanned sideways or upside down: ask OSD, else try upside down
            path = os.path.join(tmpdir, "page.pgm")
            found = optional_step("orientation detection (OSD)", task.number, result.warnings,
                                  lambda: tesseract.orientation(path, timeout=task.timeout), False)
            if found is False:
                candidates = []  # OSD broke: the page is read as it is, not turned on a guess
            else:
                candidates = [found[0]] if found and found[0] else ([] if found else [180])
            for degrees in candidates:
                turned = prepared.rotate(-degrees, expand=True, fillcolor=255)
                other = _run(turned, task, tmpdir, f"page-{degrees}")
                other_conf = _mean_conf(other)
                if other_conf * len(other) > conf * len(words) * 1.2:
                    words, conf, prepared = other, other_conf, turned
                    result.rotated = degrees
        scale = 72 / dpi
        result.width = round(prepared.width * scale, 2)
        result.height = round(prepared.height * scale, 2)
        result.mean_conf = round(conf, 1) if words else None
        lines = lines_from_words(words, task.number, scale, result.warnings)
        result.lines = tuple(order_lines([correct_line(line) for line in lines if not _noise(line)]))
        if result.rotated:
            result.warnings.append(f"page {task.number}: the page was turned {result.rotated}° and read upright")


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
        results += [OcrResult(t.number, warnings=[f"page {t.number}: the OCR process died; the page has no text"]) for t in tasks if t.number not in done]
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
