"""Writing, rewriting, changing and deleting an association's experience report, on the real stack."""

from typing import Any

from network.kit.database import Database
from network.kit.global_id import from_global_id
from network.reports import service
from tests.reports.conftest import DELETE, EDIT, ONE, WRITE, ReportCast, cypher, report_input
from tests.support.accounts import GraphQL, TestAccount


async def _errors(graphql: GraphQL, account: TestAccount | None, **given: Any) -> list[dict[str, Any]]:
    data = await graphql(WRITE, account, input=given)
    assert data["writeExperienceReport"]["report"] is None
    return data["writeExperienceReport"]["errors"]  # type: ignore[no-any-return]


async def _stored(db: Database, association: str) -> list[dict[str, Any]]:
    return await cypher(
        db,
        "MATCH (:Association {slug: $slug})-[:REPORTED]->(r:ExperienceReport) "
        "RETURN r.rating AS rating, r.status AS status, r.revision AS revision, "
        "COLLECT { MATCH (a:Account)-[:WROTE]->(r) RETURN a.id } AS authors ORDER BY r.key",
        slug=association,
    )


async def test_a_member_writes_a_pending_report_for_its_association(cast: ReportCast, db: Database) -> None:
    member = await cast.member("club")
    report = await cast.write("club")
    assert report["status"] == "PENDING"
    assert (report["rating"], report["switchDuration"], report["language"]) == (4, "ONE_TO_THREE_MONTHS", "DE")
    assert report["tool"] == {"slug": "nextcloud"} and report["replaced"] == {"slug": "google-drive"}
    assert report["association"] == {"slug": cast.slugs("club")}
    assert (report["revision"], report["canEdit"], report["moderationReason"]) == (1, True, None)
    assert await _stored(db, cast.slugs("club")) == [
        {"rating": 4, "status": "PENDING", "revision": 1, "authors": [member.id]}
    ]


async def test_writing_again_rewrites_the_one_report_of_the_association_on_the_tool(
    cast: ReportCast, db: Database
) -> None:
    """One report per association and tool: a second member's report replaces the text and keeps the author."""
    first = await cast.member("club")
    second = await cast.accounts.make("MEMBER", "second")
    await cypher(
        db,
        "MATCH (a:Account {id: $id}), (n:Association {slug: $slug}) CREATE (a)-[:ACTS_FOR]->(n)",
        id=second.id,
        slug=cast.slugs("club"),
    )
    written = await cast.approved("club")
    data = await cast.graphql(WRITE, second, input=report_input(cast.slugs("club"), rating=2, replaced=None))
    rewritten = data["writeExperienceReport"]["report"]
    assert rewritten["id"] == written["id"]
    assert (rewritten["rating"], rewritten["replaced"], rewritten["status"]) == (2, None, "PENDING")
    assert rewritten["revision"] == 2
    assert await _stored(db, cast.slugs("club")) == [
        {"rating": 2, "status": "PENDING", "revision": 2, "authors": [first.id]}
    ]
    other_tool = await cast.write("club", tool="bigbluebutton")
    assert other_tool["id"] != written["id"]  # another tool, another report


async def test_bad_reports_are_refused_naming_the_field(cast: ReportCast, graphql: GraphQL, db: Database) -> None:
    member = await cast.member("club")
    club = cast.slugs("club")
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"rating": 0}, "rating", "greater than or equal to 1"),
        ({"rating": 6}, "rating", "less than or equal to 5"),
        ({"usedFor": "   "}, "usedFor", "must not be empty"),
        ({"wentWell": "x" * 2001}, "wentWell", "2000"),
        ({"tips": "x" * 2001}, "tips", "2000"),
        ({"tool": "no-such-tool"}, "tool", "No tool with slug 'no-such-tool'"),
        ({"tool": "Not A Slug"}, "tool", "pattern"),
        ({"replaced": "no-such-tool"}, "replaced", "No tool with slug 'no-such-tool'"),
        ({"replaced": "nextcloud"}, "replaced", "does not replace itself"),
        ({"association": cast.slugs("nobody")}, "association", "No association with slug"),
    ]
    for given, field, words in cases:
        errors = await _errors(graphql, member, **{**report_input(club), **given})
        assert [e["field"] for e in errors] == [field], (given, errors)
        assert errors[0]["code"] in ("INVALID_INPUT", "NOT_FOUND")
        assert words in errors[0]["message"], (given, errors)
    assert await _stored(db, club) == []  # nothing half-written


async def test_only_members_acting_for_the_association_write_its_reports(cast: ReportCast, graphql: GraphQL) -> None:
    await cast.member("club")
    outsider = await cast.member("other")
    staff = await cast.moderator()
    unverified = await cast.accounts.make("MEMBER", "new", verified=False)
    for caller, code, field in ((outsider, "NOT_PERMITTED", "association"), (staff, "NOT_PERMITTED", "association")):
        errors = await _errors(graphql, caller, **report_input(cast.slugs("club")))
        assert [(e["code"], e["field"]) for e in errors] == [(code, field)], errors
    for caller in (None, unverified):
        errors = await _errors(graphql, caller, **report_input(cast.slugs("club")))
        assert [e["code"] for e in errors] == ["NOT_PERMITTED"]


