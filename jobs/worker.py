"""The arq worker: its functions, leases on running jobs, reconnecting to Redis, and the Neo4j driver it opens on
start-up and closes on shut-down."""

import asyncio
import contextlib
import dataclasses
import time
from typing import Any
from zoneinfo import ZoneInfo

import structlog
from arq import func
from arq.connections import RedisSettings, create_pool
from arq.constants import in_progress_key_prefix
from arq.cron import CronJob
from arq.worker import Function, Worker
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from jobs import metrics
from jobs.backoff import Backoff
from jobs.live import LiveApplier
from jobs.observing import observed
from jobs.tasks import census, events, help, insights, job_runs, mail, reminders, suggestions
from network.job_runs.service import fail_stale
from network.kit.database import Database, open_driver
from network.kit.logging import configure_logging
from network.settings import Settings
from network.suggestions.live import LiveHolder

log = structlog.get_logger("jobs.worker")
# Redis went away (stopped, killed, restarting, unreachable): the worker waits and tries again.
REDIS_DOWN = (RedisConnectionError, RedisTimeoutError, ConnectionError, OSError)

# The timeouts bound a job that hangs; a job whose worker died is retried within JOB_LEASE_S instead (see below).
FUNCTIONS: list[Function] = [
    func(observed(census.NAME, census.census), name=census.NAME, max_tries=3),
    # a full recompute is heavy: one retry, and a generous time limit
    func(observed(suggestions.NAME, suggestions.recompute), name=suggestions.NAME, max_tries=2, timeout=3600),
    # a refresh may wait for a running recompute (the writer lock) before its own run
    func(
        observed(suggestions.REFRESH, suggestions.refresh),
        name=suggestions.REFRESH,
        max_tries=3,
        timeout=2 * suggestions.LOCK_WAIT_S,
    ),
    func(observed(events.NAME, events.invites), name=events.NAME, max_tries=3, timeout=600),
    func(observed(help.NAME, help.route), name=help.NAME, max_tries=5, timeout=120),
    # woken once a second at most (network/outbox/wake.py); no result kept: it would be one key per second woken
    func(observed(mail.DELIVER, mail.deliver_due), name=mail.DELIVER, max_tries=1, timeout=600, keep_result=0),
]


async def startup(ctx: dict[str, Any]) -> None:
    settings: Settings = ctx["settings"]
    ctx["db"] = db = Database.from_settings(open_driver(settings), settings)
    ctx["metrics"] = metrics.serve(settings)
    ctx["live"] = holder = LiveHolder()  # the peer lists a full run in this worker kept (network/suggestions/live.py)
    if ctx.get("apply_live"):
        applier = LiveApplier(db, ctx["redis"], settings, holder)
        ctx["live_task"] = asyncio.get_running_loop().create_task(applier.run())
    try:  # runs left RUNNING by a worker that died before this one started
        await fail_stale(db, settings.job_run_stale_s)
    except Exception as error:  # Neo4j away: the sweep's schedule tries again within a minute
        log.warning("stale job runs not swept at start-up", error_type=type(error).__name__)


async def shutdown(ctx: dict[str, Any]) -> None:
    live: asyncio.Task[None] | None = ctx.pop("live_task", None)
    if live is not None:
        live.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await live
    served: metrics.MetricsServer | None = ctx.get("metrics")
    if served is not None:
        served.stop()
    await ctx["db"].driver.close()


