"""Corrections made by a person to a document's extracted fields.

A correction is a row (document, field, old value, new value, note, when, who) in its own table;
the extraction in ``documents.contract`` is never rewritten. What the archive answers with is the
corrected value: ``materialise`` writes the effective values into the ``documents`` columns every
query reads (number, date, agency, period …, and the searchable subject), and ``apply`` puts them
into a contract dict (``Archive.get``, ``show``, drafts), with a ``corrections`` list saying which.

They are kept by document, not by file: when a document is re-ingested (its file changed, or read
again) its corrections move to the new row and are applied again; one whose value the new
extraction now gives is marked settled. Undoing one sets ``undone_at``; the row stays (history).
For one field, the latest correction not undone wins; undoing it brings back the one before.
"""
from __future__ import annotations

import getpass
import json
import re
import sqlite3
from datetime import date, datetime, timezone

from ..errors import UsageError
from ..grammar.dates import parse_day
from ..i18n import N_, _
from ..text import fold, nfc

TABLE = """CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,   -- documents.id (no foreign key: a re-ingest replaces the row, see carry)
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    author TEXT,
    undone_at TEXT,
    settled_at TEXT
)"""

# the header fields a person may correct, with their label (translated when shown); "period" is a period code
FIELDS = {
    "number": N_("Number and symbol"),
    "date": N_("Issue date"),
    "doc_type": N_("Document type"),
    "agency": N_("Issuing agency"),
    "parent_agency": N_("Parent agency"),
    "place": N_("Place"),
    "subject": N_("Subject"),
    "period": N_("Reporting period"),
    "distribution": N_("Distribution"),
}
# a signer's parts: signer.N.authority, signer.N.position, signer.N.name (N from 1; one past the last adds a signer)
SIGNER_PARTS = {"authority": N_("signing authority"), "position": N_("position"), "name": N_("full name")}
_SIGNER = re.compile(r"^signer\.([1-9][0-9]?)\.(authority|position|name)$")
_ITEM_MARK = re.compile(r"^[\s\-–—+•*]+|[\s;,.]+$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def ensure(conn: sqlite3.Connection) -> None:
    """Create the table (an archive opened for writing)."""
    conn.execute(TABLE)
    conn.execute("CREATE INDEX IF NOT EXISTS corrections_document ON corrections(document_id)")


def exists(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'corrections'").fetchone() is not None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def default_author() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return "?"


# --------------------------------------------------------------------------- values


def signer_part(field: str) -> tuple[int, str] | None:
    """'signer.2.name' -> (1, 'name'): the signer's index and part; None for any other field."""
    m = _SIGNER.match(field or "")
    return (int(m.group(1)) - 1, m.group(2)) if m else None


def check_field(field: str) -> str:
    if field in FIELDS or signer_part(field):
        return field
    raise UsageError(_("cannot correct {field!r}: the fields are {fields}").format(
        field=field, fields=", ".join([*FIELDS, "signer.N.authority", "signer.N.position", "signer.N.name"])))


def label(field: str, gettext=None) -> str:
    """The label of a field a person corrects, in the language chosen ("Người ký 1: họ tên" for
    signer.1.name); gettext: another catalogue's (the web app's)."""
    gettext = gettext or _
    part = signer_part(field)
    if part:
        return gettext("Signer {n}: {part}").format(n=part[0] + 1, part=gettext(SIGNER_PARTS[part[1]]))
    return gettext(FIELDS[field]) if field in FIELDS else field


def distribution_items(value: str | None) -> list[str]:
    """Nơi nhận as a person writes it, one item a line or items separated by ';' ("- Như trên;"):
    the items, without their dash and closing ';'."""
    items = []
    for piece in re.split(r"[\n;]", nfc(value or "")):
        item = " ".join(_ITEM_MARK.sub("", piece.strip()).split())
        if item:
            items.append(item)
    return items


def parse_value(field: str, value: str | None) -> str | None:
    """The value as stored: NFC, one line; a date as YYYY-MM-DD (dd/mm/yyyy accepted); a period as
    its code (2023Q2, 2023H1, 2023-04, 2023; 'quý II/2023' accepted); Nơi nhận as its items, one a
    line. Empty -> None (no value)."""
    check_field(field)
    if field == "distribution":
        return "\n".join(distribution_items(value)) or None
    text = " ".join(nfc(value or "").split())
    if not text:
        return None
    if field == "date":
        day = parse_day(text)  # dd/mm/yyyy, as the dates grammar reads a day
        if day is not None:
            return day.isoformat()
        y, mo, d = _ISO.match(text).groups() if _ISO.match(text) else (None, None, None)
        try:
            return date(int(y), int(mo), int(d)).isoformat()
        except (TypeError, ValueError):
            raise UsageError(_("not a date: {value!r} (write it as dd/mm/yyyy, e.g. 24/10/2025)").format(value=value)) from None
    if field == "period":
        return period_code(text)
    return text


def period_code(text: str) -> str:
    """A period as people write it ("quý II/2023", "Quý 2 năm 2023", 2023Q2), read by pipeline.period."""
    from ..period import parse_period

    try:
        return parse_period(text).code
    except Exception:
        raise UsageError(_("not a period: {text!r} (e.g. 2023Q2, 'quý II/2023', 2023H1, 2023-04, 2023)").format(text=text)) from None


def _period(code: str | None) -> dict | None:
    if not code:
        return None
    from ..period import parse_period

    p = parse_period(code)
    return {"label": p.label(short=True), "start": p.start.isoformat(), "end": p.end.isoformat()}


def extracted_value(contract: dict, field: str) -> str | None:
    """The value the extraction gave for ``field`` (a period as its code)."""
    if field == "period":
        p = contract.get("period")
        if not p:
            return None
        from ..period import period_of

        found = period_of(p["start"], p["end"])
        return found.code if found else p.get("label")
    if field == "distribution":
        return "\n".join(contract.get("distribution") or []) or None
    part = signer_part(field)
    if part:
        signers = contract.get("signers") or []
        return (signers[part[0]] or {}).get(part[1]) if part[0] < len(signers) else None
    return (contract.get("header") or {}).get(field)


# --------------------------------------------------------------------------- reading


def active(conn: sqlite3.Connection, doc_id: int) -> dict[str, dict]:
    """field -> the correction in force (the latest not undone)."""
    if not exists(conn):
        return {}
    rows = conn.execute(
        "SELECT id, field, old_value, new_value, note, created_at, author, settled_at FROM corrections "
        "WHERE document_id = ? AND undone_at IS NULL ORDER BY id",
        (doc_id,),
    ).fetchall()
    out = {}
    for r in rows:
        out[r[1]] = dict(zip(("id", "field", "old_value", "new_value", "note", "created_at", "author", "settled_at"), r))
    return out


def history(conn: sqlite3.Connection, doc_id: int | None = None, *, include_undone: bool = True) -> list[dict]:
    if not exists(conn):
        return []
    sql = ("SELECT c.id, c.document_id, c.field, c.old_value, c.new_value, c.note, c.created_at, c.author, "
           "c.undone_at, c.settled_at, d.number, d.path FROM corrections c LEFT JOIN documents d ON d.id = c.document_id")
    where, params = [], []
    if doc_id is not None:
        where.append("c.document_id = ?")
        params.append(doc_id)
    if not include_undone:
        where.append("c.undone_at IS NULL")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY c.id DESC"
    keys = ("id", "document_id", "field", "old_value", "new_value", "note", "created_at", "author",
            "undone_at", "settled_at", "document_number", "document_path")
    return [dict(zip(keys, r)) for r in conn.execute(sql, params).fetchall()]


def apply(contract: dict, corrections: dict[str, dict]) -> dict:
    """The contract with corrected values in place; ``contract["corrections"]`` lists them (field,
    extracted value, corrected value, note, when, who, settled)."""
    if not corrections:
        contract.setdefault("corrections", [])
        return contract
    header = contract.setdefault("header", {})
    listed = []
    for field, c in corrections.items():
        listed.append({"field": field, "extracted": extracted_value(contract, field), "value": c["new_value"],
                       "note": c["note"], "at": c["created_at"], "by": c["author"], "id": c["id"],
                       "settled": c["settled_at"] is not None})
        if field == "period":
            contract["period"] = _period(c["new_value"])
        elif field == "distribution":
            _set_distribution(contract, c["new_value"])
        elif signer_part(field):
            at, part = signer_part(field)
            signers = contract["signers"] = [dict(x) for x in contract.get("signers") or []]
            while len(signers) <= at:
                signers.append({"authority": None, "position": None, "name": None})
            signers[at][part] = c["new_value"]
        else:
            header[field] = c["new_value"]
    contract["corrections"] = listed
    return contract


def _set_distribution(contract: dict, value: str | None) -> None:
    """Nơi nhận replaced by the corrected items; an item printed as it was keeps its place on the
    page (provenance), a new one has none."""
    before = contract.get("distribution") or []
    items = value.split("\n") if value else []
    prov = contract.get("provenance")
    if isinstance(prov, dict) and isinstance(prov.get("distribution"), list):
        boxes = dict(zip(before, prov["distribution"]))
        prov["distribution"] = [boxes.get(item) for item in items]
    contract["distribution"] = items


# --------------------------------------------------------------------------- writing


def materialise(conn: sqlite3.Connection, doc_id: int) -> None:
    """Write the document's effective values (extraction, then corrections) into its columns."""
    from .store import normalise_number, sync_quarters

    row = conn.execute("SELECT contract FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return
    c = apply(json.loads(row[0]), active(conn, doc_id))
    h, p = c.get("header") or {}, c.get("period") or {}
    conn.execute(
        """UPDATE documents SET doc_type = ?, number = ?, agency = ?, parent_agency = ?, place = ?, date = ?,
           subject = ?, period_label = ?, period_start = ?, period_end = ?, number_norm = ? WHERE id = ?""",
        (h.get("doc_type"), h.get("number"), h.get("agency"), h.get("parent_agency"), h.get("place"), h.get("date"),
         h.get("subject"), p.get("label"), p.get("start"), p.get("end"), normalise_number(h.get("number")), doc_id),
    )
    sync_quarters(conn, doc_id)  # the quarters citations --quarter finds it in follow its period
    # signers and Nơi nhận are rows of their own (export, SQL): they follow the corrections too
    conn.execute("DELETE FROM signers WHERE document_id = ?", (doc_id,))
    conn.executemany(
        "INSERT INTO signers (document_id, ord, authority, position, name) VALUES (?, ?, ?, ?, ?)",
        [(doc_id, i, x.get("authority"), x.get("position"), x.get("name")) for i, x in enumerate(c.get("signers") or [])])
    conn.execute("DELETE FROM distribution WHERE document_id = ?", (doc_id,))
    conn.executemany("INSERT INTO distribution (document_id, ord, text) VALUES (?, ?, ?)",
                     [(doc_id, i, t) for i, t in enumerate(c.get("distribution") or [])])
    # the subject is searchable: its passage follows the correction (a document with no passage at
    # all is not searchable, e.g. one whose files are gone, and stays so)
    if not conn.execute("SELECT 1 FROM passages_src WHERE document_id = ? LIMIT 1", (doc_id,)).fetchone():
        return
    for (pid,) in conn.execute("SELECT id FROM passages_src WHERE document_id = ? AND kind = 'subject'", (doc_id,)).fetchall():
        conn.execute("DELETE FROM passages_fts WHERE rowid = ?", (pid,))
        conn.execute("DELETE FROM passages_src WHERE id = ?", (pid,))
    if h.get("subject"):
        cur = conn.execute(
            'INSERT INTO passages_src (document_id, kind, ref_id, part, section, page, text) VALUES (?, ?, ?, ?, ?, ?, ?)',
            (doc_id, "subject", None, "header", "subject", 1, h["subject"]),
        )
        conn.execute("INSERT INTO passages_fts (rowid, folded) VALUES (?, ?)", (cur.lastrowid, fold(h["subject"])))


def carry(conn: sqlite3.Connection, old_ids: list[int], new_id: int, contract: dict) -> None:
    """After a re-ingest replaced ``old_ids`` by ``new_id``: move their corrections to it, settle
    those the new extraction agrees with, and apply them. Called by store.insert_document."""
    if not exists(conn):
        return
    for old in old_ids:
        if old != new_id:
            conn.execute("UPDATE corrections SET document_id = ? WHERE document_id = ?", (new_id, old))
    now = _now()
    in_force = active(conn, new_id)
    for field, c in in_force.items():
        if c["settled_at"] is None and extracted_value(contract, field) == c["new_value"]:
            conn.execute("UPDATE corrections SET settled_at = ? WHERE id = ?", (now, c["id"]))
    if in_force:
        materialise(conn, new_id)


def correct(conn: sqlite3.Connection, doc_id: int, field: str, value: str | None, *, note: str | None = None,
            author: str | None = None) -> dict:
    """Store a correction of ``field`` to ``value`` and apply it. The caller owns no transaction."""
    from .store import transaction

    new = parse_value(field, value)
    with transaction(conn):
        ensure(conn)
        row = conn.execute("SELECT contract FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise UsageError(_("no archived document with id {id}").format(id=doc_id))
        contract = json.loads(row[0])
        current = active(conn, doc_id)
        old = current[field]["new_value"] if field in current else extracted_value(contract, field)
        if old == new:
            raise UsageError(_("{label} is already {value!r}: nothing to correct").format(label=label(field), value=new))
        note = " ".join(nfc(note or "").split()) or None
        author = " ".join(nfc(author or "").split())[:80] or default_author()
        cur = conn.execute(
            "INSERT INTO corrections (document_id, field, old_value, new_value, note, created_at, author) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (doc_id, field, old, new, note, _now(), author),
        )
        materialise(conn, doc_id)
        return {"id": cur.lastrowid, "document_id": doc_id, "field": field, "old_value": old, "new_value": new,
                "note": note, "author": author}


def undo(conn: sqlite3.Connection, correction_id: int) -> dict:
    """Undo a correction (the row stays, with undone_at); the field goes back to what it was before."""
    from .store import transaction

    with transaction(conn):
        ensure(conn)
        row = conn.execute("SELECT document_id, field, undone_at FROM corrections WHERE id = ?", (correction_id,)).fetchone()
        if row is None:
            raise UsageError(_("no correction with id {id}").format(id=correction_id))
        if row[2] is not None:
            raise UsageError(_("correction {id} was already undone on {when}").format(id=correction_id, when=row[2]))
        conn.execute("UPDATE corrections SET undone_at = ? WHERE id = ?", (_now(), correction_id))
        materialise(conn, row[0])
        return {"id": correction_id, "document_id": row[0], "field": row[1]}
