"""The tail of a scanned page (Nơi nhận on the left, the signer block on the right) read again where
the page's one Tesseract pass left a printed line out.

Tesseract's page layout (psm 3) sometimes drops a whole row of the tail: a line that starts level
with the other column's line and sits close to the seal ("- Chủ tịch, các PCT. UBND tỉnh;" beside
"KT. CHÁNH VĂN PHÒNG", tb-493 of corpus/real: both gone, so the list lost its first item and the
authority its second line). Each column of the tail is looked at on its own: where two of its lines
stand further apart than a line's height and the image between them holds ink, that band is read
again alone as a block of text (psm 6), and the lines found between the two are added. Only lines
read with confidence (FILL_CONFIDENCE, see _sure) are taken: the seal and the signature between a
position and the name are read again too, and their scribbles must not come back as text.

When the colour pass whitened a seal and no name was read in the signer column, the column's bands are
read again on the page as it was before the pass, for a name printed in red, the seal's colour (the
e-signed copies of Đắk Nông's districts: "Lê Văn Thị", bc-144-ubnd-huyen-dak-rlap; "Nguyễn Thành Nên",
bc-38-ubnd-xa-dak-ru; "Lê Mai Toản", cv-874-ubnd-huyen-dak-rlap), which the pass erases with the seal.
A line is taken there only when the whole of it reads as a Vietnamese personal name (a family name of
pipeline/vocab/surnames.txt, then capitalised syllables): the seal read with it gives scribbles, never
a name. (The last two print the name in a script face Tesseract does not read: nothing is taken.)

The tail is where the page's "Nơi nhận" label or first authority line ("KT.", "TM.", "TL.") is;
a page without either is left as it is."""
from __future__ import annotations

import os
import re
from dataclasses import replace

from .. import vocab
from ..model import Line
from ..text import fold, longest_first
from . import lexicon, tesseract

FILL_CONFIDENCE = 75.0  # a printed line read alone comes back at 85-97; a seal's scribble far lower
GAP_LINES = 1.1  # room for a line: two lines this many line heights apart (between bottom and top)
INK = 0.002  # share of dark pixels in a gap from which it holds print (specks stay under it)
SIGNER_BELOW = 6  # the signer's name may stand this many line heights under the tail's last line
TITLE_CONFIDENCE = 85.0  # a title line read again alone (_title_again): its best word with letters has this,
AGREED_CONFIDENCE = 50.0  # and its words with letters average this (the seal's rim or the signature over one)
SIGNER_UNDER = 8  # and this many of the signer column's own line heights under its last line
SIGNATURE = 3.0  # a gap this many line heights high in the signer column is the signature's space
NAME_CONFIDENCE = 85.0  # the given names of a signer's name read through the seal (_name_again) have this
NAME_WORDS = 4  # a Vietnamese personal name: a family name and at most this many more syllables
TITLE_ROWS = 8  # rows of print of the band over the name read one by one for its title, at most


@vocab.cached
def _authority() -> re.Pattern:
    words = longest_first((fold(w) for w in vocab.words("authority")))
    return re.compile(r"^[\W_]*(" + "|".join(re.escape(w) for w in words) + r")(?:\s+|(?<=\.))(?=[a-z])")


def _starts_tail(line: Line) -> bool:
    """The "Nơi nhận" label, or an upper-case authority line ("KT. GIÁM ĐỐC", "TM. ỦY BAN …")."""
    if lexicon.is_layout_label(line.text):
        return True
    letters = [ch for ch in line.text if ch.isalpha()]
    upper = letters and sum(ch.isupper() for ch in letters) > 0.7 * len(letters)
    if not upper:
        return False
    m = _authority().match(fold(line.text))
    if not m:
        return False
    # an authority word that is also a common word (QUYỀN, Q.: positions.tsv's 'before position') opens the
    # tail only before a position ('QUYỀN GIÁM ĐỐC'), not as a law's chapter title ('QUYỀN VÀ NGHĨA VỤ …'),
    # as segment.cues.authority_prefix reads it on a text layer
    word = m.group(1).strip()
    return word not in _before_position() or vocab.position_first(fold(line.text)[m.end():])


