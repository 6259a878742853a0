"""How values are written on the pages: labels from the gettext catalogue (Vietnamese first, English
when the app was started with --lang en or LANG=en*), dates dd/mm/yyyy, periods "quý II/2023", and the
pipeline's warnings by their codes."""
from __future__ import annotations

import re

from ..errors import UsageError
from ..i18n import N_, translation_for
from ..period import parse_period, period_of

# labels of the page, translated with the app's catalogue when shown (the English is the message id);
# the fields' own labels are archive.corrections.FIELDS (the CLI's too)
WHERE_LABELS = {"header": N_("header"), "body": N_("body"), "footnote": N_("footnote"), "distribution": N_("distribution"),
                "opening": N_("opening"), "closing": N_("closing"), "section": N_("section"), "table": N_("table"),
                "page": N_("page"), "subject": N_("subject")}
FORMAT_LABELS = {"pdf": "PDF", "image": N_("image"), "docx": "DOCX", "doc": "DOC", "text": N_("plain text")}
KIND_LABELS = {"day": N_("day"), "range": N_("range"), "month": N_("month"), "quarter": N_("quarter"),
               "half": N_("half-year"), "year": N_("year")}

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def vn_date(value) -> str:
    """'2023-03-28' -> '28/03/2023'; anything else as is, None as '—'."""
    if not value or not isinstance(value, str):
        return "—"
    m = _ISO.match(value)
    return f"{m[3]}/{m[2]}/{m[1]}" if m else value


def vn_datetime(value) -> str:
    """A timestamp of the archive (UTC) in local time, dd/mm/yyyy HH:MM."""
    from ..i18n import show_time

    return show_time(value) if value and isinstance(value, str) else "—"


def vn_period(period) -> str:
    """A contract period dict -> 'quý II/2023' (the label as printed when not one whole period)."""
    if not period:
        return "—"
    try:
        p = period_of(period["start"], period["end"])
    except (KeyError, ValueError, TypeError):
        p = None
    return p.label(short=True) if p else (period.get("label") or "—")


def vn_quarter(code: str | None) -> str:
    """'2023Q2' -> 'quý II/2023' (pipeline.period); anything but a quarter's code is shown as it is."""
    try:
        p = parse_period(code) if code else None
    except UsageError:
        p = None
    return p.label(short=True) if p and p.kind == "quarter" and p.code == code else (code or "—")


def field_label(key: str, gettext=None) -> str:
    """A field's label; a signer's form ("signer.2") and its parts, and Nơi nhận, as corrections names them."""
    from ..archive.corrections import label

    gettext = gettext or translation_for("vi").gettext
    m = re.fullmatch(r"signer\.([1-9][0-9]?)", key or "")
    if m:
        return gettext("Signer {n}").format(n=m.group(1))
    return label(key, gettext)


def vn_warning(text: str, language: str = "vi") -> str:
    """A warning of the contract (kept in English, with a stable code) in the page's language."""
    from ..i18n.warning_codes import show

    return show(text, language)


def vn_reason(text: str | None, language: str = "vi") -> str:
    """A failure reason (kept in English in the archive) in the page's language, from the catalogue."""
    from ..i18n import translate

    return translate(text, language) or "—"


def vn_failure_kind(kind: str | None, language: str = "vi") -> str:
    from ..archive.ingest import FAILURE_KINDS
    from ..i18n import translate

    return translate(FAILURE_KINDS.get(kind, kind), language) or "—"


def filters(env, language: str = "vi") -> None:
    """The page's filters, in ``language`` ("vi" or "en")."""

    gettext = translation_for(language).gettext

    def label(table):
        return lambda key: gettext(table[key]) if key in table else (key or "—")

    env.filters.update(
        vn_date=vn_date, vn_datetime=vn_datetime, vn_period=vn_period, vn_quarter=vn_quarter,
        vn_warning=lambda text: vn_warning(text, language), vn_reason=lambda text: vn_reason(text, language),
        vn_failure_kind=lambda kind: vn_failure_kind(kind, language),
        field_label=lambda key: field_label(key, gettext),
        where_label=label(WHERE_LABELS), format_label=label(FORMAT_LABELS), kind_label=label(KIND_LABELS),
        num=lambda v: ("—" if v is None else (f"{int(v):,}".replace(",", ".") if float(v).is_integer() else str(v).replace(".", ","))))
