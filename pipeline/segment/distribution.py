"""The end of a document: the closing paragraph ("Trên đây là …./."), "Nơi nhận:" with its items
("- Như trên;" … "- Lưu: VT, …") and the signer block(s).

In print (Decree 30/2020/NĐ-CP, Appendix I), Nơi nhận sits at the bottom left of the signed text's last
page, after the body: the label "Nơi nhận:", then items "- …;" down to "- Lưu: VT, …" (ending "." or
the drafter's initials); the signer block sits at the bottom right. A text export puts one after the
other, in either order, or interleaves them line by line. So the tail is found first (the "Nơi nhận"
label, an authority line, or the block of upper-case lines and a name after the body's last
sentence), then each of its rows is told apart by its words (and by column, when layout says).

Not a Nơi nhận: what follows the signed text once its tail is closed (a name, a signature mark or the
archive item): an annex ("Phụ lục", "DANH MỤC …" tables of names), a form ("Mẫu số …", with a Nơi nhận
of its own to fill in), the Quy định or Quy chế a decision issues, a "Ghi chú"; they start where their
heading or their own header's motto does, and are body text (find_annex, read_annexes). A Công báo
edition prints no Nơi nhận at all, and its running heads are page furniture."""
from __future__ import annotations

import re
from dataclasses import replace

from .. import vocab
from ..text import fold, longest_first
from . import cues
from .header import clean_item
from .lines import Row
from ..grammar.headings import BULLET, BULLETS, HEADING
from ..read.lexicon import bounded_distance, is_layout_label, surnames
from ..model import Signer
from .signers import _titled, is_name, is_noise, parse_signers, strip_name_prefix, without_signed_mark


# "Nơi nhận:" as OCR reads it on photos and scans: "Nơinhận:", "„ơi nhận:", "ưi nhận:", "-_ Nơinhận:",
# "Aưi nhận:" (the N misread; folded): the label alone on its line
_OCR_LABEL = re.compile(r"^[\W_]*[a-z]?[ou]i\s*nhan\s*(?::|$)")


# the label one letter off, as the page's OCR layout test takes it ("Nai nhận:", cv-808): up to its colon
_OCR_LABEL_COLON = re.compile(r"^[\W_]*\S{2,4}\s*\S{3,5}\s*:")


def is_label(text: str, ocr: bool = False) -> str | None:
    """The "Nơi nhận" label the text starts with, as it is printed there (OCR slips tolerated; on
    an OCR'd line also one letter off when the colon follows: "Nai nhận:", and two when nothing
    follows the colon: "Nơi mạn:")."""
    cue = cues.starts_with_any(text, "distribution_labels")
    if cue:
        return cue
    t = text.strip()
    m = _OCR_LABEL.match(fold(t))
    if m:
        return t[: m.end()]
    m = _OCR_LABEL_COLON.match(t) if ocr else None
    if m and (is_layout_label(m.group(0)) or (not t[m.end():].strip() and is_layout_label(m.group(0), loose=True))):
        return m.group(0)  # further off only alone on its line: "Nơi mạn:" (bc-248-sldtbxh-dak-nong)
    return None


def _row_label(row: Row, text: str | None = None) -> str | None:
    return is_label(row.text if text is None else text, ocr=_ocr(row))


def _ocr(row: Row) -> bool:
    return row.line is not None and row.line.confidence is not None


# OCR of an item's dash and of "Lưu": "~ Các đơn vị dự họp;", "— Như trên;", "* Như trên;", "~1ưu: VT,"
_OCR_DASH = re.compile(r"^[~—=„_*“”]+\s*-?\s*(?=\S)")
_OCR_ARCHIVE = re.compile(r"^[\W_]*[1lI|]ưu(?=\s*:|\s+[A-ZĐ]{2})")  # "- lưu VT." (cv-808) too
# a speck or the seal's edge read after an item's end: "- Như trên; |.", "- Lưu: VT, PC04. '"
_OCR_TRAIL = re.compile(r"(?<=[;.,:])(?:\s+[^\w\s()]+)+$")


