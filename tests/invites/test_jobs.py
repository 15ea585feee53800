"""The invite job: run twice it leaves the same graph, a failing queue loses no event, the nightly function covers
every upcoming event, and reading invites and groups of many events costs no more queries than of one."""

from typing import Any

import strawberry
from arq.connections import ArqRedis

from network.app import open_queue
from network.catalogue.cache import CatalogueCache
from network.invites.service import recompute_invites
from network.job_runs.service import enqueue
from network.kit.authorisation import Role
from network.kit.context import Context
from network.kit.database import Database, counting_queries
from network.kit.tasks import EVENT_INVITES as TASK
from network.settings import Settings
from network.suggestions.changes_feed import CHANNEL, ChangesFeed
from network.transfer.service import import_document
from tests.events.builders import CANCEL, at
from tests.invites.helpers import (
    CREATE,
    create_event,
    cypher,
    established,
    event_input,
    import_parties,
    own,
    small,
)
from tests.suggestions.helpers import party_id
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs
from tests.support.feed import told
from tests.support.worker import run_worker

SNAPSHOT = (
    "MATCH (:Event {slug: $slug})<-[:FOR]-(s:Suggestion)-[:OF]->(p) "
    "RETURN s.id AS id, s.pairKey AS key, s.score AS score, s.reasons AS reasons, s.status AS status, "
    "p.slug AS party ORDER BY key"
)


async def test_the_job_run_twice_gives_the_same_graph(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, settings: Settings
) -> None:
    await import_parties(db, [established(slugs("a")), small(slugs("b"))])
    staff = await accounts.make(Role.STAFF)
    event = await create_event(graphql, staff, slugs, "meetup")
    await run_worker(settings)
    first = await cypher(db, SNAPSHOT, slug=event)
    assert len(first) == 2

    event_id = (await cypher(db, "MATCH (e:Event {slug: $slug}) RETURN e.id AS id", slug=event))[0]["id"]
    run_id = await enqueue(db, graphql.queue, TASK, event_id)
    await run_worker(settings)
    assert await cypher(db, SNAPSHOT, slug=event) == first
    run = await cypher(db, "MATCH (r:JobRun {id: $id}) RETURN r.status AS status, r.counts AS counts", id=run_id)
    assert run[0]["status"] == "SUCCEEDED" and '"invites": 2' in run[0]["counts"]


async def test_a_queue_that_cannot_be_reached_loses_no_event(
    db: Database,
    slugs: Slugs,
    accounts: Accounts,
    graphql: GraphQL,
    settings: Settings,
    graphql_schema: strawberry.Schema,
) -> None:
    staff = await accounts.make(Role.STAFF)
    unreachable = settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"})
    queue = open_queue(unreachable)
    try:
        context = Context(
            db=db,
            queue=queue,
            settings=settings,
            catalogue=CatalogueCache(db),
            viewer=await accounts.viewer(staff),
            tokens=accounts.signer,
        )
        result = await graphql_schema.execute(
            CREATE, variable_values={"input": event_input(slugs, "kept")}, context_value=context
        )
    finally:
        await queue.aclose()
    assert result.errors is None and result.data["createEvent"]["errors"] == []
    assert await cypher(db, "MATCH (e:Event {slug: $slug}) RETURN e.slug AS slug", slug=slugs("kept")) == [
        {"slug": slugs("kept")}
    ]
    failed = await cypher(
        db,
        "MATCH (r:JobRun {kind: $kind}) WHERE r.error STARTS WITH 'could not enqueue' "
        "AND r.finishedAt > datetime() - duration('PT1M') RETURN count(r) AS n",
        kind=TASK,
    )
    assert failed[0]["n"] >= 1


async def test_the_full_recompute_covers_upcoming_events_only(db: Database, slugs: Slugs) -> None:
    await import_parties(db, [established(slugs("a"))])
    past = {
        **event_input(slugs, "past"),
        "startsAt": "2020-01-01T10:00:00+00:00",
        "endsAt": "2020-01-01T12:00:00+00:00",
    }
    await import_document(db, {"events": [_record(event_input(slugs, "soon")), _record(past)]})
    counts = await recompute_invites(db)
    assert counts.events >= 1 and counts.invites >= 1
    for name, expected in (("soon", 1), ("past", 0)):
        found = await cypher(
            db, "MATCH (:Event {slug: $slug})<-[:FOR]-(s:Suggestion) RETURN count(s) AS n", slug=slugs(name)
        )
        assert found == [{"n": expected}]


