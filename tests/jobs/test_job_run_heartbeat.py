"""Job runs beat while they run; the sweep fails RUNNING runs whose heartbeat went stale, and only those."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from jobs.tasks.job_runs import SWEEP, sweep
from jobs.worker import create_worker
from network.job_runs import service as job_runs
from network.job_runs.repository import JobRunRepository
from network.kit.database import Database
from network.settings import Settings


@pytest.fixture
async def run_ids(db: Database) -> AsyncIterator[list[str]]:
    made: list[str] = []
    yield made
    async with db.driver.session(database=db.name) as session:
        await (await session.run("MATCH (r:JobRun) WHERE r.id IN $ids DETACH DELETE r", ids=made)).consume()


async def _running(db: Database, run_ids: list[str], silent_s: float) -> str:
    """A RUNNING run whose last heartbeat was `silent_s` ago."""
    run_id = str(uuid.uuid4())
    run_ids.append(run_id)

    async def write(tx: Any) -> None:
        await JobRunRepository(tx).create_queued(run_id, "suggestions.recompute")
        await JobRunRepository(tx).mark_running(run_id)
        await tx.run(
            "MATCH (r:JobRun {id: $id}) SET r.heartbeatAt = datetime() - duration({milliseconds: $ms})",
            id=run_id,
            ms=int(silent_s * 1000),
        )

    await db.write(write)
    return run_id


async def test_the_sweep_fails_only_runs_whose_heartbeat_is_stale(
    db: Database, settings: Settings, run_ids: list[str]
) -> None:
    stale = await _running(db, run_ids, settings.job_run_stale_s + 5)
    alive = await _running(db, run_ids, settings.job_run_stale_s - 30)
    ctx = {"db": db, "settings": settings}

    assert (await sweep(ctx))["failed"] >= 1
    failed, running = await job_runs.get(db, stale), await job_runs.get(db, alive)
    assert failed is not None and failed["status"] == "FAILED" and "finishedAt" in failed
    assert failed.get("error", "").startswith("its worker stopped while running it (no heartbeat since ")
    assert running is not None and running["status"] == "RUNNING"
    await sweep(ctx)
    assert await job_runs.get(db, stale) == failed  # a failed run is never swept again
    assert (await job_runs.get(db, alive) or {}).get("status") == "RUNNING"


async def test_a_run_beats_while_its_work_runs_and_stops_when_it_ends(db: Database, run_ids: list[str]) -> None:
    run_id = str(uuid.uuid4())
    run_ids.append(run_id)
    await job_runs.record(db, run_id, "graph.census")
    beats: list[Any] = []

    async def work() -> dict[str, Any]:
        for _ in range(3):
            await asyncio.sleep(0.35)
            run = await job_runs.get(db, run_id)
            assert run is not None
            beats.append(run["heartbeatAt"])
        return {"beats": len(beats)}

    assert await job_runs.run_recorded(db, run_id, work, heartbeat_s=0.1) == {"beats": 3}
    assert beats[0] < beats[1] < beats[2]  # renewed while the work ran
    finished = await job_runs.get(db, run_id)
    await asyncio.sleep(0.3)
    assert finished is not None and finished["status"] == "SUCCEEDED"
    assert await job_runs.get(db, run_id) == finished  # no beat after the end


def test_the_worker_sweeps_every_minute(settings: Settings) -> None:
    scheduled = [job for job in create_worker(settings, burst=True).cron_jobs if job.name == SWEEP]
    assert len(scheduled) == 1 and scheduled[0].second == {7} and scheduled[0].minute is None
