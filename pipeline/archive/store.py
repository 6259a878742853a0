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
import zlib
from datetime import date, datetime, timezone
from pathlib import Path

from ..errors import ArchiveError
from ..period import period_containing
from ..text import fold
from . import corrections

SCHEMA_VERSION = 7
APPLICATION_ID = 0x62616F63  # 'baoc' in the SQLite header: this file is a baocao archive

# the mention tables, after the contract's lists; the references' is reference_mentions (v6: not the
# SQL keyword REFERENCES)
MENTION_TABLES = ("reference_mentions", "dates", "counts", "agencies", "people")
# tables a document owns: deleted with it, exported one file each
DOCUMENT_TABLES = ("sections", "footnotes", *MENTION_TABLES, "signers", "distribution", "pages")
EXPORT_TABLES = ("documents", "files", *DOCUMENT_TABLES, "cited_documents", "failures", "corrections")

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACE = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w]+")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def normalise_number(number: str | None) -> str | None:
    """'715/BCĐ-CAT', '715/BCD - CAT' and '715/bcđ–cat' -> '715/BCD-CAT' (fold, no spaces, one dash).
    A number the grammar reads (pipeline.grammar.symbols) is keyed by its canonical form, so the
    OCR slips it repairs ("3O/2O2O/NĐ-CP") key as the number itself."""
    if not number:
        return None
    from ..grammar.symbols import parse_symbol

    symbol = parse_symbol(_DASHES.sub("-", number))
    if symbol is not None:
        number = symbol.number
    key = _SPACE.sub("", _DASHES.sub("-", fold(number))).upper()
    key = key.strip(".,;:")
    return key or None


def normalise_title(text: str | None) -> str:
    return " ".join(_NOT_WORD.sub(" ", fold(text or "")).split())


def live(alias: str | None = None, include_gone: bool = False) -> str:
    """The one SQL test of a live document: one that some file of it is still in its folder for
    (``documents.gone = 0``). Every query, view, count, export and web list that reads documents
    filters with it; ``include_gone`` (``--include-gone``) lets every document through. ``alias``:
    the name the query gives ``documents`` (a fixed string of the caller's, never user text)."""
    if include_gone:
        return "1 = 1"
    return f"{alias}.gone = 0" if alias else "gone = 0"


MAX_QUARTERS = 400  # a reporting period of more than 100 years is not believed: its rows are tested one by one


