"""Time bounds that hold on a loaded two-core machine: a hard ceiling for adversarial input, and a
growth ratio (time for 4N against time for N) for "linear, not quadratic".

Both count the CPU time of this process (``time.process_time``, the ``ITIMER_PROF`` timer), not the
wall clock: while other processes hold the cores, this one is not running and its CPU time does not
move, so a busy machine cannot make a linear parser look quadratic, nor push a fast one over its
ceiling. What the work itself costs (a regex that backtracks, a list rebuilt per token) is CPU time
and is counted in full, so a real quadratic still fails.
"""
from __future__ import annotations

import gc
import math
import signal
import time
from contextlib import contextmanager


class TookTooLong(AssertionError):
    pass


@contextmanager
def hard_limit(seconds: float, wall_factor: float = 10.0):
    """Fail the test (rather than hang the suite) when the block uses more than ``seconds`` of CPU
    time, or, for a block that hangs without computing, runs ``wall_factor`` times that on the clock."""

    def alarm(signum, frame):
        kind = "of CPU time" if signum == signal.SIGPROF else "on the clock"
        raise TookTooLong(f"still running after {seconds * (1 if signum == signal.SIGPROF else wall_factor):g} s {kind}")

    old_prof = signal.signal(signal.SIGPROF, alarm)
    old_alarm = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds * wall_factor)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGPROF, old_prof)
        signal.signal(signal.SIGALRM, old_alarm)


def cpu_seconds(run) -> float:
    """The CPU time of one call (all threads of this process). The cyclic garbage collector is paused:
    its full passes cost in proportion to everything the process holds, which is not the parser's growth."""
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        run()
        return time.process_time() - started
    finally:
        gc.enable()


def best_time(run, repeat: int = 3) -> float:
    """The least CPU time of ``repeat`` calls (cache misses and frequency changes only add to it)."""
    return min(cpu_seconds(run) for _ in range(repeat))


def growth(make_input, run, n: int, repeat: int = 3, min_seconds: float = 0.05, max_n: int = 200_000,
           factor: int = 4) -> tuple[float, float, float, int]:
    """(seconds at size n, seconds at size factor × n, ratio, n). Linear work gives a ratio near
    ``factor``, quadratic near its square. n is doubled (up to max_n) until one call at n takes
    ``min_seconds`` of CPU, so that timer resolution and warm-up do not decide; the two sizes are then
    timed in turn, ``repeat`` times each, so a slow spell of the machine weighs on both alike."""
    small = make_input(n)
    run(small)  # warm caches (compiled regexes, imports, folded characters)
    t1 = cpu_seconds(lambda: run(small))
    while t1 < min_seconds and 2 * n <= max_n:
        n *= 2
        small = make_input(n)
        run(small)
        t1 = cpu_seconds(lambda: run(small))
    large = make_input(factor * n)
    smalls, larges = [t1], []
    for _ in range(repeat):
        larges.append(cpu_seconds(lambda: run(large)))
        smalls.append(cpu_seconds(lambda: run(small)))
    t1, t2 = min(smalls), min(larges)
    return t1, t2, t2 / max(t1, 1e-3), n


def exponent(ratio: float, factor: int = 4) -> float:
    """The power of n that a time ratio between sizes n and factor × n shows: 1 linear, 2 quadratic."""
    return math.log(max(ratio, 1e-9)) / math.log(factor)


def linear(make_input, run, n: int, repeat: int = 3, attempts: int = 2, factor: int = 4,
           bound: float = 1.5) -> tuple[bool, str]:
    """(whether time grows linearly, the figures): the growth exponent between n and factor × n is
    under ``bound`` (1.5: halfway between linear and quadratic on a log scale). Measured up to
    ``attempts`` times at the size the first settled on, on the least times seen at each size.

    With time a·n + b·n², the ratio at 4× is 4(a + 4bn)/(a + bn): a quadratic part that is a third of
    the time at n already gives exponent 1.5, so a quadratic with a large linear part still fails
    (at 2× and a bound of 3.2 on the ratio, it passed until the quadratic part was over half)."""
    seen, small, large = [], [], []
    for _ in range(attempts):
        t1, t2, _, n = growth(make_input, run, n, repeat, min_seconds=0.05 if not seen else 0.0, factor=factor)
        small.append(t1)
        large.append(t2)
        power = exponent(min(large) / max(min(small), 1e-3), factor)
        seen.append(f"{n} -> {factor * n}: {t1:.3f} s -> {t2:.3f} s CPU")
        if power < bound:
            return True, "; ".join(seen)
    return False, "; ".join(seen) + f" (n^{power:.2f})"
