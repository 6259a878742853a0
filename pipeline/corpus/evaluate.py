"""The accuracy harness: run the pipeline over documents with answers and score it field by field.

A document ``X`` has its answer in ``X.expected.json`` (or, like the seed, ``<stem>.expected.json``).
Answers follow baocao.report/1, possibly as a subset: a field the answer does not give is not scored;
``<field>_optional`` lists are neither rewarded nor punished; ``counts_not`` are numbers that must not be
reported as counts (any reported count not in the answer is a false positive anyway).

Matching, per field (multiset: each gold item matches at most one prediction):
    header.<f>    the value, whitespace-normalised ("V/v", "Về việc" ignored in the subject)
    period        start + end
    references    number; type + title when there is no number
    reference_dates  the same key and the reference's date, over the references that have a date
    dates         text + start + end
    counts        value + unit
    agencies      canonical name (case- and diacritic-insensitive)
    people        name
    signers       authority + position + name
    sections      number + title + level, flattened
    footnotes     marker + anchor section
    distribution  the item, without its trailing ";" or "."
and the character error rate of Document.text against the ground-truth text (``truth_text`` in the
answer, else the document itself when it is a .txt), whitespace collapsed.
Scores are split by kind: digital, scan-mild/medium/hard, docx, doc (Word 97), legacy, text, and for real files
scan and image (from the answer, else guessed from the file name).
"""
from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..text import fold, nfc

HEADER_FIELDS = ("agency", "parent_agency", "number", "doc_type", "place", "date", "subject", "recipients")
LIST_FIELDS = ("period", "references", "reference_dates", "dates", "counts", "agencies", "people", "signers", "sections", "footnotes",
               "distribution")
FIELDS = tuple(f"header.{f}" for f in HEADER_FIELDS) + LIST_FIELDS


def norm(s) -> str:
    return " ".join(nfc(str(s)).split()) if s is not None else ""


def _loose(s) -> str:
    return fold(norm(s)).strip(" ;.,")


def _subject(s) -> str:
    return re.sub(r"^(v/v|ve viec)\s*", "", _loose(s))


def _number(n) -> float | None:
    try:
        return round(float(n), 3)
    except (TypeError, ValueError):
        return None


# each key function takes an item of the answer or the prediction and returns a hashable key (None: skip)
def _ref_key(r):
    if isinstance(r, str):
        return ("title", _loose(r))
    if r.get("number"):
        return ("number", norm(r["number"]).replace(" ", ""))
    return ("title", _loose(r.get("type")), _loose(r.get("title")))


def _walk(sections, level=1):
    for s in sections or []:
        yield s, s.get("level", level)
        yield from _walk(s.get("children"), level + 1)


KEYS = {
    "references": _ref_key,
    "reference_dates": lambda r: (_ref_key(r), r.get("date")),
    "dates": lambda d: (norm(d["text"]), d.get("start"), d.get("end")) if isinstance(d, dict) else (norm(d), None, None),
    "counts": lambda c: (_number(c.get("value")), norm(c.get("unit"))),
    "agencies": lambda a: _loose(a if isinstance(a, str) else a.get("name") or a.get("text")),
    "people": lambda p: _loose(p if isinstance(p, str) else p.get("name")),
    "signers": lambda s: (norm(s.get("authority")), norm(s.get("position")), norm(s.get("name"))),
    "sections": lambda s: (norm(s[0].get("number")), norm(s[0].get("title")), s[1]),
    "footnotes": lambda f: (norm(f.get("marker")), norm(f.get("anchor_section"))),
    "distribution": lambda d: _loose(d),
    "period": lambda p: (p.get("start"), p.get("end")),
}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Score"):
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        rnd = lambda v: None if v is None else round(v, 4)  # noqa: E731
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": rnd(self.precision),
                "recall": rnd(self.recall), "f1": rnd(self.f1)}


def match(gold: list, pred: list, optional: list = ()) -> Score:
    """Multiset match of keys: predictions matching an optional key are ignored."""
    g, p = Counter(gold), Counter(pred)
    tp = sum((g & p).values())
    extra = p - g
    opt = set(optional)
    fp = sum(v for k, v in extra.items() if k not in opt)
    return Score(tp, fp, sum(g.values()) - tp)


