"""The header (Decree 30/2020/NĐ-CP, Appendix I): agency lines at top left, national motto at top
right (or "ĐẢNG CỘNG SẢN VIỆT NAM" for Party documents), "Số: …" under the agency, place and date
under the motto, the type line ("BÁO CÁO") with its subject (trích yếu) below it — or, for a công
văn, "V/v …" under the number — and "Kính gửi: …".

The parser walks the rows from the top, zone by zone (the top with the agency, the subject, a công
văn's V/v, the addressees, what follows them); each row is recognised by its words, so the two header
columns may come interleaved (layout order) or one after the other (text exports). It stops at the first
row of the body and says where that is. Every threshold it uses is named below with what it means."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..grammar.dates import WARN_DATE_UNREADABLE, WARN_DAY_BLANK, is_place_date, parse_place_date  # noqa: F401
from ..grammar.headings import BULLET, BULLETS, HEADING, strip_bullet
from ..grammar.symbols import (WARN_NUMBER_BLANK, WARN_NUMBER_UNREADABLE, is_bare_code_line, is_number_line,  # noqa: F401
                               is_ocr_number_line, join_cut_symbols, parse_number, symbol_cut_at_line_end)
from .. import vocab
from ..model import Header
from ..read.lexicon import correct_agency_words, tone_key, word_pairs
from ..text import bounded_distance, fold, nfc
from . import cues
from .lines import Row

# --------------------------------------------------------------------------- thresholds
# Rows are counted from the top of the document; "of a body line" is a share of ``width`` (a full body line
# in characters, for text without layout); "of the page width" / "of the text block" use the layout.
HEADER_MAX_ROWS = 60  # rows: the header is looked for in the first 60 rows; the body starts by then
TOP_ZONE_ROWS = 12  # rows: a left-column line with no V/v, or right-column furniture, counts only this high up
STAMP_ZONE_ROWS = 16  # rows: an upper-case left-column line under the "Số:" line this high up is a stamp
STAMP_MAX_CONFIDENCE = 60  # OCR confidence: a left-column line under the "Số:" line read less surely is a stamp
AGENCY_LINE_MAX_CHARS = 70  # characters: an agency line is short; a longer upper-case line is a title or body
HEADER_LOOKAHEAD = 6  # rows: how far a leftover row may sit above the other column's motto or place and date
LEFTOVER_MAX_CHARS = 0.5  # of a body line: a left-column leftover after the subject (a stamp, a mark) is short
RECIPIENT_MAX_CHARS = 0.9  # of a body line: the addressee on the line after a bare "Kính gửi:" is shorter
JUNK_MAX_CHARS = 25  # characters: a short row ...
JUNK_MIN_ALNUM = 3  # ... with fewer letters and digits than this ...
JUNK_ALNUM_SHARE = 0.5  # ... or mostly marks is an OCR speck ("z)", "$")
STRAY_MAX_CONFIDENCE = 50  # OCR confidence: below it, a row of hardly any Vietnamese syllables ...
STRAY_MAX_SYLLABLES = 0.5  # ... (this share or less) is a seal or a logo read as letters ("{ffItw")
TELEGRAM_LABEL_MAX_CHARS = 80  # characters: "THỦ TƯỚNG CHÍNH PHỦ điện:" is a short line
# The subject (trích yếu) and a công văn's "V/v …" may run over several lines (see _continues_subject).
AUTHORITY_PITCH = 1.5  # of the subject's line pitch: a wider gap before the authority's line is no subject block
AUTHORITY_GAP = 2.0  # font sizes: the first gap looked at, before any pitch is known
AUTHORITY_APART = 4.0  # line pitches: the farthest the authority's line stands under the subject's last line
SUBJECT_MAX_LINES = 12  # a safety bound: no real subject is longer; a longer run is the body
SUBJECT_LEFT_TOLERANCE = 0.04  # of the page width: a left-aligned V/v block keeps its left edge
SUBJECT_CENTRE_TOLERANCE = 0.06  # of the page width: a centred subject keeps its centre
SUBJECT_LINE_GAP = 2.2  # line heights: a larger vertical gap ends the block
LINE_HEIGHT = 1.2  # of the font size: a line's height, when the gap is measured in lines
DEFAULT_FONT_SIZE = 12.0  # points: a row without a font size
SUBJECT_WRAPPED = 0.6  # of a full body line (text without layout): a centred subject line this long was wrapped
SUBJECT_WRAPPED_LAYOUT = 0.85  # of the text block's width (with layout): a subject line this wide was wrapped
VV_WRAPPED = 0.35  # the same for a "V/v" line, which sits in the left column (under half the page)
FULL_LINE = 0.92  # of the text block (or a body line): a line this wide is a body line, not a centred subject
CENTRED_TOLERANCE = 0.12  # of the text block: a centred line's margins differ by less than this
FRAME_TRIM = 10  # the text block is the 10th percentile of left edges to the 90th of right ones: strays left out
VV_MAX_LEFT = 0.45  # of the page width: a V/v line starts in the left column, left of this
VV_MAX_CHARS = 0.75  # of a body line (no layout): a V/v line is shorter; a longer one is the body
# E-office software types the number and the day into the blanks of the printed "Số:      /GP-BTNMT" and
# "ngày    tháng    năm 2022"; the typed text sits a little off the printed line, and the reader may give the
# pieces as rows of their own ("285", "Số:", "/GP-BTNMT"). They are put back together (see _join_typed_pieces).
PIECES_ZONE_ROWS = 20  # rows: the number and the place-and-date lines are this high up
PIECES_WINDOW = 6  # rows: the pieces of one printed line come within this many rows of each other
PIECES_OVERLAP = 0.5  # of the lower piece's height: pieces of one line overlap this much vertically
PIECES_TOUCH = 2.0  # points: a typed piece may touch the printed word beside it by this much
PIECES_GAP = 40.0  # points: a piece sits this close to the next piece of its line (the blank it fills: "Số" and
# "-HD/BTCTU" 35 points apart, hd-21-btctu of corpus/eval/dev); the other header column is further off




@dataclass
class HeaderResult:
    header: Header
    warnings: list[str] = field(default_factory=list)
    body_start: int = 0  # index into ``order`` of the first body row
    rows: list[int] = field(default_factory=list)  # indices (into ``order``) of the rows that belong to the header
    order: list[Row] = field(default_factory=list)  # the rows in the order the header was read (see _in_page_order)

    @property
    def rest(self) -> list[Row]:
        """The rows after the header: the body and what follows it."""
        return self.order[self.body_start:]


def _junk(text: str) -> bool:
    alnum = [c for c in text if c.isalnum()]
    return len(text) <= JUNK_MAX_CHARS and (len(alnum) < JUNK_MIN_ALNUM
                                          or len(alnum) < JUNK_ALNUM_SHARE * len(text.replace(" ", "")))


def _ocr_stray(row: Row) -> bool:
    """A row OCR made of a seal, a logo or a signature mark: low confidence and hardly a Vietnamese
    word in it ("{ffItw")."""
    from ..read.quality import syllable_share

    conf = row.line.confidence if row.line is not None else None
    if conf is None or conf >= STRAY_MAX_CONFIDENCE:
        return False
    return syllable_share(row.text) < STRAY_MAX_SYLLABLES


def _unsure(row: Row) -> bool:
    """Was the row OCR'd, and read less surely than a printed header line is?"""
    conf = row.line.confidence if row.line is not None else None
    return conf is not None and conf < STAMP_MAX_CONFIDENCE


def _ends(text: str, chars: str) -> bool:
    t = text.rstrip()
    return bool(t) and t[-1] in chars


