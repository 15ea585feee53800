"""searchExperienceReports(text, first): approved reports found by what they say, best first, as the viewer sees
their associations."""

from typing import Any

from tests.reports.conftest import EDIT, ReportCast
from tests.support.accounts import GraphQL, TestAccount
from tests.support.cleanup import Slugs

SEARCH = (
    "query($text: String!, $first: Int) { searchExperienceReports(text: $text, first: $first) "
    "{ score report { id status association { slug } } } }"
)


async def found(graphql: GraphQL, slugs: Slugs, text: str, account: TestAccount | None = None) -> list[str]:
    hits: list[dict[str, Any]] = (await graphql(SEARCH, account, text=text))["searchExperienceReports"]
    assert [hit["score"] for hit in hits] == sorted((hit["score"] for hit in hits), reverse=True)
    assert all(hit["report"]["status"] == "APPROVED" for hit in hits)
    return [
        hit["report"]["association"]["slug"].removeprefix(f"{slugs.prefix}-")
        for hit in hits
        if hit["report"]["association"]["slug"].startswith(slugs.prefix)
    ]


async def test_approved_reports_are_found_by_their_texts_best_first(cast: ReportCast, graphql: GraphQL) -> None:
    token = f"{cast.slugs.prefix}wiki"  # a word only this test's reports contain
    for name in ("tips", "badly", "pending", "unrelated"):
        await cast.member(name)
    await cast.approved("tips", tips=f"{token} zuerst einrichten, {token} pflegen")
    await cast.approved("badly", wentBadly=f"Das {token} war langsam und wir haben es nach einem Jahr aufgegeben")
    await cast.write("pending", usedFor=f"{token} für alles")  # waits for staff: not found
    await cast.approved("unrelated", usedFor="Newsletter")

    assert await found(graphql, cast.slugs, token) == ["tips", "badly"]
    assert await found(graphql, cast.slugs, token.upper()) == ["tips", "badly"]  # the index ignores case


async def test_a_changed_report_is_not_found_until_staff_approved_it_again(cast: ReportCast, graphql: GraphQL) -> None:
    token = f"{cast.slugs.prefix}wiki"
    member = await cast.member("club")
    report = await cast.approved("club", usedFor=f"Unser {token}")
    assert await found(graphql, cast.slugs, token) == ["club"]
    await graphql(EDIT, member, id=report["id"], input={"rating": 1})
    assert await found(graphql, cast.slugs, token) == []


async def test_reports_of_members_only_associations_are_found_by_signed_in_users_only(
    cast: ReportCast, graphql: GraphQL
) -> None:
    token = f"{cast.slugs.prefix}wiki"
    reader = await cast.member("closed", visibility="MEMBERS")
    await cast.approved("closed", usedFor=f"Unser {token}")
    assert await found(graphql, cast.slugs, token) == []
    assert await found(graphql, cast.slugs, token, reader) == ["closed"]


async def test_bad_search_texts_name_the_field(graphql: GraphQL) -> None:
    for text in ("", "   ", "x" * 201):
        message = await graphql.error(SEARCH, text=text)
        assert "text" in message, (text, message)
