"""Which archived files are one document, and which copy gives each field.

Two files are the same document when (in this order):

1. they have the same content (sha256);
2. a person said so (``baocao merge``) or said not (``baocao split``): decisions are kept by content
   hash, so they hold across re-ingest and moves;
3. both print a number: the same normalised number (``store.normalise_number``) with the same
   issuer and date where both print one is one document; different numbers are two;
4. otherwise the texts of their bodies: the exact Jaccard similarity of their sets of word
   3-shingles (folded: no diacritics, case or tone placement) is at least ``THRESHOLD``, and their
   dates and reporting periods do not disagree where both have one.

A document is a connected group of files under that relation. Candidates for rule 4 are found
through a bottom-k sketch of each file's shingles (``SKETCH`` smallest hashes, indexed), so a new
file is compared with the few files sharing some of them, never with the whole archive.

The merged contract takes each field from the best copy that has it: born-digital PDF, then DOCX,
DOC, plain text, scanned PDF, photo; the others fill what it lacks (a printed number over a null).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from array import array

from ..text import fold

THRESHOLD = 0.5  # measured: see README "Grouping"
NUMBERS_DIFFER = 0.8  # the bar when both print a number and the numbers differ
SHINGLE = 3  # words per shingle
SKETCH = 32  # smallest shingle hashes kept per file for candidate search
MIN_SHARED = 2  # sketch hashes a candidate must share
COMMON = 1000  # a sketch hash in more files than this is boilerplate: not used to find candidates
CANDIDATES = 200  # at most this many files found by sketch are compared with a new file

_WORD = re.compile(r"\w+")


def body_text(contract: dict, page_texts: list[str] | None = None) -> str:
    """The text a document is compared on: its subject and body (opening, sections with their
    titles and tables, closing, footnotes), or its pages when it could not be segmented."""
    parts = [(contract.get("header") or {}).get("subject") or "", contract.get("opening") or ""]

    def walk(sections):
        for s in sections:
            parts.append(s.get("title") or "")
            parts.append(s.get("text") or "")
            for rows in s.get("tables") or ():
                parts.extend(" ".join(cell or "" for cell in row) for row in rows)
            walk(s.get("children") or [])

    walk(contract.get("sections") or [])
    parts.append(contract.get("closing") or "")
    parts.extend(f.get("text") or "" for f in contract.get("footnotes") or [])
    text = "\n".join(p for p in parts if p)
    if len(_WORD.findall(text)) < 20 and page_texts:
        text = "\n".join(page_texts)
    return text


_MARKS = re.compile(r"[\u0300-\u036f]")


def _fold_fast(text: str) -> str:
    """fold() for comparing, not for offsets: no diacritics, tone marks or case, đ as d (a C-speed pass)."""
    return _MARKS.sub("", unicodedata.normalize("NFD", text.lower().replace("đ", "d")))


def shingles(text: str) -> array:
    """Sorted distinct 63-bit hashes of the folded word 3-shingles of ``text``."""
    words = _WORD.findall(_fold_fast(text or ""))
    if len(words) < SHINGLE:
        grams = {" ".join(words)} if words else set()
    else:
        grams = {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    hashes = sorted({int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big") >> 1 for g in grams})
    return array("q", hashes)


def to_blob(hashes: array) -> bytes:
    return hashes.tobytes()


def from_blob(blob: bytes | None) -> array:
    out = array("q")
    if blob:
        out.frombytes(blob)
    return out


def sketch(hashes: array) -> list[int]:
    return list(hashes[:SKETCH])  # sorted: the smallest


def jaccard(a, b) -> float:
    """Jaccard similarity of two shingle hash arrays (or sets)."""
    if not a or not b:
        return 0.0
    sa = a if isinstance(a, (set, frozenset)) else set(a)
    sb = b if isinstance(b, (set, frozenset)) else set(b)
    return len(sa & sb) / len(sa | sb)


def similarity(a: dict, b: dict) -> float:
    """jaccard of two files' facts; each file's set of hashes is made once and kept in its facts
    (a new file is compared with up to ``CANDIDATES`` others, each more than once)."""
    return jaccard(_shingle_set(a), _shingle_set(b))


def _shingle_set(f: dict) -> frozenset:
    found = f.get("shingle_set")
    if found is None:
        found = f["shingle_set"] = frozenset(f["shingles"])
    return found


# --------------------------------------------------------------------------- the relation


def _key(text: str | None) -> str | None:
    key = " ".join(_WORD.findall(fold(text or "")))
    return key or None


def _differ(a, b) -> bool:
    return a is not None and b is not None and a != b


def _issuers(f: dict) -> set[str]:
    return {k for k in (_key(f.get("issuer")), _key(f.get("parent_issuer"))) if k}


def same_document(a: dict, b: dict, decisions: dict | None = None) -> bool:
    """a, b: file facts (sha256, number_norm, issuer, parent_issuer, date, period, shingles).
    ``decisions`` maps a frozenset of two hashes to "together" or "apart"."""
    if a["sha256"] == b["sha256"]:
        return True
    decided = (decisions or {}).get(frozenset((a["sha256"], b["sha256"])))
    if decided:
        return decided == "together"
    if _differ(a["date"], b["date"]) or _differ(a["period"], b["period"]):
        return False
    issuers_a, issuers_b = _issuers(a), _issuers(b)
    if (a["number_norm"] and a["number_norm"] == b["number_norm"]
            and (not issuers_a or not issuers_b or issuers_a & issuers_b)):
        return True
    if a["number_norm"] and b["number_norm"] and a["number_norm"] != b["number_norm"]:
        # two numbers: two documents, unless only the code differs and the texts are near copies
        # (OCR misreads a code: 1458/CAT-PV01 as 1458/CAT-PV0I1, 728/QĐ-SGTVT as 728/QDD-SGTVT)
        if serial(a["number_norm"]) != serial(b["number_norm"]):
            return False
        return similarity(a, b) >= NUMBERS_DIFFER
    return similarity(a, b) >= THRESHOLD


REVIEW_MARGIN = 0.15  # a group held only by a similarity this close above its bar is listed for review


def link(a: dict, b: dict, decisions: dict | None = None) -> tuple[str, float | None] | None:
    """Why two files are one document, or None: ("copy" | "person" | "number", None) are sure;
    ("text", jaccard) and ("number-slip", jaccard) are held by text similarity (the second when
    the two numbers differ only in their code, an OCR slip)."""
    if a["sha256"] == b["sha256"]:
        return ("copy", None)
    decided = (decisions or {}).get(frozenset((a["sha256"], b["sha256"])))
    if decided:
        return ("person", None) if decided == "together" else None
    if not same_document(a, b, decisions):
        return None
    if a["number_norm"] and a["number_norm"] == b["number_norm"]:
        return ("number", None)
    kind = "number-slip" if a["number_norm"] and b["number_norm"] else "text"
    return (kind, similarity(a, b))


def doubtful(files: list[dict], decisions: dict | None = None) -> list[dict]:
    """The files of one document that may not belong to it: those whose strongest tie to the others
    is a text similarity within ``REVIEW_MARGIN`` above its bar (no copy, number or person's
    decision holds them). Each: the file's facts with ``kind``, ``score`` and ``bar``."""
    out = []
    for f in files:
        best = None
        for other in files:
            if other is f:
                continue
            tie = link(f, other, decisions)
            if tie is None:
                continue
            if tie[1] is None:
                best = tie
                break
            if best is None or tie[1] > best[1]:
                best = tie
        if best is None or best[1] is None:
            continue
        bar = NUMBERS_DIFFER if best[0] == "number-slip" else THRESHOLD
        if best[1] < bar + REVIEW_MARGIN:
            out.append({**f, "kind": best[0], "score": best[1], "bar": bar})
    return out


