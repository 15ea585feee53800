"""`Tool.experienceReports`, `Tool.averageRating` and `Tool.tips`: approved reports only, as the viewer sees their
associations, in both orders and a page at a time, one query per field for a whole list of tools."""

from typing import Any

from network.app import open_queue
from network.catalogue.cache import CatalogueCache
from network.graphql.schema import build_schema
from network.kit.context import Context
from network.kit.database import Database, counting_queries
from network.kit.global_id import to_global_id
from network.kit.pagination import encode_cursor
from network.settings import Settings
from tests.reports.conftest import ON_TOOL, TIPS, ReportCast, cypher
from tests.support.accounts import GraphQL, TestAccount

TOOL = "cryptpad"  # a tool no other test reports on


async def _tool_id(db: Database, slug: str = TOOL) -> str:
    [row] = await cypher(db, "MATCH (t:Tool {slug: $slug}) RETURN t.id AS id", slug=slug)
    return to_global_id("Tool", row["id"])


async def _listed(
    graphql: GraphQL, db: Database, order: str, account: TestAccount | None = None, first: int = 2
) -> tuple[list[tuple[str, int]], int, dict[str, Any]]:
    """Every page of the tool's reports in `order`: (association, rating) each, the total, the rating."""
    tool, after, seen = await _tool_id(db), None, []
    while True:
        data = (await graphql(ON_TOOL, account, id=tool, order=order, first=first, after=after))["node"]
        page = data["experienceReports"]
        seen += [(node["association"]["slug"].rsplit("-", 1)[1], node["rating"]) for node in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            return seen, page["totalCount"], data["averageRating"]
        after = page["pageInfo"]["endCursor"]


async def test_approved_reports_newest_or_best_rated_first_with_their_average(
    cast: ReportCast, graphql: GraphQL, db: Database
) -> None:
    for name, rating in (("a", 3), ("b", 5), ("c", 3), ("d", 1), ("e", 4)):
        await cast.member(name)
        report = await cast.write(name, tool=TOOL, replaced=None, rating=rating)
        if name != "e":  # e's report waits for staff: nobody sees it on the tool, nor in the average
            await cast.approve(report)

    newest, total, rating = await _listed(graphql, db, "NEWEST")
    assert newest == [("d", 1), ("c", 3), ("b", 5), ("a", 3)]  # approved in this order: newest version first
    assert total == 4 and rating == {"average": 3.0, "count": 4}
    best, _, _ = await _listed(graphql, db, "BEST_RATED", first=3)
    assert best == [("b", 5), ("c", 3), ("a", 3), ("d", 1)]  # among equals, the newer first


async def test_reports_of_members_only_associations_show_to_signed_in_users(
    cast: ReportCast, graphql: GraphQL, db: Database
) -> None:
    await cast.member("open")
    reader = await cast.member("closed", visibility="MEMBERS")
    await cast.approved("open", tool=TOOL, replaced=None, rating=2)
    await cast.approved("closed", tool=TOOL, replaced=None, rating=5)
    anonymous, total, rating = await _listed(graphql, db, "NEWEST")
    assert (anonymous, total, rating) == ([("open", 2)], 1, {"average": 2.0, "count": 1})
    signed_in, total, rating = await _listed(graphql, db, "NEWEST", reader)
    assert (signed_in, total, rating) == ([("closed", 5), ("open", 2)], 2, {"average": 3.5, "count": 2})


async def test_a_tool_without_approved_reports_has_no_average(graphql: GraphQL, db: Database) -> None:
    reports, total, rating = await _listed(graphql, db, "NEWEST")
    assert (reports, total, rating) == ([], 0, {"average": None, "count": 0})


async def test_a_malformed_cursor_names_after(graphql: GraphQL, db: Database) -> None:
    made_up = f"3|2026-99-99T99:00:00Z|{'0' * 8}-{'0' * 4}-{'0' * 4}-{'0' * 4}-{'0' * 12}"
    for cursor in ("bm9wZQ", encode_cursor(made_up)):
        result = await graphql.result(ON_TOOL, id=await _tool_id(db), order="NEWEST", after=cursor)
        assert result.errors is not None and len(result.errors) == 1, result.errors
        assert "not a cursor of this list" in result.errors[0].message, result.errors


async def test_staff_curate_a_tools_tips_with_limits(cast: ReportCast, graphql: GraphQL, tips_reset: list[str]) -> None:
    tips_reset.append(TOOL)
    staff = await cast.moderator()
    member = await cast.member("club")
    tips = [{"text": "Pads laufen ohne Konto.", "language": "DE"}, {"text": "No account needed.", "language": "EN"}]
    payload = (await graphql(TIPS, staff, tool=TOOL, tips=tips))["setToolTips"]
    assert payload == {"tool": {"slug": TOOL, "tips": tips}, "errors": []}
    query = "query { tools { slug german: tips(language: DE) { text } } }"
    listed = {tool["slug"]: tool["german"] for tool in (await graphql(query))["tools"]}
    assert listed[TOOL] == [{"text": "Pads laufen ohne Konto."}] and listed["nextcloud"] == []

    bad: list[tuple[list[dict[str, str]], str]] = [
        ([{"text": "x" * 281}], "tips[0].text"),
        ([{"text": "  "}], "tips[0].text"),
        ([{"text": "kurz"}] * 11, "tips"),
    ]
    for given, field in bad:
        errors = (await graphql(TIPS, staff, tool=TOOL, tips=given))["setToolTips"]["errors"]
        assert [(e["field"], e["code"]) for e in errors] == [(field, "INVALID_INPUT")], errors
    unknown = (await graphql(TIPS, staff, tool="no-such-tool", tips=[]))["setToolTips"]["errors"]
    assert [(e["field"], e["code"]) for e in unknown] == [("tool", "NOT_FOUND")]
    for caller in (None, member):
        refused = (await graphql(TIPS, caller, tool=TOOL, tips=[]))["setToolTips"]
        assert refused["tool"] is None and [e["code"] for e in refused["errors"]] == ["NOT_PERMITTED"]
    assert (await graphql(TIPS, staff, tool=TOOL, tips=[]))["setToolTips"]["tool"]["tips"] == []


EVERY_TOOL = """
query ($order: ReportOrder!) { tools {
  slug averageRating { average count } tips { text }
  experienceReports(order: $order, first: 5) { totalCount nodes {
    rating usedFor switchDuration tool { slug } replaced { slug } association { slug name } } }
} }
"""


async def _count(db: Database, settings: Settings, order: str) -> tuple[int, dict[str, Any]]:
    queue = open_queue(settings)
    try:
        with counting_queries() as counter:
            result = await build_schema(settings).execute(
                EVERY_TOOL,
                variable_values={"order": order},
                context_value=Context(db=db, queue=queue, settings=settings, catalogue=CatalogueCache(db)),
            )
    finally:
        await queue.aclose()
    assert result.errors is None, result.errors
    return counter[0], result.data


async def test_every_tool_with_its_reports_costs_a_few_queries(
    cast: ReportCast, db: Database, settings: Settings
) -> None:
    few, _ = await _count(db, settings, "NEWEST")
    for name in ("a", "b", "c"):
        await cast.member(name)
        for tool in (TOOL, "etherpad", "hedgedoc"):
            await cast.approved(name, tool=tool, replaced="google-drive")
    many, data = await _count(db, settings, "BEST_RATED")
    by_slug = {tool["slug"]: tool for tool in data["tools"]}
    assert by_slug[TOOL]["experienceReports"]["totalCount"] == 3
    assert by_slug["etherpad"]["experienceReports"]["nodes"][0]["replaced"] == {"slug": "google-drive"}
    assert {n["association"]["slug"] for n in by_slug["hedgedoc"]["experienceReports"]["nodes"]} == {
        cast.slugs(name) for name in ("a", "b", "c")
    }
    # the catalogue, then one query each for the reports, the ratings, the tips and the reports' associations
    assert many == few + 1 and many <= 6, (few, many)
