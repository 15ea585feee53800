"""search(text, first): ranked hits across associations and volunteers, as the viewer may see them."""

from typing import Any

import pytest

from network.kit.authorisation import Role
from tests.associations.builders import ASSOCIATIONS, make_association, make_volunteer, seed
from tests.support.accounts import Accounts, GraphQL, TestAccount
from tests.support.cleanup import Slugs
from tests.volunteers.builders import VOLUNTEERS

SEARCH = (
    "query($text: String!, $first: Int) { search(text: $text, first: $first) { score party { __typename "
    "... on Association { slug } ... on Volunteer { slug } } } }"
)
FILLER = " ".join(["Wir treffen uns jeden Dienstag im Kiez und reden über vieles"] * 6)


def word(slugs: Slugs) -> str:
    return f"{slugs.prefix}kiez"  # one token only this test's records contain


async def hits(
    graphql: GraphQL, text: str, account: TestAccount | None = None, first: int | None = None
) -> list[dict[str, Any]]:
    return (await graphql(SEARCH, account, text=text, first=first))["search"]  # type: ignore[no-any-return]


def found(slugs: Slugs, results: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (hit["party"]["__typename"], hit["party"]["slug"].removeprefix(slugs.prefix + "-"))
        for hit in results
        if hit["party"]["slug"].startswith(slugs.prefix)
    ]


async def world(db: Any, slugs: Slugs) -> None:
    token = word(slugs)
    await seed(
        db,
        associations=[
            make_association(slugs("named"), name=f"Verein {token}", description="Sport"),
            make_association(slugs("described"), name="Verein am Park", description=f"{FILLER} {token} {FILLER}"),
            make_association(slugs("closed"), name=f"Geschlossen {token}", visibility="MEMBERS"),
            make_association(slugs("other"), name="Ganz anders", description="nichts davon"),
        ],
        volunteers=[make_volunteer(slugs("helper"), displayName=f"Helferin {token}")],
    )


async def test_a_name_match_ranks_above_a_match_in_a_long_description(graphql: GraphQL, slugs: Slugs, db) -> None:
    await world(db, slugs)
    results = await hits(graphql, word(slugs))
    assert found(slugs, results) == [("Association", "named"), ("Association", "described")]
    assert results[0]["score"] > results[1]["score"] > 0
    assert [hit["score"] for hit in results] == sorted((hit["score"] for hit in results), reverse=True)


async def test_volunteers_and_members_associations_only_for_signed_in_users(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    await world(db, slugs)
    anonymous = found(slugs, await hits(graphql, word(slugs)))
    assert ("Volunteer", "helper") not in anonymous and ("Association", "closed") not in anonymous
    for role in (Role.MEMBER, Role.VOLUNTEER):
        signed_in = found(slugs, await hits(graphql, word(slugs), await accounts.make(role)))
        assert sorted(signed_in) == [
            ("Association", "closed"),
            ("Association", "described"),
            ("Association", "named"),
            ("Volunteer", "helper"),
        ]


async def test_first_limits_the_hits_and_defaults_to_ten(graphql: GraphQL, slugs: Slugs, db) -> None:
    await seed(
        db,
        associations=[make_association(slugs(f"n{number:02d}"), name=f"Verein {word(slugs)}") for number in range(12)],
    )
    assert len(await hits(graphql, word(slugs))) == 10
    assert len(await hits(graphql, word(slugs), first=3)) == 3
    assert len(await hits(graphql, word(slugs), first=100)) == 12


@pytest.mark.parametrize("first", [0, 101])
async def test_first_out_of_range_is_an_error_naming_first(graphql: GraphQL, first: int) -> None:
    assert await graphql.error(SEARCH, text="verein", first=first) == f"first must be between 1 and 100, got {first}"


@pytest.mark.parametrize("text", ["", "   "])
async def test_text_without_words_is_an_error_naming_text(graphql: GraphQL, text: str) -> None:
    assert await graphql.error(SEARCH, text=text) == "text must contain at least one word"


SPECIAL = [
    "C++",
    "a:b",
    "(unclosed",
    '"quote',
    "wild*",
    "?",
    "~fuzzy",
    "-minus",
    "+plus",
    "[a TO z]",
    "{x}",
    "^2",
    "\\",
    "/regex/",
    "a && b",
    "x || y",
    "!",
    "AND",
    "OR",
    "NOT",
    "a AND",
    "NOT b",
    "x OR",
]


@pytest.mark.parametrize("special", SPECIAL)
async def test_lucene_syntax_in_the_text_is_taken_literally(graphql: GraphQL, slugs: Slugs, db, special: str) -> None:
    await world(db, slugs)
    results = await hits(graphql, f"{word(slugs)} {special}")
    assert ("Association", "named") in found(slugs, results)


@pytest.mark.parametrize("special", ["AND", "x OR", "NOT y", "(", "a:b"])
async def test_lucene_syntax_in_list_filters_is_taken_literally(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db, special: str
) -> None:
    await world(db, slugs)
    text = f"{word(slugs)} {special}"
    associations = (await graphql(ASSOCIATIONS, filter={"text": text}))["associations"]
    assert slugs("named") in [edge["node"]["slug"] for edge in associations["edges"]]
    volunteers = (await graphql(VOLUNTEERS, await accounts.make(Role.MEMBER), filter={"text": text}))["volunteers"]
    assert [edge["node"]["slug"] for edge in volunteers["edges"]] == [slugs("helper")]
