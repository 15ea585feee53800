"""The facts a reader needs to weigh the figures: hardware, operating system, versions, commit and date."""

import asyncio
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
from pathlib import Path
from typing import Any

import neo4j
import psutil

from network.kit.database import open_driver
from network.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
PEER_PACKAGE = ROOT / "network" / "bench" / "peer" / "node_modules" / "@neo4j" / "graphql" / "package.json"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def git_commit() -> str:
    """The commit, with `+changes` when the working tree differs from it (figures then belong to no commit)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return f"{head}+changes" if dirty else head


def neo4j_server(settings: Settings) -> str:
    """The server's own agent string (e.g. `Neo4j/5.26.0`), asked over Bolt."""

    async def ask() -> str:
        driver = open_driver(settings)
        try:
            return str((await driver.get_server_info()).agent)
        finally:
            await driver.close()

    try:
        return asyncio.run(ask())
    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError) as error:
        return f"unknown ({type(error).__name__})"


def node_versions() -> dict[str, str]:
    """Node and the peer's @neo4j/graphql, when the peer is installed."""
    found: dict[str, str] = {}
    node = shutil.which("node")
    if node:
        found["Node"] = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    if PEER_PACKAGE.exists():
        found["@neo4j/graphql"] = json.loads(PEER_PACKAGE.read_text())["version"]
    return found


def machine_facts(neo4j_version: str, with_node: bool = False) -> dict[str, Any]:
    """Everything for the report's header; `neo4j_version` as a suite asked it while its Neo4j ran."""
    facts: dict[str, Any] = {
        "CPU": cpu_model(),
        "cores": f"{psutil.cpu_count(logical=False)} physical, {psutil.cpu_count()} logical",
        "RAM": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "OS": f"{platform.system()} {platform.release()} ({platform.platform(terse=True)})",
        "Python": platform.python_version(),
        "Neo4j driver": neo4j.__version__,
    }
    facts["Neo4j"] = neo4j_version
    if with_node:
        facts.update(node_versions())
    # Other work on the machine slows every side alike but inflates absolute figures: the reader should know.
    facts["load average (1, 5, 15 min) at the end"] = " / ".join(f"{v:.1f}" for v in os.getloadavg())
    facts["git commit"] = git_commit()
    facts["date"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return facts
