"""Queries over the archive. Each returns a pandas DataFrame (``get`` returns one document's dict).

User text only ever reaches SQLite as a bound parameter; the few pieces of SQL that vary are
chosen from fixed strings in this module.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3

import pandas as pd

from ..errors import UsageError
from ..text import fold, nfc
from . import corrections
from .store import normalise_number, normalise_title

_QUARTER = re.compile(r"^\s*(\d{4})\s*[-/ ]?\s*[Qq]\s*([0-9]+)\s*$|^\s*[Qq]\s*([0-9]+)\s*[-/ ]\s*(\d{4})\s*$")
_QUARTER_ENDS = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}
HIGHLIGHT = ("«", "»")


def parse_quarter(text: str) -> tuple[str, str, str]:
    """'2023Q1' (or '2023-Q1', 'Q1/2023') -> ('2023Q1', '2023-01-01', '2023-03-31')."""
    m = _QUARTER.match(text or "")
    if m:
        year, quarter = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        q = int(quarter)
        if 1 <= q <= 4:
            return f"{year}Q{q}", f"{year}-{3 * q - 2:02d}-01", f"{year}-{_QUARTER_ENDS[q]}"
    raise UsageError(f"unknown quarter {text!r}: write it as YYYYQn with n from 1 to 4, e.g. 2023Q1")


def quarter_of(day: str | None) -> str | None:
    if not isinstance(day, str) or len(day) < 7:  # None, or NaN from a document with neither date
        return None
    try:
        month = int(day[5:7])
        return f"{int(day[:4])}Q{(month - 1) // 3 + 1}"
    except ValueError:
        return None


def _like(text: str) -> str:
    """A LIKE pattern matching text anywhere, with the user's % and _ taken literally."""
    escaped = fold(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _frame(conn: sqlite3.Connection, sql: str, params=()) -> pd.DataFrame:
    cur = conn.execute(sql, params)
    columns = [c[0] for c in cur.description]
    return pd.DataFrame.from_records(cur.fetchall(), columns=columns)


def _label(number, path) -> str:
    """How a document is named in a table: its number, else its file name."""
    return number if isinstance(number, str) and number else os.path.basename(path or "")


# --------------------------------------------------------------------------- citations


CITATION_COLUMNS = ["type", "number", "date", "issuer", "title", "cited_by", "where", "page", "section",
                    "archived_as", "cited_id", "document_id", "path"]


def citations(conn, quarter: str | None = None, by: str = "period", type: str | None = None,
              issuer: str | None = None, agency: str | None = None) -> pd.DataFrame:
    """Documents cited by the archived reports: one row per (citing report, cited document)."""
    where = ["r.cited_id IS NOT NULL"]
    params: list = []
    if quarter:
        _, start, end = parse_quarter(quarter)
        if by in ("period", None):
            where.append("d.period_start <= ? AND d.period_end >= ?")
            params += [end, start]
        elif by in ("issue-date", "issue_date", "date"):
            where.append("d.date BETWEEN ? AND ?")
            params += [start, end]
        else:
            raise UsageError(f"unknown --by {by!r}: use period or issue-date")
    if type:
        where.append("fold(COALESCE(r.type, c.type)) = ?")
        params.append(" ".join(fold(type).split()))
    if issuer:
        where.append("fold(r.issuer) LIKE ? ESCAPE '\\'")
        params.append(_like(issuer))
    if agency:
        where.append("(fold(d.agency) LIKE ? ESCAPE '\\' OR fold(d.parent_agency) LIKE ? ESCAPE '\\')")
        params += [_like(agency), _like(agency)]
    sql = f"""
        SELECT COALESCE(r.type, c.type) AS type, COALESCE(r.number, c.number) AS number, r.date, r.issuer,
               COALESCE(r.title, c.title, r.subject) AS title, d.number AS citing_number, d.path AS path,
               r."where" AS "where", r.page, r.section, a.path AS archived_as, c.id AS cited_id,
               d.id AS document_id, r.ord
        FROM documents d
        CROSS JOIN "references" r ON r.document_id = d.id  -- CROSS: reports first (period index), then their references
        JOIN cited_documents c ON c.id = r.cited_id
        LEFT JOIN documents a ON c.key LIKE 'N:%' AND a.number_norm = substr(c.key, 3)
        WHERE {" AND ".join(where)}
        ORDER BY COALESCE(d.period_start, d.date), d.id, r.ord"""
    cur = conn.execute(sql, params)
    columns = [c[0] for c in cur.description] + ["cited_by"]
    at_number, at_path = columns.index("citing_number"), columns.index("path")
    # the label is made on the rows, before pandas: per-row work on a DataFrame's columns costs more
    # than the query itself on a large archive
    rows = [(*row, _label(row[at_number], row[at_path])) for row in cur.fetchall()]
    if not rows:
        return pd.DataFrame(columns=CITATION_COLUMNS)
    df = pd.DataFrame.from_records(rows, columns=columns)
    # a document cited twice by one report is one row; take the first non-empty value of each field
    if df.duplicated(["document_id", "cited_id"]).any():
        df = df.groupby(["document_id", "cited_id"], sort=False, as_index=False).first()
    return df[CITATION_COLUMNS].reset_index(drop=True)


def cited_by(conn, number: str) -> tuple[dict, pd.DataFrame]:
    """The documents that cite NUMBER (however it was written), and what is known about it."""
    key = normalise_number(number)
    if not key:
        raise UsageError(f"not a document number: {number!r} (e.g. 715/BCĐ-CAT)")
    cited = conn.execute(
        "SELECT id, display, type, number FROM cited_documents WHERE key = ?", ("N:" + key,)
    ).fetchone()
    archived = conn.execute(
        "SELECT id, path, doc_type, date, subject FROM documents WHERE number_norm = ?", (key,)
    ).fetchone()
    info = {
        "number": cited[1] if cited else number,
        "type": cited[2] if cited else None,
        "archived": dict(zip(("id", "path", "doc_type", "date", "subject"), archived)) if archived else None,
    }
    columns = ["cited_by", "doc_type", "date", "period", "where", "page", "section", "text", "document_id", "path"]
    if not cited:
        return info, pd.DataFrame(columns=columns)
    df = _frame(
        conn,
        """SELECT d.number AS citing_number, d.doc_type, d.date, d.period_label AS period, r."where", r.page,
                  r.section, r.text, d.id AS document_id, d.path
           FROM "references" r JOIN documents d ON d.id = r.document_id
           WHERE r.cited_id = ? ORDER BY COALESCE(d.period_start, d.date), d.id, r.ord""",
        (cited[0],),
    )
    if df.empty:
        return info, pd.DataFrame(columns=columns)
    df["cited_by"] = [_label(n, p) for n, p in zip(df["citing_number"], df["path"])]
    df = df.drop_duplicates("document_id")
    return info, df[columns].reset_index(drop=True)


# --------------------------------------------------------------------------- search


SEARCH_WINDOW = 1000  # matching passages ranked per query (the newest, when there are more)
SEARCH_COLUMNS = ["document", "page", "where", "section", "snippet", "match", "start", "end", "document_id", "path"]


def _phrase_pattern(words: list[str]) -> re.Pattern:
    return re.compile(r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words) + r"(?!\w)")


