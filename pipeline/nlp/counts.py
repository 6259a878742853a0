"""Counts: a number, its qualifier and its unit.

    "trên 30 tin, bài"       -> value 30,   qualifier "trên",    unit "tin, bài"
    "100% phóng viên"        -> value 100,  unit "%"
    "ít nhất một lần/tháng"  -> value 1,    qualifier "ít nhất", unit "lần/tháng"
    "4.289 người"            -> value 4289, unit "người"        (dots group thousands, comma is decimal)
    "1,5 tỷ đồng"            -> value 1.5e9, unit "đồng"       (scale words nghìn/ngàn/triệu/tỷ multiply)
    "hàng trăm tin bài"      -> value 100,  qualifier "hàng trăm", unit "tin bài"
    "trên 280 buổi tuyên truyền" -> value 280, qualifier "trên", unit "buổi"
    "47 cơ quan, đơn vị"     -> value 47,   unit "cơ quan, đơn vị"

The unit is what is counted, so that the same unit groups across reports (``baocao counts --unit buổi``):
the longest unit of ``nlp_units.txt`` after the number, without the words that describe it ("buổi tuyên
truyền", "buổi sinh hoạt" -> "buổi"; "cuộc kiểm tra" -> "cuộc"; "đối tượng vi phạm" -> "đối tượng"). A
classifier keeps the person or thing it classifies when the list has the pair ("lượt người", "lượt khách",
"ngôi nhà"). Known units written together with commas are one unit ("tin, bài", "cơ quan, đơn vị"); a
number before the second makes two counts ("30 tin, 12 bài"). Money is in đồng. A unit not in the list is
a lower-case noun of at most two syllables.

Not counts: numbers in names, codes, dates, years, document numbers and section numbers
("Ban Chỉ đạo 138", "PV01", "năm 2030", "Công văn số 715", "Nghị định 30", "Điều 5"), times, phone
numbers. Numbers written in words count only before a known unit (``nlp_units.txt``), so "một số",
"một cách" are not counts.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from ..text import VIETNAMESE_LETTERS, fold, nfc, longest_first
from ..grammar.spans import TakenSpans


class CountSpan(NamedTuple):
    text: str
    span: tuple[int, int]
    value: float
    qualifier: str | None
    unit: str | None


_QUALIFIERS = longest_first(
    ["trên", "hơn", "gần", "khoảng", "ít nhất", "tối thiểu", "tối đa", "gần như", "tới", "đạt", "lên tới",
     "lên đến", "dưới", "chưa đến", "xấp xỉ", "trên dưới", "hàng trăm", "hàng nghìn", "hàng ngàn", "hàng chục",
     "hàng triệu", "gần như", "hầu hết"])
_UNITS_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7,
                "tám": 8, "chín": 9, "mười": 10, "mốt": 1}
_SCALES = {"mươi": 10, "trăm": 100, "nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000, "tỷ": 1_000_000_000,
           "tỉ": 1_000_000_000}
_L = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + "A-Za-z"
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_WORDNUM = r"(?:một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín|mười)" \
           r"(?:\s+(?:một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín|mười|mươi|mốt|lăm|tư|trăm|nghìn|ngàn|triệu|tỷ|linh|lẻ))*"
_NUMBER = re.compile(
    rf"(?<![\w/.,\-])(?:(?P<d>{_NUM})|(?P<w>{_WORDNUM}))(?![\w]|[.,/\-]\d)", re.IGNORECASE)
_SCALE_AFTER = re.compile(r"\s+(nghìn|ngàn|triệu|tỷ|tỉ)(?!\w)", re.IGNORECASE)
_PERCENT = re.compile(r"\s*%")
_RATE = re.compile(r"/(ngày|tuần|tháng|quý|năm|người|lượt|buổi)(?!\w)")
# what stands before a number that is a name, a section or a code, not a count
_NOT_BEFORE = re.compile(
    r"(?:\bsố|\bĐiều|\bđiều|\bkhoản|\bKhoản|\bđiểm|\bmục|\bMục|\bChương|\bPhụ lục|\bphụ lục|\bTầng|\btầng|\bNhà"
    r"|\bPhòng|\bthứ|\bThứ|\bQuý|\bquý|\bnăm|\bNăm|\bngày|\bNgày|\btháng|\bTháng|\bgiai đoạn|\bkhóa|\bKhóa|\bkhoá"
    r"|\blần thứ|(?<!cung )\bcấp|\bSố|\bsố:|\bHotline|\bhotline|\bĐT|\bđiện thoại|\bTổ|\bĐội|\bđội|\bQuyết định|\bNghị định"
    r"|\bNghị quyết|\bThông tư|\bChỉ thị|\bKế hoạch|\bCông văn|\bBáo cáo|\bThông báo|\bTờ trình|\bHướng dẫn"
    r"|\bChương trình|\bLuật)\s*:?\s*$")
_CAPITALISED_BEFORE = re.compile(rf"\b[{VIETNAMESE_LETTERS.upper()}A-Z][{_L}]*\s+$")


@lru_cache(maxsize=1)
def _units() -> list[str]:
    """Units, longest first; a line "!tổ chức" is a verb that begins like a unit, kept as "!tổ chức"."""
    text = resources.files("pipeline.data").joinpath("nlp_units.txt").read_text("utf-8")
    units = {nfc(x.strip()) for x in text.splitlines() if x.strip() and not x.startswith("#")}
    return sorted(units, key=lambda u: len(u.lstrip("!")), reverse=True)


def _digits_value(raw: str) -> float:
    return float(raw.replace(".", "").replace(",", "."))


def _words_value(raw: str) -> float | None:
    words = raw.lower().split()
    total, current = 0, 0
    for w in words:
        if w in ("linh", "lẻ"):
            continue
        if w in _UNITS_WORDS:
            current += _UNITS_WORDS[w]
        elif w == "mươi":
            current = (current or 1) * 10
        elif w == "trăm":
            current = (current or 1) * 100
        elif w in _SCALES:
            total += (current or 1) * _SCALES[w]
            current = 0
        else:
            return None
    return float(total + current)


# words that end a unit's noun phrase: function words and the verbs that follow a count
_UNIT_STOP = frozenset(
    "và của cho với trên tại trong để về từ đến theo như các những này đó gồm thuộc so bằng hoặc hay mà thì là "
    "được bị đã đang sẽ có không chưa cũng đều vẫn còn nhằm do vì nên khi sau trước qua ngoài tham phát báo tuyên "
    "tổ thực triển kèm đạt tăng giảm chiếm đăng cùng dự gửi với mỗi".split())
# localities and calendar words are what a number names, not what it counts ("138 tỉnh", "14 giờ ngày")
_NOT_UNITS = frozenset("tỉnh huyện quận xã phường ngày tháng năm giờ số cách".split())
_UNIT_WORD = re.compile(rf"[{VIETNAMESE_LETTERS}a-z]+")
_NEXT_UNIT_WORD = re.compile(rf"[ ]([{VIETNAMESE_LETTERS}a-z]+)(?![\w/])")


_BLANKS = re.compile(r"[ \t]+")
_SPACES = re.compile(r"[ \t]*")
_HALF_YEAR_AFTER = re.compile(r"\s+tháng\s+(?:đầu|cuối)\s+năm", re.IGNORECASE)
_TIME_AFTER = re.compile(r"\s*(?:,?\s*ngày|\d)")
_QUALIFIER_WINDOW = 64  # characters looked at before a number for "trên", "khoảng", … (the longest is 11)


def _known_unit_at(text: str, start: int) -> int:
    """End of the longest unit of ``nlp_units.txt`` at ``start`` (``start`` when there is none)."""
    folded = text[start:start + 40].lower()
    for unit in _units():
        words = unit.lstrip("!")
        if folded.startswith(words) and not re.match(rf"[{_L}\d]", folded[len(words):len(words) + 1] or " "):
            return start if unit.startswith("!") else start + len(words)
    return start


_PAIR = re.compile(r",[ ]")
_FREE_UNIT_WORDS = 2  # an unknown unit: a lower-case noun of at most two syllables ("bản tin", "hội thi")


def _unit_at(text: str, pos: int, known_only: bool = False) -> tuple[str | None, int]:
    """The unit after a number: the longest known unit ("lượt người", "buổi"), or known units joined by
    commas ("tin, bài", "cơ quan, đơn vị"); never what describes it after ("buổi tuyên truyền" -> "buổi",
    "đối tượng vi phạm" -> "đối tượng"). Without a known unit, a lower-case noun of up to two syllables
    that is not a function word or a verb."""
    m = _BLANKS.match(text, pos)  # matched in place: a slice of the rest of the text per number was quadratic
    if not m:
        return None, pos
    start = m.end()
    end = _known_unit_at(text, start)
    if end > start:
        for _ in range(3):  # "tin, bài, phóng sự": units listed together are one unit
            sep = _PAIR.match(text, end)
            nxt = _known_unit_at(text, sep.end()) if sep else end
            if not sep or nxt == sep.end():
                break
            end = nxt
        return text[start:end], end
    w = _UNIT_WORD.match(text, start)
    if known_only or not w or w.group() in _UNIT_STOP or w.group() in _NOT_UNITS:
        return None, pos
    end, n = w.end(), 1
    while n < _FREE_UNIT_WORDS:
        w = _NEXT_UNIT_WORD.match(text, end)
        if not w or w.group(1) in _UNIT_STOP or w.group(1) in _NOT_UNITS:
            break
        end, n = w.end(), n + 1
    return text[start:end], end


def find_counts(text: str, exclude: list[tuple[int, int]] = ()) -> list[CountSpan]:
    """Counts in text. ``exclude``: spans already taken by dates, references, agencies."""
    out: list[CountSpan] = []
    excluded = TakenSpans(exclude)
    for m in _NUMBER.finditer(text):
        start, end = m.span()
        if excluded.overlaps(start, end):
            continue
        before = text[max(0, start - 30):start]
        if _NOT_BEFORE.search(before):
            continue
        if m["d"]:
            raw = m["d"]
            if len(raw) > 7 and raw.isdigit():
                continue  # a phone number
            after = _SPACES.match(text, end).end()
            if re.fullmatch(r"(?:19|20)\d\d", raw) and _known_unit_at(text, after) == after:
                continue  # a year; "2060 hộ gia đình", "1940 thủ tục hành chính" are counts
            if re.search(r"(?:^|\n)\s*$", before) and re.match(r"[.)]\s", text[end:end + 2]):
                continue  # "1. Công tác …": a section number
            if _CAPITALISED_BEFORE.search(before) and not re.search(r"(?:^|[.;:]\s*)\S+\s+$", before):
                continue  # "Ban Chỉ đạo 138", "Cục C04": part of a name
            value = _digits_value(raw)
        else:
            raw = m["w"]
            value = _words_value(raw)
            if value is None:
                continue
        pos = end
        scale = _SCALE_AFTER.match(text, pos)
        if scale and m["d"]:
            value = float(round(value * _SCALES[scale.group(1).lower()]))  # whole đồng: 69,1 tỷ is not 69100000000.00001
            pos = scale.end()
        pct = _PERCENT.match(text, pos)
        if pct:
            unit, pos = "%", pct.end()
        else:
            unit, pos = _unit_at(text, pos, known_only=bool(m["w"]))
            if unit is not None:
                rate = _RATE.match(text, pos)
                if rate:
                    unit, pos = text[pos - len(unit):rate.end()], rate.end()
        if unit is None:
            continue  # a bare number: no unit, no count
        if _HALF_YEAR_AFTER.match(text, end):
            continue  # "6 tháng đầu năm": a period (pipeline.grammar.dates), not a count
        if re.fullmatch(r"giờ|phút", unit or "") and _TIME_AFTER.match(text, pos):
            continue  # a time of day
        qualifier = None
        q_start = start
        window = max(0, start - _QUALIFIER_WINDOW)  # not the whole text before: quadratic
        low = text[window:start].rstrip().lower()
        for q in _QUALIFIERS:
            at = window + len(low) - len(q)
            if low.endswith(q) and (at == 0 or not text[at - 1].isalnum()):
                qualifier = text[at:window + len(low)]
                q_start = at
                break
        if m["w"] and value == 1 and qualifier is None and "/" not in unit:
            continue  # "một xã hội", "một đơn vị": "một" is an article more often than a count
        out.append(CountSpan(text[q_start:pos], (q_start, pos), value, qualifier, unit))
    # "hàng trăm tin bài": the qualifier carries the number
    for m in re.finditer(r"(?<!\w)hàng\s+(chục|trăm|nghìn|ngàn|triệu)(?!\w)", text, re.IGNORECASE):
        if any(m.start() < c.span[1] and c.span[0] < m.end() for c in out):
            continue
        unit, pos = _unit_at(text, m.end())
        if unit is None:
            continue
        value = {"chục": 10, "trăm": 100, "nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000}[m.group(1).lower()]
        out.append(CountSpan(text[m.start():pos], (m.start(), pos), float(value), m.group(0), unit))
    return sorted(out, key=lambda c: c.span)
