"""Time bounds that hold on a noisy two-core machine: a hard ceiling (SIGALRM) for adversarial input,
and a growth ratio (time for 2N against time for N) for "linear, not quadratic"."""
from __future__ import annotations

import signal
import time
from contextlib import contextmanager


class TookTooLong(AssertionError):
    pass


@contextmanager
def hard_limit(seconds: float):
    """Fail the test (rather than hang the suite) when the block runs longer than ``seconds``."""

    def alarm(signum, frame):
        raise TookTooLong(f"still running after {seconds:g} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def best_time(run, repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs: the least disturbed by other processes. The cyclic garbage
    collector is paused while timing: its full passes cost in proportion to everything the test
    process holds (the whole suite's objects), which is not the parser's growth."""
    import gc

    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - started)
        finally:
            gc.enable()
    return best


def growth(make_input, run, n: int, repeat: int = 3, min_seconds: float = 0.1,
           max_n: int = 200_000) -> tuple[float, float, float, int]:
    """(seconds at size n, seconds at size 2n, ratio, n). Linear work gives a ratio near 2, quadratic
    near 4; tests allow under 3.2. n is doubled (up to max_n) until one run at n takes min_seconds,
    so that timer jitter, warm-up and the linear part of a quadratic algorithm do not decide."""
    small = make_input(n)
    run(small)  # warm caches (compiled regexes, imports, folded characters)
    t1 = best_time(lambda: run(small), repeat)
    while t1 < min_seconds and 2 * n <= max_n:
        n *= 2
        small = make_input(n)
        run(small)
        t1 = best_time(lambda: run(small), repeat)
    large = make_input(2 * n)
    t2 = best_time(lambda: run(large), repeat)
    return t1, t2, t2 / max(t1, 1e-3), n


def linear(make_input, run, n: int, repeat: int = 1, attempts: int = 3, bound: float = 3.2) -> tuple[bool, str]:
    """(whether time grows linearly, the figures). Growth is measured up to ``attempts`` times, the
    later ones at the size the first settled on; the ratio is of the fastest times seen at each size
    (another process can only slow a run down), and passes under ``bound``. Quadratic work keeps a
    ratio near 4 however often it is measured; linear work near 2 once one quiet run is seen."""
    seen, small, large = [], [], []
    for _ in range(attempts):
        t1, t2, _, n = growth(make_input, run, n, repeat, min_seconds=0.06 if not seen else 0.0)
        small.append(t1)
        large.append(t2)
        ratio = min(large) / max(min(small), 1e-3)
        seen.append(f"{n} -> {2 * n}: {t1:.3f} s -> {t2:.3f} s")
        if ratio < bound:
            return True, "; ".join(seen)
    return False, "; ".join(seen) + f" (x{ratio:.1f})"