def _iso_day(value) -> date | None:
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def period_quarters(start, end) -> list[str]:
    """The quarters (pipeline.period codes) a reporting period start..end overlaps: the rows of
    ``document_quarters``, from which ``citations --quarter`` reads a quarter's reports. A period
    missing a day is in none (the range test ``period_start <= end AND period_end >= start`` is
    never true of it); one whose days are not ISO days, or absurdly long, is '*' (every quarter's
    candidate, the range test deciding). Days given backwards cover the quarters between them."""
    if start is None or end is None:
        return []
    days = (_iso_day(start), _iso_day(end))
    if None in days:
        return ["*"]
    first, last = (period_containing(d, "quarter") for d in sorted(days))
    steps = (last.year - first.year) * 4 + last.index - first.index
    if steps >= MAX_QUARTERS:
        return ["*"]
    return [first.shift(k).code for k in range(steps + 1)]


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def sync_quarters(conn: sqlite3.Connection, doc_id: int) -> None:
    """Make the document's ``document_quarters`` rows those of its period columns as they now are
    (after its extraction is written and after each correction: corrections.materialise)."""
    if not _has_table(conn, "document_quarters"):  # a migration from before v5 (_v5 fills them all)
        return
    conn.execute("DELETE FROM document_quarters WHERE document_id = ?", (doc_id,))
    row = conn.execute("SELECT period_start, period_end FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row:
        conn.executemany("INSERT INTO document_quarters (quarter, document_id) VALUES (?, ?)",
                         [(q, doc_id) for q in period_quarters(*row)])


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


_V3 = """
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    document_id INTEGER REFERENCES documents(id),
    path TEXT NOT NULL UNIQUE,
    size INTEGER,
    mtime_ns INTEGER,
    sha256 TEXT NOT NULL,
    format TEXT,
    text_source TEXT,
    pages INTEGER,
    ocr_pages INTEGER NOT NULL DEFAULT 0,
    number_norm TEXT,
    serial TEXT,                 -- the running number of number_norm (grouping: 1458 of 1458/CAT-PV01)
    agency TEXT,
    parent_agency TEXT,
    date TEXT,
    period_start TEXT,
    archived_at TEXT NOT NULL,   -- when this content was read
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    gone INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX files_document ON files(document_id, gone, path);
CREATE INDEX files_sha256 ON files(sha256);
CREATE INDEX files_number_norm ON files(number_norm);
-- a file's own reading, apart so that a files row stays small (an unchanged re-run updates them all)
CREATE TABLE file_contents (
    file_id INTEGER PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
    contract TEXT NOT NULL,      -- this file's own baocao.report/1 JSON
    shingles BLOB,               -- sorted 63-bit hashes of the body's word 3-shingles (grouping)
    page_texts TEXT              -- JSON list of page texts, kept when the report has no segmented text
);
CREATE TABLE file_sketch (
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    hash INTEGER NOT NULL
);
CREATE INDEX file_sketch_hash ON file_sketch(hash);
CREATE INDEX file_sketch_file ON file_sketch(file_id);
CREATE TABLE group_decisions (
    sha_a TEXT NOT NULL,
    sha_b TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('together', 'apart')),
    made_at TEXT NOT NULL,
    PRIMARY KEY (sha_a, sha_b)
);
ALTER TABLE documents ADD COLUMN gone INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN files INTEGER NOT NULL DEFAULT 1;
DROP INDEX documents_path;
CREATE INDEX documents_path ON documents(path);
-- gone and files are stored after the contract: the indexes carry them, so a query never reads a contract
DROP INDEX documents_period;
CREATE INDEX documents_period ON documents(period_start, period_end, gone, files);
DROP INDEX documents_date;
CREATE INDEX documents_date ON documents(date, gone, files);
DROP INDEX documents_number_norm;
CREATE INDEX documents_number_norm ON documents(number_norm, gone)
"""


def _v3(conn: sqlite3.Connection) -> None:
    """v3: files apart from documents. Each v2 document row becomes its first file (its contract,
    size, mtime, hash), then files that are one document are grouped."""
    _keyword_free_names(conn)  # the names this code's writers use (the v6 step)
    for statement in _V3.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    rows = conn.execute(
        "SELECT id, path, size, mtime_ns, sha256, ocr_pages, contract, ingested_at FROM documents ORDER BY id"
    ).fetchall()
    ids = []
    for doc_id, path, size, mtime_ns, sha, ocr_pages, contract, when in rows:
        pages = [t for (t,) in conn.execute("SELECT text FROM pages WHERE document_id = ? ORDER BY page", (doc_id,))]
        ids.append(_put_file(conn, json.loads(contract), path=path, size=size, mtime_ns=mtime_ns, sha=sha,
                             ocr_pages=ocr_pages or 0, page_texts=pages or None, document_id=doc_id, now=when))
    regroup(conn, ids)


def _v4(conn: sqlite3.Connection) -> None:
    """v4: two small partial indexes for the review queue. Its tests read columns stored after the
    contract (ocr_pages, files), which a scan reads through every contract's overflow pages: the
    indexes hold only the documents the queue lists (``REVIEW``: no number or date, or OCR'd;
    ``GROUPED``: in several files)."""
    conn.execute(f"CREATE INDEX documents_review ON documents(gone, id) WHERE {REVIEW}")
    conn.execute(f"CREATE INDEX documents_grouped ON documents(gone, id) WHERE {GROUPED}")


# the review queue's tests, written exactly so in its queries (SQLite uses a partial index only then)
REVIEW = "(number_norm IS NULL OR date IS NULL OR ocr_pages > 0)"
GROUPED = "files > 1"

_V5 = """
CREATE TABLE document_quarters (
    quarter TEXT NOT NULL,       -- '2023Q1', or '*' for a period that is not two ISO days (tested row by row)
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (quarter, document_id)
) WITHOUT ROWID;
CREATE INDEX document_quarters_document ON document_quarters(document_id);
CREATE TABLE merge_suggestions (
    file_a INTEGER NOT NULL,     -- file_a < file_b
    file_b INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('number', 'text')),
    score REAL,                  -- the bodies' Jaccard similarity (kind 'text')
    PRIMARY KEY (file_a, file_b)
) WITHOUT ROWID;
CREATE INDEX merge_suggestions_b ON merge_suggestions(file_b);
"""
# what citations reads of a report's references, in its order: one index range per report, no table row
# (an archive renamed at v3, a v2 one, has it as reference_mentions_citing since)
_V5_CITING = """CREATE INDEX references_citing ON "references"(document_id, ord, cited_id, type, number, date, issuer, title,
    subject, "where", page, section) WHERE cited_id IS NOT NULL"""


def _v5(conn: sqlite3.Connection) -> None:
    """v5: the quarters each document's reporting period covers (``citations --quarter`` reads a
    quarter's reports from them, not by a range over every period), and the files that may be one
    document although they were not grouped (the review queue's possible merges)."""
    for statement in _V5.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    if _has_table(conn, "references"):
        conn.execute(_V5_CITING)
    rows = conn.execute("SELECT id, period_start, period_end FROM documents").fetchall()
    conn.executemany("INSERT INTO document_quarters (quarter, document_id) VALUES (?, ?)",
                     [(q, doc_id) for doc_id, start, end in rows for q in period_quarters(start, end)])
    # the possible merges of one number (the same number and issuer, another date): every file's. Those of
    # bodies alike are found as files are stored: a search per file, as regroup makes, costs tens of
    # milliseconds on a large archive of like reports, too long for a migration of every file
    from . import grouping

    decided = decisions(conn)
    numbers = [n for (n,) in conn.execute(
        """SELECT number_norm FROM files WHERE gone = 0 AND number_norm IS NOT NULL
           GROUP BY number_norm HAVING COUNT(DISTINCT document_id) > 1""")]
    for number in numbers:
        ids = sorted(i for (i,) in conn.execute("SELECT id FROM files WHERE number_norm = ? AND gone = 0", (number,)))
        facts = file_facts(conn, ids)
        rows = []
        for n, a in enumerate(ids):
            for b in ids[n + 1:]:
                why = facts[a]["document_id"] != facts[b]["document_id"] and grouping.near_miss(facts[a], facts[b], decided)
                if why:
                    rows.append((a, b, why[0], None if why[1] is None else round(why[1], 4)))
        conn.executemany("INSERT OR REPLACE INTO merge_suggestions (file_a, file_b, kind, score) VALUES (?, ?, ?, ?)", rows)


# v6: names that are not SQL keywords (https://www.sqlite.org/lang_keywords.html), so the archive is
# queried without quoting in Datasette, DuckDB and sqlite3: the table "references" is reference_mentions,
# the mentions' and passages' "where" (body, footnote, header...) is part, as the views already named it,
# dates' "end" is end_date (and its start start_date, the pair alike); the indexes follow the table.
# ``key`` (sections, cited_documents) is left: a keyword SQLite, DuckDB and Datasette take unquoted
_V6 = """
ALTER TABLE "references" RENAME TO reference_mentions;
ALTER TABLE reference_mentions RENAME COLUMN "where" TO part;
ALTER TABLE dates RENAME COLUMN "where" TO part;
ALTER TABLE counts RENAME COLUMN "where" TO part;
ALTER TABLE agencies RENAME COLUMN "where" TO part;
ALTER TABLE people RENAME COLUMN "where" TO part;
ALTER TABLE passages_src RENAME COLUMN "where" TO part;
ALTER TABLE dates RENAME COLUMN start TO start_date;
ALTER TABLE dates RENAME COLUMN "end" TO end_date;
DROP INDEX IF EXISTS references_document;
DROP INDEX IF EXISTS references_cited;
DROP INDEX IF EXISTS references_citing;
CREATE INDEX reference_mentions_document ON reference_mentions(document_id);
CREATE INDEX reference_mentions_cited ON reference_mentions(cited_id);
-- what citations reads of a report's references, in its order: one index range per report, no table row
CREATE INDEX reference_mentions_citing ON reference_mentions(document_id, ord, cited_id, type, number, date, issuer,
    title, subject, part, page, section) WHERE cited_id IS NOT NULL
"""


def _keyword_free_names(conn: sqlite3.Connection) -> None:
    """The v6 names, once: the steps before v6 that store documents with this code's writers (v3
    regroups every file) take them first, so a v2 archive is renamed at v3 and v5 finds it so."""
    if not _has_table(conn, "references"):
        return
    from . import views

    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall():
        if name in views.VIEWS:  # over the old names: made again over the new ones when the archive is opened
            conn.execute(f"DROP VIEW {name}")  # names from views.VIEWS only
    for statement in _V6.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def _v6(conn: sqlite3.Connection) -> None:
    """v6: the table ``references`` renamed ``reference_mentions``, the column ``"where"`` ``part`` (the
    mention tables, passages_src) and ``dates."end"`` ``end_date`` (``start`` ``start_date``), every row
    kept; its three indexes made again under its name. The views over them (views.py) are dropped and
    made again from their definitions when the archive is opened for writing, right after."""
    _keyword_free_names(conn)


def _v7(conn: sqlite3.Connection) -> None:
    """v7: the two tables v5 made WITHOUT ROWID (document_quarters, merge_suggestions) are made again as
    plain tables, their rows, primary keys (now unique indexes) and indexes kept: DuckDB's sqlite reader,
    and other tools that read a table by its rowid, could not read them."""
    for table in ("document_quarters", "merge_suggestions"):
        (create,) = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
        if "WITHOUT ROWID" not in create.upper():
            continue
        indexes = [sql for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,))]
        body = create[create.index("("):create.upper().rindex("WITHOUT ROWID")].rstrip()
        conn.execute(f"CREATE TABLE {table}_rowid {body}")
        conn.execute(f"INSERT INTO {table}_rowid SELECT * FROM {table}")
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"ALTER TABLE {table}_rowid RENAME TO {table}")
        for sql in indexes:
            conn.execute(sql)