class LeasedWorker(Worker):
    """arq's worker with two changes for failures.

    Leases: arq marks a running job with an in-progress key that lives as long as the longest job timeout, so a
    job whose worker was killed is retried only after that (hours). Here the key lives JOB_LEASE_S and is renewed
    every third of it while the job runs, so a killed worker's job is retried within one lease.

    Reconnecting: arq ends the worker when Redis cannot be reached. Here a poll (or the first connection) that
    cannot reach Redis logs one line, waits with exponential back-off and tries again; jobs that are running go
    on, and queued jobs are picked up once Redis answers.
    """

    def __init__(self, *, lease_s: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lease_s = lease_s
        self.in_progress_timeout_s = lease_s
        self.backoff = Backoff(first_s=0.5, max_s=10)
        self._down_since: float | None = None

    async def main(self) -> None:
        while self._pool is None:
            try:
                self._pool = await create_pool(
                    self.redis_settings,
                    job_deserializer=self.job_deserializer,
                    job_serializer=self.job_serializer,
                    default_queue_name=self.queue_name,
                    expires_extra_ms=self.expires_extra_ms,
                )
            except REDIS_DOWN as error:
                await self._wait_for_redis(error)
        self._redis_back()
        # its own task: arq's poll may wait for a free job slot for as long as a job runs
        renewing = asyncio.get_running_loop().create_task(self._renew_leases())
        try:
            await super().main()
        finally:
            renewing.cancel()

    async def _poll_iteration(self) -> None:
        try:
            await super()._poll_iteration()
        except REDIS_DOWN as error:
            await self._wait_for_redis(error)
        else:
            self._redis_back()

    async def _renew_leases(self) -> None:
        """Every third of a lease, the in-progress keys of the jobs this worker runs live one more lease."""
        while True:
            await asyncio.sleep(self.lease_s / 3)
            running = [job_id for job_id, task in self.tasks.items() if not task.done()]
            if not running:
                continue
            try:
                async with self.pool.pipeline(transaction=False) as pipe:
                    for job_id in running:
                        pipe.pexpire(in_progress_key_prefix + job_id, int(self.lease_s * 1000))
                    await pipe.execute()
            except REDIS_DOWN:  # the poll reports the outage; a renewal within the lease still keeps the jobs
                continue

    async def _wait_for_redis(self, error: BaseException) -> None:
        if self._down_since is None:
            self._down_since = time.monotonic()
        delay = self.backoff.next_delay()
        metrics.REDIS_FAILURES.inc()
        log.warning(
            "Redis unreachable; retrying",
            attempt=self.backoff.attempts,
            retry_in_s=delay,
            error=f"{type(error).__name__}: {error}"[:200],
        )
        await asyncio.sleep(delay)

    def _redis_back(self) -> None:
        if self._down_since is not None:
            down_s = time.monotonic() - self._down_since
            log.info("Redis reachable again", attempts=self.backoff.reset(), down_s=round(down_s, 1))
            self._down_since = None

    async def close(self) -> None:
        try:
            await super().close()
        except REDIS_DOWN as error:  # stopping while Redis is away: close what does not need it
            log.warning("worker stopped without reaching Redis", error_type=type(error).__name__)
            if "db" in self.ctx:
                await shutdown(self.ctx)
            self._pool = None


def _observed(job: CronJob) -> CronJob:
    return dataclasses.replace(job, coroutine=observed(job.name, job.coroutine))


def create_worker(settings: Settings, *, burst: bool = False) -> LeasedWorker:
    """A worker bound to `settings`; `burst` runs what is queued and returns (for tests and one-off runs)."""
    configure_logging(settings.log_level, settings.log_format)
    return LeasedWorker(
        lease_s=settings.job_lease_s,
        functions=FUNCTIONS,
        # no retries of arq's own at start-up: the worker's back-off does that, with one log line per attempt
        redis_settings=dataclasses.replace(RedisSettings.from_dsn(settings.redis_url), conn_retries=0),
        on_startup=startup,
        on_shutdown=shutdown,
        # the live applier runs in a long-lived worker, not in one that runs what is queued and returns
        ctx={"settings": settings, "apply_live": settings.live_suggestions and not burst},
        cron_jobs=[
            _observed(job)
            for job in suggestions.schedules(settings)
            + job_runs.schedules()
            + reminders.schedules()
            + help.schedules()
            + mail.schedules(settings)
            + insights.schedules(settings)
        ],
        timezone=ZoneInfo(settings.jobs_timezone),  # arq types it as datetime.timezone; any tzinfo works
        burst=burst,
        poll_delay=0.0 if burst else 0.5,
        handle_signals=not burst,
    )
