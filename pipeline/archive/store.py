"""The archive's SQLite store: schema, forward migrations, and writing one document.

One row per archived file in ``documents`` (its full ``baocao.report/1`` JSON included), one row
per section, footnote and mention in the tables named after the contract's lists. Every mention
row keeps its provenance: document, page, where, section and span.

Search: ``passages_fts`` indexes the ``fold()``ed text of every section, footnote, opening and
closing (and of each page when a report could not be segmented), and of every body table, a line
per row with its cells joined by " | " (a table's text is not in its section's text). ``fold`` keeps
the length, so a match offset in the folded text is the same offset in the original, which is what
snippets show.

Cited documents: each reference points to one ``cited_documents`` row keyed by its normalised
number ("715/BCĐ-CAT" and "715/BCD - CAT" are one document), or by type + title when it has no
number. A cited document is "archived" when a ``documents.number_norm`` equals its number key.

The schema version is ``PRAGMA user_version``; ``migrate`` runs each step from the database's
version up to ``SCHEMA_VERSION``, in one transaction per step.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from ..errors import ArchiveError
from ..text import fold
from . import corrections

SCHEMA_VERSION = 2

MENTION_TABLES = ("references", "dates", "counts", "agencies", "people")
# tables a document owns: deleted with it, exported one file each
DOCUMENT_TABLES = ("sections", "footnotes", *MENTION_TABLES, "signers", "distribution", "pages")
EXPORT_TABLES = ("documents", *DOCUMENT_TABLES, "cited_documents", "failures", "corrections")

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACE = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w]+")


def normalise_number(number: str | None) -> str | None:
    """'715/BCĐ-CAT', '715/BCD - CAT' and '715/bcđ–cat' -> '715/BCD-CAT' (fold, no spaces, one dash)."""
    if not number:
        return None
    key = _SPACE.sub("", _DASHES.sub("-", fold(number))).upper()
    key = key.strip(".,;:")
    return key or None


def normalise_title(text: str | None) -> str:
    return " ".join(_NOT_WORD.sub(" ", fold(text or "")).split())


def cited_key(ref: dict) -> str | None:
    """The key that makes two references to the same document one cited document."""
    number = normalise_number(ref.get("number"))
    if number:
        return "N:" + number
    title = normalise_title(ref.get("title"))
    if title:
        return "T:" + normalise_title(ref.get("type")) + "|" + title
    return None


# --------------------------------------------------------------------------- schema

_MENTION_COLUMNS = """
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    text TEXT NOT NULL,
    page INTEGER,
    "where" TEXT,
    section TEXT,
    span_start INTEGER,
    span_end INTEGER"""

_V1 = f"""
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    format TEXT,
    pages INTEGER,
    text_source TEXT,
    doc_type TEXT,
    number TEXT,
    agency TEXT,
    parent_agency TEXT,
    place TEXT,
    date TEXT,
    subject TEXT,
    period_label TEXT,
    period_start TEXT,
    period_end TEXT,
    contract TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE UNIQUE INDEX documents_path ON documents(path);
CREATE INDEX documents_period ON documents(period_start, period_end);
CREATE INDEX documents_date ON documents(date);

CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    key TEXT,
    number TEXT,
    title TEXT,
    level INTEGER,
    page INTEGER,
    parent_key TEXT,
    text TEXT
);
CREATE INDEX sections_document ON sections(document_id);

CREATE TABLE footnotes (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    marker TEXT,
    text TEXT,
    page INTEGER,
    anchor_section TEXT
);
CREATE INDEX footnotes_document ON footnotes(document_id);

CREATE TABLE pages (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    text TEXT
);
CREATE INDEX pages_document ON pages(document_id);

CREATE TABLE cited_documents (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    number TEXT,
    type TEXT,
    title TEXT,
    display TEXT NOT NULL
);

CREATE TABLE "references" ({_MENTION_COLUMNS},
    cited_id INTEGER REFERENCES cited_documents(id),
    type TEXT, number TEXT, title TEXT, date TEXT, issuer TEXT, subject TEXT,
    type_code TEXT, issuer_code TEXT, unit_code TEXT, resolved INTEGER
);
CREATE INDEX references_document ON "references"(document_id);
CREATE INDEX references_cited ON "references"(cited_id);