MIGRATIONS = {1: _v1, 2: _v2, 3: _v3, 4: _v4, 5: _v5, 6: _v6, 7: _v7}  # version reached -> step from the version before it


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


_OURS = {"documents", "failures", "passages_src"}


def check_identity(conn: sqlite3.Connection, path: str) -> int:
    """The schema version of a baocao archive; ArchiveError (nothing written) for any other SQLite file."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if app == APPLICATION_ID:
        return version
    if app != 0 or (tables and not (version >= 1 and _OURS <= tables)):
        raise ArchiveError("not a baocao archive (an SQLite file of another program): give another --db", path)
    return version


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
            conn, _ = _open_read_only(path, timeout)
        conn.execute("PRAGMA foreign_keys = ON")
        try:
            version = check_identity(conn, path)
        except ArchiveError:
            conn.close()
            raise
        if write:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
            corrections.ensure(conn)  # its own table, outside the numbered schema (see corrections.py)
            from . import views

            views.ensure(conn)  # refs, citations: for Datasette, DuckDB and sqlite3 users
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
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
    conn.create_function("issuer_of", 2, issuer_of, deterministic=True)
    return conn


def issuer_of(number: str | None, issuer_code: str | None = None) -> str | None:
    """Who a document number names as its issuer, for matching: the issuer code (written, or in the
    number: STTTT in 20/STTTT-TTBCXB) and the kind of agency the code stands for ("Sở Thông tin và
    Truyền thông"; which province's is not in the code)."""
    from ..grammar.codes import issuer_codes
    from ..grammar.symbols import _issuer_key, parse_symbol

    codes = [issuer_code] if issuer_code else []
    symbol = parse_symbol(number) if number else None
    if symbol is not None and symbol.issuer_code:
        codes.append(symbol.issuer_code)
    names = []
    for code in codes:
        names.append(code)
        found = issuer_codes().get(_issuer_key(code))
        if found:
            names.append(found[0])
    return " | ".join(dict.fromkeys(names)) or None


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
        'INSERT INTO passages_src (document_id, kind, ref_id, part, section, page, text) VALUES (?, ?, ?, ?, ?, ?, ?)',
        (doc_id, kind, ref_id, where, section, page, text if keep_text else None),
    )
    conn.execute("INSERT INTO passages_fts (rowid, folded) VALUES (?, ?)", (cur.lastrowid, fold(text)))


def _walk_sections(sections: list[dict], parent: str | None = None):
    for s in sections:
        yield s, parent
        yield from _walk_sections(s.get("children") or [], s.get("key") or s.get("number"))


def _write_rows(conn: sqlite3.Connection, doc_id: int, contract: dict, page_texts: list[str] | None) -> None:
    """The rows a document owns (sections, mentions, search index), from its (merged) contract."""
    h = contract.get("header") or {}
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
        """INSERT INTO reference_mentions (document_id, ord, text, page, part, section, span_start, span_end,
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
        'INSERT INTO dates (document_id, ord, text, page, part, section, span_start, span_end, kind, start_date, end_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [(doc_id, *_mention(d, i), d.get("kind"), d.get("start"), d.get("end")) for i, d in enumerate(contract.get("dates") or [])],
    )
    conn.executemany(
        'INSERT INTO counts (document_id, ord, text, page, part, section, span_start, span_end, value, qualifier, unit, unit_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
            (doc_id, *_mention(c, i), c.get("value"), c.get("qualifier"), c.get("unit"), unit_key(c.get("unit")))
            for i, c in enumerate(contract.get("counts") or [])
        ],
    )
    conn.executemany(
        'INSERT INTO agencies (document_id, ord, text, page, part, section, span_start, span_end, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [(doc_id, *_mention(a, i), a.get("name")) for i, a in enumerate(contract.get("agencies") or [])],
    )
    conn.executemany(
        'INSERT INTO people (document_id, ord, text, page, part, section, span_start, span_end, name, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
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


# --------------------------------------------------------------------------- files and documents


def pack(text: str | None) -> bytes | None:
    """A file's own contract or page texts as stored in ``file_contents``: zlib-compressed UTF-8 (read
    back only when its document is rebuilt; the document's own contract, which queries read, is text)."""
    return None if text is None else zlib.compress(text.encode("utf-8"), 6)


