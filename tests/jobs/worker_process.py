"""`network worker` as a real child process against the test stack, with short leases, and what it logged."""

import asyncio
import inspect
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from network.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
LEASE_S = 2.0  # JOB_LEASE_S of the child: a dead holder frees the lock and its job within this
STALE_S = 4.0  # JOB_RUN_STALE_S of the child


@dataclass
class WorkerProcess:
    process: "subprocess.Popen[bytes]"
    log_file: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as when the kernel or an operator kills it."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def output(self) -> str:
        return self.log_file.read_text(errors="replace")

    def events(self) -> list[dict[str, Any]]:
        """The structured (JSON) log lines, in order."""
        found = []
        for line in self.output().splitlines():
            if line.startswith("{"):
                try:
                    found.append(json.loads(line))
                except ValueError:
                    continue
        return found


def worker_env(settings: Settings, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "NEO4J_DATABASE": settings.neo4j_database,
        # a recompute held up by a test's lock in the graph must not time out first
        "NEO4J_QUERY_TIMEOUT_S": "60",
        "REDIS_URL": settings.redis_url,
        "LOG_LEVEL": "INFO",
        "LOG_FORMAT": "json",
        "JOB_LEASE_S": str(LEASE_S),
        "JOB_RUN_STALE_S": str(STALE_S),
        # off unless a test is about it: the applier would rebuild from the whole test graph on its first change
        "LIVE_SUGGESTIONS": "false",
        **extra,
    }


@contextmanager
def worker_process(settings: Settings, tmp_path: Path, name: str = "worker", **env: str) -> Iterator[WorkerProcess]:
    """Starts `network worker`; stops it (SIGTERM, then SIGKILL) when the block ends, unless it died already."""
    log_file = tmp_path / f"{name}.log"
    with log_file.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "network.cli.main", "worker"],
            env=worker_env(settings, **env),
            cwd=ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    worker = WorkerProcess(process, log_file)
    try:
        yield worker
    finally:
        if worker.alive():
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


async def until(check: Callable[[], Awaitable[bool] | bool], timeout_s: float, what: str) -> float:
    """Polls `check` until it holds; the seconds it took. Fails the test with `what` after `timeout_s`."""
    started = time.monotonic()
    while True:
        found = check()
        if inspect.isawaitable(found):
            found = await found
        if found:
            return time.monotonic() - started
        if time.monotonic() - started > timeout_s:
            raise AssertionError(f"not within {timeout_s} s: {what}")
        await asyncio.sleep(0.1)
