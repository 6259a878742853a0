"""Commands: serve (the web app), correct (one field of one document), corrections (the history,
and --undo)."""
from __future__ import annotations

import os
import sys

from ..errors import UsageError
from ..i18n import N_, _

DEFAULT_PORT = 8765
STATES = {"undone": N_("undone"), "settled": N_("settled"), "in force": N_("in force")}
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def make_server(db: str, host: str = "127.0.0.1", port: int = DEFAULT_PORT, *, read_only: bool = False,
                language: str | None = None):
    """A threaded WSGI server for the app (port 0: a free one); ``serve_forever()`` runs it,
    ``shutdown()`` from another thread stops it. language: "vi" or "en" (None: the one chosen)."""
    from werkzeug.serving import make_server as werkzeug_server

    from ..archive import store
    from . import create_app

    if not os.path.exists(db):
        raise UsageError(_("no archive at {db}: run `baocao ingest FOLDER --db {db}` first").format(db=db))
    store.connect(db, write=False).close()  # a clear error now (not an archive, too new) rather than per page
    try:
        server = werkzeug_server(host, port, None, threaded=True)
    except (OSError, SystemExit) as e:  # the port is taken, the address is not this computer's …
        # (Werkzeug prints why and exits for a port in use; it is a usage error here)
        why = getattr(e, "strerror", None) or _("the address or port is not available")
        raise UsageError(_("cannot listen on {host}:{port}: {why}; try another --port").format(host=host, port=port, why=why)) from None
    names = {host, *LOCAL_HOSTS} if host in LOCAL_HOSTS else None  # a public bind answers to any name
    port = server.server_port
    allowed = None if names is None else {f"{n}:{port}" if ":" not in n else f"[{n}]:{port}" for n in names}
    server.app = create_app(db, read_only=read_only, allowed_hosts=allowed, language=language)
    return server


def _serve(args) -> int:
    server = make_server(args.db, args.host, args.port, read_only=args.read_only)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    note = _("archive {db}, read-only") if args.read_only else _("archive {db}")
    print(f"baocao serve: http://{shown}:{server.server_port}/  ({note.format(db=args.db)}; "
          + _("Ctrl-C to stop") + ")", flush=True)
    if args.host not in LOCAL_HOSTS:
        print("baocao serve: " + (_("warning: listening beyond this computer; anyone who can reach it can read the archive")
              if args.read_only else _("warning: listening beyond this computer; anyone who can reach it can read and correct the archive")),
              file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("baocao serve: " + _("stopped"), file=sys.stderr)
    finally:
        server.server_close()
        server.app.extensions["baocao_renderer"].close()
    return 0


def _correct(args) -> int:
    from ..archive import Archive
    from ..archive.corrections import label

    with Archive(args.db) as archive:
        done = archive.correct(args.document, args.field, args.value, note=args.note, author=args.author)
    print(_("correction {id}: document {document} {label} ({field}): {old} -> {new}").format(
        id=done["id"], document=done["document_id"], label=label(done["field"]), field=done["field"],
        old=(done["old_value"] or "—").replace("\n", "; "), new=(done["new_value"] or "—").replace("\n", "; ")))
    return 0


def _corrections(args) -> int:
    from ..archive import Archive
    from ..archive.cli import emit

    with Archive(args.db) as archive:
        if args.undo is not None:
            done = archive.undo(args.undo)
            print(_("correction {id} undone: document {document} {field} is back to its previous value").format(
                id=done["id"], document=done["document_id"], field=done["field"]))
            return 0
        df = archive.corrections(args.document)
    if not df.empty:
        df["state"] = ["undone" if isinstance(u, str) else "settled" if isinstance(s, str) else "in force"
                       for u, s in zip(df["undone_at"], df["settled_at"])]
        if not (args.json or getattr(args, "csv", False) or getattr(args, "excel", False)):
            df["state"] = [_(STATES[x]) for x in df["state"]]  # in words for the table; --json/--csv keep the codes
    emit(df, args, columns=["id", "document_id", "field", "old_value", "new_value", "note", "created_at", "author", "state"],
         empty=_("no corrections yet"))
    return 0


def _field(text: str) -> str:
    import argparse

    from ..archive.corrections import check_field
    from ..errors import UsageError

    try:
        return check_field(text)
    except UsageError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _port(text: str) -> int:
    import argparse

    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(_("a port is a number from 0 to 65535 (0: any free port)"))
    return value


def register(sub) -> None:
    from ..archive.cli import _db, _output_options
    from ..archive.corrections import FIELDS

    p = sub.add_parser("serve", help=_("the archive in a browser: search, page images beside fields, corrections"),
                       description=_("Start a local web app on the archive: search, each document's page images "
                                     "beside its extracted fields, citations of a quarter, the review queue, drafts, "
                                     "and corrections that last. Listens on 127.0.0.1 unless told otherwise."))
    _db(p)
    p.add_argument("--host", default="127.0.0.1", help=_("address to listen on (default 127.0.0.1: this computer only)"))
    p.add_argument("--port", type=_port, default=DEFAULT_PORT, help=_("port (default {port}; 0 for any free one)").format(port=DEFAULT_PORT))
    p.add_argument("--read-only", action="store_true", help=_("refuse every correction"))
    p.set_defaults(func=_serve)

    p = sub.add_parser("correct", help=_("correct one field of an archived document (it wins everywhere, and lasts)"),
                       description=_("Store a correction of FIELD of DOC (id, path, file name or number). Fields: {fields}. "
                                     "A date is dd/mm/yyyy or YYYY-MM-DD; a period 2023Q2 or 'quý II/2023'; "
                                     "an empty VALUE clears the field.").format(
                                         fields=", ".join(f"{k} ({v})" for k, v in FIELDS.items()))
                       + " " + _("A signer is signer.N.authority, signer.N.position or signer.N.name (N from 1; "
                                 "one past the last adds a signer); Nơi nhận (distribution) is its items, one a line "
                                 "or separated by ';'."))
    p.add_argument("document", metavar="DOC")
    p.add_argument("field", type=_field, metavar="FIELD")
    p.add_argument("value", metavar="VALUE")
    p.add_argument("--note", help=_("why (kept with the correction)"))
    p.add_argument("--author", help=_("who (default: the user name of this account)"))
    _db(p)
    p.set_defaults(func=_correct)

    p = sub.add_parser("corrections", help=_("corrections made by hand (newest first); --undo ID undoes one"),
                       description=_("List the corrections (undone ones too: the history stays), or undo one."))
    p.add_argument("--document", metavar="DOC", help=_("only this document's"))
    p.add_argument("--undo", type=int, metavar="ID", help=_("undo correction ID (its field goes back to the value before)"))
    _db(p)
    _output_options(p)
    p.set_defaults(func=_corrections)
