"""The archive reads well in Datasette, DuckDB and sqlite3 (issue 20): no table, column, view or index
of a fresh archive is named by an SQLite keyword, so every name is written without quotes, but ``key``
(sections.key, cited_documents.key), a keyword SQLite takes as a name unquoted (and DuckDB, which does
not reserve it)."""
from __future__ import annotations

import sqlite3

from pipeline.archive import Archive, store

# SQLite's keywords, from https://www.sqlite.org/lang_keywords.html (SQLite 3.40: 147 of them). The
# sqlite3 module has no API for the list (sqlite3_keyword_name is C only)
SQLITE_KEYWORDS = frozenset("""
ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC ATTACH AUTOINCREMENT BEFORE BEGIN BETWEEN BY
CASCADE CASE CAST CHECK COLLATE COLUMN COMMIT CONFLICT CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE
CURRENT_TIME CURRENT_TIMESTAMP DATABASE DEFAULT DEFERRABLE DEFERRED DELETE DESC DETACH DISTINCT DO DROP
EACH ELSE END ESCAPE EXCEPT EXCLUDE EXCLUSIVE EXISTS EXPLAIN FAIL FILTER FIRST FOLLOWING FOR FOREIGN FROM
FULL GENERATED GLOB GROUP GROUPS HAVING IF IGNORE IMMEDIATE IN INDEX INDEXED INITIALLY INNER INSERT
INSTEAD INTERSECT INTO IS ISNULL JOIN KEY LAST LEFT LIKE LIMIT MATCH MATERIALIZED NATURAL NO NOT NOTHING
NOTNULL NULL NULLS OF OFFSET ON OR ORDER OTHERS OUTER OVER PARTITION PLAN PRAGMA PRECEDING PRIMARY QUERY
RAISE RANGE RECURSIVE REFERENCES REGEXP REINDEX RELEASE RENAME REPLACE RESTRICT RETURNING RIGHT ROLLBACK
ROW ROWS SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN TIES TO TRANSACTION TRIGGER UNBOUNDED UNION UPDATE
UNIQUE USING VACUUM VALUES VIEW VIRTUAL WHEN WHERE WINDOW WITH WITHOUT
""".split())
ALLOWED = {"key"}  # see the module's docstring


def names(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Every table, view and index name of the archive, and every column of each table and view
    (SQLite's own sqlite_* tables and autoindexes left out)."""
    out = {"table": set(), "view": set(), "index": set(), "column": set()}
    for kind, name in conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"):
        if kind in out:
            out[kind].add(name)
        if kind in ("table", "view"):
            out["column"] |= {f"{name}.{c[1]}" for c in conn.execute(f'PRAGMA table_xinfo("{name}")')}
    return out


def test_the_keyword_list_is_sqlites():
    """The list has the documented 147 words; those SQLite refuses as a bare table name are in it (it
    takes some others, END and KEY among them, as names when nothing else parses, which its page
    warns not to rely on; DuckDB reserves END), and the names the archive uses are not."""
    assert len(SQLITE_KEYWORDS) == 147
    conn = sqlite3.connect(":memory:")
    refused = set()
    for word in SQLITE_KEYWORDS:
        try:
            conn.execute(f"CREATE TABLE {word} (x)")
            conn.execute(f"DROP TABLE {word}")
        except sqlite3.OperationalError:
            refused.add(word)
    assert {"REFERENCES", "WHERE", "SELECT"} <= refused and not {"END", "KEY"} & refused
    assert not {"DATE", "START", "PART", "TEXT", "NAME", "KIND"} & SQLITE_KEYWORDS


def test_no_name_in_a_fresh_archive_is_an_sql_keyword(tmp_path):
    db = tmp_path / "archive.db"
    with Archive(db) as archive:
        found = names(archive.writer)
    assert {"reference_mentions", "dates", "cited_documents"} <= found["table"]
    assert {"refs", "citations"} <= found["view"] and "reference_mentions_citing" in found["index"]
    assert {"dates.start_date", "dates.end_date", "reference_mentions.part", "passages_src.part"} <= found["column"]
    keywords = {kind: sorted(n for n in got if n.rsplit(".", 1)[-1].upper() in SQLITE_KEYWORDS
                             and n.rsplit(".", 1)[-1] not in ALLOWED) for kind, got in found.items()}
    assert keywords == {"table": [], "view": [], "index": [], "column": []}
    assert {n.rsplit(".", 1)[-1] for n in found["column"]} & ALLOWED == ALLOWED  # what is left, as said above


def test_the_renamed_tables_are_queried_without_quotes(tmp_path):
    """What issue 20 found broken: ``select count(*) from references``; its names now need no quotes."""
    db = tmp_path / "archive.db"
    with Archive(db) as archive:
        conn = archive.writer
        for sql in ("SELECT count(*) FROM reference_mentions", "SELECT count(*) FROM refs",
                    "SELECT start_date, end_date, part FROM dates", "SELECT part FROM passages_src",
                    "SELECT citing_document, cited_document, part FROM citations"):
            conn.execute(sql).fetchall()
    assert store.SCHEMA_VERSION >= 6


def test_every_table_has_a_rowid(tmp_path):
    """Tools that read an SQLite table by its rowid (DuckDB's sqlite reader) cannot read a WITHOUT ROWID
    table: v7 made v5's two plain tables again; a fresh archive has none either (the FTS5 index's shadow
    tables apart: SQLite makes those)."""
    db = tmp_path / "archive.db"
    with Archive(db) as archive:
        sql = [s for (s,) in archive.writer.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL "
            "AND name NOT LIKE 'passages_fts%'")]  # the full-text index's own tables are SQLite's
    assert sql and not [s for s in sql if "WITHOUT ROWID" in s.upper()]