async def test_an_edit_changes_what_is_given_and_waits_for_staff_again(cast: ReportCast, graphql: GraphQL) -> None:
    member = await cast.member("club")
    approved = await cast.approved("club")
    assert approved["status"] == "APPROVED"
    data = await graphql(EDIT, member, id=approved["id"], input={"rating": 5, "wentBadly": None, "replaced": None})
    edited = data["editExperienceReport"]
    assert edited["errors"] == []
    report = edited["report"]
    assert (report["rating"], report["wentBadly"], report["replaced"]) == (5, "", None)
    assert report["usedFor"] == "Dateiablage für den Vorstand"  # left out: unchanged
    assert (report["status"], report["revision"]) == ("PENDING", 2)
    # The same values again change nothing: the report keeps its status and revision.
    approved_again = await cast.approve(report)
    data = await graphql(EDIT, member, id=report["id"], input={"rating": 5})
    assert data["editExperienceReport"]["report"]["status"] == "APPROVED"
    assert data["editExperienceReport"]["report"]["revision"] == approved_again["revision"] == 2


async def test_bad_edits_name_the_field_and_strangers_cannot_edit(cast: ReportCast, graphql: GraphQL) -> None:
    member = await cast.member("club")
    outsider = await cast.member("other")
    report = await cast.approved("club")
    for given, field in (({"rating": None}, "rating"), ({"usedFor": ""}, "usedFor"), ({"rating": 9}, "rating")):
        errors = (await graphql(EDIT, member, id=report["id"], input=given))["editExperienceReport"]["errors"]
        assert [(e["field"], e["code"]) for e in errors] == [(field, "INVALID_INPUT")], (given, errors)
    errors = (await graphql(EDIT, outsider, id=report["id"], input={"rating": 1}))["editExperienceReport"]["errors"]
    assert [e["code"] for e in errors] == ["NOT_PERMITTED"]
    staff_errors = await graphql(EDIT, await cast.moderator(), id=report["id"], input={"rating": 1})
    assert [e["code"] for e in staff_errors["editExperienceReport"]["errors"]] == ["NOT_PERMITTED"]
    not_a_report = (await graphql(EDIT, member, id="bm90LWEtcmVwb3J0", input={"rating": 1}))["editExperienceReport"]
    assert [e["field"] for e in not_a_report["errors"]] == ["id"]


async def test_authors_and_staff_delete_reports_and_strangers_cannot(cast: ReportCast, graphql: GraphQL) -> None:
    member = await cast.member("club")
    outsider = await cast.member("other")
    report = await cast.write("club")
    refused = (await graphql(DELETE, outsider, id=report["id"]))["deleteExperienceReport"]
    assert refused["deletedId"] is None and [e["code"] for e in refused["errors"]] == ["NOT_FOUND"]  # pending: hidden
    deleted = (await graphql(DELETE, member, id=report["id"]))["deleteExperienceReport"]
    assert deleted == {"deletedId": report["id"], "errors": []}
    assert (await graphql(ONE, member, id=report["id"]))["experienceReport"] is None

    approved = await cast.approved("club")
    refused = (await graphql(DELETE, outsider, id=approved["id"]))["deleteExperienceReport"]
    assert [e["code"] for e in refused["errors"]] == ["NOT_PERMITTED"]  # approved: seen, but not the outsider's
    by_staff = (await graphql(DELETE, await cast.moderator(), id=approved["id"]))["deleteExperienceReport"]
    assert by_staff["errors"] == []


async def test_an_author_may_have_only_so_many_reports_waiting(
    cast: ReportCast, graphql: GraphQL, db: Database
) -> None:
    member = await cast.member("club")
    tools = await cypher(
        db, "MATCH (t:Tool) RETURN t.slug AS slug ORDER BY t.slug LIMIT $n", n=service.MAX_PENDING_PER_AUTHOR + 1
    )
    slugs = [row["slug"] for row in tools]
    for tool in slugs[:-1]:
        await cast.write("club", tool=tool, replaced=None)
    errors = await _errors(graphql, member, **report_input(cast.slugs("club"), tool=slugs[-1], replaced=None))
    assert [e["code"] for e in errors] == ["CONFLICT"]
    # Rewriting one that waits already is no new work for staff.
    assert (await cast.write("club", tool=slugs[0], replaced=None, rating=1))["rating"] == 1


async def test_deleting_an_association_deletes_its_reports(cast: ReportCast, graphql: GraphQL, db: Database) -> None:
    member = await cast.member("club")
    report = await cast.approved("club")
    await cast.write("club", tool="etherpad")
    delete = "mutation($slug: String!) { deleteAssociation(slug: $slug) { errors { code } } }"
    before = await cypher(db, "MATCH (:Account {id: $id})-[:WROTE]->(r) RETURN count(r) AS n", id=member.id)
    assert before == [{"n": 2}]
    assert (await graphql(delete, member, slug=cast.slugs("club")))["deleteAssociation"] == {"errors": []}
    left = await cypher(db, "MATCH (r:ExperienceReport {id: $id}) RETURN r", id=from_global_id(report["id"])[1])
    assert left == []
    written = await cypher(db, "MATCH (:Account {id: $id})-[:WROTE]->(r) RETURN count(r) AS n", id=member.id)
    assert written == [{"n": 0}]
