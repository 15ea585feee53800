"""Requests sorted into phases: before the first fault, each fault window, and the steady time after each recovery.

A fault window opens when the fault is injected and closes a stated grace after the service recovered; a fault the
service did not recover from closes its window at the recovery deadline (plus the grace), so failures after that
count as failures outside any window. A request that overlaps a window belongs to it.
"""

import statistics
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Record:
    operation: str
    started: float  # seconds since the load began
    finished: float
    error: str | None  # the outcome's kind, None for success


@dataclass(frozen=True)
class FaultWindow:
    name: str  # "neo4j #1"
    kind: str
    injected: float  # seconds since the load began
    recovered: float | None  # None: not recovered within the deadline
    closes: float  # recovered (or the deadline) plus the grace

    @property
    def recovery_s(self) -> float | None:
        return None if self.recovered is None else self.recovered - self.injected


@dataclass(frozen=True)
class PhaseSummary:
    phase: str
    requests: int
    errors: int
    errors_by_kind: dict[str, int]
    p50_ms: float | None
    p99_ms: float | None


def phase_of(record: Record, windows: list[FaultWindow]) -> str:
    for window in windows:
        if record.started < window.closes and record.finished >= window.injected:
            return window.name
    passed = [w for w in windows if w.closes <= record.started]
    return f"after {passed[-1].name}" if passed else "before"


def in_window(record: Record, windows: list[FaultWindow]) -> bool:
    return any(record.started < w.closes and record.finished >= w.injected for w in windows)


def timeline(windows: list[FaultWindow]) -> list[str]:
    """Every phase name in time order: before, then each window and the steady time after it."""
    return ["before"] + [name for w in windows for name in (w.name, f"after {w.name}")]


def percentile_ms(seconds: list[float], fraction: float) -> float | None:
    """The nearest-rank percentile in milliseconds; None for no values."""
    if not seconds:
        return None
    ordered = sorted(seconds)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank] * 1000


def summarise(records: list[Record], windows: list[FaultWindow]) -> list[PhaseSummary]:
    """One summary per phase in time order; latencies are of every answer, failed ones included (a caller waited)."""
    by_phase: dict[str, list[Record]] = {}
    for record in sorted(records, key=lambda r: r.started):
        by_phase.setdefault(phase_of(record, windows), []).append(record)
    summaries = []
    for phase in (p for p in timeline(windows) if p in by_phase):
        members = by_phase[phase]
        durations = [r.finished - r.started for r in members]
        kinds = Counter(r.error for r in members if r.error is not None)
        summaries.append(
            PhaseSummary(
                phase=phase,
                requests=len(members),
                errors=sum(kinds.values()),
                errors_by_kind=dict(kinds.most_common()),
                p50_ms=statistics.median(durations) * 1000 if durations else None,
                p99_ms=percentile_ms(durations, 0.99),
            )
        )
    return summaries


def failures_outside(records: list[Record], windows: list[FaultWindow]) -> list[Record]:
    return [r for r in records if r.error is not None and not in_window(r, windows)]
