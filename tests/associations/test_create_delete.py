"""createAssociation and deleteAssociation: who may, what is written, and bad input that writes nothing."""

from typing import Any

import pytest

from network.kit.authorisation import Role
from network.kit.global_id import to_global_id
from tests.associations.builders import ASSOCIATION, CREATE, DELETE, make_association, seed, stored
from tests.support.accounts import Accounts, GraphQL, TestAccount
from tests.support.cleanup import Slugs


def new(slug: str, **overrides: Any) -> dict[str, Any]:
    """A valid CreateAssociationInput."""
    return {
        "slug": slug,
        "name": f"Neu {slug}",
        "description": "Neu gegründet",
        "district": "lichtenberg",
        "members": 12,
        "paidStaff": 0,
        "languages": ["de", "en"],
        "fields": ["sport"],
        "targetGroups": ["older-people"],
        "tools": [{"tool": "nextcloud", "proficiency": "EXPERT", "since": "2020-05-01"}],
        "considers": ["jitsi-meet"],
        "needs": [{"skill": "green-it", "minLevel": 3, "priority": 1}],
        "contactEmail": "vorstand@example.org",
        "visibility": "MEMBERS",
        **overrides,
    }


async def create(graphql: GraphQL, account: TestAccount | None, data: dict[str, Any]) -> dict[str, Any]:
    return (await graphql(CREATE, account, input=data))["createAssociation"]  # type: ignore[no-any-return]


def problems(payload: dict[str, Any]) -> list[tuple[str | None, str]]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