def _scribble_after_archive(text: str) -> str:
    """An OCR'd archive item with the signature's or a speck's scribble read after its closing dot:
    "- Lưu: VT, CN. Pver", "- Lưu: VT, KSTTHC (L-40b). 4" -> the item; the drafter's initials
    ("(Đ1, Đ4). NMĐ", "(lnphong55)") stay. Other items unchanged."""
    if not _is_archive(text):
        return text
    words = text.split()
    k = len(words)
    while k > 2 and len(words) - k < 2 and _scribble(words[k - 1]):
        k -= 1
    return " ".join(words[:k]) if k < len(words) and words[k - 1].endswith(".") else text


# the drafter's initials printed small after the last code, read glued to it: "NN (2b)xxr.. 4ÓÔ",
# "ĐTpc", "ĐMPTVvAnn."
_GLUED_AFTER_BRACKET = re.compile(r"(?<=\))[^\W_][^\s;,]*(?:\s+\S+)?$")
_GLUED_LOWER = re.compile(r"(?<=[A-ZĐ]{2})[a-z][A-Za-z]+\.?$")  # "TTg", "TTr" are codes: one lower-case letter


def _glued_initials(text: str) -> str:
    """An OCR'd archive item without the drafter's initials that the read glued to its last code
    (Decree 30 prints them in small type right after it): "- Lưu: VT, NN (2b)xxr.. 4ÓÔ" -> "- Lưu: VT,
    NN (2b)", "- Lưu: VT, ĐTpc" -> "- Lưu: VT, ĐT". Other items unchanged."""
    if not _is_archive(text):
        return text
    t = _GLUED_AFTER_BRACKET.sub("", text)
    return _GLUED_LOWER.sub("", t) if t == text else t


def _scribble(word: str) -> bool:
    """A lone number, or a word with a lower-case letter and no bracket: never an archive code."""
    if "(" in word or ")" in word:
        return False
    return (word.isdigit() and len(word) <= 3) or any(ch.islower() for ch in word)


def _is_archive(text: str) -> bool:
    t = re.sub(r"^[\W_]*", "", text.strip())
    return bool(re.match(cues.label_pattern("archive_item") + r"\s*(?::|\s+[A-ZĐ]{2}|\s+hồ sơ|\s+văn thư)", t))


def _signer_like(text: str) -> bool:
    t = text.strip()
    return (cues.is_upper(t) and not HEADING.match(t) and not BULLET.match(t) and len(t) <= 60) or is_name(t) or is_noise(t)


def _tail_from_end(rows: list[Row], start: int, end: int) -> int:
    """The first row of the signer-like rows that end ``rows[:end]`` (upper-case titles, a name, notes),
    when one of them is upper-case; ``end`` when none."""
    k = end
    while k - 1 >= start and (_signer_like(rows[k - 1].text) or _is_archive(rows[k - 1].text)):
        k -= 1
    return k if any(cues.is_upper(r.text) for r in rows[k:end]) else end


def _titled_signer(rows: list[Row], start: int) -> int:
    """The first row of a signer block printed with neither Nơi nhận nor an authority word, when more
    follows it: a position of positions.tsv on its own line ("CHỦ TỊCH QUỐC HỘI", "BỘ TRƯỞNG") and the
    signer's name under it (a note such as "(Đã ký)" between them allowed). A Công báo edition prints a
    law or a minister's thông tư so, then its annexes and the gazette's colophon ("In tại: …") after
    it; len(rows) when there is none."""
    for i in range(start, len(rows) - 1):
        t = " ".join(rows[i].text.split())
        if not cues.is_upper(t) or HEADING.match(t) or BULLET.match(t) or not _titled([t]):
            continue
        j = i + 1
        while j < len(rows) - 1 and is_noise(rows[j].text):
            j += 1
        if _surely_name(without_signed_mark(" ".join(rows[j].text.split()))):
            k = i
            while k - 1 > start and cues.is_upper(rows[k - 1].text) and _signer_like(rows[k - 1].text) \
                    and not rows[k - 1].text.rstrip().endswith("./."):
                k -= 1  # the title's lines above it ("TM. …" printed without its dot, an agency)
            return k
    return len(rows)


