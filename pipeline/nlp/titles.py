"""Where the name of a document cited by title ends: laws, codes, ordinances, the Constitution, treaties and
Party congress resolutions.

    "Căn cứ Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008;"  -> "Luật Cán bộ, công chức"
    "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày …"
    "Hiệp định Đối tác toàn diện và tiến bộ xuyên Thái Bình Dương (CPTPP)" -> "Hiệp định Đối tác … Thái Bình Dương"
    "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XX, nhiệm kỳ 2020 - 2025" -> that whole name

A name is a noun phrase: it runs, commas and "và" inside it included, to where the document's name ends:
its year ("năm 2019"), its number ("số 12/2017/QH14"; a "số" no number follows is the name's last word: "Luật Dân số",
"Luật Chuyển đổi số"), "ngày …", "của …", a closing quote or bracket, a stop
(";", ".", ":"), the next document ("…, Luật Đầu tư"), or the first word that cannot be part of a name (a
verb or clause word: "quy định", "hướng dẫn", "đã", "được", "và các …"). A known title (nlp_laws.tsv)
wins over the grammar, so "Luật cán bộ, công chức" written in lower case still ends right.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .. import vocab
from ..text import bounded_distance, fold, longest_first
from .gazetteer import Law, doc_types, folded_law_titles, law_title_words, laws

MAX_NAME_WORDS = 30  # a longer run is not a name (the longest law title has about 20 words)
# an amending law names the laws it amends: "Luật sửa đổi, bổ sung một số điều của Luật Chứng khoán, Luật Kế toán, …,
# Luật Xử lý vi phạm hành chính" (56/2024/QH15, nine laws, 44 words) is cited so by QĐ 2858/QĐ-UBND TP Hồ Chí
# Minh, the 2025 thông tư on enterprise accounting and the consolidated texts it amends
MAX_AMENDING_WORDS = 80
# the types cited by title: those of the laws of nlp_laws.tsv (Luật, Bộ luật, Pháp lệnh, Hiến pháp) and the treaties
# of pipeline/vocab/doc_types.tsv (Hiệp định, Công ước …)
LAW_HEADS = tuple(dict.fromkeys(law.type for law in laws()))


@vocab.cached
def treaty_heads() -> tuple[str, ...]:
    return tuple(t.name for t in doc_types() if t.family == "treaty")



# words that end a name: verbs, clause words and function words no title of a law contains
_STOP_WORDS = frozenset("""
số ngày của được đã đang sẽ thì là tại theo để nhằm cho trong từ đến với khi này đó nêu mà nhưng hoặc cũng
bị do vì sau trước gồm phải cần không chưa đều vẫn còn hiện nay thay thế áp dụng có về
""".split())
_TWO_WORD_STOPS = frozenset({"sửa đổi", "bổ sung", "hiện hành", "quy định", "hướng dẫn", "ban hành", "thông qua",
                             "có hiệu", "và các", "và những", "và một", "và văn"})
# "và" before another article or clause ("… Luật X và Điều 6 Nghị định …", "… và khoản 2 Điều 66 …") joins two
# references, not two words of a name
_ARTICLE_AFTER = re.compile(r"\s*(?:Điều|điều|khoản|Khoản|điểm|Điểm|Chương|chương|Mục|mục)\s+(?:\d|[IVXLC]+\b|[a-zđ]\))")
# the words after a known title that start a clause, not a longer name: "Bộ luật Lao động và đáp ứng …",
# "… Bộ luật Lao động sử dụng người …"
_FOLDED_TWO_WORD_STOPS = frozenset(fold(w) for w in _TWO_WORD_STOPS)
_FOLDED_AMENDING_STOPS = frozenset(fold(w) for w in ("quy định", "hướng dẫn", "ban hành", "thông qua", "có hiệu", "và các"))
_COORDINATION = frozenset({"và", "hoặc", "hay"})
_CLAUSE_STARTS = frozenset({"sử dụng"})
# lower-case words after "Luật" that do not start a name: "Luật sư" (a lawyer), "Luật này", "theo Luật định"
_NOT_A_NAME = frozenset("sư này gia định hiện pháp quy hướng ban thông sửa lệ mới cũ khác chung nào".split())
_TOKEN = re.compile(r"[\w/]+|[^\w\s]")
# what follows a name in a citation: its year, its number, its date, its issuer, the closing quote or bracket
_CITATION_AFTER = re.compile(r"\s*,?\s*(?:(?:năm\s+)?(?:19|20)\d\d(?![\d/])|số(?![\w])|ngày(?![\w])|của\s+Quốc\s+hội"
                             r"|[”\")»])")
# what follows a name where a clause ends or goes on to the next document: a stop, an opening bracket, the end of
# the line ("Căn cứ Luật Giáo dục quốc phòng và an ninh;"), the amended-by chain ("… đã được sửa đổi, bổ sung"),
# "và các văn bản hướng dẫn thi hành", "hiện hành", or a comma or "và" before the next document's type
_CLAUSE_END = re.compile(r"[ \t]*(?:[;.(]|\r?\n|$)|\s*,?\s*(?:(?:đã\s+)?được\s+sửa\s+đổi|sửa\s+đổi\s*,?\s+bổ\s+sung"
                         r"|và\s+các\s+văn\s+bản|hiện\s+hành)(?![\w])")
_NEXT_DOCUMENT = re.compile(r"\s*(?:,|và)\s+")
_YEAR = re.compile(r"(?:19|20)\d\d$")
_NUMERIC_DATE = re.compile(r"\d{1,2}/\d{1,2}/(?:19|20)\d\d$")
# a document type's name (pipeline/vocab/doc_types.tsv) starts another reference, so it ends a title
_OTHER_HEADS = vocab.Pattern(lambda: "(?:" + "|".join(re.escape(t) for t in longest_first({t.name for t in doc_types()}))
                             + r")(?![\w])")


class Title(NamedTuple):
    type: str
    title: str
    end: int  # where the name ends in the text
    year: int | None  # "năm 2019" after it (part of the name for the Constitution and treaties)


def _tokens(text: str, pos: int, limit: int = 500) -> list[tuple[int, int, str]]:
    return [(pos + m.start(), pos + m.end(), m.group()) for m in _TOKEN.finditer(text[pos:pos + limit])]


def _is_upper_word(tok: str) -> bool:
    return tok[:1].isupper()


_NUMBER_TOKEN = re.compile(r"[0-9OoIl]*[0-9]")  # a number's digits, OCR's O/I/l slips among them


def _number_follows(tokens, i: int) -> bool:
    """Does a document number follow tokens[i] ("số 12/2017/QH14", "số: 45/2013/QH13")?"""
    j = i + 1
    if j < len(tokens) and tokens[j][2] in (":", "."):
        j += 1
    return j < len(tokens) and _NUMBER_TOKEN.match(tokens[j][2]) is not None


def _so_is_a_title_word(tokens, i: int) -> bool:
    """Is the "số" at tokens[i] the last word of the name ("Luật Dân số", "Luật Chuyển đổi số", "Luật Công nghiệp
    công nghệ số": vbhn-18 of corpus/eval/dev, "Luật Dân số số 113/2025/QH15"), not the label of its number
    ("Luật Đất đai số 45/2013/QH13") nor a noun of the sentence ("số lượng", "số điều")? It is when no number
    follows it and what follows ends a name: the number's own "số", a stop or bracket, the end of the text, a
    citation's date or issuer ("ngày", "năm 2025", "của"), a clause word or "và" before the next document."""
    if _number_follows(tokens, i):
        return False
    if i + 1 >= len(tokens):
        return True
    nxt = tokens[i + 1][2]
    low = nxt.lower()
    if not (nxt[0].isalnum() or nxt[0] == "_"):
        return True
    if nxt[:1].isupper():
        return False
    after = tokens[i + 2][2].lower() if i + 2 < len(tokens) else ""
    return (low == "số" and _number_follows(tokens, i + 1) or low in _COORDINATION
            or low == "năm" and _YEAR.match(after) is not None or _YEAR.match(nxt) is not None
            or low in _STOP_WORDS and low != "số" or fold(f"{low} {after}") in _FOLDED_TWO_WORD_STOPS)


def _stops(tokens, i: int, amending: bool) -> bool:
    """Does the name end before tokens[i]?"""
    tok = tokens[i][2]
    low = tok.lower()
    nxt = tokens[i + 1][2].lower() if i + 1 < len(tokens) else ""
    if low == "số" and _so_is_a_title_word(tokens, i):
        return False
    if low == "năm" and _YEAR.match(nxt) or _YEAR.match(tok) or _NUMERIC_DATE.match(tok):
        return True
    if tok[:1].isupper():  # "Ban hành", "Thông tin": a capitalised word is part of a name, never a clause word
        return False
    # two words are compared folded, as OCR's tone slips read the same: "một số điễu" (QĐ UBND Hà Nội on drainage),
    # "một sô điệu" (QĐ 222/QĐ-TTg), "bồ sung" (NĐ 28/2021/NĐ-CP photo of corpus/real), scans and photos of corpus/eval/dev
    pair = fold(f"{low} {nxt}")
    if amending:  # "… của Luật X và Luật Y", "… của 15 luật trong lĩnh vực …": only a hard stop ends it
        return (low in ("số", "ngày", "được", "đã", "thì") and pair != "so dieu"
                or pair in _FOLDED_AMENDING_STOPS)
    if pair in _FOLDED_TWO_WORD_STOPS:
        return True
    if low in _STOP_WORDS or tok.isdigit():
        return True
    return False


def _name_end(text: str, pos: int, amending: bool = False) -> int | None:
    """End of the name that starts at pos (just after its head word), by the grammar above."""
    tokens = _tokens(text, pos)
    end = None
    words = 0
    i = 0
    while i < len(tokens):
        start, stop, tok = tokens[i]
        if not (tok[0].isalnum() or tok[0] == "_"):
            if tok != "," or i + 1 >= len(tokens):
                break
            nxt = tokens[i + 1][2]
            if amending and _OTHER_HEADS.match(text, tokens[i + 1][0]) and nxt in ("Luật", "Bộ", "Pháp"):
                i += 1  # "… của Luật Quy hoạch, Luật Đầu tư, …"
                continue
            if (_is_upper_word(nxt) and not amending) or not nxt[0].isalnum() or _stops(tokens, i + 1, amending):
                break
            i += 1
            continue
        if words and _stops(tokens, i, amending):
            break
        if tok.lower() == "và" and i + 1 < len(tokens):
            if _OTHER_HEADS.match(text, tokens[i + 1][0]) and not amending:
                break  # "Luật Đất đai và Nghị định …": the next document
            if _ARTICLE_AFTER.match(text, stop):
                break  # "Luật Phòng, chống tham nhũng và Điều 6 …": the next reference's article
        words += 1
        if words > (MAX_AMENDING_WORDS if amending else MAX_NAME_WORDS):
            return None
        end = stop
        i += 1
    if end is not None and text[pos:end].split()[-1].lower() in ("và", "của", "về", "các"):
        end = pos + text[pos:end].rstrip().rfind(" ")
    return end


def _known_law(text: str, start: int) -> tuple[str, int] | None:
    """The longest known title at start (any case, any tone placement, a line break for a space):
    (its canonical title, end)."""
    raw = fold(text[start:start + 200])
    squeezed, where = [], []  # the window with each run of whitespace as one space, and where each char was
    for i, ch in enumerate(raw):
        if ch.isspace():
            if squeezed and squeezed[-1] == " ":
                continue
            ch = " "
        squeezed.append(ch)
        where.append(i)
    window = "".join(squeezed)
    for folded, law in folded_law_titles():
        if window.startswith(folded) and not window[len(folded):len(folded) + 1].isalnum():
            return law.title, start + where[len(folded) - 1] + 1
    return _misread_law(raw, start)


SLIP_LETTERS = 10  # a known title read by OCR may have one slip (a letter wrong, lost or added) per this many letters
WORD_SLIPS = 1  # and one slip in a word at most ("Công nghiệp" is not "Công nghệ" misread)
JUNK_TOKENS = 2  # and this many stray marks among its words ("Chính ¡ phú", "Tô 6 chức", "văn .bản")
_FOLDED_TOKEN = re.compile(r"\w+|[^\w\s]")


def _junk(tok: str) -> bool:
    """A mark OCR leaves among a title's words: punctuation, or a token with no letter ("6")."""
    return not any(ch.isalpha() for ch in tok)


def _slips(title: list[str], read: list[str], budget: int) -> tuple[int, int] | None:
    """(slips, tokens of ``read`` used) when the folded tokens ``read`` spell the folded ``title`` tokens within
    ``budget`` letter slips, WORD_SLIPS a word, and JUNK_TOKENS stray marks (the title's own comma read, a comma
    it has not ends the match); None when they do not. Each word is matched with one word: a name is never
    read with a word more or less."""
    best: tuple[int, int] | None = None

    def walk(i: int, j: int, cost: int, junk: int) -> None:
        nonlocal best
        if i == len(title):
            if j and not _junk(read[j - 1]) and (best is None or cost < best[0]):
                best = (cost, j)
            return
        if title[i] in ",-":  # the title's comma (OCR's full stop for it) or hyphen: "Luật Phòng chống …" is no slip
            if j < len(read) and read[j] in (title[i], "."):
                walk(i + 1, j + 1, cost, junk)
            return
        if j >= len(read):
            return
        if _junk(read[j]):
            # a stray mark among the name's words, not before them; a comma the name has not ends it
            if junk < JUNK_TOKENS and i >= 2 and read[j] != ",":
                walk(i, j + 1, cost, junk + 1)
            return
        d = bounded_distance(title[i], read[j], min(WORD_SLIPS, budget - cost))
        if d <= WORD_SLIPS and cost + d <= budget:
            walk(i + 1, j + 1, cost + d, junk)

    walk(0, 0, 0, 0)
    return best


_TOKENS_OF: dict[int, tuple] = {}  # id of the folded_law_titles() tuple -> (that tuple, its titles' tokens)


def _law_tokens() -> tuple[tuple[str, Law, list[str], int], ...]:
    """Each known title folded, its tokens and its slip budget (one per SLIP_LETTERS letters), made once for
    the list folded_law_titles() gives (a test may give another)."""
    titles = folded_law_titles()
    made = _TOKENS_OF.get(id(titles))
    if made is None or made[0] is not titles:
        out = []
        for folded, law in titles:
            tokens = _FOLDED_TOKEN.findall(folded)
            out.append((folded, law, tokens, sum(len(t) for t in tokens if not _junk(t)) // SLIP_LETTERS))
        made = _TOKENS_OF[id(titles)] = (titles, tuple(out))
    return made[1]


def _misread_law(raw: str, start: int) -> tuple[str, int] | None:
    """A known title as OCR reads it, with slips the exact match above misses: a wrong or lost letter
    ("Luật T6 chức Chính ¡ phú" of nq-168-cp, "Luật Ban hành vn bản quy phạm pháp luật" of bc-63-ptp, scans of
    corpus/eval/dev), one slip per SLIP_LETTERS letters of the title (a title of fewer letters must be read
    right but for tone marks and stray marks), JUNK_TOKENS stray marks at most. The longest title so read
    wins, then the one with fewer slips; two equally close titles of the same length give none."""
    tokens = [(m.start(), m.end(), m.group()) for m in _FOLDED_TOKEN.finditer(raw[:300])]
    read = [t for _, _, t in tokens]
    found: list[tuple[int, int, int, Law]] = []
    for folded, law, title, budget in _law_tokens():
        # the head as printed, the name's first letter right (a slip there is a guess, not a repair)
        if len(read) < 2 or read[0] != title[0] or read[1][:1] != title[1][:1]:
            continue
        got = _slips(title, read[:len(title) + JUNK_TOKENS], budget)
        if got is not None:
            found.append((-len(folded), got[0], got[1], law))
    if not found:
        return None
    found.sort(key=lambda f: f[:2])
    if len(found) > 1 and found[1][:2] == found[0][:2] and found[1][3].title != found[0][3].title:
        return None
    _, _, used, law = found[0]
    return law.title, start + tokens[used - 1][1]


def _year_after(text: str, pos: int) -> tuple[int | None, int]:
    m = re.match(r"\s*,?\s*(?:năm\s+)?((?:19|20)\d\d)(?![\d/])", text[pos:])
    if m:
        return int(m.group(1)), pos + m.end()
    return None, pos


def _names_to_clause_end(text: str, end: int, longer: int) -> bool:
    """Is the run from a known title's end to longer the rest of a longer name, though no citation follows it?
    It is when the clause ends there (";", ".", "(", the end of the line), an amended-by chain or the next document
    starts there ("… đã được sửa đổi, bổ sung …", ", Luật …") and each word of it is a word of the
    names of laws (nlp_laws.tsv): "Căn cứ Luật Giáo dục quốc phòng và an ninh;", "Luật Doanh nghiệp nhà nước;",
    but not "… Luật Đấu thầu bằng tiếng Việt và tiếng Anh;" (TT 79/2025/TT-BTC) nor the words of the sentence
    that go on after a title ("Luật Đấu thầu như sau", "Luật Đấu thầu bao gồm")."""
    if not _CLAUSE_END.match(text, longer):
        m = _NEXT_DOCUMENT.match(text, longer)
        if not (m and _OTHER_HEADS.match(text, m.end())):
            return False
    return _in_law_words(text[end:longer])


def _in_law_words(run: str) -> bool:
    words = law_title_words()
    return all(w.lower() in words for w in re.findall(r"\w+", run))


_INNER_HEAD = re.compile(r"(?<!\w)(?:Bộ luật|Luật|Pháp lệnh)(?!\w)")


def _amended_spelled(title: str) -> str:
    """An amending law's title with the names of the laws it amends that OCR misread spelled as listed
    (_misread_law: "… của Luật Tổ chức Chính phủ và Luật Tô 6 chức chính quyền địa phương" -> "… và Luật Tổ chức
    chính quyền địa phương"); a name read right stays as printed."""
    out, last = [], 0
    for m in _INNER_HEAD.finditer(title, 1):
        if m.start() < last:
            continue
        known = _known_law(title, m.start())
        if known is not None and fold(" ".join(title[m.start():known[1]].split())) != fold(known[0]):
            out += [title[last:m.start()], known[0]]
            last = known[1]
    return "".join(out) + title[last:]


def law_at(text: str, start: int, head: str) -> Title | None:
    """A law, code, ordinance or the Constitution named at start (head is its first word(s) as printed)."""
    type_ = next(h for h in LAW_HEADS if fold(h) == fold(head))
    known = _known_law(text, start)
    name_pos = start + len(head)
    if known is not None:
        title, end = known
        # a longer name the list does not know runs on by words ("Luật Doanh nghiệp nhà nước" is not "Luật
        # Doanh nghiệp"); after a comma the list's name stands ("Luật Doanh nghiệp, doanh nghiệp phải …")
        # — but only when what follows the longer run is what follows a name (its year, number, date or the
        # closing quote): after a known title the words of the sentence go on ("Luật Đấu thầu như sau:", "Luật
        # Doanh nghiệp đứng tên dự thầu", "Luật Giá đối với …", "Luật Xây dựng bảo đảm phù hợp …" in Luật
        # 22/2023/QH15, Luật 57/2024/QH15, NĐ 214/2025/NĐ-CP, QĐ 07/2025/QĐ-UBND Thái Nguyên)
        # A capitalised run goes on a name only on the same line and in the words of the names of laws ("Luật
        # Doanh nghiệp Nhà nước năm 2003", "Luật Giáo dục Quốc phòng và An ninh năm 2013"), never into the next
        # document ("Luật Đất đai Nghị định …") or a line that starts a sentence ("Luật Đấu thầu⏎Bộ trưởng …")
        after_words = text[end:end + 40].split()[:2]
        lower = re.match(r"[ \t]+[" + "a-zà-ỹđ" + r"]", text[end:])
        upper = not lower and re.match(r"[ \t]+[^\W\d_]", text[end:]) and not _OTHER_HEADS.match(text, end + 1)
        if ((lower or upper) and after_words[0].lower() not in _COORDINATION
                and " ".join(after_words).lower() not in _TWO_WORD_STOPS | _CLAUSE_STARTS):
            longer = _name_end(text, start + len(head))
            if longer is not None and longer > end and "," not in text[end:longer]:
                if lower:
                    runs_on = _CITATION_AFTER.match(text, longer) or _names_to_clause_end(text, end, longer)
                else:
                    runs_on = ("\n" not in text[end:longer] and _in_law_words(text[end:longer])
                               and (_CITATION_AFTER.match(text, longer) or _names_to_clause_end(text, end, longer)))
                if runs_on:
                    title, end = " ".join(text[start:longer].split()), longer
    else:
        after = text[name_pos:name_pos + 40].lstrip()
        amending = fold(after).startswith("sua doi")  # "sửa đổi", and its slips ("sữa đổi")
        first = re.match(r"\w*", after).group().lower()
        if fold(first) == "so" and re.match(r"\w+\s*[:.]?\s*\d", after):
            return None  # "Luật sô 57/2024/QH15": OCR's "số" before a number, no name
        lower_name = (after[:1].islower() and after[:1].isalpha() and first not in _NOT_A_NAME
                      and first not in _STOP_WORDS and type_ != "Hiến pháp")  # "Luật tổ chức HĐND và UBND"
        if not amending and not lower_name and not (after[:1].isupper() and after[:1].isalpha()):
            if type_ != "Hiến pháp":
                return None
            end = name_pos
        else:
            end = _name_end(text, name_pos, amending)
            if end is None or (lower_name and len(text[name_pos:end].split()) < 2):
                return None  # a lower-case name of one word is a word, not a name ("Luật mới")
        title = " ".join(text[start:end].split())
        if amending:
            title = _amended_spelled(title)
    year, after_year = _year_after(text, end)
    if type_ == "Hiến pháp":
        if year is None and title == "Hiến pháp":
            return None  # "Tuân thủ Hiến pháp và pháp luật": the notion, not a citation
        if year is not None:
            title, end = f"{title} năm {year}", after_year
        return Title(type_, title, end, year)
    return Title(type_, title, after_year if year else end, year)


_TREATY_END = re.compile(r"\s*(?:[,;:()“”\"\n]|\.(?:\s|$)|$)|\s+(?:ký|được|đã|có hiệu lực|thông qua|mà|là|và các)(?![\w])"
                         r"|\s+năm\s+(?:19|20)\d\d(?![\w])")


def treaty_at(text: str, start: int, head: str) -> Title | None:
    """"Hiệp định giữa … về …", "Công ước … năm 1982": a treaty's name carries "về", "giữa … và …", "do …",
    so it runs to a hard stop (a comma, a bracket, "ký", "được", "có hiệu lực"), its year included."""
    pos = start + len(head)
    after = text[pos:pos + 20].lstrip()
    if not after or not (after[:1].isupper() or after.split()[0].lower() in ("giữa", "về", "khung", "thương", "quốc")):
        return None
    stop = _TREATY_END.search(text, pos + 1)
    end = stop.start() if stop else len(text)
    if len(text[pos:end].split()) > 40:
        return None
    year, after_year = _year_after(text, end)
    title = " ".join(text[start:end].split())
    if year is not None and re.match(r"\s+năm", text[end:]):
        title, end = f"{title} năm {year}", after_year
    if len(title.split()) < 3:
        return None
    return Title(next(h for h in treaty_heads() if fold(h) == fold(head)), title, end, year)


_CONGRESS = re.compile(
    r"(?P<title>(?:Đại hội|Hội nghị)\s+(?:[^\s;.,()“”\"\n]+\s+){0,12}?"
    r"(?:lần\s+thứ\s+(?:[IVXLC]+|\d+|[a-zà-ỹ]+)|kh[óo]a\s+[IVXLC]+|[IVXLC]{2,6})(?![\w])"
    r"(?:\s*,?\s*nhiệm\s+kỳ\s+\d{4}\s*[-–]\s*\d{4})?(?:\s+của\s+Đảng(?![\w]))?)"
)


def congress_resolution_at(text: str, pos: int) -> tuple[str, int] | None:
    """After "Nghị quyết ": "Đại hội đại biểu Đảng bộ tỉnh lần thứ XX, nhiệm kỳ 2020 - 2025" -> (title, end)."""
    m = _CONGRESS.match(text, pos)
    if not m:
        return None
    return " ".join(m["title"].split()), m.end()
