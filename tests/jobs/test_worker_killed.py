"""A worker SIGKILLed during a recompute: the writer lock and the queued job are freed within one lease, and the
run is retried by the next worker, or failed with the reason when it stayed silent past JOB_RUN_STALE_S."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from arq.connections import ArqRedis
from arq.constants import in_progress_key_prefix

from network.job_runs import service as job_runs
from network.kit import freshness, tasks
from network.kit.database import Database
from network.settings import Settings
from tests.jobs.worker_process import LEASE_S, STALE_S, WorkerProcess, until, worker_process
from tests.suggestions.conftest import cypher
from tests.suggestions.helpers import import_parties, peer
from tests.support.cleanup import Slugs
from tests.support.worker import run_worker

pytestmark = pytest.mark.timeout(60)


@asynccontextmanager
async def held(db: Database, slug: str) -> AsyncIterator[None]:
    """Holds a write lock on the association `slug` in an open transaction, so a run that writes a suggestion of it
    waits (a slow recompute, on demand); the transaction is rolled back at the end."""
    async with db.driver.session(database=db.name) as session:
        tx = await session.begin_transaction()
        try:
            await (await tx.run("MATCH (a:Association {slug: $slug}) SET a.heldByTest = true", slug=slug)).consume()
            yield
        finally:
            await tx.rollback()


async def _status(db: Database, run_id: str) -> str | None:
    run = await job_runs.get(db, run_id)
    return run["status"] if run else None


async def _killed_while_writing(db: Database, queue: ArqRedis, worker: WorkerProcess) -> str:
    """Enqueues a recompute, waits until it writes (held up by `held`) under the writer lock, then SIGKILLs the
    worker; the run id."""
    run_id = await job_runs.enqueue(db, queue, tasks.SUGGESTIONS_RECOMPUTE)

    async def writing() -> bool:
        run = await job_runs.get(db, run_id)
        return bool(run and run["status"] == "RUNNING" and str(run.get("stage", "")).startswith("write"))

    await until(writing, 30, "the recompute reached its writes")
    assert await queue.exists(freshness.WRITER_LOCK)
    assert freshness.holder_of(await queue.get(freshness.WRITER_HOLDER), 0)[0] == tasks.SUGGESTIONS_RECOMPUTE
    await asyncio.sleep(LEASE_S)  # held across at least one renewal: the lease is renewed while the run works
    assert await queue.exists(freshness.WRITER_LOCK) and worker.alive()
    worker.kill()
    return run_id


async def _freed_within_a_lease(queue: ArqRedis, run_id: str) -> None:
    freed_s = await until(
        lambda: _gone(queue, freshness.WRITER_LOCK, in_progress_key_prefix + run_id), LEASE_S + 5, "lock freed"
    )
    assert freed_s <= LEASE_S + 1, f"freed after {freed_s:.1f} s, lease {LEASE_S} s"


async def _gone(queue: ArqRedis, *keys: str) -> bool:
    return not await queue.exists(*keys)


async def test_a_killed_recompute_frees_its_lock_within_the_lease_and_the_next_worker_retries_it(
    db: Database, settings: Settings, slugs: Slugs, job_queue: ArqRedis, tmp_path: Path
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b)])
    async with held(db, a):
        with worker_process(settings, tmp_path, "first") as first:
            run_id = await _killed_while_writing(db, job_queue, first)
        await _freed_within_a_lease(job_queue, run_id)
        assert await _status(db, run_id) == "RUNNING"  # not yet stale: a retry may still take it over
    await run_worker(short(settings))  # the next worker takes the job over once its lease ran out
    run = await job_runs.get(db, run_id)
    assert run is not None and run["status"] == "SUCCEEDED" and run["attempts"] == 2, run
    pairs = await cypher(
        db,
        "MATCH (:Association {slug: $a})<-[:FOR|OF]-(s:Suggestion {kind: 'PEER'})-[:FOR|OF]->(:Association {slug: $b})"
        " RETURN count(s) AS n",
        a=a,
        b=b,
    )
    assert pairs == [{"n": 1}]  # the killed try wrote nothing of its held-up batch; the retry wrote it once


async def test_a_killed_run_left_silent_is_failed_with_the_reason_when_a_worker_starts(
    db: Database, settings: Settings, slugs: Slugs, job_queue: ArqRedis, tmp_path: Path
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b)])
    async with held(db, a):
        with worker_process(settings, tmp_path, "first") as first:
            run_id = await _killed_while_writing(db, job_queue, first)
        await _freed_within_a_lease(job_queue, run_id)
        await asyncio.sleep(STALE_S)  # no worker for longer than JOB_RUN_STALE_S
    await run_worker(short(settings))  # its start-up sweep fails the run; the job delivered again finds it finished
    run = await job_runs.get(db, run_id)
    assert run is not None and run["status"] == "FAILED" and run["attempts"] == 1, run
    assert "its worker stopped while running it" in run.get("error", "")
    assert not await job_queue.exists(in_progress_key_prefix + run_id)


async def _done(db: Database, run_id: str) -> bool:
    return await _status(db, run_id) in ("SUCCEEDED", "FAILED")


def short(settings: Settings) -> Settings:
    """The test stack's settings with the child worker's short lease and staleness."""
    return settings.model_copy(update={"job_lease_s": LEASE_S, "job_run_stale_s": STALE_S})
