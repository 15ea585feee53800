"""Answering an invite with respondToSuggestion: the invited party alone; accept registers within capacity,
decline is for good."""

from typing import Any

from network.kit.authorisation import Role
from network.kit.database import Database
from network.settings import Settings
from tests.invites.helpers import (
    REGISTER,
    RESPOND,
    UPDATE,
    create_event,
    cypher,
    established,
    import_parties,
    invites,
    own,
    small,
)
from tests.support.accounts import Accounts, GraphQL, TestAccount
from tests.support.cleanup import Slugs
from tests.support.worker import run_worker


async def respond(graphql: GraphQL, account: TestAccount, invite: dict[str, Any], accept: bool) -> dict[str, Any]:
    return (await graphql(RESPOND, account, id=invite["id"], accept=accept))["respondToSuggestion"]  # type: ignore[no-any-return]


async def status(db: Database, event: str, party: str) -> list[str]:
    found = await cypher(
        db,
        "MATCH (:Event {slug: $event})<-[:FOR]-(s:Suggestion)-[:OF]->({slug: $party}) RETURN s.status AS status",
        event=event,
        party=party,
    )
    return [r["status"] for r in found]


async def registered(db: Database, event: str) -> list[str]:
    found = await cypher(
        db, "MATCH (p)-[:REGISTERED]->(:Event {slug: $event}) RETURN p.slug AS slug ORDER BY slug", event=event
    )
    return [r["slug"] for r in found]


async def test_accepting_registers_the_party_for_the_event(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, settings: Settings
) -> None:
    a = slugs("a")
    await import_parties(db, [established(a)])
    staff, owner = await accounts.make(Role.STAFF), await accounts.make(Role.MEMBER, "a")
    await own(db, owner, a)
    event = await create_event(graphql, staff, slugs, "meetup")
    await run_worker(settings)
    [invite] = await invites(graphql, owner, event)

    answer = await respond(graphql, owner, invite, accept=True)
    assert answer == {
        "suggestion": {"status": "ACCEPTED", "kind": "EVENT_INVITE", "candidate": {"slug": a}},
        "errors": [],
    }
    assert await registered(db, event) == [a]
    assert (await respond(graphql, owner, invite, accept=True))["errors"] == []  # again: nothing changes
    assert await registered(db, event) == [a]
    late = await respond(graphql, owner, invite, accept=False)
    assert late["errors"][0]["code"] == "CONFLICT" and await registered(db, event) == [a]
    assert (await respond(graphql, staff, invite, accept=True))["errors"][0]["code"] == "NOT_PERMITTED"


async def test_accepting_for_a_full_event_is_a_conflict_and_the_invite_stays_proposed(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, settings: Settings
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [established(a), established(b)])
    staff, owner_a = await accounts.make(Role.STAFF), await accounts.make(Role.MEMBER, "a")
    owner_b = await accounts.make(Role.MEMBER, "b")
    await own(db, owner_a, a)
    await own(db, owner_b, b)
    event = await create_event(graphql, staff, slugs, "meetup", capacity=1)
    await run_worker(settings)
    [invite_b] = await invites(graphql, owner_b, event)
    # A registers on its own: that answers its invite too
    assert (await graphql(REGISTER, owner_a, event=event, party=a))["registerForEvent"]["errors"] == []
    assert await status(db, event, a) == ["ACCEPTED"]

    full = await respond(graphql, owner_b, invite_b, accept=True)
    assert full["suggestion"] is None
    assert [(e["code"], e["message"]) for e in full["errors"]] == [("CONFLICT", "The event is full (1 places).")]
    assert await status(db, event, b) == ["PROPOSED"] and await registered(db, event) == [a]


async def test_a_declined_invite_never_comes_back(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, settings: Settings
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [established(a), small(b)])
    staff, owner = await accounts.make(Role.STAFF), await accounts.make(Role.MEMBER, "b")
    await own(db, owner, b)
    event = await create_event(graphql, staff, slugs, "meetup")
    await run_worker(settings)
    [invite] = await invites(graphql, owner, event)

    declined = await respond(graphql, owner, invite, accept=False)
    assert declined["errors"] == [] and declined["suggestion"]["status"] == "DECLINED"
    # a change of what the ranking depends on recomputes the invites: B stays declined and out of every list
    changed = (await graphql(UPDATE, staff, slug=event, input={"outreachShare": 1.0}))["updateEvent"]
    assert changed["errors"] == []
    await run_worker(settings)

    assert await status(db, event, b) == ["DECLINED"]
    assert [s["candidate"]["slug"] for s in await invites(graphql, staff, event)] == [a]
    assert await invites(graphql, owner, event) == []
    again = await respond(graphql, owner, invite, accept=True)
    assert again["errors"][0]["code"] == "CONFLICT" and await registered(db, event) == []
