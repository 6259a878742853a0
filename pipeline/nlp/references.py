"""References to other documents.

    "Công văn số 715/BCĐ-CAT ngày 06/3/2023 của Ban chỉ đạo 138 tỉnh về việc báo cáo …"
    -> RefSpan(type "Công văn", number "715/BCĐ-CAT", date "2023-03-06",
               issuer "Ban Chỉ đạo 138 tỉnh", subject "báo cáo …", issuer_code "BCĐ", unit_code "CAT")

Forms: a type name (``pipeline/vocab/doc_types.tsv``) then ``số``/a document number (pipeline.grammar.symbols); a bare number
with a type code ("932/QĐ-TTg") or after "số"; lists sharing one head ("các Công văn số
20/STTTT-TTBCXB, 58/STTTT-TTBCXB"); laws by title ("Luật Phòng, chống mua bán người năm 2024");
named documents with a quoted title (Đề án “…”); short forms ("Công văn nêu trên", "Kế hoạch số 45")
resolved against the full references of the same document when exactly one fits (else resolved=False).

A date is attached only when "ngày …" follows the number; the issuer comes from "của …" (canonical
agency name) or, when the text names none, from a symbol code that names one body for certain (CP,
TTg, QH15 …). The subject is "về việc …"/"V/v …" or the description that trails the number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..text import VIETNAMESE_LETTERS, fold, longest_first
from .agencies import canonical_agency, find_agencies
from ..grammar.dates import find_dates, respaced_date
from ..grammar.headings import BULLETS
from .. import vocab
from .gazetteer import law_number, roles, type_by_code, type_for_code, type_names
from ..grammar.cuewords import label_pattern_of, words
from ..grammar.spans import TakenSpans
from .titles import LAW_HEADS, congress_resolution_at, law_at, treaty_at, treaty_heads
from ..grammar.symbols import Symbol, find_symbols, issuer_name, local_issuer_name


@dataclass(frozen=True)
class RefSpan:
    text: str
    span: tuple[int, int]
    type: str | None = None
    number: str | None = None
    title: str | None = None
    date: str | None = None
    issuer: str | None = None
    subject: str | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    unit_code: str | None = None
    resolved: bool = True
    short: bool = False  # a short form, to resolve against the document's full references
    registry_number: str | None = None  # a law cited by title: its number from nlp_laws.tsv (number stays None)


def _type_alternation() -> str:
    names = longest_first(type_names().values())
    codes = longest_first((c for c in type_by_code() if len(c) >= 2))
    return "|".join(re.escape(n) for n in names) + "|" + "|".join(re.escape(c) for c in codes)


@vocab.cached
def _type_re() -> re.Pattern:
    return re.compile(r"(?<![\w])(?P<type>" + _type_alternation() + r")(?![\w])", re.IGNORECASE)


def _canonical_type(word: str) -> str | None:
    if word in type_by_code():
        return type_by_code()[word]
    return type_names().get(fold(word))


_UP = "A-Z" + VIETNAMESE_LETTERS.upper()
_LOW = "a-z" + VIETNAMESE_LETTERS
# "số" as printed or as OCR reads it ("sô", "só": "Văn bản sô 6582/VPCP-KSTT", "Luật sô 57/2024/QH15"), only before a
# number; OCR's stray dot before the digits ("Tờ trình số .92/TTr-UBND")
_NUMBER_WORD = r"(?<!\w)[Ss][ốôóỐÔÓ](?![^\W\d])"  # not "sơ", "sở", "sổ" ("hồ sơ 12/UBND", "Sở 12/UBND")
_NUMBER_LEAD = re.compile(r"\s*(?:" + _NUMBER_WORD + r"|No\.?)?\s*[:.]?\s*", re.IGNORECASE)
_LIST_SEP = re.compile(r"\s*(?:,|;|và)\s*(?:" + _NUMBER_WORD + r"\s*)?", re.IGNORECASE)
_TITLE_NUMBER_LEAD = re.compile(r"\s*,?\s*" + _NUMBER_WORD + r"\s*[:.]?\s*", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(_NUMBER_WORD + r"\s*[:.]?\s*$", re.IGNORECASE)
_DATE_LEAD = re.compile(r"\s*,?\s*ngày\s+", re.IGNORECASE)
_OF = re.compile(r"\s*,?\s*của\s+", re.IGNORECASE)
_ABOUT = re.compile(r"\s*,?\s*(?:về\s+việc|V/v|về)\s+", re.IGNORECASE)
_SUBJECT_END = re.compile(r"\n|,\s*(?=căn cứ|theo|đồng thời|trong đó|gửi)|\s+(?=Kính gửi)|;\s*(?=[" + _UP + r"\d])|;\s*$|\.(?:\s|$)|,\s*(?=(?:và\s+)?[" + _UP + r"])|\(|”\s*(?=[;.,])|$")
_QUOTED = re.compile(r"\s*[“\"«](?P<title>[^”\"»\n]{3,300})[”\"»]")
_TITLE_HEAD = vocab.Pattern(lambda: r"(?<![\w])(?P<head>" + "|".join(longest_first(LAW_HEADS + treaty_heads())) + r")(?=\s)")
# "Ngày 31/7/2025, Sở Tư pháp đã có Công văn số …": the date (and issuer) the clause gives before the reference
_CLAUSE_BEFORE = re.compile(
    r"(?:^|[.;:\n]\s*|^\s*[" + re.escape(BULLETS) + r"]\s*)Ngày\s+(?P<date>[\d/.\-]{6,10}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})\s*,\s*"
    r"(?P<who>[^,;.\n]{0,120}?)\s*(?:đã\s+|cũng\s+|đồng thời\s+)?(?:ban\s+hành|có|gửi|ký|phát\s+hành|triển\s+khai)"
    r"\s+(?:các\s+)?$", re.IGNORECASE)
_LAW_NOT_AFTER = re.compile(r"(?:Đoàn|đoàn|Liên đoàn|sư|Hội)\s*$")
# a form's or annex table's code, not a document's number: "lập biên bản (theo Mẫu số 06/BBKP …)", "Mẫu số
# 01/BCĐBQH-MT và Mẫu số 05/BCĐBQH-MT" (nq-101 and nqlt-102 of corpus/eval/dev, whose annexes are those forms)
_FORM_BEFORE = vocab.Pattern(lambda: r"(?<!\w)" + label_pattern_of(words("form_heads")) + r"\s+(?:" + _NUMBER_WORD
                             + r"\s*)?[:.]?\s*$")
_SHORT_TAIL = re.compile(r"\s+(?:nêu trên|đã nêu|nói trên|trên)(?![\w])|\s+số\s+(?P<n>\d{1,5})(?![\w/\-])", re.IGNORECASE)


@vocab.cached
def _folded_roles() -> tuple[tuple[str, str], ...]:
    return tuple((r, fold(r)) for r in roles())


def _issuer_after(text: str, pos: int) -> tuple[str | None, int]:
    """ "của Ban chỉ đạo 138 tỉnh" at pos: the canonical issuer and where it ends."""
    m = _OF.match(text, pos)
    if not m:
        return None, pos
    rest = text[m.end():m.end() + 200]
    folded = fold(rest)
    for role, folded_role in _folded_roles():  # "của Thủ tướng Chính phủ", "của Chủ tịch UBND tỉnh"
        if folded.startswith(folded_role) and not folded[len(folded_role):len(folded_role) + 1].isalnum():
            # the body the position belongs to: right after it ("Bộ trưởng Bộ Tư pháp") or starting inside it, when
            # the position ends with the body's head ("Trưởng Ban" + "Ban Chỉ đạo 138 tỉnh", QĐ 04/QĐ-BCĐ Quảng
            # Ngãi; "Chủ tịch Ủy ban nhân dân" + "Ủy ban nhân dân tỉnh Bến Tre", TB 666 STTTT Bến Tre)
            end = len(role)
            # a position ending with a head written in lower case, as positions are: "Trưởng phòng Tư pháp" (QĐ
            # 1322 and 01/2021 of huyện An Phú), its body "Phòng Tư pháp"
            body = next((a for a in find_agencies(rest) if 0 < a.span[0] <= end + 1), None)
            last = role.rsplit(" ", 1)[-1]
            if (body is None or body.span[1] <= end) and last.islower():
                at = end - len(last)
                capital = rest[:at] + last[:1].upper() + last[1:] + rest[end:]
                body = next((a for a in find_agencies(capital) if a.span[0] == at), None)
            if body is not None and body.span[1] > end:
                end = body.span[1]
                return " ".join(canonical_agency(rest[:end]).split()), m.end() + end
            return role, m.end() + end
    agencies = find_agencies(rest)
    if agencies and agencies[0].span[0] == 0:
        return agencies[0].name, m.end() + agencies[0].span[1]
    return None, pos


def _date_after(text: str, pos: int) -> tuple[str | None, int]:
    m = _DATE_LEAD.match(text, pos)
    if not m:
        return None, pos
    at = m.start() + m.group().lower().index("ngày")  # the date grammar reads "ngày 13 tháng 11 năm 2008" whole
    window = text[at:at + 48]
    for d in find_dates(window):
        if at + d.span[0] <= m.end() and d.kind == "day":
            return d.start, at + d.span[1]
        break
    fixed, where = respaced_date(window)
    if fixed != window:
        for d in find_dates(fixed):
            if d.span[0] <= m.end() - at and d.kind == "day":
                return d.start, at + where[d.span[1] - 1] + 1
            break
    return None, pos


def _subject_after(text: str, pos: int, explicit_only: bool = False) -> str | None:
    m = _ABOUT.match(text, pos)
    if m:
        start = m.end()
    elif explicit_only:
        return None
    else:
        m = re.match(r"\s+(?=[" + _LOW + "])", text[pos:])  # a trailing description in lower case
        if not m or text[pos + m.end():].split(" ", 1)[0] in _NOT_DESCRIPTION:
            return None
        start = pos + m.end()
    end = _SUBJECT_END.search(text, start)
    subject = text[start:end.start() if end else len(text)].strip(" ,;:")
    subject = " ".join(subject.split()[:60])
    return subject or None


_NOT_DESCRIPTION = frozenset("đã đang sẽ có là và thì được để cho của với theo trên tại gửi nêu này đó".split())


def _clause_before(text: str, start: int) -> tuple[str | None, str | None]:
    """(date, issuer) of "Ngày 31/7/2025, Sở Tư pháp đã có " just before a reference at start."""
    window = text[max(0, start - 180):start]
    m = _CLAUSE_BEFORE.search(window)
    if not m:
        return None, None
    phrase = "ngày " + m["date"]
    dates = [d for d in find_dates(phrase) if d.kind == "day" and d.span[1] == len(phrase)]
    if not dates:
        return None, None
    who = m["who"].strip()
    agencies = find_agencies(who) if who else []
    issuer = agencies[0].name if agencies and agencies[0].span[0] == 0 and agencies[0].span[1] >= len(who) - 1 else None
    return dates[0].start, issuer


# the body that proposed what the document decides, named before the document it proposed it in: "Theo đề nghị
# của Trưởng phòng Giáo dục và Đào tạo tại Tờ trình số 123/TTr-PGDĐT" (QĐ 01/2021 huyện An Phú), "Xét đề nghị của
# Giám đốc Sở Quy hoạch - Kiến trúc Hà Nội tại Tờ trình số 2389 /TTr-QHKT-NSH-HTKT" (QĐ 2858 UBND Hà Nội), "Xét đề
# nghị của Phòng Tài nguyên và Môi trường tại Tờ trình số 13/TTr-PTNMT" (TB 04 huyện An Phú)
_PROPOSED_BY = re.compile(r"(?:đề\s+nghị|ý\s+kiến)(?P<of>\s+của\s+[^;.:]{3,160}?)\s+tại\s+(?:các\s+)?$", re.IGNORECASE)


def _proposer_before(text: str, start: int) -> str | None:
    """The issuer of "đề nghị của X tại " just before a reference at start, when X is all one issuer."""
    m = _PROPOSED_BY.search(text[max(0, start - 200):start])
    if not m or "\n\n" in m["of"]:
        return None
    issuer, end = _issuer_after(m["of"], 0)
    return issuer if issuer is not None and end >= len(m["of"].rstrip()) else None


# the date printed after the issuer, with no comma between ("Kế hoạch số 199/KH-BGDĐT của Bộ Giáo dục và Đào tạo
# (GDĐT) ngày 05 tháng 02 năm 2026", kh-362 SGDĐT Đồng Tháp; "số 556/2007/TT-TTCP của Thanh tra Chính phủ ngày 26
# tháng 3 năm 2007", TT 2442/2007/TT-TTCP), the issuer's short name in brackets between
_ABBREVIATION = re.compile(r"\s*\([^()\n]{1,20}\)(?=\s+ngày\s)")
# a law's date given as the day the National Assembly passed it ("Luật sửa đổi, bổ sung … được Quốc hội thông qua
# ngày 22 tháng 11 năm 2019", QĐ 07/2022/QĐ-UBND and TTr 169 of UBND huyện An Phú)
_PASSED = re.compile(r"\s+(?:đã\s+)?được\s+Quốc\s+hội\s+(?:kh(?:óa|oá)\s+[IVXLC\d]+\s+)?thông\s+qua(?=\s+ngày\s)", re.IGNORECASE)


_DATE_AFTER = re.compile(r"[ \t\n]+ngày\s")


def _date_after_issuer(text: str, pos: int) -> tuple[str | None, int]:
    m = _ABBREVIATION.match(text, pos)
    at = m.end() if m else pos
    if not _DATE_AFTER.match(text, at):
        return None, pos
    return _date_after(text, at)


def _from_symbol(sym: Symbol, head_type: str | None, text: str, start: int, province: str | None = None,
                 before: bool = False) -> RefSpan:
    date, end = _date_after(text, sym.span[1])
    issuer, end2 = _issuer_after(text, end)
    if date is None and issuer is not None:
        date, end2 = _date_after_issuer(text, end2)
    end = max(end, end2)
    if before and (date is None or issuer is None):
        date_before, issuer_before = _clause_before(text, start)
        date = date or date_before
        issuer = issuer or issuer_before
    if before and issuer is None:
        issuer = _proposer_before(text, start)
    if issuer is None:
        issuer = issuer_name(sym.issuer_code) or local_issuer_name(sym.issuer_code, province)
    subject = _subject_after(text, end)
    type_ = head_type or (type_for_code(sym.type_code, sym.form) if sym.type_code else None)
    return RefSpan(text[start:end], (start, end), type_, sym.number, None, date, issuer, subject,
                   sym.type_code, sym.issuer_code, sym.unit_code)


# "Nghị định số 136/2020/NĐ-CP … quy định chi tiết một số điều của Luật Phòng cháy và chữa cháy": a law named in
# the description of the document cited before it, in the same clause, is that document's subject, not a citation
_DESCRIBES = re.compile(r"(?:\d[\w/\-]*/[\w\-]+)[^;\n]*?(?:quy định chi tiết|hướng dẫn|thi hành|sửa đổi|bổ sung|"
                        r"thay thế|bãi bỏ|đính chính)[^;\n]*$", re.IGNORECASE)


def _in_description(text: str, start: int) -> bool:
    clause = re.split(r";|\n|\.\s|Căn cứ", text[max(0, start - 240):start])[-1]
    return bool(_DESCRIBES.search(clause))


def _titled(text: str, m: re.Match, by_start: dict, used: set) -> RefSpan | None:
    """A law, code, ordinance, the Constitution or a treaty cited by its title, with what follows its name:
    "năm 2019", "số 22/2008/QH12", "ngày 13 tháng 11 năm 2008", "của Quốc hội"."""
    head = m["head"]
    found = treaty_at(text, m.start(), head) if head in treaty_heads() else law_at(text, m.start(), head)
    if found is None:
        return None
    end = found.end
    number = sym = None
    lead = _TITLE_NUMBER_LEAD.match(text[end:])
    if lead is None and found.title.endswith(" số"):  # "Luật Dân số 113/2025/QH15": the title's "số" is its label too
        lead = re.match(r"[ \t]+(?=\d)", text[end:])
    if lead:
        sym = by_start.get(end + lead.end())
        if sym is not None and sym.span[0] not in used and sym.form == "legal":
            number, end = sym.number, sym.span[1]
            used.add(sym.span[0])
        else:
            sym = None
    date, end = _date_after(text, end)
    if date is None and sym is None:  # "Luật viên chức 6/12/2019": a date written without "ngày"
        bare = re.match(r"[ \t]+(\d{1,2}/\d{1,2}/(?:19|20)\d\d)(?![\d/])", text[end:])
        if bare:
            dates = find_dates(bare.group(1))
            if dates and dates[0].kind == "day" and dates[0].span == (0, len(bare.group(1))):
                date, end = dates[0].start, end + bare.end()
    issuer, end2 = _issuer_after(text, end)
    if date is None and issuer is not None:
        date, end2 = _date_after_issuer(text, end2)
    passed = _PASSED.match(text, max(end, end2)) if date is None else None
    if passed:
        date, end2 = _date_after(text, passed.end())
        issuer = issuer or "Quốc hội"
    end = max(end, end2)
    if issuer is None and sym is not None:
        issuer = issuer_name(sym.issuer_code)
    registry = None
    if number is None and found.type in ("Luật", "Bộ luật", "Pháp lệnh"):
        year = found.year or (int(date[:4]) if date else None)
        registry = law_number(found.title, year)
    return RefSpan(text[m.start():end], (m.start(), end), found.type, number, found.title, date, issuer, None,
                   sym.type_code if sym else None, sym.issuer_code if sym else None, sym.unit_code if sym else None,
                   registry_number=registry)


def find_references(text: str, province: str | None = None) -> list[RefSpan]:
    """References in one passage, in reading order; short forms are left unresolved (short=True).
    ``province`` ("tỉnh Lạng Sơn"): the citing document's, for issuers a local code names ("STTTT")."""
    symbols = find_symbols(text)
    by_start = {s.span[0]: s for s in symbols}
    used: set[int] = set()
    out: list[RefSpan] = []
    taken = TakenSpans()  # the spans of out (scanning out for each match was quadratic)
    synced = [0]  # how many of out are in taken

    def overlaps(span):
        for r in out[synced[0]:]:
            taken.add(*r.span)
        synced[0] = len(out)
        return taken.overlaps(*span)

    # laws, codes, ordinances, the Constitution and treaties by title, first: a name may hold a type word
    # ("Luật Ban hành văn bản số 87/2025/QH15" is not a "văn bản số …")
    for m in _TITLE_HEAD.finditer(text):
        if overlaps(m.span()) or _LAW_NOT_AFTER.search(text[max(0, m.start() - 64):m.start()]):
            continue
        ref = _titled(text, m, by_start, used)
        if ref is not None and not overlaps(ref.span) and not (ref.number is None and _in_description(text, m.start())):
            out.append(ref)

    for m in _type_re().finditer(text):
        word = m["type"]
        if word[0].islower() and word.upper() == word.upper() and word in type_by_code():
            continue
        type_ = _canonical_type(word) if word in type_by_code() else type_names().get(fold(word))
        if type_ is None or overlaps(m.span()):
            continue
        lead = _NUMBER_LEAD.match(text, m.end())
        sym = by_start.get(lead.end()) if lead else None
        if sym is not None and sym.span[0] not in used:
            ref = _from_symbol(sym, type_, text, m.start(), province, before=True)
            out.append(ref)
            used.add(sym.span[0])
            # a list sharing the head: "các Công văn số 20/STTTT-TTBCXB, 58/STTTT-TTBCXB"
            pos = ref.span[1]
            while True:
                sep = _LIST_SEP.match(text, pos)
                nxt = by_start.get(sep.end()) if sep else None
                if nxt is None or nxt.span[0] in used:
                    break
                item = _from_symbol(nxt, type_, text, nxt.span[0], province)
                out.append(item)
                used.add(nxt.span[0])
                pos = item.span[1]
            continue
        if word[:1].isupper() or True:
            quoted = _QUOTED.match(text, m.end())
            if quoted and word[:1].isupper() and type_ not in ("Công văn", "Văn bản"):
                end = quoted.end()
                out.append(RefSpan(text[m.start():end], (m.start(), end), type_, None,
                                   " ".join(quoted["title"].split())))
                continue
        if type_ == "Nghị quyết" and word[:1].isupper():  # "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XX"
            congress = congress_resolution_at(text, m.end() + 1) if text[m.end():m.end() + 1] == " " else None
            if congress is not None:
                title, end = congress
                out.append(RefSpan(text[m.start():end], (m.start(), end), type_, None, f"Nghị quyết {title}"))
                continue
        short = _SHORT_TAIL.match(text, m.end())
        if short and word[:1].isupper() and type_ not in ("Văn bản",):
            end = short.end()
            out.append(RefSpan(text[m.start():end], (m.start(), end), type_, short["n"], resolved=False, short=True))

    # bare numbers: with a type code, or after "số"
    for sym in symbols:
        if sym.span[0] in used or overlaps(sym.span):
            continue
        before = text[max(0, sym.span[0] - 8):sym.span[0]]
        if sym.type_code or sym.form != "administrative" or _NUMBER_BEFORE.search(before):
            if re.search(r"Số\s*:\s*$", before):  # the document's own number in a header
                continue
            if _FORM_BEFORE.search(text[max(0, sym.span[0] - 24):sym.span[0]]):
                continue
            out.append(_from_symbol(sym, None, text, sym.span[0], province))
    return sorted(out, key=lambda r: r.span)


