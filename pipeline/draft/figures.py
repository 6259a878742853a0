"""The figures of a draft as an .xlsx: each count to fill, with last period's value, the value of the
period before (from the archive) and where each came from; plus the sources and notes of the draft."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from .compose import Draft

YELLOW = PatternFill("solid", fgColor="FFFF00")


def figure_rows(draft: Draft) -> tuple[list[str], list[list]]:
    """The figures table as a header and rows (also what tests and the CLI summary read)."""
    new, old, before = draft.period, draft.previous_period, draft.previous_period.previous()
    header = [
        "Mục", "Tên mục", "Chỉ tiêu (như in)", "Đơn vị", "Hạn định",
        f"{new} (điền)", f"{old}", f"Nguồn {old}",
        f"{before}", f"Nguồn {before}",
    ]
    rows = []
    for f in draft.figures:
        source = f"{f.document}, trang {f.page}, mục {f.section}"
        before_source = (
            f"{f.before_document}, trang {f.before_page}, mục {f.before_section}" if f.before_document else None
        )
        rows.append([
            f.section, f.section_title, f.text, f.unit, f.qualifier,
            None, f.value, source,
            f.before_value, before_source,
        ])
    return header, rows


def write_figures(draft: Draft, path: str | Path) -> Path:
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    header, rows = figure_rows(draft)
    ws.append(header)
    for row in rows:
        ws.append(row)
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2, min_col=6, max_col=6):
        row[0].fill = YELLOW
    for letter, width in zip("ABCDEFGHIJ", (8, 30, 30, 12, 10, 14, 12, 40, 12, 40)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"

    sources = wb.create_sheet("Nguồn")
    sources.append(["Nội dung", "Văn bản", "Trang", "Mục"])
    for s in draft.sources:
        sources.append([s.what, s.document, s.page, s.section])
    for cell in sources[1]:
        cell.font = bold
    notes = wb.create_sheet("Ghi chú")
    notes.append(["Ghi chú cho người soạn"])
    notes["A1"].font = bold
    for note in draft.notes:
        notes.append([note])
    wb.save(path)
    return path
