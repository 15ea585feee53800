"""The soak end to end: `network run --no-demo` on a fresh data folder, the data set loaded into it, N clients over
the mix for the chosen duration while faults are injected on the schedule, then every acknowledged write read back
and the service stopped with SIGTERM, as a process supervisor stops it."""

import asyncio
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.api.inputs import Inputs
from bench.data import dataset_file
from bench.machine import neo4j_server
from bench.options import Progress, quiet
from bench.results import SuiteResult
from bench.soak.clients import Client, Tally, client_loop
from bench.soak.faults import FaultLog, FaultTimes, inject_faults, watch_exit
from bench.soak.memory import MemoryLog, sample_memory
from bench.soak.options import SoakOptions
from bench.soak.prepare import create_profiles, load_data, make_accounts, wait_for_suggestions
from bench.soak.readback import ReadBack, read_back
from bench.soak.results import soak_result
from bench.soak.schedule import plan
from bench.soak.service import Service, Stopped, start, stop
from bench.soak.waiting import pause
from network.settings import Settings
from network.stack import stack

PROGRESS_EVERY_S = 1.0
AFTER_LOAD_WAIT_S = 30.0  # for the API to answer before the read-back


@dataclass
class Measured:
    tally: Tally
    faults: FaultLog
    memory: MemoryLog
    load_s: float = 0.0  # how long the load ran (shorter than asked when the service was gone for good)
    with_suggestions: int = 0  # clients the worker had proposed mentees to before the load
    notes: list[str] = field(default_factory=list)


def run_soak(
    settings: Settings, data_folder: Path, output: Path, options: SoakOptions, progress: Progress = quiet
) -> SuiteResult:
    output.mkdir(parents=True, exist_ok=True)
    data_file = dataset_file(data_folder, options.scale, options.seed)
    stack.down(settings)  # a leftover of an earlier soak, found by its pid files
    shutil.rmtree(settings.local_stack_dir, ignore_errors=True)
    progress("soak: start `network run`", 0, 1)
    started = time.monotonic()
    service = start(settings, output / "service.log")
    startup_s = time.monotonic() - started
    progress("soak: start `network run`", 1, 1)
    shutdown: Stopped | None = None
    check: Service | None = None
    try:
        progress("soak: load data and match", 0, 1)
        inputs = load_data(settings, data_file, options.seed)
        accounts = make_accounts(settings, options.clients + 1)
        server = neo4j_server(settings)
        progress("soak: load data and match", 1, 1)
        clients, probe = accounts[:-1], accounts[-1]
        measured = asyncio.run(_measure(service, inputs, clients, probe, options, progress))
        if not _answers_within(service, AFTER_LOAD_WAIT_S):
            # The durability of what was acknowledged is a question apart from supervision: ask a fresh service.
            shutdown = stop(service)
            measured.notes.append(
                "The service did not answer after the load, so every acknowledged write was read back from a "
                "`network run` started again on the same data folder."
            )
            check = start(settings, output / "service.log")
        readback = asyncio.run(_read_back(check or service, clients, options))
    finally:
        if shutdown is None:
            shutdown = stop(service)
        if check is not None:
            stop(check)
    return soak_result(options, measured, readback, shutdown, startup_s, server, service)


async def _measure(
    service: Service, inputs: Inputs, clients: list[Client], probe: Client, options: SoakOptions, progress: Progress
) -> Measured:
    limits = httpx.Limits(max_connections=options.clients + 4, max_keepalive_connections=options.clients + 4)
    async with httpx.AsyncClient(base_url=service.base_url, timeout=options.request_timeout_s, limits=limits) as http:
        await create_profiles(http, [*clients, probe], options.seed)
        with_suggestions = await wait_for_suggestions(http, clients, options.suggestions_wait_s)
        began = time.monotonic()
        halt = asyncio.Event()
        measured = Measured(Tally(began), FaultLog(), MemoryLog(), with_suggestions=with_suggestions)
        times = FaultTimes(options.grace_s, options.recovery_deadline_s)
        loads = [asyncio.create_task(client_loop(http, c, inputs, options.seed, halt, measured.tally)) for c in clients]
        beside = [
            asyncio.create_task(
                inject_faults(
                    service, plan(options.duration_s, options.faults), times, probe, began, halt, measured.faults
                )
            ),
            asyncio.create_task(watch_exit(service, began, halt, measured.faults)),
            asyncio.create_task(sample_memory(service, began, options.memory_every_s, halt, measured.memory)),
        ]
        while not halt.is_set() and time.monotonic() - began < options.duration_s:
            progress("soak: load and faults", int(time.monotonic() - began), int(options.duration_s))
            await pause(halt, PROGRESS_EVERY_S)
        halt.set()
        await asyncio.gather(*loads)
        measured.load_s = time.monotonic() - began
        await asyncio.gather(*beside)
        progress("soak: load and faults", int(options.duration_s), int(options.duration_s))
    return measured


def _answers_within(service: Service, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not service.answers():
        if time.monotonic() > deadline:
            return False
        time.sleep(1)
    return True


async def _read_back(service: Service, clients: list[Client], options: SoakOptions) -> ReadBack:
    async with httpx.AsyncClient(base_url=service.base_url, timeout=options.request_timeout_s) as http:
        return await read_back(http, clients)
