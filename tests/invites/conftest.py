"""Fixtures: removal of the invites and job runs about a test's events and parties."""

from collections.abc import AsyncIterator

import pytest

from network.kit.database import Database
from tests.invites.helpers import cypher
from tests.support.cleanup import Slugs


@pytest.fixture(autouse=True)
async def _remove_invites(db: Database, slugs: Slugs) -> AsyncIterator[None]:
    """Runs before `slugs` removes the events and parties, so no invite of this test is left dangling."""
    yield
    await cypher(
        db, "MATCH (s:Suggestion)-[:FOR|OF]->(n) WHERE n.slug STARTS WITH $prefix DETACH DELETE s", prefix=slugs.prefix
    )
