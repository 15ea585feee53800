"""Fixtures: removal of the notifications, suggestions and job queue entries a notification test left behind."""

from collections.abc import AsyncIterator

import pytest

from network.kit.database import Database
from tests.notifications.helpers import cypher
from tests.support.accounts import Accounts
from tests.support.cleanup import Slugs


@pytest.fixture(autouse=True)
async def _remove_notifications(db: Database, slugs: Slugs, accounts: Accounts) -> AsyncIterator[None]:
    """Runs before `slugs` and `accounts` remove the parties and accounts: their notifications and suggestions go
    first, so nothing of this test is left dangling."""
    yield
    await cypher(
        db,
        "MATCH (n:Notification)-[:TO]->(a:Account) WHERE a.email STARTS WITH $prefix DETACH DELETE n",
        prefix=accounts.prefix,
    )
    await cypher(
        db, "MATCH (s:Suggestion)-[:FOR|OF]->(n) WHERE n.slug STARTS WITH $prefix DETACH DELETE s", prefix=slugs.prefix
    )
