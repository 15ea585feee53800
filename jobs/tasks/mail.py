"""Mail jobs: `mail.deliver` sends what is due (woken after each commit that wrote notifications, and every minute
in case a wake was lost), `mail.digests` sends the daily digests, and on Mondays the weekly ones too."""

import dataclasses
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import structlog
from arq import Retry
from arq.cron import CronJob, cron

from network.kit import tasks
from network.mail.delivery import DeliveryCounts, deliver, prune_settled, send_digests
from network.mail.retry import retry_delay_s
from network.outbox.models import MailFrequency
from network.settings import Settings

log = structlog.get_logger(__name__)
DELIVER = tasks.MAIL_DELIVER
DELIVER_EVERY_MINUTE = f"{tasks.MAIL_DELIVER}:minute"  # the cron's own name: a cron named like a function replaces it
DIGESTS = tasks.MAIL_DIGESTS
PRUNE = tasks.MAIL_PRUNE
DIGEST_TRIES = 6  # a digest refused for now is tried again, with the retry schedule of single mails


def _counts(counts: DeliveryCounts) -> dict[str, Any]:
    return dataclasses.asdict(counts)


async def deliver_due(ctx: dict[str, Any]) -> dict[str, Any]:
    counts = await deliver(ctx["db"], ctx["settings"])
    if counts.sent or counts.failed or counts.retrying:
        log.info("mail delivered", **_counts(counts))
    return _counts(counts)


async def digests(ctx: dict[str, Any]) -> dict[str, Any]:
    """Daily digests, and on Mondays (in the worker's time zone) the weekly ones; a digest refused for now makes
    the job try again later (only what is still pending goes out then)."""
    settings: Settings = ctx["settings"]
    frequencies = [MailFrequency.DAILY]
    if dt.datetime.now(ZoneInfo(settings.jobs_timezone)).weekday() == 0:
        frequencies.append(MailFrequency.WEEKLY)
    found: dict[str, Any] = {}
    retrying = 0
    for frequency in frequencies:
        counts = await send_digests(ctx["db"], settings, frequency)
        found[frequency.value.lower()] = _counts(counts)
        retrying += counts.retrying + counts.released
    log.info("mail digests sent", **found)
    job_try = int(ctx.get("job_try") or 1)
    if retrying and job_try < DIGEST_TRIES:
        raise Retry(defer=retry_delay_s(job_try, settings.mail_retry_s) + 1)
    return found


async def prune(ctx: dict[str, Any]) -> dict[str, int]:
    """Settled notifications older than NOTIFICATION_RETENTION_DAYS go (what they said with them); pending stay."""
    settings: Settings = ctx["settings"]
    deleted = await prune_settled(ctx["db"], settings.notification_retention_days)
    log.info("old notifications deleted", deleted=deleted, retention_days=settings.notification_retention_days)
    return {"deleted": deleted}


def schedules(settings: Settings) -> list[CronJob]:
    """Delivery every minute, the digests at DIGEST_HOUR, in the worker's time zone (`jobs_timezone`), the cleanup
    hourly."""
    return [
        cron(
            deliver_due,
            name=DELIVER_EVERY_MINUTE,
            second={42},
            timeout=600,
            max_tries=1,
            unique=True,
            keep_result=0,
        ),
        cron(digests, name=DIGESTS, hour={settings.digest_hour}, minute={0}, timeout=1800, max_tries=DIGEST_TRIES),
        cron(prune, name=PRUNE, minute={25}, timeout=600, max_tries=3),
    ]
