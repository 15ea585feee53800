"""`network run` supervises what it started: a SIGKILLed API, worker, Redis or Neo4j comes back by itself and the API
answers again, without restarting `network run`; SIGTERM stops every part of it, as Ctrl-C does."""

import os
import signal
import subprocess

import pytest

from network.stack import redis_local
from network.stack.processes import read_pid
from tests.faults.conftest import SERVICES, NetworkRun, wait_for

pytestmark = [pytest.mark.stack, pytest.mark.timeout(600)]

# Seconds until a killed service runs again and the API answers: a restart waits 1 s, then the API needs its start
# (imports, seconds on a busy machine) and Neo4j its own (a JVM, recovery of the store).
BACK_WITHIN_S = {"api": 60, "worker": 30, "redis": 30, "neo4j": 240}


@pytest.mark.parametrize("service", ["worker", "api", "redis", "neo4j"])
def test_a_killed_service_comes_back_and_the_api_answers_again(network_run: NetworkRun, service: str) -> None:
    assert network_run.process.poll() is None, "network run is not running (an earlier test stopped it)"
    killed = network_run.pid(service)
    assert killed is not None, f"no live pid recorded for {service} in {network_run.pid_file(service)}"
    # The worker is left out: it needs Redis, and restarting it is this supervisor's job too.
    others = {name: network_run.pid(name) for name in ("api", "neo4j", "redis") if name != service}
    restarts = _restarts(network_run, service)

    os.kill(killed, signal.SIGKILL)

    # Logged once its start returned, that is once it runs again (and, for Neo4j and Redis, answers).
    took_s = wait_for(
        lambda: _restarts(network_run, service) == restarts + 1, BACK_WITHIN_S[service], f"{service} restarted"
    )
    assert network_run.pid(service) not in (None, killed)
    if service == "redis":
        assert redis_local.answers(network_run.settings)
    wait_for(network_run.answers, BACK_WITHIN_S[service] - took_s + 15, f"GraphQL answering after {service} died")
    assert network_run.process.poll() is None, "network run itself stopped:\n" + network_run.log_tail()
    # The others were left alone: one service's death no longer takes the rest down.
    assert {name: network_run.pid(name) for name in others} == others
    assert network_run.pid("worker") is not None


def test_a_restarting_neo4j_does_not_hold_up_the_other_restarts(network_run: NetworkRun) -> None:
    neo4j, worker = network_run.pid("neo4j"), network_run.pid("worker")
    assert neo4j and worker, "not every part runs before the test"
    worker_restarts = _restarts(network_run, "worker")

    os.kill(neo4j, signal.SIGKILL)
    wait_for(lambda: network_run.pid("neo4j") not in (None, neo4j), 30, "neo4j respawned")
    os.kill(worker, signal.SIGKILL)

    # Neo4j takes tens of seconds to answer again; the worker is restarted meanwhile, not after it.
    wait_for(lambda: _restarts(network_run, "worker") == worker_restarts + 1, 15, "worker restarted")
    wait_for(network_run.answers, BACK_WITHIN_S["neo4j"], "GraphQL answering after neo4j and the worker died")


def test_sigterm_stops_every_part_of_it(network_run: NetworkRun) -> None:
    pids = {name: network_run.pid(name) for name in SERVICES}
    assert all(pids.values()), f"not every part runs before the test: {pids}"

    network_run.process.send_signal(signal.SIGTERM)
    try:
        code = network_run.process.wait(timeout=90)
    except subprocess.TimeoutExpired:
        pytest.fail("network run did not exit within 90 s of SIGTERM:\n" + network_run.log_tail())

    assert code == 0, network_run.log_tail()
    still_running = {name: pid for name, pid in pids.items() if pid is not None and _alive(pid)}
    assert still_running == {}, f"left running after SIGTERM: {still_running}"
    assert all(read_pid(network_run.pid_file(name)) is None for name in SERVICES)
    assert not network_run.answers()


def _restarts(run: NetworkRun, service: str) -> int:
    lines = run.log_file.read_text(errors="replace").splitlines()
    return sum(1 for line in lines if "service restarted" in line and f"service={service}" in line)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # orphans are reaped by init; a zombie left for a moment does not run
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