@vocab.cached
def _before_position() -> frozenset[str]:
    return frozenset(fold(w).strip() for w in vocab.before_position())


def tail_columns(lines: list[Line], width: float) -> list[list[Line]]:
    """The lines of the page's tail, as (left, right) columns sorted top down; [] when no tail."""
    laid = [line for line in lines if line.bbox is not None]
    labels = [line.bbox[1] for line in laid if lexicon.is_layout_label(line.text)]
    starts = [line.bbox[1] for line in laid if _starts_tail(line)]
    if not starts:
        return []
    # the last "Nơi nhận" label, with the authority line level with it; else the first authority line
    anchor = max(labels) if labels else min(starts)
    top = min(s for s in starts if s > anchor - 30) - 2
    # a line level with the label is the tail's, though it stands a little higher (the signer's title,
    # "GIÁM ĐỐC" with a "KT." written over it, gm-10-syt-kien-giang of corpus/eval/dev)
    zone = [line for line in laid if (line.bbox[1] + line.bbox[3]) / 2 >= top]
    left = sorted((x for x in zone if (x.bbox[0] + x.bbox[2]) / 2 < width / 2), key=lambda x: x.bbox[1])
    right = sorted((x for x in zone if (x.bbox[0] + x.bbox[2]) / 2 >= width / 2), key=lambda x: x.bbox[1])
    return [c for c in (left, right) if c]


