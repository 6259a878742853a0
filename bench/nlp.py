"""Extraction benchmark: words per second of extract() (the rules; and with the trained model filling in),
against underthesea's word tokenisation of the same passages, measured in the same run.

    python -m bench.nlp                 # 100 generated reports, median of 5 runs
    python -m bench.nlp --docs 50 --runs 3 --model

Reports are made by the corpus generator (pipeline.corpus.generate) and segmented once; only the
extraction stage is timed. The baseline is the cheapest thing any Vietnamese NLP of this text does
(word segmentation), so the ratio says what our extraction costs on top of it.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time

from pipeline.corpus import generate
from pipeline.model import Document, Line, Page
from pipeline.nlp import extract
from pipeline.segment import segment


def _document(text: str, i: int) -> Document:
    lines = tuple(Line(t, 1) for t in text.split("\n"))
    return Document(f"generated-{i}.txt", "", "text", (Page(1, lines, "plain"),), "plain")


def _timed(fn, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def run(docs: int = 100, runs: int = 5, model: bool = True) -> dict:
    from underthesea import word_tokenize

    reports = [segment(_document(g.text, i)) for i, g in enumerate(generate(docs, seed=5))]
    texts = [p.text for r in reports for p in r.passages()]
    words = sum(len(t.split()) for t in texts)
    extract(reports[0], use_model=model)  # load data files (and the model) outside the timing
    word_tokenize(texts[0])

    def rules():
        for r in reports:
            extract(r)

    def with_model():
        for r in reports:
            extract(r, use_model=True)

    def baseline():
        for t in texts:
            word_tokenize(t)

    out = {"documents": len(reports), "words": words, "runs": runs}
    for name, fn in (("baseline_word_tokenize", baseline), ("rules", rules)) + ((("model", with_model),) if model else ()):
        median, times = _timed(fn, runs if name != "model" else max(1, runs // 2))
        out[name] = {"median_s": round(median, 3), "words_per_second": round(words / median),
                     "runs_s": [round(t, 3) for t in times]}
    out["rules_vs_baseline"] = round(out["rules"]["median_s"] / out["baseline_word_tokenize"]["median_s"], 2)
    return out


def markdown(r: dict) -> str:
    rows = [("underthesea `word_tokenize` (baseline)", r["baseline_word_tokenize"]), ("`extract()`, rules", r["rules"])]
    if "model" in r:
        rows.append(("`extract(use_model=True)`", r["model"]))
    lines = [f"{r['documents']} generated reports ({r['words']:,} words in their passages), segmented once; "
             f"median of {r['runs']} runs (the model: fewer), each run over all reports.", "",
             "| stage | words/s | median s | runs (s) |", "|---|---:|---:|---|"]
    lines += [f"| {name} | {v['words_per_second']:,} | {v['median_s']} | {', '.join(map(str, v['runs_s']))} |"
              for name, v in rows]
    lines += ["", f"The rules take {r['rules_vs_baseline']}× the time of word segmentation alone on the same text."]
    return "\n".join(lines)


def report() -> str:
    return markdown(run())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--model", action="store_true", help="also run the trained NER (pipeline/nlp/models/)")
    parser.add_argument("--markdown", action="store_true", help="print the RESULTS.md section, not JSON")
    args = parser.parse_args(argv)
    r = run(args.docs, args.runs, args.model)
    print(markdown(r) if args.markdown else json.dumps(r, indent=1))


if __name__ == "__main__":
    main()
