"""Where a draft's inputs come from: the previous report (a file, or an archived document) and the
archived documents a draft may draw on, each as a baocao.report/1 dict."""
from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from ..errors import UsageError
from .period import Period


def previous_report(ref: str, db: str | None = None) -> dict:
    """The report to draft from: an archived document (id, path, file name or number) when an
    archive is given and holds it, else the file ``ref`` read through the pipeline."""
    if db and os.path.exists(db):
        from ..archive import Archive

        with Archive(db) as archive:
            doc_id = archive.find(ref)
            if doc_id is not None:
                return archive.get(doc_id)
    if not Path(ref).is_file():
        where = f" nor in the archive {db}" if db else " (give --db to look it up in an archive)"
        raise UsageError(f"{ref}: no such file{where}")
    from .. import process
    from ..contract import to_contract

    return to_contract(process(ref))


def archived_documents(db: str | None, previous: Period, new: Period) -> list[dict]:
    """The archived documents a draft from ``previous`` to ``new`` may need: those issued from the
    start of the previous period to shortly after the new one ends, and the reports covering the
    period before the previous one."""
    if not db:
        return []
    if not os.path.exists(db):
        raise UsageError(f"{db}: no such archive (create it with `baocao ingest FOLDER --db {db}`)")
    from ..archive import Archive

    first = min(previous.start, new.start).isoformat()
    last = (max(previous.end, new.end) + timedelta(days=92)).isoformat()
    before = previous.previous().start.isoformat()
    with Archive(db) as archive:
        docs = archive.documents()
        wanted = docs[
            ((docs["date"] >= first) & (docs["date"] <= last)) | (docs["period_start"] == before)
        ]
        return [archive.get(int(doc_id)) for doc_id in wanted["id"]]