def find_tail(rows: list[Row], start: int = 0) -> int:
    """Index of the first row of the tail (Nơi nhận / signers), len(rows) when there is none."""
    candidates = [
        i for i in range(start, len(rows))
        if _row_label(rows[i]) or (cues.authority_prefix(rows[i].text) and not BULLET.match(rows[i].text))
    ]
    if candidates:
        tail = candidates[0]
        if not any(_row_label(r) for r in rows[start:]):
            tail = _unlabelled_list(rows, start, tail)
    else:
        tail = min(_tail_from_end(rows, start, len(rows)), _bottom_list(rows, start))
        if tail == len(rows):
            tail = _titled_signer(rows, start)
    # a signer block without authority printed before "Nơi nhận": "GIÁM ĐỐC" / name
    while tail - 1 > start:
        if _seal_scrap(rows, tail - 1, start):
            tail -= 1
            continue
        if not _signer_like(rows[tail - 1].text) or rows[tail - 1].text.rstrip().endswith("./."):
            break
        if not cues.is_upper(rows[tail - 1].text) and not is_name(rows[tail - 1].text) and not is_noise(rows[tail - 1].text):
            break
        tail -= 1
    return tail


def _seal_scrap(rows: list[Row], i: int, start: int) -> bool:
    """An OCR'd scrap of the seal's ring between a block's title and its name: one short lower-case
    word ("và" of "SỞ GIÁO DỤC VÀ ĐÀO TẠO" round the seal, khlt-90-sgddt-tcgd in corpus/eval/dev) with
    an upper-case title line right above it."""
    t = rows[i].text.strip()
    return (_ocr(rows[i]) and i - 1 > start and len(t) <= 3 and t.isalpha() and t.islower()
            and cues.is_upper(rows[i - 1].text) and _signer_like(rows[i - 1].text))


_DASH_ITEM = re.compile(r"^\s*[-–]\s*\S")


def _unlabelled_list(rows: list[Row], start: int, tail: int) -> int:
    """Where the tail starts when OCR lost the "Nơi nhận" label and the page's reading order put the
    left column (the items) before the signer block: the run of items closed by "- Lưu: VT, …" just
    before ``tail``, each item starting with its dash, a line without one running on the item above
    ("- VP UBTP: CVP, các PCVP," / "Các phòng: …"). The body's last sentence ends "./." and is no item."""
    k = tail
    while k - 1 > start and is_noise(rows[k - 1].text):
        k -= 1
    if k - 1 <= start or not _is_archive(rows[k - 1].text) or not _ocr(rows[k - 1]):
        return tail
    k -= 1
    while k - 1 > start:
        t = " ".join(rows[k - 1].text.split())
        if t.endswith("./.") or HEADING.match(t) or rows[k - 1].page != rows[k].page:
            break
        note = re.match(r"[|\s]*\(", t) or _stray(t)  # a brace's note beside the items, a speck
        if not BULLET.match(t) and not note and not (k - 2 > start and _near(rows[k - 2], rows[k - 1]) and len(t) <= 60):
            break
        k -= 1
    # the first row is an item (a dash: Decree 30 prints no other mark there), not a line that ran on
    # nothing nor the label misread ("+ “... Thành")
    while k < tail and not _DASH_ITEM.match(rows[k].text):
        k += 1
    return k if k < tail else tail


def _bottom_list(rows: list[Row], start: int) -> int:
    """The first item of a Nơi nhận whose label OCR lost, with no authority line to find the tail by (a
    minister's "BỘ TRƯỞNG" signs without "KT."): the block of dash items at the bottom left of the page,
    closed by "- Lưu: VT, …", after which only the signer block's lines (right column, a name, marks)
    end the rows (qd-3588-bgddt of corpus/eval/dev); len(rows) when there is none."""
    k = len(rows) - 1
    while k > start and not (_is_archive(rows[k].text) and _ocr(rows[k])):
        if rows[k].column != "right" and not _signer_like(rows[k].text):
            return len(rows)
        k -= 1
    if k <= start or rows[k].column == "right" or any(r.page != rows[k].page for r in rows[k + 1:]):
        return len(rows)
    first = _unlabelled_list(rows, start, k + 1)
    return first if first < k else len(rows)


# ---------------------------------------------------------------- where the tail ends: annexes

