"""The message catalogues: every message in the code has its Vietnamese translation, the shipped
.mo is compiled from the shipped .po, and the language is chosen as documented."""
from __future__ import annotations

import json
import re

import pytest

from pipeline import i18n
from pipeline.i18n import catalogue


def test_every_message_has_a_vietnamese_translation():
    assert catalogue.missing("vi") == []


def test_the_shipped_mo_is_compiled_from_the_po():
    for po in catalogue.catalogues():
        assert po.with_suffix(".mo").read_bytes() == catalogue.mo_bytes(catalogue.read_po(po)), (
            f"{po.name} changed: run python -m pipeline.i18n.catalogue")


def test_translations_keep_their_placeholders():
    """A translation that drops or renames {placeholder} or %(name)s would fail at run time."""
    entries = catalogue.read_po(catalogue.LOCALE_DIR / "vi" / "LC_MESSAGES" / "baocao.po")
    names = re.compile(r"\{[a-z_]*(?:![rs])?\}|%\([a-z_]+\)[sr]|%s")
    for msgid, msgstr in entries.items():
        if not msgid:
            continue
        singular = msgid.split("\x00")[0]
        for text in ([msgstr] if isinstance(msgstr, str) else msgstr):
            assert sorted(names.findall(text)) == sorted(names.findall(singular)), (singular, text)


@pytest.mark.parametrize("environ, want", [
    ({}, "vi"), ({"LANG": "C.UTF-8"}, "vi"), ({"LANG": "vi_VN.UTF-8"}, "vi"), ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_GB"}, "en"), ({"LC_ALL": "C", "LANG": "en_US.UTF-8"}, "vi"), ({"LANGUAGE": "en:vi", "LANG": "vi_VN"}, "en"),
    ({"LC_MESSAGES": "en_US.UTF-8"}, "en"), ({"LANG": "fr_FR.UTF-8"}, "vi"), ({"LC_ALL": "", "LANG": "en_US"}, "en"),
])
def test_language_from_the_environment(environ, want):
    assert i18n.language_from_env(environ) == want


def test_dates_and_times_people_read():
    assert i18n.show_date("2023-03-28") == "28/03/2023"
    assert i18n.show_date("not a date") == "not a date"
    shown = i18n.show_time("2026-01-02T03:04:05+00:00")
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", shown)


def test_no_function_hides_the_translation_function():
    """A function that both calls _(...) and assigns _ (``for x, _ in ...``) raises UnboundLocalError
    at its first message (ingest's runner did, on every run): such a function must use gettext()."""
    import ast

    found = []
    for path in sorted(catalogue.PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            inner = [n for n in ast.walk(fn) if n is not fn and isinstance(n, (ast.FunctionDef, ast.Lambda))]
            nested = {id(x) for f in inner for x in ast.walk(f)}
            own = [n for n in ast.walk(fn) if id(n) not in nested]
            stores = any(isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store) for n in own
                         if not any(n in ast.walk(c) for c in own if isinstance(c, ast.comprehension)))
            calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_" for n in own)
            if stores and calls:
                found.append(f"{path.name}:{fn.name}")
    assert found == []


def _helps(language: str) -> dict[tuple[str, ...], str]:
    """(command path, option) -> help text, and (command path,) -> description, of the whole CLI."""
    import argparse

    from pipeline.cli import build_parser

    i18n.set_language(language)
    i18n.translate_argparse()
    try:
        found: dict[tuple[str, ...], str] = {}
        stack = [((), build_parser())]
        while stack:
            where, parser = stack.pop()
            if parser.description:
                found[where + ("(description)",)] = parser.description
            for action in parser._actions:
                if isinstance(action, argparse._SubParsersAction):
                    stack += [(where + (name,), sub) for name, sub in action.choices.items()]
                    for choice in action._choices_actions:
                        found[where + (choice.dest, "(help)")] = choice.help
                elif action.help and action.help != argparse.SUPPRESS:
                    found[where + tuple(action.option_strings or [action.dest])] = action.help
        return found
    finally:
        i18n.set_language()
        i18n.translate_argparse()


