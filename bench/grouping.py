"""Grouping benchmark: are the files of one document grouped, and are distinct documents kept apart?

    python -m bench.grouping            # corpus/generated and corpus/real (OCR of the scans: a few minutes)

Ingests corpus/generated (each report in five renderings: .txt, .docx, .pdf, .legacy.pdf and one
scan) and corpus/real (the seed as .txt and .pdf, ttr-298 as .doc and scan, the others one file
each) into one new archive, then scores the documents made against the truth: a generated file
belongs to its report (the name before the first dot); in corpus/real the two pairs are one
document each and every other file is its own (nd-28's two photos show different pages: two files
of different text, counted apart). Pair precision and recall are over all pairs of files; also the
time spent grouping (store.regroup) as a share of the whole ingest.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_PAIRS = {
    "bao-cao-tuyen-truyen-pctp-quy-I-2023.txt": "seed", "bao-cao-tuyen-truyen-pctp-quy-I-2023.pdf": "seed",
    "ttr-298-cat-pc04-lam-dong-2025-draft.doc": "ttr-298", "ttr-298-cat-pc04-lam-dong-2025-scan.pdf": "ttr-298",
}


def truth(name: str) -> str:
    if name.startswith("gen-"):
        return name.split(".")[0]
    return REAL_PAIRS.get(name, name)


def _folder(tmp: Path) -> Path:
    folder = tmp / "in"
    for sub in ("generated", "real"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        for p in sorted((ROOT / "corpus" / sub).iterdir()):
            if p.is_file() and not p.name.endswith(".json"):
                shutil.copy2(p, folder / sub / p.name)
    return folder


def score(files) -> dict:
    """files: (name, document id) pairs."""
    by_truth: dict[str, set] = {}
    by_doc: dict[int, set] = {}
    for name, doc in files:
        by_truth.setdefault(truth(name), set()).add(name)
        by_doc.setdefault(doc, set()).add(name)
    pairs_true = {frozenset(p) for g in by_truth.values() for p in itertools.combinations(sorted(g), 2)}
    pairs_made = {frozenset(p) for g in by_doc.values() for p in itertools.combinations(sorted(g), 2)}
    tp = len(pairs_true & pairs_made)
    exact = sum(1 for g in by_truth.values() if any(g == d for d in by_doc.values()))
    return {
        "files": len(files), "documents_true": len(by_truth), "documents_made": len(by_doc),
        "pairs_true": len(pairs_true), "pairs_made": len(pairs_made), "pairs_right": tp,
        "precision": round(tp / len(pairs_made), 4) if pairs_made else 1.0,
        "recall": round(tp / len(pairs_true), 4) if pairs_true else 1.0,
        "documents_exactly_right": exact,
        "wrongly_together": sorted(sorted(d) for d in by_doc.values() if len({truth(n) for n in d}) > 1),
        "wrongly_apart": sorted(sorted(g) for g in by_truth.values() if not any(g <= d for d in by_doc.values())),
    }


def run(workers: int = 2) -> dict:
    from pipeline.archive import Archive, store

    tmp = Path(tempfile.mkdtemp(prefix="baocao-bench-grouping-"))
    try:
        folder = _folder(tmp)
        spent = [0.0]
        regroup = store.regroup

        def timed(*args, **kwargs):
            t = time.perf_counter()
            try:
                return regroup(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - t

        store.regroup = timed
        try:
            started = time.perf_counter()
            with Archive(tmp / "archive.db") as archive:
                summary = archive.ingest(folder, workers=workers)
                total = time.perf_counter() - started
                rows = archive.reader.execute("SELECT path, document_id FROM files WHERE gone = 0").fetchall()
        finally:
            store.regroup = regroup
        out = {}
        for sub in ("generated", "real"):
            prefix = str(folder / sub) + os.sep
            out[sub] = score([(os.path.basename(p), d) for p, d in rows if p.startswith(prefix)])
        out["failed"] = summary.failed
        out["ingest_seconds"] = round(total, 1)
        out["grouping_seconds"] = round(spent[0], 2)
        out["grouping_share"] = round(spent[0] / total, 4)
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def markdown(r: dict) -> str:
    lines = ["| corpus | files | documents (true / made) | pairs (true / made / right) | precision | recall |",
             "|---|---|---|---|---|---|"]
    for sub in ("generated", "real"):
        s = r[sub]
        lines.append(f"| corpus/{sub} | {s['files']} | {s['documents_true']} / {s['documents_made']} | "
                     f"{s['pairs_true']} / {s['pairs_made']} / {s['pairs_right']} | {s['precision']:.3f} | {s['recall']:.3f} |")
    lines += ["", f"Grouping took {r['grouping_seconds']} s of a {r['ingest_seconds']} s ingest "
                  f"({100 * r['grouping_share']:.2f} %)."]
    for sub in ("generated", "real"):
        for key in ("wrongly_together", "wrongly_apart"):
            if r[sub][key]:
                lines.append(f"{sub}, {key.replace('_', ' ')}: {r[sub][key]}")
    if r["failed"]:
        lines.append(f"failed: {r['failed']}")
    return "\n".join(lines)


def report() -> str:
    return markdown(run())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.grouping", description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    r = run(args.workers)
    print(markdown(r) if args.markdown else json.dumps(r, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
