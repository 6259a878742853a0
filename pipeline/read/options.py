"""The options of read(), in one validated object.

``read(path, pages=[1], ocr_workers=1)`` and ``read(path, ReadOptions(pages=(1,), ocr_workers=1))`` are
the same call: keywords are validated into a ``ReadOptions``. An unknown or misspelt option is an error
for every format (``read(report.docx, deskw=False)`` raises, it is not ignored because DOCX has no OCR),
and so is a value out of its range. The CLI builds the object from its flags (``pipeline.cli``), the
archive from its ``read_options``, before any file is read.
"""
from __future__ import annotations

import difflib
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace

from ..errors import UsageError


class ReadOptionError(UsageError, TypeError):
    """An unknown option, or a value read() cannot take (a TypeError too, as for a wrong keyword)."""


@dataclass(frozen=True)
class ReadOptions:
    """ocr_workers: processes OCR'ing pages of one file side by side (None: one per core; a batch that
    already runs one file per core passes 1). pages: 1-based page numbers to read (others are left out;
    None: all). page_timeout: seconds Tesseract may spend on one page (a page over it becomes a
    warning). max_pages: pages read at most (the rest left out, with a warning). max_pixels: the
    largest image decoded (a bigger one is refused; a huge PDF page is OCR'd at a lower resolution).
    deskew, binarize: OCR clean-up steps, switched for measurement (bench/read.py).

    pages, page_timeout and the OCR options apply to PDFs and images; a DOCX, DOC or text file has
    no pages to choose or OCR, and reads the same whatever they are."""

    ocr_workers: int | None = None
    pages: tuple[int, ...] | None = None
    page_timeout: float = 180
    max_pages: int = 2000
    max_pixels: int = 100_000_000
    deskew: bool = True
    binarize: bool = False

    def __post_init__(self):
        if self.pages is not None:
            pages = (self.pages,) if isinstance(self.pages, int) else self.pages
            if isinstance(pages, (str, bytes)) or not isinstance(pages, Iterable):
                raise _bad("pages", self.pages, "a list of page numbers")
            pages = tuple(pages)
            if any(not _whole(p) or p < 1 for p in pages):
                raise _bad("pages", self.pages, "page numbers from 1")
            object.__setattr__(self, "pages", pages)
        if self.ocr_workers is not None and (not _whole(self.ocr_workers) or self.ocr_workers < 1):
            raise _bad("ocr_workers", self.ocr_workers, "None or a whole number from 1")
        if isinstance(self.page_timeout, bool) or not isinstance(self.page_timeout, numbers.Real) \
                or not self.page_timeout > 0 or self.page_timeout == float("inf"):
            raise _bad("page_timeout", self.page_timeout, "a number of seconds above 0")
        for name in ("max_pages", "max_pixels"):
            value = getattr(self, name)
            if not _whole(value) or value < 1:
                raise _bad(name, value, "a whole number from 1")
        for name in ("deskew", "binarize"):
            if not isinstance(getattr(self, name), bool):
                raise _bad(name, getattr(self, name), "True or False")

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def of(cls, options: ReadOptions | Mapping | None = None, /, **changes) -> ReadOptions:
        """``options`` (a ReadOptions, a dict of options or None) with ``changes`` applied, each name
        checked: an unknown one raises ReadOptionError naming it and the valid ones."""
        if options is None:
            options = {}
        if isinstance(options, Mapping):
            changes = {**options, **changes}
            options = cls()
        elif not isinstance(options, cls):
            raise ReadOptionError(f"read options must be a ReadOptions or a dict of options, not {type(options).__name__}")
        unknown = [name for name in changes if name not in cls.names()]
        if unknown:
            raise ReadOptionError(unknown_message(unknown[0], cls.names()))
        return replace(options, **changes) if changes else options

    def as_kwargs(self) -> dict:
        """The options as keywords (for the PDF and image readers)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def unknown_message(name: str, valid: Iterable[str]) -> str:
    valid = tuple(valid)
    close = difflib.get_close_matches(name, valid, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown read option {name!r}{hint}; the options are: {', '.join(valid)}"


def _whole(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _bad(name: str, value, wanted: str) -> ReadOptionError:
    return ReadOptionError(f"read option {name}={value!r}: it takes {wanted}")
