"""Expiry: unanswered suggestions older than the setting become EXPIRED, hidden, unanswerable, never proposed again."""

import datetime as dt
from typing import Any

from arq.connections import ArqRedis

from jobs.tasks.suggestions import expire
from network.kit.authorisation import Role
from network.kit.database import Database
from network.settings import Settings
from network.suggestions.changes_feed import CHANNEL
from network.suggestions.recompute import recompute_all
from tests.suggestions.conftest import cypher
from tests.suggestions.helpers import (
    PEERS,
    RESPOND,
    crowd,
    forget_refreshes,
    import_parties,
    own,
    party_id,
    peer,
    slugs_of,
    snapshot,
    volunteer,
)
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs
from tests.support.feed import told
from tests.transfer.builders import make_association

PAIR = "MATCH (:Association {slug: $a})<-[:FOR|OF]-(s:Suggestion {kind: 'PEER'})-[:FOR|OF]->(:Association {slug: $b}) "


async def _age(db: Database, a: str, b: str, days: int) -> None:
    await cypher(db, PAIR + "SET s.createdAt = datetime() - duration({days: $days})", a=a, b=b, days=days)


async def _status(db: Database, a: str, b: str) -> list[dict[str, Any]]:
    return await cypher(db, PAIR + "RETURN s.status AS status", a=a, b=b)


async def test_overdue_suggestions_expire_for_good(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, settings: Settings, job_queue: ArqRedis
) -> None:
    a, b, c = slugs("a"), slugs("b"), slugs("c")
    await import_parties(db, [peer(a), peer(b), peer(c)])
    await recompute_all(db)
    owner_a, owner_b = await accounts.make(Role.MEMBER, "a"), await accounts.make(Role.MEMBER, "b")
    await own(db, owner_a, a)
    await own(db, owner_b, b)
    suggestion = next(
        s
        for s in (await graphql(PEERS, owner_a, slug=a))["association"]["peerSuggestions"]
        if s["candidate"]["slug"] == b
    )
    await _age(db, a, b, settings.suggestion_expiry_days + 1)
    await _age(db, a, c, settings.suggestion_expiry_days - 1)  # not yet due
    ctx = {"db": db, "redis": job_queue, "settings": settings}

    assert (await expire(ctx))["expired"] >= 1
    assert await _status(db, a, b) == [{"status": "EXPIRED"}]
    assert await _status(db, a, c) == [{"status": "PROPOSED"}]
    after_first = await snapshot(db)
    assert await expire(ctx) == {"expired": 0}  # idempotent
    assert await snapshot(db) == after_first

    assert b not in slugs_of((await graphql(PEERS, owner_a, slug=a))["association"]["peerSuggestions"])
    late = (await graphql(RESPOND, owner_b, id=suggestion["id"], accept=True))["respondToSuggestion"]
    assert late["suggestion"] is None
    assert late["errors"][0]["code"] == "CONFLICT" and "expired" in late["errors"][0]["message"]

    counts = await recompute_all(db)  # a recompute neither resurrects nor re-proposes the pair
    assert counts.peer >= 1
    assert await _status(db, a, b) == [{"status": "EXPIRED"}]
    await forget_refreshes(job_queue)  # the refresh the expiry scheduled is not this test's business


async def test_days_count_from_the_first_proposal_not_the_last_recompute(
    db: Database, slugs: Slugs, settings: Settings, job_queue: ArqRedis
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b), *crowd(slugs)])
    await recompute_all(db)
    await _age(db, a, b, settings.suggestion_expiry_days + 2)
    first = await cypher(db, PAIR + "RETURN s.createdAt AS created", a=a, b=b)
    # one more field on one side: the pair's field similarity changes, the recompute rescores the pair
    await cypher(
        db,
        "MATCH (n:Association {slug: $a}) MATCH (f:Field {slug: 'sport'}) MERGE (n)-[:ACTIVE_IN]->(f)",
        a=a,
    )
    counts = await recompute_all(db)
    assert counts.updated >= 1
    assert await cypher(db, PAIR + "RETURN s.createdAt AS created", a=a, b=b) == first
    overdue = dt.datetime.now(dt.UTC) - dt.timedelta(days=settings.suggestion_expiry_days)
    assert first[0]["created"].to_native() < overdue
    await expire({"db": db, "redis": job_queue, "settings": settings})
    assert await _status(db, a, b) == [{"status": "EXPIRED"}]
    await forget_refreshes(job_queue)


async def test_both_sides_of_an_expired_pair_are_told_with_its_kind(
    db: Database, slugs: Slugs, settings: Settings, job_queue: ArqRedis
) -> None:
    a, b, m, v = slugs("a"), slugs("b"), slugs("m"), slugs("v")
    await import_parties(db, [peer(a), peer(b), make_association(m)], [volunteer(v)])
    await recompute_all(db)
    found = await cypher(
        db,
        "MATCH (s:Suggestion)-[:FOR|OF]->(n) WHERE n.slug IN $slugs "
        "SET s.createdAt = datetime() - duration({days: $days}) RETURN DISTINCT s.kind AS kind, s.pairKey AS key",
        slugs=[a, b, m, v],
        days=settings.suggestion_expiry_days + 1,
    )
    assert {r["kind"] for r in found} == {"MENTORING", "PEER"}
    ids = {slug: await party_id(db, slug) for slug in (a, b, m, v)}
    expected: dict[str, set[str]] = {}
    for row in found:  # both sides of each pair, where it is one of the four
        for party in set(row["key"].split("|")) & set(ids.values()):
            expected.setdefault(party, set()).add(row["kind"])
    assert expected[ids[a]] == {"PEER"} and expected[ids[v]] == {"MENTORING"}
    async with job_queue.pubsub() as watching:  # as an API process watching the four parties' suggestions
        await watching.subscribe(*(CHANNEL + party for party in ids.values()))
        await expire({"db": db, "redis": job_queue, "settings": settings})
        heard = await told(watching, set(ids.values()))
    # each side hears once its pair left its list, and of which kind, so a watcher reads the right list again
    assert heard == expected
    await forget_refreshes(job_queue)
