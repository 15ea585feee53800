"""Redis SIGKILLed under a running `network worker`: the worker stays up, retries with back-off (one line per
attempt, no traceback), and runs a job enqueued once Redis is back; every job it runs is logged."""

import asyncio
import os
import signal
from pathlib import Path

import pytest

from network.app import open_queue
from network.job_runs import service as job_runs
from network.kit import tasks
from network.kit.database import Database
from network.settings import Settings
from network.stack import redis_local
from network.stack.processes import read_pid
from tests.jobs.worker_process import until, worker_process

pytestmark = pytest.mark.timeout(90)  # a child worker's start takes most of it on a loaded machine


async def _census(db: Database, settings: Settings) -> str:
    queue = open_queue(settings)
    try:
        return await job_runs.enqueue(db, queue, tasks.CENSUS)
    finally:
        await queue.aclose()


async def _succeeded(db: Database, run_id: str) -> bool:
    run = await job_runs.get(db, run_id)
    return run is not None and run["status"] == "SUCCEEDED"


async def test_the_worker_survives_a_killed_redis_and_runs_jobs_once_it_is_back(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    pid_file = redis_local.RedisPaths.of(settings).pid_file
    with worker_process(settings, tmp_path) as worker:
        before = await _census(db, settings)
        await until(lambda: _succeeded(db, before), 45, "the worker ran a job before the fault")

        redis_pid = read_pid(pid_file)
        assert redis_pid is not None, "the test stack's Redis runs from its pid file"
        os.kill(redis_pid, signal.SIGKILL)
        await until(lambda: read_pid(pid_file) is None, 10, "Redis died")
        try:
            await asyncio.sleep(3)  # a few polls without Redis
            assert worker.alive(), worker.output()[-2000:]
        finally:
            assert await asyncio.to_thread(redis_local.start, settings)  # restarted by the stack, as an operator would

        after = await _census(db, settings)
        await until(lambda: _succeeded(db, after), 45, "the worker ran a job enqueued after Redis came back")
        assert worker.alive()

    events = worker.events()
    attempts = [e["attempt"] for e in events if e.get("event") == "Redis unreachable; retrying"]
    assert attempts and attempts == list(range(1, len(attempts) + 1)), attempts  # one line per attempt
    assert len(attempts) <= 10  # back-off, not a flood
    assert any(e.get("event") == "Redis reachable again" and e["attempts"] == len(attempts) for e in events)
    assert "Traceback" not in worker.output()

    started = [e for e in events if e.get("event") == "job started" and e.get("job_id") == after]
    ended = [e for e in events if e.get("event") == "job ended" and e.get("job_id") == after]
    assert len(started) == len(ended) == 1, events
    assert started[0]["task"] == ended[0]["task"] == tasks.CENSUS and started[0]["job_try"] == 1
    assert ended[0]["outcome"] == "succeeded" and ended[0]["duration_s"] >= 0
