"""The batch runner: walk a folder, process new and changed files in parallel, write each result
to the archive in its own transaction.

Workers only read and process (``process_file``, run through any ``concurrent.futures.Executor``:
a ProcessPoolExecutor by default, a Dask client's executor the same way); the main process is the
single writer. Killing a run at any moment loses at most the files in flight: each document is
one transaction, and a re-run skips what is already there.

Unchanged files are recognised without hashing when path, size and mtime_ns match a stored row;
otherwise the file is hashed, and a known hash at a new path is a move (the path is updated, the
file is not processed again).
"""
from __future__ import annotations

import errno
import os
import sqlite3
import stat
import sys
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import lifecycle
from ..errors import ArchiveError, BaocaoError, UsageError, shown_path
from ..i18n import N_, _, gettext, language, ngettext, translate
from ..read import ReadOptions, sha256_of
from . import store

DOCUMENT_SUFFIXES = {
    ".pdf", ".docx", ".doc", ".txt",
    ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp",
}
ANSWER_SUFFIX = ".expected.json"  # the corpus's answer files (pipeline.corpus), next to the documents
DEFAULT_TIMEOUT = 900.0  # seconds per file; a 50-page scan OCRs in a few minutes on one core


# --------------------------------------------------------------------------- worker side


def process_file(path: str, ocr_workers: int | None = None, read_options: ReadOptions | dict | None = None) -> dict:
    """Run in a worker: read, segment, extract one file. Never raises for a bad file: returns
    {"ok": False, "reason": ...} so the batch can record it and go on. read_options: passed to
    read() (a ReadOptions or a dict of its options; ``ocr_workers`` replaces its own)."""
    options = ReadOptions.of(read_options, **({} if ocr_workers is None else {"ocr_workers": ocr_workers}))
    started = time.perf_counter()
    try:
        st = os.stat(path)
        from .. import process, to_contract

        report = process(path, options)
        contract = to_contract(report)
        pages = report.document.pages
        return {
            "ok": True,
            "path": path,
            "contract": contract,
            "size": st.st_size,
            "mtime_ns": st.st_mtime_ns,
            "ocr_pages": sum(1 for p in pages if p.text_source == "ocr"),
            "page_texts": ["\n".join(line.text for line in p.lines) for p in pages],
            "seconds": time.perf_counter() - started,
        }
    except FileNotFoundError:
        return {"ok": False, "path": path, "reason": N_("the file vanished before it could be read"), "kind": "InputFileError"}
    except BaocaoError as e:
        reason = e.message
        return {"ok": False, "path": path, "reason": reason, "kind": type(e).__name__}
    except MemoryError:
        return {"ok": False, "path": path, "reason": N_("out of memory while reading this file"), "kind": "MemoryError"}
    except Exception as e:  # a bug in a stage must not stop the batch: record it
        reason = " ".join(f"{type(e).__name__}: {e}".split())
        return {"ok": False, "path": path, "reason": N_("internal error ({error})").format(error=reason), "kind": type(e).__name__}


# what the failures table's ``kind`` (the exception's name, a stable key) means, shown with failure_kind
FAILURE_KINDS = {
    "InputFileError": N_("unreadable file"), "UnsupportedFormat": N_("unsupported format"),
    "MissingDependency": N_("missing program"), "MemoryError": N_("out of memory"),
    "WorkerCrash": N_("worker crashed"), "FileTimeout": N_("timed out"), "ArchiveError": N_("archive error"),
}


def failure_kind(kind: str | None) -> str | None:
    """A failure's kind as a person reads it ("InputFileError" -> "tệp không đọc được"); an internal
    error's exception name as it is."""
    return _(FAILURE_KINDS[kind]) if kind in FAILURE_KINDS else kind


# --------------------------------------------------------------------------- summary


