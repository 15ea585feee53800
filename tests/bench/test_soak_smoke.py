"""The soak: its pure parts (outcomes, phases, the schedule, the read-back rule) directly, then a short run of
`network run --no-demo` on tiny data with 4 clients while Redis, the worker and the API are SIGKILLed.

The smoke's service gets its own ports and folder (TEST_SOAK_NEO4J_URI, TEST_SOAK_REDIS_URL, TEST_SOAK_API_PORT;
default 17797, 16489, 18097), because `network run` starts and owns its Neo4j and Redis.
"""

import json
import os
from pathlib import Path

import httpx
import pytest

from bench.machine import machine_facts
from bench.options import RunOptions
from bench.report import write_report
from bench.soak.clients import MIX, Client, Write
from bench.soak.options import SoakOptions
from bench.soak.outcome import classify, of_exception
from bench.soak.phases import FaultWindow, Record, failures_outside, phase_of, summarise
from bench.soak.readback import allowed_bios
from bench.soak.results import PASS, RULES
from bench.soak.schedule import plan
from bench.soak.suite import run_soak
from network.settings import Settings
from tests.bench.conftest import TINY
from tests.support.settings import make_settings

SMOKE_FAULTS = ("redis", "worker", "api")  # the cheap ones: Neo4j's restart alone would take the smoke's time


def test_outcome_kinds_name_the_status_the_code_and_the_transport() -> None:
    assert classify(200, '{"data": {"me": null}}').ok
    assert classify(503, "busy").error == "HTTP 503"
    coded = '{"data": null, "errors": [{"message": "down", "extensions": {"code": "UNAVAILABLE"}}]}'
    assert classify(200, coded).error == "GraphQL UNAVAILABLE"
    masked = '{"data": null, "errors": [{"message": "Unexpected error"}]}'
    assert classify(200, masked).error == "GraphQL UNEXPECTED"
    payload = '{"data": {"logIn": {"token": null, "errors": [{"field": null, "code": "NOT_PERMITTED"}]}}}'
    assert classify(200, payload).error == "payload NOT_PERMITTED"
    assert classify(200, "<html>").error == "HTTP 200 not JSON"
    assert of_exception(httpx.ReadTimeout("slow")).error == "timeout"
    assert of_exception(httpx.ConnectError("refused")).error == "connection"
    with pytest.raises(ValueError):
        of_exception(ValueError("a bug of the load, not an outcome"))


def test_phases_window_overlap_and_failures_outside() -> None:
    window = FaultWindow("redis #1", "redis", injected=10.0, recovered=12.0, closes=15.0)
    lost = FaultWindow("api #1", "api", injected=30.0, recovered=None, closes=40.0)
    records = [
        Record("a", 1.0, 2.0, None),
        Record("a", 9.0, 10.5, "connection"),  # started before the kill, answered after: the fault's
        Record("a", 14.9, 16.0, None),
        Record("a", 20.0, 20.5, "timeout"),  # between windows: a failure outside
        Record("a", 41.0, 41.1, "connection"),  # after the deadline of a fault never recovered from
    ]
    windows = [window, lost]
    assert [phase_of(r, windows) for r in records] == [
        "before",
        "redis #1",
        "redis #1",
        "after redis #1",
        "after api #1",
    ]
    assert failures_outside(records, windows) == [records[3], records[4]]
    assert window.recovery_s == 2.0 and lost.recovery_s is None
    before, in_redis, after, _ = summarise(records, windows)
    assert (before.phase, before.requests, before.errors, before.p50_ms) == ("before", 1, 0, 1000.0)
    assert in_redis.errors_by_kind == {"connection": 1} and in_redis.p99_ms == 1500.0
    assert after.errors_by_kind == {"timeout": 1}


def test_schedule_spreads_faults_over_the_middle_and_refuses_unknown_kinds() -> None:
    planned = plan(600, ("neo4j", "redis", "worker", "api"))
    assert [p.name for p in planned] == ["neo4j #1", "redis #1", "worker #1", "api #1"]
    assert [p.at_s for p in planned] == pytest.approx([90, 210, 330, 450])
    assert [p.name for p in plan(100, ("api", "api"))] == ["api #1", "api #2"]
    assert plan(100, ()) == []
    with pytest.raises(ValueError, match="unknown disk"):
        plan(100, ("disk",))