CREATE TABLE dates ({_MENTION_COLUMNS}, kind TEXT, start TEXT, "end" TEXT);
CREATE INDEX dates_document ON dates(document_id);

CREATE TABLE counts ({_MENTION_COLUMNS}, value REAL, qualifier TEXT, unit TEXT, unit_key TEXT);
CREATE INDEX counts_document ON counts(document_id);
CREATE INDEX counts_unit ON counts(unit_key);

CREATE TABLE agencies ({_MENTION_COLUMNS}, name TEXT);
CREATE INDEX agencies_document ON agencies(document_id);

CREATE TABLE people ({_MENTION_COLUMNS}, name TEXT, role TEXT);
CREATE INDEX people_document ON people(document_id);

CREATE TABLE signers (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    authority TEXT, position TEXT, name TEXT
);
CREATE INDEX signers_document ON signers(document_id);

CREATE TABLE distribution (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    text TEXT
);
CREATE INDEX distribution_document ON distribution(document_id);

CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    reason TEXT NOT NULL,
    kind TEXT,
    failed_at TEXT NOT NULL
);

-- folded text of every searchable passage; rowid joins passages_src
CREATE VIRTUAL TABLE passages_fts USING fts5(folded, tokenize = "unicode61 remove_diacritics 2");
CREATE TABLE passages_src (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,          -- section, footnote, opening, closing, page
    ref_id INTEGER,              -- the sections/footnotes/pages row holding the original text
    "where" TEXT,
    section TEXT,
    page INTEGER,
    text TEXT                    -- the original, for opening and closing (no table of their own)
);
CREATE INDEX passages_src_document ON passages_src(document_id);
"""


def _v1(conn: sqlite3.Connection) -> None:
    for statement in _V1.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def _v2(conn: sqlite3.Connection) -> None:
    """v2: size and mtime_ns (so an unchanged folder is recognised without hashing), the
    normalised number (so references link to archived documents), and pages OCR'd."""
    conn.execute("ALTER TABLE documents ADD COLUMN size INTEGER")
    conn.execute("ALTER TABLE documents ADD COLUMN mtime_ns INTEGER")
    conn.execute("ALTER TABLE documents ADD COLUMN number_norm TEXT")
    conn.execute("ALTER TABLE documents ADD COLUMN ocr_pages INTEGER NOT NULL DEFAULT 0")
    rows = conn.execute("SELECT id, number FROM documents WHERE number IS NOT NULL").fetchall()
    conn.executemany(
        "UPDATE documents SET number_norm = ? WHERE id = ?", [(normalise_number(n), i) for i, n in rows]
    )
    conn.execute("CREATE INDEX documents_number_norm ON documents(number_norm)")


