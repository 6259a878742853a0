"""The header (Decree 30/2020/NĐ-CP, Appendix I): agency lines at top left, national motto at top
right (or "ĐẢNG CỘNG SẢN VIỆT NAM" for Party documents), "Số: …" under the agency, place and date
under the motto, the type line ("BÁO CÁO") with its subject (trích yếu) below it — or, for a công
văn, "V/v …" under the number — and "Kính gửi: …".

The parser walks the rows from the top with a small state machine; each row is recognised by its
words, so the two header columns may come interleaved (layout order) or one after the other (text
exports). It stops at the first row of the body and says where that is."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..grammar.headings import BULLET, BULLETS, HEADING, strip_bullet
from ..grammar.symbols import WARN_NUMBER_BLANK, WARN_NUMBER_UNREADABLE, is_number_line, parse_number  # noqa: F401
from ..model import Header
from ..text import fold
from . import cues
from .lines import Row

WARN_DAY_BLANK = "header: day of the issue date is blank or handwritten (unreadable)"
WARN_DATE_UNREADABLE = "header: issue date could not be read"



@dataclass
class HeaderResult:
    header: Header
    warnings: list[str] = field(default_factory=list)
    body_start: int = 0  # index into rows of the first body row
    rows: list[int] = field(default_factory=list)  # indices of the rows that belong to the header


_DATE_WORDS = re.compile(
    r"(?P<pre>^.*?)\s*,?\s*(?<![a-z])ngay(?![a-z]{2})\s*(?P<d>[^\s]*?)\s*(?<![a-np-z])thang(?![a-z])\s*(?P<m>[^\s]*?)"
    r"\s*(?<![a-np-z])nam(?![a-z])\s*(?P<y>\S*?)[\s.]*$"
)


def is_place_date(text: str) -> bool:
    f = " ".join(fold(text).split())
    m = _DATE_WORDS.match(f)
    if not m:
        return False
    pre = m.group("pre").strip(" ,")
    return 0 < len(pre) <= 45 and not re.search(r"\d", pre) and bool(re.match(r"\d{4}$|[._…]*$", m.group("y")))


def parse_place_date(text: str) -> tuple[str | None, str | None, str | None]:
    """"Lạng Sơn, ngày 15 tháng 3 năm 2023" -> ("Lạng Sơn", "2023-03-15", None).
    A blank or handwritten day gives date None and a warning, never a guess."""
    clean = " ".join(text.split())
    f = fold(clean)
    m = _DATE_WORDS.match(f)
    if not m:
        return None, None, WARN_DATE_UNREADABLE
    place = clean[: m.end("pre")].strip(" ,.")
    place = place or None
    d, mo, y = m.group("d"), m.group("m"), m.group("y")
    if not d.isdigit():
        return place, None, WARN_DAY_BLANK
    if not (mo.isdigit() and y.isdigit()):
        return place, None, WARN_DATE_UNREADABLE
    try:
        issued = date(int(y), int(mo), int(d))
    except ValueError:
        return place, None, WARN_DATE_UNREADABLE
    if not 1945 <= issued.year <= 2100:
        return place, None, WARN_DATE_UNREADABLE
    return place, issued.isoformat(), None


def _junk(text: str) -> bool:
    alnum = [c for c in text if c.isalnum()]
    return len(text) <= 25 and (len(alnum) < 3 or len(alnum) < 0.5 * len(text.replace(" ", "")))


def _ocr_stray(row: Row) -> bool:
    """A row OCR made of a seal, a logo or a signature mark: low confidence and hardly a Vietnamese
    word in it ("{ffItw")."""
    from ..read.quality import syllable_share

    conf = row.line.confidence if row.line is not None else None
    if conf is None or conf >= 50:
        return False
    return syllable_share(row.text) < 0.5


def _ends(text: str, chars: str) -> bool:
    t = text.rstrip()
    return bool(t) and t[-1] in chars


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
    return bool(re.search(r"\b" + cues.folded_alternation("telegram_recipient_suffix") + r"\s*:$", f)) and len(f) < 80


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


_ITEM_MARKS = re.compile(r"^[\s" + re.escape(BULLETS + "_~.·") + r"]+")  # a bullet, or a leader of dots or rules


def clean_item(text: str) -> str:
    """"- Như trên;" -> "Như trên"."""
    t = _ITEM_MARKS.sub("", " ".join(text.split()))
    t = re.sub(r"(?:\s*[;,.:]\s*)+$", "", t)
    # keep a closing "./." marker out too
    t = re.sub(r"\s*\./\.?$", "", t)
    return t.strip()


def _group_agencies(lines: list[str]) -> list[str]:
    groups: list[str] = []
    for text in lines:
        t = " ".join(text.split()).strip(" *_-|!`'\"")  # "| BỘ TƯ PHÁP": a scan's edge read as a bar
        if not t:
            continue
        if groups and cues.agency_head(t) is None:
            groups[-1] = groups[-1] + " " + t
        else:
            groups.append(t)
    return groups


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
        full = (row.x1 - row.x0) > 0.92 * width
        return not full and abs((row.x0 - self.left) - (self.right - row.x1)) < 0.12 * width


def _frame(rows: list[Row]) -> _Frame:
    xs = [r for r in rows if r.x0 is not None and r.x1 is not None]
    if not xs:
        return _Frame()
    lefts = sorted(r.x0 for r in xs)
    rights = sorted(r.x1 for r in xs)
    return _Frame(lefts[len(lefts) // 10], rights[-1 - len(rights) // 10])


# The subject (trích yếu) and a công văn's "V/v …" may run over several lines. A line continues the subject when
# its layout matches the line above (same alignment, the next line down; not the font size, which OCR guesses
# line by line and Decree 30 sets alike for subject and body) and the grammar allows it:
# the line above ends without a stop, and the line starts lower case, or the line above ends on a word or mark
# that cannot end a noun phrase ("và", "của", ","), or the layout alone says so (same centred block).
SUBJECT_MAX_LINES = 12  # a safety bound: no real subject is longer; a longer run is the body
SUBJECT_LEFT_TOLERANCE = 0.04  # of the page width: a left-aligned V/v block keeps its left edge
SUBJECT_CENTRE_TOLERANCE = 0.06  # of the page width: a centred subject keeps its centre
SUBJECT_LINE_GAP = 2.2  # line heights: a larger vertical gap ends the block
SUBJECT_WRAPPED = 0.6  # of a full body line (text without layout): a centred subject line this long was wrapped
SUBJECT_WRAPPED_LAYOUT = 0.85  # of the text block's width (with layout): a subject line this wide was wrapped
VV_WRAPPED = 0.35  # the same for a "V/v" line, which sits in the left column (under half the page)
# words a noun phrase cannot end on: the line after them continues it ("… thành" / "Đoàn Luật sư tỉnh …")
_JOINING_END = re.compile(r"(?:[,\-–&(]|(?<!\w)(?:và|của|về|với|các|những|cho|trên|tại|đối|giữa|theo|trong|từ|đến|"
                          r"thành|vào|do|để|nhằm|hoặc|hay|là|như|năm|tháng|quý|số|ngày|việc|Luật|Nghị định|"
                          r"Quyết định|Kế hoạch|Công văn))\s*$", re.IGNORECASE)


# the issuing authority under a Quyết định's or Thông tư's subject, in capitals like an all-caps subject
# ("ỦY BAN NHÂN DÂN TỈNH KON TUM", "BỘ TRƯỞNG BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG"): it ends the subject
_AUTHORITY_LINE = ("chu tich", "pho chu tich", "bo truong", "thu tuong", "giam doc", "tong giam doc", "truong ban",
                   "chanh an", "vien truong", "tong cuc truong", "cuc truong", "ban thuong vu", "ban chap hanh",
                   "uy ban nhan dan", "hoi dong nhan dan", "chinh phu", "uy ban thuong vu", "quoc hoi")


def _authority_line(text: str) -> bool:
    f = " ".join(fold(text).split())
    return any(f == a or f.startswith(a + " ") for a in _AUTHORITY_LINE)


HEADER_LOOKAHEAD = 6  # rows: how far a leftover row may sit above the other column's motto or place and date


def _header_rows_follow(rows: list[Row], i: int) -> bool:
    """Do the motto, the place and date or "Kính gửi" follow within a few rows (the right column read after
    the left one)?"""
    for row in rows[i + 1:i + 1 + HEADER_LOOKAHEAD]:
        t = row.text.strip()
        if cues.is_motto(t) or cues.is_slogan(t) or cues.is_party_motto(t) or is_place_date(t):
            return True
    return False


def _same_block(prev: Row, row: Row, centred: bool) -> bool | None:
    """Layout: does row sit in prev's block? None when the rows carry no layout."""
    if prev.x0 is None or row.x0 is None or prev.x1 is None or row.x1 is None:
        return None
    if prev.page != row.page:
        return False
    width = row.page_width or max(prev.x1, row.x1)
    if prev.top is not None and row.top is not None:
        height = prev.font_size or 12.0
        if row.top - prev.top > SUBJECT_LINE_GAP * height * 1.2 or row.top <= prev.top:
            return False
    if centred:
        return abs((prev.x0 + prev.x1) / 2 - (row.x0 + row.x1) / 2) <= SUBJECT_CENTRE_TOLERANCE * width
    return abs(prev.x0 - row.x0) <= SUBJECT_LEFT_TOLERANCE * width or row.x0 > prev.x0


