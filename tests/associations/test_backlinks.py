"""From the catalogue back to the graph: Tool.usedBy and usageCount, Skill.neededBy and offeredBy."""

from typing import Any

from network.kit.authorisation import Role
from tests.associations.builders import make_association, make_volunteer, seed
from tests.support.accounts import Accounts, GraphQL, TestAccount
from tests.support.cleanup import Slugs

TOOL = "engelsystem"
SKILL = "green-it"
USED_BY = (
    "query($id: ID!, $first: Int, $after: String) { node(id: $id) { ... on Tool { usageCount "
    "usedBy(first: $first, after: $after) { totalCount edges { cursor node { slug } } "
    "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }"
)
SKILL_LINKS = (
    "query($id: ID!) { node(id: $id) { ... on Skill { neededBy(first: 100) { slug } "
    "offeredBy(first: 100) { slug skills { skill { slug } level } } } } }"
)


async def catalogue_id(graphql: GraphQL, kind: str, slug: str) -> str:
    entries = (await graphql(f"{{ {kind} {{ id slug }} }}"))[kind]
    return next(entry["id"] for entry in entries if entry["slug"] == slug)


async def world(db: Any, slugs: Slugs) -> None:
    uses = [{"tool": TOOL}, {"tool": "nextcloud"}]
    needs = [{"skill": SKILL, "minLevel": 2}]
    await seed(
        db,
        associations=[
            make_association(slugs("c"), tools=uses, needs=needs),
            make_association(slugs("a"), tools=uses),
            make_association(slugs("b"), tools=uses, needs=needs),
            make_association(slugs("d-members"), tools=uses, needs=needs, visibility="MEMBERS"),
            make_association(slugs("e-other"), tools=[{"tool": "nextcloud"}], needs=[]),
        ],
        volunteers=[
            make_volunteer(slugs("v-low"), skills=[{"skill": SKILL, "level": 3}]),
            make_volunteer(slugs("v-high"), skills=[{"skill": SKILL, "level": 7}]),
            make_volunteer(slugs("v-none"), skills=[{"skill": "it-security-basics", "level": 8}]),
        ],
    )


async def used_by(
    graphql: GraphQL, tool_id: str, account: TestAccount | None = None, first: int = 100, after: str | None = None
) -> dict[str, Any]:
    return (await graphql(USED_BY, account, id=tool_id, first=first, after=after))["node"]  # type: ignore[no-any-return]


async def all_users(graphql: GraphQL, tool_id: str, account: TestAccount | None = None) -> tuple[list[str], int, int]:
    """Every slug of usedBy (following cursors), its totalCount and the tool's usageCount."""
    found, after = [], None
    while True:
        tool = await used_by(graphql, tool_id, account, after=after)
        found += [edge["node"]["slug"] for edge in tool["usedBy"]["edges"]]
        if not tool["usedBy"]["pageInfo"]["hasNextPage"]:
            return found, tool["usedBy"]["totalCount"], tool["usageCount"]
        after = tool["usedBy"]["pageInfo"]["endCursor"]


async def test_used_by_and_usage_count_count_the_users_the_viewer_may_see(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    tool_id = await catalogue_id(graphql, "tools", TOOL)
    member = await accounts.make(Role.MEMBER)
    (_, before, count_before), (_, before_member, count_before_member) = (
        await all_users(graphql, tool_id),
        await all_users(graphql, tool_id, member),
    )
    await world(db, slugs)
    (anonymous, total, count), (signed_in, total_member, count_member) = (
        await all_users(graphql, tool_id),
        await all_users(graphql, tool_id, member),
    )
    mine = [slugs("a"), slugs("b"), slugs("c")]
    assert [slug for slug in anonymous if slug.startswith(slugs.prefix)] == mine
    assert total == len(anonymous) == before + 3
    assert [slug for slug in signed_in if slug.startswith(slugs.prefix)] == [*mine, slugs("d-members")]
    assert total_member == len(signed_in) == before_member + 4
    # usageCount counts what usedBy lists: a MEMBERS association is not counted for anonymous callers
    assert count == total == count_before + 3
    assert count_member == total_member == count_before_member + 4


async def test_used_by_pages_with_cursors(graphql: GraphQL, slugs: Slugs, db) -> None:
    tool_id = await catalogue_id(graphql, "tools", TOOL)
    await world(db, slugs)
    seen, after, pages = [], None, 0
    while True:
        page = (await used_by(graphql, tool_id, first=1, after=after))["usedBy"]
        pages += 1
        assert len(page["edges"]) == 1 and page["pageInfo"]["hasPreviousPage"] is (after is not None)
        assert page["pageInfo"]["endCursor"] == page["edges"][0]["cursor"]
        seen.append(page["edges"][0]["node"]["slug"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == sorted(set(seen)) and pages == page["totalCount"]
    assert [slug for slug in seen if slug.startswith(slugs.prefix)] == [slugs("a"), slugs("b"), slugs("c")]


async def test_used_by_refuses_a_page_size_out_of_range(graphql: GraphQL) -> None:
    tool_id = await catalogue_id(graphql, "tools", TOOL)
    assert await graphql.error(USED_BY, id=tool_id, first=101, after=None) == "first must be between 1 and 100, got 101"


async def test_needed_by_and_offered_by_as_the_viewer_may_see_them(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    skill_id = await catalogue_id(graphql, "skills", SKILL)
    await world(db, slugs)
    member = await accounts.make(Role.MEMBER)

    def mine(rows: list[dict[str, Any]]) -> list[str]:
        return [row["slug"] for row in rows if row["slug"].startswith(slugs.prefix)]

    anonymous = (await graphql(SKILL_LINKS, id=skill_id))["node"]
    assert mine(anonymous["neededBy"]) == [slugs("b"), slugs("c")]
    assert anonymous["offeredBy"] == []  # volunteers are shown to signed-in users only
    signed_in = (await graphql(SKILL_LINKS, member, id=skill_id))["node"]
    assert mine(signed_in["neededBy"]) == [slugs("b"), slugs("c"), slugs("d-members")]
    assert mine(signed_in["offeredBy"]) == [slugs("v-high"), slugs("v-low")]  # highest level first
    levels = [
        offer["level"] for row in signed_in["offeredBy"] for offer in row["skills"] if offer["skill"]["slug"] == SKILL
    ]
    assert levels == sorted(levels, reverse=True)
