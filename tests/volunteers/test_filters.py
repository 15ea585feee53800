"""volunteers(filter): skill at a minimum level, tools, districts (remote helpers match any), remote, languages."""

from typing import Any

import pytest

from network.kit.authorisation import Role
from tests.associations.builders import all_pages, make_volunteer, seed, slugs_of
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs
from tests.volunteers.builders import VOLUNTEERS


def world(slugs: Slugs) -> list[dict[str, Any]]:
    """Four volunteers that differ in every filtered respect."""
    return [
        make_volunteer(
            slugs("expert"),
            remote=False,
            district="mitte",
            languages=["de"],
            skills=[{"skill": "green-it", "level": 7}, {"skill": "it-security-basics", "level": 2}],
            tools=[{"tool": "nextcloud"}],
        ),
        make_volunteer(
            slugs("novice"),
            remote=False,
            district="pankow",
            languages=["en", "fr"],
            skills=[{"skill": "green-it", "level": 2}],
            tools=[{"tool": "zoom"}, {"tool": "slack"}],
        ),
        make_volunteer(
            slugs("online"),
            remote=True,
            district="spandau",
            languages=["tr"],
            skills=[{"skill": "it-security-basics", "level": 5}],
            tools=[],
        ),
        make_volunteer(
            slugs("nowhere"),
            remote=True,
            district=None,
            languages=["de", "ar"],
            skills=[],
            tools=[{"tool": "jitsi-meet"}],
            bio=f"Hilft gern {slugs.prefix}hilfe",
        ),
    ]


CASES = [
    ({"skill": "green-it"}, ["expert", "novice"]),
    ({"skill": "green-it", "minLevel": 2}, ["expert", "novice"]),
    ({"skill": "green-it", "minLevel": 3}, ["expert"]),
    ({"skill": "green-it", "minLevel": 8}, []),
    ({"skill": "it-security-basics", "minLevel": 5}, ["online"]),
    ({"minLevel": 8}, ["expert", "novice", "nowhere", "online"]),  # a level alone filters nothing
    ({"tools": ["zoom", "jitsi-meet"]}, ["novice", "nowhere"]),
    ({"tools": ["nextcloud"]}, ["expert"]),
    ({"districts": ["mitte"]}, ["expert", "nowhere", "online"]),  # remote helpers match every district
    ({"districts": ["pankow", "mitte"]}, ["expert", "novice", "nowhere", "online"]),
    ({"districts": ["neukoelln"]}, ["nowhere", "online"]),
    ({"districts": ["mitte"], "remote": False}, ["expert"]),
    ({"remote": True}, ["nowhere", "online"]),
    ({"remote": False}, ["expert", "novice"]),
    ({"languages": ["de"]}, ["expert", "nowhere"]),
    ({"languages": ["fr", "tr"]}, ["novice", "online"]),
    ({"skill": "green-it", "languages": ["en"], "tools": ["slack"]}, ["novice"]),
    ({"skill": "no-such-skill"}, []),
]


def names(slugs: Slugs, connection: dict[str, Any]) -> list[str]:
    return [slug.removeprefix(slugs.prefix + "-") for slug in slugs_of(connection, slugs.prefix)]


@pytest.mark.parametrize("criteria, expected", CASES)
async def test_a_filter_keeps_only_the_matching_volunteers(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db, criteria: dict[str, Any], expected: list[str]
) -> None:
    await seed(db, volunteers=world(slugs))
    member = await accounts.make(Role.MEMBER)
    everywhere = await all_pages(graphql, VOLUNTEERS, member, filter=criteria)  # the MATCH-first plans, unlike text
    assert [slug.removeprefix(slugs.prefix + "-") for slug in everywhere if slug.startswith(slugs.prefix)] == expected
    with_text = (await graphql(VOLUNTEERS, member, filter={**criteria, "text": slugs.prefix}))["volunteers"]
    assert names(slugs, with_text) == expected and with_text["totalCount"] == len(expected)


async def test_text_matches_words_of_the_bio(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    await seed(db, volunteers=world(slugs))
    found = (await graphql(VOLUNTEERS, await accounts.make(Role.VOLUNTEER), filter={"text": f"{slugs.prefix}hilfe"}))[
        "volunteers"
    ]
    assert names(slugs, found) == ["nowhere"] and found["totalCount"] == 1


@pytest.mark.parametrize("level", [0, 9, -1])
async def test_a_minimum_level_out_of_range_is_an_error_naming_it(
    graphql: GraphQL, accounts: Accounts, level: int
) -> None:
    message = await graphql.error(
        VOLUNTEERS, await accounts.make(Role.MEMBER), filter={"skill": "green-it", "minLevel": level}
    )
    assert message == "minLevel must be between 1 and 8"


async def test_empty_text_is_an_error_naming_it(graphql: GraphQL, accounts: Accounts) -> None:
    message = await graphql.error(VOLUNTEERS, await accounts.make(Role.MEMBER), filter={"text": "  "})
    assert message == "text must not be empty"
