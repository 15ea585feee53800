"""updateAssociation, setAssociationTools, setAssociationNeeds: partial changes, permissions, all-or-nothing."""

from typing import Any

import pytest

from network.kit.authorisation import Role
from tests.associations.builders import ASSOCIATION, CREATE, PROFILE, SET_TOOLS, UPDATE, make_association, seed, stored
from tests.support.accounts import Accounts, GraphQL, TestAccount
from tests.support.cleanup import Slugs

SET_NEEDS = (
    "mutation($slug: String!, $needs: [SkillNeedInput!], $considers: [String!], $fields: [String!], "
    "$targetGroups: [String!]) { setAssociationNeeds(slug: $slug, needs: $needs, considers: $considers, "
    f"fields: $fields, targetGroups: $targetGroups) {{ association {{ {PROFILE} }} "
    "errors { field code message } } }"
)
FULL = {
    "slug": "",
    "name": "Kiezrad",
    "description": "Fahrradwerkstatt",
    "district": "pankow",
    "members": 40,
    "paidStaff": 1,
    "languages": ["de", "pl"],
    "fields": ["sport"],
    "targetGroups": ["young-people"],
    "tools": [{"tool": "nextcloud", "proficiency": "EXPERT"}],
    "considers": ["jitsi-meet"],
    "needs": [{"skill": "green-it", "minLevel": 3, "priority": 1}],
    "contactEmail": "rad@example.org",
}


async def owned(graphql: GraphQL, accounts: Accounts, slug: str) -> tuple[TestAccount, dict[str, Any]]:
    """A member and the association it created through the API, as the member sees it."""
    member = await accounts.make(Role.MEMBER)
    payload = (await graphql(CREATE, member, input={**FULL, "slug": slug}))["createAssociation"]
    assert payload["errors"] == []
    return member, payload["association"]


async def update(graphql: GraphQL, account: TestAccount | None, slug: str, **changes: Any) -> dict[str, Any]:
    return (await graphql(UPDATE, account, slug=slug, input=changes))["updateAssociation"]  # type: ignore[no-any-return]


async def test_fields_left_out_stay_as_they_are(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    member, before = await owned(graphql, accounts, slugs("partial"))
    links_before = (await stored(db, "Association", slugs("partial")))["links"]
    payload = await update(graphql, member, slugs("partial"), name="Kiezrad e.V.", members=41)
    assert payload["errors"] == []
    assert payload["association"] == {**before, "name": "Kiezrad e.V.", "members": 41}
    after = await stored(db, "Association", slugs("partial"))
    assert after["links"] == links_before and after["updatedAt"] > after["createdAt"]


async def test_null_clears_a_field(graphql: GraphQL, accounts: Accounts, slugs: Slugs) -> None:
    member, before = await owned(graphql, accounts, slugs("cleared"))
    payload = await update(
        graphql, member, slugs("cleared"), description=None, district=None, members=None, contactEmail=None
    )
    assert payload["errors"] == []
    assert payload["association"] == {
        **before,
        "description": None,
        "district": None,
        "members": None,
        "contactEmail": None,
    }


async def test_null_clears_the_languages(graphql: GraphQL, accounts: Accounts, slugs: Slugs) -> None:
    # UpdateAssociationInput: "a field left out stays as it is, null clears it" (setAssociationNeeds does so too).
    member, before = await owned(graphql, accounts, slugs("nolang"))
    payload = await update(graphql, member, slugs("nolang"), languages=None)
    assert payload["errors"] == [] and payload["association"] == {**before, "languages": []}


async def test_a_bad_change_writes_nothing(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    member, _ = await owned(graphql, accounts, slugs("kept"))
    before = await stored(db, "Association", slugs("kept"))
    payload = await update(graphql, member, slugs("kept"), name="Renamed", district="atlantis", members=-3)
    assert payload["association"] is None
    assert {(e["field"], e["code"]) for e in payload["errors"]} == {("members", "INVALID_INPUT")}
    payload = await update(graphql, member, slugs("kept"), name="Renamed", district="atlantis")
    assert [(e["field"], e["message"]) for e in payload["errors"]] == [
        ("district", "district: unknown district 'atlantis'")
    ]
    assert await stored(db, "Association", slugs("kept")) == before


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.VOLUNTEER])
async def test_only_those_acting_for_it_change_it(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db, role: Role | None
) -> None:
    await seed(db, associations=[make_association(slugs("theirs"))])
    before = await stored(db, "Association", slugs("theirs"))
    account = None if role is None else await accounts.make(role)
    payload = await update(graphql, account, slugs("theirs"), name="Taken over")
    assert payload["association"] is None and [e["code"] for e in payload["errors"]] == ["NOT_PERMITTED"]
    assert await stored(db, "Association", slugs("theirs")) == before
    by_staff = await update(graphql, await accounts.make(Role.STAFF), slugs("theirs"), name="Fixed by staff")
    assert by_staff["errors"] == [] and by_staff["association"]["name"] == "Fixed by staff"


