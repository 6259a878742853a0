"""Grouping benchmark: are the files of one document grouped, and are distinct documents kept apart?

    python -m bench.grouping            # corpus/generated and corpus/real (OCR of the scans: a few minutes)

Ingests corpus/generated (each report in five renderings: .txt, .docx, .pdf, .legacy.pdf and one
scan) and corpus/real (the seed as .txt and .pdf, ttr-298 as .doc and scan, the others one file
each) into one new archive, then scores the documents made against the truth: a generated file
belongs to its report (the name before the first dot); in corpus/real the two pairs are one
document each and every other file is its own (nd-28's two photos show different pages: two files
of different text, counted apart). Pair precision and recall are over all pairs of files; also the
time spent grouping (store.regroup) as a share of the whole ingest.

``cost``: what grouping adds to ``ingest``, as the issue asks it: the same folder ingested with grouping
(what ingest does) and, as the baseline in the same run, with every new file made its own document
(store.regroup replaced by that placement), each into a fresh copy of an archive already holding
``--archived`` synthetic reports (so the candidate search has an index to search), runs alternating,
median of ``--runs``. The folder is the files that read fastest (corpus/generated's .txt and .docx,
corpus/real's .txt and .doc): with little reading time, grouping's share is the largest an ingest shows.

    python -m bench.grouping --cost [--runs 3] [--archived 2000]
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


def _fast_folder(tmp: Path) -> Path:
    folder = tmp / "fast"
    for sub, suffixes in (("generated", (".txt", ".docx")), ("real", (".txt", ".doc"))):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        for p in sorted((ROOT / "corpus" / sub).iterdir()):
            if p.is_file() and p.suffix in suffixes:
                shutil.copy2(p, folder / sub / p.name)
    return folder


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the ingest's reading workers): less
    moved by other work on the machine than wall-clock time."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def cost(runs: int = 3, archived: int = 2000) -> dict:
    import random
    import statistics

    from bench.archive import _seed_sentences, synthetic_contract
    from pipeline.archive import Archive, store

    tmp = Path(tempfile.mkdtemp(prefix="baocao-bench-grouping-cost-"))
    try:
        folder = _fast_folder(tmp)
        template = tmp / "template.db"
        rng, sentences = random.Random(7), _seed_sentences()
        with Archive(template) as archive:
            archive.add_many((synthetic_contract(i, rng, sentences) for i in range(archived)), group=False)
            archive.writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        regroup = store.regroup

        def alone(conn, seeds, documents=()):
            """The baseline: each new file its own document (what ingest did before grouping)."""
            rebuilt = set()
            for i in sorted(set(seeds)):
                facts = store.file_facts(conn, [i])
                rebuilt.add(store._build_document(conn, facts[i]["document_id"], [i], facts))
            return rebuilt

        times: dict[str, list[float]] = {"grouped": [], "alone": []}
        cpus: dict[str, list[float]] = {"grouped": [], "alone": []}
        made = {}
        for n in range(runs):
            for mode in (("alone", "grouped") if n % 2 == 0 else ("grouped", "alone")):
                db = tmp / f"{mode}-{n}.db"
                shutil.copy(template, db)
                store.regroup = alone if mode == "alone" else regroup
                try:
                    started, cpu = time.perf_counter(), _cpu()
                    with Archive(db) as archive:
                        summary = archive.ingest(folder, workers=1)
                        times[mode].append(time.perf_counter() - started)
                        cpus[mode].append(_cpu() - cpu)
                        made[mode] = (summary.processed, len(archive.documents()) - archived)
                finally:
                    store.regroup = regroup
                db.unlink()
        grouped, alone_s = statistics.median(times["grouped"]), statistics.median(times["alone"])
        cpu_grouped, cpu_alone = statistics.median(cpus["grouped"]), statistics.median(cpus["alone"])
        return {"files": made["grouped"][0], "archived_before": archived, "runs": runs,
                "documents_made": {"grouped": made["grouped"][1], "alone": made["alone"][1]},
                "ingest_seconds_median": {"grouped": round(grouped, 2), "alone": round(alone_s, 2)},
                "ingest_seconds": {k: [round(t, 2) for t in v] for k, v in times.items()},
                "added": round(grouped / alone_s - 1, 4),
                "cpu_seconds_median": {"grouped": round(cpu_grouped, 2), "alone": round(cpu_alone, 2)},
                "cpu_seconds": {k: [round(t, 2) for t in v] for k, v in cpus.items()},
                "cpu_added": round(cpu_grouped / cpu_alone - 1, 4)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def cost_markdown(c: dict) -> str:
    return (f"Ingest of {c['files']} fast-reading files (corpus/generated .txt/.docx, corpus/real .txt/.doc) into an "
            f"archive of {c['archived_before']} reports, median of {c['runs']}: {c['ingest_seconds_median']['grouped']} s "
            f"with grouping ({c['documents_made']['grouped']} documents made) against "
            f"{c['ingest_seconds_median']['alone']} s with each file its own document "
            f"({c['documents_made']['alone']}): grouping adds {100 * c['added']:.1f} % (goal < 10 %); in CPU time "
            f"(this process and its reading workers) {c['cpu_seconds_median']['grouped']} s against "
            f"{c['cpu_seconds_median']['alone']} s, {100 * c['cpu_added']:+.1f} %.")


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
    return markdown(run()) + "\n\n" + cost_markdown(cost())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.grouping", description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--cost", action="store_true", help="only what grouping adds to ingest (median, baseline)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--archived", type=int, default=2000)
    args = parser.parse_args(argv)
    if args.cost:
        c = cost(args.runs, args.archived)
        print(cost_markdown(c) if args.markdown else json.dumps(c, indent=1, ensure_ascii=False))
        return 0
    r = run(args.workers)
    print(markdown(r) if args.markdown else json.dumps(r, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
