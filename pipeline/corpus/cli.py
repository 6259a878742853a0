"""`baocao corpus build` (generate documents with answers) and `baocao eval` (score the pipeline)."""
from __future__ import annotations

import json
import sys

from ..errors import UsageError
from ..i18n import _


def _build(args) -> int:
    from .build import KINDS, build

    kinds = tuple(k.strip() for k in args.kinds.split(",")) if args.kinds else KINDS
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise UsageError(_("unknown kind(s) {kinds}: choose from {choices}").format(kinds=", ".join(bad), choices=", ".join(KINDS)))
    if args.n < 1:
        raise UsageError(_("--n must be at least 1"))
    if args.start < 0:
        raise UsageError(_("--start must be 0 or more"))
    if not 50 <= args.dpi <= 1200:
        raise UsageError(_("--dpi must be between 50 and 1200"))
    if args.max_pages is not None and args.max_pages < 1:
        raise UsageError(_("--max-pages must be at least 1"))

    def progress(i, n):
        if not args.quiet:
            print("\r" + _("{i}/{n} reports").format(i=i, n=n), end="" if i < n else "\n", file=sys.stderr, flush=True)

    manifest = build(args.out, args.n, args.seed, kinds=kinds, scan_levels=args.scan_levels, dpi=args.dpi,
                     max_pages=args.max_pages, start=args.start, progress=progress)
    splits = {}
    for d in manifest:
        splits[d["split"]] = splits.get(d["split"], 0) + 1
    print(_("{documents} documents from {reports} reports in {folder} ({splits})").format(
        documents=len(manifest), reports=args.n, folder=args.out,
        splits=", ".join(f"{k} {v}" for k, v in sorted(splits.items()))))
    return 0


def _eval(args) -> int:
    from .evaluate import evaluate, format_table

    import os

    if not os.path.isdir(args.folder):
        raise UsageError((_("{folder} is not a folder") if os.path.exists(args.folder) else _("no such folder: {folder}"))
                         .format(folder=args.folder))
    kinds = set(args.kinds.split(",")) if args.kinds else None

    def progress(i, n):
        if not args.json and sys.stderr.isatty():
            print("\r" + _("{i}/{n} documents").format(i=i, n=n), end="" if i < n else "\n", file=sys.stderr, flush=True)

    result = evaluate(args.folder, split=args.split, kinds=kinds, limit=args.limit, progress=progress).as_dict()
    if not result["all"]["documents"]:
        raise UsageError(_("no documents with answers (*.expected.json) in {folder}").format(folder=args.folder))
    if args.json:
        if not args.per_document:
            result.pop("documents")
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        print(format_table(result))
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "corpus",
        help=_("generate synthetic Decree 30 documents with their answers"),
        description=_("Generate documents (text, digital PDF, DOCX, TCVN3 PDF, scans) with baocao.report/1 answers."),
    )
    sub = p.add_subparsers(dest="corpus_command", metavar=_("ACTION"))
    b = sub.add_parser("build", help=_("write N generated reports in every rendering, with answers and a manifest"),
                       description=_("Write N generated reports (same seed, same output) with answers and a manifest."))
    b.add_argument("--out", required=True, help=_("the folder to write"))
    b.add_argument("--n", type=int, default=12, help=_("number of reports (default 12)"))
    b.add_argument("--seed", type=int, default=0, help=_("random seed (default 0)"))
    b.add_argument("--start", type=int, default=0, help=_("index of the first report (to extend a corpus)"))
    b.add_argument("--kinds", help=_("comma-separated: text,digital,docx,legacy,scan (default all)"))
    b.add_argument("--scan-levels", choices=["cycle", "all"], default="cycle",
                   help=_("one scan per report cycling mild/medium/hard (default), or all three"))
    b.add_argument("--dpi", type=int, default=200, help=_("scan resolution (default 200)"))
    b.add_argument("--max-pages", type=int, help=_("cap the length of each report"))
    b.add_argument("--quiet", action="store_true", help=_("no progress on stderr"))
    b.set_defaults(func=_build)
    p.set_defaults(func=lambda args: p.print_help() or 2)

    e = subparsers.add_parser(
        "eval",
        help=_("score the pipeline on a folder of documents with answers (P/R/F1 per field, CER)"),
        description=_("Run the pipeline over every document with an answer (X.expected.json) in FOLDER and print "
                      "precision, recall and F1 per field and the character error rate, by kind."),
    )
    e.add_argument("folder", help=_("a folder of documents with answers (corpus/generated, corpus/real, a built corpus)"))
    e.add_argument("--split", choices=["train", "dev", "test"], help=_("only documents of this split"))
    e.add_argument("--kinds", help=_("comma-separated kinds: digital,scan-mild,scan-medium,scan-hard,docx,legacy,text"))
    from ..cli import number

    e.add_argument("--limit", type=number(int, least=1), help=_("at most this many documents"))
    e.add_argument("--json", action="store_true", help=_("print the scores as JSON"))
    e.add_argument("--per-document", action="store_true", help=_("with --json: include each document's CER and time"))
    e.set_defaults(func=_eval)
