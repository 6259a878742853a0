"""The code tables a document number is read with: document types and their codes, State and Party
(the vocabulary, pipeline/vocab/doc_types.tsv), and issuer codes (pipeline/data/nlp_issuer_codes.tsv).
Below every stage, so that read, segment and nlp read numbers with one grammar (pipeline.grammar.symbols)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .. import vocab
from ..text import fold, nfc, longest_first


def _rows(name: str) -> list[list[str]]:
    text = resources.files("pipeline.data").joinpath(name).read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([nfc(cell.strip()) for cell in line.split("\t")])
    return rows


DocType = vocab.DocType


def doc_types() -> tuple[DocType, ...]:
    """Every document type of pipeline/vocab/doc_types.tsv (cited ones too: "văn bản", treaties)."""
    return vocab.doc_types()


@vocab.cached
def type_by_code() -> dict[str, str]:
    """"QĐ" -> "Quyết định" (codes as printed, read in a State number)."""
    return {code: t.name for code, t in vocab.types_by_code(party=False).items()}


@vocab.cached
def party_type_by_code() -> dict[str, str]:
    """Codes as a Party number ("21-TT/TW") reads them: a Party row wins ("TT" -> "Thông tri")."""
    return {code: t.name for code, t in vocab.types_by_code(party=True).items()}


def type_for_code(code: str | None, form: str = "administrative") -> str | None:
    """The type a symbol's type code names, read in the number's form (State or Party)."""
    if not code:
        return None
    return (party_type_by_code() if form == "party" else type_by_code()).get(code)


@vocab.cached
def standard_prefixes() -> tuple[str, ...]:
    """The codes a standard's number starts with ("QCVN 40:2011/BTNMT", "TCVN 5574:2018", "QCĐP 01:2022/BTr"):
    the codes of the standard family of pipeline/vocab/doc_types.tsv, longest first."""
    return tuple(longest_first({t.code for t in doc_types() if t.family == "standard" and t.code}))


@vocab.cached
def type_names() -> dict[str, str]:
    """folded name -> canonical name: "quyet dinh" -> "Quyết định"."""
    return {fold(t.name): t.name for t in doc_types()}


@lru_cache(maxsize=1)
def issuer_codes() -> dict[str, tuple[str, bool]]:
    """"TTg" -> ("Thủ tướng Chính phủ", True). certain=False for codes every province uses."""
    return {r[0]: (r[1], r[2] == "1") for r in _rows("nlp_issuer_codes.tsv")}


@lru_cache(maxsize=1)
def provincial_issuer_codes() -> frozenset[str]:
    """Codes that name one body per province (STTTT: the Sở Thông tin và Truyền thông of a province)."""
    return frozenset(r[0] for r in _rows("nlp_issuer_codes.tsv") if len(r) > 3 and r[3] == "province")
