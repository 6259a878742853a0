"""The `baocao` command. Each stage's package adds its own subcommands through a ``register``
function in its ``cli`` module (see COMMAND_MODULES); this file only wires them together and turns
BaocaoError into exit codes and one-line messages."""
from __future__ import annotations

import argparse
import importlib
import math
import sqlite3
import sys

from . import __version__
from .errors import BaocaoError, ExitCode, shown_path

# modules that define register(subparsers); each adds its commands
COMMAND_MODULES = (
    "pipeline.archive.cli",
    "pipeline.draft.cli",
    "pipeline.corpus.cli",
    "pipeline.plot_cli",
    "pipeline.web.cli",
)


def _extract(args) -> int:
    """One file: its report (the JSON object with --json). Several: each in turn, in one process (a
    folder's files pay the start-up once); with --json one object per line (JSON Lines). A file that
    cannot be read gets its one-line error and the others go on; the exit code is then 8."""
    if len(args.path) == 1:
        _extract_one(args, args.path[0], lines=False)
        return 0
    failed = 0
    for path in args.path:
        try:
            _extract_one(args, path, lines=True)
        except (KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as e:  # a batch records a failed file and goes on
            line, _code = error_line(e, path=path)
            print(f"baocao: {line}", file=sys.stderr)
            failed += 1
        sys.stdout.flush()
    return int(ExitCode.some_failed) if failed else 0


def _extract_one(args, path: str, lines: bool) -> None:
    from . import process
    from .contract import dumps, to_contract
    from .i18n import _, ngettext, show_date

    report = process(path, read_options(args))
    obj = to_contract(report)
    if args.json:
        if lines:
            import json

            sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(dumps(obj) + "\n")
        return
    from .labels import SHOW_FIELDS, SHOW_KINDS, TEXT_SOURCES

    h, src = obj["header"], obj["source"]
    pages = ngettext("{n} page", "{n} pages", src["pages"] or 0).format(n=src["pages"])
    source = _(TEXT_SOURCES[src["text_source"]]) if src["text_source"] in TEXT_SOURCES else src["text_source"]
    print(f"{src['path']}  ({src['format']}, {pages}, {source})")
    labels = {key: _(label) for key, label in SHOW_FIELDS + SHOW_KINDS}
    labels.update(period=_("period"), sections=_("sections"), footnotes=_("footnotes"))
    pad = max(len(v) for v in labels.values()) + 1
    for key in ("doc_type", "number", "agency", "place", "date", "subject"):
        value = h[key] if h[key] is not None else "—"
        print(f"  {labels[key]:{pad}} {show_date(value) if key == 'date' and h[key] else value}")
    if obj["period"]:
        p = obj["period"]
        print(f"  {labels['period']:{pad}} {p['label']} ({show_date(p['start'])} – {show_date(p['end'])})")
    for key in ("sections", "footnotes", "references", "dates", "counts", "agencies", "people"):
        print(f"  {labels[key]:{pad}} {len(obj[key])}")
    from .i18n.warning_codes import shown

    for w in shown(obj):
        print(f"  {_('warning')}: {w}")


def number(kind: type = int, *, least: float | None = None, more_than: float | None = None,
           most: float | None = None):
    """An argparse type: a number of ``kind`` within bounds, else a one-line error naming the bound."""
    def parse(text: str):
        from .i18n import _

        try:
            value = kind(text)
        except (TypeError, ValueError):
            message = _("{text!r} is not a whole number") if kind is int else _("{text!r} is not a number")
            raise argparse.ArgumentTypeError(message.format(text=text)) from None
        if kind is float and not math.isfinite(value):
            raise argparse.ArgumentTypeError(_("{text!r} is not a finite number").format(text=text))
        if least is not None and value < least:
            raise argparse.ArgumentTypeError(_("{text} is less than {bound}").format(text=text, bound=f"{least:g}"))
        if more_than is not None and value <= more_than:
            raise argparse.ArgumentTypeError(_("{text} must be more than {bound}").format(text=text, bound=f"{more_than:g}"))
        if most is not None and value > most:
            raise argparse.ArgumentTypeError(_("{text} is more than {bound}").format(text=text, bound=f"{most:g}"))
        return value

    parse.__name__ = kind.__name__  # argparse names the type in its message
    return parse


def check_output_file(path: str, option: str, suffixes: tuple[str, ...] | None = None) -> None:
    """Refuse, before any work, a file to write that is a folder, lies in a missing folder, is not
    writable, or has a suffix the command does not write."""
    import os

    from .errors import UsageError
    from .i18n import _

    if os.path.isdir(path):
        raise UsageError(_("{option} {path} is a folder: give a file name").format(option=option, path=path))
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError(_("{option} {path}: the folder {folder} does not exist").format(
            option=option, path=path, folder=os.path.dirname(path) or "."))
    if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        raise UsageError(_("{option} {path}: not writable (permission denied)").format(option=option, path=path))
    if suffixes is not None and os.path.splitext(path)[1].lower() not in suffixes:
        raise UsageError(_("{option} {path}: this writes {suffixes} files only").format(
            option=option, path=path, suffixes=_(" or ").join(suffixes)))


def add_read_limits(p: argparse.ArgumentParser) -> None:
    """--page-timeout, --max-pages, --max-pixels: the bounds read() puts on one file."""
    from .i18n import _

    p.add_argument("--page-timeout", type=number(float, more_than=0), metavar="SECONDS",
                   help=_("seconds OCR may spend on one page; a page over it is left empty, with a warning (default 180)"))
    p.add_argument("--max-pages", type=number(int, least=1), metavar="N",
                   help=_("read at most the first N pages of a file, with a warning (default 2000)"))
    p.add_argument("--max-pixels", type=number(int, least=1), metavar="N",
                   help=_("refuse an image with more pixels than this, without decoding it (default 100000000)"))


def read_options(args: argparse.Namespace):
    """The ReadOptions of the flags add_read_limits added (those not given keep read()'s defaults)."""
    from .read.options import ReadOptions

    given = {"page_timeout": args.page_timeout, "max_pages": args.max_pages, "max_pixels": args.max_pixels}
    return ReadOptions.of({k: v for k, v in given.items() if v is not None})


def build_parser(only_extract: bool = False) -> argparse.ArgumentParser:
    """The whole command line; with only_extract the other commands' modules (pandas and the archive)
    are not imported: `baocao extract` starts in a fraction of the time."""
    from .i18n import _

    parser = argparse.ArgumentParser(
        prog="baocao",
        description=_("Read, segment and archive Vietnamese administrative reports (Decree 30/2020/NĐ-CP layout)."),
    )
    parser.add_argument("--version", action="version", version=f"baocao {__version__}",
                        help=_("show program's version number and exit"))
    parser.add_argument("--lang", choices=("vi", "en"),
                        help=_("language of messages, tables and help: vi (default) or en; also LANG=en_US.UTF-8"))
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    p = sub.add_parser(
        "extract",
        help=_("read files and print their reports (baocao.report/1 JSON with --json)"),
        description=_("Read archive files (PDF, image, DOCX, DOC, TXT), segment them and extract their mentions. "
                      "Several files are read in one process, each in turn; a file that cannot be read gets a "
                      "one-line error and the others go on."),
    )
    p.add_argument("path", nargs="+", help=_("the files to read"))
    p.add_argument("--json", action="store_true",
                   help=_("print the baocao.report/1 JSON object (one per line when several files are given)"))
    add_read_limits(p)
    p.set_defaults(func=_extract)
    for name in () if only_extract else COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _language(argv: list[str]) -> list[str]:
    """Take --lang vi|en from anywhere on the command line (before or after the command), choose the
    language of messages and help from it or from the environment (LANG=en*), and return the rest."""
    from . import i18n

    rest, chosen, i = [], None, 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        if arg == "--lang" and i + 1 < len(argv):
            chosen, i = argv[i + 1], i + 2
            continue
        if arg.startswith("--lang="):
            chosen, i = arg.split("=", 1)[1], i + 1
            continue
        rest.append(arg)
        i += 1
    if chosen is not None and chosen.lower()[:2] not in i18n.LANGUAGES:
        i18n.set_language()
        raise BaocaoUsage(i18n._("--lang takes vi or en, not {value!r}").format(value=chosen))
    i18n.set_language(chosen)
    i18n.translate_argparse()
    return rest


class BaocaoUsage(Exception):
    pass


def main(argv: list[str] | None = None) -> int:
    from .i18n import _
    from .lifecycle import terminate_on_sigterm

    terminate_on_sigterm()  # kill PID stops the command as Ctrl-C does: workers stopped, temp folders removed
    try:
        argv = _language(list(sys.argv[1:] if argv is None else argv))
    except BaocaoUsage as e:
        print(f"baocao: {e}", file=sys.stderr)
        return ExitCode.usage
    # `extract` first (the only command defined here): the parser without the others' modules
    parser = build_parser(only_extract=bool(argv) and argv[0] == "extract")
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return ExitCode.usage
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print(f"baocao: {_('interrupted')}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:
        line, code = error_line(e, getattr(args, "db", None))
        print(f"baocao: {line}", file=sys.stderr)
        return code


def error_line(e: Exception, db: str | None = None, path: str | None = None) -> tuple[str, int]:
    """(the one line a person reads, the exit code) of an error that stopped a command or one file of
    it (``path``: the file, named when the error does not name it)."""
    from .i18n import _

    if isinstance(e, BaocaoError):
        line, code = e.shown(), int(e.exit_code)
        if path and not e.path:
            line = f"{shown_path(path)}: {line}"
        return line, code
    if isinstance(e, sqlite3.Error):  # a damaged archive found in the middle of a query
        from .archive.store import explain

        error = explain(e, db or "archive")
        return error.shown(), int(error.exit_code)
    if isinstance(e, OSError):  # a file or folder given on the command line that cannot be read or written
        name = e.filename or path
        where = f"{shown_path(name)}: " if name else ""
        return f"{where}{e.strerror or e}", int(ExitCode.other)
    # a bug: still one line, naming it, never a traceback
    text = " ".join(f"{type(e).__name__}: {e}".split())[:300]
    line = _("internal error ({error}); please report it with the command that caused it").format(error=text)
    return (f"{shown_path(path)}: {line}" if path else line), int(ExitCode.other)
