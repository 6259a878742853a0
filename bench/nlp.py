"""Extraction benchmark: words per second of extract() (the rules; and with the trained model filling in).

    python -m bench.nlp                 # 200 generated reports
    python -m bench.nlp --docs 50 --model

Reports are made by the corpus generator (pipeline.corpus.generate) and segmented once; only the
extraction stage is timed.
"""
from __future__ import annotations

import argparse
import json
import time

from pipeline.corpus import generate
from pipeline.model import Document, Line, Page
from pipeline.nlp import extract
from pipeline.segment import segment


def _document(text: str, i: int) -> Document:
    lines = tuple(Line(t, 1) for t in text.split("\n"))
    return Document(f"generated-{i}.txt", "", "text", (Page(1, lines, "plain"),), "plain")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--model", action="store_true", help="also run the trained NER (models/)")
    args = parser.parse_args(argv)
    reports = [segment(_document(g.text, i)) for i, g in enumerate(generate(args.docs, seed=5))]
    words = sum(len(p.text.split()) for r in reports for p in r.passages())
    extract(reports[0], use_model=args.model)  # load data files and the model outside the timing
    started = time.perf_counter()
    mentions = 0
    for r in reports:
        m = extract(r, use_model=args.model).mentions
        mentions += len(m.references) + len(m.dates) + len(m.counts) + len(m.agencies) + len(m.people)
    seconds = time.perf_counter() - started
    print(json.dumps({"documents": len(reports), "words": words, "mentions": mentions, "seconds": round(seconds, 2),
                      "words_per_second": round(words / seconds), "model": args.model}, indent=1))


if __name__ == "__main__":
    main()
