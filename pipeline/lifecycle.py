"""Nothing outlives the command: worker processes die with their parent, every external program
runs in a process group of its own that is killed on a timeout or on the way out, and temp folders
are removed on every path out.

- ``run(cmd, timeout=...)``: an external program (tesseract, soffice, antiword) in a new session
  (its own process group). On a timeout, an exception, Ctrl-C or SIGTERM the whole group is killed.
  On Linux the program also gets SIGKILL if the process that started it dies (PR_SET_PDEATHSIG),
  so a worker killed with -9 does not leave its Tesseract behind.
- ``temp_folder(prefix)``: a temp folder that is removed on leaving the block, at exit, and when a
  SIGTERM or a dead parent ends the worker.
- ``init_worker(parent_pid, memory_bytes)``: the initializer of every pool worker: dies with its
  parent (PR_SET_PDEATHSIG on Linux, plus a thread that checks the parent is alive, for every
  system), ignores Ctrl-C (the parent stops the workers), cleans up on SIGTERM, and caps its address
  space (RLIMIT_AS) so a runaway file becomes a MemoryError, then a failure row.
- ``terminate_on_sigterm()``: SIGTERM handled like Ctrl-C (KeyboardInterrupt) in the main process,
  so its ``finally`` blocks stop the workers and remove temp folders.
"""
from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

PR_SET_PDEATHSIG = 1
MEMORY_ENV = "BAOCAO_WORKER_MEMORY_MB"  # address-space cap of a worker, MiB; 0 for none
DEFAULT_WORKER_MEMORY_MB = 6144  # virtual address space, not RSS: the libraries alone map ~1.5 GiB
RESIDENT_ENV = "BAOCAO_WORKER_RESIDENT_MB"  # resident-memory bound of a worker, MiB; 0 for none
# 2 GiB: five times the highest peak measured on the hostile files (355 MiB, 100,000 DOCX paragraphs);
# a worker past it is a runaway, stopped before it takes the machine's memory
DEFAULT_WORKER_RESIDENT_MB = 2048
WATCH_INTERVAL = 0.25  # seconds between the worker's checks of its parent and its resident memory

_lock = threading.RLock()
_groups: set[int] = set()  # process groups of running external programs (their leader's pid)
_folders: set[str] = set()  # temp folders in use


_LIBC: list = []  # [libc or None], loaded once: a child between fork and exec must not dlopen


def _libc():
    if not _LIBC:
        libc = None
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                libc = ctypes.CDLL(None, use_errno=True)
                libc.prctl  # noqa: B018 - resolve the symbol now, in the parent
            except (OSError, AttributeError):
                libc = None
        _LIBC.append(libc)
    return _LIBC[0]


def die_with_parent(sig: int = signal.SIGKILL) -> bool:
    """Ask the kernel to send ``sig`` to this process when its parent dies (Linux only)."""
    libc = _libc()
    if libc is None:
        return False
    try:
        return libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except Exception:
        return False


# --------------------------------------------------------------------------- cleanup


def cleanup() -> None:
    """Kill every external program this process started and remove its temp folders."""
    with _lock:
        groups, folders = list(_groups), list(_folders)
        _groups.clear()
        _folders.clear()
    for pgid in groups:
        with contextlib.suppress(OSError):
            os.killpg(pgid, signal.SIGKILL)
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


atexit.register(cleanup)


@contextlib.contextmanager
def temp_folder(prefix: str = "baocao-"):
    """A temp folder (under TMPDIR) removed on every path out of the block."""
    folder = tempfile.mkdtemp(prefix=prefix)
    with _lock:
        _folders.add(folder)
    try:
        yield folder
    finally:
        with _lock:
            _folders.discard(folder)
        shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------- external programs


def _child_setup() -> None:  # runs in the child between fork and exec
    die_with_parent(signal.SIGKILL)


def run(cmd: list[str], *, timeout: float | None, env: dict | None = None, cwd: str | None = None,
        stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    """Run a program to its end in its own process group; raise subprocess.TimeoutExpired after
    ``timeout`` seconds. Whatever way this returns or raises, nothing of the program is left running."""
    process = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd,
                               start_new_session=True, preexec_fn=_child_setup if _libc() else None)
    with _lock:
        _groups.add(process.pid)
    try:
        out, err = process.communicate(timeout=timeout)
    except BaseException:
        _kill_group(process.pid)
        process.kill()
        with contextlib.suppress(Exception):
            process.communicate(timeout=5)
        raise
    finally:
        # the program may have left children in its group (soffice.bin under oosplash)
        _kill_group(process.pid)
        with _lock:
            _groups.discard(process.pid)
    return subprocess.CompletedProcess(cmd, process.returncode, out, err)


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(OSError):
        os.killpg(pgid, signal.SIGKILL)