def _stopped_short(before: Row | None, row: Row, rows: list[Row]) -> bool:
    """The line ``before`` ended where the first word of ``row`` would still have fitted before the
    right margin (the right edge of the page's widest lines): ``row`` starts a new line of its own, it does
    not run on ("- Trung tâm Xúc tiến Thương mại & Đầu tư" / "Thành phố" runs on; "Thành phố" /
    "Sở Tư pháp nhận được …" is the body). A line that starts in lower case always runs on; unknown
    layout runs on."""
    t = row.text.strip()
    if before is None or before.x0 is None or before.x1 is None or row.x0 is None or not t or t[0].islower():
        return False
    margin = max((r.x1 for r in rows if r.page == row.page and r.x1 is not None), default=None)
    text = before.text.strip()
    if margin is None or not text:
        return False
    char = (before.x1 - before.x0) / len(text)
    first = t.split()[0]
    return before.x1 + char * (len(first) + 2) < margin


def _under(before: Row | None, row: Row) -> bool:
    """``row`` starts under the addressee of ``before`` (aligned with it, or right of the label's start)."""
    return before is not None and before.x0 is not None and row.x0 is not None and row.x0 > before.x0 - 15 and (
        abs(row.x0 - before.x0) < 15 or is_recipient_label(before.text) is not None)


def is_opener(text: str) -> bool:
    t = text.strip()
    return bool(t) and t[0].isupper() and cues.starts_with_any(t, "openers") is not None


def is_recipient_label(text: str) -> str | None:
    cue = cues.starts_with_any(text, "recipient_labels")
    if cue is None:
        return None
    rest = text.strip()[len(cue):]
    return rest if rest.startswith((":", " ", "")) else None


def _telegram_recipients(text: str) -> bool:
    """"VĂN PHÒNG CHÍNH PHỦ điện:" / "THỦ TƯỚNG CHÍNH PHỦ điện:" opens a công điện's addressees."""
    f = " ".join(fold(text).split())
    return bool(re.search(r"\b" + cues.folded_alternation("telegram_recipient_suffix") + r"\s*:$", f)) and len(f) < TELEGRAM_LABEL_MAX_CHARS


