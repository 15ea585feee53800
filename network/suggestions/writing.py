"""Writing a run's proposals as a difference: read what is stored, then create, re-score and delete in batches."""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import structlog
from neo4j import AsyncManagedTransaction

from network.kit.database import Database
from network.kit.errors import Busy
from network.suggestions.changes_feed import ChangesFeed, tell
from network.suggestions.diff import Changes, changes
from network.suggestions.models import Proposal, ProposalWrite, SuggestionKind
from network.suggestions.notifying import tell_new
from network.suggestions.repository import SuggestionWrites

Progress = Callable[[str, int, int], None]  # (stage, done, total)
READ_BATCH = 50_000
WRITE_BATCH = 2_000
# Concurrent write transactions: at 10k associations two create about 11k suggestions a second, one about 8k.
WRITE_LANES = 2

log = structlog.get_logger("network.suggestions")


@dataclass(frozen=True)
class Written:
    created: int
    updated: int
    dropped: int
    unchanged: int


async def _stored_page(tx: AsyncManagedTransaction, kind: str, after: str) -> tuple[list[str], list[str]]:
    return await SuggestionWrites(tx).stored(kind, after, READ_BATCH)


async def stored_suggestions(db: Database, kind: SuggestionKind) -> dict[str, str]:
    """Every stored suggestion of `kind` as its code (`diff.py`) by pair key, read in keyset pages."""
    found: dict[str, str] = {}
    after = ""
    while True:
        keys, codes = await db.read(_stored_page, kind, after)
        found.update(zip(keys, codes, strict=True))
        if len(keys) < READ_BATCH:
            return found
        after = keys[-1]


def _batches(items: list[Any]) -> list[list[Any]]:
    return [items[start : start + WRITE_BATCH] for start in range(0, len(items), WRITE_BATCH)]


async def _create(
    tx: AsyncManagedTransaction, kind: SuggestionKind, candidate_label: str, rows: list[ProposalWrite], version: str
) -> int:
    """A batch of new pairs and, in the same transaction, the notifications that tell their parties."""
    created = await SuggestionWrites(tx).create(kind, candidate_label, rows, version)
    await tell_new(tx, kind, created)
    return len(created)


async def _rescore(tx: AsyncManagedTransaction, kind: str, rows: list[ProposalWrite], version: str) -> int:
    return await SuggestionWrites(tx).rescore(kind, rows, version)


async def _delete(tx: AsyncManagedTransaction, kind: str, pair_keys: list[str]) -> int:
    return await SuggestionWrites(tx).delete_unanswered(kind, pair_keys)


def _rows(proposals: list[Proposal], digests: dict[str, str]) -> list[ProposalWrite]:
    return [{**p.as_row(), "digest": digests[p.pair_key]} for p in proposals]


async def _in_lanes(batches: list[list[Any]], write: Callable[[list[Any]], Awaitable[int]]) -> int:
    """Awaits `write(batch)` for every batch, WRITE_LANES at a time; the sum of what they return.

    Two lanes that lock the same nodes in opposite orders deadlock, and the database rolls one back; when its
    retries also lose (at 100k associations a batch holds thousands of locks), the batch is set aside and written
    again once the lanes are done, one at a time, so it no longer competes with its own run. Any other failure
    cancels the other lanes (each batch is its own transaction, so what was written stays, and the next run's
    difference picks up the rest)."""
    pending = iter(batches)
    deadlocked: list[list[Any]] = []
    total = 0

    async def lane() -> None:
        nonlocal total
        for batch in pending:  # one iterator for all lanes: each takes the next batch
            try:
                written = await write(batch)
            except Busy:  # rolled back whole: nothing of it was written
                deadlocked.append(batch)
                continue
            total += written  # not `total += await ...`: that reads `total` before the other lane adds to it

    async with asyncio.TaskGroup() as group:
        for _ in range(WRITE_LANES):
            group.create_task(lane())
    if deadlocked:
        log.info("batches written again alone after a deadlock", batches=len(deadlocked))
    for batch in deadlocked:
        total += await write(batch)
    return total


async def write_changes(
    db: Database,
    kind: SuggestionKind,
    candidate_label: str,
    proposals: list[Proposal],
    version: str,
    progress: Progress,
    stored: dict[str, str] | None = None,
    feed: ChangesFeed | None = None,
) -> Written:
    """Compares `proposals` with what is stored (`stored`, when the caller read it already) and writes the
    difference; a rerun on unchanged data writes nothing. `feed` tells the parties of each batch once it committed
    (changes_feed.py)."""
    if stored is None:
        stored = await stored_suggestions(db, kind)
    plan: Changes = changes(proposals, stored, version)
    stage, total, done = f"write {kind.lower()}", plan.writes, 0
    progress(stage, 0, total)

    def advanced(count: int) -> None:
        nonlocal done
        done += count
        progress(stage, done, total)

    async def create(batch: list[Proposal]) -> int:
        written = await db.write(_create, kind, candidate_label, _rows(batch, plan.digests), version)
        await tell(feed, kind, batch)
        advanced(len(batch))
        return written

    async def rescore(batch: list[Proposal]) -> int:
        written = await db.write(_rescore, kind, _rows(batch, plan.digests), version)
        await tell(feed, kind, batch)
        advanced(len(batch))
        return written

    async def delete(keys: list[str]) -> int:
        written = await db.write(_delete, kind, keys)
        await tell(feed, kind, keys)
        advanced(len(keys))
        return written

    created = await _in_lanes(_batches(plan.create), create)
    updated = await _in_lanes(_batches(plan.update), rescore)
    dropped = await _in_lanes(_batches(plan.delete), delete)
    return Written(created=created, updated=updated, dropped=dropped, unchanged=plan.unchanged)
