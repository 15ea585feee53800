"""Faults on a schedule: SIGKILL one process of the service by its pid, then wait until the service recovered.

Recovered means: a new process of the killed kind runs (after Redis also a worker, which needs it), and a
signed-in read and a profile write through the API both succeed. A fault the service has not recovered from by the
deadline is "not recovered"; when `network run` itself has exited, nothing can come back and the load ends.
"""

import asyncio
import os
import signal
import time
from dataclasses import dataclass, field

import httpx

from bench.soak import documents
from bench.soak.clients import Client, call
from bench.soak.phases import FaultWindow
from bench.soak.schedule import Planned
from bench.soak.service import Service
from bench.soak.waiting import pause

POLL_S = 0.5


@dataclass(frozen=True)
class FaultTimes:
    grace_s: float  # after recovery, failures still count as the fault's
    deadline_s: float  # from injection: later than this, the fault is "not recovered"


@dataclass
class FaultLog:
    windows: list[FaultWindow] = field(default_factory=list)
    killed: dict[str, int] = field(default_factory=dict)  # fault name -> pid killed
    skipped: list[str] = field(default_factory=list)  # faults not injected, and why
    service_exit: str | None = None  # when and how `network run` exited during the load


async def _probe(http: httpx.AsyncClient, probe: Client) -> bool:
    read = await call(http, {"query": documents.ME}, probe.auth)
    if not read.ok:
        return False
    body = {"query": documents.UPDATE_PROFILE, "variables": {"slug": probe.slug, "input": {"bio": "probe"}}}
    return (await call(http, body, probe.auth)).ok


async def _recovered(service: Service, kind: str, killed: int, http: httpx.AsyncClient, probe: Client) -> bool:
    pids = await asyncio.to_thread(service.pids)
    if pids[kind] is None or pids[kind] == killed:
        return False
    if kind == "redis" and pids["worker"] is None:
        return False
    return await _probe(http, probe)


def _exited(service: Service, started: float) -> str | None:
    code = service.process.poll()
    return None if code is None else f"`network run` exited with code {code} by {time.monotonic() - started:.0f} s"


async def inject_faults(
    service: Service,
    planned: list[Planned],
    times: FaultTimes,
    probe: Client,
    started: float,
    stop: asyncio.Event,
    log: FaultLog,
) -> None:
    """Injects each planned fault at its time (never inside the previous fault's window), records its window, and
    sets `stop` when the service is gone for good."""
    timeout = httpx.Timeout(5.0)
    async with httpx.AsyncClient(base_url=service.base_url, timeout=timeout) as http:
        not_before = 0.0
        for fault in planned:
            at = max(fault.at_s, not_before)
            if await pause(stop, started + at - time.monotonic()):
                log.skipped.append(f"{fault.name}: the load had ended")
                continue
            pids = await asyncio.to_thread(service.pids)
            target = pids[fault.kind]
            if target is None:
                log.skipped.append(f"{fault.name}: no {fault.kind} process ran at {time.monotonic() - started:.0f} s")
                continue
            os.kill(target, signal.SIGKILL)
            injected = time.monotonic() - started
            log.killed[fault.name] = target
            recovered = None
            while time.monotonic() - started < injected + times.deadline_s:
                if await _recovered(service, fault.kind, target, http, probe):
                    recovered = time.monotonic() - started
                    break
                await asyncio.sleep(POLL_S)
            closes = (recovered if recovered is not None else injected + times.deadline_s) + times.grace_s
            log.windows.append(FaultWindow(fault.name, fault.kind, injected, recovered, closes))
            not_before = closes
            log.service_exit = log.service_exit or _exited(service, started)
            if recovered is None and log.service_exit:
                await pause(stop, started + closes - time.monotonic())
                stop.set()  # nothing restarts a service whose supervisor is gone
                return


async def watch_exit(service: Service, started: float, stop: asyncio.Event, log: FaultLog) -> None:
    """Notes when `network run` exits during the load (the fault loop decides what that means for the run)."""
    while not stop.is_set() and log.service_exit is None:
        log.service_exit = _exited(service, started)
        await pause(stop, 1.0)
