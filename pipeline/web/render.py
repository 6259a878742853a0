"""Page images for the browser: a page of an archived document as a JPEG, by document id and page
number only (the file's path comes from the archive, never from the URL).

A PDF page is rendered with pypdfium2 (under the reader's PDFium lock: PDFium is not thread-safe),
with its annotations and form fields (a stamped number or date);
an image file is the image itself (a multi-page TIFF, its frame); a DOCX or DOC is rendered through
its PDF conversion by LibreOffice when ``soffice`` is installed (converted once per server, in a
temporary folder removed when the server stops). A TXT has no page image.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import threading
from collections import OrderedDict

from .. import lifecycle
from ..errors import BaocaoError

BASE_WIDTH = 1000  # pixels of a page image at zoom 1
ZOOMS = (1, 1.5, 2, 3)
MAX_PAGE = 5000
MAX_PIXELS = 40_000_000  # an image file bigger than this is refused, not decoded


class NoImage(BaocaoError):
    """This document or page has no image to show."""


class Renderer:
    def __init__(self, cache_size: int = 48):
        self._cache: OrderedDict = OrderedDict()
        self._size = cache_size
        self._lock = threading.Lock()
        self._tmp: tempfile.TemporaryDirectory | None = None
        self._converted: dict[tuple, str | None] = {}

    def close(self) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    # ---------------------------------------------------------------- cache

    def page(self, path: str, fmt: str, page: int, zoom: float) -> bytes:
        if zoom not in ZOOMS:
            raise NoImage(f"zoom must be one of {', '.join(map(str, ZOOMS))}")
        if not 1 <= page <= MAX_PAGE:
            raise NoImage("no such page")
        try:
            st = os.stat(path)
        except OSError:
            raise NoImage("the file is no longer where it was archived") from None
        key = (path, st.st_mtime_ns, st.st_size, page, zoom)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        data = self._render(path, fmt, page, zoom)
        with self._lock:
            self._cache[key] = data
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return data

    # ---------------------------------------------------------------- rendering

    def _render(self, path: str, fmt: str, page: int, zoom: float) -> bytes:
        width = int(BASE_WIDTH * zoom)
        if fmt == "pdf":
            image = self._pdf(path, page, width)
        elif fmt == "image":
            image = self._image(path, page, width)
        elif fmt in ("docx", "doc"):
            pdf = self._as_pdf(path)
            if pdf is None:
                raise NoImage("no page image: LibreOffice (soffice) is needed to show a DOCX or DOC page")
            image = self._pdf(pdf, page, width)
        else:
            raise NoImage("a text file has no page image")
        out = io.BytesIO()
        image.convert("RGB").save(out, "JPEG", quality=85)
        return out.getvalue()

    @staticmethod
    def _pdf(path: str, page: int, width: int):
        import pypdfium2 as pdfium

        from ..read.ocr import PDFIUM_LOCK

        with PDFIUM_LOCK:
            try:
                pdf = pdfium.PdfDocument(path)
            except pdfium.PdfiumError as e:
                raise NoImage(f"the PDF cannot be opened ({e})") from None
            try:
                if page > len(pdf):
                    raise NoImage("no such page")
                # annotations drawn too: a number or date stamped on when the document was signed
                # is an annotation, and the page without it lacks the very value a reviewer checks
                pdf.init_forms()
                p = pdf[page - 1]
                scale = width / p.get_width()
                bitmap = p.render(scale=scale, may_draw_forms=True)
                image = bitmap.to_pil().copy()  # a copy: the bitmap's buffer goes with it
                bitmap.close()
                p.close()
                return image
            finally:
                pdf.close()

    @staticmethod
    def _image(path: str, page: int, width: int):
        from PIL import Image

        with Image.open(path) as im:
            if im.width * im.height > MAX_PIXELS:
                raise NoImage("the image is too large to show")
            try:
                im.seek(page - 1)
            except EOFError:
                raise NoImage("no such page") from None
            im.load()
            frame = im.convert("RGB")
        if frame.width > width:
            frame = frame.resize((width, round(frame.height * width / frame.width)), Image.LANCZOS)
        return frame

    def _as_pdf(self, path: str) -> str | None:
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            return None
        st = os.stat(path)
        key = (path, st.st_mtime_ns, st.st_size)
        with self._lock:
            if key in self._converted:
                return self._converted[key]
            if self._tmp is None:
                self._tmp = tempfile.TemporaryDirectory(prefix="baocao-web-")
            out = os.path.join(self._tmp.name, str(len(self._converted)))
            os.makedirs(out)
            profile = os.path.join(self._tmp.name, "profile")
            try:
                # in a process group of its own, killed whole on a timeout or on the way out
                # (soffice.bin outlives its oosplash parent otherwise)
                done = lifecycle.run(
                    [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                     "--outdir", out, path],
                    timeout=120,
                )
                if done.returncode != 0:
                    raise subprocess.CalledProcessError(done.returncode, done.args)
                found = [f for f in os.listdir(out) if f.endswith(".pdf")]
                result = os.path.join(out, found[0]) if found else None
            except (subprocess.SubprocessError, OSError):
                result = None
            self._converted[key] = result
            return result
