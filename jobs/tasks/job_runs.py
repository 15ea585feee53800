"""Housekeeping of job runs: `job_runs.prune` (hourly) deletes old finished runs; `job_runs.sweep` (every minute,
and when a worker starts) fails the runs whose worker stopped beating."""

from typing import Any

import structlog
from arq.cron import CronJob, cron

from network.job_runs.service import delete_finished, fail_stale
from network.kit import tasks
from network.settings import Settings

log = structlog.get_logger(__name__)
PRUNE = tasks.JOB_RUNS_PRUNE
SWEEP = tasks.JOB_RUNS_SWEEP


async def prune(ctx: dict[str, Any]) -> dict[str, int]:
    """Only SUCCEEDED and FAILED runs go; a second run right after deletes nothing."""
    settings: Settings = ctx["settings"]
    deleted = await delete_finished(ctx["db"], settings.job_run_retention_days)
    log.info("old job runs deleted", deleted=deleted, retention_days=settings.job_run_retention_days)
    return {"deleted": deleted}


async def sweep(ctx: dict[str, Any]) -> dict[str, int]:
    """RUNNING runs without a heartbeat for `job_run_stale_s` become FAILED with the reason: their worker was killed
    or lost. A killed job that arq retries within its lease beats again long before that, so it is left alone."""
    settings: Settings = ctx["settings"]
    return {"failed": len(await fail_stale(ctx["db"], settings.job_run_stale_s))}


def schedules() -> list[CronJob]:
    """New each time: a worker keeps its next run time on the CronJob, so workers must not share one."""
    return [
        cron(prune, name=PRUNE, minute={15}, timeout=600, max_tries=3),
        # every minute: a killed job's run is failed at most a minute after it went stale
        cron(sweep, name=SWEEP, second={7}, timeout=60, max_tries=1, unique=True),
    ]
