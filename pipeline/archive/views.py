"""Views that make the archive read well in Datasette, DuckDB and sqlite3, where people query it
with SQL of their own: names that are not SQL keywords, and labels instead of bare ids.

Both show live documents only (``store.live``: a document some file of which is still in its
folder), as every query does; the tables keep the gone ones (``documents.gone``).

- ``refs``: the ``reference_mentions`` table (``references`` before schema v6) of live documents
  (``select count(*) from refs``).
- ``citations``: one row per reference to a cited document, with the citing document's number, file
  name and period, and the cited document's number, type, title, issuer and date (and the path it
  is archived under, when it is).

Since schema v6 no table, column, view or index of the archive is named by an SQL keyword but ``key``
(which SQLite, DuckDB and Datasette take unquoted). The views are (re)created when an archive is
opened for writing and their definition differs from this module's, so an older archive gets them at
its next ingest (a migration to v6 drops them first: they are made again over the new names)."""
from __future__ import annotations

import sqlite3

from .store import live

# SQLite has no basename(): the path with everything up to its last "/" removed
_FILE = "replace({p}, rtrim({p}, replace({p}, '/', '')), '')"

VIEWS = {
    "refs": f"""CREATE VIEW refs AS
SELECT r.id, r.document_id, r.ord, r.text, r.page, r.part, r.section, r.span_start, r.span_end,
       r.cited_id, r.type, r.number, r.title, r.date, r.issuer, r.subject, r.type_code, r.issuer_code,
       r.unit_code, r.resolved
FROM reference_mentions r
JOIN documents d ON d.id = r.document_id
WHERE {live("d")}""",
    "citations": f"""CREATE VIEW citations AS
SELECT r.id,
       COALESCE(d.number, {_FILE.format(p="d.path")}) AS citing_document,
       d.number AS citing_number,
       {_FILE.format(p="d.path")} AS citing_file,
       d.doc_type AS citing_type,
       d.agency AS citing_agency,
       d.period_label AS citing_period,
       d.date AS citing_date,
       COALESCE(r.number, c.number) AS cited_number,
       COALESCE(r.type, c.type) AS cited_type,
       COALESCE(r.title, c.title, r.subject) AS cited_title,
       r.issuer AS cited_issuer,
       r.date AS cited_date,
       c.display AS cited_document,
       a.path AS cited_archived_as,
       r.page, r.part, r.section, r.text,
       r.document_id, r.cited_id
FROM reference_mentions r
JOIN documents d ON d.id = r.document_id
LEFT JOIN cited_documents c ON c.id = r.cited_id
LEFT JOIN documents a ON c.key LIKE 'N:%' AND a.number_norm = substr(c.key, 3) AND {live("a")}
WHERE {live("d")}""",
}


def ensure(conn: sqlite3.Connection) -> None:
    """Create or update the views (the caller holds a write connection)."""
    have = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'").fetchall())
    stale = [name for name, sql in VIEWS.items() if have.get(name) != sql]
    if not stale:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for name in stale:
            conn.execute(f"DROP VIEW IF EXISTS {name}")  # names from VIEWS only
            conn.execute(VIEWS[name])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