def snippet(original: str, start: int, end: int, width: int = 70) -> str:
    """The original text around [start, end), the match between « », on one line."""
    left = max(0, start - width)
    right = min(len(original), end + width)
    if left > 0:
        space = original.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(original):
        space = original.rfind(" ", end, right)
        right = space if space != -1 else right
    text = (
        ("…" if left > 0 else "")
        + original[left:start] + HIGHLIGHT[0] + original[start:end] + HIGHLIGHT[1] + original[end:right]
        + ("…" if right < len(original) else "")
    )
    return " ".join(text.split())


def search(conn, query: str, limit: int = 50) -> pd.DataFrame:
    """Passages containing the words of ``query`` in order, ignoring diacritics, tone placement,
    case and đ/d ("mua ban nguoi" finds "mua bán người"). One row per match, best passages first
    (bm25 among the SEARCH_WINDOW most recently archived matching passages)."""
    words = re.findall(r"\w+", fold(query or ""))
    if not words:
        raise UsageError(f"nothing to search for in {query!r}: give one or more words")
    phrase = '"' + " ".join(words) + '"'  # \w+ words only: no FTS5 syntax can get through
    # bm25 over every match costs seconds when a phrase is in most of 100,000 reports; the newest
    # SEARCH_WINDOW matching passages come straight off the index, and are ranked among themselves
    candidates = conn.execute(
        "SELECT rowid, rank FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
        (phrase, SEARCH_WINDOW),
    ).fetchall()
    best = [rowid for rowid, _ in sorted(candidates, key=lambda c: c[1])[: int(limit)]]
    rows = []
    for rowid in best:
        rows.append(conn.execute(
            """SELECT p.id, p.document_id, p.kind, p.ref_id, p."where", p.section, p.page, p.text,
                      f.folded, d.number, d.path
               FROM passages_src p JOIN passages_fts f ON f.rowid = p.id JOIN documents d ON d.id = p.document_id
               WHERE p.id = ?""",
            (rowid,),
        ).fetchone())
    pattern = _phrase_pattern(words)
    out = []
    for pid, doc_id, kind, ref_id, where, section, page, text, folded, number, path in rows:
        original = text if text is not None else _original(conn, kind, ref_id)
        if original is None or len(fold(original)) != len(folded):
            continue
        for m in pattern.finditer(folded):
            out.append({
                "document": _label(number, path), "page": page, "where": where or kind, "section": section,
                "snippet": snippet(original, m.start(), m.end()), "match": original[m.start():m.end()],
                "start": m.start(), "end": m.end(), "document_id": doc_id, "path": path,
            })
            if len(out) >= limit:
                break
        if len(out) >= limit:
            break
    return pd.DataFrame(out, columns=SEARCH_COLUMNS)