def unpack(value) -> str | None:
    """``pack``'s inverse; text as is (file_contents rows written before they were compressed)."""
    if isinstance(value, (bytes, memoryview)):
        return zlib.decompress(bytes(value)).decode("utf-8")
    return value


def file_contract(conn, file_id: int) -> dict | None:
    """A file's own baocao.report/1 dict, as it was read from it."""
    row = conn.execute("SELECT contract FROM file_contents WHERE file_id = ?", (file_id,)).fetchone()
    return json.loads(unpack(row[0])) if row else None


def set_file_path(conn, file_id: int, path: str) -> None:
    """A moved file's own contract names its new path."""
    contract = file_contract(conn, file_id)
    if contract is not None:
        contract["source"] = {**(contract.get("source") or {}), "path": path}
        conn.execute("UPDATE file_contents SET contract = ? WHERE file_id = ?",
                     (pack(json.dumps(contract, ensure_ascii=False)), file_id))


def _file_fields(contract: dict) -> dict:
    src = contract.get("source") or {}
    h = contract.get("header") or {}
    return {
        "format": src.get("format"), "text_source": src.get("text_source"), "pages": src.get("pages"),
        "number_norm": normalise_number(h.get("number")), "agency": h.get("agency"),
        "parent_agency": h.get("parent_agency"), "date": h.get("date"),
        "period_start": (contract.get("period") or {}).get("start"),
    }