async def test_an_unknown_slug_is_not_found(graphql: GraphQL, accounts: Accounts, slugs: Slugs) -> None:
    payload = await update(graphql, await accounts.make(Role.STAFF), slugs("nowhere"), name="x")
    assert [(e["code"], e["message"]) for e in payload["errors"]] == [
        ("NOT_FOUND", f"No association with slug '{slugs('nowhere')}'.")
    ]


async def test_set_tools_replaces_the_tools_only(graphql: GraphQL, accounts: Accounts, slugs: Slugs) -> None:
    member, before = await owned(graphql, accounts, slugs("tools"))
    tools = [{"tool": "zoom", "proficiency": "BEGINNER", "since": "2023-01-02"}, {"tool": "jitsi-meet"}]
    payload = (await graphql(SET_TOOLS, member, slug=slugs("tools"), tools=tools))["setAssociationTools"]
    assert payload["errors"] == []
    assert payload["association"] == {
        **before,
        "tools": [
            {"tool": {"slug": "jitsi-meet"}, "proficiency": "INTERMEDIATE", "since": None},
            {"tool": {"slug": "zoom"}, "proficiency": "BEGINNER", "since": "2023-01-02"},
        ],
    }
    emptied = (await graphql(SET_TOOLS, member, slug=slugs("tools"), tools=[]))["setAssociationTools"]
    assert emptied["association"]["tools"] == []


async def test_set_tools_with_an_unknown_tool_changes_nothing(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    member, _ = await owned(graphql, accounts, slugs("tools"))
    before = await stored(db, "Association", slugs("tools"))
    payload = (await graphql(SET_TOOLS, member, slug=slugs("tools"), tools=[{"tool": "zoom"}, {"tool": "nope"}]))[
        "setAssociationTools"
    ]
    assert [(e["field"], e["message"]) for e in payload["errors"]] == [
        ("tools[1].tool", "tools[1].tool: unknown tool 'nope'")
    ]
    assert await stored(db, "Association", slugs("tools")) == before


async def test_set_needs_changes_only_the_given_lists(graphql: GraphQL, accounts: Accounts, slugs: Slugs) -> None:
    member, before = await owned(graphql, accounts, slugs("needs"))
    needs = [{"skill": "it-security-basics", "minLevel": 5, "priority": 2}]
    payload = (await graphql(SET_NEEDS, member, slug=slugs("needs"), needs=needs))["setAssociationNeeds"]
    assert payload["errors"] == []
    assert payload["association"] == {
        **before,
        "needs": [{"skill": {"slug": "it-security-basics"}, "minLevel": 5, "priority": 2}],
    }
    payload = (
        await graphql(
            SET_NEEDS, member, slug=slugs("needs"), considers=[], fields=["health", "sport"], targetGroups=None
        )
    )["setAssociationNeeds"]
    assert payload["errors"] == []
    changed = payload["association"]
    assert (changed["considers"], changed["fields"], changed["targetGroups"]) == (
        [],
        [{"slug": "health"}, {"slug": "sport"}],
        [],
    )
    assert changed["needs"] == [{"skill": {"slug": "it-security-basics"}, "minLevel": 5, "priority": 2}]
    assert changed["tools"] == before["tools"] and changed["name"] == before["name"]


async def test_set_needs_with_bad_input_changes_nothing(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    member, _ = await owned(graphql, accounts, slugs("needs"))
    before = await stored(db, "Association", slugs("needs"))
    payload = (
        await graphql(
            SET_NEEDS, member, slug=slugs("needs"), considers=["zoom"], needs=[{"skill": "telepathy", "minLevel": 2}]
        )
    )["setAssociationNeeds"]
    assert [(e["field"], e["message"]) for e in payload["errors"]] == [
        ("needs[0].skill", "needs[0].skill: unknown skill 'telepathy'")
    ]
    assert await stored(db, "Association", slugs("needs")) == before
    still = (await graphql(ASSOCIATION, member, slug=slugs("needs")))["association"]
    assert still["considers"] == [{"slug": "jitsi-meet"}]
