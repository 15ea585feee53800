"""createEvent, updateEvent and cancelEvent: staff only, partial changes, and bad input that writes nothing."""

import datetime as dt
from typing import Any

import pytest

from network.kit.authorisation import Role
from network.kit.global_id import to_global_id
from tests.associations.builders import seed, stored
from tests.events.builders import CANCEL, CREATE, EVENT, UPDATE, at, timed_event
from tests.support.accounts import Accounts, GraphQL, TestAccount
from tests.support.cleanup import Slugs


def new(slugs: Slugs, name: str, **overrides: Any) -> dict[str, Any]:
    """A valid CreateEventInput."""
    return {
        "slug": slugs(name),
        "title": "Datenschutz-Sprechstunde",
        "startsAt": at(slugs, 17),
        "endsAt": at(slugs, 19),
        "description": "Fragen zur DSGVO",
        "format": "ONLINE",
        "district": "mitte",
        "capacity": 12,
        "visibility": "PUBLIC",
        "outreachShare": 0.4,
        "about": {"tools": ["nextcloud"], "skills": ["gdpr-basics-for-associations"], "fields": ["health"]},
        **overrides,
    }


async def create(graphql: GraphQL, account: TestAccount | None, data: dict[str, Any]) -> dict[str, Any]:
    return (await graphql(CREATE, account, input=data))["createEvent"]  # type: ignore[no-any-return]


async def update(graphql: GraphQL, account: TestAccount | None, slug: str, **changes: Any) -> dict[str, Any]:
    return (await graphql(UPDATE, account, slug=slug, input=changes))["updateEvent"]  # type: ignore[no-any-return]


def problems(payload: dict[str, Any]) -> list[tuple[str | None, str]]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


