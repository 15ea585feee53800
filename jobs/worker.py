"""The arq worker: its functions, and the Neo4j driver it opens on start-up and closes on shut-down."""

from typing import Any
from zoneinfo import ZoneInfo

from arq import func
from arq.connections import RedisSettings
from arq.worker import Worker

from jobs.tasks import census, events, job_runs, suggestions
from network.kit.database import Database, open_driver
from network.kit.logging import configure_logging
from network.settings import Settings

FUNCTIONS = [
    func(census.census, name=census.NAME, max_tries=3),
    # a full recompute is heavy: one retry, and a generous time limit
    func(suggestions.recompute, name=suggestions.NAME, max_tries=2, timeout=3600),
    # a refresh may wait for a running recompute (the writer lock) before its own run
    func(suggestions.refresh, name=suggestions.REFRESH, max_tries=3, timeout=2 * 3600),
    func(events.invites, name=events.NAME, max_tries=3, timeout=600),
]


async def startup(ctx: dict[str, Any]) -> None:
    settings: Settings = ctx.setdefault("settings", Settings())
    ctx["db"] = Database.from_settings(open_driver(settings), settings)


async def shutdown(ctx: dict[str, Any]) -> None:
    await ctx["db"].driver.close()


def create_worker(settings: Settings, *, burst: bool = False) -> Worker:
    """A worker bound to `settings`; `burst` runs what is queued and returns (for tests and one-off runs)."""
    configure_logging(settings.log_level, settings.log_format)
    return Worker(
        functions=FUNCTIONS,
        redis_settings=RedisSettings.from_dsn(settings.redis_url),
        on_startup=startup,
        on_shutdown=shutdown,
        ctx={"settings": settings},
        cron_jobs=suggestions.schedules(settings) + job_runs.schedules(),
        timezone=ZoneInfo(settings.jobs_timezone),  # type: ignore[arg-type]  # arq types it as datetime.timezone; any tzinfo works
        burst=burst,
        poll_delay=0.0 if burst else 0.5,
        handle_signals=not burst,
    )


class WorkerSettings:
    """For `arq jobs.worker.WorkerSettings`; settings then come from the environment at start-up."""

    functions = FUNCTIONS
    on_startup = startup
    on_shutdown = shutdown
    # the default hours; `network worker` reads them
    cron_jobs = suggestions.schedules(Settings.model_construct()) + job_runs.schedules()
