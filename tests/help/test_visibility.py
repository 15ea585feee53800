"""Who sees a question: its asker, the volunteers it went to and staff; another member, another volunteer and
anonymous callers see nothing. Staff list questions by status, unanswered after N days, and count them."""

from typing import Any

from network.help import service
from network.kit.authorisation import Role
from network.kit.database import Database
from network.kit.global_id import from_global_id
from network.kit.pagination import encode_cursor
from tests.help.conftest import CLAIM, CLOSE, COUNTS, FOR_ME, MINE, ONE, STAFF_LIST, TOOL, HelpCast, cypher
from tests.support.accounts import GraphQL


async def _routed_question(cast: HelpCast) -> tuple[Any, Any, dict[str, Any]]:
    asker = await cast.asker()
    volunteer = await cast.volunteer("routed", tool="EXPERT", hours=20)
    question = await cast.ask(asker, tool=TOOL)
    routes = await service.route(cast.graphql.db, from_global_id(question["id"])[1])
    assert cast.volunteer_ids[volunteer.id] in [r.volunteer_id for r in routes]
    return asker, volunteer, question


async def test_only_the_asker_the_routed_volunteers_and_staff_see_a_question(cast: HelpCast, graphql: GraphQL) -> None:
    asker, volunteer, question = await _routed_question(cast)
    other_member = await cast.asker("other")
    other_volunteer = await cast.volunteer("elsewhere", tool=None)  # knows nothing of the tool: not routed
    staff = await cast.accounts.make(Role.STAFF, "staff")

    for outsider in (None, other_member, other_volunteer):
        assert (await graphql(ONE, outsider, id=question["id"]))["helpQuestion"] is None
        assert (await graphql(MINE, outsider))["myHelpQuestions"]["totalCount"] == 0
        assert (await graphql(FOR_ME, outsider))["helpQuestionsForMe"]["totalCount"] == 0
        assert (await graphql(STAFF_LIST, outsider))["helpQuestions"]["totalCount"] == 0
        assert (await graphql(COUNTS, outsider))["helpQuestionCounts"] is None
    refused = (await graphql(CLAIM, other_volunteer, id=question["id"]))["claimQuestion"]
    assert [e["code"] for e in refused["errors"]] == ["NOT_PERMITTED"]
    anonymous = (await graphql(CLAIM, None, id=question["id"]))["claimQuestion"]
    assert [e["code"] for e in anonymous["errors"]] == ["NOT_PERMITTED"]
    closing = (await graphql(CLOSE, other_member, id=question["id"]))["closeQuestion"]
    assert [e["code"] for e in closing["errors"]] == ["NOT_FOUND"]

    seen_by_asker = (await graphql(ONE, asker, id=question["id"]))["helpQuestion"]
    assert seen_by_asker["text"] == question["text"]
    assert seen_by_asker["routes"] == [] and seen_by_asker["yourRoute"] is None
    assert [n["id"] for n in (await graphql(MINE, asker))["myHelpQuestions"]["nodes"]] == [question["id"]]

    seen_by_volunteer = (await graphql(ONE, volunteer, id=question["id"]))["helpQuestion"]
    assert seen_by_volunteer["canClaim"] is True
    assert seen_by_volunteer["yourRoute"]["reasons"][0]["code"] == "KNOWS_TOOL"
    assert seen_by_volunteer["routes"] == []  # who else got it is for staff
    assert seen_by_volunteer["askerName"] == "Verein asker"
    for_me = (await graphql(FOR_ME, volunteer))["helpQuestionsForMe"]
    assert question["id"] in [n["id"] for n in for_me["nodes"]]

    seen_by_staff = (await graphql(ONE, staff, id=question["id"]))["helpQuestion"]
    assert seen_by_staff["routes"][0]["volunteerName"] == "Volunteer routed"


async def test_no_field_shows_an_address(cast: HelpCast, graphql: GraphQL) -> None:
    asker, volunteer, question = await _routed_question(cast)
    result = await graphql.result(ONE, volunteer, id=question["id"])
    assert asker.email not in str(result.data)
    assert "@" not in str(result.data)