async def test_staff_create_an_event(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    payload = await create(graphql, await accounts.make(Role.STAFF), new(slugs, "talk"))
    assert payload["errors"] == []
    made = payload["event"]
    node = await stored(db, "Event", slugs("talk"))
    assert made["id"] == to_global_id("Event", node["id"])
    assert {key: made[key] for key in ("title", "format", "status", "capacity", "outreachShare", "canEdit")} == {
        "title": "Datenschutz-Sprechstunde",
        "format": "ONLINE",
        "status": "SCHEDULED",
        "capacity": 12,
        "outreachShare": 0.4,
        "canEdit": True,
    }
    assert dt.datetime.fromisoformat(made["startsAt"]) == dt.datetime.fromisoformat(at(slugs, 17))
    assert node["links"] == [
        "ABOUT:gdpr-basics-for-associations",
        "ABOUT:health",
        "ABOUT:nextcloud",
        "LOCATED_IN:mitte",
    ]


@pytest.mark.parametrize(
    "role, message",
    [(None, "Sign in first"), (Role.MEMBER, "Only programme staff"), (Role.VOLUNTEER, "Only programme staff")],
)
async def test_only_staff_create_events(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db, role: Role | None, message: str
) -> None:
    account = None if role is None else await accounts.make(role)
    payload = await create(graphql, account, new(slugs, "refused"))
    assert payload["event"] is None and problems(payload) == [(None, "NOT_PERMITTED")]
    assert payload["errors"][0]["message"].startswith(message)
    assert await stored(db, "Event", slugs("refused")) is None


async def test_a_taken_slug_is_a_conflict(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    await seed(db, events=[timed_event(slugs, "taken", 3)])
    before = await stored(db, "Event", slugs("taken"))
    payload = await create(graphql, await accounts.make(Role.STAFF), new(slugs, "taken"))
    assert [e["code"] for e in payload["errors"]] == ["CONFLICT"] and payload["event"] is None
    assert await stored(db, "Event", slugs("taken")) == before


@pytest.mark.parametrize(
    "change, field, words",
    [
        ({"endsAt": "START"}, None, "endsAt must be after startsAt"),
        (
            {"about": {"tools": ["nextcloud", "abacus"], "skills": ["telepathy"]}},
            "about.tools[1]",
            "unknown tool 'abacus'",
        ),
        ({"district": "atlantis"}, "district", "unknown district 'atlantis'"),
        ({"capacity": 0}, "capacity", "greater than or equal to 1"),
        ({"outreachShare": 1.5}, "outreachShare", "less than or equal to 1"),
        ({"startsAt": "2201-03-04T10:00:00"}, "startsAt", "timezone"),
    ],
)
async def test_bad_input_names_the_field_and_writes_nothing(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db, change: dict[str, Any], field: str | None, words: str
) -> None:
    data = new(slugs, "bad", **change)
    if data["endsAt"] == "START":
        data["endsAt"] = data["startsAt"]
    payload = await create(graphql, await accounts.make(Role.STAFF), data)
    assert payload["event"] is None and payload["errors"][0]["field"] == field
    assert {e["code"] for e in payload["errors"]} == {"INVALID_INPUT"} and words in payload["errors"][0]["message"]
    assert await stored(db, "Event", slugs("bad")) is None


async def test_an_update_changes_only_the_given_fields(graphql: GraphQL, accounts: Accounts, slugs: Slugs) -> None:
    staff = await accounts.make(Role.STAFF)
    before = (await create(graphql, staff, new(slugs, "talk")))["event"]
    payload = await update(graphql, staff, slugs("talk"), title="DSGVO-Sprechstunde", capacity=30)
    assert payload["errors"] == []
    assert payload["event"] == {**before, "title": "DSGVO-Sprechstunde", "capacity": 30}
    cleared = await update(graphql, staff, slugs("talk"), description=None, district=None, capacity=None)
    assert cleared["event"] == {**payload["event"], "description": None, "district": None, "capacity": None}


async def test_topics_left_out_of_about_stay(graphql: GraphQL, accounts: Accounts, slugs: Slugs) -> None:
    staff = await accounts.make(Role.STAFF)
    before = (await create(graphql, staff, new(slugs, "talk")))["event"]
    payload = await update(graphql, staff, slugs("talk"), about={"tools": ["zoom"]})
    assert payload["errors"] == []
    assert payload["event"] == {**before, "tools": [{"slug": "zoom"}]}


async def test_null_about_clears_the_topics(graphql: GraphQL, accounts: Accounts, slugs: Slugs) -> None:
    staff = await accounts.make(Role.STAFF)
    before = (await create(graphql, staff, new(slugs, "talk")))["event"]
    payload = await update(graphql, staff, slugs("talk"), about=None)
    assert payload["errors"] == []
    assert payload["event"] == {**before, "tools": [], "skills": [], "fields": []}


async def test_a_bad_update_writes_nothing(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    staff = await accounts.make(Role.STAFF)
    await create(graphql, staff, new(slugs, "talk"))
    before = await stored(db, "Event", slugs("talk"))
    payload = await update(graphql, staff, slugs("talk"), title="Moved", startsAt=at(slugs, 20))
    assert [e["message"] for e in payload["errors"]] == ["endsAt must be after startsAt"]
    payload = await update(graphql, staff, slugs("talk"), title="Moved", about={"skills": ["telepathy"]})
    assert problems(payload) == [("about.skills[0]", "INVALID_INPUT")]
    assert await stored(db, "Event", slugs("talk")) == before


async def test_only_staff_update_and_cancel(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    await seed(db, events=[timed_event(slugs, "talk", 3)])
    before = await stored(db, "Event", slugs("talk"))
    for account in (None, await accounts.make(Role.MEMBER), await accounts.make(Role.VOLUNTEER)):
        assert problems(await update(graphql, account, slugs("talk"), title="x")) == [(None, "NOT_PERMITTED")]
        cancelled = (await graphql(CANCEL, account, slug=slugs("talk")))["cancelEvent"]
        assert problems(cancelled) == [(None, "NOT_PERMITTED")]
    assert await stored(db, "Event", slugs("talk")) == before


async def test_cancelling_keeps_the_event_visible_as_cancelled(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    await seed(db, events=[timed_event(slugs, "talk", 3)])
    staff = await accounts.make(Role.STAFF)
    payload = (await graphql(CANCEL, staff, slug=slugs("talk")))["cancelEvent"]
    assert payload["errors"] == [] and payload["event"]["status"] == "CANCELLED"
    assert (await graphql(EVENT, slug=slugs("talk")))["event"]["status"] == "CANCELLED"
    again = (await graphql(CANCEL, staff, slug=slugs("talk")))["cancelEvent"]
    assert again["errors"] == [] and again["event"]["status"] == "CANCELLED"
    changed = await update(graphql, staff, slugs("talk"), title="Fällt aus")
    assert (changed["event"]["title"], changed["event"]["status"]) == ("Fällt aus", "CANCELLED")


async def test_unknown_events_are_not_found(graphql: GraphQL, accounts: Accounts, slugs: Slugs) -> None:
    staff = await accounts.make(Role.STAFF)
    assert problems(await update(graphql, staff, slugs("none"), title="x")) == [(None, "NOT_FOUND")]
    assert problems((await graphql(CANCEL, staff, slug=slugs("none")))["cancelEvent"]) == [(None, "NOT_FOUND")]
