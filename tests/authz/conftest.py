"""Fixtures: one real HTTP server that accepts the tokens of `tests.support.accounts` (accounts and `slugs` come
from the root conftest's plugins), and removal of the suggestions a test wrote."""

from collections.abc import AsyncIterator

import pytest

from network.kit.database import Database
from tests.authz.client import client, cypher  # noqa: F401  (client: a fixture)
from tests.support.cleanup import Slugs


@pytest.fixture(autouse=True)
async def _remove_suggestions(db: Database, slugs: Slugs) -> AsyncIterator[None]:
    """Runs before `slugs` removes the parties, so no suggestion of a test is left behind, detached."""
    yield
    await cypher(
        db, "MATCH (s:Suggestion)-[:FOR|OF]->(n) WHERE n.slug STARTS WITH $prefix DETACH DELETE s", prefix=slugs.prefix
    )
