"""Suggestions as the matching engine writes them, removed after each test with the questions and notifications
of the test, and a search of the whole graph."""

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from network.kit.database import Database
from tests.authz.client import cypher, remove_questions
from tests.support.accounts import Accounts
from tests.support.cleanup import Slugs


async def suggest(db: Database, slugs: Slugs, kind: str, party: str, candidate: str) -> str:
    """(s:Suggestion)-[:FOR]->(party), (s)-[:OF]->(candidate), both given by slug; returns the suggestion's id."""
    suggestion_id = str(uuid.uuid4())
    await cypher(
        db,
        "MATCH (f {slug: $party}), (o {slug: $candidate}) "
        "CREATE (s:Suggestion {id: $id, batch: $batch, kind: $kind, score: 0.75, status: 'PROPOSED', "
        "reasons: ['SHARED_TOOL nextcloud'], computedAt: datetime(), algorithm: 'test-1'}), "
        "(s)-[:FOR]->(f), (s)-[:OF]->(o)",
        id=suggestion_id,
        batch=slugs.prefix,
        kind=kind,
        party=party,
        candidate=candidate,
    )
    return suggestion_id


@pytest.fixture(autouse=True)
async def _remove_suggestions(db: Database, slugs: Slugs, accounts: Accounts) -> AsyncIterator[None]:
    yield
    await remove_questions(db, slugs.prefix, accounts.prefix)
    await cypher(db, "MATCH (s:Suggestion {batch: $batch}) DETACH DELETE s", batch=slugs.prefix)


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [str(value)]


async def mentions(db: Database, needles: list[str]) -> list[str]:
    """Every node and relationship, anywhere in the graph, with a property holding one of `needles`."""
    rows = await cypher(
        db,
        "MATCH (n) RETURN labels(n) AS what, properties(n) AS props "
        "UNION ALL MATCH ()-[r]->() RETURN [type(r)] AS what, properties(r) AS props",
    )
    return [
        f"{row['what']} {row['props']}"
        for row in rows
        if any(needle.lower() in text.lower() for text in _strings(row["props"]) for needle in needles)
    ]
