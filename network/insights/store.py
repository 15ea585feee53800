"""The staff insights' last run, kept in Redis: on a large graph some tables read every suggestion (seconds at 100k
associations), so the worker takes them every `insights_refresh_s` and the `insights` query serves that run, each
table saying when it was taken (`coveredTo`). The tables are stored as shown, already private."""

import dataclasses
import datetime as dt
import json
import time
from typing import Any

import structlog
from arq.connections import ArqRedis
from redis.asyncio import Redis

from network.insights.models import Cell, Table
from network.insights.service import TABLES, insights
from network.kit import tasks
from network.kit.authorisation import Viewer, may_read_insights
from network.kit.database import Database
from network.kit.errors import Unavailable
from network.settings import Settings

log = structlog.get_logger(__name__)

KEY = "insights:latest"
REFRESH_NOW = "insights:refresh-now"  # the job id of a refresh a request asked for


def _encoded(tables: list[Table], min_count: int) -> str:
    def default(value: object) -> str:
        if isinstance(value, dt.datetime):
            return value.isoformat()
        raise TypeError(type(value).__name__)

    return json.dumps({"minCount": min_count, "tables": [dataclasses.asdict(t) for t in tables]}, default=default)


def _table(found: dict[str, Any]) -> Table:
    covered_from = found["covered_from"]
    return Table(
        **{
            **found,
            "rows": [[Cell(**c) for c in row] for row in found["rows"]],
            "parties": Cell(**found["parties"]),
            "covered_from": None if covered_from is None else dt.datetime.fromisoformat(covered_from),
            "covered_to": dt.datetime.fromisoformat(found["covered_to"]),
        }
    )


async def refreshed(db: Database, redis: Redis, min_count: int) -> list[Table]:
    """Takes every insight now and keeps it as the last run (the worker's job: a failure fails the job)."""
    tables = await insights(db, min_count)
    await _keep(redis, tables, min_count)
    return tables


async def served(db: Database, redis: ArqRedis, min_count: int) -> list[Table]:
    """The last run when there is one of the same tables and threshold; else (the first read, a new release with
    other tables, the threshold changed, Redis away) every insight taken now, and kept when Redis takes it."""
    try:
        stored = await redis.get(KEY)
    except Exception as error:  # Redis away: staff still get their figures, only slower
        log.warning("insights taken without their last run", error=f"{type(error).__name__}: {error}")
        stored = None
    if stored is not None:
        found = json.loads(stored)
        if found["minCount"] == min_count and [t["key"] for t in found["tables"]] == list(TABLES):
            return [_table(t) for t in found["tables"]]
    try:
        tables = await insights(db, min_count)
    except Unavailable as error:  # a large graph takes longer than a request may wait: the worker takes them now
        await _ask_worker(redis)
        raise Unavailable(TAKING, retry_after_s=60) from error
    try:
        await _keep(redis, tables, min_count)
    except Exception as error:  # taken, but not kept: the next read takes them again
        log.warning("insights not kept", error=f"{type(error).__name__}: {error}")
    return tables


TAKING = (
    "The insights could not be taken within a request (on a large graph they take a minute); the worker is taking "
    "them now: try again in a minute."
)


async def _ask_worker(redis: ArqRedis) -> None:
    """Queues the worker's refresh now (once: arq keeps one job per id while it is queued or running)."""
    try:
        # one job id per ten minutes: asked again while it runs, it is not queued twice; failed, it can be asked again
        await redis.enqueue_job(tasks.INSIGHTS_REFRESH, _job_id=f"{REFRESH_NOW}:{int(time.time() // 600)}")
    except Exception as error:  # Redis away as well: the schedule takes them within INSIGHTS_REFRESH_S
        log.warning("insights refresh not queued", error=f"{type(error).__name__}: {error}")


async def _keep(redis: Redis, tables: list[Table], min_count: int) -> None:
    await redis.set(KEY, _encoded(tables, min_count))


async def visible(db: Database, redis: ArqRedis, viewer: Viewer, settings: Settings) -> list[Table] | None:
    """Every insight, as staff read them (the last run, or taken now when `insights_refresh_s` is 0); None for
    everyone else."""
    if not may_read_insights(viewer):
        return None
    if settings.insights_refresh_s == 0:
        return await insights(db, settings.insights_min_count)
    return await served(db, redis, settings.insights_min_count)
