"""Column types of the DataFrames the Archive returns: dates as datetime64, timestamps as UTC
datetime64, pages and counts of things as nullable Int64 (a missing page stays missing, the
others stay whole numbers), so pandas sorts, filters and resamples them as what they are.

The SQLite store keeps ISO 8601 text (what Datasette, DuckDB and sqlite3 show); the types are
given here, on the way out, and machine outputs (--json, --csv) write them back as ISO text."""
from __future__ import annotations

from .. import lazy

pd = lazy.module("pandas")  # imported when a data frame is first made (not by `baocao ingest`)

DATE_COLUMNS = frozenset({"date", "period_start", "period_end"})
TIMESTAMP_COLUMNS = frozenset({"ingested_at", "failed_at", "first_seen", "last_seen"})
INTEGER_COLUMNS = frozenset({
    "id", "document_id", "cited_id", "page", "pages", "ocr_pages", "mentions", "documents", "issued",
    "size", "mtime_ns", "span_start", "span_end", "ord", "n_files", "gone", "best",
})


def typed(df: pd.DataFrame) -> pd.DataFrame:
    """df with its date, timestamp and integer columns typed (attrs kept)."""
    if df is None:
        return df
    attrs = dict(df.attrs)
    out = df.copy()
    for column in out.columns:
        name = str(column)
        if name in DATE_COLUMNS:
            out[column] = pd.to_datetime(out[column], errors="coerce", format="ISO8601").astype("datetime64[ns]")
        elif name in TIMESTAMP_COLUMNS:
            out[column] = pd.to_datetime(out[column], errors="coerce", format="ISO8601", utc=True)
        elif name in INTEGER_COLUMNS:
            out[column] = _integers(out[column])
    out.attrs = attrs
    return out


def _integers(series: pd.Series) -> pd.Series:
    numbers = pd.to_numeric(series, errors="coerce")
    whole = numbers.dropna()
    if not (whole == whole.round()).all():
        return numbers  # not whole numbers after all: leave them as floats rather than lose a part
    return numbers.round().astype("Int64")


def iso(value, column: str | None = None):
    """A cell as a machine output writes it: ISO dates and timestamps, None for missing values."""
    if value is None or value is pd.NaT:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):  # lists, dicts
        return value
    if isinstance(value, pd.Timestamp):
        if column in TIMESTAMP_COLUMNS or value.tzinfo is not None:
            return value.isoformat()
        if value == value.normalize():
            return value.date().isoformat()
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def machine(df: pd.DataFrame) -> pd.DataFrame:
    """df with datetime columns as ISO text, for CSV."""
    out = df.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = pd.array([iso(v, str(column)) for v in out[column]], dtype="object")
    return out
