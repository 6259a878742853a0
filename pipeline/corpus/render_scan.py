"""A generated document as a scanned copy: the digital PDF rasterised (pypdfium2), a red stamp and a
signature put on the signer block, a handwritten number when asked, then skew, blur, noise, uneven
paper and JPEG artefacts at one of three levels; saved as an image-only PDF (no text layer).

Levels (what each does):
    mild    skew <= 0.6°, light blur, faint noise, JPEG quality 70
    medium  skew <= 1.5°, blur, noise, a grey cast, JPEG quality 50
    hard    skew <= 3°, heavy blur, strong noise and specks, darker uneven paper, JPEG quality 30

A handwritten number (``spec.handwritten_number``): the PDF is drawn with a blank before "/BC-…"
and the digits are written into it in blue with a slanted font, each digit jittered and rotated.
The answer for such a scan has header.number = null (an illegible handwritten number, per the contract).
"""
from __future__ import annotations

import io
import math
import random
import tempfile
from pathlib import Path

from ..errors import MissingDependency
from .generate import DocSpec
from .render_pdf import render_pdf

LEVELS = {
    "mild": dict(skew=0.6, blur=0.35, noise=3, quality=60, tint=250, specks=0),
    "medium": dict(skew=1.5, blur=0.8, noise=7, quality=45, tint=238, specks=60),
    "hard": dict(skew=3.0, blur=1.25, noise=14, quality=30, tint=222, specks=400),
}


def _font(style: str, size: int):
    from PIL import ImageFont

    from .render_pdf import find_font

    try:
        return ImageFont.truetype(find_font(*style.split(":")), size)
    except OSError as e:
        raise MissingDependency(f"cannot load font {style}: install fonts-liberation2 and fonts-dejavu") from e