@dataclass
class IngestSummary:
    folder: str
    found: int = 0  # document files found
    processed: int = 0
    unchanged: int = 0
    moved: int = 0
    gone: int = 0  # files archived before and no longer in the folder
    pruned: int = 0  # gone files deleted (--prune)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): not documents, duplicates
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    pages: int = 0
    ocr_pages: int = 0
    seconds: float = 0.0

    def skipped_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The skipped files by why, for a summary that names each group once: answer files, files
        that are not documents, duplicates; other causes (a file that cannot be read, a bad name)
        one group each, as they need the user's attention."""
        groups: dict[str, list[tuple[str, str]]] = {}
        for path, reason in self.skipped:
            if path.endswith(ANSWER_SUFFIX):
                key = "answer"
            elif reason.startswith("not a document"):
                key = "other-format"
            elif reason.startswith("same content as"):
                key = "duplicate"
            else:
                key = reason
            groups.setdefault(key, []).append((path, reason))
        return list(groups.items())

    def lines(self, verbose: bool = False) -> list[str]:
        """The summary as printed: counts, then the skipped files once per kind (each file with
        ``verbose``), then every failed file with its cause."""
        out = [
            ngettext("{found} document file in {folder}", "{found} document files in {folder}", self.found).format(
                found=self.found, folder=shown_path(self.folder))
            + ": " + _("{processed} processed, {unchanged} unchanged, {moved} moved, {failed} failed, "
                       "{skipped} skipped").format(processed=self.processed, unchanged=self.unchanged,
                                                   moved=self.moved, failed=len(self.failed),
                                                   skipped=len(self.skipped))
            + (_(", {gone} gone (no longer in the folder)").format(gone=self.gone) if self.gone else "")
            + (_(", {pruned} pruned").format(pruned=self.pruned) if self.pruned else ""),
            _("pages read: {pages} ({ocr} by OCR); time: {seconds} s").format(
                pages=self.pages, ocr=self.ocr_pages, seconds=_decimal(self.seconds)),
        ]
        for key, items in self.skipped_groups():
            n = len(items)
            if key == "answer":
                head = ngettext("{n} answer file (.expected.json) skipped", "{n} answer files (.expected.json) skipped", n)
            elif key == "other-format":
                head = ngettext("{n} file that is not a document skipped ({suffixes})",
                                "{n} files that are not documents skipped ({suffixes})", n)
            elif key == "duplicate":
                head = ngettext("{n} file skipped: same content as a file already archived",
                                "{n} files skipped: same content as files already archived", n)
            else:  # a cause the user must see (cannot stat, a bad name): every file, always
                head = None
            if head is not None:
                suffixes = ", ".join(sorted({os.path.splitext(p)[1].lower() or "—" for p, _r in items}))
                head = head.format(n=n, suffixes=suffixes)
                out.append(head if verbose else head + " " + _("(--verbose lists them)"))
            if verbose or head is None:
                for path, reason in items:
                    out.append(f"  {_('skipped')} {shown_path(path)}: {translate(reason)}")
        for path, reason in self.failed:
            out.append(f"  {_('FAILED')}  {shown_path(path)}: {translate(reason)}")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


def _decimal(seconds: float) -> str:
    text = f"{seconds:.1f}"
    return text.replace(".", ",") if language() == "vi" else text


# --------------------------------------------------------------------------- planning


@dataclass
class _Job:
    path: str
    solo: bool = False  # rerun alone after a worker crash, to find which file crashed it
    copies: list = field(default_factory=list)  # (path, size, mtime_ns) of files with the same content