def _annex_head(text: str) -> bool:
    """The first line of what follows the signed text: an annex, a form, the Quy định or Quy chế a
    decision issues ("Phụ lục I", "Mẫu số 01", "(Kèm theo Nghị định …)", "DANH MỤC …", "QUY ĐỊNH"),
    a note ("Ghi chú:"), or a new header (the motto of the issued text or form)."""
    t = " ".join(text.split())
    if cues.starts_with_any(t, "annex_heads"):
        return True
    return (cues.is_upper(t) and cues.starts_with_any(t, "annex_titles") is not None) or cues.is_motto(t)


_SIGNED = re.compile(r"[(\[]?\s*[-–]?\s*đã\s+ký\s*[)\]]?", re.IGNORECASE)


def _trailing_name(text: str) -> int:
    """How many last words of ``text`` are a signer's name printed after upper-case title words (a
    Word table cell read as one line: "CHỦ TỊCH QUỐC HỘI Nguyễn Thị Kim Ngân"); 0 when none."""
    words = text.split()
    for k in (5, 4, 3, 2):
        name = words[-k:]
        if len(words) > k and all(w[:1].isupper() and w[1:].islower() for w in name) and _surely_name(" ".join(name)) \
                and cues.is_upper(" ".join(words[:-k])):
            return k
    return 0


def _surely_name(text: str) -> bool:
    """A name that starts with a family name of the list ("Chương I" is no name)."""
    return is_name(text) and fold(strip_name_prefix(text).split()[0]) in surnames()


def _ends_block(text: str) -> bool:
    """A row that closes the signed text's tail: the signer's name (alone, or at the end of a cell
    read as one line), "(Đã ký)" or a stamp, the archive item "Lưu: VT, …"."""
    t = " ".join(text.split())
    if not cues.letters(t):
        return False  # a rule under a header ("_____") closes nothing
    if _is_archive(t) or _surely_name(t) or is_noise(t) or _SIGNED.search(t):
        return True
    return bool(_trailing_name(t))


# the note under an annex's or a form's title that names the text it goes with: "(Kèm theo Báo cáo số …)"
_ATTACHED = re.compile(r"^\(?\s*(?:Ban hành\s+)?kèm theo\b", re.IGNORECASE)
FORM_HEAD_WORDS = 4  # a short line above that note, in the form's head beside its title: "Biểu số 2a"


def _form_head(rows: list[Row], j: int, closed_at: int) -> int:
    """The first row of a form or annex whose note "(Kèm theo …)" is ``rows[j]``: the lines above it on its
    page, when that page follows the one the signed text closed on, are the form's head (its agency, its
    number "Biểu số 2a", its title in capitals: the statistical forms a report attaches, five of them in
    bc-248-sldtbxh-dak-nong of corpus/eval/dev) and none of the signer block's."""
    if rows[j].page == rows[closed_at].page:
        return j
    k = j
    while k - 1 > closed_at and rows[k - 1].page == rows[j].page and (
            cues.is_upper(rows[k - 1].text) or _annex_head(rows[k - 1].text)
            or len(rows[k - 1].text.split()) <= FORM_HEAD_WORDS):
        k -= 1
    return k


def find_annex(rows: list[Row], start: int) -> int:
    """Index of the first row after the tail that starts at ``start`` which belongs to what follows
    the signed text (an annex, a form, the regulation a decision issues), len(rows) when none. The
    tail is closed first (a name, a signature mark or the archive item); a later annex heading or a
    new header starts the annex, with the agency line(s) printed before that header's motto."""
    closed_at = None
    for i in range(start, len(rows)):
        t = rows[i].text
        if closed_at is not None and _annex_head(t):
            j = i
            if cues.is_motto(t):
                k = j
                while k - 1 > closed_at and (not cues.letters(rows[k - 1].text) or (
                        cues.is_upper(rows[k - 1].text) and not cues.authority_prefix(rows[k - 1].text))):
                    k -= 1
                    if cues.letters(rows[k].text):
                        j = k
            elif _ATTACHED.match(" ".join(t.split())):
                j = _form_head(rows, j, closed_at)
            return j
        if _ends_block(t):
            closed_at = i
    return len(rows)


