"""registerForEvent: for a party one acts for, once, within capacity, never for a cancelled event."""

from typing import Any

import pytest

from network.kit.authorisation import Role
from network.kit.database import Database
from tests.associations.builders import make_association, seed
from tests.events.builders import CANCEL, REGISTER, timed_event
from tests.support.accounts import Accounts, GraphQL, TestAccount
from tests.support.cleanup import Slugs


async def registered(db: Database, event_slug: str) -> list[str]:
    """The slugs of the parties registered for an event, as the graph holds them."""
    async with db.driver.session(database=db.name) as session:
        result = await session.run(
            "MATCH (p)-[:REGISTERED]->(:Event {slug: $slug}) RETURN p.slug AS slug ORDER BY slug", slug=event_slug
        )
        return [record["slug"] async for record in result]


async def member_with_association(graphql: GraphQL, accounts: Accounts, slug: str) -> TestAccount:
    member = await accounts.make(Role.MEMBER)
    made = await graphql(
        "mutation($i: CreateAssociationInput!) { createAssociation(input: $i) { errors { code } } }",
        member,
        i={"slug": slug, "name": f"Verein {slug}"},
    )
    assert made["createAssociation"]["errors"] == []
    return member


async def volunteer_with_profile(graphql: GraphQL, accounts: Accounts, slug: str) -> TestAccount:
    volunteer = await accounts.make(Role.VOLUNTEER)
    made = await graphql(
        "mutation($i: CreateVolunteerProfileInput!) { createVolunteerProfile(input: $i) { errors { code } } }",
        volunteer,
        i={"slug": slug, "displayName": "Helfer"},
    )
    assert made["createVolunteerProfile"]["errors"] == []
    return volunteer


async def register(graphql: GraphQL, account: TestAccount | None, event: str, party: str) -> dict[str, Any]:
    return (await graphql(REGISTER, account, event=event, party=party))["registerForEvent"]  # type: ignore[no-any-return]


def problems(payload: dict[str, Any]) -> list[tuple[str | None, str]]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


