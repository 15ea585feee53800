"""Processes a suite runs beside itself on the bench stack: the API server and the worker, each in its own process."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from network.settings import Settings

# Known to the bench only, so the bench can sign tokens the API it started accepts.
BENCH_TOKEN_SECRET = "bench-token-secret-only-for-the-local-bench-stack"
START_TIMEOUT_S = 60


def settings_env(settings: Settings) -> dict[str, str]:
    """The environment that makes a child's `Settings()` talk to the same Neo4j and Redis as `settings`."""
    return {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "NEO4J_DATABASE": settings.neo4j_database,
        "REDIS_URL": settings.redis_url,
        "REFRESH_DEBOUNCE_S": str(settings.refresh_debounce_s),
        "LOG_LEVEL": "WARNING",
        "TOKEN_SECRET": BENCH_TOKEN_SECRET,
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def api_server(settings: Settings, workers: int = 1) -> Iterator[str]:
    """`network api` on a free loopback port (with `workers` uvicorn worker processes); yields its base URL once it
    answers."""
    port = _free_port()
    env = settings_env(settings) | {"API_HOST": "127.0.0.1", "API_PORT": str(port), "API_WORKERS": str(workers)}
    process = subprocess.Popen([sys.executable, "-m", "network.cli.main", "api"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the API process exited with {process.returncode} before it answered")
            try:
                if httpx.get(f"{base}/health/live", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the API did not answer on {base} within {START_TIMEOUT_S} s")
            time.sleep(0.2)
        yield base
    finally:
        _stop(process)


@contextmanager
def worker_process(settings: Settings, log: Path | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """`network worker` running until the block ends; with `log`, its INFO lines go there as JSON."""
    env = settings_env(settings)
    if log is None:
        process = subprocess.Popen([sys.executable, "-m", "network.cli.main", "worker"], env=env)
    else:
        env |= {"LOG_LEVEL": "INFO", "LOG_FORMAT": "json"}
        with log.open("wb") as out:  # the child keeps its own copy of the descriptor
            process = subprocess.Popen(
                [sys.executable, "-m", "network.cli.main", "worker"], env=env, stdout=out, stderr=subprocess.STDOUT
            )
    try:
        yield process
    finally:
        _stop(process)
