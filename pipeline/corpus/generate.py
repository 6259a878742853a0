"""Synthetic Decree 30 documents with their ground truth, for training, tuning and measuring.

    from pipeline.corpus import generate
    for g in generate(100, seed=7):
        g.text        # the plain-text version (header in two columns, as a layout-preserving extraction gives)
        g.answer      # baocao.report/1 ground truth (header, period, sections, footnotes, signers, mentions ...)
        g.entities    # NER spans into g.text: {"label", "start", "end", "text"}; g.text[start:end] == text
        g.spec        # the structure the renderers (PDF, scan, DOCX, legacy PDF) lay out

Report ``i`` of seed ``s`` depends only on (s, i), never on n. The text comes from templates and phrase
banks in pipeline/corpus/data/ written for this project; agencies, numbers, dates and names are drawn
at random (no real document, person or number is meant, except the well-known Decree 30/2020/NĐ-CP).

Mentions in the answer carry ``where``, ``section`` and ``span`` into their passage exactly as
``Report.passages()`` builds them (section passage = title + "\\n" + text; footnote markers are not in
the passage text), so ``passage_text[span[0]:span[1]] == mention["text"]``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..contract import SCHEMA_ID
from ..grammar.symbols import parse_symbol
from ..vocab import code_of, cues

SPLITS = (("train", 70), ("dev", 10), ("test", 20))  # percent, by a hash of the document id
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LETTERS = "abcdđeghiklmn"
WORDS = {1: "một", 2: "hai", 3: "ba", 4: "bốn", 5: "năm", 6: "sáu", 7: "bảy", 8: "tám", 9: "chín", 10: "mười"}
MERGER = dt.date(2025, 7, 1)  # provinces merged and districts abolished on this day


# --------------------------------------------------------------------------- data


@lru_cache(maxsize=None)
def _json(name: str) -> dict:
    return json.loads(resources.files("pipeline.corpus.data").joinpath(name).read_text("utf-8"))


@lru_cache(maxsize=1)
def provinces() -> tuple[dict, ...]:
    text = resources.files("pipeline.corpus.data").joinpath("provinces.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        name, kind, era, districts, communes = (line.split("\t") + [""] * 5)[:5]
        out.append({
            "name": name, "kind": kind, "era": era,
            "districts": [d for d in districts.strip().split(",") if d],
            "communes": [c for c in communes.strip().split(",") if c],
        })
    return tuple(out)


# --------------------------------------------------------------------------- pieces


@dataclass
class Ent:
    """A piece of text that is a mention: label AGENCY, PERSON, DATE, REFERENCE, COUNT."""

    text: str
    label: str
    record: dict = field(default_factory=dict)


@dataclass
class Mark:
    """A footnote marker (a superscript after the previous word)."""

    marker: str


Piece = "str | Ent | Mark"


def flatten(pieces) -> tuple[str, list[tuple[Ent, int, int]], list[tuple[str, int]]]:
    """Pieces -> (text without markers, entity spans, marker offsets)."""
    text, ents, marks = [], [], []
    n = 0
    for p in pieces:
        if isinstance(p, Mark):
            marks.append((p.marker, n))
        elif isinstance(p, Ent):
            ents.append((p, n, n + len(p.text)))
            text.append(p.text)
            n += len(p.text)
        else:
            text.append(p)
            n += len(p)
    return "".join(text), ents, marks


def plain(pieces) -> str:
    return flatten(pieces)[0]


@dataclass
class SectionSpec:
    number: str | None
    title: str
    level: int
    heading: str  # the heading line as printed: "1. Công tác ...", "I. KẾT QUẢ", "a) ...", "Điều 1. ..."
    key: str
    paras: list = field(default_factory=list)  # list of pieces lists
    children: list = field(default_factory=list)
    table: list | None = None  # rows of cells, first row the header


@dataclass
class DocSpec:
    """Everything a renderer needs to lay the document out."""

    id: str
    doc_type: str  # sentence case: "Báo cáo"
    type_heading: str | None  # "BÁO CÁO"; None for a công văn
    parent_lines: list  # header left block, upper line(s); [] when none
    agency_lines: list  # the issuing agency, as printed (may wrap to two lines)
    party: bool  # Party document: motto "ĐẢNG CỘNG SẢN VIỆT NAM", number "Số 12-BC/TU"
    number: str
    number_prefix: str  # "Số:" or "Số"
    place: str
    date: dt.date
    date_line: str  # "Lạng Sơn, ngày 28 tháng 3 năm 2023"
    subject_lines: list  # as printed
    subject_under_number: bool  # công văn: "V/v ..." under the number on the left
    recipients: list  # pieces lists
    recipients_inline: bool  # "Kính gửi: X." on one line
    opening: list  # paras
    authority_line: str | None  # Quyết định: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ..."
    decides_line: str | None  # "QUYẾT ĐỊNH:"
    sections: list
    closing: list | None  # pieces
    footnotes: list  # (marker, pieces, anchor)
    signers: list  # (authority, position, printed name, name)
    distribution: list  # pieces lists, without the trailing ";" or "."
    pages_hint: int
    handwritten_number: bool = False  # set for scans where the number is written by hand


@dataclass(frozen=True)
class GeneratedReport:
    id: str
    split: str
    text: str
    answer: dict
    entities: tuple
    spec: DocSpec


def split_of(doc_id: str) -> str:
    h = int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    acc = 0
    for name, share in SPLITS:
        acc += share
        if h < acc:
            return name
    return SPLITS[-1][0]


# --------------------------------------------------------------------------- spelling


def _num(v: int, rng: random.Random, words_ok: bool = True) -> str:
    """A count as Vietnamese documents print it: 1.250, 02, hai, 30."""
    if words_ok and v <= 10 and rng.random() < 0.3:
        return WORDS[v]
    if v < 10 and rng.random() < 0.5:
        return f"{v:02d}"
    if v >= 1000 and rng.random() < 0.9:
        return f"{v:,}".replace(",", ".")
    return str(v)


def _dec(v: float) -> str:
    s = f"{v:.1f}".rstrip("0").rstrip(".")
    return s.replace(".", ",")


def day_text(d: dt.date, rng: random.Random, style: str | None = None) -> str:
    style = style or rng.choice(["d/m", "dd/mm", "dd/m", "dd/m", "words", "dash", "dot"])
    dd = f"{d.day:02d}"
    if style == "d/m":
        return f"{d.day}/{d.month}/{d.year}"
    if style == "dd/mm":
        return f"{dd}/{d.month:02d}/{d.year}"
    if style == "dd/m":
        return f"{dd}/{d.month}/{d.year}"
    if style == "words":
        return f"{dd} tháng {d.month} năm {d.year}"
    if style == "dash":
        return f"{dd}-{d.month:02d}-{d.year}"
    return f"{dd}.{d.month:02d}.{d.year}"


def issue_date_line(place: str, d: dt.date) -> str:
    # Decree 30: day below 10 and months 1 and 2 take a leading zero
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"{place}, ngày {day} tháng {month} năm {d.year}"


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _month_end(y: int, m: int) -> dt.date:
    return (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))


def _date_ent(text: str, kind: str, start: dt.date, end: dt.date) -> Ent:
    return Ent(text, "DATE", {"kind": kind, "start": _iso(start), "end": _iso(end)})


def period_choice(rng: random.Random, year: int) -> tuple[str, str, dt.date, dt.date]:
    """(label as printed in the subject, kind, start, end)."""
    r = rng.random()
    if r < 0.4:
        q = rng.randint(1, 4)
        start, end = dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
        label = rng.choice([f"quý {ROMAN[q - 1]} năm {year}", f"quý {ROMAN[q - 1]}/{year}"])
        return label, "quarter", start, end
    if r < 0.6:
        first = rng.random() < 0.6
        start, end = (dt.date(year, 1, 1), dt.date(year, 6, 30)) if first else (dt.date(year, 7, 1), dt.date(year, 12, 31))
        label = f"6 tháng {'đầu' if first else 'cuối'} năm {year}"
        return label, "half", start, end
    if r < 0.8:
        return f"năm {year}", "year", dt.date(year, 1, 1), dt.date(year, 12, 31)
    if r < 0.9:
        m = rng.randint(1, 12)
        label = rng.choice([f"tháng {m}/{year}", f"tháng {m} năm {year}"])
        return label, "month", dt.date(year, m, 1), _month_end(year, m)
    return f"9 tháng đầu năm {year}", "range", dt.date(year, 1, 1), dt.date(year, 9, 30)


def period_respelled(label: str, kind: str, start: dt.date, end: dt.date, rng: random.Random) -> str:
    """The same period spelled another way, for the body ("quý I/2023" for "quý I năm 2023")."""
    if kind == "quarter":
        q = (start.month + 2) // 3
        return rng.choice([f"quý {ROMAN[q - 1]}/{start.year}", f"quý {ROMAN[q - 1]} năm {start.year}"])
    if kind == "month":
        return rng.choice([f"tháng {start.month}/{start.year}", f"tháng {start.month} năm {start.year}"])
    return label


# --------------------------------------------------------------------------- the generator


class _Doc:
    """Draws one document. Holds the random state and what has been drawn so far."""

    def __init__(self, seed: int, index: int):
        self.rng = random.Random(f"baocao-corpus:{seed}:{index}")
        self.index = index
        self.seed = seed
        self.phr = _json("phrases.json")
        self.topics = _json("topics.json")
        self.ag = _json("agencies.json")
        self.names = _json("names.json")
        self.footnotes: list = []
        self.optional_dates: list = []
        self.optional_agencies: set = set()
        self.counts_not: set = set()
        self.used_numbers: set = set()
        self.current_section: str | None = None

    # ---- small draws
    def pick(self, seq):
        return self.rng.choice(seq)

    def person_name(self) -> str:
        n = self.names
        if self.rng.random() < 0.5:
            return f"{self.pick(n['surnames'])} {self.pick(n['middle_male'])} {self.pick(n['given_male'])}"
        return f"{self.pick(n['surnames'])} {self.pick(n['middle_female'])} {self.pick(n['given_female'])}"

    def doc_number(self, high: int = 900) -> int:
        while True:
            v = self.rng.randint(1, high)
            if v not in self.used_numbers:
                self.used_numbers.add(v)
                self.counts_not.add(str(v))
                return v

    def past_day(self, before: dt.date, within: int = 120) -> dt.date:
        return before - dt.timedelta(days=self.rng.randint(3, within))

    # ---- the issuer
    def choose_issuer(self):
        rng = self.rng
        post = rng.random() < 0.3
        if post:
            self.date = MERGER + dt.timedelta(days=rng.randint(5, 300))
        else:
            self.date = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randint(0, (MERGER - dt.date(2018, 1, 10)).days))
        era_ok = ("both", "post") if post else ("both", "pre")
        self.post = post
        prov = self.pick([p for p in provinces() if p["era"] in era_ok])
        self.province = prov
        P = prov["name"]
        city = prov["kind"] == "thành phố"
        PU = ("THÀNH PHỐ " if city else "TỈNH ") + P.upper()
        self.ubnd_upper = rng.choice([f"UBND {PU}", f"ỦY BAN NHÂN DÂN {PU}"])
        self.level_word = "thành phố" if city else "tỉnh"
        self.place = ("Thành phố Hồ Chí Minh" if P == "Hồ Chí Minh" else P)
        r = rng.random()
        # kind, parent lines, agency lines, canonical name, code, units, head titles, topics
        if r < 0.42:
            dep = self.pick([d for d in self.ag["province_departments"] if d["era"] in era_ok])
            self.issuer = dict(kind="department", parent=[self.ubnd_upper], lines=[dep["upper"]], name=dep["name"],
                               code=dep["code"], units=dep["units"], head="GIÁM ĐỐC", collective=None, topics=dep["topics"])
        elif r < 0.6:
            lines = ["ỦY BAN NHÂN DÂN", PU] if rng.random() < 0.6 else [f"UBND {PU}"]
            self.issuer = dict(kind="ubnd", parent=[], lines=lines, name=f"Ủy ban nhân dân {self.level_word}",
                               code="UBND", units=["KGVX", "NC", "KT", "TH"], head="CHỦ TỊCH",
                               collective="ỦY BAN NHÂN DÂN", topics=sorted(self.topics.keys() - {"_note"}))
        elif r < 0.7:
            if post or not prov["districts"]:
                local = self.pick(prov["communes"] or [P])
                word = rng.choice(["XÃ", "PHƯỜNG"])
            else:
                local = self.pick(prov["districts"])
                word = rng.choice(["HUYỆN", "HUYỆN", "THỊ XÃ"])
            self.place = local
            self.issuer = dict(kind="local", parent=[], lines=["ỦY BAN NHÂN DÂN", f"{word} {local.upper()}"],
                               name=f"Ủy ban nhân dân {word.lower()} {local}", code="UBND", units=["VP", "VHXH"],
                               head="CHỦ TỊCH", collective="ỦY BAN NHÂN DÂN",
                               topics=["pctp", "atgt", "cai_cach_hanh_chinh", "nong_thon_moi", "thien_tai", "gia_dinh"])
        elif r < 0.8:
            pol = self.ag["police"]
            upper = (pol["upper_city"] if city else pol["upper"]).replace("{PU}", P.upper())
            self.issuer = dict(kind="police", parent=[pol["parent"]], lines=[upper],
                               name=pol["name_city" if city else "name"], code=pol["code"], units=pol["units"],
                               head="GIÁM ĐỐC", collective=None, topics=pol["topics"])
        elif r < 0.86:
            b = self.ag["bcd138"]
            self.issuer = dict(kind="bcd138", parent=[self.ubnd_upper], lines=[b["upper"]], name=b["name"],
                               code=b["code"], units=["CAT"], head="TRƯỞNG BAN", collective=None, topics=b["topics"])
        elif r < 0.92:
            pa = self.ag["party"]
            upper = (pa["upper_city"] if city else pa["upper"]).replace("{PU}", P.upper())
            self.issuer = dict(kind="party", parent=[], lines=[upper], name=pa["name"] if not city else "Thành ủy",
                               code="TU" if not city else "ThU", units=[], head="BÍ THƯ",
                               collective="BAN THƯỜNG VỤ", topics=pa["topics"])
        else:
            mins = [m for m in self.ag["ministries"] if m["era"] in era_ok]
            m = self.pick(mins)
            self.place = "Hà Nội"
            subs = self.ag["ministry_departments"].get(m["upper"])
            if subs and rng.random() < 0.4:
                s = self.pick(subs)
                self.issuer = dict(kind="department", parent=[m["upper"]], lines=[s["upper"]], name=s["name"],
                                   code=s["unit"], units=["VP", "P1"], head="CỤC TRƯỞNG", collective=None,
                                   topics=m["topics"])
            else:
                self.issuer = dict(kind="ministry", parent=[], lines=[m["upper"]], name=m["name"], code=m["code"],
                                   units=m["units"], head="BỘ TRƯỞNG", collective=None, topics=m["topics"])
        self.topic_key = self.pick(self.issuer["topics"])
        self.topic = self.topics[self.topic_key]

    # ---- mentions
    def agency_self(self) -> Ent:
        name = self.issuer["name"]
        text = name
        if self.issuer["kind"] == "ubnd" and self.rng.random() < 0.4:
            text = f"UBND {self.level_word}"
        return Ent(text, "AGENCY", {"name": name})

    def agency_other(self) -> Ent:
        pool = (self.ag["body_agencies_national"] if self.issuer["kind"] == "ministry"
                else self.ag["body_agencies_province"])
        while True:
            full, short = self.pick(pool)
            full = full.replace("{P}", self.province["name"])
            if full != self.issuer["name"]:
                break
        if self.level_word == "thành phố":
            full = full.replace(" tỉnh", " thành phố")
            short = short.replace(" tỉnh", " thành phố") if short else None
        text = short if short and self.rng.random() < 0.5 else full
        return Ent(text, "AGENCY", {"name": full})

    def count(self, unit_index: int) -> list:
        rng = self.rng
        unit, low, high, *counted = self.topic["units"][unit_index % len(self.topic["units"])]
        qualifier = rng.choice([None, None, None, "trên", "hơn", "gần", "khoảng", "ít nhất"])
        if unit == "tỷ đồng" and rng.random() < 0.5:
            value = round(rng.uniform(low, min(high, 99)), 1)
            number = _dec(value)
        else:
            value = rng.randint(low, high)
            if qualifier and value > 20:
                value = int(round(value, -1))  # "trên 30", not "trên 37"
            number = _num(value, rng)
        text = f"{qualifier + ' ' if qualifier else ''}{number} {unit}"
        # the answer follows pipeline.nlp.counts: the unit is what is counted ("buổi tuyên truyền" -> "buổi",
        # the topic's fourth field), and money is in đồng ("1,5 tỷ đồng" -> 1.5e9 "đồng")
        answer_value, answer_unit = value, counted[0] if counted else unit
        if unit == "tỷ đồng":
            answer_value, answer_unit = round(value * 1_000_000_000), "đồng"
        return [Ent(text, "COUNT", {"value": answer_value, "qualifier": qualifier, "unit": answer_unit})]

    def percent(self, noun: str) -> list:
        rng = self.rng
        value = rng.choice([100, rng.randint(40, 99), round(rng.uniform(40, 99.9), 1)])
        qualifier = rng.choice([None, None, None, "trên", "gần"]) if value != 100 else None
        number = _dec(value) if isinstance(value, float) else str(value)
        text = f"{qualifier + ' ' if qualifier else ''}{number}% {noun}"
        return [Ent(text, "COUNT", {"value": value, "qualifier": qualifier, "unit": "%"})]

    def rate(self) -> list:
        rng = self.rng
        n = rng.randint(1, 4)
        per = rng.choice(["tháng", "tuần", "quý"])
        qualifier = rng.choice([None, "ít nhất"])
        number = WORDS[n] if rng.random() < 0.5 else f"{n:02d}"
        text = f"{qualifier + ' ' if qualifier else ''}{number} lần/{per}"
        return [Ent(text, "COUNT", {"value": n, "qualifier": qualifier, "unit": f"lần/{per}"})]

    def day(self, d: dt.date, style: str | None = None) -> Ent:
        return _date_ent(day_text(d, self.rng, style), "day", d, d)

    def date_range(self) -> list:
        rng = self.rng
        start = self.past_day(self.date, 200)
        end = start + dt.timedelta(days=rng.randint(20, 150))
        s1 = day_text(start, rng, "dd/m")
        s2 = day_text(end, rng, "dd/m")
        head = rng.choice(["Từ ngày", "từ ngày", "từ"])
        mid = rng.choice(["đến", "đến ngày"])
        return [_date_ent(f"{head} {s1} {mid} {s2}", "range", start, end)]

    def _issuer_of_ref(self, type_: str):
        """(issuer canonical, text as printed, code for the symbol)."""
        rng = self.rng
        kind = rng.random()
        if type_ in ("Công văn", "Kế hoạch", "Báo cáo") and kind < 0.35:
            return self.issuer["name"], None, self.issuer["code"]
        if self.issuer["kind"] == "ministry":
            return "Văn phòng Chính phủ", "Văn phòng Chính phủ", "VPCP"
        if kind < 0.55:
            return "Ban Chỉ đạo 138 tỉnh", rng.choice(["Ban Chỉ đạo 138 tỉnh", "Ban chỉ đạo 138 tỉnh"]), "BCĐ"
        return (f"Ủy ban nhân dân {self.level_word}", rng.choice([f"UBND {self.level_word}",
                f"Ủy ban nhân dân {self.level_word}"]), "UBND")

    def reference(self, allow_titles: bool = True, with_tail: bool = False) -> list:
        rng = self.rng
        r = rng.random()
        if allow_titles and r < 0.12:
            return self.project()
        if allow_titles and r < 0.2:
            return self.law()
        out: list = []
        ref_date = self.past_day(self.date, 200)
        soft = rng.random()
        if soft < 0.5:
            type_ = "Công văn"
            issuer, issuer_text, code = self._issuer_of_ref(type_)
            unit = rng.choice(self.issuer["units"] or ["VP"]) if issuer == self.issuer["name"] else rng.choice(["CAT", "VP", "KGVX", "NC"])
            number = f"{self.doc_number(2500)}/{code}-{unit}"
            parts = {"type_code": None, "issuer_code": code, "unit_code": unit}
        elif soft < 0.75:
            type_ = rng.choice(["Kế hoạch", "Quyết định", "Báo cáo"])
            issuer, issuer_text, code = self._issuer_of_ref(type_)
            tcode = code_of(type_)
            number = f"{self.doc_number(3000)}/{tcode}-{code}"
            parts = {"type_code": tcode, "issuer_code": code, "unit_code": None}
        elif soft < 0.88:
            type_, issuer = rng.choice([("Chỉ thị", "Ban Bí thư"), ("Kết luận", "Bộ Chính trị"), ("Nghị quyết", "Bộ Chính trị")])
            tcode = code_of(type_, party=True)
            number = f"{self.doc_number(150)}-{tcode}/TW"
            issuer_text = issuer
            parts = {"type_code": tcode, "issuer_code": "TW", "unit_code": None}
            ref_date = self.past_day(self.date, 2000)
        else:
            if rng.random() < 0.4:
                type_, number, issuer = "Nghị định", "30/2020/NĐ-CP", "Chính phủ"
                ref_date = dt.date(2020, 3, 5)
                self.counts_not.update({"30", "2020"})
            else:
                type_, issuer, code = rng.choice([("Nghị định", "Chính phủ", "CP"), ("Thông tư", "Bộ Công an", "BCA"),
                                                  ("Thông tư", "Bộ Nội vụ", "BNV")])
                tcode = code_of(type_)  # NĐ, TT (pipeline/vocab/doc_types.tsv)
                ref_date = self.past_day(self.date, 1500)
                number = f"{self.doc_number(200)}/{ref_date.year}/{tcode}-{code}"
            issuer_text = issuer
            symbol = parse_symbol(number)  # the parts as references read them
            parts = {"type_code": symbol.type_code, "issuer_code": symbol.issuer_code, "unit_code": symbol.unit_code}
        so = "số " if rng.random() < 0.85 else ""
        rec = {"type": type_, "number": number, "title": None, "date": _iso(ref_date), "issuer": None,
               "subject": None, **parts}
        ref = Ent(f"{type_} {so}{number}", "REFERENCE", rec)
        out.append(ref)
        out += [" ngày ", self.day(ref_date)]
        if issuer_text and rng.random() < 0.8:
            rec["issuer"] = issuer
            out += [" của ", Ent(issuer_text, "AGENCY", {"name": issuer})]
        if with_tail:
            tail = self.fill(self.pick(self.phr["footnote_tail"]), capitalize=False)
            rec["subject"] = plain(tail)
            out += [" "] + tail
        return out

    def reference_list(self) -> list:
        """Several documents sharing one head: "các Công văn số 20/…, số 58/… và số 293/…"."""
        rng = self.rng
        code, units = self.issuer["code"], self.issuer["units"] or ["VP"]
        unit = rng.choice(units)
        out: list = ["các "]
        k = rng.randint(2, 3)
        day = self.past_day(self.date, 150)
        for i in range(k):
            number = f"{self.doc_number(2500)}/{code}-{unit}"
            rec = {"type": "Công văn", "number": number, "title": None, "date": _iso(day), "issuer": None,
                   "subject": None, "type_code": None, "issuer_code": code, "unit_code": unit}
            if i:
                out.append(", " if i < k - 1 else " và ")
            out.append(Ent(f"Công văn số {number}" if i == 0 else f"số {number}", "REFERENCE", rec))
            out += [" ngày ", self.day(day)]
            day = day + dt.timedelta(days=rng.randint(2, 30))
        return out

    def _optional_years(self, title: str):
        for m in re.finditer(r"giai đoạn (\d{4}) - (\d{4})|năm (\d{4})", title):
            if m.group(3):
                y = int(m.group(3))
                self.optional_dates.append({"text": m.group(0), "kind": "year", "start": f"{y}-01-01", "end": f"{y}-12-31"})
            else:
                self.optional_dates.append({"text": m.group(0), "kind": "range", "start": f"{m.group(1)}-01-01",
                                            "end": f"{m.group(2)}-12-31"})
            for y in m.groups():
                if y:
                    self.counts_not.add(y)

    def project(self) -> list:
        title = self.pick(self.topic["projects"])
        self._optional_years(title)
        rec = {"type": "Đề án", "number": None, "title": title, "date": None, "issuer": None, "subject": None,
               "type_code": None, "issuer_code": None, "unit_code": None}
        return [Ent(f"Đề án “{title}”", "REFERENCE", rec)]

    def law(self) -> list:
        title = self.pick(self.topic["laws"])
        year = self.rng.choice([2012, 2015, 2018, 2022, 2024])
        year = min(year, self.date.year)
        self._optional_years(f"năm {year}")
        rec = {"type": "Luật", "number": None, "title": title, "date": None, "issuer": None, "subject": None,
               "type_code": None, "issuer_code": None, "unit_code": None}
        return [Ent(f"{title} năm {year}", "REFERENCE", rec)]

    def official(self) -> list:
        name = self.person_name()
        role = self.rng.choice(["Phó Chủ tịch", "Chủ tịch"])
        ag_text = f"UBND {self.level_word}"
        self.named_people.append(name)
        return [f"đồng chí ", Ent(name, "PERSON", {"name": name, "role": f"{role} {ag_text}"}), f", {role} ",
                Ent(ag_text, "AGENCY", {"name": f"Ủy ban nhân dân {self.level_word}"})]

    def footnote(self) -> list:
        marker = str(len(self.footnotes) + 1)
        pieces: list = []
        k = self.rng.randint(1, 4)
        for i in range(k):
            if i:
                pieces.append("; ")
            if self.rng.random() < 0.25:
                pieces += self.project() if self.rng.random() < 0.6 else self.reference_list()
            else:
                pieces += self.reference(allow_titles=False, with_tail=True)
        pieces.append(".")
        self.footnotes.append((marker, pieces, self.current_section))
        return [Mark(marker)]

    # ---- templates
    def fill(self, template: str, capitalize: bool = True) -> list:
        out: list = []
        for token in re.split(r"(\{[^}]+\})", template):
            if not token:
                continue
            if not (token.startswith("{") and token.endswith("}")):
                out.append(token)
                continue
            slot, _, arg = token[1:-1].partition(":")
            if slot == "self":
                out.append(self.agency_self())
            elif slot in ("ag", "ag2"):
                out.append(self.agency_other())
            elif slot == "topic":
                out.append(self.topic["name"])
            elif slot == "period":
                if self.period:
                    label, kind, start, end = self.period
                    text = period_respelled(label, kind, start, end, self.rng)
                    out.append(_date_ent(text, kind, start, end))
                else:
                    out.append(_date_ent(f"năm {self.date.year}", "year", dt.date(self.date.year, 1, 1),
                                         dt.date(self.date.year, 12, 31)))
            elif slot == "period_plain":
                out.append(_date_ent(f"năm {self.date.year}", "year", dt.date(self.date.year, 1, 1),
                                     dt.date(self.date.year, 12, 31)))
            elif slot == "year":
                out.append(_date_ent(str(self.date.year), "year", dt.date(self.date.year, 1, 1),
                                     dt.date(self.date.year, 12, 31)))
            elif slot == "date":
                out.append(self.day(self.past_day(self.date, 60)))
            elif slot == "deadline":
                out.append(self.day(self.date + dt.timedelta(days=self.rng.randint(7, 90))))
            elif slot == "range":
                out += self.date_range()
            elif slot == "ref":
                out += self.reference()
            elif slot == "reflist":
                out += self.reference_list()
            elif slot == "project":
                out += self.project()
            elif slot == "law":
                out += self.law()
            elif slot == "person":
                out += self.official()
            elif slot == "person_again":
                out.append(self.named_people[-1] if self.named_people else "Chủ tọa")
            elif slot == "fn":
                out += self.footnote()
            elif slot == "count":
                out += self.count(int(arg))
            elif slot == "pct":
                out += self.percent(arg)
            elif slot == "rate":
                out += self.rate()
            elif slot == "place":
                out.append(self.province["name"])
            elif slot == "recipient":
                out += self.recipient_pieces[:1] if self.recipient_pieces else ["các cơ quan, đơn vị"]
            else:
                raise KeyError(f"unknown slot {slot} in {template!r}")
        if not capitalize:
            return out
        if out and isinstance(out[0], str) and out[0][:1].islower():
            out[0] = out[0][0].upper() + out[0][1:]
        elif out and isinstance(out[0], Ent) and out[0].text[:1].islower() and out[0].label != "REFERENCE":
            out[0] = Ent(out[0].text[0].upper() + out[0].text[1:], out[0].label, out[0].record)
        return out

    def sentences(self, bank: list, k: int) -> list:
        """A paragraph of k sentences from a bank (templates not repeated within it)."""
        chosen = self.rng.sample(bank, min(k, len(bank)))
        out: list = []
        for i, t in enumerate(chosen):
            if i:
                out.append(" ")
            out += self.fill(t)
        return out

    def bullet(self, pieces: list, mark: str = "-") -> list:
        return [f"{mark} "] + pieces


def _heading(number: str | None, title: str, style: str) -> str:
    if number is None:
        return title
    if style == "letter":
        return f"{number}) {title}"
    if style == "article":
        return f"{number}. {title}"
    return f"{number}. {title}"


def _build(seed: int, index: int, pages: int | None = None) -> DocSpec:
    g = _Doc(seed, index)
    rng = g.rng
    g.named_people = []
    g.choose_issuer()
    iss = g.issuer
    weights = [("Báo cáo", 40), ("Công văn", 20), ("Kế hoạch", 12), ("Quyết định", 10), ("Tờ trình", 8), ("Thông báo", 10)]
    if iss["kind"] == "party":
        weights = [("Báo cáo", 60), ("Kế hoạch", 25), ("Thông báo", 15)]
    doc_type = rng.choices([w[0] for w in weights], [w[1] for w in weights])[0]
    g.doc_type = doc_type
    pages = pages or rng.choices(range(1, 11), [20, 25, 18, 12, 8, 6, 4, 3, 2, 2])[0]
    target = pages * 2300 - 900

    # the reporting period (reports only) and the issue date after it
    g.period = None
    if doc_type == "Báo cáo":
        # the period lies inside the agency's era, the issue date shortly after it (or just before its end)
        lo, hi = (MERGER, MERGER + dt.timedelta(days=364)) if g.post else (dt.date(2017, 7, 1), MERGER - dt.timedelta(days=1))
        for _ in range(50):
            year = rng.choice([g.date.year, g.date.year - 1])
            label, kind, start, end = period_choice(rng, year)
            issue = max(end + dt.timedelta(days=rng.randint(-12, 25)), start + dt.timedelta(days=20))
            if start >= lo and issue <= hi:
                g.date, g.period = issue, (label, kind, start, end)
                break
    tcode = None if doc_type == "Công văn" else code_of(doc_type)  # a công văn: number/ISSUER-UNIT
    num = g.doc_number(1500)
    unit = rng.choice(iss["units"]) if iss["units"] else None
    if iss["kind"] == "party":
        symbol = f"{num}-{tcode}/{iss['code']}"
        prefix = "Số"
    elif doc_type == "Công văn":
        symbol = f"{num}/{iss['code']}-{unit}" if unit else f"{num}/{iss['code']}"
        prefix = "Số:"
    elif iss["kind"] == "police" and unit and rng.random() < 0.6:
        symbol = f"{num}/{tcode}-{iss['code']}-{unit}"
        prefix = "Số:"
    else:
        symbol = f"{num}/{tcode}-{iss['code']}"
        prefix = "Số:"

    topic_name = g.topic["name"]
    year = g.date.year
    period_label = g.period[0] if g.period else None
    if doc_type == "Báo cáo":
        subject = rng.choice([f"Kết quả công tác {topic_name} {period_label}",
                              f"Tình hình, kết quả thực hiện công tác {topic_name} {period_label}",
                              f"Sơ kết công tác {topic_name} {period_label}"]) if period_label else f"Kết quả công tác {topic_name}"
    elif doc_type == "Kế hoạch":
        subject = rng.choice([f"Triển khai công tác {topic_name} năm {year}", f"Thực hiện công tác {topic_name} năm {year}"])
    elif doc_type == "Quyết định":
        subject = rng.choice([f"Về việc thành lập Tổ công tác {topic_name}", f"Về việc ban hành Quy chế phối hợp trong công tác {topic_name}"])
    elif doc_type == "Tờ trình":
        subject = f"Về việc đề nghị phê duyệt Kế hoạch {topic_name} năm {year}"
    elif doc_type == "Thông báo":
        subject = f"Kết luận tại cuộc họp về công tác {topic_name}"
    else:
        subject = rng.choice([f"V/v triển khai công tác {topic_name}", f"V/v đôn đốc thực hiện công tác {topic_name}",
                              f"V/v báo cáo kết quả công tác {topic_name}"])
    g.counts_not.update(re.findall(r"\d+", symbol))

    # recipients
    g.recipient_pieces = []
    recipients: list = []
    if doc_type in ("Công văn", "Tờ trình") or (doc_type == "Báo cáo" and rng.random() < 0.5):
        k = 1 if doc_type != "Công văn" else rng.randint(1, 3)
        for _ in range(k):
            if iss["kind"] in ("department", "police", "bcd138") and rng.random() < 0.4 and doc_type == "Báo cáo":
                pu_full, _ = g.pick(g.ag["police_units"])
                r = [Ent("Ban Chỉ đạo 138 tỉnh", "AGENCY", {"name": "Ban Chỉ đạo 138 tỉnh"}), " (",
                     Ent(pu_full, "AGENCY", {"name": pu_full}), " - ",
                     Ent("Công an tỉnh", "AGENCY", {"name": "Công an tỉnh"}), ")"]
            else:
                a = g.agency_other()
                r = [a]
            if plain(r) not in {plain(x) for x in recipients}:
                recipients.append(r)
        g.recipient_pieces = recipients[0] if recipients else []

    # body
    sections: list = []
    opening: list = []
    closing = None
    authority_line = decides_line = None
    size = 0

    def grow(sec: SectionSpec, bank: list, k=(1, 3), bullets=False):
        nonlocal size
        g.current_section = sec.number or sec.key
        para = g.sentences(bank, rng.randint(*k))
        if bullets:
            para = g.bullet(para, rng.choice(["-", "-", "+"]))
        sec.paras.append(para)
        size += len(plain(para))

    def activities(sec: SectionSpec, n: int):
        for _ in range(n):
            grow(sec, g.topic["activities"], (1, 2), bullets=rng.random() < 0.4)

    if doc_type == "Báo cáo":
        opening.append(g.fill(g.pick(g.phr["opening_report"])))
        style = rng.choice(["arabic", "roman", "roman_deep"])
        titles = g.phr["section_titles"]["report" if style == "arabic" else "report_upper"]
        parts = [0, 1, 2, 3] + ([4] if rng.random() < 0.6 else [])
        if style == "arabic" and rng.random() < 0.5:
            parts = [0, 1, 3]
        for i, part in enumerate(parts):
            number = str(i + 1) if style == "arabic" else ROMAN[i]
            title = g.pick(titles[part])
            sec = SectionSpec(number, title, 1, _heading(number, title, ""), number)
            sections.append(sec)
            bank = [g.phr["direction"], g.topic["activities"], g.phr["limitations"], g.phr["tasks"], g.phr["proposals"]][part]
            if part == 1 and style != "arabic":
                for j, ctitle in enumerate(rng.sample(g.phr["result_children"], rng.randint(2, 3))):
                    cnum = str(j + 1)
                    child = SectionSpec(cnum, ctitle, 2, _heading(cnum, ctitle, ""), f"{number}/{cnum}")
                    sec.children.append(child)
                    if style == "roman_deep" and j == 0:
                        for k in range(2):
                            lnum = LETTERS[k]
                            ltitle = ["Công tác tuyên truyền", "Công tác kiểm tra, xử lý"][k]
                            gc = SectionSpec(lnum, ltitle, 3, _heading(lnum, ltitle, "letter"), f"{number}/{cnum}/{lnum}")
                            child.children.append(gc)
                            activities(gc, rng.randint(1, 2))
                    else:
                        activities(child, rng.randint(1, 3))
                if rng.random() < 0.35:
                    unit_rows = rng.sample(g.topic["units"], min(len(g.topic["units"]), rng.randint(3, 5)))
                    rows = [["TT", "Nội dung", "Đơn vị tính", "Số lượng"]]
                    for r_i, (u, low, high, *_) in enumerate(unit_rows):
                        v = rng.randint(low, high)
                        rows.append([str(r_i + 1), f"Tổng số {u}", u.split(" ")[0].capitalize(), f"{v:,}".replace(",", ".")])
                        g.counts_not.add(f"{v:,}".replace(",", "."))
                    sec.children[-1].table = rows
            elif part == 1:
                activities(sec, rng.randint(2, 4))
                if rng.random() < 0.6:
                    etitle = g.pick(g.phr["section_titles"]["evaluation_unnumbered"])
                    child = SectionSpec(None, etitle, 2, etitle, f"{number}/{etitle}")
                    sec.children.append(child)
                    grow(child, g.phr["evaluation"], (2, 3))
            else:
                grow(sec, bank, (1, 3), bullets=part in (3, 4) and rng.random() < 0.5)
                if part in (0, 3) and rng.random() < 0.5:
                    grow(sec, bank, (1, 2), bullets=part == 3)
        closing = g.fill(g.pick(g.phr["closing_report"]))
    elif doc_type == "Kế hoạch":
        opening.append(g.fill(g.pick(g.phr["opening_plan"])))
        banks = [[g.phr["plan_purpose"], g.phr["plan_requirements"]],
                 [g.phr["plan_tasks"], g.phr["plan_tasks"] + g.topic["activities"]],
                 [g.phr["plan_implementation"]] * 3]
        for i, title in enumerate(g.phr["section_titles"]["plan"]):
            number = ROMAN[i]
            sec = SectionSpec(number, title, 1, _heading(number, title, ""), number)
            sections.append(sec)
            for j, ctitle in enumerate(g.phr["section_titles"]["plan_children"][i][: rng.randint(2, 3)]):
                cnum = str(j + 1)
                child = SectionSpec(cnum, ctitle, 2, _heading(cnum, ctitle, ""), f"{number}/{cnum}")
                sec.children.append(child)
                grow(child, banks[i][min(j, len(banks[i]) - 1)], (1, 2), bullets=rng.random() < 0.5)
        closing = g.fill(g.pick(g.phr["closing_plan"])) if rng.random() < 0.5 else None
    elif doc_type == "Quyết định":
        if iss["kind"] in ("ubnd", "local"):
            authority_line = f"{iss['head']} {iss['lines'][0] if len(iss['lines']) == 1 else ' '.join(iss['lines'])}"
            authority_line = authority_line.replace("UBND", "ỦY BAN NHÂN DÂN")
        else:
            authority_line = f"{iss['head']} {' '.join(iss['lines'])}"
        for t in rng.sample(g.phr["decision_basis"], 3):
            opening.append(g.fill(t))
        decides_line = "QUYẾT ĐỊNH:"
        for i, article in enumerate(g.phr["decision_articles"]):
            number = f"Điều {i + 1}"
            g.current_section = number
            first = g.fill(article[0])
            # the heading holds the first sentence; mentions in it are found in the title. The title is
            # that sentence without its final stop, as for any heading ("1. Mục đích." -> "Mục đích")
            title = plain(first).rstrip()
            if title.endswith(".") and not title.endswith(".."):
                title = title[:-1].rstrip()
            sec = SectionSpec(number, title, 1, f"{number}. {plain(first)}", number)
            sec.title_pieces = first
            for t in article[1:]:
                sec.paras.append(g.fill(t))
            sections.append(sec)
            size += len(title)
    elif doc_type == "Tờ trình":
        opening.append(g.fill(g.pick(g.phr["opening_submission"])))
        for i, title in enumerate(g.phr["section_titles"]["submission"]):
            number = ROMAN[i]
            sec = SectionSpec(number, title, 1, _heading(number, title, ""), number)
            sections.append(sec)
            bank = [g.phr["evaluation"] + g.phr["limitations"], g.phr["plan_tasks"] + g.topic["activities"], g.phr["proposals"]][i]
            grow(sec, bank, (2, 3))
        closing = g.fill(g.pick(g.phr["closing_submission"]))
    elif doc_type == "Thông báo":
        opening.append(g.fill(g.pick(g.phr["opening_notice"])))
        for i in range(rng.randint(2, 3)):
            number = str(i + 1)
            title = ["Đánh giá chung", "Nhiệm vụ thời gian tới", "Giao nhiệm vụ cụ thể"][i]
            sec = SectionSpec(number, title, 1, _heading(number, title, ""), number)
            sections.append(sec)
            grow(sec, g.phr["notice_points"] + g.phr["evaluation"], (1, 2))
        closing = g.fill(g.pick(g.phr["closing_notice"]))
    else:  # Công văn: paragraphs, sometimes numbered points
        opening.append(g.fill(g.pick(g.phr["opening_letter"])))
        if rng.random() < 0.5:
            for i in range(rng.randint(2, 3)):
                number = str(i + 1)
                title = ["Về công tác chỉ đạo", "Về tổ chức thực hiện", "Về chế độ báo cáo"][i]
                sec = SectionSpec(number, title, 1, _heading(number, title, ""), number)
                sections.append(sec)
                grow(sec, g.phr["letter_points"] + g.phr["direction"], (1, 2))
        else:
            g.current_section = None
            para = g.sentences(g.phr["letter_points"], 2)
            opening.append(para)
            size += len(plain(para))
        closing = g.fill(g.pick(g.phr["closing_letter"]))

    # lengthen to the page target: more results in the longest-running sections
    growable = [s for top in sections for s in _walk(top) if s.paras and not (s.number or "").startswith("Điều")]
    guard = 0
    while growable and size + sum(len(plain(p)) for p in opening) < target and guard < 200:
        guard += 1
        sec = rng.choice(growable)
        bank = g.topic["activities"] + g.phr["evaluation"] + g.phr["tasks"]
        grow(sec, bank, (2, 3), bullets=rng.random() < 0.3)

    # signers
    signers = _signers(g)
    distribution = _distribution(g, recipients)
    date_line = issue_date_line(g.place, g.date)
    type_heading = None if doc_type == "Công văn" else doc_type.upper()
    subject_lines = [subject]
    return DocSpec(
        id="", doc_type=doc_type, type_heading=type_heading, parent_lines=list(iss["parent"]),
        agency_lines=list(iss["lines"]), party=iss["kind"] == "party", number=symbol, number_prefix=prefix,
        place=g.place, date=g.date, date_line=date_line, subject_lines=subject_lines,
        subject_under_number=doc_type == "Công văn", recipients=recipients,
        recipients_inline=len(recipients) <= 1, opening=opening, authority_line=authority_line,
        decides_line=decides_line, sections=sections, closing=closing, footnotes=list(g.footnotes),
        signers=signers, distribution=distribution, pages_hint=pages,
    ), g


def _walk(sec: SectionSpec):
    yield sec
    for c in sec.children:
        yield from _walk(c)


def _signers(g: _Doc) -> list:
    rng = g.rng
    iss = g.issuer
    head = iss["head"]
    deputy = {"GIÁM ĐỐC": "PHÓ GIÁM ĐỐC", "CHỦ TỊCH": "PHÓ CHỦ TỊCH", "TRƯỞNG BAN": "PHÓ TRƯỞNG BAN",
              "BÍ THƯ": "PHÓ BÍ THƯ", "BỘ TRƯỞNG": "THỨ TRƯỞNG", "CỤC TRƯỞNG": "PHÓ CỤC TRƯỞNG"}[head]

    def one(kind_: str, head_: str, deputy_: str, collective: str | None, police: bool):
        r = rng.random()
        if collective and r < 0.35:
            authority, position = f"{'T/M' if collective == 'BAN THƯỜNG VỤ' else 'TM.'} {collective}", \
                (deputy_ if collective == "BAN THƯỜNG VỤ" else head_)
        elif r < 0.7:
            authority, position = f"KT. {head_}", deputy_
        elif r < 0.8 and kind_ in ("department", "ubnd", "ministry"):
            authority, position = f"TL. {head_}", "CHÁNH VĂN PHÒNG"
        elif r < 0.86 and kind_ == "ubnd":
            authority, position = f"TUQ. {head_}", "GIÁM ĐỐC SỞ NỘI VỤ"
        else:
            authority, position = None, head_
        name = g.person_name()
        printed = name
        if police:
            printed = f"{rng.choice(['Đại tá', 'Thượng tá', 'Trung tá'])} {name}"
        return (authority, position, printed, name)

    blocks = [one(iss["kind"], head, deputy, iss["collective"], iss["kind"] == "police")]
    # a joint document (kế hoạch/báo cáo liên ngành) is signed by each agency
    if g.doc_type in ("Kế hoạch", "Báo cáo") and iss["kind"] in ("department", "police") and rng.random() < 0.2:
        others = [("CÔNG AN TỈNH", True), ("SỞ TƯ PHÁP", False), ("SỞ Y TẾ", False), ("TỈNH ĐOÀN", False)]
        for upper, police in rng.sample(others, rng.randint(1, 2)):
            if upper in " ".join(iss["lines"]):
                continue
            name = g.person_name()
            printed = f"Đại tá {name}" if police else name
            blocks.append((f"KT. GIÁM ĐỐC {upper}" if upper != "TỈNH ĐOÀN" else "TM. BAN THƯỜNG VỤ",
                           "PHÓ GIÁM ĐỐC" if upper != "TỈNH ĐOÀN" else "PHÓ BÍ THƯ", printed, name))
    g.signer_names = [(b[3], b[1]) for b in blocks]
    return blocks


def _distribution(g: _Doc, recipients: list) -> list:
    rng = g.rng
    iss = g.issuer
    items: list = []
    if recipients:
        items.append(["Như trên"] if rng.random() < 0.7 else ["Như Kính gửi"])
    if iss["kind"] in ("department", "police", "bcd138", "ministry"):
        leader = {"department": "Lãnh đạo Sở", "police": "Ban Giám đốc", "bcd138": "Thành viên BCĐ", "ministry": "Lãnh đạo Bộ"}[iss["kind"]]
        items.append([leader])
        g.optional_agencies.add(leader)
    if rng.random() < 0.6:
        a = g.agency_other()
        items.append([a, rng.choice(["", " (b/c)", " (để b/c)"])] if rng.random() < 0.5 else [a])
    if rng.random() < 0.4 and iss["units"]:
        u = rng.choice(iss["units"])
        if u != "VP":
            items.append([Ent(f"Phòng {u}", "AGENCY", {"name": f"Phòng {u}"}), ", VP"])
    units = [u for u in (iss["units"] or []) if u not in ("VP",)]
    store = ", ".join(["VT"] + rng.sample(units, min(len(units), rng.randint(0, 1))))
    initials = "".join(w[0] for w in g.person_name().split()[1:]).upper()
    items.append([f"Lưu: {store}" + (f" ({initials})" if rng.random() < 0.4 else "")])
    return items


# --------------------------------------------------------------------------- text and answer


class _Writer:
    """Writes the plain-text version line by line and keeps entity spans into it."""

    WIDTH = 48

    def __init__(self):
        self.out: list[str] = []
        self.n = 0
        self.entities: list[dict] = []

    def line(self, pieces=(), right: str = "", right_ents=()):
        pieces = [pieces] if isinstance(pieces, str) else list(pieces)
        text = ""
        for p in pieces:
            if isinstance(p, Mark):
                text += p.marker  # a superscript comes out glued to its word in an extraction
            elif isinstance(p, Ent):
                self.entities.append({"label": p.label, "start": self.n + len(text), "end": self.n + len(text) + len(p.text),
                                      "text": p.text})
                text += p.text
            else:
                text += p
        if right:
            text = text.ljust(self.WIDTH) + "  " + right if text else " " * (self.WIDTH + 2) + right
            for label, value in right_ents:
                i = text.rindex(value)
                self.entities.append({"label": label, "start": self.n + i, "end": self.n + i + len(value), "text": value})
        self.out.append(text)
        self.n += len(text) + 1

    def text(self) -> str:
        return "\n".join(self.out) + "\n"


def motto(party: bool = False) -> tuple[str, str]:
    """The motto lines of a header (pipeline/vocab/cues.json): the national motto and slogan, or the Party's."""
    return (cues()["party_motto"][0], "") if party else (cues()["motto"][0], cues()["motto_slogan"][0])