async def test_registering_twice_registers_once(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    await seed(db, events=[timed_event(slugs, "talk", 5)])
    member = await member_with_association(graphql, accounts, slugs("club"))
    first = await register(graphql, member, slugs("talk"), slugs("club"))
    assert first == {"event": {"slug": slugs("talk"), "registeredCount": 1}, "errors": []}
    again = await register(graphql, member, slugs("talk"), slugs("club"))
    assert again == first
    assert await registered(db, slugs("talk")) == [slugs("club")]


async def test_a_full_event_is_a_conflict_and_nothing_is_written(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    await seed(db, events=[timed_event(slugs, "small", 5, capacity=1)])
    member = await member_with_association(graphql, accounts, slugs("club"))
    volunteer = await volunteer_with_profile(graphql, accounts, slugs("helper"))
    assert (await register(graphql, member, slugs("small"), slugs("club")))["errors"] == []
    full = await register(graphql, volunteer, slugs("small"), slugs("helper"))
    assert full["event"] is None and problems(full) == [(None, "CONFLICT")]
    assert full["errors"][0]["message"] == "The event is full (1 places)."
    assert await registered(db, slugs("small")) == [slugs("club")]  # the refused registration was rolled back
    still = await register(graphql, member, slugs("small"), slugs("club"))  # being registered is not "one more"
    assert still["errors"] == [] and still["event"]["registeredCount"] == 1


async def test_a_cancelled_event_is_a_conflict(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    await seed(db, events=[timed_event(slugs, "off", 5)])
    assert (await graphql(CANCEL, await accounts.make(Role.STAFF), slug=slugs("off")))["cancelEvent"]["errors"] == []
    member = await member_with_association(graphql, accounts, slugs("club"))
    payload = await register(graphql, member, slugs("off"), slugs("club"))
    assert problems(payload) == [(None, "CONFLICT")] and payload["errors"][0]["message"] == "The event is cancelled."
    assert await registered(db, slugs("off")) == []


async def test_only_a_party_one_acts_for_may_be_registered(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    await seed(db, associations=[make_association(slugs("imported"))], events=[timed_event(slugs, "talk", 5)])
    member = await member_with_association(graphql, accounts, slugs("club"))
    await volunteer_with_profile(graphql, accounts, slugs("helper"))
    for party in ("imported", "helper"):
        payload = await register(graphql, member, slugs("talk"), slugs(party))
        assert problems(payload) == [(None, "NOT_PERMITTED")]
    other = await accounts.make(Role.MEMBER)
    assert problems(await register(graphql, other, slugs("talk"), slugs("club"))) == [(None, "NOT_PERMITTED")]
    assert await registered(db, slugs("talk")) == []
    staff = await accounts.make(Role.STAFF)
    assert (await register(graphql, staff, slugs("talk"), slugs("imported")))["errors"] == []
    assert await registered(db, slugs("talk")) == [slugs("imported")]


async def test_a_volunteer_registers_its_profile(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    await seed(db, events=[timed_event(slugs, "members-only", 5, visibility="MEMBERS")])
    volunteer = await volunteer_with_profile(graphql, accounts, slugs("helper"))
    payload = await register(graphql, volunteer, slugs("members-only"), slugs("helper"))
    assert payload == {"event": {"slug": slugs("members-only"), "registeredCount": 1}, "errors": []}


async def test_the_party_one_acts_for_is_registered_when_an_association_shares_its_slug(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    # Slugs are unique per kind only: an association and a volunteer may both be called "kim".
    await seed(db, associations=[make_association(slugs("kim"))], events=[timed_event(slugs, "talk", 5)])
    volunteer = await volunteer_with_profile(graphql, accounts, slugs("kim"))
    payload = await register(graphql, volunteer, slugs("talk"), slugs("kim"))
    assert payload["errors"] == [] and payload["event"]["registeredCount"] == 1
    async with db.driver.session(database=db.name) as session:
        record = await (
            await session.run(
                "MATCH (p)-[:REGISTERED]->(:Event {slug: $slug}) RETURN labels(p) AS l", slug=slugs("talk")
            )
        ).single()
    assert record["l"] == ["Volunteer"]


@pytest.mark.parametrize("event, party, field", [("nothing", "club", None), ("talk", "nobody", "partySlug")])
async def test_unknown_events_and_parties_are_not_found(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db, event: str, party: str, field: str | None
) -> None:
    await seed(db, events=[timed_event(slugs, "talk", 5)])
    member = await member_with_association(graphql, accounts, slugs("club"))
    assert problems(await register(graphql, member, slugs(event), slugs(party))) == [(field, "NOT_FOUND")]
    assert await registered(db, slugs("talk")) == []


async def test_anonymous_callers_may_not_register(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    await seed(db, associations=[make_association(slugs("club"))], events=[timed_event(slugs, "talk", 5)])
    payload = await register(graphql, None, slugs("talk"), slugs("club"))
    assert problems(payload) == [(None, "NOT_PERMITTED")] and payload["errors"][0]["message"].startswith("Sign in")
    assert await registered(db, slugs("talk")) == []


async def test_each_party_sees_only_its_own_registrations_of_an_event(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    await seed(db, events=[timed_event(slugs, "meetup", 5)])
    member = await member_with_association(graphql, accounts, slugs("club"))
    volunteer = await volunteer_with_profile(graphql, accounts, slugs("helper"))
    for account, party in ((member, slugs("club")), (volunteer, slugs("helper"))):
        assert (await register(graphql, account, slugs("meetup"), party))["errors"] == []
    query = (
        "query($slug: String!) { event(slug: $slug) { registeredCount "
        "yourRegistrations { ... on Association { slug } ... on Volunteer { slug } } } }"
    )
    seen = {}
    for who, account in (("member", member), ("volunteer", volunteer), ("other", await accounts.make(Role.MEMBER))):
        seen[who] = (await graphql(query, account, slug=slugs("meetup")))["event"]
    assert seen["member"] == {"registeredCount": 2, "yourRegistrations": [{"slug": slugs("club")}]}
    assert seen["volunteer"]["yourRegistrations"] == [{"slug": slugs("helper")}]
    assert seen["other"] == {"registeredCount": 2, "yourRegistrations": []}  # counted, never named
    anonymous = (await graphql(query, None, slug=slugs("meetup")))["event"]
    assert anonymous["yourRegistrations"] == []
