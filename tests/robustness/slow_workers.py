"""Slow file workers, for the tests that kill a run (or one of its workers) mid-batch.

``python -m tests.robustness.slow_workers SECONDS ARGS...`` is ``python -m pipeline ARGS...`` in which
every file takes at least SECONDS in its worker: ``pipeline.process`` is wrapped here, before the
command starts, and the forked pool workers inherit the wrapped one. ``slow_down(seconds)`` does the
same inside a process (a Dask worker: ``client.run(slow_down, 1)``), ``restore()`` undoes it.

The delay lives on the test side only: the production worker reads no test variable.
"""
from __future__ import annotations

import multiprocessing
import sys
import time


def slow_down(seconds: float) -> None:
    import pipeline

    real = getattr(pipeline.process, "__wrapped__", pipeline.process)

    def slow(path, *args, **kwargs):
        time.sleep(seconds)
        return real(path, *args, **kwargs)

    slow.__wrapped__ = real
    pipeline.process = slow


def restore() -> None:
    import pipeline

    pipeline.process = getattr(pipeline.process, "__wrapped__", pipeline.process)


def slow_command(seconds: float, *args: str) -> list[str]:
    """The command line of ``baocao ARGS`` with files that take at least ``seconds`` each."""
    return [sys.executable, "-m", "tests.robustness.slow_workers", str(seconds), *args]


def main(argv: list[str]) -> int:
    # the pool workers must be forks of this process to inherit the wrapped pipeline.process
    multiprocessing.set_start_method("fork", force=True)
    slow_down(float(argv[0]))
    from pipeline.cli import main as baocao

    return baocao(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
