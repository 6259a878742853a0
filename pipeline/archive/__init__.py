"""The archive: many reports in one SQLite file, searchable and queryable.

    from pipeline import Archive
    archive = Archive("archive.db")
    summary = archive.ingest("corpus/real", workers=4)     # an IngestSummary
    archive.citations(quarter="2023Q1")                     # pandas DataFrame
    archive.search("mua ban nguoi")                         # snippets, match between « »
    archive.get(1)                                          # one document's baocao.report/1 dict
"""
from __future__ import annotations

import sqlite3
from concurrent.futures import Executor
from pathlib import Path

import pandas as pd

from . import queries, store
from .frames import typed
from .ingest import DEFAULT_TIMEOUT, Ingest, IngestSummary

__all__ = ["Archive", "IngestSummary"]


class Archive:
    """An archive file. Queries open it read-only (it must exist); ``ingest`` and ``add`` create
    and migrate it as needed. Every query returns a DataFrame (dates datetime64, pages and counts
    Int64: pipeline.archive.frames), ``get`` a dict."""

    def __init__(self, path: str | Path = "archive.db"):
        self.path = str(path)
        self._reader: sqlite3.Connection | None = None
        self._writer: sqlite3.Connection | None = None

    # ---------------------------------------------------------------- connections

    @property
    def reader(self) -> sqlite3.Connection:
        if self._writer is not None:
            return self._writer
        if self._reader is None:
            self._reader = store.connect(self.path, write=False)
        return self._reader

    @property
    def writer(self) -> sqlite3.Connection:
        if self._writer is None:
            if self._reader is not None:
                self._reader.close()
                self._reader = None
            self._writer = store.connect(self.path, write=True)
        return self._writer

    def close(self) -> None:
        for conn in (self._reader, self._writer):
            if conn is not None:
                conn.close()
        self._reader = self._writer = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self) -> str:
        return f"Archive({self.path!r})"

    # ---------------------------------------------------------------- writing

    def ingest(
        self,
        folder: str | Path,
        *,
        workers: int | None = None,
        executor: Executor | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        progress: bool | None = False,
        read_options: dict | None = None,
    ) -> IngestSummary:
        """Archive every document under ``folder``: new and changed files are processed (through
        ``executor`` when given, else ``workers`` processes), unchanged ones skipped, moved ones
        re-pathed. ``read_options`` go to read() for every file (page_timeout, max_pages,
        max_pixels). Returns counts, failures and time."""
        return Ingest(
            self.writer, folder, workers=workers, executor=executor, timeout=timeout, progress=progress,
            db_path=self.path, read_options=read_options,
        ).run()

    def add(self, contract: dict, **file_info) -> int:
        """Store one baocao.report/1 dict (replacing a document with the same path or sha256)."""
        return store.write_document(self.writer, contract, **file_info)

    def add_many(self, contracts, **file_info) -> int:
        """Store many contracts in one transaction (bulk loading, benchmarks). Returns how many."""
        n = 0
        with store.transaction(self.writer):
            for contract in contracts:
                store.insert_document(self.writer, contract, **file_info)
                n += 1
        return n

    # ---------------------------------------------------------------- queries

    def citations(self, quarter: str | None = None, *, by: str = "period", type: str | None = None,
                  issuer: str | None = None, agency: str | None = None) -> pd.DataFrame:
        return typed(queries.citations(self.reader, quarter, by=by, type=type, issuer=issuer, agency=agency))

    def search(self, query: str, *, limit: int = 50) -> pd.DataFrame:
        return typed(queries.search(self.reader, query, limit=limit))

    def counts(self, unit: str | None = None, *, by: str = "quarter") -> pd.DataFrame:
        return typed(queries.counts(self.reader, unit, by=by))

    def agencies(self) -> pd.DataFrame:
        return typed(queries.agencies(self.reader))

    def failures(self) -> pd.DataFrame:
        return typed(queries.failures(self.reader))

    def documents(self) -> pd.DataFrame:
        return typed(queries.documents(self.reader))

    def cited_by(self, number: str) -> pd.DataFrame:
        """Documents citing ``number``; ``df.attrs["cited"]`` says whether it is itself archived."""
        info, df = queries.cited_by(self.reader, number)
        df = typed(df)
        df.attrs["cited"] = info
        return df

    def find(self, ref: str | int) -> int | None:
        """The id of an archived document given its id, path, file name or number; None if absent."""
        return queries.find_document(self.reader, ref)

    def get(self, ref: str | int) -> dict:
        """One archived document (by id, path, file name or number) as its baocao.report/1 dict."""
        from ..errors import UsageError

        doc_id = self.find(ref)
        if doc_id is None:
            raise UsageError(queries.not_archived(self.reader, ref))
        return queries.get(self.reader, doc_id)

    show = get

    # ---------------------------------------------------------------- corrections

    def correct(self, ref: str | int, field: str, value: str | None, *, note: str | None = None,
                author: str | None = None) -> dict:
        """Correct one field of an archived document (see corrections.FIELDS); it wins everywhere
        and outlives re-ingest. Returns the stored correction."""
        from ..errors import UsageError
        from . import corrections

        doc_id = self.find(ref)
        if doc_id is None:
            raise UsageError(f"not in the archive: {ref}")
        return corrections.correct(self.writer, doc_id, field, value, note=note, author=author)

    def undo(self, correction_id: int) -> dict:
        from . import corrections

        return corrections.undo(self.writer, int(correction_id))

    def corrections(self, ref: str | int | None = None) -> pd.DataFrame:
        """Every correction (undone ones included), newest first; of one document when given."""
        from ..errors import UsageError
        from . import corrections

        doc_id = None
        if ref is not None:
            doc_id = self.find(ref)
            if doc_id is None:
                raise UsageError(f"not in the archive: {ref}")
        return pd.DataFrame(corrections.history(self.reader, doc_id), columns=[
            "id", "document_id", "field", "old_value", "new_value", "note", "created_at", "author",
            "undone_at", "settled_at", "document_number", "document_path"])

    def stats(self) -> dict:
        return queries.counts_summary(self.reader)

    def export(self, out: str | Path, format: str = "csv") -> list[Path]:
        from .export import export

        return export(self.reader, out, format)
