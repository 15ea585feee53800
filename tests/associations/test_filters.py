"""associations(filter): each criterion keeps exactly the matching associations, alone and combined with text."""

from typing import Any

import pytest

from tests.associations.builders import ASSOCIATIONS, all_pages, make_association, seed, slugs_of
from tests.support.accounts import GraphQL
from tests.support.cleanup import Slugs


def world(slugs: Slugs) -> list[dict[str, Any]]:
    """Three associations that differ in every filtered respect."""
    return [
        make_association(
            slugs("both"),
            languages=["de"],
            district="mitte",
            fields=["sport"],
            targetGroups=["young-people"],
            tools=[{"tool": "nextcloud"}, {"tool": "zoom"}],
            considers=["jitsi-meet", "bigbluebutton"],
            needs=[{"skill": "it-security-basics", "minLevel": 2}],
        ),
        make_association(
            slugs("cloud"),
            languages=["en"],
            district="pankow",
            fields=["culture-music"],
            targetGroups=["older-people"],
            description=f"Wir rudern {slugs.prefix}rudern",
            tools=[{"tool": "nextcloud"}],
            considers=["jitsi-meet"],
            needs=[{"skill": "green-it", "minLevel": 5}],
        ),
        make_association(
            slugs("none"),
            languages=["tr", "ar"],
            district="spandau",
            fields=["health"],
            targetGroups=["refugees"],
            tools=[{"tool": "zoom"}],
            considers=[],
            needs=[],
        ),
    ]


CASES = [
    ({"usesTools": ["nextcloud", "zoom"]}, ["both"]),
    ({"usesTools": ["nextcloud"]}, ["both", "cloud"]),
    ({"usesTools": ["zoom", "nextcloud", "slack"]}, []),
    ({"considersTools": ["jitsi-meet", "bigbluebutton"]}, ["both"]),
    ({"considersTools": ["jitsi-meet"]}, ["both", "cloud"]),
    ({"needsSkills": ["green-it", "it-security-basics"]}, ["both", "cloud"]),
    ({"needsSkills": ["green-it"]}, ["cloud"]),
    ({"fields": ["sport", "health"]}, ["both", "none"]),
    ({"targetGroups": ["older-people"]}, ["cloud"]),
    ({"targetGroups": ["young-people", "refugees"]}, ["both", "none"]),
    ({"districts": ["mitte", "spandau"]}, ["both", "none"]),
    ({"districts": ["neukoelln"]}, []),
    ({"languages": ["tr", "en"]}, ["cloud", "none"]),
    ({"languages": ["ar"]}, ["none"]),
    ({"usesTools": ["zoom"], "districts": ["spandau", "pankow"]}, ["none"]),
    ({"usesTools": ["no-such-tool"]}, []),
]


def names(slugs: Slugs, connection: dict[str, Any]) -> list[str]:
    return [slug.removeprefix(slugs.prefix + "-") for slug in slugs_of(connection, slugs.prefix)]


@pytest.mark.parametrize("criteria, expected", CASES)
async def test_a_filter_keeps_only_the_matching_associations(
    graphql: GraphQL, slugs: Slugs, db, criteria: dict[str, Any], expected: list[str]
) -> None:
    await seed(db, associations=world(slugs))
    everywhere = await all_pages(graphql, ASSOCIATIONS, filter=criteria)  # the MATCH-first plans, unlike text
    assert [slug.removeprefix(slugs.prefix + "-") for slug in everywhere if slug.startswith(slugs.prefix)] == expected
    with_text = (await graphql(ASSOCIATIONS, filter={**criteria, "text": slugs.prefix}))["associations"]
    assert names(slugs, with_text) == expected and with_text["totalCount"] == len(expected)


async def test_text_matches_words_of_the_name_or_description(graphql: GraphQL, slugs: Slugs, db) -> None:
    await seed(db, associations=world(slugs))
    by_description = (await graphql(ASSOCIATIONS, filter={"text": f"{slugs.prefix}rudern"}))["associations"]
    assert names(slugs, by_description) == ["cloud"] and by_description["totalCount"] == 1
    by_name = (await graphql(ASSOCIATIONS, filter={"text": f"{slugs.prefix} none"}))["associations"]
    assert names(slugs, by_name) == ["both", "cloud", "none"]  # any word may match; slug order, not score


async def test_no_filter_lists_every_association(graphql: GraphQL, slugs: Slugs, db) -> None:
    await seed(db, associations=world(slugs))
    listed = await all_pages(graphql, ASSOCIATIONS)
    assert [slug for slug in listed if slug.startswith(slugs.prefix)] == [slugs("both"), slugs("cloud"), slugs("none")]


@pytest.mark.parametrize("text", ["", "   "])
async def test_empty_text_is_an_error_naming_the_field(graphql: GraphQL, text: str) -> None:
    assert await graphql.error(ASSOCIATIONS, filter={"text": text}) == "text must not be empty"
