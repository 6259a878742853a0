"""Queries over the archive. Each returns a pandas DataFrame (``get`` returns one document's dict).

User text only ever reaches SQLite as a bound parameter; the few pieces of SQL that vary are
chosen from fixed strings in this module.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3

from .. import lazy
from ..errors import UsageError
from ..period import parse_period, period_containing
from ..text import fold, nfc
from . import corrections
from .store import live, normalise_number, normalise_title, unit_key

pd = lazy.module("pandas")  # imported when a data frame is first made (not by `baocao ingest`)

HIGHLIGHT = ("«", "»")


def parse_quarter(text: str) -> tuple[str, str, str]:
    """'2023Q1' (or '2023-Q1', 'Q1/2023') -> ('2023Q1', '2023-01-01', '2023-03-31'), by pipeline.period."""
    try:
        period = parse_period(text or "")
    except UsageError:
        period = None
    if period is None or period.kind != "quarter":
        raise UsageError(f"unknown quarter {text!r}: write it as YYYYQn with n from 1 to 4, e.g. 2023Q1")
    return period.code, period.start.isoformat(), period.end.isoformat()


def quarter_of(day) -> str | None:
    """The quarter code of an ISO day ('2023-02-14' -> '2023Q1'); None for anything else (None, NaN, '')."""
    period = period_containing(day, "quarter") if isinstance(day, str) else None
    return period.code if period else None


def like_pattern(text: str) -> str:
    """A LIKE pattern matching text anywhere, with the user's % and _ taken literally."""
    escaped = fold(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _frame(conn: sqlite3.Connection, sql: str, params=()) -> pd.DataFrame:
    cur = conn.execute(sql, params)
    columns = [c[0] for c in cur.description]
    return pd.DataFrame.from_records(cur.fetchall(), columns=columns)


def document_label(number, path) -> str:
    """How a document is named in a table: its number, else its file name."""
    return number if isinstance(number, str) and number else os.path.basename(path or "")


# --------------------------------------------------------------------------- citations


CITATION_COLUMNS = ["type", "number", "date", "issuer", "title", "cited_by", "where", "page", "section",
                    "archived_as", "cited_id", "document_id", "path", "files"]


def file_names(conn, doc_ids, include_gone: bool = False, best: dict | None = None) -> dict[int, str]:
    """document id -> its files' names ("a.pdf; a.doc"), the best copy first (``best``: document id
    -> its best copy's path, when the caller has it). Read from the files index alone."""
    ids = sorted({int(d) for d in doc_ids})
    if best is None:
        best = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            best.update(conn.execute(f"""SELECT id, path FROM documents WHERE id IN ({marks})""", chunk))
    out: dict[int, list[str]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for doc_id, path in conn.execute(
            f"""SELECT document_id, path FROM files WHERE document_id IN ({marks}) AND gone <= ?
                ORDER BY document_id, path""",
            (*chunk, int(include_gone)),
        ):
            out.setdefault(doc_id, []).append(path)
    return {d: "; ".join(os.path.basename(p) for p in sorted(paths, key=lambda p: p != best.get(d)))
            for d, paths in out.items()}


def citations(conn, quarter: str | None = None, by: str = "period", type: str | None = None,
              issuer: str | None = None, agency: str | None = None, include_gone: bool = False) -> pd.DataFrame:
    """Documents cited by the archived reports: one row per (citing document, cited document); a
    document archived in several files is one citing document (``files`` names them).

    A quarter's reports by period are read from ``document_quarters`` (the quarters each period
    covers, written with the document), then tested against the period range: a range test alone
    walks the period index over every report that began before the quarter's end. What the rows
    share (a citing document's label and files, a cited document's archived copy) is made once
    each, and rows are made in Python before pandas: per-row work on a DataFrame costs more than
    the query itself on a large archive."""
    where = ["r.cited_id IS NOT NULL", live("d", include_gone)]
    params: list = []
    reports = "documents d"
    if quarter:
        code, start, end = parse_quarter(quarter)
        if by in ("period", None):
            reports = "document_quarters q CROSS JOIN documents d ON d.id = q.document_id"
            where.append("q.quarter IN (?, '*') AND d.period_start <= ? AND d.period_end >= ?")
            params += [code, end, start]
        elif by in ("issue-date", "issue_date", "date"):
            where.append("d.date BETWEEN ? AND ?")
            params += [start, end]
        else:
            raise UsageError(f"unknown --by {by!r}: use period or issue-date")
    if type:
        where.append("fold(COALESCE(r.type, c.type)) = ?")
        params.append(" ".join(fold(type).split()))
    if issuer:  # however the issuer was found: written out, or named by the number's code
        where.append("(fold(r.issuer) LIKE ? ESCAPE '\\' OR fold(issuer_of(COALESCE(r.number, c.number), r.issuer_code)) LIKE ? ESCAPE '\\')")
        params += [like_pattern(issuer), like_pattern(issuer)]
    if agency:
        where.append("(fold(d.agency) LIKE ? ESCAPE '\\' OR fold(d.parent_agency) LIKE ? ESCAPE '\\')")
        params += [like_pattern(agency), like_pattern(agency)]
    sql = f"""
        SELECT COALESCE(r.type, c.type), COALESCE(r.number, c.number), r.date, r.issuer,
               COALESCE(r.title, c.title, r.subject), r.part, r.page, r.section, c.id, d.id,
               d.number, d.path, d.files, c.key
        FROM {reports}
        CROSS JOIN reference_mentions r ON r.document_id = d.id  -- CROSS: reports first, then their references
        JOIN cited_documents c ON c.id = r.cited_id
        WHERE {" AND ".join(where)}
        ORDER BY COALESCE(d.period_start, d.date), d.id, r.ord"""
    fetched = conn.execute(sql, params).fetchall()
    if not fetched:
        return pd.DataFrame(columns=CITATION_COLUMNS)
    # a document cited twice by one report is one row: the first, its empty fields filled from the others
    firsts: dict[tuple[int, int], int] = {}
    for n, row in enumerate(fetched):
        at = firsts.setdefault((row[9], row[8]), n)
        if at != n:
            fetched[at] = tuple(a if a is not None else b for a, b in zip(fetched[at], row))
            fetched[n] = None
    if len(firsts) < len(fetched):
        fetched = [row for row in fetched if row is not None]
    (kinds, numbers, dates, issuers, titles, wheres, pages, sections, cited_ids, doc_ids, citing_numbers, paths,
     n_files, keys) = (list(c) for c in zip(*fetched))
    # what rows share is made once: per citing document (label, files) and per cited document (archived copy)
    citing = dict(zip(doc_ids, zip(citing_numbers, paths, n_files)))
    several = {d: path for d, (_, path, n) in citing.items() if include_gone or (n or 0) > 1}
    names = file_names(conn, several, include_gone, best=several) if several else {}
    labels = {d: document_label(number, path) for d, (number, path, _) in citing.items()}
    files = {d: names.get(d) or os.path.basename(path or "") for d, (_, path, _) in citing.items()}
    cited_keys = dict(zip(cited_ids, keys))
    archived = archived_paths(conn, {k[2:] for k in cited_keys.values() if k.startswith("N:")})
    copies = {c: archived.get(k[2:]) if k.startswith("N:") else None for c, k in cited_keys.items()}
    return pd.DataFrame({
        "type": kinds, "number": numbers, "date": dates, "issuer": issuers, "title": titles,
        "cited_by": [labels[d] for d in doc_ids], "where": wheres, "page": pages, "section": sections,
        "archived_as": [copies[c] for c in cited_ids], "cited_id": cited_ids, "document_id": doc_ids, "path": paths,
        "files": [files[d] for d in doc_ids]})


def archived_paths(conn, number_keys) -> dict[str, str]:
    """normalised number -> the path of the archived (present) document with that number; of
    several, the first archived."""
    keys = sorted(number_keys)
    out: dict[str, str] = {}
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for number_norm, path in conn.execute(
                f"SELECT number_norm, path FROM documents WHERE number_norm IN ({marks}) AND {live()} ORDER BY id DESC",
                chunk):
            out[number_norm] = path
    return out


def cited_by(conn, number: str, include_gone: bool = False) -> tuple[dict, pd.DataFrame]:
    """The documents that cite NUMBER (however it was written), and what is known about it."""
    key = normalise_number(number)
    if not key:
        raise UsageError(f"not a document number: {number!r} (e.g. 715/BCĐ-CAT)")
    cited = conn.execute(
        "SELECT id, display, type, number FROM cited_documents WHERE key = ?", ("N:" + key,)
    ).fetchone()
    archived = conn.execute(
        f"SELECT id, path, doc_type, date, subject FROM documents WHERE number_norm = ? AND {live(None, include_gone)} "
        "ORDER BY gone, id", (key,),
    ).fetchone()
    info = {
        "number": cited[1] if cited else number,
        "type": cited[2] if cited else None,
        "archived": dict(zip(("id", "path", "doc_type", "date", "subject"), archived)) if archived else None,
    }
    columns = ["cited_by", "doc_type", "date", "period", "where", "page", "section", "text", "document_id", "path", "files"]
    if not cited:
        return info, pd.DataFrame(columns=columns)
    df = _frame(
        conn,
        f"""SELECT d.number AS citing_number, d.doc_type, d.date, d.period_label AS period, r.part AS "where", r.page,
                  r.section, r.text, d.id AS document_id, d.path
           FROM reference_mentions r JOIN documents d ON d.id = r.document_id
           WHERE r.cited_id = ? AND {live("d", include_gone)} ORDER BY COALESCE(d.period_start, d.date), d.id, r.ord""",
        (cited[0],),
    )
    if df.empty:
        return info, pd.DataFrame(columns=columns)
    df["cited_by"] = [document_label(n, p) for n, p in zip(df["citing_number"], df["path"])]
    df = df.drop_duplicates("document_id")
    names = file_names(conn, df["document_id"], include_gone, best=dict(zip(df["document_id"], df["path"])))
    df["files"] = [names.get(d, "") for d in df["document_id"]]
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
    # equal ranks (a phrase in most passages has an idf near 0) are ordered by the document's path and the
    # passage's place in it, not by when the archive stored it: a batch resumed after a kill stores documents
    # in another order, and must answer as a clean ingest does
    candidates = conn.execute(
        "SELECT f.rowid, f.rank, d.path FROM passages_fts f JOIN passages_src p ON p.id = f.rowid"
        " JOIN documents d ON d.id = p.document_id WHERE passages_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?",
        (phrase, SEARCH_WINDOW),
    ).fetchall()
    best = [rowid for rowid, _, _ in sorted(candidates, key=lambda c: (c[1], c[2], c[0]))[: int(limit)]]
    rows = []
    for rowid in best:
        rows.append(conn.execute(
            f"""SELECT p.id, p.document_id, p.kind, p.ref_id, p.part, p.section, p.page, p.text,
                      f.folded, d.number, d.path
               FROM passages_src p JOIN passages_fts f ON f.rowid = p.id JOIN documents d ON d.id = p.document_id
               WHERE p.id = ? AND {live("d")}""",
            (rowid,),
        ).fetchone())
    rows = [r for r in rows if r is not None]
    pattern = _phrase_pattern(words)
    out = []
    for pid, doc_id, kind, ref_id, where, section, page, text, folded, number, path in rows:
        original = text if text is not None else _original(conn, kind, ref_id)
        if original is None or len(fold(original)) != len(folded):
            continue
        for m in pattern.finditer(folded):
            out.append({
                "document": document_label(number, path), "page": page, "where": where or kind, "section": section,
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


# what a qualifier says of the true value: at least (≥), at most (≤) or about (≈) the number written
BOUNDS = {
    "tren": "≥", "hon": "≥", "it nhat": "≥", "toi thieu": "≥", "hang chuc": "≥", "hang tram": "≥",
    "hang nghin": "≥", "hang ngan": "≥", "hang trieu": "≥",
    "duoi": "≤", "chua den": "≤", "toi da": "≤", "toi": "≤", "len toi": "≤", "len den": "≤",
    "gan": "≈", "khoang": "≈", "xap xi": "≈", "tren duoi": "≈", "gan nhu": "≈", "hau het": "≈",
    "dat": None,
}
COUNT_COLUMNS = ["unit", "total", "bound", "total_text", "qualifiers", "mentions", "documents"]


def bound_of(qualifier) -> str | None:
    """'trên' -> '≥', 'gần' -> '≈', 'dưới' -> '≤', None or 'đạt' -> None; an unknown qualifier -> '≈'."""
    if not isinstance(qualifier, str) or not qualifier.strip():
        return None
    return BOUNDS.get(" ".join(fold(qualifier).split()), "≈")


def _total_bound(bounds) -> str | None:
    kinds = {b for b in bounds if isinstance(b, str)}
    if not kinds:
        return None
    return kinds.pop() if len(kinds) == 1 else "≈"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def counts(conn, unit: str | None = None, by: str = "quarter", include_gone: bool = False) -> pd.DataFrame:
    """Totals of the counts reported (e.g. unit "tin, bài"), per quarter, year, document or agency.
    Each document counts once, however many files hold it. A total over qualified values says so:
    ``bound`` "≥" (trên, hơn, ít nhất), "≤" (dưới, tối đa) or "≈" (gần, khoảng, or a mix), and
    ``total_text`` reads "≥ 30" for "trên 30"; ``qualifiers`` lists the qualifiers summed."""
    if by not in ("quarter", "year", "document", "agency"):
        raise UsageError(f"unknown --by {by!r}: use quarter, year, document or agency")
    sql = f"""SELECT c.value, c.qualifier, c.unit, d.id AS document_id, d.number, d.path, d.period_start, d.date,
                    d.agency
             FROM counts c JOIN documents d ON d.id = c.document_id WHERE c.value IS NOT NULL AND {live("d", include_gone)}"""
    params: tuple = ()
    if unit:
        sql += " AND c.unit_key = ?"
        params += (unit_key(unit),)
    df = _frame(conn, sql, params)
    columns = [by, *COUNT_COLUMNS]
    if df.empty:
        return pd.DataFrame(columns=columns)
    when = [p if isinstance(p, str) and p else d for p, d in zip(df["period_start"], df["date"])]
    if by == "quarter":
        df[by] = [quarter_of(d) or "unknown" for d in when]
    elif by == "year":
        df[by] = [d[:4] if isinstance(d, str) and len(d) >= 4 else "unknown" for d in when]
    elif by == "document":
        df[by] = [document_label(n, p) for n, p in zip(df["number"], df["path"])]
    else:
        df[by] = [a if isinstance(a, str) and a else "unknown" for a in df["agency"]]
    df["unit"] = [u if isinstance(u, str) else "" for u in df["unit"]]
    df["value"] = pd.to_numeric(df["value"], errors="coerce")
    df = df[df["value"].notna()]
    df["bound"] = [bound_of(q) for q in df["qualifier"]]
    rows = []
    for (key, unit_name), group in df.groupby([by, "unit"], sort=True):
        total = float(group["value"].sum())
        bound = _total_bound(group["bound"])
        qualifiers = sorted({q.strip() for q in group["qualifier"] if isinstance(q, str) and q.strip()})
        rows.append({
            by: key, "unit": unit_name, "total": total, "bound": bound,
            "total_text": f"{bound} {_number(total)}" if bound else _number(total),
            "qualifiers": ", ".join(qualifiers) or None,
            "mentions": len(group), "documents": group["document_id"].nunique(),
        })
    return pd.DataFrame(rows, columns=columns)


def agencies(conn, include_gone: bool = False) -> pd.DataFrame:
    """Every agency named in the archive: mentions, documents mentioning it, documents it issued."""
    named = _frame(
        conn,
        "SELECT name, COUNT(*) AS mentions, COUNT(DISTINCT document_id) AS documents FROM agencies "
        f"WHERE name IS NOT NULL AND name != '' AND document_id IN (SELECT id FROM documents WHERE {live(None, include_gone)}) "
        "GROUP BY name",
    )
    issued = _frame(
        conn, f"SELECT agency AS name, COUNT(*) AS issued FROM documents WHERE agency IS NOT NULL AND {live(None, include_gone)} "
              "GROUP BY agency",
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


def documents(conn, include_gone: bool = False) -> pd.DataFrame:
    """One row per document (a document in several files is one row: ``files`` names them, the
    best copy first, and ``path`` is the best copy's)."""
    df = _frame(
        conn,
        f"""SELECT id, path, format, pages, text_source, ocr_pages, doc_type, number, agency, place, date,
                  subject, period_label, period_start, period_end, sha256, ingested_at, files AS n_files, gone
           FROM documents WHERE {live(None, include_gone)} ORDER BY id""",
    )
    df.insert(2, "file", [os.path.basename(p) for p in df["path"]])
    names = file_names(conn, df["id"], include_gone, best=dict(zip(df["id"], df["path"])))
    df["files"] = [names.get(d, "") for d in df["id"]]
    return df


def files(conn, include_gone: bool = True) -> pd.DataFrame:
    """Every archived file and the document it is part of; gone ones (no longer in their folder) too
    unless ``include_gone`` is False."""
    df = _frame(
        conn,
        """SELECT f.id, f.document_id, f.path, f.format, f.text_source, f.pages, f.size, f.sha256, f.first_seen,
                  f.last_seen, f.gone, f.path = d.path AS best
           FROM files f LEFT JOIN documents d ON d.id = f.document_id WHERE f.gone <= ? ORDER BY f.document_id, f.path""",
        (int(include_gone),),
    )
    df.insert(3, "file", [os.path.basename(p) for p in df["path"]])
    return df


def find_document(conn, ref: str | int) -> int | None:
    """An archived document by id, path (as given, absolute, or NFC/NFD either way), file name or number."""
    text = str(ref).strip()
    if text.isascii() and text.isdigit() and len(text) <= 18 and not os.path.exists(text):  # an id fits in SQLite's 64 bits
        row = conn.execute("SELECT id FROM documents WHERE id = ?", (int(text),)).fetchone()
        if row:
            return row[0]
    rows = conn.execute("SELECT document_id, path FROM files WHERE document_id IS NOT NULL ORDER BY gone, id").fetchall()
    found = _by_path(rows, text, by_name=not os.path.exists(text))
    if found is not None:
        return found
    key = normalise_number(text)
    if key and "/" in text:
        row = conn.execute("SELECT id FROM documents WHERE number_norm = ? ORDER BY gone, id", (key,)).fetchone()
        if row:
            return row[0]
    return None


def find_file(conn, ref: str) -> int | None:
    """An archived file by path (as given, absolute, NFC/NFD) or by its name when only one has it."""
    text = str(ref).strip()
    return _by_path(conn.execute("SELECT id, path FROM files ORDER BY gone, id").fetchall(), text, by_name=True)


def _by_path(rows, text: str, *, by_name: bool) -> int | None:
    """The id of the (id, path) row whose path is ``text`` (as given, absolute or resolved, NFC/NFD), else,
    when ``by_name``, of the one row whose file name is ``text``'s."""
    wanted = {nfc(text), nfc(os.path.abspath(text))}
    if os.path.exists(text):
        wanted.add(nfc(os.path.realpath(text)))
    for row_id, path in rows:
        if nfc(path) in wanted:
            return row_id
    if not by_name:
        return None
    named = [i for i, path in rows if nfc(os.path.basename(path)) == nfc(os.path.basename(text))]
    return named[0] if len(named) == 1 else None


def get(conn, doc_id: int) -> dict:
    """One archived document: its baocao.report/1 dict plus an "archive" block (id, path, when)."""
    row = conn.execute(
        "SELECT id, path, contract, ingested_at, size, mtime_ns, ocr_pages FROM documents WHERE id = ?", (doc_id,)
    ).fetchone()
    if row is None:
        raise UsageError(f"no archived document with id {doc_id}")
    contract = corrections.apply(json.loads(row[2]), corrections.active(conn, doc_id))
    files = [dict(zip(("path", "format", "text_source", "sha256", "gone"), f)) for f in conn.execute(
        "SELECT path, format, text_source, sha256, gone FROM files WHERE document_id = ? ORDER BY path != ?, path",
        (doc_id, row[1]))]
    gone = conn.execute("SELECT gone FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
    contract["archive"] = {"id": row[0], "path": row[1], "ingested_at": row[3], "size": row[4],
                           "mtime_ns": row[5], "ocr_pages": row[6], "gone": bool(gone),
                           "files": [{**f, "gone": bool(f["gone"])} for f in files]}
    return contract


def counts_summary(conn) -> dict:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "documents": one(f"SELECT COUNT(*) FROM documents WHERE {live()}"),
        "files": one("SELECT COUNT(*) FROM files WHERE gone = 0"),
        "gone": one(f"SELECT COUNT(*) FROM documents WHERE NOT ({live()})"),
        "with_period": one(f"SELECT COUNT(*) FROM documents WHERE {live()} AND period_start IS NOT NULL"),
        "with_date": one(f"SELECT COUNT(*) FROM documents WHERE {live()} AND date IS NOT NULL"),
        "references": one(f'SELECT COUNT(*) FROM reference_mentions r JOIN documents d ON d.id = r.document_id WHERE {live("d")}'),
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
            'JOIN reference_mentions r ON r.cited_id = c.id WHERE c.key = ? GROUP BY c.id', ("N:" + key,)
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