MERGE_BAR = THRESHOLD - REVIEW_MARGIN  # bodies this alike, not grouped, are offered to a person to merge
NEAR_CANDIDATES = 20  # at most this many files another date kept from being candidates are compared


def near_miss(a: dict, b: dict, decisions: dict | None = None) -> tuple[str, float | None] | None:
    """Why two files that are not one document may still be one, for a person to decide (the review
    queue's "possible merge"): ("number", None) the same number and issuer but another date or
    period printed (a misread date, a re-dated copy); ("text", jaccard) bodies at least ``MERGE_BAR``
    alike that same_document keeps apart (below its bar, or another date, period or number). None
    when they are grouped, when a person decided about them, or when nothing ties them."""
    if a["sha256"] == b["sha256"] or frozenset((a["sha256"], b["sha256"])) in (decisions or {}):
        return None
    issuers_a, issuers_b = _issuers(a), _issuers(b)
    if (a["number_norm"] and a["number_norm"] == b["number_norm"]
            and (not issuers_a or not issuers_b or issuers_a & issuers_b)):
        return None if same_document(a, b) else ("number", None)
    score = similarity(a, b)  # most candidates stop here, before same_document
    if score < MERGE_BAR or same_document(a, b):
        return None
    return ("text", score)


_SERIAL = re.compile(r"^[0-9OIL]+")
_SLIPS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def serial(number_norm: str) -> str:
    """The running number of a normalised document number ('1458/CAT-PV01' -> '1458'), OCR slips read as digits."""
    m = _SERIAL.match(number_norm)
    return m.group(0).translate(_SLIPS) if m else number_norm


