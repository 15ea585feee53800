"""The API's read load: a few clients in a closed loop over reads the web client makes (an association's page, a
filtered list, a search: the API suite's requests), each request's latency recorded."""

import asyncio
import random
import time
from dataclasses import dataclass, field

import httpx

from bench.api.inputs import Inputs
from bench.api.requests import our_body
from bench.soak.clients import call

OPERATIONS = ("page", "list", "search")


@dataclass
class ReadLog:
    latencies_s: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)  # outcome kind -> count
    seconds: float = 0.0  # how long the load ran


def _item(inputs: Inputs, operation: str, rng: random.Random) -> object:
    if operation == "page":
        return rng.choice(inputs.page_slugs)
    if operation == "list":
        return rng.choice(inputs.list_filters)
    return rng.choice(inputs.search_words)


async def _client(http: httpx.AsyncClient, inputs: Inputs, seed: int, until: asyncio.Event, log: ReadLog) -> None:
    rng = random.Random(seed)
    while not until.is_set():
        operation = rng.choice(OPERATIONS)
        started = time.perf_counter()
        outcome = await call(http, our_body(operation, _item(inputs, operation, rng)))
        log.latencies_s.append(time.perf_counter() - started)
        if outcome.error is not None:
            log.errors[outcome.error] = log.errors.get(outcome.error, 0) + 1


async def read_load(base_url: str, inputs: Inputs, clients: int, seed: int, until: asyncio.Event) -> ReadLog:
    """Reads until `until` is set; the caller sets it after the phase's time (or earlier, when the phase ends)."""
    log = ReadLog()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits) as http:
        started = time.monotonic()
        await asyncio.gather(*(_client(http, inputs, seed * 100 + i, until, log) for i in range(clients)))
        log.seconds = time.monotonic() - started
    return log
