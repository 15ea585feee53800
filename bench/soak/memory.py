"""Resident memory of the service's processes over the run, sampled with psutil; a restarted process is followed."""

import asyncio
import time
from dataclasses import dataclass, field

import psutil

from bench.soak.service import Service
from bench.soak.waiting import pause


@dataclass(frozen=True)
class Sample:
    at_s: float  # seconds since the load began
    role: str
    pid: int
    rss_mb: float


@dataclass
class MemoryLog:
    samples: list[Sample] = field(default_factory=list)

    def by_role(self) -> dict[str, list[Sample]]:
        found: dict[str, list[Sample]] = {}
        for sample in self.samples:
            found.setdefault(sample.role, []).append(sample)
        return found


def _rss_mb(pid: int) -> float | None:
    try:
        return float(psutil.Process(pid).memory_info().rss) / 2**20
    except psutil.Error:
        return None


async def sample_memory(service: Service, started: float, every_s: float, stop: asyncio.Event, log: MemoryLog) -> None:
    while not stop.is_set():
        pids = await asyncio.to_thread(service.pids)
        now = time.monotonic() - started
        for role, pid in pids.items():
            rss = _rss_mb(pid) if pid is not None else None
            if pid is not None and rss is not None:
                log.samples.append(Sample(now, role, pid, rss))
        await pause(stop, every_s)
