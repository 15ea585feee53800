"""Cypher and Lucene syntax in slugs, filters and search text: found nothing, changed nothing, broke nothing."""

from typing import Any

import pytest

from network.kit.authorisation import Role
from network.kit.database import Database
from network.kit.pagination import encode_cursor
from tests.authz.cast import Cast
from tests.authz.client import Client, cypher, graph_size
from tests.support.accounts import Accounts, TestAccount
from tests.support.cleanup import Slugs

PAYLOADS = [
    "x' OR 1=1 //",
    "}) MATCH (n) DETACH DELETE n //",
    'x"}) DETACH DELETE n RETURN 1 //',
    "' UNION MATCH (a:Account) RETURN a.passwordHash AS slug //",
    "nextcloud' OR '1'='1",
    "$slug",
    "*",
    "\\",
]

READS = """query($p: String!, $signedIn: Boolean!) {
  association(slug: $p) { slug } volunteer(slug: $p) { slug } event(slug: $p) { slug }
  byTools: associations(filter: {usesTools: [$p], considersTools: [$p]}) { totalCount nodes { slug } }
  byOthers: associations(filter: {needsSkills: [$p], fields: [$p], targetGroups: [$p], districts: [$p],
                                  languages: [$p]}) { totalCount nodes { slug } }
  volunteers(filter: {skill: $p, tools: [$p], districts: [$p], languages: [$p]}) @include(if: $signedIn) {
    totalCount nodes { slug } }
  events(filter: {topics: [$p]}) { totalCount nodes { slug } }
}"""
EMPTY = {"totalCount": 0, "nodes": []}
WRITES: dict[str, tuple[str, str]] = {
    "updateAssociation": (
        "mutation($p: String!) { updateAssociation(slug: $p, input: {name: $p}) "
        "{ association { slug } errors { field code } } }",
        "NOT_FOUND",
    ),
    "setAssociationTools": (
        "mutation($p: String!) { setAssociationTools(slug: $p, tools: [{tool: $p}]) "
        "{ association { slug } errors { field code } } }",
        "NOT_FOUND",
    ),
    "deleteAssociation": (
        "mutation($p: String!) { deleteAssociation(slug: $p) { deletedId errors { field code } } }",
        "NOT_FOUND",
    ),
    "updateVolunteerProfile": (
        "mutation($p: String!) { updateVolunteerProfile(slug: $p, input: {bio: $p}) "
        "{ volunteer { slug } errors { field code } } }",
        "NOT_FOUND",
    ),
    "cancelEvent": (
        "mutation($p: String!) { cancelEvent(slug: $p) { event { slug } errors { field code } } }",
        "NOT_FOUND",
    ),
    "registerForEvent": (
        "mutation($p: String!) { registerForEvent(eventSlug: $p, partySlug: $p) "
        "{ event { slug } errors { field code } } }",
        "NOT_FOUND",
    ),
    "createAssociation": (
        "mutation($p: String!) { createAssociation(input: {slug: $p, name: $p}) "
        "{ association { slug } errors { field code } } }",
        "INVALID_INPUT",
    ),
}


@pytest.fixture
async def world(accounts: Accounts, client: Client, slugs: Slugs) -> dict[str, TestAccount]:
    """A member's association, a volunteer's profile and an event, so that there is something to find or break."""
    cast = {
        "member": await accounts.make(Role.MEMBER),
        "volunteer": await accounts.make(Role.VOLUNTEER),
        "staff": await accounts.make(Role.STAFF),
    }
    made = Cast(client, slugs)
    made.association(cast["member"])
    made.volunteer(cast["volunteer"])
    made.event(cast["staff"])
    return cast


async def _untouched(db: Database, slugs: Slugs) -> list[Any]:
    return await cypher(
        db, "MATCH (n) WHERE n.slug STARTS WITH $p RETURN n.slug AS slug, n.name AS name ORDER BY slug", p=slugs.prefix
    )


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("caller", ["anonymous", "staff"])
async def test_injected_arguments_find_and_change_nothing(
    payload: str, caller: str, world: dict[str, TestAccount], client: Client, slugs: Slugs, db: Database
) -> None:
    account = world.get(caller)
    size, mine = await graph_size(db), await _untouched(db, slugs)

    found = client.data(READS, account, p=payload, signedIn=account is not None)
    assert found["association"] is found["volunteer"] is found["event"] is None
    assert found["byTools"] == found["byOthers"] == found["events"] == EMPTY
    assert found.get("volunteers", EMPTY) == EMPTY  # anonymous callers are refused the list as a whole
    for name, (query, code) in WRITES.items():
        answer = client.data(query, account, p=payload)[name]
        assert [e["code"] for e in answer["errors"]] == [code if account else "NOT_PERMITTED"], (name, answer)

    assert await graph_size(db) == size
    assert await _untouched(db, slugs) == mine
    assert len(mine) == 3


@pytest.mark.parametrize(
    "text",
    [
        "x' OR 1=1 //",
        "}) MATCH (n) DETACH DELETE n //",
        "contactEmail:*",
        "*:*",
        "name:/.*/",
        '"unbalanced',
        "AND",
        "NOT",
        "x OR",
        "a AND b",
        "(",
        "~",
        "&&",
    ],
)
async def test_search_text_is_taken_as_words(
    text: str, world: dict[str, TestAccount], client: Client, slugs: Slugs, db: Database
) -> None:
    """Lucene operators, fields and wildcards in search text are words to look for, not syntax to run."""
    size = await graph_size(db)
    for account in (None, world["member"]):
        data = client.data(
            "query($t: String!, $signedIn: Boolean!) { search(text: $t, first: 100) { party { "
            "... on Association { slug } ... on Volunteer { slug } } } "
            "associations(filter: {text: $t}) { nodes { slug } } "
            "volunteers(filter: {text: $t}) @include(if: $signedIn) { nodes { slug } } }",
            account,
            t=text,
            signedIn=account is not None,
        )
        found = {hit["party"]["slug"] for hit in data["search"]} | {n["slug"] for n in data["associations"]["nodes"]}
        assert not any(slug.startswith(slugs.prefix) for slug in found), found
    assert await graph_size(db) == size


async def test_operator_words_are_searched_as_words(
    world: dict[str, TestAccount], client: Client, slugs: Slugs
) -> None:
    """`AND`, `OR` and `NOT` neither break the search (an unexpected error, before) nor turn it into a negation."""
    for text in (f"{slugs.prefix} AND", f"NOT {slugs.prefix}", f"OR {slugs.prefix} OR"):
        # Other associations may hold "and", "or" or "not"; this test's rare word ranks its association first.
        data = client.data(
            "query($t: String!, $after: String!) { search(text: $t) { party { "
            "... on Association { slug } } } "
            "associations(filter: {text: $t}, first: 1, after: $after) { nodes { slug } } }",
            None,
            t=text,
            after=encode_cursor(slugs.prefix),
        )
        assert data["search"][0]["party"] == {"slug": slugs("assoc")}, text
        assert data["associations"]["nodes"] == [{"slug": slugs("assoc")}], text