def _put_file(conn, contract: dict, *, path: str, size, mtime_ns, sha: str, ocr_pages: int = 0,
              page_texts: list[str] | None = None, document_id: int | None = None, now: str | None = None) -> int:
    """Insert or replace the file row at ``path`` (its content, hash, sketch); returns its id.
    Its document is not touched: ``regroup`` places it."""
    from . import grouping

    now = now or _now()
    contract = dict(contract)
    contract["source"] = {**(contract.get("source") or {}), "path": path, "sha256": sha}
    hashes = grouping.shingles(grouping.body_text(contract, page_texts))
    fields = _file_fields(contract)
    keep_pages = json.dumps(page_texts, ensure_ascii=False) if page_texts and not grouping.segmented(contract) else None
    row = conn.execute("SELECT id, document_id FROM files WHERE path = ?", (path,)).fetchone()
    number = fields["number_norm"]
    values = (size, mtime_ns, sha, fields["format"], fields["text_source"], fields["pages"], ocr_pages,
              number, grouping.serial(number) if number else None, fields["agency"], fields["parent_agency"],
              fields["date"], fields["period_start"], now)
    if row:
        file_id = row[0]
        conn.execute(
            """UPDATE files SET size = ?, mtime_ns = ?, sha256 = ?, format = ?, text_source = ?, pages = ?,
               ocr_pages = ?, number_norm = ?, serial = ?, agency = ?, parent_agency = ?, date = ?, period_start = ?,
               last_seen = ?, gone = 0, archived_at = ? WHERE id = ?""",
            (*values, now, file_id),
        )
        conn.execute("DELETE FROM file_sketch WHERE file_id = ?", (file_id,))
    else:
        file_id = conn.execute(
            """INSERT INTO files (size, mtime_ns, sha256, format, text_source, pages, ocr_pages, number_norm, serial,
               agency, parent_agency, date, period_start, last_seen, path, document_id, first_seen, archived_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (*values, path, document_id, now, now),
        ).lastrowid
    conn.execute(
        "INSERT OR REPLACE INTO file_contents (file_id, contract, shingles, page_texts) VALUES (?, ?, ?, ?)",
        (file_id, pack(json.dumps(contract, ensure_ascii=False)), grouping.to_blob(hashes), pack(keep_pages)),
    )
    conn.executemany("INSERT INTO file_sketch (file_id, hash) VALUES (?, ?)",
                     [(file_id, h) for h in grouping.sketch(hashes)])
    return file_id


def copy_file(conn, source_id: int, *, path: str, size, mtime_ns) -> int:
    """A file with the same content as file ``source_id``: its extraction, at ``path``."""
    sha, ocr_pages, contract, pages = conn.execute(
        "SELECT f.sha256, f.ocr_pages, c.contract, c.page_texts FROM files f JOIN file_contents c ON c.file_id = f.id "
        "WHERE f.id = ?", (source_id,)
    ).fetchone()
    contract = json.loads(unpack(contract))
    pages = unpack(pages)
    return _put_file(conn, contract, path=path, size=size, mtime_ns=mtime_ns, sha=sha, ocr_pages=ocr_pages,
                     page_texts=json.loads(pages) if pages else None)


def _clear_document(conn: sqlite3.Connection, doc_id: int) -> None:
    ids = [r[0] for r in conn.execute("SELECT id FROM passages_src WHERE document_id = ?", (doc_id,))]
    conn.executemany("DELETE FROM passages_fts WHERE rowid = ?", [(i,) for i in ids])
    conn.execute("DELETE FROM passages_src WHERE document_id = ?", (doc_id,))
    cited = {c for (c,) in conn.execute('SELECT cited_id FROM reference_mentions WHERE document_id = ? AND cited_id IS NOT NULL', (doc_id,))}
    for table in DOCUMENT_TABLES:
        conn.execute(f'DELETE FROM "{table}" WHERE document_id = ?', (doc_id,))
    # a cited document no report cites any more goes (a re-citation makes it again)
    conn.executemany(
        'DELETE FROM cited_documents WHERE id = ? AND NOT EXISTS (SELECT 1 FROM reference_mentions WHERE cited_id = ?)',
        [(c, c) for c in cited],
    )


def delete_document(conn: sqlite3.Connection, doc_id: int) -> None:
    """A document, its rows and its files."""
    _clear_document(conn, doc_id)
    conn.execute("DELETE FROM file_contents WHERE file_id IN (SELECT id FROM files WHERE document_id = ?)", (doc_id,))
    conn.execute("DELETE FROM file_sketch WHERE file_id IN (SELECT id FROM files WHERE document_id = ?)", (doc_id,))
    for column in ("file_a", "file_b"):
        conn.execute(f"DELETE FROM merge_suggestions WHERE {column} IN (SELECT id FROM files WHERE document_id = ?)", (doc_id,))
    conn.execute("DELETE FROM files WHERE document_id = ?", (doc_id,))
    _drop_document_row(conn, doc_id)


def _drop_document_row(conn, doc_id: int) -> None:
    try:  # a table keyed by documents.id that another module owns (corrections) goes with it
        conn.execute("DELETE FROM corrections WHERE document_id = ?", (doc_id,))
    except sqlite3.OperationalError:
        pass
    if _has_table(conn, "document_quarters"):
        conn.execute("DELETE FROM document_quarters WHERE document_id = ?", (doc_id,))
    conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


def delete_file(conn: sqlite3.Connection, file_id: int) -> None:
    """Forget one file; its document is rebuilt from the others (or deleted with the last)."""
    row = conn.execute("SELECT document_id FROM files WHERE id = ?", (file_id,)).fetchone()
    if row is None:
        return
    conn.execute("DELETE FROM file_contents WHERE file_id = ?", (file_id,))
    conn.execute("DELETE FROM file_sketch WHERE file_id = ?", (file_id,))
    conn.execute("DELETE FROM merge_suggestions WHERE file_a = ? OR file_b = ?", (file_id, file_id))
    conn.execute("DELETE FROM files WHERE id = ?", (file_id,))
    if row[0] is not None:
        regroup(conn, [], documents=[row[0]])


def file_facts(conn, ids) -> dict[int, dict]:
    """file id -> what grouping compares of that file (grouping.same_document, grouping.link,
    grouping.doubtful): id, document_id, path, sha256, number_norm, issuer, parent_issuer, date,
    period, shingles, gone, rank (of its format: the best copy first) and mtime_ns."""
    from . import grouping

    out = {}
    ids = list(ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"""SELECT f.id, f.document_id, f.path, f.sha256, f.number_norm, f.agency, f.parent_agency, f.date,
                       f.period_start, c.shingles, f.gone, f.format, f.text_source, f.mtime_ns
                FROM files f LEFT JOIN file_contents c ON c.file_id = f.id WHERE f.id IN ({marks})""",
            chunk,
        ):
            out[row[0]] = {
                "id": row[0], "document_id": row[1], "path": row[2], "sha256": row[3], "number_norm": row[4],
                "issuer": row[5], "parent_issuer": row[6], "date": row[7], "period": row[8],
                "shingles": grouping.from_blob(row[9]), "gone": row[10],
                "rank": grouping.rank({"format": row[11], "text_source": row[12]}), "mtime_ns": row[13] or 0,
            }
    return out


def decisions(conn) -> dict[frozenset, str]:
    return {frozenset((a, b)): kind for a, b, kind in conn.execute("SELECT sha_a, sha_b, kind FROM group_decisions")}


def _rare(conn, f: dict) -> list[int]:
    """The file's sketch hashes that are in at most ``COMMON`` files (the others are boilerplate)."""
    from . import grouping

    return [h for h in grouping.sketch(f["shingles"]) if conn.execute(
        "SELECT COUNT(*) FROM (SELECT 1 FROM file_sketch WHERE hash = ? LIMIT ?)", (h, grouping.COMMON + 1)
    ).fetchone()[0] <= grouping.COMMON]


def _sketch_matches(conn, f: dict, rare: list[int] | None = None) -> tuple[list[int], list[int]]:
    """The files sharing ``MIN_SHARED`` of the file's rare sketch hashes, in one pass over them, most
    shared first: (those whose date, period and running number do not rule them out, at most
    ``CANDIDATES``: grouping's candidates; those they rule out sharing at least an eighth of the
    hashes, at most ``NEAR_CANDIDATES``: possible merges)."""
    from . import grouping

    rare = _rare(conn, f) if rare is None else rare
    if not rare:
        return [], []
    marks = ",".join("?" * len(rare))
    serial = grouping.serial(f["number_norm"]) if f["number_norm"] else None
    rows = conn.execute(
        f"""SELECT s.file_id, COUNT(*) AS shared,
                   (x.date IS NULL OR ? IS NULL OR x.date = ?)
                   AND (x.period_start IS NULL OR ? IS NULL OR x.period_start = ?)
                   AND (x.serial IS NULL OR ? IS NULL OR x.serial = ?) AS possible
            FROM file_sketch s JOIN files x ON x.id = s.file_id
            WHERE s.hash IN ({marks}) AND x.gone = 0
            GROUP BY s.file_id HAVING COUNT(*) >= ?""",
        (f["date"], f["date"], f["period"], f["period"], serial, serial, *rare, min(grouping.MIN_SHARED, len(rare))),
    ).fetchall()
    rows.sort(key=lambda r: -r[1])  # stable: ties stay in file order
    near_bar = len(rare) // 8
    candidates = [i for i, _, possible in rows if possible][:grouping.CANDIDATES]
    near = [i for i, shared, possible in rows if not possible and shared >= near_bar][:grouping.NEAR_CANDIDATES]
    return candidates, near


def _candidates(conn, f: dict, decided: dict, rare: list[int] | None = None,
                matches: tuple[list[int], list[int]] | None = None) -> set[int]:
    """Files that may be the same document as ``f``: its copies, files with its number, files a
    person merged with it, and files sharing ``MIN_SHARED`` of its sketch hashes (a hash in more
    than ``COMMON`` files is boilerplate and not looked up), whose date, period and running number
    do not rule them out. At most ``CANDIDATES`` of the last, the most similar first."""
    from . import grouping

    found = {i for (i,) in conn.execute("SELECT id FROM files WHERE sha256 = ? AND gone = 0", (f["sha256"],))}
    if f["number_norm"]:
        found |= {i for (i,) in conn.execute("SELECT id FROM files WHERE number_norm = ? AND gone = 0", (f["number_norm"],))}
    found |= set((_sketch_matches(conn, f, rare) if matches is None else matches)[0])
    partners = [next(iter(k - {f["sha256"]})) for k, kind in decided.items()
                if kind == "together" and f["sha256"] in k and len(k) == 2]
    for sha in partners:
        found |= {i for (i,) in conn.execute("SELECT id FROM files WHERE sha256 = ? AND gone = 0", (sha,))}
    return found


def _suggest(conn, f: dict, facts: dict, decided: dict, examined: set[int], near: list[int] | None = None) -> None:
    """Write the file's ``merge_suggestions``: files that grouping.near_miss says may be its document
    although it was not grouped with them. Looked at: ``examined`` (candidates grouping turned
    down), files with its number, and files sharing its rare sketch hashes whose date, period or
    running number kept them from being candidates at all: the ``NEAR_CANDIDATES`` sharing most, and
    at least an eighth of its rare hashes (two bodies ``MERGE_BAR`` alike share about half)."""
    from . import grouping

    if not _has_table(conn, "merge_suggestions"):  # a migration from before v5 (_v5 writes them)
        return
    conn.execute("DELETE FROM merge_suggestions WHERE file_a = ? OR file_b = ?", (f["id"], f["id"]))
    found = set(examined)
    if f["number_norm"]:
        found |= {i for (i,) in conn.execute("SELECT id FROM files WHERE number_norm = ? AND gone = 0", (f["number_norm"],))}
    found |= set(_sketch_matches(conn, f)[1] if near is None else near)
    found.discard(f["id"])
    facts.update(file_facts(conn, found - set(facts)))
    rows = []
    for j in sorted(found):
        other = facts[j]
        if other["gone"] or (other["document_id"] is not None and other["document_id"] == f["document_id"]):
            continue
        why = grouping.near_miss(f, other, decided)
        if why:
            a, b = sorted((f["id"], j))
            rows.append((a, b, why[0], None if why[1] is None else round(why[1], 4)))
    conn.executemany("INSERT OR REPLACE INTO merge_suggestions (file_a, file_b, kind, score) VALUES (?, ?, ?, ?)", rows)


def possible_merges(conn: sqlite3.Connection, limit: int = 100) -> list[dict]:
    """Pairs of present documents that may be one document although they were not grouped (the
    review queue's "possible merges"), newest first, one entry per pair of documents (its strongest
    tie): {"a", "b": document ids, "file_a", "file_b": file ids, "kind": "number" | "text",
    "score"}. Pairs a person decided about (merged or kept apart) are not listed."""
    decided = decisions(conn)
    out: dict[tuple[int, int], dict] = {}
    rows = conn.execute(
        """SELECT s.file_a, s.file_b, s.kind, s.score, fa.document_id, fb.document_id, fa.sha256, fb.sha256
           FROM merge_suggestions s
           JOIN files fa ON fa.id = s.file_a JOIN files fb ON fb.id = s.file_b
           JOIN documents da ON da.id = fa.document_id JOIN documents db ON db.id = fb.document_id
           WHERE fa.gone = 0 AND fb.gone = 0 AND da.gone = 0 AND db.gone = 0 AND fa.document_id != fb.document_id
           ORDER BY s.file_b DESC, s.file_a DESC""")
    for file_a, file_b, kind, score, doc_a, doc_b, sha_a, sha_b in rows:
        if frozenset((sha_a, sha_b)) in decided:
            continue
        key = tuple(sorted((doc_a, doc_b)))
        entry = {"a": key[0], "b": key[1], "file_a": file_a if doc_a == key[0] else file_b,
                 "file_b": file_b if doc_a == key[0] else file_a, "kind": kind, "score": score}
        held = out.get(key)
        if held is None:
            if len(out) >= limit:
                break
            out[key] = entry
        elif (kind == "number", score or 0) > (held["kind"] == "number", held["score"] or 0):
            out[key] = entry
    rows.close()
    return list(out.values())


def keep_apart(conn: sqlite3.Connection, doc_a: int, doc_b: int) -> None:
    """A person's decision: two documents offered as a possible merge are two documents. Kept by
    content hash (as split_file's), so the pair is not offered again, nor grouped by a re-ingest."""
    shas_a = {s for (s,) in conn.execute("SELECT sha256 FROM files WHERE document_id = ?", (doc_a,))}
    shas_b = {s for (s,) in conn.execute("SELECT sha256 FROM files WHERE document_id = ?", (doc_b,))}
    if not shas_a or not shas_b:
        raise ArchiveError("both documents must have a file in the archive")
    _decide(conn, [(a, b) for a in shas_a for b in shas_b if a != b], "apart")


REGROUP_BATCH = 500  # seeds placed at once (a migration places every file: in batches, memory stays small)


def regroup(conn: sqlite3.Connection, seeds, documents=()) -> set[int]:
    """Place the files ``seeds`` (new, changed, gone or back) into documents and rebuild every
    document that changed. Each document is a connected group under ``grouping.same_document``
    among the files present: the links are those of each seed with its candidates and those among
    the files of each document it touches. A document whose files are all gone stays, marked gone.
    Document ids are kept where a group keeps most of its files. Returns the ids rebuilt."""
    from . import grouping

    seeds = sorted(set(seeds))
    if len(seeds) > REGROUP_BATCH:
        rebuilt: set[int] = set()
        for n in range(0, len(seeds), REGROUP_BATCH):
            last = n + REGROUP_BATCH >= len(seeds)
            rebuilt |= regroup(conn, seeds[n:n + REGROUP_BATCH], documents if last else ())
        return rebuilt
    decided = decisions(conn)
    facts = file_facts(conn, seeds)
    touched = {f["document_id"] for f in facts.values() if f["document_id"] is not None} | set(documents)
    members: set[int] = set()
    edges: set[tuple[int, int]] = set()

    def add_documents(doc_ids):
        for doc_id in doc_ids:
            files = sorted(i for (i,) in conn.execute("SELECT id FROM files WHERE document_id = ? AND gone = 0", (doc_id,)))
            facts.update(file_facts(conn, set(files) - set(facts)))
            members.update(files)
            for n, a in enumerate(files):  # the links inside a document (it may have lost the file joining it)
                for b in files[n + 1:]:
                    if grouping.same_document(facts[a], facts[b], decided):
                        edges.add((a, b))

    add_documents(sorted(touched))
    members.update(i for i in seeds if i in facts and not facts[i]["gone"])
    for i in seeds:
        f = facts.get(i)
        if f is None or f["gone"]:
            continue  # a gone file's suggestions stay, unlisted (possible_merges reads present files only)
        matches = _sketch_matches(conn, f)
        others = _candidates(conn, f, decided, matches=matches) - {i}
        facts.update(file_facts(conn, others - set(facts)))
        linked = [j for j in others if grouping.same_document(f, facts[j], decided)]
        _suggest(conn, f, facts, decided, others - set(linked), near=matches[1])
        edges.update((i, j) for j in linked)
        members.update(linked)
        docs = {facts[j]["document_id"] for j in linked if facts[j]["document_id"] is not None} - touched
        touched |= docs
        add_documents(sorted(docs))
    # connected groups among the members
    order = sorted(members, key=lambda i: facts[i]["path"])
    parent = {i: i for i in order}

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in sorted(edges):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb, key=lambda r: facts[r]["path"])] = min(ra, rb, key=lambda r: facts[r]["path"])
    groups: dict[int, list[int]] = {}
    for i in order:
        groups.setdefault(root(i), []).append(i)
    # ids: a group keeps the document most of its files were in (the oldest on a tie)
    taken: set[int] = set()
    placed: list[tuple[int | None, list[int]]] = []
    for files in sorted(groups.values(), key=lambda g: (-len(g), facts[g[0]]["path"])):
        votes: dict[int, int] = {}
        for i in files:
            d = facts[i]["document_id"]
            if d is not None and d not in taken:
                votes[d] = votes.get(d, 0) + 1
        doc_id = min(votes, key=lambda d: (-votes[d], d)) if votes else None
        if doc_id is not None:
            taken.add(doc_id)
        placed.append((doc_id, files))
    rebuilt = set()
    for doc_id, files in placed:
        # the documents its files were in: their corrections come with them (corrections.carry)
        before = sorted({facts[i]["document_id"] for i in files if facts[i]["document_id"] is not None} - (taken - {doc_id}))
        doc_id = _build_document(conn, doc_id, files, facts, carried=before)
        rebuilt.add(doc_id)
    for doc_id in touched - taken:
        if doc_id in rebuilt:
            continue
        left = [i for (i,) in conn.execute("SELECT id FROM files WHERE document_id = ?", (doc_id,))]
        if left:  # only gone files: the document stays, gone
            facts.update(file_facts(conn, set(left) - set(facts)))
            _build_document(conn, doc_id, left, facts, gone=True)
            rebuilt.add(doc_id)
        elif conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
            _clear_document(conn, doc_id)
            _drop_document_row(conn, doc_id)
    return rebuilt


