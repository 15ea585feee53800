"""The Neo4j driver and the unit-of-work helpers every repository runs through."""

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

import neo4j
from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction

from network.kit.repository import PING
from network.settings import Settings

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


class _CountingTransaction:
    """Hands every `run` through to the driver's transaction and counts it, when a counter is active."""

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self._tx = tx

    async def run(self, query: Any, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        counter = _query_count.get()
        if counter is not None:
            counter[0] += 1
        return await self._tx.run(query, parameters, **kwargs)


def _counted(work: Work[P, T]) -> Work[P, T]:
    async def counted(tx: AsyncManagedTransaction, /, *args: P.args, **kwargs: P.kwargs) -> T:
        # the proxy has the transaction's `run`, the one method the units of work call
        return await work(cast(AsyncManagedTransaction, _CountingTransaction(tx)), *args, **kwargs)

    return counted


def open_driver(settings: Settings) -> AsyncDriver:
    return AsyncGraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        connection_acquisition_timeout=settings.neo4j_query_timeout_s,
        connection_timeout=min(5.0, settings.neo4j_query_timeout_s),
        notifications_min_severity="OFF",  # hints about unknown labels on an empty graph only add noise to logs
    )


class Database:
    """One database of one driver; reads and writes are managed transactions with a timeout."""

    def __init__(self, driver: AsyncDriver, name: str, timeout_s: float) -> None:
        self.driver = driver
        self.name = name
        self.timeout_s = timeout_s

    @classmethod
    def from_settings(cls, driver: AsyncDriver, settings: Settings) -> "Database":
        return cls(driver, settings.neo4j_database, settings.neo4j_query_timeout_s)

    async def read(self, work: Work[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        async with self.driver.session(database=self.name, default_access_mode=neo4j.READ_ACCESS) as session:
            return await session.execute_read(
                neo4j.unit_of_work(timeout=self.timeout_s)(_counted(work)), *args, **kwargs
            )

    async def write(self, work: Work[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        async with self.driver.session(database=self.name) as session:
            return await session.execute_write(
                neo4j.unit_of_work(timeout=self.timeout_s)(_counted(work)), *args, **kwargs
            )

    async def ping(self) -> None:
        """Raises when the database does not answer a trivial query; no retries, so a dead server shows at once."""
        async with self.driver.session(database=self.name, default_access_mode=neo4j.READ_ACCESS) as session:
            await (await session.run(neo4j.Query(PING, timeout=self.timeout_s))).consume()