def annex_parts(rows: list[Row], start: int) -> list[list[Row]]:
    """The rows from ``start`` on cut into annexes (each closed by its own signer block, if any)."""
    parts = []
    k = start
    while k < len(rows):
        nxt = find_annex(rows, k + 1)
        parts.append(rows[k:nxt])
        k = nxt
    return parts


def read_annexes(rows: list[Row], start: int) -> tuple[list[Row], list[Signer]]:
    """(body rows, signers) of what follows the signed text from ``start`` on: an annex is body text;
    its own signer block counts when it names a person (the Quy định a decision issues is signed
    again), a form's blank block and its Nơi nhận never do."""
    body: list[Row] = []
    signers: list[Signer] = []
    for part in annex_parts(rows, start):
        at = find_tail(part, 1)
        body += part[:at]
        signers += [s for s in parse_signers(split_tail(part[at:])[1]) if s.name and _surely_name(s.name)
                    and len(s.name.split()[-1]) > 1  # "Nguyễn Văn A": a form's sample name
                    and not any(x and _annex_head(x) for x in (s.authority, s.position))]
    return body, signers


def find_closing(rows: list[Row], start: int, end: int) -> int | None:
    """Index of the closing paragraph's first row ("Trên đây là …"), near the end of the body."""
    for i in range(end - 1, max(start - 1, end - 25), -1):
        t = rows[i].text.strip()
        if t[:1].isupper() and cues.starts_with_any(t, "closing"):
            return i
    return None


def _near(prev: Row | None, row: Row, hanging: bool = False) -> bool:
    """A continuation line sits right under the item it continues (when layout is known); with
    ``hanging``, also indented under the item's words ("- VPCP: BTCN, PCN Phạm Mạnh Cường," /
    "TGĐ Cổng TTĐT;" starting under "BTCN")."""
    if prev is None or prev.x0 is None or row.x0 is None or prev.top is None or row.top is None:
        return True
    height = (prev.line.bbox[3] - prev.line.bbox[1]) if prev.line and prev.line.bbox else 12.0
    indent = row.x0 - prev.x0
    under = abs(indent) < 30 or (hanging and prev.x1 is not None and 0 < indent < 0.5 * (prev.x1 - prev.x0))
    return prev.page == row.page and under and 0 < row.top - prev.top < 2.2 * max(height, 6.0)


def _beside(a: Row, b: Row) -> bool:
    """Two OCR'd rows of one printed line that Tesseract gave as two lines, the later one first: a
    short item "- VPCP:" and the words after it ("BTCN, các PCN, …"), set a little higher."""
    if not (_ocr(a) and _ocr(b)) or a.page != b.page or a.line.bbox is None or b.line.bbox is None:
        return False
    ax0, ay0, ax1, ay1 = a.line.bbox
    bx0, by0, bx1, by1 = b.line.bbox
    overlap = min(ay1, by1) - max(ay0, by0)
    gap = max(ax0, bx0) - min(ax1, bx1)
    return overlap > 0.5 * min(ay1 - ay0, by1 - by0) and 0 <= gap < 2 * min(ay1 - ay0, by1 - by0)


def _join_beside(rows: list[Row]) -> list[Row]:
    """The rows with each pair of _beside rows of the list's column joined, left to right."""
    out: list[Row] = []
    for row in rows:
        prev = out[-1] if out else None
        if prev is not None and row.column != "right" and prev.column != "right" and _beside(prev, row):
            a, b = sorted((prev, row), key=lambda r: r.line.bbox[0])
            box = tuple(f(x, y) for f, x, y in zip((min, min, max, max), a.line.bbox, b.line.bbox))
            line = replace(a.line, text=a.text + " " + b.text, bbox=box)
            out[-1] = replace(a, text=a.text + " " + b.text, line=line, x1=max(a.x1 or 0, b.x1 or 0),
                              top=min(x for x in (a.top, b.top) if x is not None) if a.top is not None else b.top)
            continue
        out.append(row)
    return out


