"""Commands: serve (the web app), correct (one field of one document), corrections (the history,
and --undo)."""
from __future__ import annotations

import os
import sys

from ..errors import UsageError

DEFAULT_PORT = 8765
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def make_server(db: str, host: str = "127.0.0.1", port: int = DEFAULT_PORT, *, read_only: bool = False):
    """A threaded WSGI server for the app (port 0: a free one); ``serve_forever()`` runs it,
    ``shutdown()`` from another thread stops it."""
    from werkzeug.serving import make_server as werkzeug_server

    from ..archive import store
    from . import create_app

    if not os.path.exists(db):
        raise UsageError(f"no archive at {db}: run `baocao ingest FOLDER --db {db}` first")
    store.connect(db, write=False).close()  # a clear error now (not an archive, too new) rather than per page
    try:
        server = werkzeug_server(host, port, None, threaded=True)
    except (OSError, SystemExit) as e:  # the port is taken, the address is not this computer's …
        # (Werkzeug prints why and exits for a port in use; it is a usage error here)
        why = getattr(e, "strerror", None) or "the address or port is not available"
        raise UsageError(f"cannot listen on {host}:{port}: {why}; try another --port") from None
    names = {host, *LOCAL_HOSTS} if host in LOCAL_HOSTS else None  # a public bind answers to any name
    port = server.server_port
    allowed = None if names is None else {f"{n}:{port}" if ":" not in n else f"[{n}]:{port}" for n in names}
    server.app = create_app(db, read_only=read_only, allowed_hosts=allowed)
    return server


def _serve(args) -> int:
    server = make_server(args.db, args.host, args.port, read_only=args.read_only)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"baocao serve: http://{shown}:{server.server_port}/  (archive {args.db}"
          f"{', read-only' if args.read_only else ''}; Ctrl-C to stop)", flush=True)
    if args.host not in LOCAL_HOSTS:
        print("baocao serve: warning: listening beyond this computer; anyone who can reach it can read the archive"
              + ("" if args.read_only else " and correct it"), file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("baocao serve: stopped", file=sys.stderr)
    finally:
        server.server_close()
        server.app.extensions["baocao_renderer"].close()
    return 0


def _correct(args) -> int:
    from ..archive import Archive
    from ..archive.corrections import FIELDS

    with Archive(args.db) as archive:
        done = archive.correct(args.document, args.field, args.value, note=args.note, author=args.author)
    print(f"correction {done['id']}: document {done['document_id']} {FIELDS[done['field']]} ({done['field']}): "
          f"{done['old_value'] or '—'} -> {done['new_value'] or '—'}")
    return 0


def _corrections(args) -> int:
    from ..archive import Archive
    from ..archive.cli import emit

    with Archive(args.db) as archive:
        if args.undo is not None:
            done = archive.undo(args.undo)
            print(f"correction {done['id']} undone: document {done['document_id']} {done['field']} is back to its previous value")
            return 0
        df = archive.corrections(args.document)
    if not df.empty:
        df["state"] = ["undone" if isinstance(u, str) else "settled" if isinstance(s, str) else "in force"
                       for u, s in zip(df["undone_at"], df["settled_at"])]
    emit(df, args, columns=["id", "document_id", "field", "old_value", "new_value", "note", "created_at", "author", "state"],
         widths={"note": 40, "old_value": 30, "new_value": 30}, empty="no corrections yet")
    return 0


def _port(text: str) -> int:
    import argparse

    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is a number from 0 to 65535 (0: any free port)")
    return value


def register(sub) -> None:
    from ..archive.cli import _db, _output_options
    from ..archive.corrections import FIELDS

    p = sub.add_parser("serve", help="the archive in a browser: search, page images beside fields, corrections",
                       description="Start a local web app on the archive: search, each document's page images "
                                   "beside its extracted fields, citations of a quarter, the review queue, drafts, "
                                   "and corrections that last. Listens on 127.0.0.1 unless told otherwise.")
    _db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)")
    p.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0 for any free one)")
    p.add_argument("--read-only", action="store_true", help="refuse every correction")
    p.set_defaults(func=_serve)

    p = sub.add_parser("correct", help="correct one field of an archived document (it wins everywhere, and lasts)",
                       description="Store a correction of FIELD of DOC (id, path, file name or number). Fields: "
                                   + ", ".join(f"{k} ({v})" for k, v in FIELDS.items())
                                   + ". A date is dd/mm/yyyy or YYYY-MM-DD; a period 2023Q2 or 'quý II/2023'; "
                                     "an empty VALUE clears the field.")
    p.add_argument("document", metavar="DOC")
    p.add_argument("field", choices=tuple(FIELDS), metavar="FIELD")
    p.add_argument("value", metavar="VALUE")
    p.add_argument("--note", help="why (kept with the correction)")
    p.add_argument("--author", help="who (default: the user name of this account)")
    _db(p)
    p.set_defaults(func=_correct)

    p = sub.add_parser("corrections", help="corrections made by hand (newest first); --undo ID undoes one",
                       description="List the corrections (undone ones too: the history stays), or undo one.")
    p.add_argument("--document", metavar="DOC", help="only this document's")
    p.add_argument("--undo", type=int, metavar="ID", help="undo correction ID (its field goes back to the value before)")
    _db(p)
    _output_options(p)
    p.set_defaults(func=_corrections)
