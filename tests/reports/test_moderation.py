"""Staff's moderation: the queue (experienceReportModerationQueue, oldest first), approving the revision read,
rejecting with a reason; who sees what (experienceReport, myExperienceReports) for each kind of caller."""

from network.kit.database import Database
from tests.reports.conftest import APPROVE, EDIT, MINE, ONE, QUEUE, REJECT, ReportCast, cypher
from tests.support.accounts import GraphQL


async def test_the_queue_lists_pending_reports_oldest_first_to_staff_only(
    cast: ReportCast, graphql: GraphQL, db: Database
) -> None:
    await cast.member("first")
    await cast.member("second")
    older = await cast.write("first")
    newer = await cast.write("second")
    approved = await cast.approved("first", tool="bigbluebutton", replaced="zoom")
    staff = await cast.moderator()
    ours = {older["id"], newer["id"], approved["id"]}

    seen: list[str] = []
    after = None
    while True:  # page by page, as a client would: other pending reports of the graph may come first
        page = (await graphql(QUEUE, staff, first=1, after=after))["experienceReportModerationQueue"]
        seen += [node["id"] for node in page["nodes"] if node["id"] in ours]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [older["id"], newer["id"]]

    for caller in (None, cast.members["first"]):
        empty = (await graphql(QUEUE, caller))["experienceReportModerationQueue"]
        assert (empty["totalCount"], empty["nodes"]) == (0, [])


async def test_staff_approve_and_reject_the_revision_they_read(cast: ReportCast, graphql: GraphQL) -> None:
    member = await cast.member("club")
    staff = await cast.moderator()
    report = await cast.write("club")
    # The author changes it after staff read revision 1: approving revision 1 is refused.
    await graphql(EDIT, member, id=report["id"], input={"rating": 2})
    stale = (await graphql(APPROVE, staff, id=report["id"], revision=1))["approveExperienceReport"]
    assert [(e["field"], e["code"]) for e in stale["errors"]] == [("revision", "CONFLICT")]
    assert stale["report"] is None

    rejected = await graphql(REJECT, staff, id=report["id"], revision=2, reason="Bitte ohne Namen von Personen.")
    report = rejected["rejectExperienceReport"]["report"]
    assert (report["status"], report["moderationReason"]) == ("REJECTED", "Bitte ohne Namen von Personen.")
    # The author reads why; a rewrite waits for staff again, without the old reason.
    assert (await graphql(ONE, member, id=report["id"]))["experienceReport"]["moderationReason"] == (
        "Bitte ohne Namen von Personen."
    )
    rewritten = (await graphql(EDIT, member, id=report["id"], input={"usedFor": "Ablage"}))["editExperienceReport"]
    assert (rewritten["report"]["status"], rewritten["report"]["moderationReason"]) == ("PENDING", None)
    approved = await cast.approve(rewritten["report"])
    assert (approved["status"], approved["revision"]) == ("APPROVED", 3)
    # Staff may take an approved report down again.
    taken_down = await graphql(REJECT, staff, id=report["id"], revision=3, reason="Werbung")
    assert taken_down["rejectExperienceReport"]["report"]["status"] == "REJECTED"


async def test_a_rejection_needs_a_reason_and_only_staff_moderate(cast: ReportCast, graphql: GraphQL) -> None:
    member = await cast.member("club")
    report = await cast.write("club")
    staff = await cast.moderator()
    for reason in ("", "   ", "x" * 501):
        errors = (await graphql(REJECT, staff, id=report["id"], revision=1, reason=reason))["rejectExperienceReport"]
        assert [(e["field"], e["code"]) for e in errors["errors"]] == [("reason", "INVALID_INPUT")], reason
    for caller in (None, member):
        for query, key, extra in (
            (APPROVE, "approveExperienceReport", {}),
            (REJECT, "rejectExperienceReport", {"reason": "nein"}),
        ):
            payload = (await graphql(query, caller, id=report["id"], revision=1, **extra))[key]
            assert payload["report"] is None and [e["code"] for e in payload["errors"]] == ["NOT_PERMITTED"]
    assert (await graphql(ONE, member, id=report["id"]))["experienceReport"]["status"] == "PENDING"


async def test_a_pending_report_is_seen_by_its_association_and_staff_only(
    cast: ReportCast, graphql: GraphQL, db: Database
) -> None:
    member = await cast.member("club")
    outsider = await cast.member("other")
    colleague = await cast.accounts.make("MEMBER", "colleague")
    await cypher(
        db,
        "MATCH (a:Account {id: $id}), (n:Association {slug: $slug}) CREATE (a)-[:ACTS_FOR]->(n)",
        id=colleague.id,
        slug=cast.slugs("club"),
    )
    report = await cast.write("club")
    staff = await cast.moderator()
    for caller, shown in ((None, False), (outsider, False), (member, True), (colleague, True), (staff, True)):
        one = (await graphql(ONE, caller, id=report["id"]))["experienceReport"]
        assert (one is not None) == shown, caller
        mine = (await graphql(MINE, caller))["myExperienceReports"]["nodes"]
        assert ([n["id"] for n in mine] == [report["id"]]) == (caller in (member, colleague)), caller
    assert (await graphql(ONE, colleague, id=report["id"]))["experienceReport"]["canEdit"] is True
    node = "query($id: ID!) { node(id: $id) { ... on ExperienceReport { id } } }"
    assert (await graphql(node, outsider, id=report["id"]))["node"] is None
    assert (await graphql(node, staff, id=report["id"]))["node"] == {"id": report["id"]}

    await cast.approve(report)
    for caller in (None, outsider):
        one = (await graphql(ONE, caller, id=report["id"]))["experienceReport"]
        assert one["status"] == "APPROVED" and one["canEdit"] is False and one["moderationReason"] is None
