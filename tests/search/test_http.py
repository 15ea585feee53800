"""Through a real HTTP server: the bearer token decides what search and the lists show, request by request."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from network.kit.authorisation import Role
from network.settings import Settings
from tests.associations.builders import make_association, make_volunteer, seed
from tests.support.accounts import Accounts, TestAccount
from tests.support.cleanup import Slugs
from tests.support.server import running_api

SEARCH = (
    "query($t: String!) { search(text: $t) { party { __typename ... on Association { slug } "
    "... on Volunteer { slug } } } }"
)
VOLUNTEERS = "query($t: String) { volunteers(filter: {text: $t}) { totalCount nodes { slug } } }"
CREATE = (
    "mutation($i: CreateAssociationInput!) { createAssociation(input: $i) "
    "{ association { contactEmail canEdit } errors { code } } }"
)
ASSOCIATION = "query($s: String!) { association(slug: $s) { slug contactEmail canEdit } }"


@pytest.fixture(scope="module")
def base_url(signed_settings: Settings) -> Any:
    with running_api(signed_settings) as url:
        yield url


@pytest.fixture
async def http(base_url: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=base_url, timeout=20) as client:
        yield client


async def post(
    http: httpx.AsyncClient, query: str, account: TestAccount | None = None, **variables: Any
) -> dict[str, Any]:
    response = await http.post(
        "/graphql", json={"query": query, "variables": variables}, headers=account.bearer if account else {}
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def test_the_bearer_token_decides_what_is_found(
    http: httpx.AsyncClient, accounts: Accounts, slugs: Slugs, db
) -> None:
    token = f"{slugs.prefix}web"
    await seed(
        db,
        associations=[
            make_association(slugs("open"), name=f"Offen {token}"),
            make_association(slugs("closed"), name=f"Zu {token}", visibility="MEMBERS"),
        ],
        volunteers=[make_volunteer(slugs("helper"), displayName=f"Hilfe {token}")],
    )
    anonymous = await post(http, SEARCH, t=token)
    assert [hit["party"]["slug"] for hit in anonymous["data"]["search"]] == [slugs("open")]
    refused = await post(http, VOLUNTEERS, t=token)
    assert refused["data"] is None and "signed-in users only" in refused["errors"][0]["message"]

    member = await accounts.make(Role.MEMBER)
    signed_in = await post(http, SEARCH, member, t=token)
    assert sorted((hit["party"]["__typename"], hit["party"]["slug"]) for hit in signed_in["data"]["search"]) == [
        ("Association", slugs("closed")),
        ("Association", slugs("open")),
        ("Volunteer", slugs("helper")),
    ]
    listed = await post(http, VOLUNTEERS, member, t=token)
    assert listed == {"data": {"volunteers": {"totalCount": 1, "nodes": [{"slug": slugs("helper")}]}}}


async def test_what_one_request_creates_the_next_request_may_edit(
    http: httpx.AsyncClient, accounts: Accounts, slugs: Slugs
) -> None:
    member = await accounts.make(Role.MEMBER)
    created = await post(
        http, CREATE, member, i={"slug": slugs("mine"), "name": "Mine", "contactEmail": "mine@example.org"}
    )
    assert created["data"]["createAssociation"] == {
        "association": {"contactEmail": "mine@example.org", "canEdit": True},
        "errors": [],
    }
    later = await post(http, ASSOCIATION, member, s=slugs("mine"))
    assert later["data"]["association"] == {"slug": slugs("mine"), "contactEmail": "mine@example.org", "canEdit": True}
    stranger = await post(http, ASSOCIATION, await accounts.make(Role.MEMBER), s=slugs("mine"))
    assert stranger["data"]["association"] == {"slug": slugs("mine"), "contactEmail": None, "canEdit": False}


async def test_a_forged_token_is_refused_with_401(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql", json={"query": "{ me { email } }"}, headers={"Authorization": "Bearer not.a.token"}
    )
    assert response.status_code == 401 and "malformed" in response.json()["detail"]