def _build_document(conn, doc_id: int | None, file_ids: list[int], facts: dict, gone: bool = False,
                    known: dict | None = None, carried: list[int] = ()) -> int:
    """(Re)write one document from its files: the merged contract, its rows, its search index.
    ``known``: file id -> its contract, when the caller has it (not read back)."""
    from . import grouping

    ordered = sorted(file_ids, key=lambda i: (facts[i]["rank"], facts[i]["path"]))
    contracts, pages_of, when = [], {}, []
    for i in ordered:
        if known and i in known:
            pages, archived_at = conn.execute(
                "SELECT c.page_texts, f.archived_at FROM files f JOIN file_contents c ON c.file_id = f.id WHERE f.id = ?",
                (i,)).fetchone()
            contract = dict(known[i])
        else:
            text, pages, archived_at = conn.execute(
                "SELECT c.contract, c.page_texts, f.archived_at FROM files f JOIN file_contents c ON c.file_id = f.id "
                "WHERE f.id = ?", (i,)).fetchone()
            contract = json.loads(unpack(text))
        pages = unpack(pages)
        contract["source"] = {**(contract.get("source") or {}), "path": facts[i]["path"]}  # moves re-path the row
        contracts.append(contract)
        pages_of[i] = json.loads(pages) if pages else None
        when.append(archived_at)
    merged = grouping.merge(contracts)
    best = ordered[0]
    size, mtime_ns, ocr_pages = conn.execute("SELECT size, mtime_ns, ocr_pages FROM files WHERE id = ?", (best,)).fetchone()
    src = merged.get("source") or {}
    h = merged.get("header") or {}
    period = merged.get("period") or {}
    values = (
        src.get("path"), src.get("sha256"), src.get("format"), src.get("pages"), src.get("text_source"),
        h.get("doc_type"), h.get("number"), h.get("agency"), h.get("parent_agency"), h.get("place"),
        h.get("date"), h.get("subject"), period.get("label"), period.get("start"), period.get("end"),
        json.dumps(merged, ensure_ascii=False), max(when), size, mtime_ns, normalise_number(h.get("number")),
        ocr_pages, int(gone), len(ordered),
    )
    columns = """path, sha256, format, pages, text_source, doc_type, number, agency, parent_agency, place, date,
                 subject, period_label, period_start, period_end, contract, ingested_at, size, mtime_ns,
                 number_norm, ocr_pages, gone, files"""
    # another document may hold this sha256 until it is rebuilt: free it first
    conn.execute("UPDATE documents SET sha256 = 'moving:' || id WHERE sha256 = ? AND id IS NOT ?", (src.get("sha256"), doc_id))
    if doc_id is None or not conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
        doc_id = conn.execute(
            f"INSERT INTO documents (id, {columns}) VALUES ({', '.join('?' * 24)})", (doc_id, *values)
        ).lastrowid
    else:
        _clear_document(conn, doc_id)
        assignments = ", ".join(f"{c.strip()} = ?" for c in columns.split(","))
        conn.execute(f"UPDATE documents SET {assignments} WHERE id = ?", (*values, doc_id))
    conn.executemany("UPDATE files SET document_id = ? WHERE id = ?", [(doc_id, i) for i in ordered])
    _write_rows(conn, doc_id, merged, pages_of.get(best))
    # a person's corrections outlive re-ingest and regrouping: moved here, settled, applied to the columns
    corrections.carry(conn, sorted(set(carried) | {doc_id}), doc_id, merged)
    sync_quarters(conn, doc_id)
    if gone:  # not in the folder any more: not searchable (its rows stay for --include-gone)
        ids = [r[0] for r in conn.execute("SELECT id FROM passages_src WHERE document_id = ?", (doc_id,))]
        conn.executemany("DELETE FROM passages_fts WHERE rowid = ?", [(i,) for i in ids])
        conn.execute("DELETE FROM passages_src WHERE document_id = ?", (doc_id,))
    return doc_id


