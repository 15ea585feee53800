"""The service under test, started as an operator starts it: `network run --no-demo` in a process of its own.

Its pids are found the way the stack knows them: the pid files of the local Neo4j and Redis and those `network run`
writes for its API and worker; when one of the latter has none, the children of `network run` by their command line.
Read afresh each time, so a restarted process is found again.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

from bench.services import settings_env
from network.settings import Settings
from network.stack import stack
from network.stack.neo4j_local import Neo4jPaths
from network.stack.redis_local import RedisPaths

ROLES = ("network run", "api", "worker", "neo4j", "redis")
START_TIMEOUT_S = 300  # Neo4j's first start on a busy machine included
STOP_TIMEOUT_S = 60  # Neo4j alone may take 30 s to stop before it is killed


def alive(pid: int | None) -> bool:
    """A running process (a zombie, killed but not yet reaped, is not)."""
    if pid is None:
        return False
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def pid_in(pid_file: Path) -> int | None:
    """The live pid a pid file names; the file is left as it is (it belongs to the service)."""
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if alive(pid) else None


def _role_of(process: psutil.Process) -> str | None:
    try:
        arguments = process.cmdline()
    except psutil.Error:
        return None
    if not any("network" in part for part in arguments):
        return None
    for role in ("worker", "api"):
        if role in arguments[1:]:
            return role
    return None


@dataclass
class Service:
    settings: Settings
    process: subprocess.Popen[bytes]
    log_file: Path
    seen: dict[str, set[int]] = field(default_factory=dict)  # every pid each role had during the run

    @property
    def base_url(self) -> str:
        return f"http://{self.settings.api_host}:{self.settings.api_port}"

    def pids(self) -> dict[str, int | None]:
        """The live pid of each role now (None: none runs)."""
        found: dict[str, int | None] = {role: None for role in ROLES}
        found["network run"] = self.process.pid if self.process.poll() is None else None
        found["neo4j"] = pid_in(Neo4jPaths.of(self.settings).pid_file)
        found["redis"] = pid_in(RedisPaths.of(self.settings).pid_file)
        for role in ("api", "worker"):
            found[role] = pid_in(stack.process_pid_file(self.settings, role))
        if found["network run"] is not None and (found["api"] is None or found["worker"] is None):
            try:
                children = psutil.Process(self.process.pid).children(recursive=True)
            except psutil.Error:
                children = []
            for child in children:
                child_role = _role_of(child)
                if child_role and found[child_role] is None and alive(child.pid):
                    found[child_role] = child.pid
        for role, pid in found.items():
            if pid is not None:
                self.seen.setdefault(role, set()).add(pid)
        return found

    def answers(self) -> bool:
        try:
            return httpx.get(f"{self.base_url}/health/live", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False


def service_env(settings: Settings) -> dict[str, str]:
    return settings_env(settings) | {
        "API_HOST": settings.api_host,
        "API_PORT": str(settings.api_port),
        "LOCAL_STACK_DIR": str(settings.local_stack_dir),
        "LOCAL_CACHE_DIR": str(settings.local_cache_dir),
        "NEO4J_HEAP_MB": str(settings.neo4j_heap_mb),
        "NEO4J_PAGECACHE_MB": str(settings.neo4j_pagecache_mb),
        "NEO4J_QUERY_TIMEOUT_S": str(settings.neo4j_query_timeout_s),
        # Every client of the soak logs in at once from one machine: the waiting room for password hashes is sized
        # for that, as an operator sizes it for the concurrent log-ins expected (a full one answers BUSY).
        "PASSWORD_HASH_QUEUE": "64",
    }


def start(settings: Settings, log_file: Path) -> Service:
    """`network run --no-demo` on the soak's ports; returns once the API answers."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "network.cli.main", "run", "--no-demo"],
            env=service_env(settings),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: the clean-up can reach every child it left behind
        )
    service = Service(settings, process, log_file)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not service.answers():
        if process.poll() is not None:
            raise RuntimeError(
                f"`network run` exited with {process.returncode} before the API answered; see {log_file}"
            )
        if time.monotonic() > deadline:
            stop(service)
            raise RuntimeError(f"the API did not answer within {START_TIMEOUT_S} s; see {log_file}")
        time.sleep(0.5)
    service.pids()
    return service


@dataclass(frozen=True)
class Stopped:
    running: bool  # whether `network run` still ran when SIGTERM was due
    exited_s: float | None  # how long it took to exit after SIGTERM; None: not within STOP_TIMEOUT_S (or not sent)
    exit_code: int | None
    left_running: list[str]  # "worker (pid 123)": children still running after `network run` exited or gave up


def stop(service: Service) -> Stopped:
    """SIGTERM to `network run`, as a process supervisor sends it; then whatever it left behind is cleaned up."""
    children = {role: pid for role, pid in service.pids().items() if pid is not None and role != "network run"}
    started = time.monotonic()
    exited_s = None
    running = service.process.poll() is None
    if running:
        service.process.send_signal(signal.SIGTERM)
        try:
            service.process.wait(timeout=STOP_TIMEOUT_S)
            exited_s = time.monotonic() - started
        except subprocess.TimeoutExpired:
            pass
    time.sleep(1)  # children stopping on their own get a moment
    left = [f"{role} (pid {pid})" for role, pid in children.items() if alive(pid)]
    _clean_up(service, children)
    return Stopped(running, exited_s, service.process.returncode, left)


def _clean_up(service: Service, children: dict[str, int]) -> None:
    """Kills what this run started and still runs: the group of `network run`, its known children, the stack."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(service.process.pid, signal.SIGKILL)
    if service.process.poll() is None:
        service.process.wait(timeout=10)
    for role, pid in children.items():
        if role in ("api", "worker") and alive(pid):
            os.kill(pid, signal.SIGKILL)
    stack.down(service.settings)  # Neo4j and Redis by their pid files (they run in sessions of their own)
