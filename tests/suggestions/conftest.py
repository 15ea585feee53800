"""Fixtures: a test's parties imported and owned by accounts, and removal of the suggestions about them."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
from arq.connections import ArqRedis

from jobs import live as applier
from network.kit import freshness
from network.kit.database import Database
from tests.support.cleanup import Slugs


async def cypher(db: Database, query: str, **parameters: Any) -> list[dict[str, Any]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query, parameters)
        return [record.data() async for record in result]


@pytest.fixture(autouse=True)
async def _remove_suggestions(db: Database, slugs: Slugs) -> AsyncIterator[None]:
    """Runs before `slugs` removes the parties, so no suggestion of this test is left dangling."""
    yield
    await cypher(
        db, "MATCH (s:Suggestion)-[:FOR|OF]->(n) WHERE n.slug STARTS WITH $prefix DETACH DELETE s", prefix=slugs.prefix
    )


@pytest.fixture
async def feed(job_queue: ArqRedis) -> AsyncIterator[ArqRedis]:
    """An empty change feed, no live lease and no queued refresh, before and after."""
    from tests.suggestions.helpers import forget_refreshes  # helpers import this module's `cypher`

    async def clean() -> None:
        await job_queue.delete(freshness.CHANGES, applier.LEASE)
        await forget_refreshes(job_queue)

    await clean()
    yield job_queue
    await clean()
