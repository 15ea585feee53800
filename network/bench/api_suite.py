"""API latency over HTTP on loopback: the API in its own process, a sequential client in this one."""

import os
import random
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from network.bench.timing import Summary
from network.settings import Settings

ASSOCIATION_PAGE = """
query ($slug: String!) {
  association(slug: $slug) {
    slug name description members paidStaff languages
    district { slug name }
    fields { slug label }
    targetGroups { slug }
    tools { proficiency since tool { slug name openSource } }
    considers { slug }
    needs { minLevel priority skill { slug label } }
  }
}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def api_process(settings: Settings) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "NEO4J_URI": settings.neo4j_uri, "REDIS_URL": settings.redis_url,
           "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(), "API_PORT": str(port),
           "LOG_LEVEL": "WARNING", "TOKEN_SECRET": "bench-only-secret-bench-only-secret"}
    process = subprocess.Popen([sys.executable, "-m", "network.cli.main", "api"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/health/live", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def association_page_latency(base: str, slugs: list[str], requests: int, warmup: int, seed: int = 1) -> Summary:
    chosen = random.Random(seed).choices(slugs, k=warmup + requests)
    timings = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for index, slug in enumerate(chosen):
            started = time.perf_counter()
            response = client.post("/graphql", json={"query": ASSOCIATION_PAGE, "variables": {"slug": slug}})
            elapsed = time.perf_counter() - started
            body = response.json()
            if response.status_code != 200 or body.get("errors") or not body["data"]["association"]:
                raise RuntimeError(f"association page for {slug} failed: {response.text[:300]}")
            if index >= warmup:
                timings.append(elapsed)
    return Summary.of(timings)
