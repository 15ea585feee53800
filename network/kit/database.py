"""The Neo4j driver and the unit-of-work helpers every repository runs through."""

from collections.abc import Awaitable, Callable
from typing import Concatenate, ParamSpec, TypeVar

import neo4j
from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction

from network.settings import Settings

P = ParamSpec("P")
T = TypeVar("T")
Work = Callable[Concatenate[AsyncManagedTransaction, P], Awaitable[T]]


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
            return await session.execute_read(neo4j.unit_of_work(timeout=self.timeout_s)(work), *args, **kwargs)

    async def write(self, work: Work[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        async with self.driver.session(database=self.name) as session:
            return await session.execute_write(neo4j.unit_of_work(timeout=self.timeout_s)(work), *args, **kwargs)

    async def ping(self) -> None:
        """Raises when the database does not answer a trivial query; no retries, so a dead server shows at once."""
        async with self.driver.session(database=self.name, default_access_mode=neo4j.READ_ACCESS) as session:
            await (await session.run(neo4j.Query("RETURN 1", timeout=self.timeout_s))).consume()
