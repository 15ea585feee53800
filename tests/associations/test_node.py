"""node(id): every type by its global id, as the viewer may see it; unknown and invisible ids are null."""

import uuid

import pytest

from network.kit.authorisation import Role
from network.kit.global_id import to_global_id
from tests.associations.builders import make_association, make_event, make_volunteer, seed, stored
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs

NODE = (
    "query($id: ID!) { node(id: $id) { __typename id "
    "... on Association { slug } ... on Volunteer { slug } ... on Event { slug } ... on Tool { slug } "
    "... on Skill { slug } ... on District { slug } ... on Field { slug } ... on TargetGroup { slug } } }"
)
CATALOGUE = "{ tools { id slug } skills { id slug } districts { id slug } fields { id slug } targetGroups { id slug } }"


async def node(graphql: GraphQL, global_id: str, account=None) -> dict | None:  # type: ignore[no-untyped-def, type-arg]
    return (await graphql(NODE, account, id=global_id))["node"]  # type: ignore[no-any-return]


async def test_entities_are_found_by_their_global_id(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    await seed(
        db,
        associations=[make_association(slugs("a"))],
        volunteers=[make_volunteer(slugs("v"))],
        events=[make_event(slugs("e"))],
    )
    member = await accounts.make(Role.MEMBER)
    for label, name in (("Association", "a"), ("Volunteer", "v"), ("Event", "e")):
        global_id = to_global_id(label, (await stored(db, label, slugs(name)))["id"])
        assert await node(graphql, global_id, member) == {"__typename": label, "id": global_id, "slug": slugs(name)}


@pytest.mark.parametrize(
    "kind, typename",
    [
        ("tools", "Tool"),
        ("skills", "Skill"),
        ("districts", "District"),
        ("fields", "Field"),
        ("targetGroups", "TargetGroup"),
    ],
)
async def test_catalogue_entries_are_found_by_their_global_id(graphql: GraphQL, kind: str, typename: str) -> None:
    entries = (await graphql(CATALOGUE))[kind]
    assert len(entries) > 1
    for entry in (entries[0], entries[-1]):
        assert await node(graphql, entry["id"]) == {"__typename": typename, **entry}


@pytest.mark.parametrize(
    "label",
    ["Association", "Volunteer", "Event", "Tool", "Skill", "District", "Field", "TargetGroup", "Account", "Nonsense"],
)
async def test_an_unknown_id_is_null(graphql: GraphQL, accounts: Accounts, label: str) -> None:
    staff = await accounts.make(Role.STAFF)
    assert await node(graphql, to_global_id(label, str(uuid.uuid4())), staff) is None


async def test_what_a_viewer_may_not_see_is_null(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    await seed(
        db,
        associations=[make_association(slugs("closed"), visibility="MEMBERS")],
        volunteers=[make_volunteer(slugs("v"))],
        events=[make_event(slugs("e"), visibility="MEMBERS")],
    )
    member = await accounts.make(Role.MEMBER)
    for label, name in (("Association", "closed"), ("Volunteer", "v"), ("Event", "e")):
        global_id = to_global_id(label, (await stored(db, label, slugs(name)))["id"])
        assert await node(graphql, global_id) is None
        assert (await node(graphql, global_id, member))["slug"] == slugs(name)


async def test_a_malformed_id_is_an_error_naming_it(graphql: GraphQL) -> None:
    message = await graphql.error(NODE, id="%%% not base64 %%%")
    assert "'%%% not base64 %%%' is not a valid id" in message