def _split_name(t: str) -> tuple[str, str | None]:
    """"- Lưu: VT, KHTC. Hoàng Xuân Sơn" -> ("- Lưu: VT, KHTC.", "Hoàng Xuân Sơn"): a text export puts
    the signer's name, printed at the foot of the right column, on the line of the last item beside it."""
    m = re.search(r"^(.*[;.])\s+(\S[^;.:]*)$", t)
    # the agency test looks past a rank ("Đại tá" folds like the head "Đài")
    if m and is_name(m.group(2)) and cues.agency_head(strip_name_prefix(m.group(2))) is None:
        return m.group(1), m.group(2)
    return t, None


# a Word table cell read as one line: "Nơi nhận: - Như Điều 3; - Bộ TTTT; - …; - Lưu: VT, VHKGh"
_ITEM_BREAK = re.compile(r"(?<=[;.])\s+(?=[" + re.escape(BULLETS) + r"]\s*\S)")


@vocab.cached
def _cell_authorities() -> str:
    """TM, KT, TL, TUQ: the authority words of positions.tsv printed with a dot, at which a signer block read as
    one cell is split into its lines. A one-letter word (Q.) is left out: in a Nơi nhận cell it is as often a
    district ("UBND Q. 1")."""
    words = longest_first({w[:-1] for w in vocab.words("authority") if w.endswith(".") and len(w) > 2})
    return "|".join(re.escape(w) for w in words)


_AT_AUTHORITY = vocab.Pattern(lambda: r"\s+(?=(?:" + _cell_authorities() + r")\.)")
_SECOND_AUTHORITY = vocab.Pattern(lambda: r"\S\s+(?:" + _cell_authorities() + r")\.\s*[A-ZĐÀ-Ỹ]")


@vocab.cached
def _roles() -> frozenset[str]:
    """The positions of pipeline/vocab/positions.tsv, folded."""
    return frozenset(fold(w) for w in vocab.words("position"))


def _title_lines(upper: str) -> list[str]:
    """"TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH" -> the lines Decree 30 prints them on: a new
    line at each authority prefix, and the position after the last one ("PHÓ …" under "KT. …", or a
    position of the role list: "TM. CHÍNH PHỦ" / "THỦ TƯỚNG")."""
    segs = [s for s in _AT_AUTHORITY.compiled.split(upper.strip()) if s]
    last = segs[-1] if segs else ""
    if cues.authority_prefix(last):
        words = last.split()
        for j in range(2, len(words)):
            rest = " ".join(words[j:])
            if fold(words[j]) in ("pho", "thu") and fold(rest) != "pho" or fold(rest) in _roles():
                segs[-1:] = [" ".join(words[:j]), rest]
                break
    return segs


def _split_cell(row: Row) -> list[Row]:
    """A row that is a whole Word table cell (items run together, or a signer block on one line) as
    the rows it prints as; other rows unchanged."""
    t = " ".join(row.text.split())
    if _ITEM_BREAK.search(t) and (is_label(t) or BULLET.match(t)):
        label = is_label(t)
        head = [replace(row, text=label)] if label else []
        body = t[len(label):].lstrip(" :") if label else t
        return head + [replace(row, text=x) for x in _ITEM_BREAK.split(body) if x.strip()]
    clean = " ".join(_SIGNED.sub(" ", t).split())
    k = _trailing_name(clean)
    second_prefix = _SECOND_AUTHORITY.search(clean)
    if not k and not (second_prefix and cues.is_upper(clean)):
        # "Trần Văn Truyền – Đã ký": the name with the signature mark on its line
        return [replace(row, text=clean)] if clean != t and clean and is_name(clean) else [row]
    words = clean.split()
    upper, name = (" ".join(words[:-k]), " ".join(words[-k:])) if k else (clean, None)
    out = [replace(row, text=x) for x in _title_lines(upper)]
    return out + ([replace(row, text=name)] if name else [])


_NOTE = re.compile(r"\(([^()]{2,40})\)")


def _note_key(text: str) -> str:
    return " ".join(fold(text).split())


