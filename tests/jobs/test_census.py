"""The census job end to end: enqueued after its record is committed, run by a burst worker, idempotent."""

from jobs.tasks.census import census
from network.app import open_queue
from network.job_runs import service as job_runs
from network.kit.database import Database
from network.settings import Settings
from tests.support.worker import run_worker


async def test_census_runs_in_the_worker_and_records_counts(db: Database, settings: Settings) -> None:
    queue = open_queue(settings)
    try:
        run_id = await job_runs.enqueue(db, queue, "graph.census")
        assert (await job_runs.get(db, run_id))["status"] == "QUEUED"
        await run_worker(settings)
    finally:
        await queue.aclose()
    run = await job_runs.get(db, run_id)
    assert run["status"] == "SUCCEEDED"
    assert run["counts"]["Tool"] == 73 and run["counts"]["District"] == 12
    assert run["attempts"] == 1 and run["finishedAt"] >= run["startedAt"]


async def test_running_a_finished_census_again_changes_nothing(db: Database, settings: Settings) -> None:
    queue = open_queue(settings)
    try:
        run_id = await job_runs.enqueue(db, queue, "graph.census")
    finally:
        await queue.aclose()
    ctx = {"db": db, "settings": settings}
    first = await census(ctx, run_id)
    finished = await job_runs.get(db, run_id)
    assert first["Tool"] == 73
    assert await census(ctx, run_id) == {}
    assert await job_runs.get(db, run_id) == finished
    # drain what the queue still holds for this run, so later worker tests start empty
    await run_worker(settings)
    assert await job_runs.get(db, run_id) == finished
