"""`insights.refresh`: the staff insights taken every `insights_refresh_s` and kept for the `insights` query, so that
a staff page never waits for the tables that read every suggestion (network/insights/store.py)."""

from typing import Any

from arq.cron import CronJob, cron

from network.insights import store
from network.kit import tasks
from network.settings import Settings

NAME = tasks.INSIGHTS_REFRESH


async def refresh(ctx: dict[str, Any]) -> dict[str, int]:
    settings: Settings = ctx["settings"]
    # all of them in one transaction: far longer than a request's timeout on a large graph
    db = ctx["db"].with_timeout(settings.insights_timeout_s)
    tables = await store.refreshed(db, ctx["redis"], settings.insights_min_count)
    return {"tables": len(tables)}


def schedules(settings: Settings) -> list[CronJob]:
    """Every `insights_refresh_s` in whole minutes of the hour; none when the query takes them on each request."""
    if settings.insights_refresh_s == 0:
        return []
    step = max(1, settings.insights_refresh_s // 60)
    return [cron(refresh, name=NAME, minute=set(range(0, 60, step)), timeout=600, max_tries=1, unique=True)]
