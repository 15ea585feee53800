"""Hostile or broken input over real HTTP gets a clear client error (a 400, or a GraphQL error naming the argument),
never a server error or an "Unexpected error": each case below was one before."""

import base64
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from network.settings import Settings
from tests.support.server import running_api

EVENTS = "query($a: String) { events(after: $a) { totalCount } }"
ASSOCIATIONS = "query($a: String) { associations(after: $a) { totalCount } }"
VOLUNTEERS = "query($a: String) { volunteers(after: $a) { totalCount } }"
USED_BY = "query($a: String, $id: ID!) { node(id: $id) { ... on Tool { usedBy(after: $a) { totalCount } } } }"
SEARCH = "query($t: String!) { search(text: $t) { score } }"


@pytest.fixture(scope="module")
def api(live_stack: Settings) -> Iterator[str]:
    with running_api(live_stack) as base:
        yield base


def send(api: str, body: bytes) -> httpx.Response:
    return httpx.post(f"{api}/graphql", content=body, headers={"Content-Type": "application/json"}, timeout=30)


def ask(api: str, query: str, **variables: Any) -> dict[str, Any]:
    response = httpx.post(f"{api}/graphql", json={"query": query, "variables": variables}, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def cursor(key: str) -> str:
    """A cursor as the lists make them, around a key of our choosing."""
    return base64.urlsafe_b64encode(f"cursor:{key}".encode()).decode().rstrip("=")


def the_error(body: dict[str, Any]) -> dict[str, Any]:
    [error] = body["errors"]
    assert "Unexpected error" not in error["message"]
    return error  # type: ignore[no-any-return]


def test_a_body_that_is_not_utf8_is_a_400_naming_the_problem(api: str) -> None:
    response = send(api, b'{"query": "{ districts { slug } }", "variables": {"x": "\xff\xfe"}}')
    assert response.status_code == 400
    error = the_error(response.json())
    assert error["extensions"] == {"code": "BAD_REQUEST"}
    assert error["message"].startswith("the request body is not valid UTF-8 (byte 56)")


@pytest.mark.parametrize("depth", [65, 1000, 100_000])
def test_variables_nested_too_deep_are_a_400_naming_the_limit(api: str, depth: int) -> None:
    nested = "[" * depth + "]" * depth
    query = "query($f: EventFilterInput) { events(filter: $f) { totalCount } }"
    body = f'{{"query": "{query}", "variables": {{"f": {nested}}}}}'
    response = send(api, body.encode())
    assert response.status_code == 400
    assert the_error(response.json())["message"] == (
        "the request body nests deeper than the limit of 64 levels; send flatter variables"
    )


def test_variables_within_the_depth_limit_reach_graphql_and_get_its_error(api: str) -> None:
    nested: Any = []
    for _ in range(60):
        nested = [nested]
    response = send(
        api,
        json.dumps(
            {"query": "query($f: EventFilterInput) { events(filter: $f) { totalCount } }", "variables": {"f": nested}}
        ).encode(),
    )
    assert response.status_code == 200
    assert the_error(response.json())["message"].startswith("Variable '$f' has invalid value")


def test_brackets_inside_strings_do_not_count_as_nesting(api: str) -> None:
    body = ask(api, SEARCH, t="[{" * 90 + " verein")
    assert "errors" not in body and isinstance(body["data"]["search"], list)


def test_a_body_that_is_not_json_is_a_client_error(api: str) -> None:
    response = send(api, b'{"query": "{ districts { slug } }"')
    assert 400 <= response.status_code < 500


CURSORS = {
    "not base64": "%%%not-a-cursor%%%",
    "empty": "",
    "another prefix": base64.urlsafe_b64encode(b"offset:5").decode(),
    "too long": "A" * 100_000,
    "not utf8 inside": base64.urlsafe_b64encode(b"cursor:\xff\xfe").decode(),
}
EVENT_CURSORS = {
    "double minus": cursor("--5|x"),
    "23-digit timestamp": cursor("9" * 23 + "|x"),
    "below the 64-bit range": cursor("-9223372036854775809|x"),
    "no slug": cursor("5|"),
    "a date": cursor("2026-01-01T00:00:00|x"),
}


@pytest.mark.parametrize(
    "query", [EVENTS, ASSOCIATIONS, VOLUNTEERS, USED_BY], ids=["events", "associations", "volunteers", "usedBy"]
)
@pytest.mark.parametrize("value", list(CURSORS.values()), ids=list(CURSORS))
def test_a_malformed_cursor_is_an_invalid_after(api: str, query: str, value: str, db) -> None:
    tools = ask(api, "{ tools { id } }")["data"]["tools"]
    error = the_error(ask(api, query, a=value, **({"id": tools[0]["id"]} if query == USED_BY else {})))
    assert error["extensions"] == {"code": "INVALID_INPUT", "field": "after"}
    assert error["message"].startswith("after: ") and "is not a cursor of this list" in error["message"]
    assert len(error["message"]) < 200  # a long cursor is not echoed whole


@pytest.mark.parametrize("value", list(EVENT_CURSORS.values()), ids=list(EVENT_CURSORS))
def test_an_events_cursor_with_a_malformed_key_is_an_invalid_after(api: str, value: str) -> None:
    error = the_error(ask(api, EVENTS, a=value))
    assert error["extensions"] == {"code": "INVALID_INPUT", "field": "after"}
    assert error["message"] == "after: not a cursor of the events list"


def test_a_search_text_over_the_bound_is_an_invalid_text(api: str) -> None:
    # one word of 3,000 comma-separated parts was 3,000 Lucene clauses, over its limit of 1,024
    error = the_error(ask(api, SEARCH, t=",".join(f"w{i}" for i in range(3000))))
    assert error["extensions"] == {"code": "INVALID_INPUT", "field": "text"}
    assert error["message"] == "text must be at most 200 characters, got 16889"


def test_the_longest_search_text_allowed_is_searched(api: str, db) -> None:
    body = ask(api, SEARCH, t=",".join("ab" for _ in range(67))[:200])
    assert "errors" not in body and isinstance(body["data"]["search"], list)
