"""Fixtures: one real HTTP server that accepts the tokens of `tests.support.accounts` (accounts and `slugs` come
from the root conftest's plugins), and removal of the suggestions a test wrote."""

from collections.abc import AsyncIterator

import pytest

from network.kit.database import Database
from tests.authz.client import client, cypher, remove_questions  # noqa: F401  (client: a fixture)
from tests.support.accounts import Accounts
from tests.support.cleanup import Slugs


@pytest.fixture(autouse=True)
async def _remove_suggestions(db: Database, slugs: Slugs, accounts: Accounts) -> AsyncIterator[None]:
    """Runs before `slugs` removes the parties and `accounts` the accounts, so no suggestion, question or
    notification of a test is left behind, detached."""
    yield
    await remove_questions(db, slugs.prefix, accounts.prefix)
    await cypher(
        db, "MATCH (s:Suggestion)-[:FOR|OF]->(n) WHERE n.slug STARTS WITH $prefix DETACH DELETE s", prefix=slugs.prefix
    )
