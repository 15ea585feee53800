"""Bounded hashing over real HTTP: a flood of anonymous log-ins from many clients cannot make a real log-in wait
behind it; beyond the hashing slots and their queue, log-ins are refused at once (BUSY) with retry advice.

Run with `-s` to see the measured latencies of a real log-in during the flood, unbounded and bounded.
"""

import json
import secrets
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter

import httpx
import pytest

from network.accounts.passwords import HashingGate
from network.kit.database import Database
from network.settings import Settings
from tests.accounts.conftest import PASSWORD, Emails
from tests.accounts.operations import LOG_IN, SIGN_UP
from tests.support.server import running_api

FLOODERS = 16
ROUNDS = 6  # real log-ins measured during the flood
REAL_CLIENT = f"192.0.2.{secrets.randbelow(250)}"  # the person's own address, apart from the flood's


async def test_the_gate_refuses_at_once_when_slots_and_queue_are_taken() -> None:
    import asyncio

    gate, release = HashingGate(slots=1, queue=1), threading.Event()
    running = [asyncio.create_task(gate.run(release.wait)) for _ in range(2)]
    await asyncio.sleep(0.05)
    assert gate.admitted == 2
    started = time.perf_counter()
    with pytest.raises(Exception, match="busy") as refused:
        await gate.run(lambda: True)
    assert time.perf_counter() - started < 0.05 and refused.value.retry_after_s == 1  # type: ignore[attr-defined]
    release.set()
    await asyncio.gather(*running)
    assert gate.admitted == 0 and await gate.run(lambda: 7) == 7


# An attacker with many addresses, in a process of its own (so the test's threads do not slow the server): FLOODERS
# connections, each request from a new client, for an address nobody has. It prints the codes it was answered with.
FLOOD = """
import asyncio, collections, json, sys, uuid
import httpx

async def main(base, query, flooders, seconds):
    codes = collections.Counter()
    async def one(http):
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds
        while loop.time() < end:
            client = f"198.18.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
            body = {"query": query, "variables": {"email": f"{uuid.uuid4().hex}@example.org", "password": "guess"}}
            answer = (await http.post("/graphql", json=body, headers={"X-Forwarded-For": client})).json()
            codes.update(error["code"] for error in answer["data"]["logIn"]["errors"])
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        await asyncio.gather(*(one(http) for _ in range(flooders)))
    print(json.dumps(codes))

asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])))
"""


def _real_log_ins(base: str, email: str, rounds: int = ROUNDS) -> list[tuple[float, list[str]]]:
    measured = []
    with httpx.Client(base_url=base, timeout=60) as http:
        for _ in range(rounds):
            body = {"query": LOG_IN, "variables": {"email": email, "password": PASSWORD}}
            started = time.perf_counter()
            answer = http.post("/graphql", json=body, headers={"X-Forwarded-For": REAL_CLIENT}).json()
            measured.append((time.perf_counter() - started, [e["code"] for e in answer["data"]["logIn"]["errors"]]))
            time.sleep(0.3)
    return measured


def _under_flood(settings: Settings, email: str) -> tuple[list[tuple[float, list[str]]], Counter[str]]:
    """Real log-ins of `email` while FLOODERS threads flood, and one after it ended (the last measurement); the
    server believes X-Forwarded-For from loopback."""
    proxied = settings.model_copy(update={"trusted_proxies": ["127.0.0.1"]})
    with running_api(proxied) as base:
        sign_up = {"query": SIGN_UP, "variables": {"email": email, "password": PASSWORD}}
        person = {"X-Forwarded-For": REAL_CLIENT}
        answer = httpx.post(f"{base}/graphql", json=sign_up, headers=person, timeout=30).json()
        assert answer["data"]["signUp"]["ok"] is True, answer
        quiet = _real_log_ins(base, email, rounds=2)
        seconds = str(2 + ROUNDS * 0.6)
        flood = subprocess.Popen(
            [sys.executable, "-c", FLOOD, base, LOG_IN, str(FLOODERS), seconds], stdout=subprocess.PIPE, text=True
        )
        try:
            time.sleep(1.5)  # the flood fills the slots
            measured = _real_log_ins(base, email)
            out, _ = flood.communicate(timeout=120)
            measured += _real_log_ins(base, email, rounds=1)
        finally:
            if flood.poll() is None:
                flood.kill()
                flood.wait()
    outcomes = Counter[str](json.loads(out))
    outcomes["quiet p50 ms"] = round(1000 * statistics.median(t for t, _ in quiet))
    return measured, outcomes


def _report(name: str, measured: list[tuple[float, list[str]]], outcomes: Counter[str]) -> str:
    times = sorted(t for t, _ in measured)
    answers = Counter(",".join(codes) or "OK" for _, codes in measured)
    return (
        f"{name}: real log-in p50 {1000 * statistics.median(times):.0f} ms, max {1000 * times[-1]:.0f} ms, "
        f"answers {dict(answers)}; flood answers {dict(outcomes)}"
    )


def test_a_flood_cannot_slow_a_real_log_in(auth_settings: Settings, emails: Emails, db: Database) -> None:
    unbounded = auth_settings.model_copy(update={"password_hash_queue": 1024})
    before, flood_before = _under_flood(unbounded, emails("patient"))
    # One slot and one place in the queue: sixteen flooders fill that on any machine, however slow.
    bounded = auth_settings.model_copy(update={"password_hash_slots": 1, "password_hash_queue": 1})
    after, flood_after = _under_flood(bounded, emails("served"))
    print("\n" + _report("unbounded queue", before, flood_before) + "\n" + _report("bounded", after, flood_after))
    assert flood_after["BUSY"] > 0 and not flood_before["BUSY"]  # only the bounded gate refused part of the flood
    # a real log-in is served, or refused for a second at once; never an error of another kind. Latencies are printed,
    # not asserted: on a shared machine they measure the machine's load as much as the gate.
    assert all(codes in ([], ["BUSY"]) for _, codes in after + before), (before, after)
    assert after[-1][1] == [] and before[-1][1] == [], "the log-in after the flood was not served"
