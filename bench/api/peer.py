"""The peer: the official Neo4j GraphQL library (`@neo4j/graphql`) in a small Node server, over the same Neo4j.

Its packages are installed from the committed lock file (`npm ci`) the first time; the server and its type
definitions are in `bench/peer/`.
"""

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.api.ports import free_port
from network.settings import Settings

FOLDER = Path(__file__).resolve().parents[1] / "peer"
READY = "peer ready on "
START_TIMEOUT_S = 90


class PeerError(RuntimeError):
    """The peer could not be installed or started; the message names the cause."""


def ensure_installed() -> None:
    """Runs `npm ci` when the packages are missing or older than the lock file."""
    installed = FOLDER / "node_modules" / ".package-lock.json"
    if installed.exists() and installed.stat().st_mtime >= (FOLDER / "package-lock.json").stat().st_mtime:
        return
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            raise PeerError(
                f"{tool} is not installed; the GraphQL peer needs Node.js 20 or later. Fix: apt-get install nodejs npm"
            )
    result = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund"], cwd=FOLDER, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-15:])
        raise PeerError(f"npm ci failed in {FOLDER} (is the npm registry reachable?):\n{tail}")


@contextmanager
def peer_process(settings: Settings, log_file: Path) -> Iterator[str]:
    """Serves the peer on a free loopback port until the block ends; yields its base URL."""
    ensure_installed()
    port = free_port()
    env = {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "PEER_PORT": str(port),
    }
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(["node", "server.mjs"], cwd=FOLDER, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while READY not in log_file.read_text(encoding="utf-8", errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise PeerError("the GraphQL peer did not start:\n" + log_file.read_text(errors="replace")[-2000:])
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)