def _numbered_by_title(r: RefSpan, full: list[RefSpan]) -> RefSpan:
    """A law cited by its title alone after it was cited by title and number ("Luật Bầu cử đại biểu Quốc hội và đại
    biểu Hội đồng nhân dân số 85/2015/QH13" … "theo quy định của Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng
    nhân dân", nq-101 and nqlt-102 of corpus/eval/dev) is that law: it takes the number, when only one fits. Only
    after: a law cited by title first ("Căn cứ Luật Phòng, chống ma túy ngày 30 tháng 3 năm 2021") and by its number
    later (nd-105-2021, tt-40-2021 of corpus/eval/dev) is cited twice, as those documents' answers count it."""
    if r.number or not r.title:
        return r
    fits = {f.number: f for f in full if f.number and f.title and f.type == r.type and fold(f.title) == fold(r.title)}
    if len(fits) != 1:
        return r
    f = next(iter(fits.values()))
    return replace(r, number=f.number, date=r.date or f.date, issuer=r.issuer or f.issuer, type_code=f.type_code,
                   issuer_code=f.issuer_code, unit_code=f.unit_code)


def resolve_short_forms(refs: list[RefSpan]) -> list[RefSpan]:
    """Fill short forms from the one full reference of the same type (and number) in the document; a law cited by
    its title alone takes the number the document gave it with the same title."""
    full = [r for r in refs if not r.short]
    out = []
    for i, r in enumerate(refs):
        if not r.short:
            out.append(_numbered_by_title(r, [f for f in refs[:i] if not f.short]))
            continue
        fits = [f for f in full if f.type == r.type and f.number
                and (r.number is None or re.match(rf"{re.escape(r.number)}(?:[/\-]|$)", f.number))]
        numbers = {f.number for f in fits}
        if len(numbers) == 1:
            f = fits[0]
            out.append(replace(r, number=f.number, date=f.date, issuer=f.issuer, subject=f.subject, title=f.title,
                               type_code=f.type_code, issuer_code=f.issuer_code, unit_code=f.unit_code,
                               resolved=True))
        else:
            out.append(replace(r, number=None if r.number is None else r.number, resolved=False))
    return out