_FIELD_LABEL = re.compile(r"^\s*\w+(?:\s+\w+){0,2}\s*:")  # "Địa điểm: …", "Kính gửi: …": a field, not the subject


def _continues_subject(prev: Row, row: Row, centred: bool, width: float) -> bool:
    """Grammar and layout together (see above)."""
    t = row.text.strip()
    p = prev.text.rstrip()
    if not t or _ends(p, ".:!?") or _FIELD_LABEL.match(t):
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


def parse_header(rows: list[Row], width: float) -> HeaderResult:
    """Parse the header from the top rows. ``width`` is a full body line in characters."""
    frame = _frame(rows)
    agency_lines: list[str] = []
    number = place = issued = None
    doc_type = None
    type_rest = ""
    subject: list[str] = []
    subject_rows: list[int] = []  # indices of the rows the subject and the V/v lines came from
    vv: list[str] = []
    vv_rows: list[int] = []
    recipients: list[str] = []
    warnings: list[str] = []
    used: list[int] = []
    state = "top"
    number_seen = False
    subject_upper = False
    body_start = len(rows)
    limit = min(len(rows), 60)
    i = 0
    while i < limit:
        row = rows[i]
        t = row.text.strip()
        if cues.is_separator(t):
            used.append(i)
            if state in ("subject", "vv") and (subject or vv):
                state = "after"
            i += 1
            continue
        if _junk(t) or (state == "top" and _ocr_stray(row)):
            used.append(i)  # OCR specks in the header zone ("z)", "$"), a seal or logo read as letters ("{ffItw")
            i += 1
            continue
        if state in ("top", "vv", "after", "recipients") and (cues.is_motto(t) or cues.is_slogan(t) or cues.is_party_motto(t)):
            used.append(i)
            state = "top" if state == "vv" else state
            i += 1
            continue
        if state in ("top", "vv", "after") and number is None and not any(w in warnings for w in (WARN_NUMBER_BLANK, WARN_NUMBER_UNREADABLE)) and is_number_line(t):
            number, warning = parse_number(t)
            number_seen = True
            if warning:
                warnings.append(warning)
            used.append(i)
            state = "top" if state == "vv" else state
            i += 1
            continue
        if state in ("top", "vv", "after", "recipients") and place is None and is_place_date(t):
            place, issued, warning = parse_place_date(t)
            if warning:
                warnings.append(warning)
            used.append(i)
            state = "top" if state == "vv" else state
            i += 1
            continue
        if state in ("top", "vv") and doc_type is None and row.column != "left":
            found = cues.doc_type_from_title(t)
            if found is not None:
                doc_type, type_rest = found
                used.append(i)
                state = "subject"
                i += 1
                continue
        vv_cue = cues.starts_with_any(t, "subject_labels")
        if state in ("top", "after") and vv_cue and not subject and not vv:
            rest = t[len(vv_cue):].lstrip(" :.")
            vv.append(rest)
            vv_rows.append(i)
            used.append(i)
            state = "vv"
            i += 1
            continue
        rest = is_recipient_label(t)
        if rest is not None and state in ("top", "subject", "vv", "after"):
            rest = rest.lstrip(" :")
            recipients.extend(_split_recipients(rest) if rest else [])
            used.append(i)
            state = "recipients"
            i += 1
            continue
        if state in ("subject", "after", "top") and _telegram_recipients(t) and (doc_type or number):
            used.append(i)
            state = "recipients"
            i += 1
            continue

        if state == "top":
            if number_seen and row.column == "left" and cues.is_upper(t) and i < 16:
                # under the "Số:" line no agency is printed: a received stamp ("ĐẾN", "CỔNG THÔNG TIN
                # ĐIỆN TỬ CHÍNH PHỦ") or a copy stamp stands there
                used.append(i)
                i += 1
                continue
            if cues.is_upper(t) and len(t) <= 70 and not HEADING.match(t) and row.column != "right" and not cues.authority_prefix(t):
                agency_lines.append(t)
                used.append(i)
                i += 1
                continue
            if row.column == "left" and not vv and not subject and doc_type is None and i < 12 and not is_opener(t):
                vv.append(t)  # a left-column line under the number: a công văn subject whose "V/v" OCR lost
                vv_rows.append(i)
                used.append(i)
                state = "vv"
                i += 1
                continue
            if row.column == "right" and i < 12 and (cues.is_upper(t) or row.label == "furniture"):
                used.append(i)  # right-column furniture in the header zone
                i += 1
                continue
            body_start = i
            break
        if state == "subject":
            first = not subject
            if first:
                subject_upper = cues.is_upper(t)
            if first and not HEADING.match(t) and is_recipient_label(t) is None:
                subject.append(t)
                subject_rows.append(i)
                used.append(i)
                i += 1
                continue
            prev = subject[-1] if subject else ""
            # a long subject line is as wide as a body line: the grammar (a lower-case start, a joining word
            # above) or the capitals of an all-caps subject carry it where the centring test cannot
            carried = (t[:1].islower() or t[:1].isdigit() or bool(_JOINING_END.search(prev))
                       or (subject_upper and cues.is_upper(t))
                       or (subject and frame.wrapped(rows[subject_rows[-1]]) and not _FIELD_LABEL.match(t)))
            ends = (
                HEADING.match(t)
                or BULLET.match(t)
                or (is_opener(t) and not (subject_upper and cues.is_upper(t)))  # "TRONG THỰC HIỆN …" goes on
                or (cues.is_upper(t) and not subject_upper)
                or (subject_upper and not cues.is_upper(t))
                or (subject_upper and _authority_line(t) and not _JOINING_END.search(prev))
                or _ends(prev, ".:")
                or len(subject) >= SUBJECT_MAX_LINES
                or (not frame.centred(row) and not carried)
                or (row.x0 is None and t[:1].isupper() and len(t) >= 0.92 * width)
                or (not subject_upper and not _continues_subject(rows[subject_rows[-1]], row, True, width))
            )
            if ends:
                state = "after"
                continue
            subject.append(t)
            subject_rows.append(i)
            used.append(i)
            i += 1
            continue
        if state == "vv":
            prev = vv[-1] if vv else ""
            ends = (
                HEADING.match(t)
                or BULLET.match(t)
                or is_opener(t)
                or cues.is_upper(t)
                or _ends(prev, ".:")
                or len(vv) >= SUBJECT_MAX_LINES
                or row.column == "right"
                or (row.x0 is not None and row.page_width and row.x0 > 0.45 * row.page_width)
                or (row.x0 is None and len(t) >= 0.75 * width)
                or (vv_rows and not _continues_subject(rows[vv_rows[-1]], row, False, width))
            )
            if ends:
                state = "after"
                continue
            vv.append(t)
            vv_rows.append(i)
            used.append(i)
            i += 1
            continue
        if state == "recipients":
            prev = recipients[-1] if recipients else None
            if BULLET.match(t) and not is_opener(strip_bullet(t)):
                recipients.append(t)
                used.append(i)
                i += 1
                continue
            if prev is None and not is_opener(t) and not HEADING.match(t) and len(t) < 0.9 * width:
                recipients.append(t)  # "Kính gửi:" alone, the addressee on the next line
                used.append(i)
                i += 1
                continue
            if prev is not None and not _ends(prev, ";.") and not is_opener(t) and not HEADING.match(t):
                recipients[-1] = prev + " " + t
                used.append(i)
                i += 1
                continue
            body_start = i
            break
        # after the subject: the body starts, unless this is a short left-column leftover (a stamp, a mark by
        # hand under the V/v) and the other column's header rows still follow (layout order: column by column)
        if state == "after" and row.column == "left" and len(t) < 0.5 * width and _header_rows_follow(rows, i):
            used.append(i)
            i += 1
            continue
        body_start = i
        break
    else:
        body_start = limit if limit < len(rows) else len(rows)
        if state == "top" and not (doc_type or number or subject or vv or recipients):
            body_start = len(agency_lines)

    items = []
    for r in recipients:
        items.extend(_split_recipients(r) if not BULLET.match(r) else [clean_item(r)])
    groups = _group_agencies(agency_lines)
    agency = groups[-1] if groups else None
    parent = groups[-2] if len(groups) >= 2 else None

    type_name = doc_type.name if doc_type else None
    subj_lines = ([type_rest] if type_rest else []) + subject
    subj = " ".join(" ".join(subj_lines).split()) or None
    if vv and not subj:
        subj = " ".join(" ".join(vv).split()) or None
        if type_name is None:
            type_name = "Công văn"
    if type_name is None and number:
        inferred = cues.doc_type_from_symbol(number)
        type_name = inferred.name if inferred else None
    if subj:
        subj = subj.strip(" :")
    header = Header(
        agency=agency,
        parent_agency=parent,
        number=number,
        doc_type=type_name,
        place=place,
        date=issued,
        subject=subj,
        recipients=tuple(items),
    )
    return HeaderResult(header, warnings, body_start, used)