def write_text(spec: DocSpec) -> tuple[str, list[dict]]:
    w = _Writer()
    motto_lines = motto(spec.party)
    left = [(l, "AGENCY_HEADER") for l in spec.parent_lines] + [(l, "AGENCY_HEADER") for l in spec.agency_lines]
    if spec.party:
        left.append(("*", None))
    number_line = f"{spec.number_prefix} {spec.number}"
    right = [motto_lines[0]] + ([motto_lines[1]] if motto_lines[1] else [])
    rows = max(len(left), len(right))
    for i in range(rows):
        lp = [Ent(left[i][0], left[i][1], {})] if i < len(left) and left[i][1] else ([left[i][0]] if i < len(left) else [])
        w.line(lp, right[i] if i < len(right) else "")
    w.line([spec.number_prefix + " ", Ent(spec.number, "NUMBER", {})], spec.date_line,
           right_ents=[("PLACE", spec.place), ("ISSUE_DATE", spec.date_line.split(", ", 1)[1])])
    if spec.subject_under_number:
        for s in spec.subject_lines:
            w.line([Ent(s, "SUBJECT", {})])
    w.line("")
    if spec.type_heading:
        w.line(spec.type_heading)
        for s in spec.subject_lines:
            w.line([Ent(s, "SUBJECT", {})])
        w.line("")
    if spec.recipients:
        if spec.recipients_inline:
            w.line(["Kính gửi: "] + spec.recipients[0] + ["."])
        else:
            w.line("Kính gửi:")
            for i, r in enumerate(spec.recipients):
                w.line(["- "] + r + [";" if i < len(spec.recipients) - 1 else "."])
        w.line("")
    if spec.authority_line:
        w.line(spec.authority_line)
    for para in spec.opening:
        w.line(para)
    if spec.decides_line:
        w.line(spec.decides_line)

    def sec(s: SectionSpec):
        w.line(s.heading if not hasattr(s, "title_pieces") else [s.number + ". "] + s.title_pieces)
        for para in s.paras:
            w.line(para)
        if s.table:
            for row in s.table:
                w.line(" | ".join(row))
        for c in s.children:
            sec(c)

    for s in spec.sections:
        sec(s)
    if spec.closing:
        w.line(spec.closing)
    w.line("")
    # Nơi nhận on the left, signer(s) on the right, as a layout-preserving extraction gives them
    dist = ["Nơi nhận:"] + [
        ["- "] + item + [";" if i < len(spec.distribution) - 1 else "."] for i, item in enumerate(spec.distribution)
    ]
    sign_lines: list = []
    for k, (authority, position, printed, name) in enumerate(spec.signers):
        if k:
            sign_lines.append("")
        if authority:
            sign_lines.append(authority)
        sign_lines.append(position)
        sign_lines += ["", "", ""]
        sign_lines.append(("PERSON", printed, name))
    for i in range(max(len(dist), len(sign_lines))):
        lp = dist[i] if i < len(dist) else []
        rp = sign_lines[i] if i < len(sign_lines) else ""
        if isinstance(rp, tuple):
            _, printed, name = rp
            w.line(lp, printed, right_ents=[("PERSON", name)])
        else:
            w.line(lp, rp)
    if spec.footnotes:
        w.line("")
        for marker, pieces, _ in spec.footnotes:
            w.line([marker] + pieces)
    return w.text(), w.entities


