"""Queue a job run after its record is committed, read runs back (staff), and delete old finished ones."""

import asyncio
import contextlib
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
HEARTBEAT_S = 10.0  # how often a running run records that its worker is alive (the worker passes JOB_LEASE_S / 3)


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


async def fail_stale(db: Database, stale_s: float) -> list[tuple[str, str]]:
    """Marks FAILED the runs whose worker stopped beating for `stale_s`; the (id, kind) of each, logged."""
    failed = await db.write(lambda tx: JobRunRepository(tx).fail_stale(stale_s))
    for run_id, kind in failed:
        log.warning("job run failed: its worker stopped while running it", run_id=run_id, task=kind)
    return failed


async def _beat(db: Database, run_id: str, every_s: float) -> None:
    while True:
        await asyncio.sleep(every_s)
        try:
            await db.write(lambda tx: JobRunRepository(tx).beat(run_id))
        except Exception as error:  # a missed beat is no failure: only a run silent for JOB_RUN_STALE_S is failed
            log.warning("job run heartbeat not recorded", run_id=run_id, error_type=type(error).__name__)


async def run_recorded(
    db: Database,
    run_id: str,
    work: Callable[[], Awaitable[dict[str, Any]]],
    *,
    heartbeat_s: float = HEARTBEAT_S,
) -> dict[str, Any]:
    """Runs a job's work once for its run record: RUNNING, then SUCCEEDED with counts, or FAILED with the reason.

    A run that already finished (arq delivers at least once) is left as it is and its work is not repeated. While
    the work runs, the record gets a heartbeat every `heartbeat_s`, so a run whose worker died is found stale.
    """
    if not await db.write(lambda tx: JobRunRepository(tx).mark_running(run_id)):
        log.info("job run already finished or unknown; nothing to do", run_id=run_id)
        return {}
    beating = asyncio.get_running_loop().create_task(_beat(db, run_id, heartbeat_s))
    try:
        counts = await work()
    except Exception as error:
        reason = f"{type(error).__name__}: {error}"[:500]
        await db.write(lambda tx: JobRunRepository(tx).finish(run_id, "FAILED", {}, reason))
        raise
    finally:
        beating.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await beating
    await db.write(lambda tx: JobRunRepository(tx).finish(run_id, "SUCCEEDED", counts))
    return counts
