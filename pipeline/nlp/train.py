"""Train the agency/person NER and save it with its scores: ``python -m pipeline.nlp.train`` (``make models``).

Training data: documents from the corpus generator (pipeline.corpus.generate: templates and
gazetteers, never the real files), its "train" split; held-out scores on its "test" split; and how
it does on the seed report's agencies (corpus/real, hand-checked answer). The model is small (CNN
tok2vec, hash embeddings) so it can be committed; training takes a few minutes on 2 cores.
"""
from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from .spacy_pipeline import MODEL_DIR, MODEL_NAME, blank

LABELS = {"AGENCY": "AGENCY", "AGENCY_HEADER": "AGENCY", "PERSON": "PERSON"}


def examples(nlp, reports):
    """One example per line of each generated document, with its AGENCY/PERSON spans."""
    out = []
    for r in reports:
        text = r.text
        ents = sorted(((e["start"], e["end"], LABELS[e["label"]]) for e in r.entities if e["label"] in LABELS))
        pos = 0
        for line in text.split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            if not line.strip():
                continue
            doc = nlp.make_doc(line)
            spans, last = [], 0
            for a, b, label in ents:
                if a >= start and b <= end and a - start >= last:
                    span = doc.char_span(a - start, b - start, label=label, alignment_mode="contract")
                    if span is not None and span.start_char >= last:
                        spans.append(span)
                        last = span.end_char
            doc.ents = spans
            out.append(Example(nlp.make_doc(line), doc))
    return out


def score(nlp, exs) -> dict:
    scores = nlp.evaluate(exs)
    per = scores.get("ents_per_type") or {}
    return {
        "ents_p": round(scores["ents_p"], 4), "ents_r": round(scores["ents_r"], 4), "ents_f": round(scores["ents_f"], 4),
        "per_type": {k: {m: round(v, 4) for m, v in d.items()} for k, d in per.items()},
    }


def seed_score(nlp) -> dict:
    """Agencies found by the model alone in the seed report, against its hand-checked answer."""
    from .. import process
    from ..text import fold
    from .agencies import canonical_agency

    root = Path(__file__).resolve().parents[2] / "corpus" / "real"
    seed = root / "bao-cao-tuyen-truyen-pctp-quy-I-2023.txt"
    want = json.loads(seed.with_suffix(".expected.json").read_text("utf-8"))
    report = process(seed)
    found = set()
    for p in report.passages():
        for ent in nlp(p.text).ents:
            if ent.label_ == "AGENCY":
                found.add(canonical_agency(ent.text))
    gold = set(want["agencies"])
    allowed = gold | set(want["agencies_optional"])
    key = lambda s: fold(s)  # noqa: E731
    tp = len({key(g) for g in gold} & {key(f) for f in found})
    fp = len({key(f) for f in found} - {key(a) for a in allowed})
    return {"agencies_found": sorted(found), "recall": round(tp / len(gold), 4),
            "precision": round((len(found) - fp) / len(found), 4) if found else 0.0}


def train(n_docs: int = 200, epochs: int = 6, seed: int = 13, out: Path = MODEL_DIR) -> dict:
    from ..corpus import generate

    random.seed(seed)
    reports = generate(n_docs, seed=seed)
    nlp = blank()
    ner = nlp.add_pipe("ner")
    for label in sorted(set(LABELS.values())):
        ner.add_label(label)
    train_ex = examples(nlp, [r for r in reports if r.split == "train"])
    test_ex = examples(nlp, [r for r in reports if r.split == "test"])
    fix_random_seed(seed)
    nlp.initialize(lambda: train_ex)
    started = time.time()
    losses_log = []
    for epoch in range(epochs):
        random.shuffle(train_ex)
        losses: dict = {}
        for batch in minibatch(train_ex, size=32):
            nlp.update(batch, drop=0.2, losses=losses)
        losses_log.append(round(losses.get("ner", 0.0), 2))
    seconds = round(time.time() - started, 1)
    held_out = score(nlp, test_ex)
    out.mkdir(parents=True, exist_ok=True)
    nlp.meta.update({
        "name": MODEL_NAME.replace("-", "_"),
        "version": "0.1.0",
        "description": "Agencies and people in Vietnamese administrative reports (blank 'vi' + baocao tokenizer + ner).",
        "sources": [{"name": "pipeline.corpus.generate", "note": f"{n_docs} generated documents, seed {seed}; "
                     "train split for training, test split held out; no real file was used to train"}],
        "baocao": {
            "trained_on": {"generator": "pipeline.corpus.generate", "documents": n_docs, "seed": seed,
                           "train_examples": len(train_ex), "test_examples": len(test_ex)},
            "epochs": epochs, "losses": losses_log, "train_seconds": seconds,
            "held_out": held_out,
            "seed_report": seed_score(nlp),
            "command": "make models  (python -m pipeline.nlp.train)",
            "used_for": "extract(report, use_model=True): people the rules missed; the rules stay primary "
                        "(the model's extra agencies were mostly wrong on real text)",
        },
    })
    nlp.to_disk(out)
    return nlp.meta["baocao"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    args = parser.parse_args(argv)
    result = train(args.docs, args.epochs, args.seed, args.out)
    print(json.dumps({k: result[k] for k in ("held_out", "seed_report", "train_seconds")}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
