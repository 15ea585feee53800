"""The worker's last run of the insights: served until the next run, taken again when the threshold changed, and
scheduled every `insights_refresh_s`."""

import json
import time

import pytest
from arq.connections import ArqRedis
from arq.constants import default_queue_name, job_key_prefix

from jobs.tasks import insights as insights_job
from network.insights import store
from network.insights.models import Table
from network.insights.service import TABLES
from network.kit.database import Database, open_driver
from network.kit.errors import Unavailable
from network.settings import Settings
from tests.insights.conftest import associations_needing, district, skill
from tests.support.accounts import Accounts
from tests.support.cleanup import Slugs


def _need(tables: list[Table], need: str, place: str) -> list[str]:
    """What the unmet needs table shows for `need` in `place`."""
    unmet = next(t for t in tables if t.key == "unmet_needs")
    return [cell.shown for row in unmet.rows if [c.shown for c in row[:2]] == [need, place] for cell in row[2:]]


async def test_staff_read_the_last_run_until_the_worker_takes_the_insights_again(
    db: Database, own: Slugs, accounts: Accounts, settings: Settings, job_queue: ArqRedis
) -> None:
    kept = settings.model_copy(update={"insights_refresh_s": 900})
    place, need = own("district"), own("skill")
    await district(db, place)
    await skill(db, need)
    await associations_needing(db, [own(f"a{i}") for i in range(6)], place, need)
    staff = await accounts.viewer(await accounts.make("STAFF"))
    await job_queue.delete(store.KEY)
    try:
        first = await store.visible(db, job_queue, staff, kept)
        assert first is not None and _need(first, need, place) == ["6"]
        assert await job_queue.exists(store.KEY)  # the first read kept what it took

        await associations_needing(db, [own("a6")], place, need)
        again = await store.visible(db, job_queue, staff, kept)
        assert again == first  # the same run, with the time it was taken, although the graph changed since

        assert (await insights_job.refresh({"db": db, "redis": job_queue, "settings": kept})) == {"tables": len(TABLES)}
        after = await store.visible(db, job_queue, staff, kept)
        assert after is not None and _need(after, need, place) == ["7"]
        assert all(b.covered_to > a.covered_to for a, b in zip(first, after, strict=True))

        # taken on each request when the interval is 0, and never for anyone but staff
        await associations_needing(db, [own("a7")], place, need)
        live = await store.visible(db, job_queue, staff, settings)
        assert live is not None and _need(live, need, place) == ["8"]
        member = await accounts.viewer(await accounts.make("MEMBER"))
        assert await store.visible(db, job_queue, member, kept) is None

        # a run kept by a release with other tables is not served: the query would miss a table
        older = json.loads(await job_queue.get(store.KEY))
        older["tables"] = older["tables"][:-1]
        await job_queue.set(store.KEY, json.dumps(older))
        taken = await store.visible(db, job_queue, staff, kept)
        assert taken is not None and [t.key for t in taken] == list(TABLES) and _need(taken, need, place) == ["8"]

        # a run kept under another threshold is not served: its cells were made private for another count
        stricter = kept.model_copy(update={"insights_min_count": 10})
        strict = await store.visible(db, job_queue, staff, stricter)
        assert strict is not None and _need(strict, need, place) == ["<10"]
    finally:
        await job_queue.delete(store.KEY)


async def test_a_first_read_too_slow_for_a_request_asks_the_worker_and_says_to_come_back(
    db: Database, accounts: Accounts, settings: Settings, job_queue: ArqRedis
) -> None:
    """On a large graph, all insights in one transaction take longer than a request may (a minute at 100k): a
    request's read that fails (here: a database it cannot reach) asks the worker to take them now."""
    kept = settings.model_copy(update={"insights_refresh_s": 900})
    staff = await accounts.viewer(await accounts.make("STAFF"))
    await job_queue.delete(store.KEY)
    buckets = {int(time.time() // 600)}
    unreachable = Database(open_driver(settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:1"})), db.name, 2.0)
    try:
        with pytest.raises(Unavailable) as refused:
            await store.visible(unreachable, job_queue, staff, kept)
        buckets.add(int(time.time() // 600))
        assert str(refused.value) == store.TAKING and refused.value.retry_after_s == 60
        queued = [f"{store.REFRESH_NOW}:{bucket}" for bucket in buckets]
        assert [await job_queue.exists(job_key_prefix + job) for job in queued].count(1) == 1  # the worker's now
        assert not await job_queue.exists(store.KEY)
    finally:
        for job in (f"{store.REFRESH_NOW}:{bucket}" for bucket in buckets):
            await job_queue.zrem(default_queue_name, job)
            await job_queue.delete(job_key_prefix + job)
        await unreachable.driver.close()


def test_the_worker_takes_the_insights_every_interval_in_whole_minutes(settings: Settings) -> None:
    (job,) = insights_job.schedules(settings.model_copy(update={"insights_refresh_s": 900}))
    assert job.minute == {0, 15, 30, 45}
    (hourly,) = insights_job.schedules(settings.model_copy(update={"insights_refresh_s": 3600}))
    assert hourly.minute == {0}
    assert insights_job.schedules(settings) == []  # 0: the query takes them on each request
