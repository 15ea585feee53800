"""event(slug) and events: the profile, visibility, and the filters (dates, topics, formats, cancelled)."""

import datetime as dt
from typing import Any

import pytest

from network.kit.authorisation import Role
from tests.associations.builders import seed, slugs_of
from tests.events.builders import EVENT, EVENTS, at, base_time, timed_event, window
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs


def names(slugs: Slugs, connection: dict[str, Any]) -> list[str]:
    return [slug.removeprefix(slugs.prefix + "-") for slug in slugs_of(connection, slugs.prefix)]


async def test_an_event_shows_its_profile_as_imported(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    await seed(
        db,
        events=[
            timed_event(
                slugs,
                "meetup",
                18,
                length=2.5,
                title="Nextcloud-Treffen",
                description="Für Vereine",
                format="HYBRID",
                district="lichtenberg",
                capacity=25,
                outreachShare=0.5,
                about={
                    "tools": ["nextcloud", "collabora-online"],
                    "skills": ["nextcloud-administration"],
                    "fields": ["sport"],
                },
            )
        ],
    )
    found = (await graphql(EVENT, slug=slugs("meetup")))["event"]
    assert dt.datetime.fromisoformat(found["startsAt"]) == base_time(slugs) + dt.timedelta(hours=18)
    assert dt.datetime.fromisoformat(found["endsAt"]) == base_time(slugs) + dt.timedelta(hours=20.5)
    assert {
        key: found[key]
        for key in (
            "title",
            "description",
            "format",
            "status",
            "visibility",
            "capacity",
            "registeredCount",
            "outreachShare",
            "district",
            "canEdit",
        )
    } == {
        "title": "Nextcloud-Treffen",
        "description": "Für Vereine",
        "format": "HYBRID",
        "status": "SCHEDULED",
        "visibility": "PUBLIC",
        "capacity": 25,
        "registeredCount": 0,
        "outreachShare": 0.5,
        "district": {"slug": "lichtenberg"},
        "canEdit": False,
    }
    assert found["tools"] == [{"slug": "collabora-online"}, {"slug": "nextcloud"}]
    assert (found["skills"], found["fields"]) == ([{"slug": "nextcloud-administration"}], [{"slug": "sport"}])
    staff = await accounts.make(Role.STAFF)
    assert (await graphql(EVENT, staff, slug=slugs("meetup")))["event"]["canEdit"] is True
    assert (await graphql(EVENT, slug=slugs("nothing")))["event"] is None


async def test_members_events_are_hidden_from_anonymous_callers(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    await seed(db, events=[timed_event(slugs, "open", 10), timed_event(slugs, "closed", 11, visibility="MEMBERS")])
    assert (await graphql(EVENT, slug=slugs("closed")))["event"] is None
    listed = (await graphql(EVENTS, filter=window(slugs)))["events"]
    assert names(slugs, listed) == ["open"] and listed["totalCount"] == 1
    volunteer = await accounts.make(Role.VOLUNTEER)
    assert (await graphql(EVENT, volunteer, slug=slugs("closed")))["event"]["visibility"] == "MEMBERS"
    listed = (await graphql(EVENTS, volunteer, filter=window(slugs)))["events"]
    assert names(slugs, listed) == ["open", "closed"] and listed["totalCount"] == 2


def world(slugs: Slugs) -> list[dict[str, Any]]:
    nothing: dict[str, list[str]] = {"tools": [], "skills": [], "fields": []}
    return [
        timed_event(slugs, "early", 1, format="ONLINE", about={**nothing, "tools": ["zoom"]}),
        timed_event(slugs, "noon", 12, format="IN_PERSON", about={**nothing, "skills": ["green-it"]}),
        timed_event(slugs, "evening", 19, format="HYBRID", about={**nothing, "fields": ["sport"]}),
        timed_event(
            slugs, "next-day", 30, format="IN_PERSON", about={**nothing, "tools": ["zoom"], "fields": ["health"]}
        ),
    ]


@pytest.mark.parametrize(
    "criteria, expected",
    [
        ({}, ["early", "noon", "evening", "next-day"]),
        ({"startsFrom": 12, "startsUntil": 19}, ["noon", "evening"]),  # both ends included
        ({"startsFrom": 12.5}, ["evening", "next-day"]),
        ({"startsUntil": 11.99}, ["early"]),
        ({"topics": ["zoom"]}, ["early", "next-day"]),
        ({"topics": ["green-it", "sport"]}, ["noon", "evening"]),
        ({"topics": ["health", "no-such-topic"]}, ["next-day"]),
        ({"formats": ["IN_PERSON"]}, ["noon", "next-day"]),
        ({"formats": ["ONLINE", "HYBRID"], "topics": ["zoom", "sport"]}, ["early", "evening"]),
    ],
)
async def test_a_filter_keeps_only_the_matching_events(
    graphql: GraphQL, slugs: Slugs, db, criteria: dict[str, Any], expected: list[str]
) -> None:
    await seed(db, events=world(slugs))
    given = window(
        slugs, **{key: at(slugs, value) if key.startswith("starts") else value for key, value in criteria.items()}
    )
    listed = (await graphql(EVENTS, filter=given))["events"]
    assert names(slugs, listed) == expected and listed["totalCount"] == len(expected)


async def test_cancelled_events_are_left_out_unless_asked_for(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    await seed(db, events=world(slugs))
    staff = await accounts.make(Role.STAFF)
    cancelled = await graphql(
        "mutation($s: String!) { cancelEvent(slug: $s) { errors { code } } }", staff, s=slugs("noon")
    )
    assert cancelled["cancelEvent"]["errors"] == []
    listed = (await graphql(EVENTS, filter=window(slugs)))["events"]
    assert names(slugs, listed) == ["early", "evening", "next-day"] and listed["totalCount"] == 3
    everything = (await graphql(EVENTS, filter=window(slugs, includeCancelled=True)))["events"]
    assert names(slugs, everything) == ["early", "noon", "evening", "next-day"] and everything["totalCount"] == 4


async def test_an_until_before_the_from_is_an_error_naming_it(graphql: GraphQL, slugs: Slugs) -> None:
    message = await graphql.error(EVENTS, filter={"startsFrom": at(slugs, 5), "startsUntil": at(slugs, 4)})
    assert message == "startsUntil must not be before startsFrom"


async def test_a_time_in_another_offset_is_the_same_instant(graphql: GraphQL, slugs: Slugs, db) -> None:
    # Browsers send UTC (toISOString); an event entered in Berlin time at that very instant starts "at" it.
    berlin = dt.timezone(dt.timedelta(hours=1))
    starts = base_time(slugs) + dt.timedelta(hours=18)
    await seed(
        db,
        events=[
            timed_event(
                slugs,
                "berlin",
                0,
                startsAt=starts.astimezone(berlin).isoformat(),
                endsAt=(starts + dt.timedelta(hours=2)).astimezone(berlin).isoformat(),
            )
        ],
    )
    for bounds in ({"startsFrom": starts.isoformat()}, {"startsUntil": starts.isoformat()}):
        listed = (await graphql(EVENTS, filter={**window(slugs), **bounds}))["events"]
        assert names(slugs, listed) == ["berlin"], bounds


async def test_a_time_without_offset_is_not_silently_matching_nothing(graphql: GraphQL, slugs: Slugs, db) -> None:
    await seed(db, events=[timed_event(slugs, "one", 6)])
    naive = {"startsFrom": at(slugs, 0)[:19], "startsUntil": at(slugs, 12)[:19]}  # no "+00:00"
    result = await graphql.result(EVENTS, filter=naive)
    if result.errors is None:  # read as UTC: fine
        assert names(slugs, result.data["events"]) == ["one"]
    else:  # refused: fine too, when the error says which value and why
        assert "startsFrom" in result.errors[0].message