def walk(folder: Path) -> tuple[list[tuple[str, os.stat_result]], list[tuple[str, str]]]:
    """Document files (path, stat) under folder, sorted, and the other files with why they are skipped.

    Iterative (a stack, not recursion: 1,100 nested folders are fine); symbolic links to folders are
    not followed; only regular files are listed (a named pipe called x.pdf is skipped, never opened);
    every folder or file that cannot be listed or stat'ed is reported, none dropped in silence."""
    files: list[tuple[str, os.stat_result]] = []
    skipped: list[tuple[str, str]] = []
    stack = [str(folder)]
    while stack:
        root = stack.pop()
        try:
            with os.scandir(root) as it:
                entries = sorted(((e.name, e.is_dir(follow_symlinks=False)) for e in it))
        except OSError as e:
            entries = _list_long(root) if e.errno == errno.ENAMETOOLONG else None
            if entries is None:
                skipped.append((root, N_("cannot list this folder: {error}").format(error=e.strerror or e)))
                continue
        subdirs = []
        for name, is_dir in entries:
            if name.startswith("."):
                continue
            path = os.path.join(root, name)
            if is_dir:
                subdirs.append(path)
                continue
            if len(os.fsencode(path)) >= PATH_MAX and os.path.splitext(name)[1].lower() in DOCUMENT_SUFFIXES:
                skipped.append((path, N_("the path is {size} bytes, over the system's limit of {limit}: cannot be opened; move it to a "
                                         "shorter path").format(size=f"{len(os.fsencode(path)):,}", limit=f"{PATH_MAX - 1:,}")))
                continue
            try:
                path.encode("utf-8")
            except UnicodeEncodeError:
                skipped.append((os.fsdecode(os.fsencode(path)), N_("file name is not valid UTF-8: rename it")))
                continue
            suffix = os.path.splitext(name)[1].lower()
            if suffix not in DOCUMENT_SUFFIXES:
                skipped.append((path, N_("not a document ({suffix})").format(suffix=suffix or N_("no suffix"))))
                continue
            try:
                st = os.stat(path)
            except OSError as e:
                skipped.append((path, N_("cannot stat: {error}").format(error=e.strerror or e)))
                continue
            if not stat.S_ISREG(st.st_mode):
                skipped.append((path, N_("not a regular file ({kind}): not opened").format(kind=_kind_of(st.st_mode))))
                continue
            files.append((path, st))
        stack.extend(reversed(subdirs))
    return files, skipped


PATH_MAX = os.pathconf("/", "PC_PATH_MAX") if hasattr(os, "pathconf") else 4096


