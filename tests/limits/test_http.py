"""The query limits over real HTTP: each refusal names its limit, and comes before the database is touched."""

import time
from collections.abc import Iterator

import httpx
import pytest
from graphql import get_introspection_query

from network.settings import Settings
from tests.support.server import free_port, running_api
from tests.support.settings import make_settings

# Set explicitly, so a developer's environment cannot move the limits under the tests.
LIMITS = {"max_query_depth": 10, "max_query_aliases": 15, "max_query_tokens": 2000, "max_query_cost": 50_000}

REFUSED = {
    "depth": ("{ tools " + "{ alternatives " * 10 + "{ slug }" + " }" * 11, "query depth 11 exceeds the limit of 10"),
    "aliases": (
        "{ " + " ".join(f"d{i}: districts {{ slug }}" for i in range(16)) + " }",
        "query uses 16 aliases, more than the limit of 15",
    ),
    "tokens": (
        "{ districts { " + "slug " * 2000 + "} }",
        "Syntax Error: Document contains more than 2000 tokens. Parsing aborted.",
    ),
    # 1 + 80 * (1 + 80 * (1 + 80)): a list of tools counts as many as the catalogue may hold.
    "cost": (
        "{ tools { alternatives { replaces { slug } } } }",
        "query cost 518481 exceeds the limit of 50000; ask for fewer items with `first` or nest fewer lists",
    ),
    "credentials": (
        'mutation { a: logIn(email: "x@example.org", password: "p") { token } '
        'b: logIn(email: "x@example.org", password: "q") { token } }',
        "a request may carry only one credential mutation (logIn asked 2 times); send them one by one",
    ),
}
# What GraphiQL sends when it opens: graphql-js's introspection query with every option it may switch on.
GRAPHIQL_INTROSPECTION = get_introspection_query(
    descriptions=True,
    specified_by_url=True,
    directive_is_repeatable=True,
    schema_description=True,
    input_value_deprecation=True,
    one_of=True,
)


@pytest.fixture(scope="module")
def api(live_stack: Settings) -> Iterator[str]:
    with running_api(live_stack.model_copy(update=LIMITS)) as base:
        yield base


@pytest.fixture(scope="module")
def api_without_database(live_stack: Settings) -> Iterator[str]:
    """An API whose Neo4j address is a closed port: any query that reached a resolver would fail on it."""
    closed = make_settings(neo4j_uri=f"bolt://127.0.0.1:{free_port()}", redis_url=live_stack.redis_url, **LIMITS)
    with running_api(closed) as base:
        yield base


def post(base: str, query: str, **variables: object) -> tuple[dict, float]:
    started = time.monotonic()
    response = httpx.post(f"{base}/graphql", json={"query": query, "variables": variables}, timeout=30)
    return response.json(), time.monotonic() - started


def messages(body: dict) -> list[str]:
    return [error["message"] for error in body.get("errors") or []]


@pytest.mark.parametrize("limit", REFUSED)
def test_each_limit_refuses_with_a_message_naming_the_limit_and_its_value(api: str, limit: str) -> None:
    query, message = REFUSED[limit]
    body, _ = post(api, query)
    assert body.get("data") is None
    assert messages(body) == [message]


def test_the_api_without_database_really_has_none(api_without_database: str) -> None:
    ready = httpx.get(f"{api_without_database}/health/ready", timeout=10)
    assert ready.status_code == 503 and "neo4j" in ready.json()["down"]


@pytest.mark.parametrize("limit", REFUSED)
def test_refusals_come_before_the_database_is_touched(api_without_database: str, limit: str) -> None:
    # A query that reached the driver would fail with a connection error after its retries, seconds later.
    query, message = REFUSED[limit]
    body, elapsed = post(api_without_database, query)
    assert messages(body) == [message]
    assert elapsed < 2, f"the refusal took {elapsed:.1f} s"


def test_a_normal_catalogue_query_passes(api: str, db) -> None:
    body, _ = post(api, "{ tools { slug name openSource category { slug } alternatives { slug name } } }")
    assert messages(body) == []
    assert any(tool["alternatives"] for tool in body["data"]["tools"])


def test_graphiql_introspection_passes_while_introspection_is_on(api: str) -> None:
    body, _ = post(api, GRAPHIQL_INTROSPECTION)
    assert messages(body) == []
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


# The query of the report: as an Int it was refused, as a float the same number passed and served 2.9 MB.
NESTED_PAGES = "query($n:Int){associations(first:$n){nodes{slug tools{tool{usedBy(first:$n){nodes{slug name}}}}}}}"


@pytest.mark.parametrize("n", [100, 100.0])
def test_a_page_size_sent_as_a_float_costs_what_it_is_served_as(api: str, n: float) -> None:
    body, _ = post(api, NESTED_PAGES, n=n)
    assert body.get("data") is None
    assert messages(body) == [
        "query cost 1624202 exceeds the limit of 50000; ask for fewer items with `first` or nest fewer lists"
    ]


def test_a_connection_without_first_costs_its_default_page(api: str) -> None:
    # 20 associations by default, each with up to 80 tools, each with 20 users by default: no longer "10 x 10 x 10"
    body, _ = post(api, "{ associations { nodes { slug tools { tool { usedBy { nodes { slug name } } } } } } }")
    assert messages(body) == [
        "query cost 68842 exceeds the limit of 50000; ask for fewer items with `first` or nest fewer lists"
    ]


@pytest.fixture(scope="module")
def api_with_small_responses(live_stack: Settings) -> Iterator[str]:
    with running_api(live_stack.model_copy(update={**LIMITS, "max_response_bytes": 1024})) as base:
        yield base


def test_a_response_over_the_size_limit_is_refused_with_a_graphql_error(api_with_small_responses: str, db) -> None:
    # every tool with its name: within the cost limit, over 1024 bytes
    response = httpx.post(f"{api_with_small_responses}/graphql", json={"query": "{ tools { slug name } }"}, timeout=30)
    assert response.status_code == 200 and response.headers["X-Request-ID"]
    body = response.json()
    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"] == {"code": "RESPONSE_TOO_LARGE"}
    assert "more than the limit of 1024; ask for fewer items" in error["message"]
    assert int(response.headers["content-length"]) == len(response.content) < 1024


def test_a_response_within_the_size_limit_is_sent_whole(api_with_small_responses: str, db) -> None:
    response = httpx.post(f"{api_with_small_responses}/graphql", json={"query": "{ districts { slug } }"}, timeout=30)
    assert response.status_code == 200
    assert len(response.json()["data"]["districts"]) == 12