async def test_staff_list_by_status_and_unanswered_after_days_with_counts(
    cast: HelpCast, graphql: GraphQL, db: Database
) -> None:
    staff = await cast.accounts.make(Role.STAFF, "staff")
    asker = await cast.asker()
    volunteer = await cast.volunteer("helper", tool="EXPERT", hours=20)
    old = await cast.ask(asker, text="Alt und offen", tool=TOOL)
    claimed = await cast.ask(asker, text="Alt und genommen", tool=TOOL)
    fresh = await cast.ask(asker, text="Neu", tool=TOOL)
    for question in (old, claimed, fresh):
        await service.route(db, from_global_id(question["id"])[1])
    assert (await graphql(CLAIM, volunteer, id=claimed["id"]))["claimQuestion"]["errors"] == []
    days = graphql.settings.help_unanswered_days
    for question, hours in ((old, 2), (claimed, 1)):  # asked more than `days` days ago, the old one first
        await cypher(
            db,
            "MATCH (q:HelpQuestion {id: $id}) SET q.askedAt = datetime() - duration({days: $days, hours: $hours})",
            id=from_global_id(question["id"])[1],
            days=days,
            hours=hours,
        )
    before = (await graphql(COUNTS, staff))["helpQuestionCounts"]
    assert before["unansweredAfterDays"] == days

    mine = {from_global_id(q["id"])[1] for q in (old, claimed, fresh)}

    async def listed(**filter: Any) -> list[str]:
        found: list[str] = []
        after = None
        while True:  # one by one, so paging is part of it
            page = (await graphql(STAFF_LIST, staff, filter=filter, first=1, after=after))["helpQuestions"]
            found += [n["text"] for n in page["nodes"] if from_global_id(n["id"])[1] in mine]
            if not page["pageInfo"]["hasNextPage"]:
                return found
            after = page["pageInfo"]["endCursor"]

    assert await listed(unanswered=True, tool=TOOL) == ["Alt und genommen", "Alt und offen"]
    assert await listed(statuses=["CLAIMED"], tool=TOOL) == ["Alt und genommen"]
    assert await listed(statuses=["OPEN"], tool=TOOL) == ["Neu", "Alt und offen"]
    assert await listed(tool=TOOL) == ["Neu", "Alt und genommen", "Alt und offen"]

    closed = (await graphql(CLOSE, asker, id=fresh["id"]))["closeQuestion"]
    assert closed["errors"] == [] and closed["question"]["status"] == "CLOSED"
    after_close = (await graphql(COUNTS, staff))["helpQuestionCounts"]
    assert after_close["open"] == before["open"] - 1
    assert after_close["closed"] == before["closed"] + 1
    assert after_close["claimed"] == before["claimed"]
    assert after_close["unanswered"] == before["unanswered"]
    total = await cypher(db, "MATCH (q:HelpQuestion {status: 'CLAIMED'}) RETURN count(q) AS n")
    assert after_close["claimed"] == total[0]["n"]


async def test_a_made_up_cursor_names_after(cast: HelpCast, graphql: GraphQL) -> None:
    staff = await cast.accounts.make(Role.STAFF)
    uuid = f"{'0' * 8}-{'0' * 4}-{'0' * 4}-{'0' * 4}-{'0' * 12}"
    # well formed but impossible times (a 13th month, a 30th of February), which Cypher's datetime() refuses
    for key in (f"2026-13-01T10:00:00Z|{uuid}", f"2026-02-30T10:00:00Z|{uuid}", "nonsense"):
        result = await graphql.result(STAFF_LIST, staff, filter={}, first=1, after=encode_cursor(key))
        assert result.errors is not None and len(result.errors) == 1, result.errors
        assert "not a cursor of this list" in result.errors[0].message, result.errors
        assert result.errors[0].extensions["field"] == "after", result.errors