# --------------------------------------------------------------------------- best copy

FORMAT_RANK = {"docx": 1, "doc": 2, "text": 3, "txt": 3, "plain": 3}


def rank(source: dict) -> int:
    """0 is best: born-digital PDF, DOCX, DOC, plain text, scanned PDF, photo."""
    fmt = (source.get("format") or "").lower()
    text_source = (source.get("text_source") or "").lower()
    if fmt == "pdf":
        return 0 if text_source in ("text-layer", "legacy-converted", "mixed") else 4
    if fmt == "image":
        return 5
    return FORMAT_RANK.get(fmt, 3)


_HEADER_FIELDS = ("doc_type", "number", "agency", "parent_agency", "place", "date", "subject", "recipients")
_FIELDS = ("period", "opening", "sections", "footnotes", "closing", "signers", "distribution",
           "references", "dates", "counts", "agencies", "people")
_COMPANIONS = {"opening": "opening_at", "closing": "closing_at"}  # where the passage lies: taken with it


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def merge(contracts: list[dict]) -> dict:
    """One contract from several copies, best first (``contracts`` already in that order): each
    field from the first copy that has it. ``filled_from`` names the copy of each field taken from
    another than the best."""
    best = contracts[0]
    out = {k: v for k, v in best.items()}
    out["header"] = dict(best.get("header") or {})
    filled: dict[str, str] = {}
    for key in _HEADER_FIELDS:
        if _empty(out["header"].get(key)):
            for other in contracts[1:]:
                value = (other.get("header") or {}).get(key)
                if not _empty(value):
                    out["header"][key] = value
                    filled["header." + key] = (other.get("source") or {}).get("path")
                    break
    for key in _FIELDS:
        if _empty(out.get(key)):
            for other in contracts[1:]:
                if not _empty(other.get(key)):
                    out[key] = other[key]
                    if key in _COMPANIONS:
                        out[_COMPANIONS[key]] = other.get(_COMPANIONS[key])
                    filled[key] = (other.get("source") or {}).get("path")
                    break
    if len(contracts) > 1:
        out["files"] = [(c.get("source") or {}).get("path") for c in contracts]
        if filled:
            out["filled_from"] = filled
    return out


def segmented(contract: dict) -> bool:
    """Whether the report has any body text of its own (else its pages are what is searched)."""
    return bool(contract.get("opening") or contract.get("sections") or contract.get("closing") or contract.get("footnotes"))
