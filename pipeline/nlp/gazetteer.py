"""The data files the extractors read (pipeline/data/nlp_*, and the vocabulary of pipeline/vocab): loaded once, cached."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from .. import vocab
from ..grammar.codes import (  # noqa: F401  the code tables live with the number grammar
    DocType, _rows, doc_types, issuer_codes, party_type_by_code, provincial_issuer_codes, type_by_code,
    type_for_code, type_names,
)
from ..text import fold, nfc, longest_first


AgencyHead = vocab.AgencyHead


@vocab.cached
def agency_heads() -> tuple[AgencyHead, ...]:
    """The heads that start an agency in running text (pipeline/vocab/agency_heads.tsv), longest first."""
    return tuple(h for h in vocab.agency_heads() if h.in_text)


@lru_cache(maxsize=1)
def agency_fields() -> tuple[str, ...]:
    """Field names that contain commas or dashes, so "Văn hóa, Thể thao và Du lịch" stays one name."""
    return tuple(r[0] for r in _rows("nlp_agency_fields.tsv"))


@lru_cache(maxsize=1)
def provinces() -> dict:
    return json.loads(resources.files("pipeline.data").joinpath("nlp_provinces.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def province_names() -> tuple[str, ...]:
    """Every province name, before and after the 2025 merger, with aliases; longest first."""
    data = provinces()
    names = {p["name"] for p in data["before_2025_07_01"]} | {p["name"] for p in data["from_2025_07_01"]}
    for aliases in data["aliases"].values():
        names.update(aliases)
    return tuple(longest_first(names))


@lru_cache(maxsize=None)
def province_kind(name: str) -> str | None:
    """"Lạng Sơn" -> "tỉnh", "Đà Nẵng" -> "thành phố" (an alias gives its province's kind; the 2025 list first)."""
    data = provinces()
    canonical = next((p for p, aliases in data["aliases"].items() if name in aliases), name)
    for key in ("from_2025_07_01", "before_2025_07_01"):
        for p in data[key]:
            if p["name"] == canonical:
                return p["kind"]
    return None


def _lines(name: str) -> tuple[str, ...]:
    text = resources.files("pipeline.data").joinpath(name).read_text("utf-8")
    return tuple(nfc(x.strip()) for x in text.splitlines() if x.strip() and not x.startswith("#"))


@vocab.cached
def surnames() -> frozenset[str]:
    return frozenset(vocab.surnames())


@vocab.cached
def roles() -> tuple[str, ...]:
    """Positions and ranks (pipeline/vocab/positions.tsv), longest first."""
    return tuple(longest_first(set(vocab.words("position") + vocab.words("rank"))))


class Law(NamedTuple):
    type: str  # "Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"
    title: str  # "Luật Cán bộ, công chức"
    year: int | None
    number: str | None


@lru_cache(maxsize=1)
def laws() -> tuple[Law, ...]:
    """The laws, codes and ordinances of nlp_laws.tsv; longest title first (the longest name that fits wins)."""
    out = []
    for r in _rows("nlp_laws.tsv"):
        number = r[3] if len(r) > 3 and r[3] else None
        out.append(Law(r[0], f"{r[0]} {r[1]}", int(r[2]) if len(r) > 2 and r[2] else None, number))
    return tuple(sorted(out, key=lambda law: -len(law.title)))


@lru_cache(maxsize=1)
def folded_law_titles() -> tuple[tuple[str, Law], ...]:
    return tuple((fold(law.title), law) for law in laws())


@lru_cache(maxsize=1)
def law_title_words() -> frozenset[str]:
    """The words (lower case) of the names of the laws of nlp_laws.tsv, their type left out: what a longer name
    the list does not know is made of ("Luật Giáo dục quốc phòng và an ninh", "Luật Doanh nghiệp nhà nước")."""
    return frozenset(w.lower() for law in laws() for w in re.findall(r"\w+", law.title[len(law.type):]))


def law_number(title: str, year: int | None = None) -> str | None:
    """The number of the law of this title (and year, when given): None when unknown or when the title alone
    names two versions ("Luật Cán bộ, công chức" of 2008 and of 2025) and no year says which."""
    key = fold(" ".join(title.split()))
    found = [law for t, law in folded_law_titles() if t == key and (year is None or law.year == year)]
    numbers = {law.number for law in found}
    return found[0].number if len(found) >= 1 and len(numbers) == 1 and len(found) == 1 else None
