"""Before the measurement: the data set imported, one account per association, the read inputs, and the queue."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from neo4j import AsyncManagedTransaction

from bench.api.inputs import Inputs, draw_inputs
from bench.import_suite import run_import
from bench.mail import repository
from bench.mail.options import MailOptions
from bench.mail.pairs import peer_pairs
from network.kit.database import Database, open_driver
from network.settings import Settings

T = TypeVar("T")
ENGLISH_EVERY = 5  # one account in five reads English mails: both templates are rendered


@dataclass(frozen=True)
class Queued:
    notifications: int
    seconds: float  # writing them, all transactions together
    transactions: int


def _database(settings: Settings) -> Database:
    return Database(open_driver(settings), settings.neo4j_database, timeout_s=600)


def load(settings: Settings, data_file: Path, options: MailOptions) -> Inputs:
    """Imports the data set, gives each of the first `options.accounts` associations an account, draws the inputs
    of the API's reads."""
    run_import(settings, data_file)

    async def work() -> Inputs:
        db = _database(settings)
        try:
            parties = await db.read(repository.association_ids, options.accounts)
            if len(parties) < options.accounts:
                raise RuntimeError(f"the data set has {len(parties)} associations, {options.accounts} are needed")
            rows = [
                {
                    "party": party,
                    "email": f"mail-bench-{index}@example.org",
                    "language": "en" if index % ENGLISH_EVERY == 0 else "de",
                }
                for index, party in enumerate(parties)
            ]
            await db.write(repository.create_accounts, rows)
            return await draw_inputs(db.driver, db.name, options.seed)
        finally:
            await db.driver.close()

    return asyncio.run(work())


def queue(settings: Settings, options: MailOptions) -> Queued:
    """The suggestions and their notifications, in `options.transactions` transactions of equal size."""

    async def work() -> Queued:
        db = _database(settings)
        try:
            parties = await db.read(repository.association_ids, options.accounts)
            pairs = [(parties[i], parties[j]) for i, j in peer_pairs(len(parties), options.per_account)]
            size = -(-len(pairs) // options.transactions)
            written = 0
            started = time.perf_counter()
            for start in range(0, len(pairs), size):
                chunk = pairs[start : start + size]
                written += await db.write(repository.queue_suggestions, chunk)
            return Queued(written, time.perf_counter() - started, -(-len(pairs) // size))
        finally:
            await db.driver.close()

    return asyncio.run(work())


def _read(settings: Settings, query: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
    """One read transaction on the bench's stack, with a driver of its own."""

    async def work() -> T:
        db = _database(settings)
        try:
            return await db.read(query)
        finally:
            await db.driver.close()

    return asyncio.run(work())


def states(settings: Settings) -> list[repository.NotificationState]:
    return _read(settings, repository.notification_states)


def status_counts(settings: Settings) -> dict[str, int]:
    return _read(settings, repository.status_counts)
