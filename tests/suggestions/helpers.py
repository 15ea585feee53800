"""Builders of a suggestion test: parties imported under the test's slugs, owners, and the operations."""

from typing import Any

from arq.constants import default_queue_name, job_key_prefix
from redis.asyncio import Redis

from network.kit import freshness
from network.kit.authorisation import Role
from network.kit.database import Database
from network.suggestions.recompute import recompute_all
from network.transfer.service import import_document
from tests.suggestions.conftest import cypher
from tests.support.accounts import Accounts, TestAccount
from tests.support.cleanup import Slugs
from tests.transfer.builders import make_association, make_volunteer

PARTY = "... on Association { slug } ... on Volunteer { slug }"
SUGGESTION = f"id kind score status reasons {{ code detail }} computedAt candidate {{ {PARTY} }}"
PEERS = (
    "query($slug: String!, $first: Int) { association(slug: $slug) { "
    f"peerSuggestions(first: $first) {{ {SUGGESTION} }} }} }}"
)
MENTORS = f"query($slug: String!) {{ association(slug: $slug) {{ mentorSuggestions {{ {SUGGESTION} }} }} }}"
MENTEES = f"query($slug: String!) {{ volunteer(slug: $slug) {{ menteeSuggestions {{ {SUGGESTION} }} }} }}"
CONTACT = "query($slug: String!) { association(slug: $slug) { contactEmail } }"
VOLUNTEER_CONTACT = "query($slug: String!) { volunteer(slug: $slug) { contactEmail } }"
RESPOND = (
    "mutation($id: ID!, $accept: Boolean!) { respondToSuggestion(id: $id, accept: $accept) { "
    "suggestion { status candidate { ... on Association { slug contactEmail } "
    "... on Volunteer { slug contactEmail } } } errors { field code message } } }"
)

# A rare tool, a field and a district shared by the test's associations, so they are each other's best peers.
PEER_PROFILE: dict[str, Any] = {
    "district": "pankow",
    "fields": ["culture-music"],
    "targetGroups": ["older-people"],
    "tools": [{"tool": "openslides", "proficiency": "INTERMEDIATE"}],
    "considers": [],
    "needs": [],
}


def crowd(slugs: Any, count: int = 4) -> list[dict[str, Any]]:
    """Associations unlike the test's own, so that what the test's associations share is rare among all of them:
    a tool, field or target group every association has says nothing (its rarity is 0) and gives no reason."""
    return [
        make_association(
            slugs(f"crowd{i}"),
            district="spandau",
            fields=["sport"],
            targetGroups=["young-people"],
            tools=[{"tool": "zoom", "proficiency": "INTERMEDIATE"}],
        )
        for i in range(count)
    ]


async def import_parties(
    db: Database,
    associations: list[dict[str, Any]] = (),  # type: ignore[assignment]
    volunteers: list[dict[str, Any]] = (),  # type: ignore[assignment]
    connections: list[dict[str, str]] = (),
) -> None:  # type: ignore[assignment]
    await import_document(
        db, {"associations": list(associations), "volunteers": list(volunteers), "connections": list(connections)}
    )


def peer(slug: str, **overrides: Any) -> dict[str, Any]:
    return make_association(slug, **{**PEER_PROFILE, **overrides})


def volunteer(slug: str, **overrides: Any) -> dict[str, Any]:
    return make_volunteer(slug, **overrides)


async def own(db: Database, account: TestAccount, slug: str) -> None:
    """The account acts for the association or volunteer `slug`, as its creator would."""
    await cypher(
        db,
        "MATCH (a:Account {id: $account}), (n) WHERE (n:Association OR n:Volunteer) AND n.slug = $slug "
        "MERGE (a)-[:ACTS_FOR]->(n)",
        account=account.id,
        slug=slug,
    )


async def owned_peers(db: Database, slugs: Slugs, accounts: Accounts) -> tuple[str, str, TestAccount, TestAccount]:
    """Two associations that are each other's best peer, matched, each with a member acting for it: a, b and their
    members."""
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b)])
    await recompute_all(db)
    owner_a, owner_b = await accounts.make(Role.MEMBER, "a"), await accounts.make(Role.MEMBER, "b")
    await own(db, owner_a, a)
    await own(db, owner_b, b)
    return a, b, owner_a, owner_b


def slugs_of(suggestions: list[dict[str, Any]]) -> list[str]:
    return [s["candidate"]["slug"] for s in suggestions]


async def snapshot(db: Database) -> list[tuple[Any, ...]]:
    """Every peer and mentoring suggestion as a run leaves it (ids and times aside), in a stable order."""
    rows = await cypher(
        db,
        "MATCH (s:Suggestion) WHERE s.kind IN ['PEER', 'MENTORING'] "
        "RETURN s.kind AS kind, s.pairKey AS pairKey, s.score AS score, s.reasons AS reasons, "
        "s.status AS status ORDER BY kind, pairKey",
    )
    return [(r["kind"], r["pairKey"], r["score"], r["reasons"], r["status"]) for r in rows]


async def forget_refreshes(redis: Redis) -> None:
    """A clean slate for refresh tests: no pending changes, no queued refresh left by an earlier test, an empty
    change feed."""
    queued = [job.decode() for job in await redis.zrange(default_queue_name, 0, -1)]
    stale = [job for job in queued if job.startswith(f"{freshness.REFRESH}:")]
    if stale:
        await redis.zrem(default_queue_name, *stale)
        await redis.delete(*(job_key_prefix + job for job in stale))
    await redis.delete(freshness.PENDING, freshness.CHANGES)


async def queued_refreshes(redis: Redis) -> list[str]:
    return [
        job.decode()
        for job in await redis.zrange(default_queue_name, 0, -1)
        if job.decode().startswith(f"{freshness.REFRESH}:")
    ]


async def association_id(db: Database, slug: str) -> str:
    return str((await cypher(db, "MATCH (n:Association {slug: $slug}) RETURN n.id AS id", slug=slug))[0]["id"])


async def party_id(db: Database, slug: str) -> str:
    """The id of the association or volunteer `slug`."""
    found = await cypher(
        db, "MATCH (n) WHERE (n:Association OR n:Volunteer) AND n.slug = $slug RETURN n.id AS id", slug=slug
    )
    return str(found[0]["id"])


async def uses_tool(db: Database, slug: str, tool: str) -> None:
    """The association takes up `tool` (EXPERT), written straight to the graph."""
    await cypher(
        db,
        "MATCH (n:Association {slug: $slug}), (t:Tool {slug: $tool}) MERGE (n)-[:USES {proficiency: 'EXPERT'}]->(t)",
        slug=slug,
        tool=tool,
    )
