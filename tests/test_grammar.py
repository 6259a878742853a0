"""The grammars below every stage (pipeline.grammar) and the shape of the package: imports go down only
(vocab and grammar → read → segment → nlp → archive → draft; corpus and web on top), and one grammar per thing.

Cases are lines of real documents: the text layers and OCR of corpus/real and corpus/eval/dev, and the
forms of Decree 30/2020/NĐ-CP."""
import ast
from pathlib import Path

import pytest

from pipeline.grammar.headings import BULLET, HEADING, match_heading, strip_bullet
from pipeline.grammar.pages import is_page_number
from pipeline.grammar.symbols import blank_number, issuer_code_of, parse_number, symbol_of

PIPELINE = Path(__file__).resolve().parents[1] / "pipeline"

# lower rank may not import higher rank
RANK = {"vocab": 0, "grammar": 0, "read": 1, "segment": 2, "nlp": 3, "archive": 4, "draft": 5, "corpus": 6, "web": 6}
# the one exception, and why: the NER training script (make models) trains on the corpus generator's documents;
# it is a tool run beside the pipeline, never imported by it
UPWARD_ALLOWED = {("nlp/train.py", "pipeline.corpus")}


def _imports(path: Path, package: list[str]):
    """(line, dotted module) of every import in a file, relative imports resolved."""
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                if node.module:
                    yield node.lineno, ".".join(base + node.module.split("."))
                else:
                    for alias in node.names:
                        yield node.lineno, ".".join(base + [alias.name])
            elif node.module:
                yield node.lineno, node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name


def _upward_imports():
    out = []
    for layer, rank in RANK.items():
        for path in sorted((PIPELINE / layer).rglob("*.py")):
            rel = path.relative_to(PIPELINE)
            package = ["pipeline", *rel.parent.parts]
            for line, module in _imports(path, package):
                parts = module.split(".")
                if len(parts) >= 2 and parts[0] == "pipeline" and RANK.get(parts[1], -1) > rank:
                    target = ".".join(parts[:2])
                    if (rel.as_posix(), target) not in UPWARD_ALLOWED:
                        out.append(f"{rel}:{line} imports {module}")
    return out


def test_imports_only_go_down():
    assert _upward_imports() == []


def test_the_import_check_sees_an_upward_import(tmp_path):
    # the check itself: a segment module importing nlp (as segment/period.py once imported nlp.dates) is caught
    fake = tmp_path / "period.py"
    fake.write_text("from ..nlp.dates import find_dates\nfrom ..grammar.dates import find_dates\n", "utf-8")
    found = [m for _, m in _imports(fake, ["pipeline", "segment"])]
    assert found == ["pipeline.nlp.dates", "pipeline.grammar.dates"]


def test_segment_does_not_import_nlp():
    for path in (PIPELINE / "segment").rglob("*.py"):
        for _, module in _imports(path, ["pipeline", "segment"]):
            assert not module.startswith("pipeline.nlp"), (path, module)


# ------------------------------------------------------------------ no long functions in read, segment, nlp

MAX_LINES = 80
# functions over MAX_LINES, to be split (keep it empty; never grow it)
LONG_ALLOWED: set[str] = set()


