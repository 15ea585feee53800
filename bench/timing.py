"""Summaries of repeated timings: median and tail percentiles with the spread."""

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    count: int
    median_ms: float
    p95_ms: float
    p99_ms: float
    min_ms: float
    max_ms: float

    @classmethod
    def of(cls, seconds: list[float]) -> "Summary":
        ms = sorted(s * 1000 for s in seconds)
        cuts = statistics.quantiles(ms, n=100, method="inclusive")
        return cls(len(ms), statistics.median(ms), cuts[94], cuts[98], ms[0], ms[-1])

    def line(self) -> str:
        return (
            f"n={self.count} median {self.median_ms:.1f} ms, p95 {self.p95_ms:.1f} ms, "
            f"p99 {self.p99_ms:.1f} ms (min {self.min_ms:.1f}, max {self.max_ms:.1f})"
        )
