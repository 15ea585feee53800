"""`network match`: recompute every peer and mentoring suggestion now, in the foreground, under the writer lock."""

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import click
from redis.asyncio import Redis
from redis.exceptions import RedisError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph_schema.migrate import apply_migrations
from network.cli.common import fail, with_database
from network.invites.service import InviteCounts, recompute_invites
from network.kit import freshness
from network.kit.database import Database
from network.settings import Settings
from network.suggestions.changes_feed import ChangesFeed
from network.suggestions.recompute import RecomputeCounts, recompute_all

HOLDER = "network match"  # the writer lock's holder, as the worker's metrics show it


@asynccontextmanager
async def _writer_lock(settings: Settings) -> AsyncIterator[Redis]:
    """Holds the lock the worker's suggestion runs take, waiting for a run that holds it. The lock is a lease renewed
    while the command runs, so a command killed midway frees it within JOB_LEASE_S. Without Redis the command
    stops: it could not tell whether a worker is writing suggestions at the same time. Yields the connection, which
    also tells those watching suggestions what the run changed."""
    async with Redis.from_url(settings.redis_url, socket_connect_timeout=2, socket_timeout=5) as redis:
        # both writer locks, the peer one first, as every full run takes them
        locks = [
            freshness.writer_lock(redis, HOLDER, lease_s=settings.job_lease_s, name=name)
            for name in (freshness.WRITER_LOCK, freshness.MENTORING_LOCK)
        ]
        held = []
        try:
            for lock in locks:
                if not await lock.acquire(blocking=False):
                    click.echo(
                        "Waiting for the worker's suggestion run (a refresh, recompute or live change) to release "
                        "the writer lock; Ctrl+C gives up.",
                        err=True,
                    )
                    if not await lock.acquire():
                        fail(
                            f"The suggestion writer lock was still held after {lock.wait_s:g} s; nothing was "
                            "recomputed."
                        )
                held.append(lock)
        except RedisError as error:
            for lock in held:
                await lock.release()
            fail(
                f"Cannot take the suggestion writer lock: Redis at {settings.redis_url} is not reachable ({error}). "
                "Nothing was recomputed; start Redis (`network stack start`) or set REDIS_URL."
            )
        try:
            yield redis
        finally:
            for lock in reversed(held):
                await lock.release()


@click.command("match")
def match_command() -> None:
    """Recompute all suggestions: declined pairs stay gone, accepted ones stay as they are. Waits while the worker
    writes suggestions."""
    settings = Settings()
    with Progress(
        TextColumn("{task.description:<16}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        disable=not sys.stderr.isatty(),
    ) as bar:
        tasks: dict[str, Any] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done)

        async def migrated_then_matched(db: Database) -> tuple[RecomputeCounts, InviteCounts]:
            async with _writer_lock(settings) as redis:
                # The recompute merges on the Suggestion constraint; without it every write scans all suggestions.
                await apply_migrations(db.driver, db.name)
                feed = ChangesFeed(redis)
                counts = await recompute_all(db, progress, refit=True, feed=feed)
                return counts, await recompute_invites(db, progress=progress, feed=feed)

        counts, invited = with_database(settings, migrated_then_matched)
    click.echo(
        f"matched {counts.associations} associations and {counts.volunteers} volunteers: "
        f"{counts.peer} peer and {counts.mentoring} mentoring suggestions, {counts.dropped} dropped"
    )
    click.echo(
        f"invited for {invited.events} upcoming events: {invited.invites} invites "
        f"({invited.outreach} outreach), {invited.dropped} dropped"
    )
