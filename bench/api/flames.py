"""Flame graphs of our API, one per operation: py-spy samples the server process while a load runs.

They are recorded after every measured cell, so sampling never slows a published figure. Each is an SVG the report
links (open it in a browser: the widest frames are where the time goes).
"""

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import psutil

from bench.api.measure import Target, run_cell

CLIENTS = 8  # enough to keep the server busy, as the load it is measured under
SAMPLES_PER_S = 100


def listening_pid(url: str) -> int:
    """The server that listens on the port of `url`: with worker processes (which share its socket, so the system
    may name any of them), their parent."""
    port = int(url.rsplit(":", 1)[1])
    for connection in psutil.net_connections(kind="tcp"):
        if connection.laddr and connection.laddr.port == port and connection.status == "LISTEN" and connection.pid:
            process = psutil.Process(connection.pid)
            parent = process.parent()
            if parent is not None and any("multiprocessing" in part for part in process.cmdline()):
                return int(parent.pid)
            return int(process.pid)
    raise RuntimeError(f"no process listens on port {port}")


def server_rss_mib(pid: int) -> list[float]:
    """The resident memory of a server's worker processes (of the process itself when it has none), in MiB."""
    process = psutil.Process(pid)
    # uvicorn's workers are spawned children; multiprocessing's resource tracker is a child too, but serves nothing
    workers = [child for child in process.children() if "spawn_main" in " ".join(child.cmdline())] or [process]
    return [worker.memory_info().rss / 2**20 for worker in workers]


def py_spy() -> str | None:
    found = Path(sys.executable).with_name("py-spy")
    return str(found) if found.exists() else shutil.which("py-spy")


def record_flames(
    pid: int, plan: dict[str, tuple[Target, list[Any]]], seconds: float, folder: Path
) -> tuple[dict[str, str], list[str]]:
    """Per operation of `plan` (how our API is reached for it, and its requests): the flame graph's file name in
    `folder`; and what could not be recorded, and why."""
    spy = py_spy()
    if spy is None:
        return {}, ["No flame graphs: py-spy is not installed (it comes with the bench dependencies)."]
    written, problems = {}, []
    for operation, (target, requests) in plan.items():
        name = f"flame-{operation}.svg"
        command = [spy, "record", "--pid", str(pid), "--rate", str(SAMPLES_PER_S), "--duration", str(round(seconds))]
        sampler = subprocess.Popen(
            [*command, "--output", str(folder / name)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        run_cell(target, operation, requests, CLIENTS, warmup_s=0.0, window_s=seconds, windows=1)
        _, error = sampler.communicate(timeout=seconds + 60)
        if sampler.returncode == 0 and (folder / name).exists():
            written[operation] = name
        else:  # py-spy needs to trace the process: a container without ptrace refuses it
            problems.append(f"No flame graph of {operation}: py-spy said {error.strip()[-300:]!r}")
    return written, problems