def test_a_profile_may_show_its_last_acknowledged_write_or_a_later_unanswered_one() -> None:
    client = Client(0, "a@example.org", "x" * 12, "soak-0", "token")
    assert allowed_bios(client) is None
    client.writes += [Write("one", True), Write("two", True), Write("three", False)]
    assert allowed_bios(client) == {"two", "three"}
    client.writes.append(Write("four", True))
    assert allowed_bios(client) == {"four"}


@pytest.fixture
def soak_settings() -> Settings:
    test_dir = make_settings().local_stack_dir
    return make_settings(
        neo4j_uri=os.environ.get("TEST_SOAK_NEO4J_URI", "bolt://127.0.0.1:17797"),
        redis_url=os.environ.get("TEST_SOAK_REDIS_URL", "redis://127.0.0.1:16489/0"),
        api_port=int(os.environ.get("TEST_SOAK_API_PORT", "18097")),
        local_stack_dir=test_dir.with_name(f"{test_dir.name}-soak"),
        neo4j_heap_mb=512,
        neo4j_pagecache_mb=64,
    )


@pytest.mark.timeout(900)  # about 90 s on an idle two-core machine; Neo4j's start is most of the rest
def test_soak_smoke_survives_redis_worker_and_api_kills(
    soak_settings: Settings, data_folder: Path, tmp_path: Path
) -> None:
    options = SoakOptions(
        duration_s=40,
        clients=4,
        scale=TINY,
        seed=7,
        faults=SMOKE_FAULTS,
        grace_s=3,
        recovery_deadline_s=30,
        memory_every_s=2,
        suggestions_wait_s=5,
    )
    result = run_soak(soak_settings, data_folder, tmp_path, options)
    report, raw = write_report(
        [result], machine_facts(result.raw["neo4j_server"]), RunOptions(scales=(TINY,)), tmp_path
    )

    assert [t.title.split(" (")[0] for t in result.tables] == [
        "Rules",
        "Requests by phase",
        "Faults",
        "Errors by kind",
        "Requests by operation",
        "Resident memory",
    ]
    rules, phases, faults, _, operations, memory = result.tables
    verdicts = {row[0]: (row[1], row[2]) for row in rules.rows}
    assert list(verdicts) == list(RULES)
    assert all(verdict == PASS for verdict, _ in verdicts.values()), verdicts
    assert [row[0] for row in faults.rows] == [f"{kind} #1" for kind in SMOKE_FAULTS]
    for _, pid, injected, recovered, to_recover, closes in faults.rows:
        assert int(pid) > 0 and injected < recovered < closes and 0 < to_recover <= options.recovery_deadline_s
    names = [f"{kind} #1" for kind in SMOKE_FAULTS]
    order = ["before"] + [phase for name in names for phase in (name, f"after {name}")]
    assert set(names) <= {row[0] for row in phases.rows}
    assert [row[0] for row in phases.rows] == [phase for phase in order if phase in {r[0] for r in phases.rows}]
    assert result.raw["requests"] == sum(row[1] for row in phases.rows) > 0
    assert {row[0] for row in operations.rows} <= set(MIX) and {"profile write", "log-in"} <= {
        r[0] for r in operations.rows
    }
    assert result.raw["read_back"]["writes_acknowledged"] > 0 and result.raw["read_back"]["lost"] == []
    # Every killed process came back as a new one, and memory was sampled for each of them.
    sampled = {(row[0], int(row[1])) for row in memory.rows}
    for kind in SMOKE_FAULTS:
        assert len({pid for role, pid in sampled if role == kind}) >= 2, (kind, sampled)
    assert {"network run", "neo4j"} <= {role for role, _ in sampled}
    shutdown = result.raw["shutdown"]
    assert shutdown["running"] and shutdown["exited_s"] is not None and shutdown["left_running"] == []

    assert "## Soak suite" in report.read_text() and "**Rules**" in report.read_text()
    [suite] = json.loads(raw.read_text())["suites"]
    assert suite["name"] == "soak" and set(suite["raw"]["rules"]) == set(RULES)
