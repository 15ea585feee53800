"""Suggestion jobs: the full recompute (on request and nightly), the debounced refresh, and expiry.

Every run that writes suggestions holds the writer lock, so a refresh never interleaves with a full recompute.
Runs the worker starts itself get a run id derived from their arq job and try, so a job delivered twice is one run.
"""

import dataclasses
import uuid
from typing import Any

import structlog
from arq.cron import CronJob, cron

from jobs import live
from network.invites.service import recompute_invites
from network.job_runs.progress import RunProgress
from network.job_runs.service import record, run_recorded
from network.kit import freshness, tasks
from network.kit.database import Database
from network.outbox.wake import wake_delivery
from network.settings import Settings
from network.suggestions.changes_feed import ChangesFeed
from network.suggestions.expiry import expire_overdue
from network.suggestions.recompute import overall, recompute_all

log = structlog.get_logger(__name__)
NAME = RECOMPUTE = tasks.SUGGESTIONS_RECOMPUTE
REFRESH = freshness.REFRESH
NIGHTLY = tasks.SUGGESTIONS_NIGHTLY
EXPIRE = tasks.SUGGESTIONS_EXPIRE
# A refresh may wait this long for the run before it; the job timeouts leave room for the wait and the run.
LOCK_WAIT_S = freshness.WRITER_LOCK_WAIT_S
RUN_IDS = uuid.UUID("5b0e8f0e-5f43-4a63-9a55-2a4a1f0c8e11")  # namespace of run ids derived from arq jobs


def _run_id(ctx: dict[str, Any]) -> str:
    """One id per try of one arq job: a delivery of the same try is the same run, while a retry after a failure
    is a run of its own (a failed run is never started again)."""
    return str(uuid.uuid5(RUN_IDS, f"{ctx['job_id']}@{ctx['enqueue_time'].isoformat()}#{ctx.get('job_try', 1)}"))


async def _recompute_recorded(
    ctx: dict[str, Any],
    run_id: str,
    kind: str,
    *,
    invites: bool = False,
    refit: bool = True,
    **extra: Any,
) -> dict[str, Any]:
    """The full computation as one recorded run of task `kind`, with progress; `invites` adds every upcoming
    event's invites, `refit` fits the peer weights again (not on a refresh: a profile change must not move every
    score). It holds both writer locks (peer and mentoring suggestions)."""
    db: Database = ctx["db"]
    lease_s = ctx["settings"].job_lease_s

    async def work() -> dict[str, Any]:
        progress = RunProgress(db, run_id, overall)
        async with freshness.all_writers(ctx["redis"], kind, lease_s=lease_s, wait_s=LOCK_WAIT_S):
            try:
                counts = dataclasses.asdict(
                    await recompute_all(db, progress, refit=refit, live=ctx.get("live"), feed=ChangesFeed(ctx["redis"]))
                )
            finally:
                await progress.close()
            if invites:
                counts["invites"] = dataclasses.asdict(await recompute_invites(db, feed=ChangesFeed(ctx["redis"])))
        return {**counts, **extra}

    counts = await run_recorded(db, run_id, work, heartbeat_s=lease_s / 3)
    await wake_delivery(ctx["redis"])  # new suggestions and invites were told to their parties (network/outbox)
    return counts


async def recompute(ctx: dict[str, Any], run_id: str) -> dict[str, Any]:
    """Staff asked for it (`recomputeSuggestions`); the run was recorded before it was enqueued."""
    return await _recompute_recorded(ctx, run_id, RECOMPUTE)


async def refresh(ctx: dict[str, Any], generation: int) -> dict[str, Any]:
    """The debounced refresh after profile changes. While a live applier holds its lease and keeps the peer and
    mentoring suggestions, only the invites of upcoming events, which follow party changes here; else the full
    computation with difference writes too (exact, see network/kit/freshness.py)."""
    changed = await freshness.take_pending(ctx["redis"], generation)
    if not changed:  # an earlier delivery of this generation finished the work
        return {"changed": 0}
    run_id = _run_id(ctx)
    await record(ctx["db"], run_id, REFRESH)
    # an applier holding the live lease keeps peers and mentoring; without one (none started, or a burst worker),
    # the refresh computes them as before
    if ctx["settings"].live_suggestions and await ctx["redis"].exists(live.LEASE):
        counts = await _invites_recorded(ctx, run_id, changed=len(changed))
    else:
        counts = await _recompute_recorded(ctx, run_id, REFRESH, invites=True, refit=False, changed=len(changed))
    await freshness.done_with(ctx["redis"], generation)
    return counts


async def _invites_recorded(ctx: dict[str, Any], run_id: str, **extra: Any) -> dict[str, Any]:
    """Every upcoming event's invites afresh, as one recorded run."""
    db: Database = ctx["db"]

    async def work() -> dict[str, Any]:
        invited = await recompute_invites(db, feed=ChangesFeed(ctx["redis"]))
        return {"invites": dataclasses.asdict(invited), **extra}

    counts = await run_recorded(db, run_id, work, heartbeat_s=ctx["settings"].job_lease_s / 3)
    await wake_delivery(ctx["redis"])  # the parties newly invited were told (network/outbox)
    return counts


async def nightly(ctx: dict[str, Any]) -> dict[str, Any]:
    """The nightly full recompute: the peer weights fitted again to the profiles and answers, peers, then the
    mentoring assignment, then every upcoming event's invites."""
    run_id = _run_id(ctx)
    await record(ctx["db"], run_id, NIGHTLY)
    return await _recompute_recorded(ctx, run_id, NIGHTLY, invites=True)


async def expire(ctx: dict[str, Any]) -> dict[str, int]:
    """PROPOSED suggestions unanswered for `suggestion_expiry_days` become EXPIRED; their places are filled by a
    refresh."""
    settings: Settings = ctx["settings"]
    expired = await expire_overdue(ctx["db"], settings.suggestion_expiry_days, ChangesFeed(ctx["redis"]))
    if expired:
        await freshness.parties_changed(ctx["redis"], settings.refresh_debounce_s, [])
    log.info("suggestions expired", expired=expired)
    return {"expired": expired}


def schedules(settings: Settings) -> list[CronJob]:
    """The nightly full recompute and the hourly expiry, in the worker's time zone (`jobs_timezone`)."""
    return [
        cron(
            nightly,
            name=NIGHTLY,
            hour={settings.nightly_recompute_hour},
            minute={0},
            timeout=2 * LOCK_WAIT_S,
            max_tries=2,
        ),
        cron(expire, name=EXPIRE, minute={30}, timeout=600, max_tries=3),
    ]