async def test_a_member_creates_an_association_and_acts_for_it(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    member = await accounts.make(Role.MEMBER)
    payload = await create(graphql, member, new(slugs("new")))
    assert payload["errors"] == []
    made = payload["association"]
    assert (made["slug"], made["name"], made["visibility"], made["contactEmail"], made["canEdit"]) == (
        slugs("new"),
        f"Neu {slugs('new')}",
        "MEMBERS",
        "vorstand@example.org",
        True,
    )
    assert made["tools"] == [{"tool": {"slug": "nextcloud"}, "proficiency": "EXPERT", "since": "2020-05-01"}]
    assert made["needs"] == [{"skill": {"slug": "green-it"}, "minLevel": 3, "priority": 1}]
    node = await stored(db, "Association", slugs("new"))
    assert made["id"] == to_global_id("Association", node["id"])
    assert node["links"] == sorted(
        [
            "ACTIVE_IN:sport",
            "CONSIDERS:jitsi-meet",
            "LOCATED_IN:lichtenberg",
            "NEEDS:green-it",
            "SERVES:older-people",
            "USES:nextcloud",
        ]
    )
    assert node["id"] in (await accounts.viewer(member)).acts_for
    again = (await graphql(ASSOCIATION, member, slug=slugs("new")))["association"]
    assert again["canEdit"] is True and again["contactEmail"] == "vorstand@example.org"


async def test_staff_create_associations_without_acting_for_them(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    staff = await accounts.make(Role.STAFF)
    payload = await create(graphql, staff, new(slugs("staffs")))
    assert payload["errors"] == [] and payload["association"]["canEdit"] is True
    assert (await accounts.viewer(staff)).acts_for == frozenset()


@pytest.mark.parametrize(
    "role, message", [(None, "Sign in first"), (Role.VOLUNTEER, "Only member and staff accounts create associations")]
)
async def test_anonymous_callers_and_volunteers_may_not_create(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db, role: Role | None, message: str
) -> None:
    account = None if role is None else await accounts.make(role)
    payload = await create(graphql, account, new(slugs("refused")))
    assert payload["association"] is None and problems(payload) == [(None, "NOT_PERMITTED")]
    assert payload["errors"][0]["message"].startswith(message)
    assert await stored(db, "Association", slugs("refused")) is None


async def test_a_taken_slug_is_a_conflict_and_the_first_stays(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    await seed(db, associations=[make_association(slugs("taken"))])
    before = await stored(db, "Association", slugs("taken"))
    payload = await create(graphql, await accounts.make(Role.MEMBER), new(slugs("taken")))
    assert payload["association"] is None and [e["code"] for e in payload["errors"]] == ["CONFLICT"]
    assert f"'{slugs('taken')}' exists already" in payload["errors"][0]["message"]
    assert await stored(db, "Association", slugs("taken")) == before


async def test_a_taken_slug_is_reported_on_the_slug_field(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    # Like signUp's taken e-mail (field "email"), so that a form can mark the field to change.
    await seed(db, associations=[make_association(slugs("taken"))])
    payload = await create(graphql, await accounts.make(Role.MEMBER), new(slugs("taken")))
    assert problems(payload) == [("slug", "CONFLICT")]


async def test_unknown_catalogue_slugs_are_each_named_and_nothing_is_written(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    data = new(
        slugs("bad"),
        district="atlantis",
        fields=["sport", "chess-boxing"],
        targetGroups=["martians"],
        tools=[{"tool": "nextcloud"}, {"tool": "no-such-tool"}],
        considers=["vaporware"],
        needs=[{"skill": "telepathy"}],
    )
    payload = await create(graphql, await accounts.make(Role.MEMBER), data)
    assert payload["association"] is None
    assert [(e["field"], e["code"], e["message"]) for e in payload["errors"]] == [
        ("district", "INVALID_INPUT", "district: unknown district 'atlantis'"),
        ("tools[1].tool", "INVALID_INPUT", "tools[1].tool: unknown tool 'no-such-tool'"),
        ("considers[0]", "INVALID_INPUT", "considers[0]: unknown tool 'vaporware'"),
        ("needs[0].skill", "INVALID_INPUT", "needs[0].skill: unknown skill 'telepathy'"),
        ("fields[1]", "INVALID_INPUT", "fields[1]: unknown field 'chess-boxing'"),
        ("targetGroups[0]", "INVALID_INPUT", "targetGroups[0]: unknown target group 'martians'"),
    ]
    assert await stored(db, "Association", slugs("bad")) is None


@pytest.mark.parametrize("level", [0, 9])
async def test_a_level_out_of_range_names_the_field_and_the_range(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db, level: int
) -> None:
    payload = await create(
        graphql, await accounts.make(Role.MEMBER), new(slugs("lvl"), needs=[{"skill": "green-it", "minLevel": level}])
    )
    assert payload["association"] is None and len(payload["errors"]) == 1
    error = payload["errors"][0]
    assert error["code"] == "INVALID_INPUT" and "minLevel" in error["field"]
    assert "1" in error["message"].split(":", 1)[1] and "8" in error["message"]
    assert await stored(db, "Association", slugs("lvl")) is None


async def test_one_item_s_problems_share_one_field_path(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    # An unknown skill and an impossible level of the same item must point a client at the same place.
    member = await accounts.make(Role.MEMBER)
    unknown = await create(graphql, member, new(slugs("p1"), needs=[{"skill": "telepathy"}]))
    too_high = await create(graphql, member, new(slugs("p2"), needs=[{"skill": "green-it", "minLevel": 9}]))
    assert unknown["errors"][0]["field"].rsplit(".", 1)[0] == too_high["errors"][0]["field"].rsplit(".", 1)[0]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"slug": "Not A Slug"}, "slug"),
        ({"name": ""}, "name"),
        ({"members": -1}, "members"),
        ({"contactEmail": "nobody"}, "contactEmail"),
        ({"languages": ["deu"]}, "languages[0]"),
        ({"tools": [{"tool": "zoom"}, {"tool": "zoom"}]}, "tools"),
        ({"needs": [{"skill": "green-it", "priority": 4}]}, "needs[0].priority"),
    ],
)
async def test_invalid_values_name_their_field(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, change: dict[str, Any], field: str
) -> None:
    payload = await create(graphql, await accounts.make(Role.MEMBER), {**new(slugs("invalid")), **change})
    assert payload["association"] is None and problems(payload) == [(field, "INVALID_INPUT")]
    assert payload["errors"][0]["message"].startswith(f"{field}: ")


async def test_deleting_removes_the_association_and_its_links(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    member = await accounts.make(Role.MEMBER)
    made = (await create(graphql, member, new(slugs("gone"))))["association"]
    payload = (await graphql(DELETE, member, slug=slugs("gone")))["deleteAssociation"]
    assert payload == {"deletedId": made["id"], "errors": []}
    assert await stored(db, "Association", slugs("gone")) is None
    assert (await accounts.viewer(member)).acts_for == frozenset()
    again = (await graphql(DELETE, member, slug=slugs("gone")))["deleteAssociation"]
    assert again["deletedId"] is None and problems(again) == [(None, "NOT_FOUND")]


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.VOLUNTEER])
async def test_only_those_acting_for_it_may_delete(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db, role: Role | None
) -> None:
    await seed(db, associations=[make_association(slugs("kept"))])
    account = None if role is None else await accounts.make(role)
    payload = (await graphql(DELETE, account, slug=slugs("kept")))["deleteAssociation"]
    assert payload["deletedId"] is None and problems(payload) == [(None, "NOT_PERMITTED")]
    assert await stored(db, "Association", slugs("kept")) is not None
    staff_deletes = (await graphql(DELETE, await accounts.make(Role.STAFF), slug=slugs("kept")))["deleteAssociation"]
    assert staff_deletes["errors"] == [] and await stored(db, "Association", slugs("kept")) is None