def _original(conn, kind: str, ref_id: int | None) -> str | None:
    if kind == "section":
        row = conn.execute("SELECT title, text FROM sections WHERE id = ?", (ref_id,)).fetchone()
        return None if row is None else (row[0] or "") + ("\n" + row[1] if row[1] else "")
    table = {"footnote": "footnotes", "page": "pages"}.get(kind)
    if table is None:
        return None
    row = conn.execute(f"SELECT text FROM {table} WHERE id = ?", (ref_id,)).fetchone()
    return row[0] if row else None


# --------------------------------------------------------------------------- counts, agencies, lists


def counts(conn, unit: str | None = None, by: str = "quarter") -> pd.DataFrame:
    """Totals of the counts reported (e.g. unit "tin, bài"), per quarter, year, document or agency."""
    if by not in ("quarter", "year", "document", "agency"):
        raise UsageError(f"unknown --by {by!r}: use quarter, year, document or agency")
    sql = """SELECT c.value, c.unit, d.id AS document_id, d.number, d.path, d.period_start, d.date, d.agency
             FROM counts c JOIN documents d ON d.id = c.document_id"""
    params: tuple = ()
    if unit:
        sql += " WHERE c.unit_key = ?"
        params = (normalise_title(unit),)
    df = _frame(conn, sql, params)
    columns = [by, "unit", "total", "mentions", "documents"]
    if df.empty:
        return pd.DataFrame(columns=columns)
    when = df["period_start"].where(df["period_start"].notna(), df["date"])
    if by == "quarter":
        df[by] = [quarter_of(d) or "unknown" for d in when]
    elif by == "year":
        df[by] = [d[:4] if isinstance(d, str) and d else "unknown" for d in when]
    elif by == "document":
        df[by] = [_label(n, p) for n, p in zip(df["number"], df["path"])]
    else:
        df[by] = df["agency"].fillna("unknown")
    df["unit"] = df["unit"].fillna("")
    out = df.groupby([by, "unit"], as_index=False).agg(
        total=("value", "sum"), mentions=("value", "size"), documents=("document_id", "nunique")
    )
    return out.sort_values([by, "unit"]).reset_index(drop=True)[columns]


def agencies(conn) -> pd.DataFrame:
    """Every agency named in the archive: mentions, documents mentioning it, documents it issued."""
    named = _frame(
        conn,
        "SELECT name, COUNT(*) AS mentions, COUNT(DISTINCT document_id) AS documents FROM agencies "
        "WHERE name IS NOT NULL AND name != '' GROUP BY name",
    )
    issued = _frame(
        conn, "SELECT agency AS name, COUNT(*) AS issued FROM documents WHERE agency IS NOT NULL GROUP BY agency"
    )
    columns = ["name", "mentions", "documents", "issued"]
    if named.empty and issued.empty:
        return pd.DataFrame(columns=columns)
    named["key"] = [normalise_title(n) for n in named["name"]]
    issued["key"] = [normalise_title(n) for n in issued["name"]]
    issued_by_key = issued.groupby("key")["issued"].sum()
    named["issued"] = [int(issued_by_key.get(k, 0)) for k in named["key"]]
    extra = issued[~issued["key"].isin(set(named["key"]))].assign(mentions=0, documents=0)
    out = pd.concat([named, extra[["name", "mentions", "documents", "issued", "key"]]], ignore_index=True)
    out = out.sort_values(["documents", "mentions", "issued", "name"], ascending=[False, False, False, True])
    return out[columns].reset_index(drop=True)