def _mentions_of(pieces, where: str, section: str | None, out: dict, offset: int = 0):
    text, ents, _ = flatten(pieces)
    for e, s, t in ents:
        base = {"text": e.text, "where": where, "section": section, "span": [s + offset, t + offset]}
        if e.label == "REFERENCE":
            out["references"].append({**base, **e.record})
        elif e.label == "DATE":
            out["dates"].append({**base, **e.record})
        elif e.label == "COUNT":
            out["counts"].append({**base, **e.record})
        elif e.label == "AGENCY":
            out["agencies"].append({**base, **e.record})
        elif e.label == "PERSON":
            out["people"].append({**base, **e.record})
    return text


def _join_paras(paras) -> list:
    out: list = []
    for i, p in enumerate(paras):
        if i:
            out.append("\n")
        out += p
    return out


def build_answer(spec: DocSpec, g: _Doc, split: str) -> dict:
    mentions = {"references": [], "dates": [], "counts": [], "agencies": [], "people": []}
    subject = " ".join(spec.subject_lines)
    if g.period and g.period[0] in subject:
        # the period label in the subject is a date mention too (as in the seed's hand-checked answer)
        label, kind, start, end = g.period
        at = subject.index(label)
        mentions["dates"].append({"text": label, "where": "header", "section": "subject", "span": [at, at + len(label)],
                                  "kind": kind, "start": _iso(start), "end": _iso(end)})
    recipients = []
    for i, r in enumerate(spec.recipients):
        recipients.append(_mentions_of(r, "header", f"recipient:{i}", mentions))
    opening = _mentions_of(_join_paras(spec.opening), "body", "opening", mentions) if spec.opening else None

    def section(s: SectionSpec) -> dict:
        title_pieces = getattr(s, "title_pieces", [s.title])
        if plain(title_pieces) != s.title and isinstance(title_pieces[-1], str):
            # the printed heading's final stop is not in the title (the passage is title + text)
            cut = len(plain(title_pieces)) - len(s.title)
            title_pieces = title_pieces[:-1] + [title_pieces[-1][:-cut]]
        body = _join_paras(s.paras)
        _mentions_of(title_pieces + (["\n"] + body if s.paras else []), "body", s.key, mentions)
        return {"number": s.number, "title": s.title, "level": s.level, "text": plain(body), "key": s.key,
                "tables": [s.table] if s.table else [], "children": [section(c) for c in s.children]}

    sections = [section(s) for s in spec.sections]
    closing = _mentions_of(spec.closing, "body", "closing", mentions) if spec.closing else None
    footnotes = []
    for marker, pieces, anchor in spec.footnotes:
        footnotes.append({"marker": marker, "text": _mentions_of(pieces, "footnote", marker, mentions),
                          "anchor_section": anchor})
    distribution = [_mentions_of(item, "distribution", f"distribution:{i}", mentions)
                    for i, item in enumerate(spec.distribution)]
    for authority, position, printed, name in spec.signers:
        mentions["people"].append({"text": printed, "name": name, "role": position, "where": "signature",
                                   "section": None, "span": None})
    header_agency = " ".join(spec.agency_lines)
    return {
        "schema": SCHEMA_ID,
        "note": "Generated by baocao corpus build; every field is known. Lists named *_optional may be reported "
                "or not; counts_not are numbers that are not counts. Mentions carry their passage span.",
        "id": spec.id,
        "split": split,
        "generator": {"seed": g.seed, "index": g.index, "pages_hint": spec.pages_hint},
        "source": {"format": "text", "text_source": "plain"},
        "header": {
            "agency": header_agency,
            "parent_agency": " ".join(spec.parent_lines) or None,
            "number": spec.number,
            "doc_type": spec.doc_type,
            "place": spec.place,
            "date": _iso(spec.date),
            "subject": subject,
            "recipients": recipients,
        },
        "period": ({"label": g.period[0], "start": _iso(g.period[2]), "end": _iso(g.period[3])} if g.period else None),
        "opening": opening,
        "sections": sections,
        "footnotes": footnotes,
        "signers": [{"authority": a, "position": p, "name": n} for a, p, _, n in spec.signers],
        "distribution": distribution,
        "closing": closing,
        **mentions,
        "dates_optional": g.optional_dates,
        "agencies_optional": sorted(g.optional_agencies),
        "counts_not": sorted(g.counts_not),
    }


def generate_one(seed: int, index: int, pages: int | None = None) -> GeneratedReport:
    spec, g = _build(seed, index, pages)
    slug = {"Báo cáo": "bc", "Công văn": "cv", "Kế hoạch": "kh", "Quyết định": "qd", "Tờ trình": "ttr",
            "Thông báo": "tb"}[spec.doc_type]
    spec.id = f"gen-s{seed}-{index:05d}-{slug}"
    split = split_of(spec.id)
    text, entities = write_text(spec)
    answer = build_answer(spec, g, split)
    answer["entities"] = entities
    return GeneratedReport(spec.id, split, text, answer, tuple(entities), spec)


def generate(n: int, seed: int = 0, *, start: int = 0, max_pages: int | None = None) -> list[GeneratedReport]:
    """n reports; report i depends only on (seed, start + i)."""
    out = []
    for i in range(start, start + n):
        r = generate_one(seed, i)
        if max_pages and r.spec.pages_hint > max_pages:
            r = generate_one(seed, i, pages=1 + (r.spec.pages_hint - 1) % max_pages)
        out.append(r)
    return out
