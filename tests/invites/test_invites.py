"""Invite suggestions of an event: computed by the worker after createEvent and after topic changes, with the
outreach share, never for registered parties; read by staff, and by a party for its own invite only."""

import math

from network.kit.authorisation import Role
from network.kit.database import Database
from network.settings import Settings
from tests.invites.helpers import (
    CREATE,
    REGISTER,
    UPDATE,
    create_event,
    cypher,
    established,
    event_input,
    helper,
    import_parties,
    invites,
    own,
    slugs_of,
    small,
)
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs
from tests.support.worker import run_worker


async def test_create_event_enqueues_invites_that_hold_the_outreach_share(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, settings: Settings
) -> None:
    big = [slugs(f"big{i}") for i in range(6)]
    little = [slugs(f"small{i}") for i in range(4)]
    await import_parties(db, [established(s) for s in big] + [small(s) for s in little])
    staff = await accounts.make(Role.STAFF)
    # capacity 2: six invites; the six established associations score best, half must go to outreach
    event = await create_event(graphql, staff, slugs, "meetup", capacity=2, outreachShare=0.5)
    assert await invites(graphql, staff, event) == []  # computed by the worker, after the commit

    await run_worker(settings)

    found = await invites(graphql, staff, event)
    assert len(found) == 6
    assert all(s["kind"] == "EVENT_INVITE" and s["status"] == "PROPOSED" for s in found)
    assert [s["score"] for s in found] == sorted((s["score"] for s in found), reverse=True)
    outreach = [s for s in found if {"code": "OUTREACH", "detail": "SMALL"} in s["reasons"]]
    assert len(outreach) == math.ceil(0.5 * len(found))  # the quota, and no more: the rest rank on merit
    assert set(slugs_of(outreach)) <= set(little)
    assert all({"code": "USES_TOOL", "detail": "engelsystem"} in s["reasons"] for s in found)
    # the strongest established ones keep their places; the weakest give way to outreach
    assert set(slugs_of(found)) - set(little) <= set(big) and len(set(slugs_of(found))) == 6
    stored = await cypher(
        db,
        "MATCH (e:Event {slug: $slug})<-[:FOR]-(s:Suggestion)-[:OF]->(p) "
        "RETURN s.pairKey AS key, e.id AS event, p.id AS party, s.algorithmVersion AS version, "
        "s.computedAt IS NOT NULL AS computed",
        slug=event,
    )
    assert len(stored) == 6
    assert all(r["key"] == f"{r['event']}|{r['party']}" and r["version"] and r["computed"] for r in stored)


async def test_registered_parties_are_not_invited_and_a_topic_change_recomputes(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, settings: Settings
) -> None:
    a, b, v, other = slugs("a"), slugs("b"), slugs("v"), slugs("other")
    await import_parties(db, [established(a), established(b), established(other, tool="pretix")], [helper(v)])
    staff = await accounts.make(Role.STAFF)
    event = await create_event(graphql, staff, slugs, "meetup")
    registered = (await graphql(REGISTER, staff, event=event, party=a))["registerForEvent"]
    assert registered["errors"] == []
    await run_worker(settings)
    assert sorted(slugs_of(await invites(graphql, staff, event))) == sorted([b, v])

    changed = (await graphql(UPDATE, staff, slug=event, input={"about": {"tools": ["pretix"]}}))["updateEvent"]
    assert changed["errors"] == []
    await run_worker(settings)

    assert slugs_of(await invites(graphql, staff, event)) == [other]
    left = await cypher(db, "MATCH (:Event {slug: $slug})<-[:FOR]-(s:Suggestion) RETURN count(s) AS n", slug=event)
    assert left == [{"n": 1}]  # the proposed invites of the old topic are gone, not just hidden


async def test_a_change_that_leaves_the_ranking_alone_enqueues_nothing(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, settings: Settings
) -> None:
    await import_parties(db, [established(slugs("a"))])
    staff = await accounts.make(Role.STAFF)
    event = await create_event(graphql, staff, slugs, "meetup")
    await run_worker(settings)
    runs = "MATCH (r:JobRun {kind: 'events.invites'}) RETURN count(r) AS n"
    before = await cypher(db, runs)
    renamed = (await graphql(UPDATE, staff, slug=event, input={"title": "Another title"}))["updateEvent"]
    assert renamed["errors"] == []
    assert await cypher(db, runs) == before
    reshared = (await graphql(UPDATE, staff, slug=event, input={"outreachShare": 0.6}))["updateEvent"]
    assert reshared["errors"] == []
    assert (await cypher(db, runs))[0]["n"] == before[0]["n"] + 1
    await run_worker(settings)


async def test_staff_read_every_invite_a_party_only_its_own_and_nobody_else_any(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, settings: Settings
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [established(a), small(b)])
    staff = await accounts.make(Role.STAFF)
    owner_a, stranger = await accounts.make(Role.MEMBER, "a"), await accounts.make(Role.MEMBER, "stranger")
    volunteer = await accounts.make(Role.VOLUNTEER)
    await own(db, owner_a, a)
    event = await create_event(graphql, staff, slugs, "meetup")
    await run_worker(settings)

    assert sorted(slugs_of(await invites(graphql, staff, event))) == sorted([a, b])
    assert slugs_of(await invites(graphql, owner_a, event)) == [a]
    for reader in (None, stranger, volunteer):
        assert await invites(graphql, reader, event) == []


async def test_an_out_of_range_outreach_share_is_refused_on_its_field(
    slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    staff = await accounts.make(Role.STAFF)
    refused = (await graphql(CREATE, staff, input=event_input(slugs, "bad", outreachShare=1.5)))["createEvent"]
    assert refused["event"] is None
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("outreachShare", "INVALID_INPUT")]