def split_file(conn: sqlite3.Connection, file_id: int) -> int:
    """A person's decision: this file (and its exact copies) is not the same document as the other
    files of its group. Kept by content hash across re-ingest. Returns the file's new document id."""
    sha, doc_id = conn.execute("SELECT sha256, document_id FROM files WHERE id = ?", (file_id,)).fetchone()
    others = {o for (o,) in conn.execute("SELECT sha256 FROM files WHERE document_id = ? AND sha256 != ?", (doc_id, sha))}
    if not others:
        raise ArchiveError("this file is the only content of its document: nothing to split from")
    _decide(conn, [(sha, o) for o in others], "apart")
    regroup(conn, [file_id], documents=[doc_id])
    return conn.execute("SELECT document_id FROM files WHERE id = ?", (file_id,)).fetchone()[0]


def merge_documents(conn: sqlite3.Connection, doc_a: int, doc_b: int) -> int:
    """A person's decision: two documents are one. Kept by content hash across re-ingest."""
    shas_a = {s for (s,) in conn.execute("SELECT sha256 FROM files WHERE document_id = ? AND gone = 0", (doc_a,))}
    shas_b = {s for (s,) in conn.execute("SELECT sha256 FROM files WHERE document_id = ? AND gone = 0", (doc_b,))}
    if not shas_a or not shas_b:
        raise ArchiveError("both documents must have a file in the archive's folders (not gone)")
    _decide(conn, [(a, b) for a in shas_a for b in shas_b], "together")
    seeds = [i for (i,) in conn.execute("SELECT id FROM files WHERE document_id IN (?, ?) AND gone = 0", (doc_a, doc_b))]
    regroup(conn, seeds, documents=[doc_a, doc_b])
    return conn.execute("SELECT document_id FROM files WHERE id = ?", (seeds[0],)).fetchone()[0]


