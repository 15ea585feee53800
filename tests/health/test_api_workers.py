"""`network api` with API_WORKERS=2: two processes serve one port, each answering GraphQL from the same graph."""

import os
import signal
import subprocess
import sys
import time

import httpx
import psutil

from network.settings import Settings
from tests.jobs.worker_process import worker_env
from tests.support.server import free_port

START_S = 60


def test_two_api_processes_share_the_port_and_answer(live_stack: Settings) -> None:
    port = free_port()
    env = worker_env(live_stack, API_HOST="127.0.0.1", API_PORT=str(port), API_WORKERS="2", LOG_LEVEL="WARNING")
    process = subprocess.Popen([sys.executable, "-m", "network.cli.main", "api"], env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_S
        while True:
            assert process.poll() is None, f"network api exited with {process.returncode}"
            try:
                if httpx.get(f"{base}/health/ready", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "network api did not answer"
            time.sleep(0.3)
        serving = [child for child in psutil.Process(process.pid).children(recursive=True) if "python" in child.name()]
        assert len(serving) >= 2, serving  # the two workers (a spawned helper may come besides)
        # many requests spread over the workers; every one gets the same answer from the graph
        answers = {
            httpx.post(f"{base}/graphql", json={"query": "{ districts { slug } }"}, timeout=10).text for _ in range(20)
        }
        assert len(answers) == 1 and '"slug"' in next(iter(answers))
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