def failures(conn) -> pd.DataFrame:
    return _frame(conn, "SELECT path, kind, reason, failed_at FROM failures ORDER BY failed_at, path")


def documents(conn) -> pd.DataFrame:
    df = _frame(
        conn,
        """SELECT id, path, format, pages, text_source, ocr_pages, doc_type, number, agency, place, date,
                  subject, period_label, period_start, period_end, sha256, ingested_at
           FROM documents ORDER BY id""",
    )
    df.insert(2, "file", [os.path.basename(p) for p in df["path"]])
    return df


def find_document(conn, ref: str | int) -> int | None:
    """An archived document by id, path (as given, absolute, or NFC/NFD either way), file name or number."""
    text = str(ref).strip()
    if text.isascii() and text.isdigit() and len(text) <= 18 and not os.path.exists(text):  # an id fits in SQLite's 64 bits
        row = conn.execute("SELECT id FROM documents WHERE id = ?", (int(text),)).fetchone()
        if row:
            return row[0]
    wanted = {nfc(text), nfc(os.path.abspath(text))}
    if os.path.exists(text):
        wanted.add(nfc(os.path.realpath(text)))
    rows = conn.execute("SELECT id, path FROM documents").fetchall()
    for doc_id, path in rows:
        if nfc(path) in wanted:
            return doc_id
    by_name = [doc_id for doc_id, path in rows if nfc(os.path.basename(path)) == nfc(os.path.basename(text))]
    if len(by_name) == 1 and not os.path.exists(text):
        return by_name[0]
    key = normalise_number(text)
    if key and "/" in text:
        row = conn.execute("SELECT id FROM documents WHERE number_norm = ?", (key,)).fetchone()
        if row:
            return row[0]
    return None


def get(conn, doc_id: int) -> dict:
    """One archived document: its baocao.report/1 dict plus an "archive" block (id, path, when)."""
    row = conn.execute(
        "SELECT id, path, contract, ingested_at, size, mtime_ns, ocr_pages FROM documents WHERE id = ?", (doc_id,)
    ).fetchone()
    if row is None:
        raise UsageError(f"no archived document with id {doc_id}")
    contract = corrections.apply(json.loads(row[2]), corrections.active(conn, doc_id))
    contract["archive"] = {"id": row[0], "path": row[1], "ingested_at": row[3], "size": row[4],
                           "mtime_ns": row[5], "ocr_pages": row[6]}
    return contract


def counts_summary(conn) -> dict:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "documents": one("SELECT COUNT(*) FROM documents"),
        "with_period": one("SELECT COUNT(*) FROM documents WHERE period_start IS NOT NULL"),
        "with_date": one("SELECT COUNT(*) FROM documents WHERE date IS NOT NULL"),
        "references": one('SELECT COUNT(*) FROM "references"'),
        "failures": one("SELECT COUNT(*) FROM failures"),
    }



def not_archived(conn, ref) -> str:
    """Why ``ref`` found no archived document, in one line: a number that archived reports cite
    but that is not itself archived is told apart from a name nothing knows."""
    from ..i18n import _, ngettext

    text = str(ref).strip()
    key = normalise_number(text) if "/" in text else None
    if key:
        row = conn.execute(
            'SELECT c.display, COUNT(DISTINCT r.document_id) FROM cited_documents c '
            'JOIN "references" r ON r.cited_id = c.id WHERE c.key = ? GROUP BY c.id', ("N:" + key,)
        ).fetchone()
        if row:
            return ngettext(
                "{number} is not in the archive: {n} archived document cites it, but the document itself "
                "was never archived (`baocao cited-by {number}` lists who cites it)",
                "{number} is not in the archive: {n} archived documents cite it, but the document itself "
                "was never archived (`baocao cited-by {number}` lists who cites it)", row[1]).format(
                number=row[0], n=row[1])
    return _("not in the archive: {ref} (give an archived document's id, path, file name or number; "
             "`baocao documents` lists them)").format(ref=text)