def _long_functions():
    out = {}
    for layer in ("grammar", "read", "segment", "nlp"):
        for path in sorted((PIPELINE / layer).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    lines = node.end_lineno - node.lineno + 1
                    if lines > MAX_LINES:
                        out[f"{path.relative_to(PIPELINE).as_posix()}:{node.name}"] = lines
    return out


def test_no_function_over_80_lines():
    long = _long_functions()
    assert set(long) - LONG_ALLOWED == set(), long
    assert LONG_ALLOWED - set(long) == set(), "split already: take it off LONG_ALLOWED"


# ------------------------------------------------------------------ one grammar per thing: no second copy


@pytest.mark.parametrize("needle, home", [
    ("_NUMBER_LINE = ", "grammar/symbols.py"),       # the "Số:" line (a re.compile or a vocab.Pattern)
    ("_DIGIT_SLIPS = str.maketrans", "grammar/symbols.py"),    # O for 0, l for 1 in numbers
    ("PAGE_NUMBER = ", "grammar/pages.py"),          # page-number lines
    ("HEADING = ", "grammar/headings.py"),           # section heading numbers
    ("BULLET = re.compile", "grammar/headings.py"),
    ("def roman_value", "grammar/headings.py"),
    ("def find_dates", "grammar/dates.py"),
    ("def parse_place_date", "grammar/dates.py"),       # the header's "…, ngày … tháng … năm …"
    ("PLACE_DATE_IN_LINE = re.compile", "grammar/dates.py"),
    ("def symbol_of", "grammar/symbols.py"),
    ("def issuer_code_of", "grammar/symbols.py"),
    ("ốoô", "grammar/symbols.py"),                     # OCR's readings of the "Số" label (read/ocr.py had its own)
    ("def is_ocr_number_label", "grammar/symbols.py"),
    ("_DMY = ", "grammar/dates.py"),                   # one day, d/m/yyyy (draft.period and archive.corrections had theirs)
    ("IV|III", "grammar/dates.py"),                    # a quarter's number (draft.period and archive.corrections had theirs)
    ('re.split(r"[/\\-]"', "grammar/symbols.py"),   # a number's parts (segment.cues.doc_type_from_symbol had its own)
])
def test_one_copy_of_each_grammar(needle, home):
    holders = sorted(p.relative_to(PIPELINE).as_posix() for p in PIPELINE.rglob("*.py")
                     if needle in p.read_text("utf-8"))
    assert [h for h in holders if (needle, h) not in KNOWN_COPIES] == [home]


@pytest.mark.parametrize("needle, vocabulary", [
    ("TM|KT", "authority words (positions.tsv): segment.distribution split a signer cell at its own four"),
    ("KT|TM", "authority words (positions.tsv)"),
    ("[-–+•]", "bullets (grammar.headings.BULLETS): segment.distribution broke a cell's items at its own"),
    ("qu[ýí]", "the quarter word (grammar.dates.QUARTER_WORD): draft.period had its own"),
    ("đồng chí|", "honorifics (positions.tsv): nlp.people had its own"),
])
def test_no_inline_copy_of_a_vocabulary(needle, vocabulary):
    holders = sorted(p.relative_to(PIPELINE).as_posix() for p in PIPELINE.rglob("*.py") if needle in p.read_text("utf-8"))
    assert holders == [], vocabulary


# copies left, to remove (keep it empty; never grow it)
KNOWN_COPIES: set[tuple[str, str]] = set()


# ------------------------------------------------------------------ document numbers: the header reads them as references do

@pytest.mark.parametrize("line, number", [
    # the number is read with the references' grammar now; before, the header kept the slip as printed
    ("Số: 116/2021/NÐ-CP", "116/2021/NĐ-CP"),  # ttr-298 (corpus/real): Ð U+00D0 from a legacy-font text layer
    ("Số: 8l/QD-TTg", "81/QĐ-TTg"),            # cv-stp-tp-hcm (dev) OCR: l for 1, D for Đ
    ("Số: 222/QD-BTP", "222/QĐ-BTP"),          # cv-stp-tp-hcm (dev) OCR: D for Đ
    # unchanged: the numbers of corpus/real and dev as printed
    ("Số: 355 /BC-HĐXTH", "355/BC-HĐXTH"),
    ("Số: 33/2022/NQ-HĐND", "33/2022/NQ-HĐND"),
    ("Số: 58/KH-THPTCL2", "58/KH-THPTCL2"),
    ("Số: 2093 /QĐ-BYT", "2093/QĐ-BYT"),
])
def test_header_number_is_read_by_the_reference_grammar(line, number):
    assert parse_number(line) == (number, None)


@pytest.mark.parametrize("text, days", [
    # each day with its day, month and year as written: what the draft rewrites when it moves a window
    ("Từ ngày 15/12/2022 đến 14/3/2023", [("2022-12-15", "15", "12", "2022"), ("2023-03-14", "14", "3", "2023")]),
    ("từ ngày 15 tháng 12 năm 2022 đến ngày 14/3/2023", [("2022-12-15", "15", "12", "2022"), ("2023-03-14", "14", "3", "2023")]),
    ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020", [("2020-03-05", "05", "3", "2020")]),  # no day in a number
    ("ngày 31/02/2023", []),  # no such day
])
def test_written_days(text, days):
    from pipeline.grammar.dates import written_days

    found = [(w.day.isoformat(), *(text[slice(*w.parts[k])] for k in "dmy")) for w in written_days(text)]
    assert found == days


@pytest.mark.parametrize("text, day", [
    ("5/4/2023", "2023-04-05"), ("05.04.2023", "2023-04-05"), ("15 / 3 / 2023", "2023-03-15"),
    ("ngày 15 tháng 3 năm 2023", "2023-03-15"), ("31/02/2023", None), ("15/3/2023 và 16/3/2023", None),
])
def test_a_typed_day(text, day):
    from pipeline.grammar.dates import parse_day

    assert (parse_day(text).isoformat() if parse_day(text) else None) == day


@pytest.mark.parametrize("number, code", [
    ("123/BC-UBND", ("BC", False)),
    ("21-CT/TW", ("CT", True)),                  # a Party number: the type before the "/"
    ("507/UBND-KGVX", (None, False)),            # cv-507 (corpus/real): a công văn has no type code
    ("30/2020/NĐ-CP", ("NĐ", False)),
    ("12/2016/PL-UBTVQH14", ("PL", False)),
    ("QCVN 40:2011/BTNMT", ("QCVN", False)),      # a standard: its prefix (was Công văn in the header)
    ("12a/BC-UBND", ("BC", False)),              # no known form: by its parts
    ("12a-CT/TW", ("CT", True)),
    ("UBND", None),
])
def test_the_type_code_of_a_number(number, code):
    from pipeline.grammar.symbols import type_code_of

    assert type_code_of(number) == code


@pytest.mark.parametrize("word, alone, glued", [
    ("Số:", True, None),
    ("Só", True, None),                                    # OCR of scans: the accent changed
    ("Số hiệu:", True, None),
    ("Số:52o/BCA-V01", False, ("Số:", "52o/BCA-V01")),     # cv-5240-bca-v01 (corpus/real): the number glued to the label
    ("Só:%CAT-PA05", False, ("Só:", "%CAT-PA05")),         # cv-855-cat-pa05 (corpus/real): a handwritten slash read as %
    ("Sở", False, None),                                   # "Sở Tư pháp" is no label
])
def test_an_ocr_word_of_the_number_label(word, alone, glued):
    from pipeline.grammar.symbols import is_ocr_number_label, split_ocr_glued_label

    assert (is_ocr_number_label(word), split_ocr_glued_label(word)) == (alone, glued)


@pytest.mark.parametrize("number, symbol, issuer, blank", [
    ("85/BC-STTTT", "BC-STTTT", "STTTT", "Số:      /BC-STTTT"),
    ("715/BCĐ-CAT", "BCĐ-CAT", "BCĐ", "Số:      /BCĐ-CAT"),
    ("30/2020/NĐ-CP", "NĐ-CP", "CP", "Số:      /NĐ-CP"),
    # a Party number's ký hiệu is type and issuer ("CT/TW"); before, the draft took "TW" alone, so every
    # Party document of the Central Committee was "the same series", and wrote "Số:      /TW"
    ("21-CT/TW", "CT/TW", "TW", "Số      -CT/TW"),
    ("496-TB/TU", "TB/TU", "TU", "Số      -TB/TU"),
    # a type code typed between slashes (tt-2442, cv-4728 of corpus/eval/dev) stays in the ký hiệu
    ("527/TTLT/TTCP-BNV-UBKTTW", "TTLT/TTCP-BNV-UBKTTW", "TTCP-BNV-UBKTTW", "Số:      /TTLT/TTCP-BNV-UBKTTW"),
    ("04/HD/BTGDVTU", "HD/BTGDVTU", "BTGDVTU", "Số:      /HD/BTGDVTU"),
    (None, None, None, None),
])
def test_number_parts(number, symbol, issuer, blank):
    assert (symbol_of(number), issuer_code_of(number), blank_number(number)) == (symbol, issuer, blank)


def test_archive_key_is_the_grammar_s_number():
    from pipeline.archive.store import normalise_number

    # an OCR slip the grammar repairs keys as the number itself (3O/2O2O/NĐ-CP from a scan)
    assert normalise_number("3O/2O2O/NĐ-CP") == normalise_number("30/2020/NĐ-CP") == "30/2020/ND-CP"


# ------------------------------------------------------------------ headings and bullets: one grammar


@pytest.mark.parametrize("line, heading", [
    ("I. KẾT QUẢ THỰC HIỆN", True),
    ("1.2. Công tác tuyên truyền", True),
    ("a) Đối với cấp tỉnh", True),
    ("Điều 1. Phạm vi điều chỉnh", True),
    ("PHẦN I", True),
    ("Chương II QUY ĐỊNH CHUNG", True),
    ("A. PHẦN MỞ ĐẦU", True),
    ("2025. Trong đó", False),
    ("TP. Hồ Chí Minh, ngày 01 tháng 12 năm 2024", False),
    ("Số: 45/KH-UBND", False),
])
def test_heading(line, heading):
    assert bool(HEADING.match(line)) == heading
    assert (match_heading(line) is not None) == heading


@pytest.mark.parametrize("line, rest", [
    ("- Như trên;", "Như trên;"),                          # every reader's bullet
    ("+ Thực hiện nghiêm, đúng quy định", "Thực hiện nghiêm, đúng quy định"),  # kh-3070 (dev)
    ("– Ủy ban Thường vụ Quốc hội;", "Ủy ban Thường vụ Quốc hội;"),           # nq-33 (dev): an en dash
    ("* Ghi chú:", "Ghi chú:"),                            # qd-2858 (dev)
    ("• Lưu: VT", "Lưu: VT"),
])
def test_bullet(line, rest):
    assert BULLET.match(line) and strip_bullet(line) == rest


@pytest.mark.parametrize("text", ["- Như trên;", "– Ủy ban Thường vụ Quốc hội;", "+ Lưu: VT, PC04."])
def test_a_distribution_line_with_any_bullet_is_split_at_the_signer(text):
    # lines.split_columns knew "-", "+" and "•" only: an en-dash item ran into the signer's authority
    from pipeline.segment.lines import split_columns

    assert split_columns(text + " KT. GIÁM ĐỐC") == [text, "KT. GIÁM ĐỐC"]


# ------------------------------------------------------------------ page numbers: one pattern for read and segment


@pytest.mark.parametrize("line, page", [
    ("2", True), ("- 2 -", True), ("– 3 –", True), ("Trang 3", True), ("Trang 3/5", True), ("3/5", True),
    ("-- 12 --", True),   # the PDF reader's pattern took repeated dashes, the segmenter's did not
    ("Trang3", True),
    ("2025", False),      # a year alone on a line is not a page: the PDF reader's pattern took four digits
    ("1.", False), ("Số: 2", False),
])
def test_page_number(line, page):
    assert is_page_number(line) == page


def test_the_header_reads_headings_with_the_section_grammar():
    # qd-93-2007-ttg (dev), its attached Quy chế as a text export gives it, the rule under the subject lost:
    # the header's own heading pattern knew no "Chương"/"Phần"/"Điều", so "Chương I" ran into the subject
    from tests.segment_helpers import BODY, seg

    lines = ["THỦ TƯỚNG CHÍNH PHỦ", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "QUY CHẾ",
             "Thực hiện cơ chế một cửa, cơ chế một cửa liên thông", "tại cơ quan hành chính nhà nước ở địa phương",
             "(Ban hành kèm theo Quyết định số 93/2007/QĐ-TTg", "ngày 22 tháng 6 năm 2007 của Thủ tướng Chính phủ)",
             "Chương I", "NHỮNG QUY ĐỊNH CHUNG", "Điều 1. Cơ chế một cửa, cơ chế một cửa liên thông"]
    report = seg(lines + BODY)
    assert report.header.subject == ("Thực hiện cơ chế một cửa, cơ chế một cửa liên thông tại cơ quan hành chính nhà "
                                     "nước ở địa phương (Ban hành kèm theo Quyết định số 93/2007/QĐ-TTg ngày 22 tháng "
                                     "6 năm 2007 của Thủ tướng Chính phủ)")
    assert report.sections[0].number == "Chương I"


@pytest.mark.parametrize("number, doc_type", [
    ("491-\nTB/VPTW", "Thông báo"),  # qd-1878-ubnd-ha-noi-2026 (dev), the line wrapped after the dash: was Công văn
    ("709/TB-VPCP", "Thông báo"),   # the same sentence
    ("507/UBND-KGVX", "Công văn"),  # no type code
    ("12a/BC-UBND", "Báo cáo"),     # of no form the grammar knows: read by its parts
])
def test_the_type_a_number_names_is_read_with_the_number_grammar(number, doc_type):
    from pipeline.segment.cues import doc_type_from_symbol

    assert doc_type_from_symbol(number).name == doc_type


# a code split before its last capital by OCR (the seal's ring read as a space: "26-NQ/T W" of nq-168-cp in
# corpus/eval/dev) is one code when joined it is known; else the symbol ends before the space
@pytest.mark.parametrize("text, number", [
    ("Nghị quyết số 26-NQ/T W ngày 03 tháng 11 năm 2022", "26-NQ/TW"),
    ("Công văn số 12/QĐ-UBND A và B", "12/QĐ-UBND"),
    ("Kế hoạch số 715/BCĐ-CAT V ngày", "715/BCĐ-CAT"),
    ("Chỉ thị số 21-CT/TW ngày", "21-CT/TW"),
])
def test_a_code_split_before_its_last_capital(text, number):
    from pipeline.grammar.symbols import find_symbols

    assert [s.number for s in find_symbols(text)] == [number]


@pytest.mark.parametrize("lines, joined", [
    (["Nghị quyết số 26-NQ/", "T W ngày 03"], "Nghị quyết số 26-NQ/T W ngày 03"),  # cut after its slash
    (["số 12/", "QĐ-UBND ngày"], "số 12/QĐ-UBND ngày"),
    (["tỷ lệ 1/", "Trong năm"], "tỷ lệ 1/ Trong năm"),  # a fraction, then a sentence
    (["số 12/QĐ-", "UBND ngày"], "số 12/QĐ-UBND ngày"),
])
def test_lines_joined_where_a_symbol_was_cut(lines, joined):
    from pipeline.grammar.symbols import join_cut_symbols

    assert join_cut_symbols(lines) == joined
