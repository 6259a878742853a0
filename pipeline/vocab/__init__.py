"""The vocabulary of the domain, one data file per thing (this folder; README.md says what each is and
where it comes from):

* ``doc_types.tsv``: document types, their symbol codes and families (State, Party, legal …);
* ``agency_heads.tsv``: the words an agency name starts with;
* ``positions.tsv``: positions, ranks, honorifics and the authority words of a signer block (KT., TM.);
* ``stamps.tsv``: e-signature and copy stamps, and the signature-block notes around a signer's name;
* ``cues.json``: the cue words of a document's layout (mottos, labels, openers …);
* ``surnames.txt``: Vietnamese family names (họ), to tell a personal name (a signer's) from other words;
* ``admin_units.tsv``: the administrative units (provinces, districts, communes) before and after the 2025
  rearrangement, to spell an OCR'd agency line or place as the unit is named.

read, segment, nlp, draft and corpus all read them from here, so a new variant is one line in one file.
The loaders are cached; ``use(folder)`` points them at another folder (a test's copy) and clears every
cache built on them (``cached`` registers such a cache). A regular expression built from the words is a
``Pattern``: compiled when first used and again after ``use``, never at import time, so a module-level
pattern follows the vocabulary in force."""
from __future__ import annotations

import json
import re
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

from ..text import fold, nfc, longest_first

_FOLDER: Path | None = None  # None: the files of this package
_CACHES: list = []


def cached(fn: Callable | None = None, *, maxsize: int | None = None):
    """``functools.lru_cache`` for anything computed from the vocabulary: ``use`` clears it."""
    def wrap(f):
        c = lru_cache(maxsize=maxsize)(f)
        _CACHES.append(c)
        return c
    return wrap(fn) if fn is not None else wrap


def clear() -> None:
    for c in _CACHES:
        c.cache_clear()


class Pattern:
    """A regular expression whose text ``build()`` makes from the vocabulary. It is compiled when first used
    and again after ``use`` (a cache ``clear`` empties), so a module may hold one as a constant:
    ``LINE = vocab.Pattern(lambda: ...)``, then ``LINE.match(text)`` as with a compiled pattern."""

    def __init__(self, build: Callable[[], str], flags: int = 0):
        self._compiled = cached(lambda: re.compile(build(), flags))

    @property
    def compiled(self) -> re.Pattern:
        return self._compiled()

    @property
    def pattern(self) -> str:
        return self._compiled().pattern

    def match(self, string: str, *args):
        return self._compiled().match(string, *args)

    def fullmatch(self, string: str, *args):
        return self._compiled().fullmatch(string, *args)

    def search(self, string: str, *args):
        return self._compiled().search(string, *args)

    def finditer(self, string: str, *args):
        return self._compiled().finditer(string, *args)

    def findall(self, string: str, *args):
        return self._compiled().findall(string, *args)

    def sub(self, repl, string: str, count: int = 0):
        return self._compiled().sub(repl, string, count)


@contextmanager
def use(folder: Path) -> Iterator[None]:
    """Read the vocabulary files from ``folder`` (a copy with a line added, say) inside the block."""
    global _FOLDER
    previous, _FOLDER = _FOLDER, Path(folder)
    clear()
    try:
        yield
    finally:
        _FOLDER = previous
        clear()


def text(name: str) -> str:
    if _FOLDER is not None:
        return (_FOLDER / name).read_text("utf-8")
    return resources.files("pipeline.vocab").joinpath(name).read_text("utf-8")


def rows(name: str) -> list[list[str]]:
    """The rows of a TSV file (NFC, cells stripped; blank lines and ``#`` comments left out)."""
    out = []
    for line in text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append([nfc(cell.strip()) for cell in line.split("\t")])
    return out


def _cell(row: list[str], i: int) -> str:
    return row[i] if len(row) > i else ""


# --------------------------------------------------------------------------- document types

class DocType(NamedTuple):
    name: str  # sentence case: "Báo cáo"
    code: str | None  # "BC" as printed in a symbol; None when the type has no code
    family: str  # administrative | party | legal | practice | standard | treaty
    title: bool  # printed as the type line of a document's header ("BÁO CÁO"); else only cited
    asks: bool  # a document of the type may ask its recipients for a report (công văn, kế hoạch …)


@cached
def doc_types() -> tuple[DocType, ...]:
    return tuple(DocType(r[0], _cell(r, 1) or None, r[2], _cell(r, 3) != "0", _cell(r, 4) == "1") for r in rows("doc_types.tsv"))


@cached
def title_types() -> tuple[DocType, ...]:
    """The types a header prints as its type line, in file order."""
    return tuple(t for t in doc_types() if t.title)


@cached(maxsize=2)
def types_by_code(party: bool = False) -> dict[str, DocType]:
    """Code as printed -> type, read in a State number (``party=False``: "30/2020/TT-BNV", TT is Thông tư) or a
    Party one ("21-TT/TW": TT is Thông tri): a row of that family wins, else the first row with the code."""
    out: dict[str, DocType] = {}
    for t in sorted(doc_types(), key=lambda t: (t.family == "party") != party):  # stable: file order otherwise
        if t.code:
            out.setdefault(t.code, t)
    return out