def _items(obj: dict, name: str) -> list:
    if name == "sections":
        return list(_walk(obj.get("sections")))
    if name == "period":
        return [obj["period"]] if obj.get("period") else []
    if name == "reference_dates":
        return [r for r in obj.get("references") or [] if isinstance(r, dict) and r.get("date")]
    return list(obj.get(name) or [])


def score_document(answer: dict, predicted: dict) -> dict[str, Score]:
    """Field -> Score for one document. Fields the answer does not give are left out."""
    out: dict[str, Score] = {}
    gh, ph = answer.get("header") or {}, predicted.get("header") or {}
    for f in HEADER_FIELDS:
        if f not in gh:
            continue
        if f == "recipients":
            out["header.recipients"] = match([_loose(r) for r in gh[f]], [_loose(r) for r in ph.get(f) or []])
            continue
        key = _subject if f == "subject" else norm
        g = key(gh[f]) if gh[f] is not None else None
        p = key(ph.get(f)) if ph.get(f) is not None else None
        s = Score()
        if g and p == g:
            s.tp = 1
        else:
            s.fn = int(bool(g))
            s.fp = int(bool(p))
        out[f"header.{f}"] = s
    for name in LIST_FIELDS:
        if (name if name != "reference_dates" else "references") not in answer:
            continue
        key = KEYS[name]
        gold = [key(x) for x in _items(answer, name)]
        if name == "people" and answer.get("people") and "where" in answer["people"][0]:
            gold = list(dict.fromkeys(gold))  # a generated answer lists each mention; people are scored by name
        pred = [key(x) for x in _items(predicted, name)]
        spans = any("span" in x for x in _items(answer, name))
        if name in ("agencies", "people") or (name in ("references", "reference_dates", "dates", "counts") and not spans):
            # scored as sets: agencies and people by name; and a hand-checked answer without spans lists
            # each distinct value once ("quý I/2023" once, though the seed says it three times)
            gold, pred = list(dict.fromkeys(gold)), list(dict.fromkeys(pred))
        optional = [key(x) for x in answer.get(f"{name}_optional", [])]
        if name == "reference_dates":  # a reference the answer leaves optional is optional with its date too
            optional_refs = {_ref_key(x) for x in answer.get("references_optional", [])}
            pred = [k for k in pred if k[0] not in optional_refs]
        out[name] = match(gold, pred, optional)
    return out


