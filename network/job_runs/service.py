"""Queue a job run after its record is committed, read runs back (staff), and delete old finished ones."""

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from arq.connections import ArqRedis

from network.job_runs.repository import JobRunRepository, JobRunRow
from network.kit import tasks
from network.kit.authorisation import Viewer, may_read_job_runs, require_staff
from network.kit.database import Database
from network.kit.errors import NetworkError

log = structlog.get_logger(__name__)
DELETE_BATCH = 1000  # runs deleted per transaction, so a long backlog never makes one huge transaction


async def enqueue(db: Database, queue: ArqRedis, function: str, *args: Any) -> str:
    """Records a QUEUED run, commits, then enqueues `function(run_id, *args)` with the run id as arq's job id."""
    run_id = str(uuid.uuid4())
    await db.write(lambda tx: JobRunRepository(tx).create_queued(run_id, function))
    try:
        job = await queue.enqueue_job(function, run_id, *args, _job_id=run_id)
    except Exception as error:
        reason = f"could not enqueue: {error}"
        await db.write(lambda tx: JobRunRepository(tx).finish(run_id, "FAILED", {}, reason))
        raise NetworkError("The job queue (Redis) is not reachable; the job was not started.") from error
    if job is None:  # arq refuses a job id it already has; with a fresh uuid that means Redis lost state
        raise NetworkError(f"The queue already holds a job {run_id}.")
    return run_id


async def record(db: Database, run_id: str, function: str) -> None:
    """Records a run that the worker started itself (a schedule, a debounced refresh) as QUEUED, once."""
    await db.write(lambda tx: JobRunRepository(tx).create_queued(run_id, function))


async def get(db: Database, run_id: str) -> JobRunRow | None:
    return await db.read(lambda tx: JobRunRepository(tx).get(run_id))


async def visible_run(db: Database, viewer: Viewer, run_id: str) -> JobRunRow | None:
    """A run as staff follow it; None for everyone else."""
    return await get(db, run_id) if may_read_job_runs(viewer) else None


async def start_recompute(db: Database, queue: ArqRedis, viewer: Viewer) -> JobRunRow:
    """Staff start a full recompute in the worker; the run record, QUEUED, to follow it by."""
    require_staff(viewer, "Only programme staff start recomputes and read job runs.")
    run_id = await enqueue(db, queue, tasks.SUGGESTIONS_RECOMPUTE)
    row = await get(db, run_id)
    assert row is not None  # written before it was enqueued
    return row


async def delete_finished(db: Database, days: int, batch: int = DELETE_BATCH) -> int:
    """Deletes the runs that finished more than `days` ago, one transaction per `batch`; returns how many."""
    deleted = 0
    while True:
        done = await db.write(lambda tx: JobRunRepository(tx).delete_finished(days, batch))
        deleted += done
        if done < batch:
            return deleted


async def run_recorded(db: Database, run_id: str, work: Callable[[], Awaitable[dict[str, Any]]]) -> dict[str, Any]:
    """Runs a job's work once for its run record: RUNNING, then SUCCEEDED with counts, or FAILED with the reason.

    A run that already finished (arq delivers at least once) is left as it is and its work is not repeated.
    """
    if not await db.write(lambda tx: JobRunRepository(tx).mark_running(run_id)):
        log.info("job run already finished or unknown; nothing to do", run_id=run_id)
        return {}
    try:
        counts = await work()
    except Exception as error:
        reason = f"{type(error).__name__}: {error}"[:500]
        await db.write(lambda tx: JobRunRepository(tx).finish(run_id, "FAILED", {}, reason))
        raise
    await db.write(lambda tx: JobRunRepository(tx).finish(run_id, "SUCCEEDED", counts))
    return counts
