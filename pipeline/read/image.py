"""Image files (PNG, JPEG, TIFF with one page per frame, phone photos): every frame is OCR'd.

The pixel count is checked from the file header before anything is decoded, so a decompression bomb
(a small file that would decode to gigapixels) is refused with a clear error and no memory spike.
"""
from __future__ import annotations

import warnings as _warnings
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputFileError
from ..i18n import N_
from ..i18n.warning_codes import warning
from ..model import Document, Page
from . import ocr as ocr_mod

A4_LONG_SIDE_INCHES = 11.69
LARGEST_PAGE_INCHES = 17.5  # the long side of A3 is 16.5 in
PAGE_SHAPED = 2.0  # long side over short side: A4 is 1.41, Letter 1.29, Legal 1.65


def _resolution(info: dict, size: tuple[int, int]) -> float:
    """Pixels per inch: the file's own when believable, else as if the image were an A4 page. A
    page-shaped image whose own resolution makes it larger than any paper (over LARGEST_PAGE_INCHES:
    9,500 pixels "at 150 dpi" would be a 63-inch sheet) is taken as a page too."""
    dpi = info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    long, short = max(size), max(1, min(size))
    if value >= 100 and (long / short > PAGE_SHAPED or long / value <= LARGEST_PAGE_INCHES):
        return value
    if long / short > PAGE_SHAPED:
        # not a page (a strip cut from a page, a banner): its length says nothing of its resolution;
        # take the usual scanning resolution rather than a guess of 1,700 dpi that makes every line "tiny"
        return 300.0
    return long / A4_LONG_SIDE_INCHES


def read_image(
    path: Path,
    digest: str,
    *,
    ocr_workers: int | None = None,
    pages: Sequence[int] | None = None,
    page_timeout: float = 180,
    max_pages: int = 2000,
    max_pixels: int = 100_000_000,
    deskew: bool = True,
    binarize: bool = False,
) -> Document:
    from PIL import Image

    doc_warnings: list[str] = []
    tasks: list[ocr_mod.OcrTask] = []
    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:  # reads the header only
                frames = getattr(im, "n_frames", 1)
                from .pdf import _select_pages

                wanted = _select_pages(frames, pages, max_pages, doc_warnings, str(path))
                for number in wanted:
                    im.seek(number - 1)
                    w, h = im.size
                    if w * h > max_pixels:
                        raise InputFileError(
                            N_("image too large: {width}×{height} pixels ({mpx} Mpx) is over the limit of {limit} Mpx (max_pixels)").format(
                                width=w, height=h, mpx=f"{w * h / 1e6:.0f}", limit=f"{max_pixels / 1e6:.0f}"), str(path))
                    tasks.append(ocr_mod.OcrTask("image", str(path), number - 1, number, page_timeout,
                                                 deskew=deskew, binarize=binarize,
                                                 image_dpi=_resolution(im.info, im.size), image_pixels=w * h))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        # Pillow's own guard fired while reading the header (over twice its default limit)
        import re

        found = re.search(r"\((\d+) pixels\)", str(e))
        size = f"{int(found.group(1)) / 1e6:.0f} Mpx" if found else N_("its pixel count")
        raise InputFileError(N_("image too large: {size} is over the limit of {limit} Mpx (max_pixels); "
                                "not decoded (decompression bomb guard)").format(size=size, limit=f"{max_pixels / 1e6:.0f}"),
                             str(path)) from e
    except (Image.UnidentifiedImageError, OSError, SyntaxError, EOFError) as e:
        raise InputFileError(N_("damaged or unreadable image ({error})").format(error=f"{type(e).__name__}: {e}"), str(path)) from e
    results = ocr_mod.ocr_pages(tasks, ocr_workers)
    pages_out = []
    for result in results:
        lines, stamp = ocr_mod.drop_stamp_lines(list(result.lines))
        warnings = list(result.warnings)
        if stamp:
            warnings.append(warning("page.stamp_left_out", page=result.number, text=" / ".join(stamp)[:200]))
        if not lines and not result.warnings:
            warnings.append(warning("page.ocr_no_text", page=result.number))
        pages_out.append(Page(result.number, tuple(lines), "ocr", result.width, result.height, (), tuple(warnings)))
    return Document(
        path=str(path),
        sha256=digest,
        format="image",
        pages=tuple(pages_out),
        text_source="ocr",
        warnings=tuple(doc_warnings) + tuple(w for p in pages_out for w in p.warnings),
    )