def test_every_command_help_is_vietnamese_first():
    """Every command's description and every option's help of the whole CLI (extract, the archive,
    draft, corpus, eval, plot, serve) differs between vi and en: none is left in English only."""
    vi, en = _helps("vi"), _helps("en")
    assert vi.keys() == en.keys() and len(en) > 150
    same = sorted(" ".join(k) for k, text in en.items() if vi[k] == text and re.search(r"[a-z]{3}", text)
                  and k[-1] not in ("-h", "--help"))
    assert same == []


# --------------------------------------------------------------------------- failure reasons: stored English, shown translated


def test_failure_reasons_are_stored_in_english_and_shown_in_vietnamese(tmp_path, capsys):
    """A batch with bad files: the archive keeps each reason in English (the stable key, what the
    failures table and the JSON export hold), the summary, `baocao failures`, the web page and
    `extract`'s one-line error show it in Vietnamese, naming the file; English with --lang en."""
    import json
    import sqlite3

    from pipeline.cli import main
    from pipeline.web.format import vn_failure_kind, vn_reason
    from tests.robustness.bad_files import binary_txt, encrypted_pdf, truncated_pdf
    from tests.test_archive_ingest import write_reports

    folder = tmp_path / "in"
    write_reports(folder, 1)
    binary_txt(folder / "nhi-phan.txt")
    encrypted_pdf(folder / "mat-khau.pdf", "secret")
    truncated_pdf(folder / "cut.pdf")
    (folder / "rong.docx").write_bytes(b"")
    (folder / "ghi-chu.xyz").write_text("x", "utf-8")
    db = str(tmp_path / "a.db")
    assert main(["--lang", "vi", "ingest", str(folder), "--db", db, "--workers", "1"]) == 8
    summary = capsys.readouterr().out
    stored = dict(sqlite3.connect(db).execute("SELECT path, reason FROM failures").fetchall())
    assert len(stored) >= 3
    table = [  # (file, the English stored, the Vietnamese shown)
        ("nhi-phan.txt", "not text: bytes are neither UTF-8 nor Windows-1258",
         "không phải văn bản: các byte không phải UTF-8 cũng không phải Windows-1258"),
        ("mat-khau.pdf", "encrypted PDF: it needs a password to open", "PDF được mã hoá: cần mật khẩu để mở"),
        ("rong.docx", "empty file (0 bytes)", "tệp rỗng (0 byte)"),
    ]
    for name, english, vietnamese in table:
        assert stored[str(folder / name)] == english
        assert f"LỖI  {folder / name}: {vietnamese}" in summary
        assert vn_reason(english) == vietnamese
    # every stored reason reads as Vietnamese: none is shown as it is stored
    for reason in stored.values():
        assert vn_reason(reason) != reason, reason
    assert vn_failure_kind("InputFileError") == "tệp không đọc được"
    assert main(["--lang", "vi", "failures", "--db", db]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "tệp rỗng (0 byte)" in shown and "tệp không đọc được" in shown and "empty file" not in shown
    assert main(["--lang", "vi", "failures", "--json", "--db", db]) == 0
    assert {r["reason"] for r in json.loads(capsys.readouterr().out)} == set(stored.values())  # machines: as stored
    assert main(["--lang", "en", "failures", "--db", db]) == 0
    assert "empty file (0 bytes)" in " ".join(capsys.readouterr().out.split())
    assert main(["--lang", "vi", "export", "--format", "xlsx", "--out", str(tmp_path / "x"), "--db", db]) == 0
    capsys.readouterr()
    import openpyxl

    sheet = openpyxl.load_workbook(tmp_path / "x" / "archive.xlsx")["Tệp lỗi"]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[str(folder / "rong.docx")][2:4] == ("tệp rỗng (0 byte)", "tệp không đọc được")
    assert main(["--lang", "vi", "extract", str(folder / "mat-khau.pdf")]) == 3
    assert capsys.readouterr().err.strip() == f"baocao: {folder / 'mat-khau.pdf'}: PDF được mã hoá: cần mật khẩu để mở"


@pytest.mark.parametrize("english, vietnamese", [
    # a reason formatted from a message with fields: the fields' values are kept, or translated in turn
    ("timed out after 30 s", "quá thời gian sau 30 giây"),
    ("not a document (.xyz)", "không phải văn bản (.xyz)"),
    ("not a document (no suffix)", "không phải văn bản (không có đuôi tệp)"),
    ("not a regular file (a named pipe): not opened", "không phải tệp thường (một đường ống (named pipe)): không mở"),
    ("damaged PDF: page 3 cannot be read (PSEOF)", "PDF bị hỏng: không đọc được trang 3 (PSEOF)"),
    ("an RTF or HTML file saved as .doc, which LibreOffice could not convert",
     "một tệp RTF hoặc HTML lưu với đuôi .doc, LibreOffice không chuyển đổi được"),
    ("something the catalogue never had", "something the catalogue never had"),
])
def test_stored_messages_translate_with_their_values(english, vietnamese):
    assert i18n.translate(english, "vi") == vietnamese
    assert i18n.translate(english, "en") == english


# --------------------------------------------------------------------------- warnings: stable codes, shown translated


def _contract_of_text(tmp_path, name: str, data: bytes) -> dict:
    from pipeline import process
    from pipeline.contract import to_contract

    path = tmp_path / name
    path.write_bytes(data)
    return to_contract(process(path))


HANDWRITTEN_HEADER = "\n".join([
    # the header of a real tờ trình scan whose number and day were left blank for the hand (corpus/real)
    "CÔNG AN TỈNH LÂM ĐỒNG", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    "Số    /TTr-CAT-PC04", "Lâm Đồng, ngày    tháng 10 năm 2025", "TỜ TRÌNH",
    "Về việc chỉ đạo thực hiện công tác cai nghiện ma túy tại gia đình, cộng đồng",
    "Kính gửi: Ủy ban nhân dân tỉnh Lâm Đồng", "",
    "Công an tỉnh kính trình Ủy ban nhân dân tỉnh xem xét, chỉ đạo thực hiện công tác cai nghiện ma túy."])


def test_every_warning_of_a_report_has_its_code_and_parameters(tmp_path):
    """The contract keeps the English texts (other programs read them) and adds one code per warning."""
    from pipeline.contract import validate
    from pipeline.i18n.warning_codes import WARNINGS

    # a damaged UTF-8 file: two bytes cut out of a letter
    text = HANDWRITTEN_HEADER.encode("utf-8")
    damaged = text[:200] + text[201:] + b"\xff"
    c = _contract_of_text(tmp_path, "to-trinh.txt", damaged)
    validate(c)
    assert len(c["warning_codes"]) == len(c["warnings"]) >= 3
    codes = [w["code"] for w in c["warning_codes"]]
    assert {"header.number_blank", "header.day_blank", "text.bad_utf8"} <= set(codes)
    bad = c["warning_codes"][codes.index("text.bad_utf8")]
    assert isinstance(bad["params"]["n"], int) and bad["params"]["n"] >= 1
    for text, code in zip(c["warnings"], c["warning_codes"]):
        assert WARNINGS[code["code"]].format(**code["params"]) == text  # the text, made again from its code


def test_warnings_are_shown_in_the_language_chosen(tmp_path):
    from pipeline.i18n.warning_codes import show, shown

    c = _contract_of_text(tmp_path, "to-trinh.txt", HANDWRITTEN_HEADER.encode("utf-8"))
    assert shown(c, "vi") == ["phần đầu: số văn bản để trống hoặc viết tay (không đọc được)",
                              "phần đầu: ngày ban hành để trống hoặc viết tay (không đọc được)"]
    assert shown(c, "en") == c["warnings"]
    # a warning of a PDF page, its reason a message too: both translated
    assert show("page 3: text layer has unmapped glyphs (cid codes); used OCR instead", "vi") == (
        "trang 3: lớp chữ có ký tự không giải mã được (mã cid); đã nhận dạng bằng OCR")
    assert show("page 2: OCR timed out after 30 s; the page has no text", "vi") == (
        "trang 2: nhận dạng (OCR) quá thời gian sau 30 giây; trang không có chữ")
    # the words of the document in a parameter stay as they are
    assert show("page 1: e-signature stamp text left out: Người ký: Sở Tư pháp", "vi") == (
        "trang 1: bỏ qua chữ của dấu chữ ký số: Người ký: Sở Tư pháp")
    # an archive stored before the codes: read back from the text; a text no template makes, as it is
    assert shown({"warnings": ["page 4: OCR found no text", "something new"]}, "vi") == [
        "trang 4: nhận dạng (OCR) không tìm thấy chữ", "something new"]


def test_every_warning_template_reads_back_to_its_own_code():
    """No two templates can make the same text (the most specific template wins, so each must)."""
    from pipeline.i18n.warning_codes import WARNINGS, parse

    for code, template in WARNINGS.items():
        sample = template.format(**{k: f"x{i}" for i, k in enumerate(re.findall(r"\{([a-z_]+)\}", template))})
        assert parse(sample)["code"] == code, (code, sample)


def test_the_readers_make_warnings_only_from_codes():
    """A warning written as an f-string in a reader would have no code: every .warnings.append /
    warnings.append in pipeline/read and pipeline/segment goes through warning(code, ...)."""
    import ast

    found = []
    for folder in ("read", "segment"):
        for path in sorted((catalogue.PACKAGE / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "append" and "warnings" in ast.unparse(node.func.value)
                        and node.args and isinstance(node.args[0], (ast.JoinedStr, ast.Constant, ast.BinOp))):
                    found.append(f"{path.name}:{node.lineno}")
    assert found == []


def test_show_and_extract_print_warnings_in_the_language_chosen(tmp_path, capsys):
    """The archive keeps the English text and its code; `baocao show` and `baocao extract` print it
    in Vietnamese, or in English with --lang en (the words of a person's screen, not the contract's)."""
    from pipeline.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    doc = folder / "to-trinh.txt"
    doc.write_text(HANDWRITTEN_HEADER + "\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, PC04.\n", encoding="utf-8")
    db = str(tmp_path / "a.db")
    assert main(["ingest", str(folder), "--db", db, "--quiet", "--workers", "1"]) == 0
    capsys.readouterr()
    try:
        assert main(["--lang", "vi", "show", str(doc), "--db", db]) == 0
        out = capsys.readouterr().out
        assert "cảnh báo: phần đầu: số văn bản để trống hoặc viết tay (không đọc được)" in out
        assert "Nơi nhận: Như trên; Lưu: VT, PC04" in out
        assert main(["--lang", "en", "show", str(doc), "--db", db]) == 0
        out = capsys.readouterr().out
        assert "warning: header: document number is blank or handwritten (unreadable)" in out
        assert "Distribution: Như trên" in out and "Nơi nhận: Như" not in out
        assert main(["--lang", "vi", "extract", str(doc)]) == 0
        assert "phần đầu: ngày ban hành để trống hoặc viết tay" in capsys.readouterr().out
        assert main(["extract", str(doc), "--json"]) == 0
        contract = json.loads(capsys.readouterr().out)
        assert contract["warnings"][0] == "header: document number is blank or handwritten (unreadable)"
        assert contract["warning_codes"][0] == {"code": "header.number_blank", "params": {}}
    finally:
        i18n.set_language()


@pytest.mark.parametrize("text, handwritten", [
    # warnings stored in the archive of corpus/real (scanned Tờ trình, Công văn with numbers filled in by hand)
    ('page 1: the number of the line "Số: … /BC-UBND" looks handwritten (taller than the print and below its '
     'baseline); left out', True),
    ('page 1: the number of the line "Só: …CAT-PA05" looks handwritten (read with confidence 11); left out', True),
    ("header: document number is blank or handwritten (unreadable)", True),
    ("header: day of the issue date is blank or handwritten (unreadable)", True),
    ("header: document number could not be read", False),
    ("page 2: no text layer; used OCR instead", False),
    # the word in a parameter (a stamp's text) is not the warning's meaning
    ("page 1: e-signature stamp text left out: Ký bởi: handwritten signature service", False),
])
def test_handwriting_is_known_by_the_warning_code_not_by_a_word(text, handwritten):
    from pipeline.i18n import warning_codes
    assert warning_codes.is_handwriting(text) is handwritten


def test_the_catalogue_lists_messages_in_the_order_they_are_written(tmp_path):
    """--update writes the .po in code order, line by line: a message moved one call deeper does not
    reorder the others (ast.walk alone goes breadth first, and rewrote lines no one changed)."""
    from pipeline.i18n.catalogue import extract

    (tmp_path / "a.py").write_text(
        'def f(x):\n'
        '    if x:\n'
        '        return g(N_("first, nested deep"))\n'
        '    return N_("second, at the top")\n', "utf-8")
    (tmp_path / "b.py").write_text('N_("third, next file")\n', "utf-8")
    assert list(extract(tmp_path)) == ["first, nested deep", "second, at the top", "third, next file"]

