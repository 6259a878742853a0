"""Typed errors. Each carries the exit code the CLI uses and a message a user can act on.

Library callers get exceptions; only pipeline.cli turns them into exit codes. A batch records a
failed file with ``str(error)`` (one line) and goes on.
"""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    ok = 0
    usage = 2
    input_file = 3  # the file cannot be read: missing, corrupt, encrypted, too big
    unsupported = 4  # a format we do not read
    missing_dependency = 5  # tesseract, vie language data, LibreOffice/antiword
    database = 7
    some_failed = 8  # a batch (ingest) finished, but some files could not be archived: see its summary
    other = 15


class BaocaoError(Exception):
    exit_code = ExitCode.other

    def __init__(self, message: str, path: str | None = None):
        self.path = path
        self.message = " ".join(str(message).split())  # always one line
        super().__init__(f"{shown_path(path)}: {self.message}" if path else self.message)

    def shown(self) -> str:
        """The one line as printed to a person: the message in their language (its catalogue entry,
        pipeline.i18n.translate); str(error) stays English, as the archive stores it."""
        from .i18n import translate

        message = translate(self.message)
        return f"{shown_path(self.path)}: {message}" if self.path else message


def shown_path(path: str) -> str:
    """A file name as printed in a one-line message: control characters (a newline in a file name)
    written as escapes, so the message stays one line and still names the file."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in str(path))


class InputFileError(BaocaoError):
    """The file exists (or should) but cannot be read as what it claims to be."""

    exit_code = ExitCode.input_file


class UnsupportedFormat(BaocaoError):
    exit_code = ExitCode.unsupported


class MissingDependency(BaocaoError):
    """An external program or data file is not installed; the message says what to install."""

    exit_code = ExitCode.missing_dependency


class ArchiveError(BaocaoError):
    exit_code = ExitCode.database


class UsageError(BaocaoError):
    exit_code = ExitCode.usage
