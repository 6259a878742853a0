"""A worker that is ending (its parent died, or the pool sent SIGTERM) and gets a second SIGTERM at any
moment of it still ends: the handler may run between any two lines of the first ending, and nothing in the
way out may wait on a lock the interrupted first ending holds (a pool worker of `baocao ingest` was once
left running after its parent was killed, both its threads waiting on the lock of the Event that marked
the ending: pipeline/lifecycle._end_worker)."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT

CHILD = textwrap.dedent("""
    import os, signal, sys
    from pipeline import lifecycle

    lifecycle.cleanup = lambda: None  # nothing of this process to clean up
    signal.signal(signal.SIGTERM, lambda *_: lifecycle._end_worker(143))
    at, seen = int(sys.argv[1]), [0]

    def line(frame, event, arg):
        if event == "line":
            seen[0] += 1
            if seen[0] == at:  # the second SIGTERM, between two lines of the first ending
                os.kill(os.getpid(), signal.SIGTERM)
        return line

    sys.settrace(lambda frame, event, arg: line)
    lifecycle._end_worker(7)
""")


@pytest.mark.parametrize("at", range(1, 16))
def test_a_second_sigterm_while_ending_does_not_hang_the_worker(at):
    child = subprocess.run([sys.executable, "-c", CHILD, str(at)], cwd=ROOT, capture_output=True, text=True,
                           timeout=30)
    assert child.returncode in (7, 143), child.stderr
