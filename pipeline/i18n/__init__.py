"""What a person reads, in their language: Vietnamese first, English with ``--lang en`` or LANG=en*.

The messages are Python's gettext catalogues shipped with the package (``locale/vi/LC_MESSAGES/
baocao.po``, compiled to ``baocao.mo`` by ``python -m pipeline.i18n.msgfmt``; a test checks the
``.mo`` is current and that every message in the code has its translation). Message ids are the
English text, so English needs no catalogue and a missing translation shows English, never nothing.

    from pipeline.i18n import _, ngettext, N_
    _("no failures recorded")               # "không có tệp nào lỗi" in Vietnamese
    ngettext("{n} file", "{n} files", n)

Dates people read are dd/mm/yyyy, timestamps in local time (``show_date``, ``show_time``); machine
outputs (--json, --csv, --iso) stay ISO 8601.
"""
from __future__ import annotations

import gettext as _gettext
import os
import re
from datetime import date, datetime, timezone
from pathlib import Path

DOMAIN = "baocao"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("vi", "en")
DEFAULT = "vi"

_state: dict = {"language": None, "translation": None}


def language_from_env(environ=None) -> str:
    """The language the environment asks for, the way gettext reads it (LANGUAGE, LC_ALL,
    LC_MESSAGES, LANG: the first one set): English when it starts with "en", else Vietnamese."""
    environ = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            first = value.split(":")[0].strip().lower()
            return "en" if first.startswith("en") else DEFAULT
    return DEFAULT


def set_language(language: str | None = None) -> str:
    """Use ``language`` ("vi", "en", or a locale name like "en_US.UTF-8"); None: from the environment."""
    if language is None:
        language = language_from_env()
    language = "en" if str(language).lower().startswith("en") else "vi" if str(language).lower().startswith("vi") else None
    if language is None:
        raise ValueError("language must be vi or en")
    if language == "en":
        translation = _gettext.NullTranslations()
    else:
        translation = _gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[language], fallback=True)
    _state.update(language=language, translation=translation)
    return language


def language() -> str:
    if _state["language"] is None:
        set_language()
    return _state["language"]


def _translation():
    if _state["translation"] is None:
        set_language()
    return _state["translation"]


def translation_for(language: str):
    """The catalogue of one language ("vi" or "en"), whatever the language chosen for the process
    (the web app speaks the language it was started with, each app its own)."""
    language = "en" if str(language).lower().startswith("en") else "vi"
    if language not in _cache:
        _cache[language] = (_gettext.NullTranslations() if language == "en" else
                            _gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[language], fallback=True))
    return _cache[language]


def _vietnamese():
    return translation_for("vi")


_cache: dict = {}


def _(message: str) -> str:
    return _translation().gettext(message)


gettext = _


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined; translated later with ``_``."""
    return message


# --------------------------------------------------------------------------- messages stored in English

_FIELD = re.compile(r"\{([^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}")
MAX_STORED = 2000  # longer stored messages are shown as they are


def _templates(translation) -> list[tuple[re.Pattern, str, list[str]]]:
    """(regex, msgid, field names) of every catalogue message with {fields}, the most literal text first,
    so the most specific template wins."""
    cached = getattr(translation, "_baocao_templates", None)
    if cached is not None:
        return cached
    out = []
    for msgid in getattr(translation, "_catalog", {}):
        if not isinstance(msgid, str) or "{" not in msgid:
            continue
        pieces = _FIELD.split(msgid)  # literal, field, literal, field, ...
        literal = "".join(pieces[0::2])
        if sum(c.isalpha() for c in literal) < 4:  # "{a}: {b}" would match anything
            continue
        pattern = "".join(re.escape(piece) if i % 2 == 0 else "(.+?)" for i, piece in enumerate(pieces))
        out.append((re.compile(pattern, re.S), msgid, pieces[1::2], len(literal)))
    out.sort(key=lambda t: -t[3])
    cached = [t[:3] for t in out]
    translation._baocao_templates = cached
    return cached


def translate(message: str | None, language: str | None = None, _depth: int = 0) -> str | None:
    """A message kept in English (a failure reason in the archive, an error's text) in the current
    language. The English text is the stable key the archive stores; shown, it is looked up in the
    catalogue: as a message, or as one formatted from a message with {fields} ("timed out after 30 s"
    from "timed out after {seconds:g} s"), whose values are translated in turn. What the catalogue
    does not have is shown as it is. language: "vi" or "en" for this call (the web page is
    Vietnamese); None: the language chosen."""
    chosen = globals()["language"]() if language is None else language
    if not message or chosen == "en" or len(message) > MAX_STORED:
        return message
    translation = _translation() if language is None else _vietnamese()
    direct = translation.gettext(message)
    if direct != message or _depth > 3:
        return direct
    for pattern, msgid, fields in _templates(translation):
        m = pattern.fullmatch(message)
        if m is None:
            continue
        values = {}
        for i, (name, value) in enumerate(zip(fields, m.groups())):
            values[name or str(i)] = translate(value, language, _depth + 1)
        order = iter(range(len(fields)))

        def fill(f):
            name = f.group(1) or str(next(order, 0))
            return values.get(name, f.group(0))

        return _FIELD.sub(fill, translation.gettext(msgid))
    return message


# --------------------------------------------------------------------------- dates people read


def show_date(value) -> str | None:
    """An ISO date (or date, Timestamp) as dd/mm/yyyy; what is not a date is returned as given."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        text = str(value)
        try:
            value = date.fromisoformat(text[:10])
        except ValueError:
            return text
        if len(text) > 10:  # a timestamp given as a date
            return show_time(text)
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def show_time(value) -> str | None:
    """An ISO timestamp (UTC or with offset) in local time, dd/mm/yyyy HH:MM."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        try:
            value = datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)  # the archive writes UTC
    local = value.astimezone()
    return local.strftime("%d/%m/%Y %H:%M")


__all__ = ["_", "N_", "gettext", "ngettext", "translate", "translation_for", "set_language", "language", "language_from_env", "show_date",
           "show_time", "LANGUAGES"]


# argparse's own words (usage, options, its errors): the catalogue has them, argparse looks them up
# through its module-level gettext functions, which the CLI points at this catalogue
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("show program's version number and exit"), N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("expected one argument"),
    N_("invalid %(type)s value: %(value)r"), N_("argument %(argument_name)s: %(message)s"),
    N_("not allowed with argument %s"),
)


def translate_argparse() -> None:
    """Point argparse's gettext at the current language (the CLI calls it once it has chosen)."""
    import argparse

    argparse._ = _
    argparse.ngettext = ngettext
