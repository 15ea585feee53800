"""One request of an operation to each side, answered in the normalised shape: the check that all three return the
same rows, run by the suite before it times anything and by the tests."""

from typing import Any

import httpx
from neo4j import Driver

from bench.api import normalise, requests
from bench.api.load import answer_error


def _data(response: httpx.Response) -> dict[str, Any]:
    error = answer_error(response)
    if error:
        raise RuntimeError(f"{response.request.url} answered with an error: {error}")
    data: dict[str, Any] = response.json()["data"]
    return data


def ours(client: httpx.Client, token: str, operation: str, item: Any, first: int = requests.SEARCH_HITS) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if requests.our_needs_token(operation) else {}
    response = client.post("/graphql", json=requests.our_body(operation, item, first), headers=headers)
    return normalise.OURS[operation](_data(response))


def peer(client: httpx.Client, operation: str, item: Any, first: int = requests.SEARCH_HITS) -> Any:
    return normalise.PEER[operation](_data(client.post("/graphql", json=requests.peer_body(operation, item, first))))


def floor(driver: Driver, database: str, operation: str, item: Any, first: int = requests.SEARCH_HITS) -> Any:
    call = requests.floor_call(operation, item, first)
    records, _, _ = driver.execute_query(
        call["statement"], call["parameters"], database_=database, routing_="w" if call["write"] else "r"
    )
    return normalise.FLOOR[operation]([record.data() for record in records])