def _record(given: dict[str, Any]) -> dict[str, Any]:
    """A createEvent input as an import record."""
    return {**given, "format": "IN_PERSON"}


# Pages as small as the test needs (4 events, 2 invites each), so the query stays within the cost limit.
EVENTS = """
query ($from: DateTime!, $until: DateTime!) {
  events(first: 5, filter: {startsFrom: $from, startsUntil: $until}) { edges { node {
    slug
    inviteSuggestions(first: 10) {
      score reasons { code } candidate { ... on Association { slug tools { tool { slug } } } }
    }
    groups { number members { ... on Association { slug } } }
  } } }
}
"""


async def test_invites_and_groups_of_many_events_cost_as_many_queries_as_of_one(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    await import_parties(db, [established(slugs("a")), small(slugs("b"))])
    staff = await accounts.make(Role.STAFF)
    for i in range(4):
        await create_event(graphql, staff, slugs, f"e{i}", startsAt=at(slugs, 24 + i), endsAt=at(slugs, 25 + i))
    await recompute_invites(db)

    async def count(hours: float) -> tuple[int, int]:
        with counting_queries() as counter:
            data = await graphql(EVENTS, staff, **{"from": at(slugs, 0), "until": at(slugs, hours)})
        edges = data["events"]["edges"]
        assert all(len(e["node"]["inviteSuggestions"]) == 2 for e in edges)
        return counter[0], len(edges)

    one, many = await count(24.5), await count(48)
    assert (one[1], many[1]) == (1, 4)
    assert one[0] == many[0]


SET_TOOLS = (
    "mutation($slug: String!, $tools: [ToolUsageInput!]!) { setAssociationTools(slug: $slug, tools: $tools) "
    "{ association { slug } errors { field code message } } }"
)


async def test_a_profile_change_reaches_the_invites_of_upcoming_events_through_the_refresh(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, settings: Settings
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [established(a), established(b, tool="zoom")])
    staff, member = await accounts.make(Role.STAFF), await accounts.make(Role.MEMBER)
    await own(db, member, b)
    event = await create_event(graphql, staff, slugs, "meetup")
    await run_worker(settings)
    assert {row["party"] for row in await cypher(db, SNAPSHOT, slug=event)} == {a}

    # b takes up the event's topic tool: the refresh that follows invites it, with no change to the event
    changed = await graphql(SET_TOOLS, member, slug=b, tools=[{"tool": "engelsystem", "proficiency": "EXPERT"}])
    assert changed["setAssociationTools"]["errors"] == []
    await run_worker(settings)
    assert {row["party"] for row in await cypher(db, SNAPSHOT, slug=event)} == {a, b}


async def test_parties_invited_or_no_longer_invited_are_told(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, job_queue: ArqRedis
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [established(a), small(b)])
    await import_document(db, {"events": [_record(event_input(slugs, "soon"))]})
    event_id = (await cypher(db, "MATCH (e:Event {slug: $slug}) RETURN e.id AS id", slug=slugs("soon")))[0]["id"]
    ids = {slug: await party_id(db, slug) for slug in (a, b)}
    feed = ChangesFeed(job_queue)
    async with job_queue.pubsub() as watching:  # as an API process watching both parties' suggestions
        await watching.subscribe(*(CHANNEL + party for party in ids.values()))
        assert (await recompute_invites(db, event_id, feed=feed)).invites == 2
        assert await told(watching, set(ids.values())) == {party: {"EVENT_INVITE"} for party in ids.values()}

        await recompute_invites(db, event_id, feed=feed)  # the same invites again: nothing to tell
        assert await told(watching, {"nobody"}, seconds=1.5) == {}

        staff = await accounts.make(Role.STAFF)
        assert (await graphql(CANCEL, staff, slug=slugs("soon")))["cancelEvent"]["errors"] == []
        assert (await recompute_invites(db, event_id, feed=feed)).dropped == 2
        assert await told(watching, set(ids.values())) == {party: {"EVENT_INVITE"} for party in ids.values()}