def bands(columns: list[list[Line]], width: float, height: float) -> list[tuple[float, float, float, float]]:
    """The bands (x0, top, x1, bottom; points) of the tail where a printed line may have been left
    out: between two lines of a column with room for a line; in the signer column (the right one)
    below its last line, where the name is printed under the seal and the signature, down to a few
    lines under the tail, unless a name was read there, and above its first line, level with the top
    of the tail (the titles over a name read alone); the whole signer column's place when the pass
    read nothing there."""
    laid = [x for c in columns for x in c]
    heights = sorted(x.bbox[3] - x.bbox[1] for x in laid)
    h = heights[len(heights) // 2] if heights else 0
    if h <= 0:
        return []
    out = []
    left = [c for c in columns if (c[0].bbox[0] + c[0].bbox[2]) / 2 < width / 2]
    right = [c for c in columns if c not in left]
    for column in columns:
        x0, x1 = min(x.bbox[0] for x in column), max(x.bbox[2] for x in column)
        # the signature's space (a few lines high) over a name read: nothing printed was lost there
        named = column in right and any(_named(x) for x in column)
        out += [(x0, a.bbox[3], x1, b.bbox[1]) for a, b in zip(column, column[1:])
                if GAP_LINES * h < b.bbox[1] - a.bbox[3] and not (named and b.bbox[1] - a.bbox[3] > SIGNATURE * h)]
    bottom = min(height, max(x.bbox[3] for x in laid) + SIGNER_BELOW * h)
    if right:
        column = right[0]
        # the signature and the seal between the title and the name are as tall whatever the size of the
        # list's print beside them: counted in the title's own line heights too (gm-10-syt-kien-giang of
        # corpus/eval/dev: the name seven of them under "PHÓ GIÁM ĐỐC", with a list of two items beside it)
        own = sorted(x.bbox[3] - x.bbox[1] for x in column)[len(column) // 2]
        bottom = min(height, max(bottom, column[-1].bbox[3] + SIGNER_UNDER * own))
        x0, x1 = min(x.bbox[0] for x in column), max(x.bbox[2] for x in column)
        # from the middle of the page, or past the list's longest item when it runs further
        x0 = min(x0, max(width / 2, max((x.bbox[2] for c in left for x in c), default=0) + h / 2))
        if bottom - column[-1].bbox[3] > GAP_LINES * h and not _named(column[-1]):
            out.append((x0, column[-1].bbox[3], max(x1, width - 2 * h), bottom))
        top = min(x.bbox[1] for x in laid) - h  # the titles over a name read alone
        if column[0].bbox[1] - top > (GAP_LINES + 1) * h:
            out.append((x0, top, max(x1, width - 2 * h), column[0].bbox[1]))
    elif left:
        top = min(x.bbox[1] for x in left[0])
        x0 = min(0.6 * width, max(0.42 * width, max(x.bbox[2] for x in left[0]) + h))
        out.append((x0, top - h, width - h, bottom))
    return out


def _named(line: Line) -> bool:
    """A personal name was read on the line: a family name of the list followed by a capitalised
    word ("Thạch Cảnh Minh Vũ", "Trung tá Ngô Văn Công"), not in an upper-case title."""
    words = line.text.split()
    return any(lexicon.is_surname(w) and words[i + 1][:1].isupper() and not words[i + 1].isupper()
               for i, w in enumerate(words[:-1]))


def _ink(image, box: tuple[int, int, int, int]) -> float:
    import numpy as np

    part = np.asarray(image.crop(box).convert("L"), dtype=np.uint8)
    return float((part < 128).mean()) if part.size else 0.0


def fill_tail_gaps(image, lines: list[Line], page: int, scale: float, tmpdir: str, timeout: float,
                   width: float | None = None, variants: dict | None = None) -> list[Line]:
    """``lines`` (points; ``scale`` points per pixel of ``image``) with the printed lines that the
    page's pass left out of the tail's inked gaps added (see the module's doc); ``variants``, the colour
    pass's other images of the page (the same size: "unwhitened", ocr.render_pdf_page), are read when
    the signer column has no name. A failing re-read adds nothing."""
    width = width or image.width * scale
    added: list[Line] = []
    columns = tail_columns(lines, width)
    found = bands(columns, width, image.height * scale)
    signer = [band for band in found if (band[0] + band[2]) / 2 >= width / 2]  # not the Nơi nhận column
    for band in found:
        added += _read_band(image, band, page, scale, tmpdir, timeout, lines + added, names=band in signer)
    top = min((c[0].bbox[1] for c in columns), default=0) - 30
    if signer and not _titled_column([x for x in lines + added if x.bbox[1] >= top], width):
        for band in signer:
            title = _title_by_rows(image, band, page, scale, tmpdir, timeout, lines + added)
            if title:
                added += title
                break
    variants = variants or {}

    def unnamed() -> bool:
        return not any(_named(x) for x in lines + added if x.bbox[1] >= top and (x.bbox[0] + x.bbox[2]) / 2 >= width / 2)

    if variants.get("unwhitened") is not None and signer and unnamed():
        for band in signer:
            names = [x for x in _read_band(variants["unwhitened"], band, page, scale, tmpdir, timeout, lines + added,
                                           "red", names=True) if _name_line(x)]
            if names:
                added.append(names[0])
                break
    if variants.get("red") is not None and columns:
        right = [x for x in lines + added if x.bbox[1] >= top and (x.bbox[0] + x.bbox[2]) / 2 >= width / 2]
        added += _deputy_again(variants["red"], sorted(right, key=lambda x: x.bbox[1]), page, scale, tmpdir, timeout)
    return lines + added


def _titled_column(lines: list[Line], width: float) -> bool:
    """A line of the tail's signer column (``lines``: the tail's; the page's right half) reads a position of
    positions.tsv."""
    return any(lexicon.closest_position(_title_of(x.text), 6, False) for x in lines
               if (x.bbox[0] + x.bbox[2]) / 2 >= width / 2 and _upper(x.text))


def ink_rows(image, box: tuple[int, int, int, int], line: int) -> list[tuple[int, int, int, int]]:
    """The rows of print in ``box`` (pixels) by the profile of its dark pixels: runs of pixel rows darker
    than a fifth of the darkest; a run taller than two lines (``line`` pixels each: a seal or a signature
    joining rows) cut again at a higher share of its own darkest, up to three times. Each row boxed to its
    ink."""
    import numpy as np

    dark = np.asarray(image.crop(box).convert("L"), dtype=np.uint8) < 128
    if not dark.size:
        return []
    profile = dark.sum(axis=1)

    def runs(lo: int, hi: int, share: float) -> list[tuple[int, int]]:
        on = profile[lo:hi] > max(2, share * profile[lo:hi].max())
        out, start = [], None
        for k, v in enumerate(list(on) + [False]):
            if v and start is None:
                start = k
            elif not v and start is not None:
                out.append((lo + start, lo + k))
                start = None
        return out

    def cut(lo: int, hi: int, depth: int) -> list[tuple[int, int]]:
        if hi - lo <= 2 * line or depth >= 3:
            return [(lo, hi)]
        parts = runs(lo, hi, 0.35 + 0.15 * depth)
        return [r for a, b in parts for r in cut(a, b, depth + 1)] if len(parts) > 1 else cut(lo, hi, depth + 1)

    rows = []
    for a, b in (r for a, b in runs(0, len(profile), 0.2) for r in cut(a, b, 0)):
        cols = np.flatnonzero(dark[a:b].any(axis=0))
        if len(cols) and b - a >= line // 3:
            rows.append((box[0] + int(cols[0]), box[1] + a, box[0] + int(cols[-1]) + 1, box[1] + b))
    return rows


def _title_by_rows(image, band, page: int, scale: float, tmpdir: str, timeout: float, old: list[Line]) -> list[Line]:
    """The signer's title line lost in the band over the name (the signature's stroke across "CHỦ TỊCH",
    bc-144-ubnd-huyen-dak-rlap of corpus/eval/dev; the band read whole gives the seal's scribbles): the
    band's rows of print (ink_rows) read one by one as a line (psm 7, a white margin around), the first
    whose reading is a position of positions.tsv but for a slip per six letters, its best word with
    letters at TITLE_CONFIDENCE and their average at FILL_CONFIDENCE, taken as the position as listed
    (its authority word kept: "KT. …"). One line at most; [] when none."""
    from PIL import ImageOps

    from .ocr import lines_from_words

    px = lambda v: int(round(v / scale))  # noqa: E731
    box = (max(0, px(band[0])), max(0, px(band[1])), min(image.width, px(band[2])), min(image.height, px(band[3])))
    if box[2] <= box[0] or box[3] <= box[1] or _ink(image, box) < INK:
        return []
    line_px = px(14.0)  # a title's row at the size of print around it
    rows = [r for r in ink_rows(image, box, line_px) if r[3] - r[1] <= 3 * line_px][:TITLE_ROWS]
    for k, (x0, y0, x1, y1) in enumerate(rows):
        path = os.path.join(tmpdir, f"title-row-{box[0]}-{box[1]}-{k}.pgm")
        ImageOps.expand(image.crop((max(0, x0 - 4), max(0, y0 - 4), x1 + 4, y1 + 4)), 20, fill=255).save(path)
        try:
            words = tesseract.words(path, psm=7, timeout=timeout)
        except tesseract.OcrFailed:
            return []
        lettered = [w.conf for w in words if any(ch.isalpha() for ch in w.text)]
        text = " ".join(w.text for w in words if w.text.strip("|")).strip()
        title = lexicon.closest_position(_title_of(text), 6, False) if lettered and _upper(text) else None
        if title is None or max(lettered) < TITLE_CONFIDENCE or sum(lettered) / len(lettered) < FILL_CONFIDENCE:
            continue
        head = text[: len(text) - len(_title_of(text))]
        word = replace(words[0], text=head + title, left=x0, top=y0, width=x1 - x0, height=y1 - y0,
                       conf=sum(lettered) / len(lettered))
        line = lines_from_words([word], page, scale)
        return [x for x in line if not any(_overlaps(x, o) for o in old)]
    return []


DEPUTY_CONFIDENCE = 60.0  # the words with letters of a deputy's stamped position read alone average this


def _upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.85 * len(letters)


def _head_title(text: str) -> tuple[str, float, float] | None:
    """The head's position of positions.tsv (not a deputy's) that a title line of the signer column
    reads, its authority word and the marks around it left out ("“1. GIÁM ĐỐC", the handwritten KT.
    read as marks; "“T1, GIÁM ĐỐC Ỉ c—”"): the longest run of its words that is one position but for
    a slip per six letters, with where the run starts and ends along the line (shares of its
    characters); None when there is none."""
    words = text.split()
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            run = " ".join(words[i: i + n])
            if not any(ch.isalpha() for ch in run) or not _upper(run):
                continue
            title = lexicon.closest_position(_title_of(run), 6)
            if title is not None:
                deputy = lexicon.deputy_of(title)
                ok = deputy != title and not fold(title).startswith("pho ") and fold(title) != "thu truong"
                if not ok or lexicon.closest_position(deputy, 6) != deputy:
                    return None
                before = len(" ".join(words[:i])) + (1 if i else 0)
                lead = len(run) - len(run.lstrip("".join(ch for ch in run if not ch.isalpha())))
                after = len(run) - len(run.rstrip("".join(ch for ch in run if not ch.isalpha())))
                return title, (before + lead) / len(text), (before + len(run) - after) / len(text)
    return None


def _deputy_again(red, column: list[Line], page: int, scale: float, tmpdir: str, timeout: float) -> list[Line]:
    """The deputy's position stamped in red under the head's printed title, which the colour pass
    whitened with the seal: "KT." written by hand, "GIÁM ĐỐC" printed, "PHÓ GIÁM ĐỐC" stamped in red
    over the line under it (the Sở Y tế of Kiên Giang, gm-10, tm-155, bc-2268; the UBND of Đắk R'Lấp,
    "CHỦ TỊCH" over "PHÓ CHỦ TỊCH", bc-111, bc-220, cv-874: corpus/eval/dev). ``red`` is the page's red
    ink alone (ocr._keep_red_ink). The first title line of the signer column (``column``, top down)
    that reads a head's position X with no line under it reading the deputy's, X's deputy
    (lexicon.deputy_of), has the band from the title's middle to under it read on ``red`` (_read_deputy),
    then a narrower one when the seal pressed beside the line came into the first. One line at most;
    [] when none."""
    from .ocr import lines_from_words

    for i, line in enumerate(column):
        found = _head_title(line.text)
        if found is None:
            continue
        head, start, end = found
        deputy = lexicon.deputy_of(head)
        x0, y0, x1, y1 = line.bbox
        h = y1 - y0
        if any(fold(deputy) in fold(x.text) for x in column[i + 1:] if x.bbox[1] < y1 + 2.5 * h):
            return []  # read already
        left, right = x0 + start * (x1 - x0), x0 + end * (x1 - x0)  # the title's own span on the line
        for margin in (3, 1):  # the seal pressed beside the line may come in from the left: a narrower band
            word = _read_deputy(red, (left - margin * h, y0 + 0.4 * h, right + 3 * h, y1 + 1.8 * h), deputy, scale,
                                tmpdir, timeout)
            if word is not None:
                # a stamp pressed half over the title would be read level with it, before it (its left is
                # further left): its box starts under the title, so the reading order has it under it
                floor = int(round((y1 - 0.2 * h) / scale))
                if word.top < floor < word.top + word.height:
                    word = replace(word, top=floor, height=word.top + word.height - floor)
                return lines_from_words([word], page, scale)
        return []
    return []


def _read_deputy(red, band, deputy: str, scale: float, tmpdir: str, timeout: float):
    """One word, the deputy's position boxed where it was read in ``band`` (points) of ``red``, or None."""
    px = lambda v: int(round(v / scale))  # noqa: E731
    box = (max(0, px(band[0])), max(0, px(band[1])), min(red.width, px(band[2])), min(red.height, px(band[3])))
    if box[2] <= box[0] or box[3] <= box[1] or _ink(red, box) < INK:
        return None
    path = os.path.join(tmpdir, f"deputy-{box[0]}-{box[1]}.pgm")
    crop = red.crop(box)
    crop.resize((crop.width * 2, crop.height * 2)).save(path)
    for psm in (6, 7):  # as a block (the seal's rim may come in under the line), then as one line
        try:
            words = tesseract.words(path, psm=psm, timeout=timeout)
        except tesseract.OcrFailed:
            return None
        rows: dict[tuple[int, int, int], list[tesseract.Word]] = {}
        for w in words:
            if any(ch.isalpha() for ch in w.text) and _upper(w.text):
                rows.setdefault((w.block, w.par, w.line), []).append(w)
        # the one title expected: a slip per four letters, the first one too ("PHÓ,ÈMỦ TỊCH", the seal's rim
        # over the C; "HÓ GIÁM ĐÓỚC", over the P)
        found = [row for row in rows.values()
                 if lexicon.closest_position(" ".join(w.text for w in row), 4, False) == deputy
                 and sum(w.conf for w in row) / len(row) >= DEPUTY_CONFIDENCE]
        if len(found) == 1:
            break
    else:
        return None
    run = found[0]
    left, top = min(w.left for w in run) // 2 + box[0], min(w.top for w in run) // 2 + box[1]
    right, bottom = max(w.left + w.width for w in run) // 2 + box[0], max(w.top + w.height for w in run) // 2 + box[1]
    return replace(run[0], text=deputy, left=left, top=top, width=right - left, height=bottom - top,
                   conf=sum(w.conf for w in run) / len(run))


def _read_band(image, band, page: int, scale: float, tmpdir: str, timeout: float, old: list[Line],
               tag: str = "tail", names: bool = False) -> list[Line]:
    """The lines read with confidence in one band of the tail (points), not already among ``old``; in the
    signer column (``names``) a row read through the seal may give a title (_title_again) or a name
    (_name_again)."""
    from .ocr import lines_from_words, _noise

    x0, top, x1, bottom = band
    px = lambda v: int(round(v / scale))  # noqa: E731
    gap = (px(x0), px(top) + 2, px(x1), px(bottom) - 2)
    if gap[3] <= gap[1] or _ink(image, gap) < INK:
        return []
    h = 12.0
    box = (max(0, px(x0 - h)), max(0, px(top - h)), min(image.width, px(x1 + h)), min(image.height, px(bottom + h)))
    path = os.path.join(tmpdir, f"{tag}-{box[0]}-{box[1]}.pgm")
    image.crop(box).save(path)
    try:
        words = tesseract.words(path, psm=6, timeout=timeout)
    except tesseract.OcrFailed:
        return []
    rows: dict[tuple[int, int, int], list[tesseract.Word]] = {}
    for w in words:
        rows.setdefault((w.block, w.par, w.line), []).append(replace(w, left=w.left + box[0], top=w.top + box[1]))
    def again(row: list[tesseract.Word]) -> list[tesseract.Word]:
        if not names:
            return []
        return _title_again(image, row, tmpdir, timeout) or _name_again(image, row, tmpdir, timeout)

    sure = [w for row in rows.values() for w in (row if _sure(row) else again(row))]
    out: list[Line] = []
    for line in lines_from_words(sure, page, scale):
        mid = (line.bbox[1] + line.bbox[3]) / 2
        if top < mid < bottom and not _noise(line) and not any(_overlaps(line, x) for x in old + out):
            out.append(line)
    return out


def _title_run(row: list[tesseract.Word]) -> list[tesseract.Word]:
    """The longest run of a row read through the seal or the signature that may be a position of
    positions.tsv, an authority word before it allowed ("—GIÁM ĐÓC" of "—GIÁM ĐÓC JMz=", the signature
    beside it): a slip per four letters, the first one too; [] when none."""
    row = sorted(row, key=lambda w: w.left)
    best: list[tesseract.Word] = []
    for i in range(len(row)):
        for j in range(len(row), i, -1):
            if j - i > len(best) and lexicon.closest_position(_title_of(" ".join(w.text for w in row[i:j])), 4, False):
                best = row[i:j]
    return best


def _title_of(text: str) -> str:
    """``text`` without the authority word it opens with ("KT. GIÁM ĐỐC" -> "GIÁM ĐỐC")."""
    m = _authority().match(fold(text))
    return text[m.end():] if m else text


def _title_again(image, row: list[tesseract.Word], tmpdir: str, timeout: float) -> list[tesseract.Word]:
    """The words of a title line that the band's read gave with too little confidence ("—GIÁM ĐÓC" at 39
    and 92, the signature beside it), read again alone: the run of the row that may be a title
    (_title_run), cropped, enlarged twice and read as one line (psm 7). Taken only when both readings
    are one and the same position of positions.tsv but for a slip per six letters
    (lexicon.closest_position) and the new one's best word with letters has TITLE_CONFIDENCE, their
    average AGREED_CONFIDENCE: one word, the position as listed, boxed as the run; else []. bc-2154-syt-kien-giang ("GIÁM ĐỐC" beside the
    signature), qd-729-ttg ("THỦ TƯỚNG" under the seal's rim) of corpus/eval/dev."""
    run = _title_run(row)
    first = lexicon.closest_position(_title_of(" ".join(w.text for w in run)), 6, False) if run else None
    if first is None:
        return []
    for trim, pad in ((False, 3), (True, 4), (True, 2)):
        words = _read_title(image, run, trim, pad, tmpdir, timeout)
        lettered = [w.conf for w in words if any(ch.isalpha() for ch in w.text)]
        text = " ".join(w.text for w in words)
        title = lexicon.closest_position(_title_of(text), 6, False)
        sure = lettered and (max(lettered) >= TITLE_CONFIDENCE and sum(lettered) / len(lettered) >= AGREED_CONFIDENCE)
        if sure and title is not None and title == first:
            head = text[: len(text) - len(_title_of(text))]
            x0, y0 = min(w.left for w in run), min(w.top for w in run)
            return [replace(run[0], text=head + title, left=x0, top=y0, conf=sum(lettered) / len(lettered),
                            width=max(w.left + w.width for w in run) - x0, height=max(w.top + w.height for w in run) - y0)]
    return []


def _read_title(image, run: list[tesseract.Word], trim: bool, pad: int, tmpdir: str, timeout: float) -> list[tesseract.Word]:
    """The run's box (its first word's leading marks cut off when ``trim``: the seal's rim read as a
    dash; a ``pad``-th of its height around it) read as one line at twice the size (psm 7)."""
    h = max(w.height for w in run)
    first = run[0]
    lead = len(first.text) - len(first.text.lstrip("\"'“”‘’—–-=_.,:;|`~")) if trim else 0
    left = first.left + first.width * lead // max(1, len(first.text))
    box = (max(0, left - h // pad), max(0, min(w.top for w in run) - h // pad),
           min(image.width, max(w.left + w.width for w in run) + h // pad),
           min(image.height, max(w.top + w.height for w in run) + h // pad))
    path = os.path.join(tmpdir, f"title-{box[0]}-{box[1]}-{pad}.pgm")
    crop = image.crop(box)
    crop.resize((crop.width * 2, crop.height * 2)).save(path)
    try:
        return tesseract.words(path, psm=7, timeout=timeout)
    except tesseract.OcrFailed:
        return []


def _syllable(text: str) -> bool:
    """A capitalised syllable of a name ("Văn", "Thắng"), as _name_line takes them."""
    return text.isalpha() and text[0].isupper() and text[1:].islower() and 2 <= len(text) <= 7


def _given_names(row: list[tesseract.Word]) -> tuple[tesseract.Word | None, list[tesseract.Word]]:
    """The row's last words when they are capitalised syllables read with NAME_CONFIDENCE (a name's given
    names, "Văn Thắng"), and the word before them (its family name, which the seal's rim went over:
    "“uyễn"; None when the row has no other word); (None, []) when the row does not end so."""
    row = sorted(row, key=lambda w: w.left)
    j = len(row)
    while j > 0 and len(row) - j < NAME_WORDS and _syllable(row[j - 1].text) and row[j - 1].conf >= NAME_CONFIDENCE:
        j -= 1
    if j == len(row):
        return None, []
    return (row[j - 1] if j else None), row[j:]


def _name_again(image, row: list[tesseract.Word], tmpdir: str, timeout: float) -> list[tesseract.Word]:
    """A signer's name read through the seal, whose rim runs over its first letters ("“uyễn Văn Thắng",
    nd-199-2026-nd-cp; "Ngö$ễn Bồn", kh-317-ubnd-dak-nong of corpus/eval/dev), the rest of the row being the
    seal and the signature: the family name and the sure given names (_given_names) read again alone as
    one line (psm 7, as read and twice enlarged). Taken when a reading ends in the same given names after
    a family name of pipeline/vocab/surnames.txt (lexicon.is_surname) read at FILL_CONFIDENCE. (kh-317's
    reading, "AgGãn sẵn", agrees on nothing: nothing is taken.) One word for the whole name, boxed as the
    words it replaces; [] when none."""
    family, given = _given_names(row)
    if len(given) >= 2 and lexicon.is_surname(given[0].text):  # the whole name read sure beside the seal
        return [_one_word(given, " ".join(w.text for w in given))]
    if not given or family is None:
        return []
    run = [family] + given
    key = [fold(w.text) for w in given]
    for enlarge in (1, 2):
        words = sorted(_read_line(image, run, enlarge, tmpdir, timeout), key=lambda w: w.left)
        if len(words) <= len(given) or [fold(w.text) for w in words[-len(given):]] != key:
            continue
        first = words[-len(given) - 1]
        if lexicon.is_surname(first.text) and _syllable(first.text) and first.conf >= FILL_CONFIDENCE:
            return [_one_word(run, " ".join(w.text for w in words[-len(given) - 1:]))]
    return []


def _one_word(run: list[tesseract.Word], text: str) -> tesseract.Word:
    x0, y0 = min(w.left for w in run), min(w.top for w in run)
    confs = [w.conf for w in run[1:]] or [run[0].conf]
    return replace(run[0], text=text, left=x0, top=y0, conf=sum(confs) / len(confs),
                   width=max(w.left + w.width for w in run) - x0, height=max(w.top + w.height for w in run) - y0)


def _read_line(image, run: list[tesseract.Word], enlarge: int, tmpdir: str, timeout: float) -> list[tesseract.Word]:
    """The run's box, a third of its height around it, read as one line (psm 7), ``enlarge`` times its size."""
    h = max(w.height for w in run)
    box = (max(0, min(w.left for w in run) - h // 3), max(0, min(w.top for w in run) - h // 3),
           min(image.width, max(w.left + w.width for w in run) + h // 3),
           min(image.height, max(w.top + w.height for w in run) + h // 3))
    path = os.path.join(tmpdir, f"name-{box[0]}-{box[1]}-{enlarge}.pgm")
    crop = image.crop(box)
    (crop.resize((crop.width * enlarge, crop.height * enlarge)) if enlarge > 1 else crop).save(path)
    try:
        return tesseract.words(path, psm=7, timeout=timeout)
    except tesseract.OcrFailed:
        return []


def _name_line(line: Line) -> bool:
    """The whole line reads as a Vietnamese personal name: a family name of the list, then one to four
    capitalised syllables of two to seven letters ("Lê Văn Thị"); a scribble of the seal read with it
    ("TÍ® Mi J (", a lone capital after the name) is none."""
    words = line.text.split()
    return (2 <= len(words) <= 5 and lexicon.is_surname(words[0])
            and all(w.isalpha() and w[0].isupper() and w[1:].islower() and 2 <= len(w) <= 7 for w in words))


def _sure(row: list[tesseract.Word]) -> bool:
    """A row read again is taken when its words with letters average FILL_CONFIDENCE, the first one
    left out when the seal's edge made it doubtful ("“Nguyễn" at 28 in "“Nguyễn Hòa Bình", qd-1380)."""
    row = sorted(row, key=lambda w: w.left)
    core = row[1:] if len(row) >= 3 and row[0].conf < 50 else row
    lettered = [w.conf for w in core if any(ch.isalpha() for ch in w.text)]
    return bool(lettered) and sum(lettered) / len(lettered) >= FILL_CONFIDENCE


def _overlaps(new: Line, old: Line) -> bool:
    """``new`` is ``old`` read again: their boxes share most of the shorter one's height and overlap across."""
    a, b = new.bbox, old.bbox
    dy = min(a[3], b[3]) - max(a[1], b[1])
    dx = min(a[2], b[2]) - max(a[0], b[0])
    return dx > 0 and dy > 0.5 * min(a[3] - a[1], b[3] - b[1])
