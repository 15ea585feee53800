"""The load process: N clients in a closed loop against one side, in a process apart from every server.

Run as `python -m bench.api.load SPEC.json`; prints one JSON object with the latencies of each measured
window. After one warm-up, `windows` windows of `window_s` follow back to back; a request started after the warm-up
counts in the window it finished in. A refused or failed one counts as an error (with its first message), never as
a latency.
"""

import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
from neo4j import AsyncGraphDatabase, AsyncManagedTransaction

Send = Callable[[Any], Awaitable[str | None]]  # sends one request; returns an error message or None


@dataclass
class Tally:
    windows: list[list[float]]
    errors: int = 0
    first_error: str | None = None


def answer_error(response: httpx.Response) -> str | None:
    """Why a GraphQL answer is not a success: an HTTP status, top-level errors, or a payload's typed errors."""
    if response.status_code != 200:
        return f"HTTP {response.status_code}: {response.text[:300]}"
    body = response.json()
    if body.get("errors") or not body.get("data"):
        return json.dumps(body.get("errors"))[:300]
    for value in body["data"].values():
        if isinstance(value, dict) and value.get("errors"):
            return json.dumps(value["errors"])[:300]
    return None


async def _worker(
    index: int, send: Send, requests: list[Any], concurrency: int, warm_until: float, window_s: float, tally: Tally
) -> None:
    position = index
    end = warm_until + window_s * len(tally.windows)
    while time.perf_counter() < end:
        request = requests[position % len(requests)]
        position += concurrency
        started = time.perf_counter()
        try:
            error = await send(request)
        except Exception as caught:  # any failure of a side is a measured error, not a crash of the load
            error = f"{type(caught).__name__}: {caught}"
        finished = time.perf_counter()
        if started < warm_until or finished >= end:
            continue
        window = int((finished - warm_until) // window_s)
        if error is None:
            tally.windows[window].append(finished - started)
        else:
            tally.errors += 1
            tally.first_error = tally.first_error or error


async def _drive(send: Send, spec: dict[str, Any]) -> Tally:
    tally = Tally(windows=[[] for _ in range(int(spec["windows"]))])
    concurrency = int(spec["concurrency"])
    warm_until = time.perf_counter() + float(spec["warmup_s"])
    await asyncio.gather(
        *(
            _worker(i, send, spec["requests"], concurrency, warm_until, float(spec["window_s"]), tally)
            for i in range(concurrency)
        )
    )
    return tally


async def _over_http(spec: dict[str, Any]) -> Tally:
    limits = httpx.Limits(max_connections=spec["concurrency"], max_keepalive_connections=spec["concurrency"])
    async with httpx.AsyncClient(
        base_url=spec["url"], headers=spec.get("headers", {}), limits=limits, timeout=60
    ) as client:

        async def send(body: dict[str, Any]) -> str | None:
            return answer_error(await client.post("/graphql", json=body))

        return await _drive(send, spec)


async def _over_driver(spec: dict[str, Any]) -> Tally:
    db = spec["neo4j"]
    async with AsyncGraphDatabase.driver(
        db["uri"], auth=(db["user"], db["password"]), max_connection_pool_size=max(spec["concurrency"], 8)
    ) as driver:

        async def send(call: dict[str, Any]) -> str | None:
            async def work(tx: AsyncManagedTransaction) -> list[dict[str, Any]]:
                return await (await tx.run(call["statement"], call["parameters"])).data()

            async with driver.session(database=db["database"]) as session:
                run = session.execute_write if call["write"] else session.execute_read
                rows = await run(work)
            return None if rows or call["write"] else "no rows"

        return await _drive(send, spec)


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as file:
        spec = json.load(file)
    tally = asyncio.run(_over_driver(spec) if spec["kind"] == "floor" else _over_http(spec))
    json.dump({"windows": tally.windows, "errors": tally.errors, "first_error": tally.first_error}, sys.stdout)


if __name__ == "__main__":
    main()
