"""Ingest on a Dask distributed cluster: the same batch runner, with a Dask client's executor.

    baocao ingest FOLDER --scheduler tcp://HOST:8786

``distributed.Client.get_executor()`` is a ``concurrent.futures.Executor``; ``Ingest`` takes any
executor, so the per-file work (``ingest.process_file``: read, OCR, segment, extract) runs on
the cluster's workers while this process stays the single writer of the SQLite archive. There is
no second implementation: what differs from a local run is only where ``process_file`` runs.

What a cluster changes:

- A worker that dies (killed, out of memory) loses no file: the scheduler runs its tasks again on
  another worker. A file that kills ``distributed.scheduler.allowed-failures`` + 1 workers (3 + 1
  by default) is recorded as a failure (``KilledWorker``) and the batch goes on; a re-run retries it.
- Every worker needs baocao (same version), Tesseract with ``vie`` data, and the folder at the same
  path: workers open the files by the path the runner walked.
- Tasks are submitted impure (``pure=False``): a file re-submitted after a failure is run again,
  never answered from a result the scheduler still holds.

The archive is one SQLite file written by this process only; a PostgreSQL ``--db`` is not supported
(``check_db``).
"""
from __future__ import annotations

import re
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import Iterator

from ..errors import MissingDependency, UsageError

EXTRA_HINT = "pip install 'baocao[dask]'"
CONNECT_TIMEOUT = 30.0  # seconds to reach the scheduler and see a first worker
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def check_db(db: str) -> str:
    """The archive is a SQLite file: refuse a database URL with a message saying so."""
    text = str(db)
    if _URL.match(text):
        scheme = text.split(":", 1)[0].lower()
        what = "PostgreSQL" if scheme.startswith("postgres") else scheme
        raise UsageError(
            f"{text}: a {what} archive is not supported; the archive is one SQLite file, written by "
            "the process that runs `baocao ingest` (with --scheduler, workers only read and process files). "
            "Give a file path, e.g. --db archive.db"
        )
    return text


def _distributed():
    try:
        import distributed
    except ImportError as e:
        raise MissingDependency(
            f"--scheduler needs Dask distributed, which is not installed: {EXTRA_HINT}"
        ) from e
    return distributed


def worker_info() -> dict:
    """Run on each worker by ``preflight``: what a worker needs to process every kind of file."""
    import os

    from .. import __version__
    from ..read import tesseract

    found = tesseract.probe()
    return {
        "baocao": __version__,
        "tesseract": found.version if found.installed else None,
        "vie": "vie" in found.languages,
        "omp_thread_limit": os.environ.get("OMP_THREAD_LIMIT"),
    }


def preflight(client) -> list[str]:
    """Warnings about workers that will fail some files: another baocao version, no Tesseract `vie`.

    A worker without baocao at all cannot even run this, which raises MissingDependency."""
    from .. import __version__

    try:
        infos = client.run(worker_info)
    except (ImportError, AttributeError) as e:  # unpickling pipeline.archive.dask.worker_info failed there
        raise MissingDependency(
            f"a Dask worker cannot import baocao ({type(e).__name__}: {e}): install baocao "
            "on every worker, in the environment `dask worker` runs in"
        ) from e
    warnings = []
    for address, info in sorted(infos.items()):
        if info["baocao"] != __version__:
            warnings.append(f"worker {address} runs baocao {info['baocao']}, this process {__version__}")
        if not info["vie"]:
            warnings.append(f"worker {address} has no Tesseract 'vie' data: scanned files it gets will fail "
                            "(apt-get install tesseract-ocr tesseract-ocr-vie)")
    return warnings


def connect(scheduler: str, *, timeout: float = CONNECT_TIMEOUT):
    """A ``distributed.Client`` on the scheduler, once at least one worker is there."""
    distributed = _distributed()
    try:
        client = distributed.Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler} ({type(e).__name__}: {e})") from e
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (TimeoutError, OSError) as e:
        client.close()
        raise UsageError(f"the Dask scheduler at {scheduler} has no worker (waited {timeout:g} s): "
                         "start `dask worker` processes first") from e
    return client


def threads(client) -> int:
    """Tasks the cluster runs at once: the sum of its workers' threads."""
    return max(1, sum(client.nthreads().values()))


@contextmanager
def cluster_executor(scheduler, *, timeout: float = CONNECT_TIMEOUT, warn=None) -> Iterator[tuple[Executor, int]]:
    """(executor, threads) for ``Ingest``/``Archive.ingest`` on a Dask cluster.

    ``scheduler`` is an address (``tcp://host:8786``) or an existing ``distributed.Client``
    (which is left open). ``warn`` receives each preflight warning (default: ignored)."""
    owned = isinstance(scheduler, str)
    client = connect(scheduler, timeout=timeout) if owned else scheduler
    try:
        for message in preflight(client):
            if warn:
                warn(message)
        yield client.get_executor(pure=False), threads(client)
    finally:
        if owned:
            client.close()


def ingest(archive, folder, scheduler, *, workers: int | None = None, warn=None, **options):
    """``archive.ingest(folder, ...)`` with the per-file work on the Dask cluster at ``scheduler``.

    ``workers``: files in flight at once (default: the cluster's thread count)."""
    with cluster_executor(scheduler, warn=warn) as (executor, nthreads):
        return archive.ingest(folder, workers=workers or nthreads, executor=executor, **options)
