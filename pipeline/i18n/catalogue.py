"""The message catalogues: find the messages in the code, read a .po file, write its .mo.

    python -m pipeline.i18n.catalogue            # compile every locale/*/LC_MESSAGES/baocao.po to .mo
    python -m pipeline.i18n.catalogue --missing  # messages in the code that vi's baocao.po lacks
    python -m pipeline.i18n.catalogue --update   # add them to baocao.po (untranslated), then compile

A message is the string literal given to ``_``, ``N_``, ``gettext`` or ``ngettext`` (singular and
plural) anywhere in ``pipeline/``, and in the web app's templates (``{{ _("Search") }}``, Jinja2's i18n
extension). The .mo format is GNU gettext's (what Python's gettext reads);
no external msgfmt is needed.
"""
from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

from . import DOMAIN, LOCALE_DIR

PACKAGE = Path(__file__).resolve().parent.parent
MARKERS = {"_", "N_", "gettext"}
PLURAL_MARKERS = {"ngettext"}


def _template_messages(root: Path, found: dict) -> None:
    """The messages of the Jinja2 templates under root (``_``, ``gettext``, ``ngettext`` calls)."""
    templates = sorted(root.rglob("templates/*.html"))
    if not templates:
        return
    from jinja2 import Environment

    env = Environment(extensions=["jinja2.ext.i18n"])
    for path in templates:
        for _line, function, message in env.extract_translations(path.read_text("utf-8")):
            if isinstance(message, tuple):
                singular, plural = (message + (None,))[:2]
                if singular and plural and function == "ngettext":
                    found[singular] = plural
                elif singular:
                    found.setdefault(singular, None)
            elif message:
                found.setdefault(message, None)


def extract(root: Path = PACKAGE) -> dict[str, str | None]:
    """msgid -> msgid_plural (or None), every message marked in the code and templates under root."""
    found: dict[str, str | None] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), str(path))
        # in the order they are written (ast.walk goes breadth first: a call moved one level deeper
        # would reorder the .po and rewrite lines no one changed)
        calls = sorted((n for n in ast.walk(tree) if isinstance(n, ast.Call)), key=lambda n: (n.lineno, n.col_offset))
        for node in calls:
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            args = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args]
            if name in MARKERS and args and args[0]:
                found.setdefault(args[0], None)
            elif name in PLURAL_MARKERS and len(args) >= 2 and args[0] and args[1]:
                found[args[0]] = args[1]
    _template_messages(root, found)
    return found


def _unquote(text: str) -> str:
    return ast.literal_eval(text)


def read_po(path: Path) -> dict[str, str | list[str]]:
    """msgid (for a plural: "singular\\x00plural") -> msgstr (a list for plurals). Fuzzy and empty
    translations are left out, as msgfmt does."""
    entries: dict[str, str | list[str]] = {}
    current: dict = {}
    field = None
    fuzzy = False

    def flush():
        nonlocal current, fuzzy
        if "msgid" in current and not fuzzy:
            msgid = current["msgid"]
            if "msgid_plural" in current:
                forms = [current[k] for k in sorted(k for k in current if k.startswith("msgstr["))]
                if all(forms):
                    entries[msgid + "\x00" + current["msgid_plural"]] = forms
            elif current.get("msgstr") or msgid == "":
                entries[msgid] = current.get("msgstr", "")
        current, fuzzy = {}, False

    for raw in path.read_text("utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            field = None
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                if "msgid" in current:
                    flush()
                fuzzy = True
            continue
        if line.startswith('"'):
            current[field] += _unquote(line)
            continue
        key, _, value = line.partition(" ")
        if key == "msgid" and "msgid" in current:
            flush()
        field = key
        current[key] = _unquote(value)
    flush()
    return entries


def mo_bytes(entries: dict[str, str | list[str]]) -> bytes:
    """The GNU .mo file of these entries (keys sorted, no hash table)."""
    items = sorted((k.encode("utf-8"), ("\x00".join(v) if isinstance(v, list) else v).encode("utf-8"))
                   for k, v in entries.items())
    n = len(items)
    keys_start = 7 * 4
    values_start = keys_start + n * 8
    data_start = values_start + n * 8
    ids, strs, offsets_k, offsets_v = b"", b"", [], []
    for k, v in items:
        offsets_k.append((len(k), len(ids)))
        ids += k + b"\x00"
    for k, v in items:
        offsets_v.append((len(v), len(strs)))
        strs += v + b"\x00"
    out = struct.pack("<7I", 0x950412DE, 0, n, keys_start, values_start, 0, data_start)
    out += b"".join(struct.pack("<2I", length, data_start + at) for length, at in offsets_k)
    out += b"".join(struct.pack("<2I", length, data_start + len(ids) + at) for length, at in offsets_v)
    return out + ids + strs


HEADER = (
    'msgid ""\nmsgstr ""\n'
    '"Project-Id-Version: baocao\\n"\n'
    '"Language: {language}\\n"\n'
    '"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: {plural}\\n"\n'
)
PLURAL_FORMS = {"vi": "nplurals=1; plural=0;", "en": "nplurals=2; plural=(n != 1);"}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def po_text(language: str, messages: dict[str, str | None], translations: dict) -> str:
    """A .po file: the header, then every message in code order with its translation (empty when
    there is none yet: msgfmt leaves it out and the English shows)."""
    out = [HEADER.format(language=language, plural=PLURAL_FORMS.get(language, PLURAL_FORMS["en"]))]
    for msgid, plural in messages.items():
        if plural is None:
            out.append(f"msgid {_quote(msgid)}\nmsgstr {_quote(translations.get(msgid) or '')}\n")
        else:
            forms = translations.get(msgid + "\x00" + plural) or [""]
            lines = [f"msgid {_quote(msgid)}", f"msgid_plural {_quote(plural)}"]
            lines += [f"msgstr[{i}] {_quote(f)}" for i, f in enumerate(forms)]
            out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def update(language: str = "vi") -> Path:
    """Rewrite the language's .po with every message now in the code (kept translations stay)."""
    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    have = read_po(po) if po.exists() else {}
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_text(po_text(language, extract(), have), "utf-8")
    return po


def catalogues() -> list[Path]:
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def compile_all() -> list[Path]:
    written = []
    for po in catalogues():
        mo = po.with_suffix(".mo")
        mo.write_bytes(mo_bytes(read_po(po)))
        written.append(mo)
    return written


def missing(language: str = "vi") -> list[str]:
    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    have = read_po(po) if po.exists() else {}
    out = []
    for msgid, plural in extract().items():
        key = msgid if plural is None else msgid + "\x00" + plural
        if key not in have:
            out.append(msgid)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--update" in argv:
        print(update().relative_to(PACKAGE.parent))
    if "--missing" in argv:
        for msgid in missing():
            print(repr(msgid))
        return 0
    for path in compile_all():
        print(path.relative_to(PACKAGE.parent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