def fix_notes(item: str) -> str:
    """An OCR'd item with each bracketed note that is a slip or two off one note of cues.json's
    "distribution_notes" written as that note: "(để b/e)" -> "(để b/c)", "(hay frả lời)" -> "(thay
    trả lời)" (the t read with the bracket). The slips allowed grow with the note (one per six
    characters, none under six: "(b/e)" stays), and the closest note must be the only one that close;
    a note not that near any (an unlisted one) stays as read."""
    def fixed(m: re.Match) -> str:
        key = _note_key(m.group(1))
        notes = cues.folded_cues("distribution_notes")
        if any(key == " ".join(folded.split()) for _, folded in notes):
            return m.group(0)
        close = []
        for note, folded in notes:
            limit = max(len(key), len(folded)) // 6
            d = bounded_distance(key, folded, limit)
            if d <= limit:
                close.append((d, note))
        close.sort()
        if not close or (len(close) > 1 and close[1][0] == close[0][0]):
            return m.group(0)
        return "(" + close[0][1] + ")"
    return _NOTE.sub(fixed, item)


def _stray(text: str) -> bool:
    """No word of three letters: what OCR makes of a seal's rim or a speck ("Z | Ú4", "V~", "§D 1579")."""
    return not any(sum(ch.isalpha() for ch in w) >= 3 for w in text.split())


def split_tail(rows: list[Row]) -> tuple[list[str], list[Row]]:
    """(distribution items, signer rows) from the tail rows."""
    items: list[str] = []
    signer_rows: list[Row] = []
    in_list = False
    open_item = False
    last: Row | None = None  # the last item has not ended with ";" or "."
    for row in _join_beside([piece for r in rows for piece in _split_cell(r)]):
        t = " ".join(row.text.split())
        label = _row_label(row, t)
        if label:
            in_list = True
            t = t[len(label):].lstrip(" :").strip()
            if not t:
                continue
        t = without_signed_mark(t)
        if is_noise(t) and not _is_archive(t):
            continue
        if _ocr(row) and in_list and not BULLET.match(t) and not _is_archive(t) and _stray(t):
            continue  # the seal's rim or a speck read after the label or between items: "Nơi nhận: Tú"
        if in_list and row.column != "right":
            t = _OCR_ARCHIVE.sub("- Lưu", _OCR_DASH.sub("- ", t))
            if row.line is not None and row.line.confidence is not None:
                # Tesseract's Ð (U+00D0, Icelandic) is the Vietnamese Đ: "Lưu PA83 (Ð4)"
                # "TGĐÐ Cổng TTĐT": the Đ read twice, once as each
                t = _scribble_after_archive(_OCR_TRAIL.sub("", t).replace("ĐÐ", "Đ").replace("Ð", "Đ"))
                t = _glued_initials(t)
        bullet = bool(BULLET.match(t))
        if bullet or _is_archive(t):
            t, name = _split_name(t) if row.column is None else (t, None)
            items.append(t)
            in_list = True
            if name is not None:
                signer_rows.append(replace(row, text=name, column="right"))
        elif open_item and items and (not cues.is_upper(t) or t.endswith(";")) and not is_name(t) \
                and row.column != "right" and _near(last, row, hanging=_ocr(row)):
            # "HĐND TP, UBND TP;" under "- Các Văn phòng: Thành ủy, Đoàn ĐBQH và": an upper-case
            # continuation ends with the item's ";", which no title line of a signer block does
            items[-1] = items[-1] + " " + t
        elif in_list and row.column == "left" and not cues.is_upper(t):
            if _ocr(row) and last is not None and re.match(r"\(", t) and _near(last, row, hanging=True):
                # the item's note on the line under it: "- Cơ quan Báo&PT, TH Thành phố;" / "(để đưa tin)"
                items[-1] = re.sub(r"[;,.]?$", "", items[-1].rstrip()) + " " + t
                continue
            if _ocr(row) and last is not None and (row.page != last.page or re.match(r"[|\s]*\(", t)):
                # a bracketed note beside a brace ("(để b/c)" for the items it groups), or the table of
                # an annex on the next page ("Họ và tên"): items start with their dash
                continue
            items.append(t)
        else:
            signer_rows.append(row)
            continue
        open_item = not items[-1].rstrip().endswith((";", "."))
        last = row
    if any(_ocr(r) for r in rows):
        items = [fix_notes(x) for x in items]
    return [c for c in (clean_item(x) for x in items) if c], signer_rows
