"""`job_runs.prune`: hourly, deletes the job runs that finished more than `job_run_retention_days` ago."""

from typing import Any

import structlog
from arq.cron import CronJob, cron

from network.job_runs.service import delete_finished
from network.kit import tasks
from network.settings import Settings

log = structlog.get_logger(__name__)
PRUNE = tasks.JOB_RUNS_PRUNE


async def prune(ctx: dict[str, Any]) -> dict[str, int]:
    """Only SUCCEEDED and FAILED runs go; a second run right after deletes nothing."""
    settings: Settings = ctx["settings"]
    deleted = await delete_finished(ctx["db"], settings.job_run_retention_days)
    log.info("old job runs deleted", deleted=deleted, retention_days=settings.job_run_retention_days)
    return {"deleted": deleted}


def schedules() -> list[CronJob]:
    """New each time: a worker keeps its next run time on the CronJob, so workers must not share one."""
    return [cron(prune, name=PRUNE, minute={15}, timeout=600, max_tries=3)]
