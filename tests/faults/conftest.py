"""`network run --no-demo` as a subprocess on ports of its own, shared by the fault tests of this folder.

The tests kill its parts by the pids the stack records (pid files under LOCAL_STACK_DIR) and watch them come back.
Files run in name order and the test that stops it with SIGTERM runs last; a test that finds it stopped fails.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from network.settings import Settings
from network.stack import stack
from network.stack.neo4j_local import Neo4jPaths
from network.stack.processes import read_pid
from network.stack.redis_local import RedisPaths
from tests.support.server import free_port
from tests.support.settings import ROOT, make_settings

START_TIMEOUT_S = 240  # a first Neo4j start on a busy machine, then migrations and the catalogue
PROBE = "{ associations(first: 1) { nodes { slug } } }"  # answered from Neo4j, so it proves the whole path


def wait_for(condition: Callable[[], bool], timeout_s: float, what: str, poll_s: float = 0.5) -> float:
    """Seconds until `condition` held; fails the test naming `what` when it did not within `timeout_s`."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout_s:
            pytest.fail(f"{what}: not within {timeout_s:g} s")
        time.sleep(poll_s)
    return time.monotonic() - started


@dataclass
class NetworkRun:
    process: subprocess.Popen[bytes]
    settings: Settings
    log_file: Path

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.api_port}/graphql"

    def pid_file(self, service: str) -> Path:
        if service == "neo4j":
            return Neo4jPaths.of(self.settings).pid_file
        if service == "redis":
            return RedisPaths.of(self.settings).pid_file
        return stack.process_pid_file(self.settings, service)

    def pid(self, service: str) -> int | None:
        return read_pid(self.pid_file(service))

    def answers(self) -> bool:
        """A GraphQL request that reads from Neo4j succeeds."""
        try:
            reply = httpx.post(self.api_url, json={"query": PROBE}, timeout=5)
        except httpx.HTTPError:
            return False
        return reply.status_code == 200 and reply.json().get("errors") is None

    def env(self) -> dict[str, str]:
        return run_env(self.settings)

    def log_tail(self) -> str:
        return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-30:])


def run_env(settings: Settings) -> dict[str, str]:
    """The environment of `network run` and of commands pointed at its stack."""
    return {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri,
        "REDIS_URL": settings.redis_url,
        "SMTP_PORT": str(settings.smtp_port),  # its own mail sink, not a developer's on 8025
        "API_PORT": str(settings.api_port),
        "LOCAL_STACK_DIR": str(settings.local_stack_dir),
        "LOCAL_CACHE_DIR": str(settings.local_cache_dir),
        "NEO4J_HEAP_MB": str(settings.neo4j_heap_mb),
        "NEO4J_PAGECACHE_MB": str(settings.neo4j_pagecache_mb),
        "LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",  # log lines reach the file as they are written, for the tests that read it
    }


@pytest.fixture(scope="session")
def network_run() -> Iterator[NetworkRun]:
    base = make_settings()
    settings = make_settings(
        neo4j_uri=f"bolt://127.0.0.1:{free_port()}",
        redis_url=f"redis://127.0.0.1:{free_port()}/0",
        smtp_port=free_port(),
        api_port=free_port(),
        # next to the test stack's own data, reused between runs so that Neo4j need not create its store each time
        local_stack_dir=base.local_stack_dir.resolve() / "faults",
        neo4j_heap_mb=512,
        neo4j_pagecache_mb=64,
    )
    log_file = settings.local_stack_dir / "network-run.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "network.cli.main", "run", "--no-demo"],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=run_env(settings),
        )
    run = NetworkRun(process, settings, log_file)
    try:
        wait_for(lambda: run.answers() or process.poll() is not None, START_TIMEOUT_S, "network run answering GraphQL")
        assert process.poll() is None, f"network run exited with {process.returncode}:\n{run.log_tail()}"
        yield run
    finally:
        _stop(run)


def _stop(run: NetworkRun) -> None:
    """SIGTERM as an operator's supervisor sends it; whatever still runs after that is killed, so nothing leaks."""
    pids = {name: run.pid(name) for name in SERVICES}
    if run.process.poll() is None:
        run.process.send_signal(signal.SIGTERM)
        try:
            run.process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            run.process.kill()
            run.process.wait()
    for pid in pids.values():
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)


SERVICES = ("api", "worker", "neo4j", "redis")
