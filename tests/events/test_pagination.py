"""Events page in chronological order (slug breaks ties), with the same cursor rules as every list."""

import pytest

from tests.associations.builders import seed, slugs_of
from tests.events.builders import EVENTS, timed_event, window
from tests.support.accounts import GraphQL
from tests.support.cleanup import Slugs

# (name, start in hours after the test's base time): slug order is not time order; "b" and "d" start together.
TIMES = [("e", 1), ("a", 5), ("d", 9), ("b", 9), ("c", 30), ("f", 100)]
CHRONOLOGICAL = ["e", "a", "b", "d", "c", "f"]


@pytest.mark.parametrize("first", [1, 2, 4, 6])
async def test_pages_follow_the_start_time(graphql: GraphQL, slugs: Slugs, db, first: int) -> None:
    await seed(db, events=[timed_event(slugs, name, hours) for name, hours in TIMES])
    seen, after, number = [], None, 0
    while True:
        page = (await graphql(EVENTS, filter=window(slugs), first=first, after=after))["events"]
        info = page["pageInfo"]
        assert page["totalCount"] == len(TIMES) and info["hasPreviousPage"] is (number > 0)
        assert (info["startCursor"], info["endCursor"]) == (page["edges"][0]["cursor"], page["edges"][-1]["cursor"])
        seen += slugs_of(page)
        number += 1
        if not info["hasNextPage"]:
            break
        assert number < 10, "pagination does not end"
        after = info["endCursor"]
    assert seen == [slugs(name) for name in CHRONOLOGICAL]
    assert number == -(-len(TIMES) // first)


async def test_the_page_after_the_last_event_is_empty(graphql: GraphQL, slugs: Slugs, db) -> None:
    await seed(db, events=[timed_event(slugs, name, hours) for name, hours in TIMES[:2]])
    page = (await graphql(EVENTS, filter=window(slugs)))["events"]
    assert slugs_of(page) == [slugs("e"), slugs("a")] and not page["pageInfo"]["hasNextPage"]
    empty = (await graphql(EVENTS, filter=window(slugs), after=page["pageInfo"]["endCursor"]))["events"]
    assert empty["edges"] == [] and empty["totalCount"] == 2
    assert empty["pageInfo"] == {"hasNextPage": False, "hasPreviousPage": True, "startCursor": None, "endCursor": None}


@pytest.mark.parametrize("first", [0, 101])
async def test_first_out_of_range_is_an_error_naming_first(graphql: GraphQL, first: int) -> None:
    assert await graphql.error(EVENTS, first=first) == f"first must be between 1 and 100, got {first}"


@pytest.mark.parametrize("cursor", ["zzz", "Y3Vyc29yOm5vLXRpbWUtaGVyZQ"])  # not base64; "cursor:no-time-here"
async def test_a_garbage_cursor_is_an_error_naming_after(graphql: GraphQL, cursor: str) -> None:
    message = await graphql.error(EVENTS, after=cursor)
    assert "after" in message and "cursor" in message