# --------------------------------------------------------------------------- workers


# set once this process is ending. A list, not a threading.Event: the SIGTERM handler may run between any two
# lines of an ending already under way (a second SIGTERM, the pool's own; the watcher thread's ending), and an
# Event's set() holds a lock it would wait on again: a worker was left running so, both threads on that lock
_ending: list[int] = []


def _end_worker(code: int) -> None:
    if _ending:  # a second SIGTERM (the pool's own) while cleaning up: let the first finish
        return
    _ending.append(code)
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    cleanup()
    os._exit(code)


def _watch_parent(parent_pid: int, interval: float, resident_bytes: int | None = None) -> None:
    while True:
        time.sleep(interval)
        if os.getppid() != parent_pid:
            _end_worker(1)
        if resident_bytes and (rss := resident_size()) is not None and rss > resident_bytes:
            # the parent records the file as a failure ("died … out of memory") and goes on
            with contextlib.suppress(OSError, ValueError):
                sys.stderr.write(f"baocao: a worker passed its memory bound ({rss / 2**20:,.0f} MiB resident, "
                                 f"{RESIDENT_ENV}={resident_bytes // 2**20}): stopped\n")
                sys.stderr.flush()
            _end_worker(137)


def resident_size() -> int | None:
    """This process's resident memory in bytes (Linux /proc; None where there is none)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def worker_resident_bytes() -> int | None:
    """The resident-memory bound of workers (BAOCAO_WORKER_RESIDENT_MB, default 2048 MiB; 0: none)."""
    try:
        mb = int(os.environ.get(RESIDENT_ENV) or DEFAULT_WORKER_RESIDENT_MB)
    except ValueError:
        mb = DEFAULT_WORKER_RESIDENT_MB
    return mb * 1024 * 1024 if mb > 0 else None


def init_worker(parent_pid: int | None = None, memory_bytes: int | None = None) -> None:
    """Initializer of a pool worker (ingest's file workers, OCR's page workers). The worker's
    environment is left as it is: the programs it starts get theirs (read.tesseract.child_env)."""
    with _lock:  # what the parent had running is the parent's to clean up
        _groups.clear()
        _folders.clear()
    parent_pid = parent_pid or os.getppid()
    die_with_parent(signal.SIGTERM)  # SIGTERM, not SIGKILL: the handler below cleans up first
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent handles it
    signal.signal(signal.SIGTERM, lambda *_: _end_worker(143))
    # a thread, for systems without PR_SET_PDEATHSIG and for a main thread stuck in C code
    threading.Thread(target=_watch_parent, args=(parent_pid, WATCH_INTERVAL, worker_resident_bytes()),
                     name="baocao-parent-watch", daemon=True).start()
    if memory_bytes:
        limit_memory(memory_bytes)


def worker_memory_bytes() -> int | None:
    """The address-space cap for workers (BAOCAO_WORKER_MEMORY_MB, default 6144 MiB; 0: none)."""
    try:
        mb = int(os.environ.get(MEMORY_ENV) or DEFAULT_WORKER_MEMORY_MB)
    except ValueError:
        mb = DEFAULT_WORKER_MEMORY_MB
    return mb * 1024 * 1024 if mb > 0 else None


def limit_memory(memory_bytes: int) -> None:
    try:
        import resource
    except ImportError:  # not on this system
        return
    with contextlib.suppress(ValueError, OSError):
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            memory_bytes = min(memory_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, hard))


def terminate_on_sigterm() -> None:
    """In the main process: SIGTERM (kill PID, a closing terminal with SIGHUP) raises KeyboardInterrupt,
    so the command stops its workers and removes its temp folders as on Ctrl-C."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    if threading.current_thread() is not threading.main_thread():
        return
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            with contextlib.suppress(ValueError, OSError):
                signal.signal(sig, interrupt)


def stop_processes(processes, grace: float = 3.0) -> None:
    """SIGTERM each process (a worker then kills its programs and removes its temp folders), wait up
    to ``grace`` seconds, then SIGKILL what is left."""
    processes = [p for p in processes if p is not None]
    for p in processes:
        with contextlib.suppress(Exception):
            p.terminate()
    deadline = time.monotonic() + grace
    for p in processes:
        with contextlib.suppress(Exception):
            p.join(max(0.0, deadline - time.monotonic()))
    for p in processes:
        with contextlib.suppress(Exception):
            if p.is_alive():
                p.kill()
                p.join(1)
