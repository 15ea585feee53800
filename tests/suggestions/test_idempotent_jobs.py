"""Every suggestion job twice: the same arq job delivered again, or the job run again, leaves the same graph."""

import datetime as dt
from typing import Any

from arq.connections import ArqRedis

from jobs.tasks.suggestions import nightly, recompute, refresh
from network.job_runs import service as job_runs
from network.job_runs.progress import RunProgress
from network.kit import freshness
from network.kit.database import Database
from network.settings import Settings
from network.suggestions.recompute import overall, recompute_all
from tests.suggestions.conftest import cypher
from tests.suggestions.helpers import forget_refreshes, import_parties, peer, snapshot, volunteer
from tests.support.cleanup import Slugs
from tests.transfer.builders import make_association


def _ctx(db: Database, redis: ArqRedis, settings: Settings, job_id: str) -> dict[str, Any]:
    """What arq hands a job: the same for both deliveries of one job."""
    return {
        "db": db,
        "redis": redis,
        "settings": settings,
        "job_id": job_id,
        "job_try": 1,
        "enqueue_time": dt.datetime(2026, 11, 28, 3, 0, tzinfo=dt.UTC),
    }


async def test_a_rerun_on_unchanged_data_writes_nothing(db: Database, slugs: Slugs) -> None:
    await import_parties(
        db, [peer(slugs("a")), peer(slugs("b")), make_association(slugs("m"))], [volunteer(slugs("v"))]
    )
    await recompute_all(db)
    stamps = await cypher(
        db,
        "MATCH (s:Suggestion) WHERE s.kind IN ['PEER', 'MENTORING'] RETURN s.id AS id, s.computedAt AS at ORDER BY id",
    )
    before = await snapshot(db)
    again = await recompute_all(db)
    assert (again.created, again.updated, again.dropped) == (0, 0, 0)
    assert again.unchanged == again.peer + again.mentoring > 0
    assert await snapshot(db) == before
    assert (
        await cypher(
            db,
            "MATCH (s:Suggestion) WHERE s.kind IN ['PEER', 'MENTORING'] "
            "RETURN s.id AS id, s.computedAt AS at ORDER BY id",
        )
        == stamps
    )


async def test_the_recompute_job_delivered_twice_runs_once(
    db: Database, slugs: Slugs, job_queue: ArqRedis, settings: Settings
) -> None:
    await import_parties(db, [peer(slugs("a")), peer(slugs("b"))])
    run_id = await job_runs.enqueue(db, job_queue, "suggestions.recompute")
    await job_queue.delete(f"arq:job:{run_id}")  # delivered by hand below, not by a worker
    await job_queue.zrem("arq:queue", run_id)
    ctx = _ctx(db, job_queue, settings, run_id)
    first = await recompute(ctx, run_id)
    after_first, finished = await snapshot(db), await job_runs.get(db, run_id)
    assert first["peer"] >= 1 and finished is not None and finished["status"] == "SUCCEEDED"
    assert await recompute(ctx, run_id) == {}
    assert await snapshot(db) == after_first
    assert await job_runs.get(db, run_id) == finished


async def test_the_refresh_job_delivered_twice_runs_once(
    db: Database, slugs: Slugs, job_queue: ArqRedis, settings: Settings
) -> None:
    await forget_refreshes(job_queue)
    a = slugs("a")
    await import_parties(db, [peer(a), peer(slugs("b"))])
    generation = int(await job_queue.get(freshness.GENERATION) or 0)
    assert await freshness.parties_changed(job_queue, 60, [a])
    await forget_refreshes(job_queue)  # the queued job goes; the pending change stays for the deliveries below
    await job_queue.sadd(freshness.PENDING, a)
    # without the live applier, so the refresh writes peer suggestions too
    ctx = _ctx(
        db, job_queue, settings.model_copy(update={"live_suggestions": False}), f"{freshness.REFRESH}:{generation}"
    )
    # a delivery that died after taking the changes: the next delivery of the generation gets them back
    assert await freshness.take_pending(job_queue, generation) == [a]
    first = await refresh(ctx, generation)
    assert first["changed"] == 1 and first["peer"] >= 1
    after_first = await snapshot(db)
    assert await refresh(ctx, generation) == {"changed": 0}
    assert await snapshot(db) == after_first
    assert int(await job_queue.get(freshness.GENERATION) or 0) == generation + 1


async def test_the_nightly_job_delivered_twice_is_one_recorded_run(
    db: Database, slugs: Slugs, job_queue: ArqRedis, settings: Settings
) -> None:
    await import_parties(
        db, [peer(slugs("a")), peer(slugs("b")), make_association(slugs("m"))], [volunteer(slugs("v"))]
    )
    ctx = _ctx(db, job_queue, settings, f"cron:suggestions.nightly:{slugs.prefix}")
    first = await nightly(ctx)
    assert first["peer"] >= 1 and first["mentoring"] >= 1 and "invites" in first
    after_first = await snapshot(db)
    assert await nightly(ctx) == {}
    assert await snapshot(db) == after_first
    runs = await cypher(
        db,
        "MATCH (r:JobRun {kind: 'suggestions.nightly'}) WHERE r.counts CONTAINS $mark "
        "RETURN r.status AS status, r.progress AS progress, r.stage AS stage",
        mark='"invites"',
    )
    assert {"status": "SUCCEEDED", "progress": 1.0, "stage": "write mentoring"} in runs


async def test_progress_is_written_at_stage_boundaries(db: Database, slugs: Slugs, job_queue: ArqRedis) -> None:
    await import_parties(db, [peer(slugs("a")), peer(slugs("b"))])
    run_id = await job_runs.enqueue(db, job_queue, "suggestions.recompute")
    await job_queue.delete(f"arq:job:{run_id}")
    await job_queue.zrem("arq:queue", run_id)

    async def work() -> dict[str, Any]:
        seen: list[float] = []

        def watch(stage: str, done: int, total: int) -> None:
            seen.append(overall(stage, done, total))
            progress(stage, done, total)

        progress = RunProgress(db, run_id, overall, min_interval_s=3600)  # boundaries only
        await recompute_all(db, watch)
        await progress.close()
        running = await job_runs.get(db, run_id)
        assert running is not None and running["status"] == "RUNNING" and 0 < running["progress"] <= 1
        assert seen == sorted(seen) and seen[-1] == 1.0  # never backwards
        return {"seen": len(seen)}

    assert (await job_runs.run_recorded(db, run_id, work))["seen"] >= 6
    assert overall("load", 0, 3) == 0.0 and overall("write mentoring", 5, 5) == 1.0