def code_of(name: str, party: bool = False) -> str | None:
    """"Báo cáo" -> "BC"; "Quy định" -> "QyĐ" (a Party one: "QĐi")."""
    found = [t for t in doc_types() if t.name == name and t.code]
    found.sort(key=lambda t: (t.family == "party") != party)
    return found[0].code if found else None


# --------------------------------------------------------------------------- agency heads

class AgencyHead(NamedTuple):
    head: str  # "Sở", "Ủy ban nhân dân", "UBND"
    kind: str  # government | party | mass | court | press | unit | public | enterprise
    alone: bool  # names a body by itself ("Công an"); else it needs a name after it ("Sở Tư pháp")
    expansion: str | None  # "UBND" -> "Ủy ban nhân dân"
    in_text: bool  # starts an agency in running text too; else only on a header line


@cached
def agency_heads() -> tuple[AgencyHead, ...]:
    """Longest first (the longest head that fits wins)."""
    heads = [AgencyHead(r[0], r[1], r[2] == "1", _cell(r, 3) or None, _cell(r, 4) != "0") for r in rows("agency_heads.tsv")]
    return tuple(sorted(heads, key=lambda h: -len(h.head)))


# --------------------------------------------------------------------------- positions and authority words

@cached
def words(kind: str) -> tuple[str, ...]:
    """The words of positions.tsv of one kind (position, rank, honorific, authority), in file order."""
    return tuple(r[0] for r in rows("positions.tsv") if r[1] == kind)


def before_position() -> frozenset[str]:
    """The authority words of positions.tsv that count only when a position follows them (QUYỀN, Q.)."""
    return frozenset(r[0] for r in rows("positions.tsv") if r[1] == "authority" and _cell(r, 2) == "before position")


def position_kinds() -> frozenset[str]:
    return frozenset(r[1] for r in rows("positions.tsv"))


# --------------------------------------------------------------------------- stamps and signature notes

class Stamp(NamedTuple):
    strength: str  # strong: marks a stamp block alone; weak: stamp text inside such a block; note: signer-block note
    line: bool  # alone marks a line as stamp furniture (the segmenter has no block around it)
    pattern: str  # a regular expression matched against the line folded (pipeline.text.fold), spaces collapsed


@cached
def stamps() -> tuple[Stamp, ...]:
    return tuple(Stamp(r[0], r[1] == "1", r[2]) for r in rows("stamps.tsv"))


# --------------------------------------------------------------------------- cue words

@cached
def cues() -> dict:
    return json.loads(text("cues.json"))


@cached
def surnames() -> tuple[str, ...]:
    """The family names of surnames.txt (NFC), most common first."""
    return tuple(nfc(x.strip()) for x in text("surnames.txt").splitlines() if x.strip() and not x.startswith("#"))


def folded(words_: tuple[str, ...] | list[str]) -> tuple[tuple[str, str], ...]:
    """(word, folded word), longest first: the form the per-line predicates match."""
    return tuple((w, fold(w)) for w in longest_first(words_))


# --------------------------------------------------------------------------- administrative units

# the kinds of unit as admin_units.tsv names them, longest first ("Thị trấn" before a bare "Thị")
UNIT_KINDS = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Phường", "Huyện", "Quận", "Tỉnh", "Xã")


class AdminUnit(NamedTuple):
    era: str  # before (until 30 June 2025) | after (from 1 July 2025)
    kind: str  # "Huyện", "Xã", "Thành phố" … (UNIT_KINDS)
    name: str  # without its kind: "Đắk R'Lấp"
    province: str  # the province's full name: "Tỉnh Đắk Nông"
    district: str  # the district's full name ("" for a province, a district, and every unit after 2025)


def _unit(era: str, full: str, province: str, district: str) -> AdminUnit:
    kind = next((k for k in UNIT_KINDS if full.startswith(k + " ")), "")
    return AdminUnit(era, kind, full[len(kind):].strip(), province, district)


@cached
def admin_units() -> tuple[AdminUnit, ...]:
    """Every unit of admin_units.tsv once per era and parent: provinces, districts, communes."""
    out: list[AdminUnit] = []
    seen: set[tuple[str, str]] = set()
    for row in rows("admin_units.tsv"):
        era = row[0]
        if era not in ("before", "after"):
            continue
        province, district = _cell(row, 1), _cell(row, 2)
        if (era, province) not in seen:
            seen.add((era, province))
            out.append(_unit(era, province, province, ""))
        if district:
            out.append(_unit(era, district, province, ""))
        out += [_unit(era, c.strip(), province, district) for c in _cell(row, 3).split(";") if c.strip()]
    return tuple(out)


@cached
def unit_variants() -> tuple[tuple[str, ...], ...]:
    """The syllables printed for one another in unit names (the "variant" rows): ("Đắk", "Đăk", "Đak")."""
    return tuple(tuple(v.strip() for v in row[1].split(";") if v.strip()) for row in rows("admin_units.tsv")
                 if row[0] == "variant" and len(row) > 1)


@cached
def _positions() -> tuple[str, ...]:
    return tuple(f for _, f in folded(words("position") + words("rank")))


def position_first(text: str) -> bool:
    """``text`` opens with a position of positions.tsv, deputy or not ("GIÁM ĐỐC SỞ …", "PHÓ CHÁNH VĂN PHÒNG")."""
    f = fold(text).strip(" .,:;")
    f = f[4:] if f.startswith("pho ") else f
    return any(f == p or f.startswith(p + " ") for p in _positions())
