"""`job_runs.prune`: finished runs older than the retention are deleted in batches; queued and running runs stay."""

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from jobs.tasks.job_runs import PRUNE, prune
from jobs.worker import create_worker
from network.app import open_queue
from network.job_runs import service as job_runs
from network.job_runs.repository import JobRunRepository
from network.kit.database import Database
from network.settings import Settings
from tests.support.worker import run_worker


class Runs:
    """Job runs of one test, in a given status and dated `age_days` back; the fixture deletes what is left."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.ids: list[str] = []

    async def make(self, status: str, age_days: int) -> str:
        run_id = str(uuid.uuid4())
        self.ids.append(run_id)

        async def write(tx: Any) -> None:
            repo = JobRunRepository(tx)
            await repo.create_queued(run_id, "graph.census")
            if status != "QUEUED":
                await repo.mark_running(run_id)
            if status in ("SUCCEEDED", "FAILED"):
                await repo.finish(run_id, status, {})
            await tx.run(
                "MATCH (r:JobRun {id: $id}) WITH r, datetime() - duration({days: $days}) AS then "
                "SET r.queuedAt = then, r.startedAt = CASE WHEN r.startedAt IS NULL THEN null ELSE then END, "
                "r.finishedAt = CASE WHEN r.finishedAt IS NULL THEN null ELSE then END",
                id=run_id,
                days=age_days,
            )

        await self.db.write(write)
        return run_id

    async def left(self) -> set[str]:
        return {run_id for run_id in self.ids if await job_runs.get(self.db, run_id) is not None}


@pytest.fixture
async def runs(db: Database) -> AsyncIterator[Runs]:
    made = Runs(db)
    yield made
    async with db.driver.session(database=db.name) as session:
        await (await session.run("MATCH (r:JobRun) WHERE r.id IN $ids DETACH DELETE r", ids=made.ids)).consume()


async def test_old_finished_runs_go_and_a_second_prune_deletes_nothing(
    db: Database, settings: Settings, runs: Runs
) -> None:
    days = settings.job_run_retention_days
    await runs.make("SUCCEEDED", days + 1)
    await runs.make("FAILED", days + 1)
    kept = {
        await runs.make("SUCCEEDED", days - 1),
        await runs.make("FAILED", days - 1),
        await runs.make("RUNNING", days * 3),
        await runs.make("QUEUED", days * 3),
    }
    ctx = {"db": db, "settings": settings}

    assert (await prune(ctx))["deleted"] >= 2
    assert await runs.left() == kept
    stored = [await job_runs.get(db, run_id) for run_id in sorted(kept)]
    assert await prune(ctx) == {"deleted": 0}  # idempotent
    assert [await job_runs.get(db, run_id) for run_id in sorted(kept)] == stored


async def test_a_backlog_is_deleted_in_batches(db: Database, runs: Runs) -> None:
    for _ in range(5):
        await runs.make("SUCCEEDED", 40)
    assert await job_runs.delete_finished(db, 30, batch=2) >= 5  # three transactions: 2, 2, then 1
    assert await runs.left() == set()


async def test_the_worker_runs_the_prune_it_schedules_hourly(db: Database, settings: Settings, runs: Runs) -> None:
    old = await runs.make("SUCCEEDED", settings.job_run_retention_days + 1)
    scheduled = [job for job in create_worker(settings, burst=True).cron_jobs if job.name == PRUNE]
    assert len(scheduled) == 1 and scheduled[0].minute == {15} and scheduled[0].hour is None
    queue = open_queue(settings)
    try:
        assert await queue.enqueue_job(PRUNE) is not None  # what the cron enqueues at minute 15 of every hour
        await run_worker(settings)
    finally:
        await queue.aclose()
    assert old not in await runs.left()
