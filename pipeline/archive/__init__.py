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

from .. import lazy
from ..read import ReadOptions
from . import queries, store
from .frames import typed
from .ingest import DEFAULT_TIMEOUT, Ingest, IngestSummary

pd = lazy.module("pandas")  # imported when a data frame is first made (not by `baocao ingest`)

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
        read_options: ReadOptions | dict | None = None,
        prune: bool = False,
    ) -> IngestSummary:
        """Archive every document under ``folder``: new and changed files are processed (through
        ``executor`` when given, else ``workers`` processes), unchanged ones skipped, moved ones
        re-pathed, copies recorded as files of the same document, files no longer there marked gone
        (deleted with ``prune``). ``read_options`` go to read() for every file (a ReadOptions, or a dict
        of its options: page_timeout, max_pages, max_pixels …; an unknown one is refused before any file
        is read; ocr_workers is the ingest's own). Returns counts, failures and time."""
        return Ingest(
            self.writer, folder, workers=workers, executor=executor, timeout=timeout, progress=progress,
            db_path=self.path, read_options=read_options, prune=prune,
        ).run()

    def add(self, contract: dict, **file_info) -> int:
        """Store one file's baocao.report/1 dict (replacing the file at the same path) and place it
        in its document (grouped with the files that are the same document); returns the document id."""
        return store.write_document(self.writer, contract, **file_info)

    def add_many(self, contracts, *, group: bool = True, **file_info) -> int:
        """Store many contracts in one transaction (bulk loading, benchmarks). Returns how many.
        ``group=False``: each is its own document unless it has a copy (contracts known distinct)."""
        n = 0
        with store.transaction(self.writer):
            for contract in contracts:
                store.insert_document(self.writer, contract, group=group, **file_info)
                n += 1
        return n

    # ---------------------------------------------------------------- queries

    def citations(self, quarter: str | None = None, *, by: str = "period", type: str | None = None,
                  issuer: str | None = None, agency: str | None = None, include_gone: bool = False) -> pd.DataFrame:
        return typed(queries.citations(self.reader, quarter, by=by, type=type, issuer=issuer, agency=agency,
                                       include_gone=include_gone))

    def search(self, query: str, *, limit: int = 50) -> pd.DataFrame:
        return typed(queries.search(self.reader, query, limit=limit))

    def counts(self, unit: str | None = None, *, by: str = "quarter", include_gone: bool = False) -> pd.DataFrame:
        return typed(queries.counts(self.reader, unit, by=by, include_gone=include_gone))

    def agencies(self, *, include_gone: bool = False) -> pd.DataFrame:
        return typed(queries.agencies(self.reader, include_gone=include_gone))

    def failures(self) -> pd.DataFrame:
        return typed(queries.failures(self.reader))

    def documents(self, *, include_gone: bool = False) -> pd.DataFrame:
        """One row per document; ``files`` names the files it is archived in."""
        return typed(queries.documents(self.reader, include_gone=include_gone))

    def files(self, *, include_gone: bool = True) -> pd.DataFrame:
        """One row per archived file, with its document and whether it is gone from its folder."""
        return queries.files(self.reader, include_gone=include_gone)

    def cited_by(self, number: str, *, include_gone: bool = False) -> pd.DataFrame:
        """Documents citing ``number``; ``df.attrs["cited"]`` says whether it is itself archived."""
        info, df = queries.cited_by(self.reader, number, include_gone=include_gone)
        df = typed(df)
        df.attrs["cited"] = info
        return df

    # ---------------------------------------------------------------- grouping decisions

    def split(self, file: str) -> int:
        """Take a file (path or name) out of the document it was grouped into; the decision is kept
        across re-ingest. Returns its document's id."""
        from ..errors import UsageError

        file_id = queries.find_file(self.writer, file)
        if file_id is None:
            raise UsageError(f"no archived file {file}")
        with store.transaction(self.writer):
            return store.split_file(self.writer, file_id)

    def merge(self, a: str | int, b: str | int) -> int:
        """Make two documents (by id, path, file name or number) one; kept across re-ingest."""
        from ..errors import UsageError

        ids = []
        for ref in (a, b):
            doc_id = queries.find_document(self.writer, ref)
            if doc_id is None:
                raise UsageError(f"not in the archive: {ref}")
            ids.append(doc_id)
        if ids[0] == ids[1]:
            raise UsageError(f"{a} and {b} are already one document (id {ids[0]})")
        with store.transaction(self.writer):
            return store.merge_documents(self.writer, *ids)

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

    def export(self, out: str | Path, format: str = "csv", *, include_gone: bool = False) -> list[Path]:
        from .export import export

        return export(self.reader, out, format, include_gone=include_gone)
