"""Export every archive table: one CSV or Parquet file per table, or one xlsx workbook with one
sheet per table. Vietnamese text is kept as is (CSV is UTF-8 with a BOM, so Excel reads it).
File names are fixed (the table names), so nothing is ever written outside the folder given."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import MissingDependency, UsageError
from .store import EXPORT_TABLES

FORMATS = ("csv", "xlsx", "parquet")
XLSX_CELL_LIMIT = 32767  # characters Excel keeps in one cell


def _table(conn, name: str) -> pd.DataFrame:
    cur = conn.execute(f'SELECT * FROM "{name}" ORDER BY id')  # name comes from EXPORT_TABLES only
    return pd.DataFrame.from_records(cur.fetchall(), columns=[c[0] for c in cur.description])


def _inside(out: Path, name: str) -> Path:
    target = (out / name).resolve()
    if target.parent != out:
        raise UsageError(f"refusing to write {target} outside {out}")
    return target


def export(conn, out: str | Path, format: str = "csv") -> list[Path]:
    if format not in FORMATS:
        raise UsageError(f"unknown export format {format!r}: use csv, xlsx or parquet")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out must be a folder, and {out} is a file")
    out.mkdir(parents=True, exist_ok=True)
    out = out.resolve()
    frames = {name: _table(conn, name) for name in EXPORT_TABLES}
    written: list[Path] = []
    if format == "csv":
        for name, df in frames.items():
            target = _inside(out, f"{name}.csv")
            df.to_csv(target, index=False, encoding="utf-8-sig")
            written.append(target)
    elif format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError as e:
            raise MissingDependency("Parquet export needs pyarrow: pip install 'baocao[parquet]'") from e
        for name, df in frames.items():
            target = _inside(out, f"{name}.parquet")
            df.to_parquet(target, index=False)
            written.append(target)
    else:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        def clean(value):
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
                if len(value) > XLSX_CELL_LIMIT:  # the full text is in the CSV/Parquet export
                    value = value[: XLSX_CELL_LIMIT - 1] + "…"
            return value

        target = _inside(out, "archive.xlsx")
        with pd.ExcelWriter(target, engine="openpyxl") as writer:
            for name, df in frames.items():
                df.map(clean).to_excel(writer, sheet_name=name[:31], index=False)
        written.append(target)
    return written
