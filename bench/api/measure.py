"""One measured cell (a side, an operation, a number of clients): a load process of its own, its figures summed up."""

import json
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.timing import Summary


@dataclass(frozen=True)
class Target:
    """Where a side is reached: over HTTP (ours, the peer) or through the driver (the floor)."""

    side: str
    url: str | None = None
    headers: dict[str, str] | None = None
    neo4j: dict[str, str] | None = None


@dataclass(frozen=True)
class Cell:
    side: str
    operation: str
    clients: int
    latency: Summary | None  # None when nothing succeeded
    per_second: list[float]  # throughput of each measured window
    errors: int
    first_error: str | None

    @property
    def requests(self) -> int:
        return self.latency.count if self.latency else 0

    @property
    def throughput(self) -> float:
        return statistics.median(self.per_second)


def run_cell(
    target: Target, operation: str, requests: list[Any], clients: int, warmup_s: float, window_s: float, windows: int
) -> Cell:
    spec = {
        "kind": "floor" if target.neo4j else "http",
        "url": target.url,
        "headers": target.headers or {},
        "neo4j": target.neo4j,
        "requests": requests,
        "concurrency": clients,
        "warmup_s": warmup_s,
        "window_s": window_s,
        "windows": windows,
    }
    with tempfile.TemporaryDirectory() as folder:
        spec_file = Path(folder) / "spec.json"
        spec_file.write_text(json.dumps(spec), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "bench.api.load", str(spec_file)],
            capture_output=True,
            text=True,
            check=False,
            timeout=warmup_s + window_s * windows + 120,
        )
    if done.returncode != 0:
        raise RuntimeError(f"the load process for {target.side} {operation} failed:\n{done.stderr[-2000:]}")
    out = json.loads(done.stdout)
    latencies = [latency for window in out["windows"] for latency in window]
    return Cell(
        target.side,
        operation,
        clients,
        Summary.of(latencies) if len(latencies) >= 2 else None,
        [len(window) / window_s for window in out["windows"]],
        out["errors"],
        out["first_error"],
    )