def _decide(conn, pairs, kind: str) -> None:
    conn.executemany(
        "INSERT INTO group_decisions (sha_a, sha_b, kind, made_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(sha_a, sha_b) DO UPDATE SET kind = excluded.kind, made_at = excluded.made_at",
        [(*sorted((a, b)), kind, _now()) for a, b in pairs if a != b],
    )


def insert_document(
    conn: sqlite3.Connection,
    contract: dict,
    *,
    path: str | None = None,
    size: int | None = None,
    mtime_ns: int | None = None,
    ocr_pages: int = 0,
    page_texts: list[str] | None = None,
    group: bool = True,
) -> int:
    """Store one file's contract and place it in its document; returns the document id. The caller
    owns the transaction. The file row at the same path is replaced; another file with the same
    sha256 is a copy (the same document). ``page_texts`` is indexed for search only when the report
    has no section, footnote, opening or closing text (unsegmented). With ``group=False`` the file
    is its own document unless it has a copy (bulk loading of contracts known to be distinct)."""
    src = contract.get("source") or {}
    path = path or src.get("path") or ""
    sha = src.get("sha256")
    if not sha:
        raise ArchiveError("contract has no source.sha256", path)
    file_id = _put_file(conn, contract, path=path, size=size, mtime_ns=mtime_ns, sha=sha, ocr_pages=ocr_pages,
                        page_texts=page_texts)
    conn.execute("DELETE FROM failures WHERE path = ?", (path,))
    if group:
        regroup(conn, [file_id])
    else:
        copy = conn.execute("SELECT document_id FROM files WHERE sha256 = ? AND id != ? AND document_id IS NOT NULL",
                            (sha, file_id)).fetchone()
        old = conn.execute("SELECT document_id FROM files WHERE id = ?", (file_id,)).fetchone()[0]
        if copy or old is not None:
            regroup(conn, [file_id])
        else:
            _build_document(conn, None, [file_id], file_facts(conn, [file_id]), known={file_id: contract})
    return conn.execute("SELECT document_id FROM files WHERE id = ?", (file_id,)).fetchone()[0]



def unit_key(unit: str | None) -> str | None:
    """'tin, bài' -> 'tin bai'; a unit of signs only ('%') is itself."""
    if not unit or not unit.strip():
        return None
    return normalise_title(unit) or " ".join(unit.split())


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
                if self.conn.in_transaction:  # SQLite may have rolled back already (disk full)
                    try:
                        self.conn.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass
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
    """Store one file's contract (placed in its document) in its own transaction."""
    with transaction(conn):
        return insert_document(conn, contract, **file_info)


def record_failure(conn: sqlite3.Connection, path: str, reason: str, kind: str | None = None) -> None:
    """A file that could not be archived. What was archived from it before (older content) goes."""
    with transaction(conn):
        row = conn.execute("SELECT id FROM files WHERE path = ?", (path,)).fetchone()
        if row:
            delete_file(conn, row[0])
        conn.execute(
            "INSERT INTO failures (path, reason, kind, failed_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(path) DO UPDATE SET reason = excluded.reason, kind = excluded.kind, failed_at = excluded.failed_at",
            (path, " ".join(reason.split()), kind, _now()),
        )
