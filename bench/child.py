"""Runs a measurement child process while sampling the Neo4j process's memory beside it."""

import json
import subprocess
import sys
import threading
from dataclasses import dataclass
from typing import Any

import psutil

from bench.services import settings_env
from network.settings import Settings
from network.stack.neo4j_local import Neo4jPaths
from network.stack.processes import read_pid

SAMPLE_S = 0.1


@dataclass
class RssSampler:
    """The largest resident set size of one process seen while the block runs (None: no local process)."""

    pid: int | None
    peak_mb: float | None = None
    _stop: threading.Event | None = None
    _thread: threading.Thread | None = None

    def __enter__(self) -> "RssSampler":
        if self.pid is None:
            return self
        process = psutil.Process(self.pid)
        self._stop = threading.Event()

        def sample() -> None:
            assert self._stop is not None
            while True:
                try:
                    rss = process.memory_info().rss / 2**20
                except psutil.Error:
                    return
                self.peak_mb = max(self.peak_mb or 0.0, rss)
                if self._stop.wait(SAMPLE_S):
                    return

        self._thread = threading.Thread(target=sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._stop is not None and self._thread is not None:
            self._stop.set()
            self._thread.join()


def neo4j_pid(settings: Settings) -> int | None:
    return read_pid(Neo4jPaths.of(settings).pid_file)


def run_child(settings: Settings, *args: str) -> dict[str, Any]:
    """`python -m bench.matching_child ARGS` on the bench stack; its JSON line plus Neo4j's peak RSS."""
    with RssSampler(neo4j_pid(settings)) as neo4j_rss:
        done = subprocess.run(
            [sys.executable, "-m", "bench.matching_child", *args],
            env=settings_env(settings),
            capture_output=True,
            text=True,
        )
    if done.returncode != 0:
        raise RuntimeError(f"matching child {' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}")
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    found: dict[str, Any] = json.loads(lines[-1])
    found["neo4j_peak_rss_mb"] = neo4j_rss.peak_mb
    return found
