"""The catalogue over real HTTP, as a web client asks for it."""

import httpx

from graph_schema.catalogue.reference import read_catalogue
from network.settings import Settings
from tests.support.server import running_api


def test_the_whole_catalogue_over_http(live_stack: Settings, db) -> None:
    query = "{ tools { slug name openSource alternatives { slug } } }"
    with running_api(live_stack) as base:
        response = httpx.post(f"{base}/graphql", json={"query": query})
        ide = httpx.get(f"{base}/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    tools = response.json()["data"]["tools"]
    assert {t["slug"] for t in tools} == read_catalogue().slugs("tools")
    assert ide.status_code == 200 and "graphiql" in ide.text.lower()


def test_graphiql_and_introspection_can_be_switched_off(live_stack: Settings, db) -> None:
    production = live_stack.model_copy(update={"graphiql": False, "introspection": False})
    with running_api(production) as base:
        ide = httpx.get(f"{base}/graphql", headers={"accept": "text/html"})
        introspection = httpx.post(f"{base}/graphql", json={"query": "{ __schema { types { name } } }"})
        plain = httpx.post(f"{base}/graphql", json={"query": "{ districts { slug } }"})
    assert ide.status_code == 404
    assert introspection.json()["errors"] and "introspection" in introspection.json()["errors"][0]["message"].lower()
    assert len(plain.json()["data"]["districts"]) == 12
