"""Spans already taken in a passage: "does this one overlap any of them?" in O(log n), so that a
passage with thousands of matches ("số 12/BC-UBND, số 13/BC-UBND, …") is not quadratic."""
from __future__ import annotations

from bisect import bisect_right


class TakenSpans:
    """Disjoint non-empty [start, end) spans; ``overlaps`` is exact (a < end and start < b)."""

    def __init__(self, spans=()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        merged: list[list[int]] = []
        for a, b in sorted((a, b) for a, b in spans if a < b):  # overlapping input: keep its union
            if merged and a < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        for a, b in merged:
            self.starts.append(a)
            self.ends.append(b)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        if i and self.ends[i - 1] > start and self.starts[i - 1] < end:
            return True
        return i < len(self.starts) and self.starts[i] < end

    def add(self, start: int, end: int) -> None:
        """Take [start, end); spans it overlaps are merged into it."""
        if start >= end:
            return
        i = bisect_right(self.starts, start)
        if i and self.ends[i - 1] > start:  # overlaps the span before: grow that one
            i -= 1
            start = self.starts[i]
            end = max(end, self.ends[i])
        j = i
        while j < len(self.starts) and self.starts[j] < end:  # swallow the spans it reaches into
            end = max(end, self.ends[j])
            j += 1
        self.starts[i:j] = [start]
        self.ends[i:j] = [end]