def _list_long(root: str) -> list[tuple[str, bool]] | None:
    """(name, is folder) of a folder whose path is too long to open by name: reached one component
    at a time, each opened relative to the one before. None when even that fails."""
    parts = [part for part in root.split(os.sep) if part]
    fd = os.open(os.sep if root.startswith(os.sep) else ".", os.O_RDONLY)
    try:
        for part in parts:
            nxt = os.open(part, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0), dir_fd=fd)
            os.close(fd)
            fd = nxt
        with os.scandir(fd) as it:
            return sorted((e.name, e.is_dir(follow_symlinks=False)) for e in it)
    except (OSError, TypeError, NotImplementedError):
        return None
    finally:
        os.close(fd)


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return N_("a named pipe")
    if stat.S_ISSOCK(mode):
        return N_("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return N_("a device")
    if stat.S_ISDIR(mode):
        return N_("a folder")
    return N_("not a plain file")


sha256_file = sha256_of  # the reader's hash is the archive's identity of a file


def _executor_factory(workers: int) -> Callable[[], Executor]:
    # every worker dies with this process (and cleans up first), and has a memory cap: see lifecycle
    return lambda: ProcessPoolExecutor(max_workers=workers, initializer=lifecycle.init_worker,
                                       initargs=(os.getpid(), lifecycle.worker_memory_bytes()))


def _kill(executor: Executor) -> None:
    """Stop a ProcessPoolExecutor now, even with a file stuck in a worker: SIGTERM first (a worker
    then kills its Tesseract or LibreOffice and removes its temp folders), SIGKILL after 3 s."""
    processes = getattr(executor, "_processes", None) or {}
    lifecycle.stop_processes(list(processes.values()))
    try:
        executor.shutdown(wait=False, cancel_futures=True)
    except Exception:
        pass


class Ingest:
    """One run of ``baocao ingest``. ``executor``: use this one (not shut down, not recreated);
    otherwise a ProcessPoolExecutor of ``workers`` processes, recreated when a worker dies."""

    def __init__(
        self,
        conn,
        folder: str | Path,
        *,
        workers: int | None = None,
        executor: Executor | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        progress: bool | None = None,
        db_path: str | None = None,
        read_options: ReadOptions | dict | None = None,
        prune: bool = False,
    ):
        self.conn = conn
        self.prune = prune
        self.shown_folder = str(folder)
        self.folder = Path(os.path.abspath(folder))  # stored paths are absolute: re-runs from elsewhere match
        self.workers = max(1, int(workers or os.cpu_count() or 1))
        self.given_executor = executor
        self.timeout = timeout
        self.progress = sys.stderr.isatty() if progress is None else progress
        self.db_path = os.path.abspath(db_path) if db_path else None
        self.read_options = ReadOptions.of(read_options)  # an unknown option stops the run before it starts

    # ---------------------------------------------------------------- plan

    def plan(self, summary: IngestSummary) -> list[_Job]:
        files, skipped = walk(self.folder)
        if self.db_path:
            own = {self.db_path, self.db_path + "-wal", self.db_path + "-shm"}
            files = [(p, s) for p, s in files if os.path.abspath(p) not in own]
        summary.skipped.extend(skipped)
        summary.found = len(files)
        now = store._now()
        by_path: dict[str, tuple] = {}
        by_sha: dict[str, list[int]] = {}
        for file_id, path, sha, size, mtime, gone in self.conn.execute(
            "SELECT id, path, sha256, size, mtime_ns, gone FROM files"
        ):
            by_path[path] = (file_id, sha, size, mtime, gone)
            by_sha.setdefault(sha, []).append(file_id)
        path_of = {v[0]: p for p, v in by_path.items()}
        present = {p for p, _ in files}
        seen: list[int] = []  # files found unchanged: last_seen
        back: list[int] = []  # files found again after being gone
        jobs: list[_Job] = []
        queued: dict[str, _Job] = {}  # sha -> job, for files queued in this run
        for path, st in files:
            known = by_path.get(path)
            if known and known[2] == st.st_size and known[3] == st.st_mtime_ns:
                summary.unchanged += 1
                (back if known[4] else seen).append(known[0])
                continue
            try:
                sha = sha256_file(path)
            except OSError as e:
                reason = (N_("the file vanished before it could be read") if isinstance(e, FileNotFoundError)
                          else N_("cannot read: {error}").format(error=e.strerror))
                self._fail(summary, path, reason, "InputFileError")
                continue
            if known and known[1] == sha:  # touched: same content, new mtime
                self.conn.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?", (st.st_size, st.st_mtime_ns, known[0]))
                summary.unchanged += 1
                (back if known[4] else seen).append(known[0])
                continue
            others = [i for i in by_sha.get(sha, ()) if not known or i != known[0]]
            if others:
                # a moved file: its old path is not in the folder any more (or is gone); reuse that row
                away = [i for i in others if path_of[i] not in present and not os.path.exists(path_of[i])]
                if away and not known:
                    file_id = away[0]
                    with store.transaction(self.conn):
                        self.conn.execute(
                            "UPDATE files SET path = ?, size = ?, mtime_ns = ?, gone = 0, last_seen = ? WHERE id = ?",
                            (path, st.st_size, st.st_mtime_ns, now, file_id),
                        )
                        store.set_file_path(self.conn, file_id, path)
                        store.regroup(self.conn, [file_id])
                    path_of[file_id] = path
                    by_path[path] = (file_id, sha, st.st_size, st.st_mtime_ns, 0)
                    summary.moved += 1
                    continue
                source = others[0]
                with store.transaction(self.conn):  # a copy of an archived file: the same document
                    file_id = store.copy_file(self.conn, source, path=path, size=st.st_size, mtime_ns=st.st_mtime_ns)
                    self.conn.execute("DELETE FROM failures WHERE path = ?", (path,))
                    store.regroup(self.conn, [file_id])
                by_sha[sha].append(file_id)
                path_of[file_id] = path
                summary.skipped.append((path, N_("same content as {path}, already archived").format(path=path_of[source])))
                continue
            if sha in queued:
                queued[sha].copies.append((path, st.st_size, st.st_mtime_ns))  # its result is this file's too
                continue
            queued[sha] = _Job(path)
            jobs.append(queued[sha])
        # files under this folder that are no longer there: gone (their documents drop out of queries)
        inside = str(self.folder).rstrip(os.sep) + os.sep
        gone = [v[0] for p, v in by_path.items() if p.startswith(inside) and p not in present and not v[4]
                and path_of.get(v[0]) == p]
        with store.transaction(self.conn):
            self.conn.executemany("UPDATE files SET last_seen = ? WHERE id = ?", [(now, i) for i in seen])
            if back:
                self.conn.executemany("UPDATE files SET gone = 0, last_seen = ? WHERE id = ?", [(now, i) for i in back])
            if gone:
                self.conn.executemany("UPDATE files SET gone = 1 WHERE id = ?", [(i,) for i in gone])
            if back or gone:
                store.regroup(self.conn, [*back, *gone])
            stale = [p for (p,) in self.conn.execute("SELECT path FROM failures") if p.startswith(inside) and p not in present]
            self.conn.executemany("DELETE FROM failures WHERE path = ?", [(p,) for p in stale])
            if self.prune:
                pruned = [i for (i,) in self.conn.execute("SELECT id FROM files WHERE gone = 1")
                          if path_of.get(i, "").startswith(inside)]
                for file_id in pruned:
                    store.delete_file(self.conn, file_id)
                summary.pruned = len(pruned)
        summary.gone = len(gone)
        return jobs

    # ---------------------------------------------------------------- run

    def run(self) -> IngestSummary:
        started = time.perf_counter()
        if not self.folder.exists():
            raise UsageError(_("no such folder: {folder}").format(folder=self.shown_folder))
        if not self.folder.is_dir():
            raise UsageError(_("not a folder: {folder} (ingest takes a folder; use `baocao extract` for one file)")
                             .format(folder=self.shown_folder))
        summary = IngestSummary(folder=self.shown_folder)
        jobs = self.plan(summary)
        if jobs:
            self._run_jobs(jobs, summary)
        summary.seconds = time.perf_counter() - started
        return summary

    def _run_jobs(self, jobs: list[_Job], summary: IngestSummary) -> None:
        from tqdm import tqdm

        # a given executor (a Dask cluster's) has its own workers: one page at a time in each, and no
        # process pool inside them (Dask worker processes are daemons, which cannot have children)
        ocr_workers = 1 if self.workers > 1 or self.given_executor is not None else None
        owned = self.given_executor is None
        make = _executor_factory(self.workers) if owned else (lambda: self.given_executor)
        executor = make()
        pending = deque(jobs)
        suspects: deque[_Job] = deque()
        inflight: dict[Future, tuple[_Job, float]] = {}
        bar = tqdm(total=len(jobs), unit=" " + gettext("file"), file=sys.stderr, disable=not self.progress, dynamic_ncols=True)
        try:
            while pending or suspects or inflight:
                # a suspect runs alone, so a second crash names the file that causes it
                while len(inflight) < self.workers and not any(j.solo for j, _ in inflight.values()):
                    if suspects:
                        if inflight:
                            break
                        job = suspects.popleft()
                    elif pending:
                        job = pending.popleft()
                    else:
                        break
                    try:
                        future = executor.submit(process_file, job.path, ocr_workers, self.read_options)
                    except (BrokenProcessPool, RuntimeError):
                        executor = self._renew(executor, make, owned)
                        future = executor.submit(process_file, job.path, ocr_workers, self.read_options)
                    inflight[future] = (job, time.monotonic())
                wait_for = 1.0
                if self.timeout:
                    earliest = min(t for _, t in inflight.values())
                    wait_for = max(0.01, min(wait_for, earliest + self.timeout - time.monotonic()))
                done, _ = wait(list(inflight), timeout=wait_for, return_when=FIRST_COMPLETED)
                crashed: list[_Job] = []
                for future in done:
                    job, _ = inflight.pop(future)
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        crashed.append(job)
                        continue
                    except Exception as e:
                        result = {"ok": False, "path": job.path, "reason": N_("worker error ({error})").format(error=f"{type(e).__name__}: {e}"), "kind": type(e).__name__}
                    result["copies"] = job.copies
                    self._record(result, summary)
                    bar.update(1)
                if crashed:
                    # every future in flight fails with the pool; only a lone file is surely the culprit
                    for future, (job, _) in list(inflight.items()):
                        crashed.append(job)
                        inflight.pop(future)
                    for job in crashed:
                        if job.solo or len(crashed) == 1:
                            self._fail(summary, job.path, N_("the worker process died while reading this file (crash or out of memory)"), "WorkerCrash",
                                       [c[0] for c in job.copies])
                            bar.update(1)
                        else:
                            suspects.append(_Job(job.path, solo=True, copies=job.copies))
                    executor = self._renew(executor, make, owned)
                if self.timeout:
                    now = time.monotonic()
                    late = [(f, j) for f, (j, t) in inflight.items() if now - t > self.timeout]
                    if late:
                        for future, job in late:
                            inflight.pop(future)
                            future.cancel()
                            self._fail(summary, job.path, N_("timed out after {seconds} s").format(seconds=f"{self.timeout:g}"), "FileTimeout", [c[0] for c in job.copies])
                            bar.update(1)
                        if owned:
                            # the stuck worker can only be stopped with its pool: restart the others
                            for future, (job, _) in list(inflight.items()):
                                inflight.pop(future)
                                (suspects if job.solo else pending).appendleft(job)
                            executor = self._renew(executor, make, owned, kill=True)
                bar.set_postfix_str(gettext("{done} done, {failed} failed").format(
                    done=summary.processed, failed=len(summary.failed)), refresh=False)
        except BaseException:
            for future in inflight:
                future.cancel()
            if owned:
                _kill(executor)
            raise
        finally:
            bar.close()
        if owned:
            executor.shutdown(wait=True)

    def _renew(self, executor: Executor, make, owned: bool, kill: bool = False) -> Executor:
        if not owned:
            return executor
        if kill:
            _kill(executor)
        else:
            try:
                executor.shutdown(wait=False, cancel_futures=True)
            except Exception:
                pass
        return make()

    # ---------------------------------------------------------------- writing (main process only)

    def _record(self, result: dict, summary: IngestSummary) -> None:
        if not result.get("ok"):
            self._fail(summary, result["path"], result["reason"], result.get("kind"), [c[0] for c in result.get("copies") or ()])
            return
        try:
            with store.transaction(self.conn):
                store.insert_document(
                    self.conn,
                    result["contract"],
                    path=result["path"],
                    size=result["size"],
                    mtime_ns=result["mtime_ns"],
                    ocr_pages=result["ocr_pages"],
                    page_texts=result["page_texts"],
                )
                source = self.conn.execute("SELECT id FROM files WHERE path = ?", (result["path"],)).fetchone()[0]
                copies = [store.copy_file(self.conn, source, path=p, size=size, mtime_ns=mtime)
                          for p, size, mtime in result.get("copies") or ()]
                if copies:
                    self.conn.executemany("DELETE FROM failures WHERE path = ?", [(p,) for p, *_ in result["copies"]])
                    store.regroup(self.conn, copies)
        except ArchiveError:
            raise  # the database itself is unusable (locked, read-only, disk full): stop, re-run resumes
        except sqlite3.OperationalError as e:
            raise store.explain(e, self.db_path or "archive") from e
        except Exception as e:
            self._fail(summary, result["path"], N_("could not store the result ({error})").format(error=f"{type(e).__name__}: {e}"), type(e).__name__,
                       [c[0] for c in result.get("copies") or ()])
            return
        summary.processed += 1
        summary.skipped.extend((p, f"same content as {result['path']}") for p, *_ in result.get("copies") or ())
        summary.pages += result["contract"]["source"].get("pages") or 0
        summary.ocr_pages += result["ocr_pages"]

    def _fail(self, summary: IngestSummary, path: str, reason: str, kind: str | None, copies=()) -> None:
        reason = " ".join(str(reason).split())
        for p in [path, *copies]:  # a copy of a file that fails fails the same way: each is recorded
            summary.failed.append((p, reason))
            store.record_failure(self.conn, p, reason, kind)
