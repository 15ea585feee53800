"""GraphQL over real HTTP with bearer tokens, and a look at what the graph really holds, for authorisation tests."""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from network.kit.database import Database
from network.settings import Settings
from tests.support.accounts import TestAccount
from tests.support.server import running_api

ERRORS = "errors { field code message }"


class Client:
    """Posts operations to a running API, as an account (its bearer token), a raw token, or anonymously."""

    def __init__(self, http: httpx.Client) -> None:
        self.http = http

    def post(
        self, query: str, account: TestAccount | None = None, *, token: str | None = None, **variables: Any
    ) -> httpx.Response:
        token = account.token if account is not None else token
        headers = {} if token is None else {"Authorization": f"Bearer {token}"}
        return self.http.post("/graphql", json={"query": query, "variables": variables}, headers=headers)

    def data(self, query: str, account: TestAccount | None = None, **variables: Any) -> dict[str, Any]:
        """The data of an operation that must be answered with 200 and no GraphQL errors."""
        response = self.post(query, account, **variables)
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body["errors"]
        return body["data"]  # type: ignore[no-any-return]

    def error(self, query: str, account: TestAccount | None = None, **variables: Any) -> str:
        """The message of the one GraphQL error an operation must be answered with (HTTP 200)."""
        response = self.post(query, account, **variables)
        assert response.status_code == 200, response.text
        errors = response.json().get("errors")
        assert errors is not None and len(errors) == 1, response.text
        return str(errors[0]["message"])


@pytest.fixture(scope="session")
def client(signed_settings: Settings, db: Database) -> Iterator[Client]:
    """One real uvicorn server for the session, accepting the tokens of `tests.support.accounts`."""
    with running_api(signed_settings) as base, httpx.Client(base_url=base, timeout=30) as http:
        yield Client(http)


async def cypher(db: Database, query: str, **parameters: Any) -> list[dict[str, Any]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query, parameters)
        return [record.data() async for record in result]


async def remove_questions(db: Database, slugs_prefix: str, accounts_prefix: str) -> None:
    """The questions a test asked (their text names its slug prefix), the notifications about them, and those to
    its accounts; run before the accounts go, so nothing is left behind detached."""
    await cypher(
        db,
        "MATCH (q:HelpQuestion) WHERE q.text CONTAINS $slugs "
        "OPTIONAL MATCH (n:Notification)-[:CONCERNS]->(q) DETACH DELETE n, q",
        slugs=slugs_prefix,
    )
    await cypher(
        db,
        "MATCH (n:Notification)-[:TO]->(a:Account) WHERE a.email STARTS WITH $accounts DETACH DELETE n",
        accounts=accounts_prefix,
    )


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((key, _canonical(item)) for key, item in value.items()))
    if isinstance(value, list):
        return tuple(_canonical(item) for item in value)
    return repr(value)


async def snapshot(db: Database, prefix: str, account_ids: list[str]) -> list[Any]:
    """Every node under a test's slug prefix, every suggestion and experience report about them, every given
    account, the questions they asked and the notifications to them, with all their relationships, as stored; and
    how many job runs the graph holds (a refused mutation starts none)."""
    rows = await cypher(
        db,
        "MATCH (n) WHERE n.slug STARTS WITH $prefix OR (n:Account AND n.id IN $accounts) "
        "OR (n:Suggestion AND EXISTS { MATCH (n)-[:FOR|OF]->(p) WHERE p.slug STARTS WITH $prefix }) "
        "OR (n:HelpQuestion AND EXISTS { MATCH (a:Account)-[:ASKED]->(n) WHERE a.id IN $accounts }) "
        "OR (n:ExperienceReport AND EXISTS { MATCH (p)-[:REPORTED]->(n) WHERE p.slug STARTS WITH $prefix }) "
        "OR (n:Notification AND EXISTS { MATCH (n)-[:TO]->(a:Account) WHERE a.id IN $accounts }) "
        "OPTIONAL MATCH (n)-[r]-(m) "
        "RETURN labels(n) AS labels, properties(n) AS node, type(r) AS type, startNode(r) = n AS outgoing, "
        "coalesce(m.slug, m.id) AS other, properties(r) AS link",
        prefix=prefix,
        accounts=account_ids,
    )
    runs = await cypher(db, "MATCH (r:JobRun) RETURN count(r) AS runs")
    return [*sorted(repr(_canonical(row)) for row in rows), runs]


async def graph_size(db: Database) -> tuple[int, int]:
    """Nodes and relationships in the whole graph."""
    rows = await cypher(
        db,
        "CALL () { MATCH (n) RETURN count(n) AS nodes } "
        "CALL () { MATCH ()-[r]->() RETURN count(r) AS links } RETURN nodes, links",
    )
    return rows[0]["nodes"], rows[0]["links"]