MIGRATIONS = {1: _v1, 2: _v2}  # version reached -> step from the version before it


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the database forward to ``target``; returns the version it started at."""
    start = conn.execute("PRAGMA user_version").fetchone()[0]
    if start > SCHEMA_VERSION:
        raise ArchiveError(
            f"the archive is schema v{start}, newer than this baocao understands (v{SCHEMA_VERSION}): upgrade baocao"
        )
    for version in range(start + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {int(version)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start


# --------------------------------------------------------------------------- connections


def explain(e: sqlite3.Error, path: str) -> ArchiveError:
    text = str(e)
    if "locked" in text or "busy" in text:
        return ArchiveError(f"the archive is locked by another program ({text}); try again when it has finished", path)
    if "readonly" in text or "read-only" in text:
        return ArchiveError("the archive is read-only: cannot write to it (check the file's permissions)", path)
    if "not a database" in text or "malformed" in text:
        return ArchiveError(f"not a baocao archive or damaged ({text})", path)
    if "unable to open" in text:
        return ArchiveError("cannot open the archive: the folder does not exist or is not writable", path)
    return ArchiveError(f"database error: {text}", path)


def _open_read_only(path: str, timeout: float) -> tuple[sqlite3.Connection, int]:
    """(connection, schema version). A WAL archive needs its -shm file, which SQLite creates next to
    it: in a folder that cannot be written (a read-only share, a CD, a read-only mount) the archive
    is opened immutable instead (no locking: nothing can be writing it there)."""
    resolved = Path(path).resolve()
    uri = resolved.as_uri() + "?mode=ro"
    attempts = [uri + "&immutable=1"] if not os.access(resolved.parent, os.W_OK) else [uri, uri + "&immutable=1"]
    for n, address in enumerate(attempts):
        conn = sqlite3.connect(address, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            return conn, conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.OperationalError as e:
            conn.close()
            text = str(e)
            if n + 1 == len(attempts) or not ("unable to open" in text or "readonly" in text or "read-only" in text):
                raise
    raise AssertionError("unreachable")


def connect(path: str | Path, *, write: bool = False, timeout: float = 10.0) -> sqlite3.Connection:
    """Open an archive. For writing, create and migrate it as needed; for reading, it must exist.

    A read-only file is opened read-only (queries work; a migration cannot run)."""
    path = str(path)
    exists = Path(path).exists()
    if not write and not exists:
        raise ArchiveError(
            f"no archive here: run `baocao ingest FOLDER --db {path}` first", path
        )
    try:
        if write:
            conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
        else:
            conn, version = _open_read_only(path, timeout)
        if write:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
            corrections.ensure(conn)  # its own table, outside the numbered schema (see corrections.py)
            from . import views

            views.ensure(conn)  # refs, citations: for Datasette, DuckDB and sqlite3 users
        elif version != SCHEMA_VERSION:
            if version > SCHEMA_VERSION:
                raise ArchiveError(
                    f"the archive is schema v{version}, newer than this baocao understands (v{SCHEMA_VERSION}): upgrade baocao",
                    path,
                )
            if version == 0 and not conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone():
                raise ArchiveError(f"the archive is empty: run `baocao ingest FOLDER --db {path}` first", path)
            # an older archive: migrate it (needs write access)
            conn.close()
            try:
                connect(path, write=True, timeout=timeout).close()
            except ArchiveError as e:
                raise ArchiveError(
                    f"the archive is schema v{version} and needs migrating to v{SCHEMA_VERSION}, which failed: {e.message}",
                    path,
                ) from e
            return connect(path, write=False, timeout=timeout)
    except sqlite3.Error as e:
        raise explain(e, path) from e
    conn.create_function("fold", 1, lambda s: fold(s) if s is not None else None, deterministic=True)
    return conn


# --------------------------------------------------------------------------- writing


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _mention(m: dict, ord_: int) -> tuple:
    span = m.get("span") or [None, None]
    return (ord_, m.get("text") or "", m.get("page"), m.get("where"), m.get("section"), span[0], span[1])


def _cited_id(conn: sqlite3.Connection, ref: dict) -> int | None:
    if ref.get("resolved") is False:
        return None
    key = cited_key(ref)
    if key is None:
        return None
    row = conn.execute("SELECT id FROM cited_documents WHERE key = ?", (key,)).fetchone()
    if row:
        return row[0]
    display = (ref.get("number") or "").strip() or (ref.get("title") or "").strip()
    cur = conn.execute(
        "INSERT INTO cited_documents (key, number, type, title, display) VALUES (?, ?, ?, ?, ?)",
        (key, ref.get("number"), ref.get("type"), ref.get("title"), display),
    )
    return cur.lastrowid


def _index(conn, doc_id: int, kind: str, ref_id: int | None, where, section, page, text: str, keep_text: bool):
    if not text:
        return
    cur = conn.execute(
        'INSERT INTO passages_src (document_id, kind, ref_id, "where", section, page, text) VALUES (?, ?, ?, ?, ?, ?, ?)',
        (doc_id, kind, ref_id, where, section, page, text if keep_text else None),
    )
    conn.execute("INSERT INTO passages_fts (rowid, folded) VALUES (?, ?)", (cur.lastrowid, fold(text)))


def delete_document(conn: sqlite3.Connection, doc_id: int) -> None:
    ids = [r[0] for r in conn.execute("SELECT id FROM passages_src WHERE document_id = ?", (doc_id,))]
    conn.executemany("DELETE FROM passages_fts WHERE rowid = ?", [(i,) for i in ids])
    conn.execute("DELETE FROM passages_src WHERE document_id = ?", (doc_id,))
    for table in DOCUMENT_TABLES:
        conn.execute(f'DELETE FROM "{table}" WHERE document_id = ?', (doc_id,))
    conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


def _walk_sections(sections: list[dict], parent: str | None = None):
    for s in sections:
        yield s, parent
        yield from _walk_sections(s.get("children") or [], s.get("key") or s.get("number"))


def insert_document(
    conn: sqlite3.Connection,
    contract: dict,
    *,
    path: str | None = None,
    size: int | None = None,
    mtime_ns: int | None = None,
    ocr_pages: int = 0,
    page_texts: list[str] | None = None,
) -> int:
    """Insert one document and all its rows. The caller owns the transaction.

    A row with the same path or the same sha256 is replaced. ``page_texts`` is indexed for search
    only when the report has no section, footnote, opening or closing text (unsegmented)."""
    src = contract.get("source") or {}
    h = contract.get("header") or {}
    period = contract.get("period") or {}
    path = path or src.get("path") or ""
    sha = src.get("sha256")
    if not sha:
        raise ArchiveError("contract has no source.sha256", path)
    replaced = [old for (old,) in conn.execute("SELECT id FROM documents WHERE path = ? OR sha256 = ?", (path, sha)).fetchall()]
    for old in replaced:
        delete_document(conn, old)
    cur = conn.execute(
        """INSERT INTO documents (id, path, sha256, format, pages, text_source, doc_type, number, agency,
           parent_agency, place, date, subject, period_label, period_start, period_end, contract,
           ingested_at, size, mtime_ns, number_norm, ocr_pages)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            min(replaced) if replaced else None,  # a document read again keeps its id (links, corrections)
            path, sha, src.get("format"), src.get("pages"), src.get("text_source"),
            h.get("doc_type"), h.get("number"), h.get("agency"), h.get("parent_agency"), h.get("place"),
            h.get("date"), h.get("subject"), period.get("label"), period.get("start"), period.get("end"),
            json.dumps(contract, ensure_ascii=False), _now(), size, mtime_ns,
            normalise_number(h.get("number")), ocr_pages,
        ),
    )
    doc_id = cur.lastrowid
    searchable = 0
    first_page = 1
    if h.get("subject"):
        _index(conn, doc_id, "subject", None, "header", "subject", first_page, h["subject"], True)
    if contract.get("opening"):
        _index(conn, doc_id, "opening", None, "body", None, first_page, contract["opening"], True)
        searchable += 1
    for i, (s, parent) in enumerate(_walk_sections(contract.get("sections") or [])):
        cur = conn.execute(
            "INSERT INTO sections (document_id, ord, key, number, title, level, page, parent_key, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, i, s.get("key") or s.get("number"), s.get("number"), s.get("title"), s.get("level"),
             s.get("page"), parent, s.get("text")),
        )
        body = (s.get("title") or "") + ("\n" + s["text"] if s.get("text") else "")
        _index(conn, doc_id, "section", cur.lastrowid, "body", s.get("key") or s.get("number"), s.get("page"), body, False)
        searchable += 1
        for rows in s.get("tables") or ():
            text = "\n".join(" | ".join(cell or "" for cell in row) for row in rows)
            _index(conn, doc_id, "table", None, "body", s.get("key") or s.get("number"), s.get("page"), text, True)
    if contract.get("closing"):
        _index(conn, doc_id, "closing", None, "body", None, None, contract["closing"], True)
        searchable += 1
    for i, f in enumerate(contract.get("footnotes") or []):
        cur = conn.execute(
            "INSERT INTO footnotes (document_id, ord, marker, text, page, anchor_section) VALUES (?, ?, ?, ?, ?, ?)",
            (doc_id, i, f.get("marker"), f.get("text"), f.get("page"), f.get("anchor_section")),
        )
        _index(conn, doc_id, "footnote", cur.lastrowid, "footnote", f.get("marker"), f.get("page"), f.get("text") or "", False)
        searchable += 1
    if not searchable:
        for number, text in enumerate(page_texts or [], start=1):
            cur = conn.execute("INSERT INTO pages (document_id, page, text) VALUES (?, ?, ?)", (doc_id, number, text))
            _index(conn, doc_id, "page", cur.lastrowid, None, None, number, text, False)
    conn.executemany(
        """INSERT INTO "references" (document_id, ord, text, page, "where", section, span_start, span_end,
           cited_id, type, number, title, date, issuer, subject, type_code, issuer_code, unit_code, resolved)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            (doc_id, *_mention(r, i), _cited_id(conn, r), r.get("type"), r.get("number"), r.get("title"),
             r.get("date"), r.get("issuer"), r.get("subject"), r.get("type_code"), r.get("issuer_code"),
             r.get("unit_code"), int(r.get("resolved", True)))
            for i, r in enumerate(contract.get("references") or [])
        ],
    )
    conn.executemany(
        'INSERT INTO dates (document_id, ord, text, page, "where", section, span_start, span_end, kind, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [(doc_id, *_mention(d, i), d.get("kind"), d.get("start"), d.get("end")) for i, d in enumerate(contract.get("dates") or [])],
    )
    conn.executemany(
        'INSERT INTO counts (document_id, ord, text, page, "where", section, span_start, span_end, value, qualifier, unit, unit_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
            (doc_id, *_mention(c, i), c.get("value"), c.get("qualifier"), c.get("unit"), unit_key(c.get("unit")))
            for i, c in enumerate(contract.get("counts") or [])
        ],
    )
    conn.executemany(
        'INSERT INTO agencies (document_id, ord, text, page, "where", section, span_start, span_end, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [(doc_id, *_mention(a, i), a.get("name")) for i, a in enumerate(contract.get("agencies") or [])],
    )
    conn.executemany(
        'INSERT INTO people (document_id, ord, text, page, "where", section, span_start, span_end, name, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [(doc_id, *_mention(p, i), p.get("name"), p.get("role")) for i, p in enumerate(contract.get("people") or [])],
    )
    conn.executemany(
        "INSERT INTO signers (document_id, ord, authority, position, name) VALUES (?, ?, ?, ?, ?)",
        [(doc_id, i, s.get("authority"), s.get("position"), s.get("name")) for i, s in enumerate(contract.get("signers") or [])],
    )
    conn.executemany(
        "INSERT INTO distribution (document_id, ord, text) VALUES (?, ?, ?)",
        [(doc_id, i, t) for i, t in enumerate(contract.get("distribution") or [])],
    )
    conn.execute("DELETE FROM failures WHERE path = ?", (path,))
    corrections.carry(conn, replaced, doc_id, contract)  # a person's corrections outlive re-ingest
    return doc_id


def unit_key(unit: str | None) -> str | None:
    return normalise_title(unit) or None if unit else None


class transaction:
    """``with transaction(conn):`` BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self):
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise explain(e, "archive") from e
        return self.conn

    def __exit__(self, kind, value, tb):
        if kind is None:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as e:
                self.conn.execute("ROLLBACK")
                raise explain(e, "archive") from e
        else:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            if isinstance(value, sqlite3.OperationalError):  # locked, read-only, disk full
                raise explain(value, "archive") from value
        return False


def write_document(conn: sqlite3.Connection, contract: dict, **file_info) -> int:
    """Insert (or replace) one document in its own transaction."""
    with transaction(conn):
        return insert_document(conn, contract, **file_info)


def record_failure(conn: sqlite3.Connection, path: str, reason: str, kind: str | None = None) -> None:
    with transaction(conn):
        conn.execute(
            "INSERT INTO failures (path, reason, kind, failed_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(path) DO UPDATE SET reason = excluded.reason, kind = excluded.kind, failed_at = excluded.failed_at",
            (path, " ".join(reason.split()), kind, _now()),
        )