# --------------------------------------------------------------------------- character error rate


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, one numpy row at a time (fast enough for whole documents)."""
    import numpy as np

    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    bv = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    idx = np.arange(len(b) + 1, dtype=np.int64)
    prev = idx.copy()
    for i, ch in enumerate(a, 1):
        code = ord(ch)
        sub = prev[:-1] + (bv != code)
        tmp = np.empty_like(prev)
        tmp[0] = i
        np.minimum(prev[1:] + 1, sub, out=tmp[1:])
        # insertion runs left to right: cur[j] = min_k<=j (tmp[k] + j - k)
        prev = np.minimum.accumulate(tmp - idx) + idx
    return int(prev[-1])


def cer(truth: str, got: str) -> float:
    t, g = " ".join(nfc(truth).split()), " ".join(nfc(got).split())
    if not t:
        return 0.0 if not g else 1.0
    return edit_distance(t, g) / len(t)


# --------------------------------------------------------------------------- folders


def answer_path(doc: Path) -> Path | None:
    for cand in (doc.with_name(doc.name + ".expected.json"), doc.with_suffix(".expected.json")):
        if cand.exists():
            return cand
    return None


def kind_of(doc: Path, answer: dict) -> str:
    if answer.get("kind"):
        return answer["kind"]
    name = doc.name.lower()
    m = re.search(r"scan-(mild|medium|hard)", name)
    if m:
        return f"scan-{m.group(1)}"
    if "legacy" in name:
        return "legacy"
    if re.search(r"\bscan\b", name):  # a real scan: no generated level
        return "scan"
    return {".txt": "text", ".docx": "docx", ".doc": "doc", ".pdf": "digital", ".jpg": "image", ".jpeg": "image",
            ".png": "image", ".tif": "image", ".tiff": "image"}.get(doc.suffix.lower(), "other")


def find_documents(folder: Path, split: str | None = None) -> list[tuple[Path, Path]]:
    folder = Path(folder)
    manifest = folder / "manifest.json"
    if manifest.exists():
        data = json.loads(manifest.read_text("utf-8"))
        return [(folder / d["file"], folder / d["answer"]) for d in data["documents"]
                if split is None or d.get("split") == split]
    out = []
    for doc in sorted(folder.iterdir()):
        if doc.name.endswith(".expected.json") or doc.name == "manifest.json" or not doc.is_file():
            continue
        ans = answer_path(doc)
        if ans is None:
            continue
        if split is not None and json.loads(ans.read_text("utf-8")).get("split") != split:
            continue
        out.append((doc, ans))
    return out


@dataclass
class Evaluation:
    by_kind: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(Score)))
    cer: dict = field(default_factory=lambda: defaultdict(list))
    documents: list = field(default_factory=list)
    failures: list = field(default_factory=list)

    def as_dict(self) -> dict:
        kinds = {}
        total: dict[str, Score] = defaultdict(Score)
        for kind, fields in sorted(self.by_kind.items()):
            kinds[kind] = {"documents": sum(1 for d in self.documents if d["kind"] == kind),
                           "fields": {f: s.as_dict() for f, s in fields.items()},
                           "cer": round(sum(self.cer[kind]) / len(self.cer[kind]), 4) if self.cer[kind] else None}
            for f, s in fields.items():
                total[f].add(s)
        all_cer = [c for v in self.cer.values() for c in v]
        return {"kinds": kinds,
                "all": {"documents": len(self.documents), "fields": {f: s.as_dict() for f, s in total.items()},
                        "cer": round(sum(all_cer) / len(all_cer), 4) if all_cer else None},
                "failures": self.failures, "documents": self.documents}


def evaluate(folder: str | Path, *, split: str | None = None, kinds: set[str] | None = None, limit: int | None = None,
             files: set[str] | None = None, process=None, progress=None) -> Evaluation:
    """Run ``process`` (default pipeline.process) on every document with an answer in ``folder``
    (only the file names in ``files``, when given)."""
    from ..contract import to_contract

    if process is None:
        from .. import process
    ev = Evaluation()
    docs = find_documents(Path(folder), split)
    selected = []
    for doc, ans_path in docs:
        if files is not None and doc.name not in files:
            continue
        answer = json.loads(ans_path.read_text("utf-8"))
        kind = kind_of(doc, answer)
        if kinds and kind not in kinds:
            continue
        selected.append((doc, answer, kind))
    if limit:
        selected = selected[:limit]
    for i, (doc, answer, kind) in enumerate(selected):
        t0 = time.perf_counter()
        try:
            report = process(doc)
            predicted = to_contract(report)
            text = report.document.text
            error = None
        except Exception as e:  # a batch records a failed file and goes on
            predicted, text, error = {}, "", f"{type(e).__name__}: {e}"
            ev.failures.append({"file": doc.name, "error": error})
        scores = score_document(answer, predicted)
        for f, s in scores.items():
            ev.by_kind[kind][f].add(s)
        truth_name = answer.get("truth_text") or (doc.name if doc.suffix == ".txt" else None)
        c = None
        if truth_name and (doc.parent / truth_name).exists():
            c = cer((doc.parent / truth_name).read_text("utf-8"), text)
            ev.cer[kind].append(c)
        ev.documents.append({"file": doc.name, "kind": kind, "split": answer.get("split"), "cer": c,
                             "error": error, "seconds": round(time.perf_counter() - t0, 3)})
        if progress:
            progress(i + 1, len(selected))
    return ev


def format_table(result: dict) -> str:
    lines = []
    for kind, data in list(result["kinds"].items()) + [("ALL", result["all"])]:
        cer_text = "—" if data["cer"] is None else f"{data['cer']:.3f}"
        lines.append(f"{kind}  ({data['documents']} documents, CER {cer_text})")
        lines.append(f"  {'field':22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}")
        for f in FIELDS:
            s = data["fields"].get(f)
            if not s:
                continue
            fmt = lambda v: "     —" if v is None else f"{v:6.3f}"  # noqa: E731
            lines.append(f"  {f:22} {fmt(s['precision'])} {fmt(s['recall'])} {fmt(s['f1'])} "
                         f"{s['tp']:6d} {s['fp']:6d} {s['fn']:6d}")
        lines.append("")
    if result["failures"]:
        lines.append(f"{len(result['failures'])} documents failed:")
        for f in result["failures"][:20]:
            lines.append(f"  {f['file']}: {f['error']}")
    return "\n".join(lines)
