"""How values are written on the pages: Vietnamese labels, dates dd/mm/yyyy, periods "quý II/2023",
and the pipeline's warnings in Vietnamese."""
from __future__ import annotations

import re

from ..errors import UsageError
from ..period import parse_period, period_of

FIELD_LABELS = {
    "doc_type": "Loại văn bản",
    "number": "Số, ký hiệu",
    "parent_agency": "Cơ quan chủ quản",
    "agency": "Cơ quan ban hành",
    "place": "Địa danh",
    "date": "Ngày ban hành",
    "subject": "Trích yếu",
    "period": "Kỳ báo cáo",
}
WHERE_LABELS = {"header": "phần đầu", "body": "nội dung", "footnote": "chú thích", "distribution": "nơi nhận",
                "opening": "mở đầu", "closing": "kết thúc", "section": "mục", "table": "bảng", "page": "trang",
                "subject": "trích yếu"}
FORMAT_LABELS = {"pdf": "PDF", "image": "ảnh", "docx": "DOCX", "doc": "DOC", "text": "văn bản thuần"}
SOURCE_LABELS = {"text-layer": "lớp chữ", "ocr": "nhận dạng (OCR)", "mixed": "lớp chữ và OCR",
                 "legacy-converted": "đã chuyển mã", "plain": "văn bản thuần"}
KIND_LABELS = {"day": "ngày", "range": "khoảng", "month": "tháng", "quarter": "quý", "half": "6 tháng", "year": "năm"}

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")

def vn_date(value) -> str:
    """'2023-03-28' -> '28/03/2023'; anything else as is, None as '—'."""
    if not value or not isinstance(value, str):
        return "—"
    m = _ISO.match(value)
    return f"{m[3]}/{m[2]}/{m[1]}" if m else value


def vn_datetime(value) -> str:
    if not value or not isinstance(value, str):
        return "—"
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})", value)
    return f"{m[3]}/{m[2]}/{m[1]} {m[4]}:{m[5]} UTC" if m else value


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


def vn_warning(text: str) -> str:
    """A warning of the contract (kept in English, with a stable code) as the page's language shows it."""
    from ..i18n.warning_codes import show

    return show(text, "vi")


def vn_reason(text: str | None) -> str:
    """A failure reason (kept in English in the archive) in Vietnamese, from the catalogue."""
    from ..i18n import translate

    return translate(text, "vi") or "—"


def vn_failure_kind(kind: str | None) -> str:
    from ..archive.ingest import FAILURE_KINDS
    from ..i18n import translate

    return translate(FAILURE_KINDS.get(kind, kind), "vi") or "—"


def field_label(key: str) -> str:
    """A field's label; a signer's form ("signer.2") and its parts, and Nơi nhận, as corrections names them."""
    from ..archive.corrections import label

    m = re.fullmatch(r"signer\.([1-9][0-9]?)", key or "")
    if m:
        return f"Người ký {m.group(1)}"
    return FIELD_LABELS.get(key) or label(key)


def filters(env) -> None:
    env.filters.update(vn_date=vn_date, vn_datetime=vn_datetime, vn_period=vn_period, vn_quarter=vn_quarter,
                       vn_warning=vn_warning, field_label=field_label, vn_reason=vn_reason,
                       vn_failure_kind=vn_failure_kind,
                       where_label=lambda w: WHERE_LABELS.get(w, w or "—"),
                       format_label=lambda f: FORMAT_LABELS.get(f, f or "—"),
                       source_label=lambda s: SOURCE_LABELS.get(s, s or "—"),
                       kind_label=lambda k: KIND_LABELS.get(k, k or "—"),
                       num=lambda v: ("—" if v is None else (f"{int(v):,}".replace(",", ".") if float(v).is_integer() else str(v).replace(".", ","))))
