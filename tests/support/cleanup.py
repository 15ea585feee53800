"""Unique slugs per test and removal of everything a test wrote under them."""

import uuid
from collections.abc import AsyncIterator

import pytest

from network.kit.database import Database


class Slugs:
    """Hands out slugs with a per-test prefix, so tests never collide and cleanup finds exactly their nodes."""

    def __init__(self) -> None:
        self.prefix = f"t{uuid.uuid4().hex[:10]}"

    def __call__(self, name: str) -> str:
        return f"{self.prefix}-{name}"


@pytest.fixture
async def slugs(db: Database) -> AsyncIterator[Slugs]:
    made = Slugs()
    yield made
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                "MATCH (n) WHERE (n:Association OR n:Volunteer OR n:Event) AND n.slug STARTS WITH $prefix "
                # an association's experience reports go with it, as they do when it is deleted
                "CALL (n) { MATCH (n)-[:REPORTED]->(r:ExperienceReport) DETACH DELETE r } "
                "DETACH DELETE n",
                prefix=made.prefix,
            )
        ).consume()
