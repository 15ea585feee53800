"""Event invites, registrations and cancellations tell the parties: the right kinds to every account acting for
each party, none for a party without accounts, never twice."""

from typing import Any

from arq.connections import ArqRedis

from network.kit.authorisation import Role
from network.kit.database import Database
from network.settings import Settings
from tests.events.builders import CANCEL
from tests.invites.helpers import REGISTER, RESPOND, UPDATE, create_event, established, import_parties
from tests.notifications.helpers import cypher, expected, forget_wakes, notes, ordered, own, queued_wakes
from tests.support.accounts import Accounts, GraphQL, TestAccount
from tests.support.cleanup import Slugs
from tests.support.worker import run_worker


async def event_id(db: Database, slug: str) -> str:
    [row] = await cypher(db, "MATCH (e:Event {slug: $slug}) RETURN e.id AS id", slug=slug)
    return str(row["id"])


async def invite_of(db: Database, event: str, party: str) -> str:
    [row] = await cypher(
        db,
        "MATCH (:Event {slug: $event})<-[:FOR]-(s:Suggestion {kind: 'EVENT_INVITE'})-[:OF]->({slug: $party}) "
        "RETURN s.id AS id",
        event=event,
        party=party,
    )
    return str(row["id"])


async def register(graphql: GraphQL, account: TestAccount, event: str, party: str) -> list[dict[str, Any]]:
    return (await graphql(REGISTER, account, event=event, party=party))["registerForEvent"]["errors"]  # type: ignore[no-any-return]


async def test_new_invites_tell_the_invited_once(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, settings: Settings
) -> None:
    a, b = slugs("a"), slugs("b")  # b has no account
    await import_parties(db, [established(a), established(b)])
    staff, a1, a2 = await accounts.make(Role.STAFF), await accounts.make(), await accounts.make()
    await own(db, a1, a)
    await own(db, a2, a)
    event = await create_event(graphql, staff, slugs, "meetup")
    await run_worker(settings)
    invite = await invite_of(db, event, a)
    await invite_of(db, event, b)  # invited too, but nobody to tell
    want = expected("EVENT_INVITED", invite, [a1, a2])
    assert await notes(db, accounts, "EVENT_INVITED") == ordered(want)

    # a recompute proposes the same parties again: the same invites, told already
    changed = (await graphql(UPDATE, staff, slug=event, input={"outreachShare": 0.9}))["updateEvent"]
    assert changed["errors"] == []
    await run_worker(settings)
    assert await invite_of(db, event, a) == invite
    assert await notes(db, accounts, "EVENT_INVITED") == ordered(want)


async def test_a_registration_is_confirmed_once_whichever_way_it_was_made(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, settings: Settings, job_queue: ArqRedis
) -> None:
    a, b, c = slugs("a"), slugs("b"), slugs("c")
    await import_parties(db, [established(a), established(b), established(c)])
    staff, a1, b1, c1 = (
        await accounts.make(Role.STAFF),
        await accounts.make(),
        await accounts.make(),
        await accounts.make(),
    )
    for owner, party in ((a1, a), (b1, b), (c1, c)):
        await own(db, owner, party)
    event = await create_event(graphql, staff, slugs, "meetup", capacity=2)
    await run_worker(settings)
    eid, invite_b = await event_id(db, event), await invite_of(db, event, b)
    invited = await notes(db, accounts, "EVENT_INVITED")
    assert len(invited) == 3

    await forget_wakes(job_queue)
    for _ in range(2):  # registering again changes nothing and confirms nothing again
        assert await register(graphql, a1, event, a) == []
        assert await notes(db, accounts, "REGISTRATION_CONFIRMED") == expected("REGISTRATION_CONFIRMED", eid, [a1])
    assert len(await queued_wakes(job_queue)) >= 1  # woken after the commit

    from network.kit.global_id import to_global_id

    for _ in range(2):  # accepting the invite registers the party: the same confirmation
        answer = await graphql(RESPOND, b1, id=to_global_id("Suggestion", invite_b), accept=True)
        assert answer["respondToSuggestion"]["errors"] == []
    confirmed = ordered(expected("REGISTRATION_CONFIRMED", eid, [a1, b1]))
    assert await notes(db, accounts, "REGISTRATION_CONFIRMED") == confirmed

    full = await register(graphql, c1, event, c)  # capacity 2: the registration is rolled back, and its notice
    assert [e["code"] for e in full] == ["CONFLICT"]
    assert await notes(db, accounts, "REGISTRATION_CONFIRMED") == confirmed
    await forget_wakes(job_queue)


async def test_a_cancellation_tells_those_who_expected_to_come_once(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, settings: Settings, job_queue: ArqRedis
) -> None:
    a, b, c = slugs("a"), slugs("b"), slugs("c")
    await import_parties(db, [established(a), established(b), established(c)])
    staff, a1, b1, b2, c1 = (
        await accounts.make(Role.STAFF),
        await accounts.make(),
        await accounts.make(),
        await accounts.make(),
        await accounts.make(),
    )
    for owner, party in ((a1, a), (b1, b), (b2, b), (c1, c)):
        await own(db, owner, party)
    event = await create_event(graphql, staff, slugs, "meetup")
    await run_worker(settings)
    eid = await event_id(db, event)
    assert await register(graphql, a1, event, a) == []
    assert await register(graphql, staff, event, b) == []  # staff register a party: its accounts are told
    # c is only invited (PROPOSED): it expected nothing

    await forget_wakes(job_queue)
    for _ in range(2):  # cancelling again tells nobody again
        cancelled = (await graphql(CANCEL, staff, slug=event))["cancelEvent"]
        assert cancelled["errors"] == []
        want = expected("EVENT_CANCELLED", eid, [a1, b1, b2])
        assert await notes(db, accounts, "EVENT_CANCELLED") == ordered(want)
    assert len(await queued_wakes(job_queue)) >= 1
    await forget_wakes(job_queue)


async def test_cancelling_an_event_that_is_over_tells_nobody(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, settings: Settings
) -> None:
    a = slugs("a")
    await import_parties(db, [established(a)])
    staff, a1 = await accounts.make(Role.STAFF), await accounts.make()
    await own(db, a1, a)
    event = await create_event(graphql, staff, slugs, "meetup")
    assert await register(graphql, a1, event, a) == []
    await cypher(
        db,
        "MATCH (e:Event {slug: $slug}) SET e.startsAt = datetime() - duration('P2D'), "
        "e.endsAt = datetime() - duration('P1D')",
        slug=event,
    )
    assert (await graphql(CANCEL, staff, slug=event))["cancelEvent"]["errors"] == []
    assert await notes(db, accounts, "EVENT_CANCELLED") == []
