"""The message catalogues: every message in the code has its Vietnamese translation, the shipped
.mo is compiled from the shipped .po, and the language is chosen as documented."""
from __future__ import annotations

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
