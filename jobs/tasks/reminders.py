"""`reminders.write` (hourly): the reminders due now, written into the outbox; delivery is woken when any were."""

import dataclasses
from typing import Any

import structlog
from arq.cron import CronJob, cron

from network.kit import tasks
from network.outbox.wake import wake_delivery
from network.reminders.service import write_reminders

log = structlog.get_logger(__name__)
NAME = tasks.REMINDERS


async def reminders(ctx: dict[str, Any]) -> dict[str, int]:
    """Each reminder at most once: a run delivered twice, or a second run within the hour, writes nothing new."""
    counts = await write_reminders(ctx["db"], ctx["settings"])
    if counts.notifications:
        await wake_delivery(ctx["redis"])
    log.info("reminders written", **dataclasses.asdict(counts))
    return dataclasses.asdict(counts)


def schedules() -> list[CronJob]:
    """New each time: a worker keeps its next run time on the CronJob, so workers must not share one."""
    # at minute 45: apart from the hourly expiry (30) and pruning (15), so the three rarely meet
    return [cron(reminders, name=NAME, minute={45}, timeout=600, max_tries=3)]
