"""The Neo4j driver and the unit-of-work helpers every repository runs through."""

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

import neo4j
import structlog
from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction, AsyncSession
from neo4j.exceptions import (
    ClientError,
    DriverError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from network.kit.errors import Busy, Unavailable
from network.kit.metrics import DATABASE_ERRORS, DATABASE_RETRIES
from network.kit.repository import PING
from network.settings import Settings

log = structlog.get_logger("network.database")

P = ParamSpec("P")
T = TypeVar("T")
Work = Callable[Concatenate[AsyncManagedTransaction, P], Awaitable[T]]

# Cypher statements sent in the current context (a request, a test); None when nobody is counting.
_query_count: ContextVar[list[int] | None] = ContextVar("query_count", default=None)


@contextmanager
def counting_queries() -> Iterator[list[int]]:
    """Counts every statement sent through `Database` inside the block; the count is `counter[0]`."""
    counter = [0]
    token = _query_count.set(counter)
    try:
        yield counter
    finally:
        _query_count.reset(token)


def _count() -> None:
    counter = _query_count.get()
    if counter is not None:
        counter[0] += 1


class _CountingTransaction:
    """Hands every `run` through to the driver's transaction and counts it, when a counter is active."""

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self._tx = tx

    async def run(self, query: Any, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        _count()
        return await self._tx.run(query, parameters, **kwargs)


class _AutoCommitStatements:
    """Runs every `run` of a unit of work as an auto-commit statement of the session (counted, as above): one round
    trip each, without a transaction's BEGIN and COMMIT."""

    def __init__(self, session: AsyncSession, timeout_s: float) -> None:
        self._session, self._timeout_s = session, timeout_s

    async def run(self, query: Any, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        _count()
        statement = query if isinstance(query, neo4j.Query) else neo4j.Query(query, timeout=self._timeout_s)
        return await self._session.run(statement, parameters, **kwargs)


def _counted(work: Work[P, T], attempts: list[int]) -> Work[P, T]:
    async def counted(tx: AsyncManagedTransaction, /, *args: P.args, **kwargs: P.kwargs) -> T:
        attempts[0] += 1  # the driver calls the work again on each retry
        # the proxy has the transaction's `run`, the one method the units of work call
        return await work(cast(AsyncManagedTransaction, _CountingTransaction(tx)), *args, **kwargs)

    return counted


# How often `fetch` tries a read at most (within the retry time, as the driver retries managed transactions).
FETCH_ATTEMPTS = 3

# The server's own transaction timeout stops a slow query with its typed error; this later deadline bounds what
# the server cannot: connecting to a database that is down or hangs, and the driver's retries.
DEADLINE_MARGIN_S = 1.0


UNREACHABLE = "The database cannot be reached; try again in a few seconds."
INCOMPLETE_COMMIT = (
    "The database stopped answering while saving: the change may or may not be saved. Read it back before repeating it."
)


def _unavailable(kind: str, message: str, error: BaseException) -> Unavailable:
    DATABASE_ERRORS.labels(kind=kind).inc()
    log.warning("database unavailable", kind=kind, error=f"{type(error).__name__}: {error}"[:300])
    return Busy(message) if kind == "busy" else Unavailable(message)


def open_driver(settings: Settings) -> AsyncDriver:
    return AsyncGraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        connection_acquisition_timeout=settings.neo4j_query_timeout_s,
        connection_timeout=min(5.0, settings.neo4j_query_timeout_s),
        # The driver's default retries a failing transaction for 30 s, far past any caller's patience.
        max_transaction_retry_time=min(settings.neo4j_retry_s, settings.neo4j_query_timeout_s),
        notifications_min_severity="OFF",  # hints about unknown labels on an empty graph only add noise to logs
    )


class Database:
    """One database of one driver; reads and writes are managed transactions with a timeout, and `fetch` runs a
    lookup's statements as auto-commit statements."""

    def __init__(self, driver: AsyncDriver, name: str, timeout_s: float, retry_s: float = 2.0) -> None:
        self.driver = driver
        self.name = name
        self.timeout_s = timeout_s
        self.retry_s = retry_s  # for `fetch`; the driver's own setting for managed transactions

    @classmethod
    def from_settings(cls, driver: AsyncDriver, settings: Settings) -> "Database":
        return cls(driver, settings.neo4j_database, settings.neo4j_query_timeout_s, settings.neo4j_retry_s)

    def with_timeout(self, timeout_s: float) -> "Database":
        """The same database for calls that may take longer (or must be shorter) than the default."""
        return Database(self.driver, self.name, timeout_s, self.retry_s)

    async def read(self, work: Work[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        return await self._managed(neo4j.READ_ACCESS, work, *args, **kwargs)

    async def write(self, work: Work[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        return await self._managed(neo4j.WRITE_ACCESS, work, *args, **kwargs)

    async def fetch(self, work: Work[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """A read whose statements each stand alone (an API request's lookups): each runs as an auto-commit
        statement, which saves the driver a transaction's BEGIN and COMMIT per read (about half its work for a
        small one). The whole unit is tried again on a transient error, as `read` is by the driver."""
        return await self._guarded(neo4j.READ_ACCESS, self._auto_commit(work, *args, **kwargs))

    async def _auto_commit(self, work: Work[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        deadline = asyncio.get_running_loop().time() + min(self.timeout_s, self.retry_s)
        for attempt in range(1, FETCH_ATTEMPTS + 1):
            try:
                async with self.driver.session(database=self.name, default_access_mode=neo4j.READ_ACCESS) as session:
                    statements = cast(AsyncManagedTransaction, _AutoCommitStatements(session, self.timeout_s))
                    return await work(statements, *args, **kwargs)
            except (Neo4jError, DriverError) as error:
                last = attempt == FETCH_ATTEMPTS or asyncio.get_running_loop().time() > deadline
                if last or not error.is_retryable():
                    raise
                DATABASE_RETRIES.inc()
                await asyncio.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _managed(self, mode: str, work: Work[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """One managed transaction, retried by the driver for a short while."""
        attempts = [0]
        unit = neo4j.unit_of_work(timeout=self.timeout_s)(_counted(work, attempts))

        async def execute() -> T:
            async with self.driver.session(database=self.name, default_access_mode=mode) as session:
                run = session.execute_read if mode == neo4j.READ_ACCESS else session.execute_write
                return await run(unit, *args, **kwargs)

        try:
            return await self._guarded(mode, execute())
        finally:
            if attempts[0] > 1:
                DATABASE_RETRIES.inc(attempts[0] - 1)

    async def _guarded(self, mode: str, call: Awaitable[T]) -> T:
        """A database that cannot be reached or does not answer ends as `Unavailable` within the timeout (plus a
        margin), never as a hang."""
        try:
            async with asyncio.timeout(self.timeout_s + DEADLINE_MARGIN_S):
                return await call
        except IncompleteCommit as error:
            if mode == neo4j.READ_ACCESS:
                raise _unavailable("unreachable", UNREACHABLE, error) from error
            raise _unavailable("incomplete_commit", INCOMPLETE_COMMIT, error) from error
        except (ServiceUnavailable, SessionExpired) as error:
            raise _unavailable("unreachable", UNREACHABLE, error) from error
        except TimeoutError as error:
            message = f"The database did not answer within {self.timeout_s:g} s; try again shortly."
            raise _unavailable("no_answer", message, error) from error
        except TransientError as error:  # still failing after the retries: deadlocks, stopped lock clients
            raise _unavailable("busy", "The database is busy; try again in a moment.", error) from error
        except ClientError as error:
            if "TransactionTimedOut" not in (error.code or ""):
                raise
            message = f"The database could not finish this within {self.timeout_s:g} s; ask for less or try again."
            raise _unavailable("query_timeout", message, error) from error

    async def ping(self) -> None:
        """Raises when the database does not answer a trivial query; no retries, so a dead server shows at once."""
        async with self.driver.session(database=self.name, default_access_mode=neo4j.READ_ACCESS) as session:
            await (await session.run(neo4j.Query(PING, timeout=self.timeout_s))).consume()
