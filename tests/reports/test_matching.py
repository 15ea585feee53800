"""An approved report is switch help in its association's peer suggestions (REPORTED_ON), so every change of a
report is a change of its association: the mutation puts the association's id on the change feed, as a profile
change does, and the live applier reads the report's status from there."""

from collections.abc import AsyncIterator

import pytest
from arq.connections import ArqRedis

from network.kit import freshness
from network.kit.database import Database
from tests.reports.conftest import DELETE, EDIT, REJECT, ReportCast, cypher, report_input
from tests.suggestions.helpers import forget_refreshes


@pytest.fixture
async def feed(job_queue: ArqRedis) -> AsyncIterator[ArqRedis]:
    await forget_refreshes(job_queue)
    yield job_queue
    await forget_refreshes(job_queue)


async def _told(feed: ArqRedis) -> list[str]:
    """The ids of the feed's entries since the last call (which it empties)."""
    entries = await feed.xrange(freshness.CHANGES)
    await feed.delete(freshness.CHANGES)
    return [entry[b"ids"].decode() for _, entry in entries]


async def test_every_change_of_a_report_tells_the_feed_its_association(
    cast: ReportCast, feed: ArqRedis, db: Database
) -> None:
    member = await cast.member("a")
    await cast.member("b")
    staff = await cast.moderator()
    association = (await cypher(db, "MATCH (n:Association {slug: $slug}) RETURN n.id AS id", slug=cast.slugs("a")))[0]
    await _told(feed)  # creating the association told it already

    report = await cast.write("a", tool="pretix")
    assert await _told(feed) == [association["id"]]
    report = await cast.approve(report)
    assert await _told(feed) == [association["id"]]
    edited = await cast.graphql(EDIT, member, id=report["id"], input={"rating": 2})
    report = edited["editExperienceReport"]["report"]
    assert await _told(feed) == [association["id"]]
    await cast.graphql(REJECT, staff, id=report["id"], revision=report["revision"], reason="Bitte sachlicher")
    assert await _told(feed) == [association["id"]]
    await cast.graphql(DELETE, member, id=report["id"])
    assert await _told(feed) == [association["id"]]

    # a mutation that was refused changed nothing and tells nothing
    refused = await cast.graphql(
        "mutation($input: ExperienceReportInput!) { writeExperienceReport(input: $input) { errors { code } } }",
        cast.members["b"],
        input=report_input(cast.slugs("a"), tool="pretix"),
    )
    assert refused["writeExperienceReport"]["errors"]
    assert await _told(feed) == []
