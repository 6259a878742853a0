"""`baocao serve`: the archive in a browser (search, a document's page images beside its fields,
citations, the review queue, drafts) and corrections by hand. See app.py."""
from __future__ import annotations


def create_app(db: str, *, read_only: bool = False, allowed_hosts: set[str] | None = None,
               language: str | None = None):
    """language: "vi" or "en"; None: the language chosen (--lang, LANG=en*), Vietnamese by default."""
    from .app import create_app as make

    return make(db, read_only=read_only, allowed_hosts=allowed_hosts, language=language)


__all__ = ["create_app"]