def _split_recipients(text: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == ";" and depth <= 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return [clean_item(x) for x in out if clean_item(x)]


_LEADERS = re.compile(r"^[\s.…_·]{3,}$")  # a blank to fill in: a row of dots, ellipses or rules
_ITEM_MARKS = re.compile(r"^[\s" + re.escape(BULLETS + "_~.·") + r"]+")  # a bullet, or a leader of dots or rules


def clean_item(text: str) -> str:
    """"- Như trên;" -> "Như trên"."""
    t = _ITEM_MARKS.sub("", " ".join(text.split()))
    t = re.sub(r"(?:\s*[;,.:]\s*)+$", "", t)
    # keep a closing "./." marker out too
    t = re.sub(r"\s*\./\.?$", "", t)
    return t.strip()


# what a blank is filled with, or the printed words between blanks: "285", "3070.", "/GP-BTNMT", "Số:", "tháng",
# "năm 2022"; a Party number's label and symbol with the blank between ("Số" … "-HD/BTCTU", Hướng dẫn 36-HD/VPTW),
# the month and year after a blank day ("Thanh Hóa, ngày" … "tháng 6 năm 2026"). Matched on folded text.
_PIECE = re.compile(r"^(?:\d{1,5}\.?|/\S+|[-–]\s?\w+/\S+|so\s*:?|ngay|thang(?:\s+\d{1,2})?(?:\s+nam(?:\s+\d{4})?)?|"
                    r"nam(?:\s+\d{4})?)$", re.IGNORECASE)


def _piece(row: Row) -> bool:
    return bool(_PIECE.match(fold(row.text.strip())))


def _on_one_line(a: Row, b: Row) -> bool:
    """Do two rows sit on one printed line (vertical overlap, side by side, close)?"""
    if a.line is None or b.line is None or a.line.bbox is None or b.line.bbox is None or a.page != b.page:
        return False
    ax0, ay0, ax1, ay1 = a.line.bbox
    bx0, by0, bx1, by1 = b.line.bbox
    overlap = min(ay1, by1) - max(ay0, by0)
    side_by_side = PIECES_TOUCH >= min(ax1, bx1) - max(ax0, bx0) >= -PIECES_GAP
    return side_by_side and overlap >= PIECES_OVERLAP * min(ay1 - ay0, by1 - by0)


def _join_typed_pieces(rows: list[Row]) -> list[Row]:
    """The rows with the pieces of a number or a place-and-date line joined into one row (left to right) at
    the first piece's place and the others emptied: "285" + "Số:" + "/GP-BTNMT" -> "Số: 285 /GP-BTNMT",
    "12" + "Hà Nội, ngày" + "tháng" + "7" + "năm 2022" -> "Hà Nội, ngày 12 tháng 7 năm 2022". Only pieces
    join: at most one row of the group is not a piece, so the two header columns stay apart."""
    out = list(rows)
    limit = min(len(out), PIECES_ZONE_ROWS)
    for i in range(limit):
        if not out[i].text.strip():
            continue
        group, grown = [i], True
        while grown:  # a piece joins when it is next to any piece already taken ("24" … "tháng" … "11")
            grown = False
            for j in range(i + 1, min(len(out), i + PIECES_WINDOW + 1)):
                hosted = any(not _piece(out[k]) for k in group)
                if (j not in group and out[j].text.strip() and (_piece(out[j]) or not hosted)
                        and any(_on_one_line(out[k], out[j]) for k in group)
                        and not any(_overlaps_x(out[k], out[j]) for k in group)):
                    group.append(j)
                    grown = True
        if len(group) < 2:
            continue
        ordered = sorted(group, key=lambda k: out[k].line.bbox[0])
        text = " ".join(out[k].text.strip() for k in ordered)
        host = next((k for k in ordered if not _piece(out[k])), ordered[0])
        out[i] = replace(out[host], text=text, x0=min(out[k].x0 for k in group), x1=max(out[k].x1 for k in group),
                         top=min(out[k].top for k in group))
        for k in group[1:]:
            out[k] = replace(out[k], text="")
    return out


def _overlaps_x(a: Row, b: Row) -> bool:
    """Do two rows overlap side to side (by more than a typed piece's edge touching the printed word)?"""
    return min(a.line.bbox[2], b.line.bbox[2]) - max(a.line.bbox[0], b.line.bbox[0]) > PIECES_TOUCH


def _gazette_section(text: str) -> bool:
    """A Công báo section heading ("VĂN BẢN QUY PHẠM PHÁP LUẬT") above the header of a gazette edition."""
    return cues.squash(text) in {cues.squash(s) for s in cues.cues()["gazette_sections"]}


def _without_repeats(groups: list[str]) -> list[str]:
    """The agency groups without an earlier one that repeats the agency: the Công báo prints the issuer's
    name as a centred section heading above the document's own two-line agency block ("BỘ LAO ĐỘNG -
    THƯƠNG BINH VÀ XÃ HỘI" over "BỘ LAO ĐỘNG - THƯƠNG BINH" / "VÀ XÃ HỘI"); it is not a parent agency."""
    if len(groups) < 2:
        return groups
    last = cues.squash(groups[-1])
    return [g for g in groups[:-1] if cues.squash(g) != last] + groups[-1:]


def _weight_break(bold: list[bool | None]) -> int | None:
    """Decree 30 (Appendix I) prints the parent agency upright and the issuing agency upright and bold: where the
    agency lines go from plain to bold once (plain lines, then bold ones to the end), the bold ones are the
    issuer, whatever word they start with ("TRƯỜNG ĐẠI HỌC CÔNG NGHỆ THÔNG TIN" / "VÀ TRUYỀN THÔNG VIỆT- HÀN" /
    "KHOA KHOA HỌC MÁY TÍNH" in bold, kh-46-kkhmt-vku of corpus/eval/dev; the same split as the agency heads give
    on 21 other documents of corpus/eval/dev and corpus/real: cv-185-vktqg, cv-935-vp-btp, hd-21-btctu, kh-58-thpt,
    tb-11-dgs, cv-1668-stp …). The index of the first bold line, else None (the weight unknown, or changing more
    than once, as in a joint document's block)."""
    if len(bold) < 2 or any(b is None for b in bold) or not any(bold) or all(bold):
        return None
    first = bold.index(True)
    return first if all(bold[first:]) else None


def _name_goes_on(text: str) -> bool:
    """A line that can only go on with the name above it: its place ("TỈNH QUẢNG NGÃI", "THÀNH PHỐ HỒ CHÍ MINH") or
    the rest after "và" ("VÀ TRUYỀN THÔNG VIỆT - HÀN")."""
    f = fold(" ".join(text.split()))
    return any(f == k or f.startswith(k + " ") for k in [fold(u) for u in vocab.UNIT_KINDS] + ["va"])


def _group_agencies(lines: list[str], start: int | None = None) -> list[str]:
    """The agency lines as agencies: a line that starts with an agency head ("SỞ", "BỘ", "TÒA ÁN") starts one,
    unless the line above ended on a dash or a comma (_JOINED_MARK), which no name ends on: the issuers of a joint
    document are one block, their names joined by dashes and wrapped anywhere ("BỘ CÔNG AN – VIỆN KIỂM" /
    "SÁT NHÂN DÂN TỐI CAO –" / "TÒA ÁN NHÂN DÂN TỐI" / "CAO – BỘ TƯ PHÁP"). Line ``start`` (see _weight_break)
    starts one too."""
    groups: list[str] = []
    for n, text in enumerate(lines):
        raw = " ".join(text.split())
        t = raw.strip(" *_-|!`'\"")  # "| BỘ TƯ PHÁP": a scan's edge read as a bar
        if not t:
            continue
        if groups and n == start and not groups[-1].endswith(_JOINED_MARK):
            groups.append(t)
        elif groups and (cues.agency_head(t) is None or groups[-1].endswith(_JOINED_MARK) or _head_across(groups[-1], t)):
            groups[-1] = groups[-1] + " " + t
        else:
            groups.append(t)
        if raw.endswith(_JOINED_MARK) and not t.endswith(_JOINED_MARK):
            groups[-1] += " " + raw[-1]  # the dash the strip took: the name goes on
    return [g.rstrip(" " + "".join(_JOINED_MARK)) for g in groups]


_ISSUER_DASH = re.compile(r"\s[-–]\s")


def _joint_issuers(text: str) -> bool:
    """A joint document's issuers on one line, longer than an agency line: a Word table cell's paragraph holds the
    whole block ("ỦY BAN THƯỜNG VỤ QUỐC HỘI - CHÍNH PHỦ - ĐOÀN CHỦ TỊCH ỦY BAN TRUNG ƯƠNG MẶT TRẬN TỔ QUỐC VIỆT NAM",
    nqlt-102 of corpus/eval/dev). Each name between the dashes starts with an agency head."""
    names = _ISSUER_DASH.split(text)
    return len(names) >= 2 and all(cues.agency_head(n) is not None for n in names)


def _head_across(above: str, line: str) -> bool:
    """A head that runs over the line break is one name: "ỦY BAN THƯỜNG VỤ" / "QUỐC HỘI" (nq-101 of corpus/eval/dev)
    is the head "Ủy ban Thường vụ Quốc hội", though "QUỐC HỘI" alone is a head too."""
    head = cues.agency_head(above + " " + line)
    return head is not None and len(head.split()) > len(above.split())


_JOINED_MARK = ("–", "-", ",")  # an agency line ending on one of these goes on ("… TỐI CAO –")


@dataclass
class _Frame:
    """Margins of the body text, for the layout cues (centred subject lines)."""

    left: float | None = None
    right: float | None = None

    def wrapped(self, row: Row) -> bool:
        """A line as wide as the text block: its last word was carried to the next line."""
        if self.left is None or row.x0 is None or row.x1 is None:
            return False
        return row.x1 - row.x0 >= SUBJECT_WRAPPED_LAYOUT * (self.right - self.left)

    def centred(self, row: Row) -> bool:
        if self.left is None or row.x0 is None or row.x1 is None:
            return True
        width = self.right - self.left
        full = (row.x1 - row.x0) > FULL_LINE * width
        return not full and abs((row.x0 - self.left) - (self.right - row.x1)) < CENTRED_TOLERANCE * width


def _frame(rows: list[Row]) -> _Frame:
    xs = [r for r in rows if r.x0 is not None and r.x1 is not None]
    if not xs:
        return _Frame()
    lefts = sorted(r.x0 for r in xs)
    rights = sorted(r.x1 for r in xs)
    return _Frame(lefts[len(lefts) // FRAME_TRIM], rights[-1 - len(rights) // FRAME_TRIM])


# The subject (trích yếu) and a công văn's "V/v …" may run over several lines. A line continues the subject when
# its layout matches the line above (same alignment, the next line down; not the font size, which OCR guesses
# line by line and Decree 30 sets alike for subject and body) and the grammar allows it:
# the line above ends without a stop, and the line starts lower case, or the line above ends on a word or mark
# that cannot end a noun phrase ("và", "của", ","), or the layout alone says so (same centred block).
# words a noun phrase cannot end on: the line after them continues it ("… thành" / "Đoàn Luật sư tỉnh …")
_JOINING_END = re.compile(r"(?:[,\-–&(]|(?<!\w)(?:và|của|về|với|các|những|cho|trên|tại|đối|giữa|theo|trong|từ|đến|"
                          r"thành|vào|do|để|nhằm|hoặc|hay|là|như|năm|tháng|quý|số|ngày|việc|Luật|Nghị định|"
                          r"Quyết định|Kế hoạch|Công văn))\s*$", re.IGNORECASE)


# the issuing authority under a Quyết định's or Thông tư's subject, in capitals like an all-caps subject
# ("ỦY BAN NHÂN DÂN TỈNH KON TUM", "BỘ TRƯỞNG BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG"): it ends the subject. The authority is
# the body or its head (Decree 30, "thẩm quyền ban hành"), never a deputy, who signs "KT." at the end: a line
# "PHÓ CHỦ TỊCH …" under a subject goes on with it ("LỊCH TIẾP CÔNG DÂN CỦA CHỦ TỊCH" / "PHÓ CHỦ TỊCH UBND XÃ
# QUẢNG PHÚ NĂM 2019", tb-02 of corpus/eval/dev; Thông báo kết luận "của Phó Chủ tịch UBND tỉnh …": tb-11 of
# corpus/real, tb-493 and tb-229 of corpus/eval/dev)
_AUTHORITY_LINE = ("chu tich", "bo truong", "thu tuong", "giam doc", "tong giam doc", "truong ban",
                   "chanh an", "vien truong", "tong cuc truong", "cuc truong", "ban thuong vu", "ban chap hanh",
                   "uy ban nhan dan", "hoi dong nhan dan", "chinh phu", "uy ban thuong vu", "quoc hoi")


def _authority_line(text: str) -> bool:
    f = " ".join(fold(text).split())
    return any(f == a or f.startswith(a + " ") for a in _AUTHORITY_LINE)


def _motto(row: Row, t: str) -> bool:
    """The national motto's first line. It is printed in capitals: a printed line in sentence case is the body
    ("Căn cứ Hiến pháp nước" / "Cộng hòa xã hội chủ nghĩa Việt Nam;", luat-58-2014 and luat-16-2008 web prints of
    corpus/eval/dev); OCR may give a capital line in any case."""
    ocr = row.line is not None and row.line.confidence is not None
    return cues.is_motto(t) and (ocr or cues.is_upper(t))


def _type_then_subject(text: str):
    """A type line and a sentence-case subject in one row: a Word paragraph with a line break after the type, read
    as one line ("NGHỊ ĐỊNH" / "Quy định các danh mục chất ma túy và tiền chất", nd-57-2022 .doc of corpus/eval/dev).
    (type, subject) when the words before the subject are a type in capitals, else None."""
    words = text.split()
    for n in range(1, min(len(words), 5)):
        rest = " ".join(words[n:])
        if len(rest) > 1 and rest[0].isupper() and rest[1].islower() and not cues.is_upper(rest):
            found = cues.doc_type_from_title(" ".join(words[:n]))
            return (found[0], rest) if found is not None and not found[1] else None
    return None


_PERIOD_ONLY = re.compile(r"^\s*[IVX]+\s*(?:/\s*\d{4}|năm\s+\d{4})\W*$")


def _period_only(text: str) -> bool:
    """The Roman numeral of a quarter with its year carried to a line of its own ("… an toàn giao thông quý" /
    "III/2024"): in the subject's case, whichever it is (its letters are no capitals of their own)."""
    return bool(_PERIOD_ONLY.match(text))


def _header_rows_follow(rows: list[Row], i: int) -> bool:
    """Do the motto, the place and date or "Kính gửi" follow within a few rows (the right column read after
    the left one)?"""
    for row in rows[i + 1:i + 1 + HEADER_LOOKAHEAD]:
        t = row.text.strip()
        if _motto(row, t) or cues.is_slogan(t) or cues.is_party_motto(t) or is_place_date(t):
            return True
        if is_recipient_label(t) is not None:
            return True  # a mark under the V/v block, then "Kính gửi" (the header read row by row)
    return False


def _same_block(prev: Row, row: Row, centred: bool) -> bool | None:
    """Layout: does row sit in prev's block? None when the rows carry no layout."""
    if prev.x0 is None or row.x0 is None or prev.x1 is None or row.x1 is None:
        return None
    if prev.page != row.page:
        return False
    width = row.page_width or max(prev.x1, row.x1)
    if prev.top is not None and row.top is not None:
        height = prev.font_size or DEFAULT_FONT_SIZE
        if row.top - prev.top > SUBJECT_LINE_GAP * height * LINE_HEIGHT or row.top <= prev.top:
            return False
    if centred:
        return abs((prev.x0 + prev.x1) / 2 - (row.x0 + row.x1) / 2) <= SUBJECT_CENTRE_TOLERANCE * width
    return abs(prev.x0 - row.x0) <= SUBJECT_LEFT_TOLERANCE * width or row.x0 > prev.x0


# "Địa điểm: …", "Kính gửi: …": a field, not the subject. A field's label is capitalised: a lower-case start with a
# colon is a subject line OCR put a colon into ("tài trợ: khủng bố và …", qd-707 of corpus/eval/dev)
_FIELD_LABEL = re.compile(r"^\s*\w+(?:\s+\w+){0,2}\s*:")


def _remark(text: str) -> bool:
    """A whole line in brackets that opens as a sentence ("(Thời gian tính từ ngày 01/12/2018 đến ngày
    24/5/2019)", under bc-90's subject, corpus/eval/dev): a remark under the subject, not a part of it; a
    bracket that goes on with the phrase above opens in lower case ("(đoạn từ nút giao … )")."""
    t = text.strip()
    return t.startswith("(") and t.rstrip(" .;,").endswith(")") and t[1:2].isupper()


def _field_label(text: str) -> bool:
    return bool(_FIELD_LABEL.match(text)) and not text.lstrip()[:1].islower()


def _carried_symbol(prev: str, t: str) -> bool:
    """A line that opens with a document number carried from the line above, which ended on a word that cannot end
    a noun phrase ("V/v gửi Danh mục … theo Nghị định số" / "335/2025/NĐ-CP.", cv-295 of corpus/eval/dev): it has no
    lower-case letter, yet it is no capital line of its own (an agency, a title)."""
    return t[:1].isdigit() and bool(_JOINING_END.search(prev))


def _continues_subject(prev: Row, row: Row, centred: bool, width: float) -> bool:
    """Grammar and layout together (see above)."""
    t = row.text.strip()
    p = prev.text.rstrip()
    if not t or _ends(p, ".:!?") or _field_label(t):
        return False
    block = _same_block(prev, row, centred)
    if block is False:
        return False
    if t[0].islower() or t[0].isdigit() or t[0] in "(\"“":
        return True
    if _JOINING_END.search(p):
        return True
    if block is None:  # no layout: a long line above was wrapped ("… Công ty TNHH" / "MTV Đầu tư, …")
        return len(p) >= (SUBJECT_WRAPPED if centred else VV_WRAPPED) * width
    return block


# --------------------------------------------------------------------------- the parser, zone by zone
#
# Each row is offered first to the furniture (rules, specks) and to the labelled fields, which may stand in
# either column and come in any order (motto, "Số:", place and date, the type line, "V/v", "Kính gửi:",
# a công điện's "… điện:"); then to the zone the parser is in: the top (agency lines), the subject under
# the type line, a công văn's V/v lines, the addressees, or after them (leftovers until the body starts).
# A step takes the row (NEXT), hands it to the next zone (AGAIN: the zone ended, the row is read again) or
# says the body starts at it (BODY).

NEXT, AGAIN, BODY = "next", "again", "body"
_MOTTO_ZONES = ("top", "vv", "after", "recipients")  # where a motto or a place and date may still come
_NUMBER_ZONES = ("top", "vv", "after")


# A trích yếu is one noun phrase (Decree 30, Appendix I): no sentence ends inside it, so on an OCR'd page a
# full stop or a semicolon between a word and a lower-case word is the comma the scan's small print lost
# ("xác minh. xử lý", cv-808; "YHCT; sản xuất", kh-09; "góp ý; xây dựng", tm-155 of corpus/eval/dev).
_OCR_COMMA = re.compile(r"(?<=[^\W\d_])[.;](?= ([^\W\d_]))")


def ocr_commas(text: str) -> str:
    return _OCR_COMMA.sub(lambda m: "," if m.group(1).islower() else m.group(0), text)


# The trích yếu of a quyết định or nghị quyết opens "Về việc …" (Decree 30, Appendix I). On a scan OCR misreads it
# ("và việc › quyết định …", nq-19-hdnd-ha-noi; "Về việt ban hành …", qd-707-ttg) or reads a received stamp's box
# into its line ("ĐIỆN TỪ CHíwHPHủ | Về việc cấp Bằng …", qd-1380-ttg; all of corpus/eval/dev): two words a slip
# each off "về việc" at the line's start, or after a box's edge, are the opener, a stray mark after them left out;
# unless the second word makes a dictionary word with the next ("Về viên chức …", "Về viện kiểm sát …").
_OCR_OPENER = re.compile(r"^(?:[^|]{0,40}\|\s*)?(?P<a>\w{2})\s+(?P<b>vi\w{2})(?:\s+[^\w\s(“\"]{1,2}(?=\s))?\s+(?=\w)",
                         re.IGNORECASE)


def ocr_opener(text: str) -> str:
    m = _OCR_OPENER.match(text)
    if m is None or not m.group("b").islower():
        return text
    slips = bounded_distance(fold(m.group("a")).lower(), "ve", 1) + bounded_distance(fold(m.group("b")), "viec", 1)
    if slips > 1:
        return text
    if slips:  # a word of its own with the next one ("Về viên chức", "Về viện kiểm sát") is no slip of "việc"
        pairs, after = word_pairs(), text[m.end():].split()[:1]
        if pairs is None or (after and (tone_key(m.group("b")), tone_key(after[0].strip(",.;:"))) in pairs):
            return text
    return "Về việc " + text[m.end():]


class _Parse:
    def __init__(self, rows: list[Row], width: float):
        self.rows, self.width = rows, width
        self.frame = _frame(rows)
        self.state = "top"
        self.agency_lines: list[str] = []
        self.agency_bold: list[bool | None] = []  # each agency line printed bold (None: the reader cannot tell)
        self.number: str | None = None
        self.number_seen = False
        self.place: str | None = None
        self.issued: str | None = None
        self.doc_type = None
        self.type_rest = ""
        self.subject: list[str] = []
        self.subject_rows: list[int] = []  # indices of the rows the subject and the V/v lines came from
        self.subject_upper = False
        self.vv: list[str] = []
        self.vv_rows: list[int] = []
        self.recipients: list[str] = []
        self.recipient_row: Row | None = None  # the row the last recipient's text ended on
        self.warnings: list[str] = []
        self.used: list[int] = []
        self.skip: set[int] = set()  # rows read with an earlier one
        self.motto_seen = False
        self.noted = False  # a database's note was read above the type line (see _database_note)
        self.corrected: dict[int, tuple[Row, Row]] = {}  # row -> (as read, set right) (see _agency_line)

    # -- the walk

    def run(self) -> int:
        """Walk the rows; the index of the first body row."""
        limit = min(len(self.rows), HEADER_MAX_ROWS)
        i = 0
        while i < limit:
            step = self.step(i, self.rows[i], self.rows[i].text.strip())
            if step == BODY:
                return i
            if step == NEXT:
                i += 1
        if self.state == "top" and not (self.doc_type or self.number or self.subject or self.vv or self.recipients):
            return len(self.agency_lines)  # no header found: only the agency lines were one
        return limit

    def step(self, i: int, row: Row, t: str) -> str:
        if i in self.skip:
            return self.take(i)  # already read with the row above it (the rest of a cut number)
        for recognise in (self.furniture, self.motto, self.number_line, self.place_date, self.type_line,
                          self.vv_label, self.recipient_label, self.telegram_label):
            step = recognise(i, row, t)
            if step is not None:
                return step
        zone = {"top": self.top, "subject": self.subject_line, "vv": self.vv_line,
                "recipients": self.recipient_line, "after": self.after}[self.state]
        return zone(i, row, t)

    def take(self, i: int) -> str:
        self.used.append(i)
        return NEXT

    def _number_tail(self, i: int, row: Row, t: str) -> int | None:
        """The row that goes on with a number line cut inside its symbol: the next row of the same column
        below it (in layout order the other column's rows may come between)."""
        for j in range(i + 1, min(len(self.rows), i + 1 + HEADER_LOOKAHEAD)):
            other = self.rows[j]
            if not other.text.strip() or (row.column and other.column and other.column != row.column):
                continue
            if row.top is not None and other.top is not None and (other.page != row.page or other.top <= row.top):
                continue
            return j if symbol_cut_at_line_end(t, other.text) else None
        return None

    def leave_vv(self) -> None:
        """A field of the other column after V/v lines: the V/v may go on below it (layout order)."""
        if self.state == "vv":
            self.state = "top"

    # -- rows recognised anywhere in the header

    def furniture(self, i: int, row: Row, t: str) -> str | None:
        if cues.is_separator(t):
            if self.state in ("subject", "vv") and (self.subject or self.vv):
                self.state = "after"
            return self.take(i)
        if _junk(t) or (self.state == "top" and _ocr_stray(row)):
            return self.take(i)  # OCR specks in the header zone ("z)", "$"), a seal or logo read as letters ("{ffItw")
        return None

    def motto(self, i: int, row: Row, t: str) -> str | None:
        if self.state in _MOTTO_ZONES and (_motto(row, t) or cues.is_slogan(t) or cues.is_party_motto(t)):
            self.leave_vv()
            self.motto_seen = True
            return self.take(i)
        return None

    def number_line(self, i: int, row: Row, t: str) -> str | None:
        warned = any(w in self.warnings for w in (WARN_NUMBER_BLANK, WARN_NUMBER_UNREADABLE))
        ocr = row.line is not None and row.line.confidence is not None and is_ocr_number_line(t)
        if self.state not in _NUMBER_ZONES or self.number is not None or warned or not (is_number_line(t) or ocr):
            return None  # an OCR'd line may carry the label as OCR misread it ("Sẻ: … /UBND-VP", cv-808)
        tail = self._number_tail(i, row, t)
        if tail is not None:  # "Số: 08/2015/TTLT-BCA-" / "VKSNDTC-TANDTC-BTP": the symbol goes on below
            t = join_cut_symbols([t, self.rows[tail].text])
            self.skip.add(tail)
        self.number, warning = parse_number(t)
        self.number_seen = True
        if warning:
            self.warnings.append(warning)
        self.leave_vv()
        return self.take(i)

    def place_date(self, i: int, row: Row, t: str) -> str | None:
        if self.state not in _MOTTO_ZONES or self.place is not None or not is_place_date(t):
            return None
        self.place, self.issued, warning = parse_place_date(t)
        if warning:
            self.warnings.append(warning)
        self.leave_vv()
        return self.take(i)

    def type_line(self, i: int, row: Row, t: str) -> str | None:
        if self.state not in ("top", "vv") or self.doc_type is not None:
            return None
        if row.column == "left" and not (self.number_seen and self.frame.centred(row)):
            # a type word in the left column is an agency's or a V/v's; but under the number a line centred on
            # the text block is the title, wherever the page's print sits (a scan offset left: tb-666)
            return None
        found = cues.doc_type_from_title(t) or _type_then_subject(t)
        if found is None:
            return None
        self.doc_type, self.type_rest = found
        if self.type_rest:  # "GIẤY PHÉP KHAI THÁC, SỬ DỤNG NƯỚC MẶT": the subject begins on the type line
            self.subject_upper = cues.is_upper(self.type_rest)
            self.subject_rows.append(i)
        self.state = "subject"
        return self.take(i)

    def vv_label(self, i: int, row: Row, t: str) -> str | None:
        cue = cues.starts_with_any(t, "subject_labels")
        if self.state not in ("top", "after") or not cue or self.subject or self.vv:
            return None
        self.vv.append(t[len(cue):].lstrip(" :."))
        self.vv_rows.append(i)
        self.state = "vv"
        return self.take(i)

    def recipient_label(self, i: int, row: Row, t: str) -> str | None:
        rest = is_recipient_label(t)
        if rest is None or self.state not in ("top", "subject", "vv", "after"):
            return None
        rest = rest.lstrip(" :")
        if _LEADERS.match(rest):
            # "Kính gửi: …………………": a form's blank for the addressee, left to be filled in (gm-06-hdnd of
            # corpus/eval/dev): no addressee, and the line under it is the body, not the addressee
            self.state = "after"
            return self.take(i)
        self.recipients.extend(_split_recipients(rest) if rest else [])
        self.recipient_row = row if rest else None
        self.state = "recipients"
        return self.take(i)

    def telegram_label(self, i: int, row: Row, t: str) -> str | None:
        if self.state in ("subject", "after", "top") and _telegram_recipients(t) and (self.doc_type or self.number):
            self.state = "recipients"
            return self.take(i)
        return None

    # -- the zones

    def top(self, i: int, row: Row, t: str) -> str:
        if self.number_seen and row.column == "left" and i < STAMP_ZONE_ROWS and (cues.is_upper(t) or _unsure(row)):
            # under the "Số:" line no agency is printed: a received stamp ("ĐẾN", "CỔNG THÔNG TIN
            # ĐIỆN TỬ CHÍNH PHỦ") or a copy stamp stands there; its date and number are written by hand
            # and OCR reads them unsure ("Ngày. n 14: Tnng", "Sồôom) ĐIỆN TỪ CHÍNH PHỦ": qd-707, qd-729,
            # qd-1380 of corpus/eval/dev), where a công văn's V/v lines are printed and read surely
            return self.take(i)
        if (not self.agency_lines and not self.number_seen and self.doc_type is None and row.column == "right"
                and row.line is not None and row.line.confidence is not None and not cues.is_upper(t)
                and _header_rows_follow(self.rows, i)):
            # above the agency and the motto of a scan, right: what is left of an e-signature box printed over
            # the top of the page ("Cơ quan: Thành phố Hồ Chí / Minh", kh-syt of corpus/eval/dev), not the body
            # (a left one may be the agency's first line misread: "Vụ" for "ỦY BAN NHÂN DÂN", cv-1113)
            return self.take(i)
        if self.agency_lines and not self.number_seen and row.column != "right" and is_bare_code_line(t):
            self.number_seen = True  # the number line with its label and its number lost: the code alone
            self.warnings.append(WARN_NUMBER_BLANK)  # (as a blank or handwritten number: the review queue lists it)
            return self.take(i)
        if not self.agency_lines and _gazette_section(t):
            return self.take(i)  # the gazette's section heading above the header: furniture
        if self._database_note(i, t):
            return self.take(i)
        if (cues.is_upper(t) and (len(t) <= AGENCY_LINE_MAX_CHARS or _joint_issuers(t)) and not HEADING.match(t)
                and row.column != "right"
                and not cues.authority_prefix(t)):
            self.agency_lines.append(self._agency_line(i, row, t))
            self.agency_bold.append(row.line.bold if row.line is not None else None)
            return self.take(i)
        if self._running_head(i, row, t):
            return self.take(i)
        if (row.column == "left" and not self.vv and not self.subject and self.doc_type is None
                and i < TOP_ZONE_ROWS and not is_opener(t)):
            self.vv.append(t)  # a left-column line under the number: a công văn subject whose "V/v" OCR lost
            self.vv_rows.append(i)
            self.state = "vv"
            return self.take(i)
        if row.column == "right" and i < TOP_ZONE_ROWS and (cues.is_upper(t) or row.label == "furniture"):
            return self.take(i)  # right-column furniture in the header zone
        return BODY

    def _agency_line(self, i: int, row: Row, t: str) -> str:
        """An agency line as printed: an OCR'd one with its misread words set right against known agency names
        (correct_agency_words: "SƠ Y TE" -> "SỞ Y TẾ"), the OCR text kept in Line.original."""
        if row.line is None or row.line.confidence is None:
            return t
        fixed = correct_agency_words(t)
        if fixed != t:
            # a row may be one column's part of the line (split_columns): the part is set right in the line
            line = replace(row.line, text=row.line.text.replace(t, fixed, 1), original=row.line.original or row.line.text)
            self.rows[i] = replace(row, text=fixed, line=line)
            self.corrected[i] = (row, self.rows[i])
        return fixed

    def _database_note(self, i: int, t: str) -> bool:
        """A legal database's note between the place and date and the type line: the document's own name with its
        number ("Nghị định số 214/2025/NĐ-CP ngày 04 tháng 8 năm 2025 của Chính Phủ quy định …"), then maybe a
        remark in brackets ("(Có hiệu lực kể từ ngày ký)"), nd-214-2025 .docx of corpus/eval/dev. Only with the
        number read and a type line within a few rows."""
        if self.number is None or self.doc_type is not None or self.subject or self.vv:
            return False
        own = self.number.replace(" ", "") in t.replace(" ", "")
        remark = self.noted and t.startswith("(") and t.rstrip(" .").endswith(")")
        if not (own or remark) or not any(cues.doc_type_from_title(r.text.strip())
                                          for r in self.rows[i + 1:i + 1 + HEADER_LOOKAHEAD]):
            return False
        self.noted = True
        return True

    def _running_head(self, i: int, row: Row, t: str) -> bool:
        """A page's running head above the header: nothing of the document stands above the agency name and
        the motto at the top of its first page (Decree 30), so a line of the top zone, not in capitals, above
        the first header row of its column while the motto is still to come is page furniture: a law firm's
        or a database's name and address ("Công ty luật Minh Khuê" … "www.luatminhkhue.vn"), a browser's
        print head, the gazette's "CÔNG BÁO/Số …" when the reader kept it."""
        if row.column not in ("left", "right") or i >= TOP_ZONE_ROWS or self.motto_seen or cues.is_upper(t):
            return False
        if row.column == "left" and (self.agency_lines or self.number_seen):
            return False  # under the agency: a V/v whose label was lost, or the body
        return _header_rows_follow(self.rows, i)

    def subject_line(self, i: int, row: Row, t: str) -> str:
        if row.column == "left" and _unsure(row) and i < STAMP_ZONE_ROWS:
            return self.take(i)  # a received stamp left of the title block ("GỒNG THÔNG TIN", qd-1380): no subject line
        first = not self.subject and not self.type_rest
        if (first and row.x0 is not None and row.line is not None and row.line.confidence is not None
                and is_opener(t) and not self.frame.centred(row)):
            # the body right under the type line, a full line opening as a body does ("Thực hiện Luật …"): a
            # giấy mời, a thông báo may have no trích yếu (gm-01 of corpus/eval/dev). Only where the layout
            # was measured (an OCR'd page): a .doc's rows carry their table cell's width, so a subject opening
            # "Triển khai …" is no centred line there (kh-stttt-phu-tho-2011-draft.doc)
            self.state = "after"
            return AGAIN
        if first:
            self.subject_upper = cues.is_upper(t)
        if first and not HEADING.match(t) and is_recipient_label(t) is None:
            return self._add_subject(i, t)
        if self._subject_ends(row, t, i):
            self.state = "after"
            return AGAIN
        return self._add_subject(i, t)

    def _add_subject(self, i: int, t: str) -> str:
        self.subject.append(t)
        self.subject_rows.append(i)
        return self.take(i)

    def _wide_line_in_block(self, i: int) -> bool:
        """Is rows[i], a line as wide as the text block, inside a centred subject block: at the block's line pitch,
        with a centred line under it at the same pitch ("Giáo dục và Đào tạo Thành phố Hồ Chí Minh" / "Hướng tới
        xác lập kỷ lục kép thế giới về Đồng diễn Võ nhạc Vovinam - Bài" / "số 1 và số lượng học sinh …", kh-4644
        of corpus/eval/dev)? A body's first line is followed by another full line, or by a short one at the margin."""
        if len(self.subject_rows) < 2 or i + 1 >= len(self.rows):
            return False
        a, b, row, nxt = (self.rows[self.subject_rows[-2]], self.rows[self.subject_rows[-1]], self.rows[i],
                          self.rows[i + 1])
        tops = [r.top for r in (a, b, row, nxt)]
        if any(v is None for v in tops) or len({r.page for r in (a, b, row, nxt)}) > 1 or not nxt.text.strip():
            return False
        pitch = tops[1] - tops[0]
        same = lambda gap: pitch > 0 and abs(gap - pitch) <= 0.15 * pitch  # noqa: E731
        return same(tops[2] - tops[1]) and same(tops[3] - tops[2]) and self.frame.centred(nxt) and self.frame.centred(b)

    def _authority_ahead(self, i: int) -> bool:
        """Is rows[i] one of the lines between a sentence-case subject and the issuing authority's line under it
        ("NGHỊ QUYẾT" / four subject lines / "CHÍNH PHỦ", nq-168-cp; "NGHỊ QUYẾT" / "Về việc …" / three lines /
        "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI", nq-19-hdnd-ha-noi, both scans of corpus/eval/dev)? A quyết định,
        nghị quyết or thông tư prints the authority right under its trích yếu (Decree 30, Appendix I), so the
        lines in between are the trích yếu, however wide OCR measured them: at the subject's own line pitch,
        on its page, none opening a sentence of the body or a heading, the authority's line in capitals within
        SUBJECT_MAX_LINES."""
        if not self.subject_rows or self.doc_type is None:
            return False
        last = self.rows[self.subject_rows[-1]]
        if last.top is None:
            return False
        pitch = None
        prev = last
        ends = False
        for j in range(i, min(len(self.rows), i + SUBJECT_MAX_LINES - len(self.subject))):
            row = self.rows[j]
            t = row.text.strip()
            if row.top is None or row.page != last.page or not t:
                return False
            gap = row.top - prev.top
            if abs(gap) < 1.0:
                continue  # a piece of the same printed line (a row split after a symbol)
            size = prev.font_size or (prev.line.font_size if prev.line is not None else None)
            if j > i and cues.is_upper(t) and _authority_line(t):
                # the authority stands apart, under the rule that closes the trích yếu
                return gap <= AUTHORITY_APART * (pitch or size or gap)
            if gap <= 0 or (pitch is not None and gap > AUTHORITY_PITCH * pitch) \
                    or (pitch is None and size and gap > AUTHORITY_GAP * size):
                return False
            if cues.is_upper(t) or is_opener(t) or HEADING.match(t) or BULLET.match(t) or _field_label(t):
                return False
            if ends:
                return False  # a stop inside the block: the body's sentence, not a trích yếu
            ends = _ends(t, ".:;")  # allowed on the block's last line only (a speck read as a full stop)
            pitch = gap if pitch is None else pitch
            prev = row
        return False

    def _subject_ends(self, row: Row, t: str, i: int) -> bool:
        prev = self.subject[-1] if self.subject else self.type_rest
        upper = self.subject_upper
        if not upper and not _ends(prev, ".:") and self._authority_ahead(i):
            return False
        line_upper = upper if _period_only(t) else cues.is_upper(t)
        # a long subject line is as wide as a body line: the grammar (a lower-case start, a joining word
        # above) or the capitals of an all-caps subject carry it where the centring test cannot
        carried = (t[:1].islower() or t[:1].isdigit() or bool(_JOINING_END.search(prev))
                   or (upper and line_upper)
                   or (self.subject_rows and self.frame.wrapped(self.rows[self.subject_rows[-1]]) and not _field_label(t))
                   or (not upper and not is_opener(t) and self._wide_line_in_block(i)))
        return bool(
            HEADING.match(t)
            or BULLET.match(t)
            or _remark(t)
            or (is_opener(t) and not (upper and line_upper))  # "TRONG THỰC HIỆN …" goes on
            or (line_upper and not upper and not _carried_symbol(prev, t))
            or (upper and not line_upper)
            or (upper and _authority_line(t) and not _JOINING_END.search(prev))
            or _ends(prev, ".:")
            or len(self.subject) >= SUBJECT_MAX_LINES
            or (not self.frame.centred(row) and not carried)
            or (row.x0 is None and t[:1].isupper() and len(t) >= FULL_LINE * self.width)
            or (not upper and not _continues_subject(self.rows[self.subject_rows[-1]], row, True, self.width))
        )

    def vv_line(self, i: int, row: Row, t: str) -> str:
        if self._vv_ends(row, t):
            self.state = "after"
            return AGAIN
        self.vv.append(t)
        self.vv_rows.append(i)
        return self.take(i)

    def _vv_ends(self, row: Row, t: str) -> bool:
        prev = self.vv[-1] if self.vv else ""
        return bool(
            HEADING.match(t)
            or BULLET.match(t)
            or is_opener(t)
            or (cues.is_upper(t) and not _carried_symbol(prev, t))
            or _ends(prev, ".:")
            or len(self.vv) >= SUBJECT_MAX_LINES
            or row.column == "right"
            or (row.x0 is not None and row.page_width and row.x0 > VV_MAX_LEFT * row.page_width)
            or (row.x0 is None and len(t) >= VV_MAX_CHARS * self.width)
            or (self.vv_rows and not (_continues_subject(self.rows[self.vv_rows[-1]], row, False, self.width)
                                      or _continues_subject(self.rows[self.vv_rows[-1]], row, True, self.width)))
        )  # a V/v block is left-aligned or centred under the number (79/TTTT-CTGD, 4728/SGDĐT-HSSV, 4646/SGDĐT-TCCB)

    def recipient_line(self, i: int, row: Row, t: str) -> str:
        prev = self.recipients[-1] if self.recipients else None
        before, self.recipient_row = self.recipient_row, row
        if BULLET.match(t) and not is_opener(strip_bullet(t)):
            self.recipients.append(t)
            return self.take(i)
        if prev is None and not is_opener(t) and not HEADING.match(t) and len(t) < RECIPIENT_MAX_CHARS * self.width:
            self.recipients.append(t)  # "Kính gửi:" alone, the addressee on the next line
            return self.take(i)
        if prev is not None and not _ends(prev, ";.") and not is_opener(t) and not HEADING.match(t):
            stopped = _stopped_short(before, row, self.rows)
            if stopped and _under(before, row) and len(t) < RECIPIENT_MAX_CHARS * self.width:
                self.recipients.append(t)  # one addressee a line, without ";" (cv-6191-bvdk-tinh-bac-ninh)
                return self.take(i)
            if not stopped:
                self.recipients[-1] = prev + " " + t
                return self.take(i)
        self.recipient_row = before
        return BODY

    def after(self, i: int, row: Row, t: str) -> str:
        # after the subject: the body starts, unless this is a short leftover of a column (a stamp, a mark by
        # hand under the V/v, a "received" stamp under the place and date) and header rows still follow
        # (layout order: column by column; or "Kính gửi")
        if row.column in ("left", "right") and len(t) < LEFTOVER_MAX_CHARS * self.width and _header_rows_follow(self.rows, i):
            return self.take(i)
        return BODY

    # -- the result

    def header(self) -> Header:
        start = _weight_break(self.agency_bold)
        if start is not None and _name_goes_on(self.agency_lines[start]):
            start = None
        groups = _without_repeats(_group_agencies(self.agency_lines, start))
        type_name, subject = self._type_and_subject()
        agency, number, issued = groups[-1] if groups else None, self.number, self.issued
        if subject and not groups and number is None and self.issued is None:
            found = database_title(subject)
            if found is not None:  # a database's title line, the header table left out (see database_title)
                agency, number, issued, subject = found
        return Header(
            agency=agency,
            parent_agency=groups[-2] if len(groups) >= 2 else None,
            number=number,
            doc_type=type_name,
            place=self.place,
            date=issued,
            subject=subject,
            recipients=tuple(self._recipient_items()),
        )

    def _type_and_subject(self) -> tuple[str | None, str | None]:
        type_name = self.doc_type.name if self.doc_type else None
        lines = ([self.type_rest] if self.type_rest else []) + self.subject
        subject = " ".join(join_cut_symbols(lines).split()) or None
        rows = self.subject_rows
        if self.vv and not subject:
            subject = " ".join(join_cut_symbols(self.vv).split()) or None
            rows = self.vv_rows
            if type_name is None:
                type_name = "Công văn"
        if subject and any(self.rows[i].line is not None and self.rows[i].line.confidence is not None for i in rows):
            subject = ocr_opener(ocr_commas(subject))
        if type_name is None and self.number:
            inferred = cues.doc_type_from_symbol(self.number)
            type_name = inferred.name if inferred else None
        return type_name, subject.strip(" :") if subject else subject

    def _recipient_items(self) -> list[str]:
        items = []
        for r in self.recipients:
            items.extend(_split_recipients(r) if not BULLET.match(r) else [clean_item(r)])
        return items


# Legal databases and their prints (and Word files taken from them) may leave the header table out and give the
# document's name as one title: the type, then "CỦA <issuer> SỐ <number> NGÀY <day>" with the subject before it or
# after it ("NGHỊ ĐỊNH" / "CỦA CHÍNH PHỦ SỐ 37/2007/NĐ-CP NGÀY 09 THÁNG 3 NĂM 2007" / "VỀ MINH BẠCH TÀI SẢN, THU NHẬP";
# "LUẬT" / "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT PHÒNG, CHỐNG MA TÚY" / "CỦA QUỐC HỘI KHÓA XII, KỲ HỌP THỨ 3, SỐ
# 16/2008/QH12" / "NGÀY 03 THÁNG 06 NĂM 2008"). The issuer is the name after the last "của" before "số", up to its
# term or session ("KHÓA XII, KỲ HỌP THỨ 3"); it must start with an agency head. Only a header with no agency,
# number or date is read so, and only a title in capitals.
_DATABASE_TITLE = re.compile(
    r"^(?P<pre>.*?)\s*\bcua\s+(?P<issuer>(?:(?!\bcua\b).)+?)\s*,?\s+so\s*:?\s*(?P<number>\d\S*/\S+)\s*,?\s+"
    r"(?P<day>ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4})\s*(?P<post>.*)$")
_ISSUER_TERM = re.compile(r"\s*(?:,|\bkhoa\s+[ivxlc\d]+\b|\bnhiem\s+ky\b).*$")


def database_title(subject: str) -> tuple[str, str, str, str] | None:
    """(agency, number, date, subject) read from a database's title (see above), else None."""
    text = nfc(" ".join(subject.split()))
    if not cues.is_upper(text):
        return None  # the title is in capitals; a sentence-case subject may cite another document so
    f = fold(text)
    m = _DATABASE_TITLE.match(f)
    if m is None:
        return None
    issuer = text[m.start("issuer"):m.start("issuer") + len(_ISSUER_TERM.sub("", m.group("issuer")))].strip(" ,")
    if not issuer or cues.agency_head(issuer) is None:
        return None
    number, _warning = parse_number("Số: " + text[m.start("number"):m.end("number")])
    _place, issued, _warning = parse_place_date("x, " + text[m.start("day"):m.end("day")])
    rest = text[m.start("pre"):m.end("pre")].strip(" ,") or text[m.start("post"):m.end("post")].strip(" ,")
    if number is None or issued is None or not rest:
        return None
    return issuer, number, issued, rest


# The reader gives a page's lines in its reading order, which may run down one header column and on into the
# body before it comes back up for the other column (cv-4646-sgddt: the left column with its V/v and "Kính gửi:",
# then the first "Căn cứ …" line, then the motto, the place and date and the addressees beside "Kính gửi:").
# Decree 30 puts the whole header above the body, so a full-width or centred line read before rows of a column
# that stand higher on its page goes after them.
LATE_COLUMN_WINDOW = 12  # rows: how far after such a line the other column's rows may come
LATE_COLUMN_MIN_RISE = 3.0  # points: a row at least this much higher on the page stands above the line


def _body_before_the_other_column(rows: list[Row], i: int) -> bool:
    """Is rows[i] a line opening the body ("Căn cứ …"), given a column by the reader, read before the other column's
    motto or place and date that stand higher on its page? (luat-58-2014 web print of corpus/eval/dev: the header
    table's left cells, then the body down the page's left half, then the table's right cells)"""
    row = rows[i]
    if row.column not in ("left", "right") or row.top is None or not is_opener(row.text):
        return False
    for other in rows[i + 1:i + 1 + LATE_COLUMN_WINDOW]:
        t = other.text.strip()
        if (other.page == row.page and other.top is not None and other.top < row.top - LATE_COLUMN_MIN_RISE
                and other.column != row.column and (_motto(other, t) or is_place_date(t))):
            return True
    return False


def _in_page_order(rows: list[Row]) -> list[Row]:
    out = list(rows)
    limit = min(len(out), HEADER_MAX_ROWS)
    i = moves = 0
    while i < limit and moves < limit:
        row = out[i]
        body_first = _body_before_the_other_column(out, i)  # then any row above it goes first, the title too
        late = [j for j in range(i + 1, min(len(out), i + 1 + LATE_COLUMN_WINDOW))
                if row.top is not None and (row.column is None or body_first) and out[j].page == row.page
                and (out[j].column is not None or body_first) and out[j].top is not None
                and out[j].top < row.top - LATE_COLUMN_MIN_RISE]
        if not late:
            i += 1
            continue
        # the other column's rows and what goes with them (an addressee's wrapped last line, centred under it)
        end = max(j for j in range(i + 1, min(len(out), i + 1 + LATE_COLUMN_WINDOW))
                  if out[j].page == row.page and out[j].top is not None and out[j].top < row.top - LATE_COLUMN_MIN_RISE)
        block = out[i + 1:end + 1]
        above = [r for r in block if r.page == row.page and r.top is not None and r.top < row.top]
        out[i:end + 1] = above + [row] + [r for r in block if not any(r is a for a in above)]
        moves += 1
    return out


def parse_header(rows: list[Row], width: float) -> HeaderResult:
    """Parse the header from the top rows. ``width`` is a full body line in characters."""
    order = _in_page_order(rows)
    parse = _Parse(_join_typed_pieces(order), width)
    body_start = parse.run()
    for i, (read, fixed) in parse.corrected.items():
        if order[i] is read:
            order[i] = fixed  # the header's rows as read and set right (rows of typed pieces joined stay apart)
    return HeaderResult(parse.header(), parse.warnings, body_start, parse.used, order)


# --------------------------------------------------------------------------- a văn bản hợp nhất's own header
# Pháp lệnh 01/2012/UBTVQH13 and Decree 30 set a văn bản hợp nhất (VBHN) out with nothing above its title but the
# motto: the office that consolidated it, its "Số: …/VBHN-…", place and date stand at the end, in the block
# headed "XÁC THỰC VĂN BẢN HỢP NHẤT" (or "XÁC NHẬN …"), beside and under that heading, over the signer.
_AUTHENTICATION = re.compile(r"^xac (?:thuc|nhan) van ban hop nhat\W*$")
AUTH_DOC_TYPE = "Văn bản hợp nhất"  # what the block says the document is (its number's code is VBHN)
AUTH_LEFT_ROWS = 4  # rows: the office (one or two lines) and its "Số:" line, the left column beside the heading
AUTH_RISE = 1.0  # of the heading's height: the office's first line stands this little above the heading, no more
AUTH_DATE_ROWS = 3  # rows: the place and date line comes this soon under the heading (a line of marks between)


@dataclass
class Authentication:
    header: Header
    warnings: list[str]
    rows: list[Row]  # the rows of the block that make the header, its heading included


def is_authentication(text: str) -> bool:
    return _AUTHENTICATION.match(" ".join(fold(text).split())) is not None


def _auth_rows(rows: list[Row], h: int) -> list[Row]:
    """The office, number and place-and-date rows of the block headed by rows[h], in header order."""
    head = rows[h]
    if head.top is None:  # text without layout (a text export): the block's lines come round its heading
        near = [r for r in rows[max(0, h - AUTH_LEFT_ROWS):h + 1 + AUTH_DATE_ROWS] if r is not head]
        n = next((k for k, r in enumerate(near) if is_number_line(r.text.strip())), None)
        left = []
        for r in reversed(near[:n] if n is not None else []):  # the office: the capitals lines over the number
            if not cues.is_upper(r.text.strip()) or is_place_date(r.text):
                break
            left.insert(0, r)
        left += [near[n]] if n is not None else []
        dates = [r for r in near if is_place_date(r.text)]
    else:
        rise = AUTH_RISE * (head.font_size or 12.0)
        page = [r for r in rows if r.page == head.page and r is not head and r.top is not None]
        beside = sorted((r for r in page if r.top >= head.top - rise and r.x1 is not None and head.x0 is not None
                         and r.x1 <= head.x0 + rise), key=lambda r: r.top)
        left = []
        for r in beside[:AUTH_LEFT_ROWS]:
            left.append(r)
            if is_number_line(r.text.strip()) or is_ocr_number_line(r.text.strip()):
                break
        under = sorted((r for r in page if r.top > head.top and r.x0 is not None and head.x0 is not None
                        and r.x0 >= head.x0 - rise), key=lambda r: r.top)
        dates = [r for r in under[:AUTH_DATE_ROWS] if is_place_date(r.text)]
    if not any(is_number_line(r.text.strip()) or is_ocr_number_line(r.text.strip()) for r in left):
        return []  # no "Số:" line beside the heading: not the block Decree 30 lays out
    return left + dates[:1]


def read_authentication(rows: list[Row], width: float) -> Authentication | None:
    """The header a văn bản hợp nhất prints at its end (see _AUTHENTICATION), read by the header's own rules
    (the office's lines, the number with its OCR repairs and handwriting checks, place and date)."""
    for h, row in enumerate(rows):
        if not is_authentication(row.text):
            continue
        block = _auth_rows(rows, h)
        if not block:
            continue
        parsed = _Parse(block, width)
        parsed.run()
        header = replace(parsed.header(), doc_type=AUTH_DOC_TYPE, subject=None, recipients=())
        return Authentication(header, parsed.warnings, [row] + block)
    return None
