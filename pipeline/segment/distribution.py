"""The end of a document: the closing paragraph ("Trên đây là …./."), "Nơi nhận:" with its items
("- Như trên;" … "- Lưu: VT, …") and the signer block(s).

In print, Nơi nhận sits at the bottom left and the signer block at the bottom right; a text export
puts one after the other, in either order, or interleaves them line by line. So the tail is found
first (the "Nơi nhận" label, an authority line, or the block of upper-case lines and a name after
the body's last sentence), then each of its rows is told apart by its words (and by column, when
layout says)."""
from __future__ import annotations

import re
from dataclasses import replace

from ..text import fold
from . import cues
from .header import clean_item
from .lines import Row
from .paragraphs import BULLET, HEADING
from .signers import is_name, is_noise, strip_name_prefix


def _is_label(text: str) -> str | None:
    return cues.starts_with_any(text, "distribution_labels")


def _is_archive(text: str) -> bool:
    t = re.sub(r"^[\W_]*", "", text.strip())
    return bool(re.match(cues.label_pattern("archive_item") + r"\s*(?::|\s+[A-ZĐ]{2}|\s+hồ sơ|\s+văn thư)", t))


def _signer_like(text: str) -> bool:
    t = text.strip()
    return (cues.is_upper(t) and not HEADING.match(t) and not BULLET.match(t) and len(t) <= 60) or is_name(t) or is_noise(t)


def find_tail(rows: list[Row], start: int = 0) -> int:
    """Index of the first row of the tail (Nơi nhận / signers), len(rows) when there is none."""
    candidates = [
        i for i in range(start, len(rows))
        if _is_label(rows[i].text) or (cues.authority_prefix(rows[i].text) and not BULLET.match(rows[i].text))
    ]
    if candidates:
        tail = candidates[0]
    else:
        k = len(rows)
        while k - 1 >= start and (_signer_like(rows[k - 1].text) or _is_archive(rows[k - 1].text)):
            k -= 1
        tail = k if any(cues.is_upper(r.text) for r in rows[k:]) else len(rows)
    # a signer block without authority printed before "Nơi nhận": "GIÁM ĐỐC" / name
    while tail - 1 > start and _signer_like(rows[tail - 1].text) and not rows[tail - 1].text.rstrip().endswith("./."):
        if not cues.is_upper(rows[tail - 1].text) and not is_name(rows[tail - 1].text) and not is_noise(rows[tail - 1].text):
            break
        tail -= 1
    return tail


def find_closing(rows: list[Row], start: int, end: int) -> int | None:
    """Index of the closing paragraph's first row ("Trên đây là …"), near the end of the body."""
    for i in range(end - 1, max(start - 1, end - 25), -1):
        t = rows[i].text.strip()
        if t[:1].isupper() and cues.starts_with_any(t, "closing"):
            return i
    return None


def _near(prev: Row | None, row: Row) -> bool:
    """A continuation line sits right under the item it continues (when layout is known)."""
    if prev is None or prev.x0 is None or row.x0 is None or prev.top is None or row.top is None:
        return True
    height = (prev.line.bbox[3] - prev.line.bbox[1]) if prev.line and prev.line.bbox else 12.0
    return prev.page == row.page and abs(row.x0 - prev.x0) < 30 and 0 < row.top - prev.top < 2.2 * max(height, 6.0)


def _split_name(t: str) -> tuple[str, str | None]:
    """"- Lưu: VT, KHTC. Hoàng Xuân Sơn" -> ("- Lưu: VT, KHTC.", "Hoàng Xuân Sơn"): a text export puts
    the signer's name, printed at the foot of the right column, on the line of the last item beside it."""
    m = re.search(r"^(.*[;.])\s+(\S[^;.:]*)$", t)
    # the agency test looks past a rank ("Đại tá" folds like the head "Đài")
    if m and is_name(m.group(2)) and cues.agency_head(strip_name_prefix(m.group(2))) is None:
        return m.group(1), m.group(2)
    return t, None


def split_tail(rows: list[Row]) -> tuple[list[str], list[Row]]:
    """(distribution items, signer rows) from the tail rows."""
    items: list[str] = []
    signer_rows: list[Row] = []
    in_list = False
    open_item = False
    last: Row | None = None  # the last item has not ended with ";" or "."
    for row in rows:
        t = " ".join(row.text.split())
        label = _is_label(t)
        if label:
            in_list = True
            t = t[len(label):].lstrip(" :").strip()
            if not t:
                continue
        if is_noise(t) and not _is_archive(t):
            continue
        bullet = bool(BULLET.match(t))
        if bullet or _is_archive(t):
            t, name = _split_name(t) if row.column is None else (t, None)
            items.append(t)
            in_list = True
            if name is not None:
                signer_rows.append(replace(row, text=name, column="right"))
        elif open_item and items and not cues.is_upper(t) and not is_name(t) and row.column != "right" and _near(last, row):
            items[-1] = items[-1] + " " + t
        elif in_list and row.column == "left" and not cues.is_upper(t):
            items.append(t)
        else:
            signer_rows.append(row)
            continue
        open_item = not items[-1].rstrip().endswith((";", "."))
        last = row
    return [c for c in (clean_item(x) for x in items) if c], signer_rows