def _stamp(page, cx: float, cy: float, radius: int, text: str, rng: random.Random):
    """A red round seal: two rings, the agency name around, a star in the middle, slightly rotated."""
    from PIL import Image, ImageDraw

    size = radius * 2 + 8
    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    red = (200, 30, 40, 170)
    c = size / 2
    d.ellipse([c - radius, c - radius, c + radius, c + radius], outline=red, width=max(3, radius // 25))
    r2 = radius * 0.68
    d.ellipse([c - r2, c - r2, c + r2, c + r2], outline=red, width=max(2, radius // 40))
    font = _font("LiberationSans:Bold", max(10, int(radius * 0.17)))
    chars = list(text.upper())
    span = min(300.0, 12.0 * len(chars))
    for i, ch in enumerate(chars):
        ang = math.radians(-90 - span / 2 + span * (i + 0.5) / len(chars))
        rr = radius * 0.84
        x, y = c + rr * math.cos(ang), c + rr * math.sin(ang)
        glyph = Image.new("RGBA", (font.size * 2, font.size * 2), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((font.size // 2, font.size // 2), ch, font=font, fill=red)
        glyph = glyph.rotate(-math.degrees(ang) - 90, resample=Image.BICUBIC)
        im.alpha_composite(glyph, (int(x - font.size), int(y - font.size)))
    # a five-pointed star
    pts = []
    for k in range(10):
        a = math.radians(-90 + 36 * k)
        rr = r2 * (0.55 if k % 2 == 0 else 0.22)
        pts.append((c + rr * math.cos(a), c + rr * math.sin(a)))
    d.polygon(pts, fill=red)
    im = im.rotate(rng.uniform(-25, 25), resample=Image.BICUBIC)
    page.alpha_composite(im, (int(cx - size / 2), int(cy - size / 2)))


def _signature(page, cx: float, cy: float, width: float, rng: random.Random):
    from PIL import ImageDraw

    d = ImageDraw.Draw(page)
    pts = []
    x = cx - width / 2
    for k in range(40):
        x += width / 40
        pts.append((x, cy + math.sin(k * rng.uniform(0.6, 1.4)) * width * 0.08 + rng.uniform(-3, 3)))
    d.line(pts, fill=(20, 40, 140, 255), width=max(2, int(width / 90)), joint="curve")


def _handwrite(page, bbox_px, text: str, rng: random.Random):
    from PIL import Image, ImageDraw

    x0, y0, x1, y1 = bbox_px
    h = int((y1 - y0) * 1.5)
    font = _font("DejaVuSans:Oblique", h)
    x = x0
    for ch in text:
        glyph = Image.new("RGBA", (h * 2, h * 2), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((h // 3, h // 3), ch, font=font, fill=(25, 45, 150, 235))
        glyph = glyph.rotate(rng.uniform(-14, 14), resample=Image.BICUBIC)
        page.alpha_composite(glyph, (int(x - h / 3), int(y0 - h / 2 + rng.uniform(-3, 3))))
        x += font.getlength(ch) * rng.uniform(0.75, 0.95)


def _degrade(im, level: str, rng: random.Random):
    import numpy as np
    from PIL import Image, ImageFilter

    p = LEVELS[level]
    im = im.convert("RGB")
    im = im.rotate(rng.uniform(-p["skew"], p["skew"]), resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    a = np.asarray(im).astype(np.float32)
    nr = np.random.default_rng(rng.randrange(1 << 30))
    # paper: a tint and a slow gradient; ink: noise
    h, w = a.shape[:2]
    grad = np.linspace(0, 255 - p["tint"], w, dtype=np.float32)[None, :, None]
    a = a * (p["tint"] / 255.0) - grad * 0.3
    # grain at half resolution: looks like paper and ink, and JPEG keeps it small
    grain = nr.normal(0, p["noise"], ((h + 1) // 2, (w + 1) // 2)).repeat(2, 0).repeat(2, 1)[:h, :w]
    a += grain[..., None]
    if p["specks"]:
        ys, xs = nr.integers(0, h, p["specks"]), nr.integers(0, w, p["specks"])
        a[ys, xs] = 40
    # blur after the grain, as a scanner's optics would: softer grain, smaller JPEG
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(p["blur"] + 0.3))


def render_scan(spec: DocSpec, path: str | Path, *, level: str = "medium", dpi: int = 200, seed: int = 0,
                handwritten_number: bool = False) -> dict:
    import pypdfium2 as pdfium
    from PIL import Image

    if level not in LEVELS:
        raise ValueError(f"scan level {level!r}: one of {', '.join(LEVELS)}")
    rng = random.Random(f"scan:{spec.id}:{level}:{seed}")
    with tempfile.TemporaryDirectory() as tmp:
        digital = Path(tmp) / "digital.pdf"
        info = render_pdf(spec, digital, blank_number=handwritten_number)
        pdf = pdfium.PdfDocument(str(digital))
        scale = dpi / 72
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            im = page.render(scale=scale).to_pil().convert("RGBA")
            page_h = page.get_height()
            to_px = lambda x, y: (x * scale, (page_h - y) * scale)  # noqa: E731
            if handwritten_number and info["number"] and info["number"]["page"] == i + 1:
                x0, y0, x1, y1 = info["number"]["bbox"]
                (a, b), (c, d) = to_px(x0, y1), to_px(x1, y0)
                _handwrite(im, (a, b, c, d), info["number"]["text"], rng)
            for k, s in enumerate(info["signers"]):
                if s["page"] != i + 1:
                    continue
                x0, y0, x1, y1 = s["bbox"]
                cx, _ = to_px((x0 + x1) / 2, 0)
                _, name_y = to_px(0, s["name_y"])
                _signature(im, cx + rng.uniform(-20, 20), name_y - 30 * scale, 90 * scale, rng)
                if k == 0 or rng.random() < 0.5:
                    agency = " ".join(spec.agency_lines)
                    _stamp(im, cx - 45 * scale, name_y - 38 * scale, int(48 * scale), agency, rng)
            inked = (handwritten_number and i == 0) or any(s["page"] == i + 1 for s in info["signers"])
            page_im = _degrade(im, level, rng)
            pages.append(page_im if inked else page_im.convert("L"))  # colour only where there is ink
        pdf.close()
    # image-only PDF of JPEG pages
    buf_pages = []
    for im in pages:
        b = io.BytesIO()
        im.save(b, "JPEG", quality=LEVELS[level]["quality"], optimize=True)
        buf_pages.append(Image.open(io.BytesIO(b.getvalue())))
    buf_pages[0].save(str(path), "PDF", save_all=True, append_images=buf_pages[1:], resolution=dpi)
    return {**info, "level": level, "dpi": dpi, "handwritten_number": handwritten_number}
