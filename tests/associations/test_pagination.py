"""Cursor pagination of associations: every row once and in order, page info, totals, and refused arguments."""

from typing import Any

import pytest

from tests.associations.builders import ASSOCIATIONS, make_association, seed, slugs_of
from tests.support.accounts import GraphQL
from tests.support.cleanup import Slugs

NAMES = ["golf", "alpha", "echo", "charlie", "foxtrot", "bravo", "delta"]


async def pages(graphql: GraphQL, filter: dict[str, Any], first: int) -> list[dict[str, Any]]:
    """Follows endCursor until hasNextPage is false; every page as the API gave it."""
    found, after = [], None
    while True:
        page = (await graphql(ASSOCIATIONS, filter=filter, first=first, after=after))["associations"]
        found.append(page)
        if not page["pageInfo"]["hasNextPage"]:
            return found
        assert len(found) < 20, "pagination does not end"
        after = page["pageInfo"]["endCursor"]


@pytest.mark.parametrize("first, sizes", [(3, [3, 3, 1]), (1, [1] * 7), (7, [7]), (6, [6, 1]), (100, [7])])
async def test_cursors_give_every_row_once_in_slug_order(
    graphql: GraphQL, slugs: Slugs, db, first: int, sizes: list[int]
) -> None:
    await seed(db, associations=[make_association(slugs(name)) for name in NAMES])
    found = await pages(graphql, {"text": slugs.prefix}, first)
    assert [len(page["edges"]) for page in found] == sizes
    assert [slug for page in found for slug in slugs_of(page)] == sorted(slugs(name) for name in NAMES)
    for number, page in enumerate(found):
        info, edges = page["pageInfo"], page["edges"]
        assert page["totalCount"] == len(NAMES)
        assert info["hasPreviousPage"] is (number > 0)
        assert info["hasNextPage"] is (number < len(found) - 1)
        assert (info["startCursor"], info["endCursor"]) == (edges[0]["cursor"], edges[-1]["cursor"])
        assert len({edge["cursor"] for edge in edges}) == len(edges)


async def test_a_cursor_in_the_middle_continues_after_its_row(graphql: GraphQL, slugs: Slugs, db) -> None:
    await seed(db, associations=[make_association(slugs(name)) for name in NAMES])
    everything = (await graphql(ASSOCIATIONS, filter={"text": slugs.prefix}))["associations"]
    third = everything["edges"][2]["cursor"]
    rest = (await graphql(ASSOCIATIONS, filter={"text": slugs.prefix}, first=2, after=third))["associations"]
    assert slugs_of(rest) == [slugs("delta"), slugs("echo")]
    assert rest["pageInfo"]["hasPreviousPage"] and rest["pageInfo"]["hasNextPage"] and rest["totalCount"] == 7


async def test_after_the_last_row_the_page_is_empty(graphql: GraphQL, slugs: Slugs, db) -> None:
    await seed(db, associations=[make_association(slugs(name)) for name in NAMES[:2]])
    first = (await graphql(ASSOCIATIONS, filter={"text": slugs.prefix}))["associations"]
    assert first["pageInfo"]["hasNextPage"] is False and first["pageInfo"]["hasPreviousPage"] is False
    empty = (await graphql(ASSOCIATIONS, filter={"text": slugs.prefix}, after=first["pageInfo"]["endCursor"]))[
        "associations"
    ]
    assert empty["edges"] == [] and empty["totalCount"] == 2
    assert empty["pageInfo"] == {"hasNextPage": False, "hasPreviousPage": True, "startCursor": None, "endCursor": None}


async def test_nodes_are_the_nodes_of_the_edges(graphql: GraphQL, slugs: Slugs, db) -> None:
    await seed(db, associations=[make_association(slugs(name)) for name in NAMES[:3]])
    page = (
        await graphql(
            "query($t: String) { associations(filter: {text: $t}, first: 2) "
            "{ nodes { slug } edges { node { slug } } } }",
            t=slugs.prefix,
        )
    )["associations"]
    assert (
        page["nodes"] == [edge["node"] for edge in page["edges"]] == [{"slug": slugs("alpha")}, {"slug": slugs("echo")}]
    )


async def test_twenty_rows_come_when_first_is_not_given(graphql: GraphQL, slugs: Slugs, db) -> None:
    await seed(db, associations=[make_association(slugs(f"n{number:02d}")) for number in range(21)])
    page = (await graphql(ASSOCIATIONS, filter={"text": slugs.prefix}))["associations"]
    assert len(page["edges"]) == 20 and page["pageInfo"]["hasNextPage"] and page["totalCount"] == 21


@pytest.mark.parametrize("first", [0, -1, 101])
async def test_first_out_of_range_is_an_error_naming_first(graphql: GraphQL, first: int) -> None:
    message = await graphql.error(ASSOCIATIONS, first=first)
    assert message == f"first must be between 1 and 100, got {first}"


@pytest.mark.parametrize("cursor", ["zzz", "bm90IGEgY3Vyc29y"])  # not base64 of text; base64 of "not a cursor"
async def test_a_garbage_cursor_is_an_error_naming_after(graphql: GraphQL, cursor: str) -> None:
    message = await graphql.error(ASSOCIATIONS, after=cursor)
    assert "after" in message and "not a cursor" in message
