"""Freshness: profile changes over HTTP enqueue one debounced refresh after commit and feed the live applier; the two
together leave what a full recompute writes."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import strawberry
from arq.connections import ArqRedis

from jobs import live as live_applier
from jobs.live import LiveApplier
from network.app import open_queue
from network.job_runs import service as job_runs
from network.kit import freshness
from network.kit.authorisation import Role
from network.kit.database import Database
from network.settings import Settings
from network.suggestions.live import LiveHolder
from network.suggestions.recompute import recompute_all
from tests.suggestions.conftest import cypher
from tests.suggestions.helpers import (
    forget_refreshes,
    import_parties,
    own,
    peer,
    queued_refreshes,
    snapshot,
    volunteer,
)
from tests.support.accounts import Accounts, GraphQL, TestAccount
from tests.support.cleanup import Slugs
from tests.support.server import free_port, running_api
from tests.support.worker import run_worker

SET_TOOLS = (
    "mutation($slug: String!, $tools: [ToolUsageInput!]!) { setAssociationTools(slug: $slug, tools: $tools) "
    "{ association { slug } errors { field code message } } }"
)
UPDATE = (
    "mutation($slug: String!, $input: UpdateAssociationInput!) { updateAssociation(slug: $slug, input: $input) "
    "{ association { slug } errors { field code message } } }"
)
NEEDS = (
    "mutation($slug: String!, $needs: [SkillNeedInput!]) { setAssociationNeeds(slug: $slug, needs: $needs) "
    "{ association { slug } errors { field code message } } }"
)
VOLUNTEER = (
    "mutation($slug: String!, $input: UpdateVolunteerProfileInput!) { updateVolunteerProfile(slug: $slug, "
    "input: $input) { volunteer { slug } errors { field code message } } }"
)
GDPR = "gdpr-basics-for-associations"


@pytest.fixture
def fast(signed_settings: Settings) -> Settings:
    """The test stack's settings with a short debounce, so a burst worker does not wait long."""
    return signed_settings.model_copy(update={"refresh_debounce_s": 0.2})


@pytest.fixture
async def clean_queue(job_queue: ArqRedis) -> AsyncIterator[ArqRedis]:
    await forget_refreshes(job_queue)
    yield job_queue
    await forget_refreshes(job_queue)


async def post(client: httpx.AsyncClient, query: str, account: TestAccount, **variables: Any) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables}, headers=account.bearer)
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    payload = next(iter(body["data"].values()))
    assert payload["errors"] == [], payload
    return payload  # type: ignore[no-any-return]


@pytest.mark.timeout(300)  # an HTTP server, a worker and three recomputes: end to end on a busy machine
async def test_the_live_applier_and_a_refresh_after_profile_changes_equal_a_full_recompute(
    db: Database, slugs: Slugs, accounts: Accounts, fast: Settings, clean_queue: ArqRedis
) -> None:
    a1, a2, a3, a4 = (slugs(f"a{i}") for i in range(1, 5))
    v1, v2 = slugs("v1"), slugs("v2")
    needs = [{"skill": GDPR, "minLevel": 3, "priority": 1}]
    await import_parties(
        db,
        [
            peer(a1),
            peer(a2),
            peer(a3, district="mitte", needs=needs),
            peer(a4, fields=["sport"], tools=[{"tool": "nextcloud", "proficiency": "BEGINNER"}]),
        ],
        [volunteer(v1, maxMentees=1), volunteer(v2, skills=[{"skill": GDPR, "level": 7}])],
    )
    holder = LiveHolder()
    await recompute_all(db, live=holder)
    await forget_refreshes(clean_queue)
    before = await snapshot(db)
    owner = await accounts.make(Role.MEMBER)
    helper = await accounts.make(Role.VOLUNTEER)
    for slug in (a1, a2, a3):
        await own(db, owner, slug)
    await own(db, helper, v1)

    with running_api(fast) as base:
        async with httpx.AsyncClient(base_url=base, timeout=20) as client:
            await post(
                client,
                SET_TOOLS,
                owner,
                slug=a1,
                tools=[
                    {"tool": "openslides", "proficiency": "EXPERT"},
                    {"tool": "nextcloud", "proficiency": "BEGINNER"},
                ],
            )
            await post(client, UPDATE, owner, slug=a2, input={"district": "pankow", "languages": ["de", "en"]})
            await post(client, NEEDS, owner, slug=a3, needs=[{"skill": GDPR, "minLevel": 6, "priority": 1}])
            await post(
                client, VOLUNTEER, helper, slug=v1, input={"maxMentees": 2, "remote": False, "district": "pankow"}
            )
    assert len(await queued_refreshes(clean_queue)) == 1  # four changes, one refresh
    assert await LiveApplier(db, clean_queue, fast, holder).step(block_ms=10) == 4  # the peer lists, live
    assert (await snapshot(db)) != before
    await run_worker(fast)  # the refresh: mentoring

    refreshed = await snapshot(db)
    assert refreshed != before  # the changes moved scores, reasons or pairs
    assert any(kind == "MENTORING" for kind, *_ in refreshed)
    full = await recompute_all(db)
    assert (full.created, full.updated, full.dropped) == (0, 0, 0)  # nothing left for a full recompute to do
    assert await snapshot(db) == refreshed
    # and from scratch: without the unanswered suggestions the refresh left, a full recompute writes the same
    await cypher(
        db,
        "MATCH (s:Suggestion) WHERE s.kind IN ['PEER', 'MENTORING'] AND s.status = 'PROPOSED' "
        "AND size(s.acceptedBy) = 0 DETACH DELETE s",
    )
    await recompute_all(db)
    assert await snapshot(db) == refreshed


async def test_two_quick_mutations_make_one_refresh_job_and_its_run_is_recorded(
    db: Database,
    slugs: Slugs,
    accounts: Accounts,
    graphql_schema: strawberry.Schema,
    fast: Settings,
    clean_queue: ArqRedis,
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b)])
    owner = await accounts.make(Role.MEMBER)
    await own(db, owner, a)
    await own(db, owner, b)
    quick = GraphQL(graphql_schema, db, clean_queue, fast, accounts)
    await quick(UPDATE, owner, slug=a, input={"members": 12})
    await quick(UPDATE, owner, slug=b, input={"members": 13})
    jobs = await queued_refreshes(clean_queue)
    assert len(jobs) == 1
    assert len(await clean_queue.smembers(freshness.PENDING)) == 2

    await run_worker(fast)
    runs = await cypher(
        db,
        "MATCH (r:JobRun {kind: $kind}) WHERE r.counts CONTAINS '\"changed\": 2' "
        "RETURN r.id AS id ORDER BY r.finishedAt DESC LIMIT 1",
        kind=freshness.REFRESH,
    )
    assert runs, "the refresh recorded no job run"
    run = await job_runs.get(db, runs[0]["id"])
    assert run is not None and run["status"] == "SUCCEEDED" and run["progress"] == 1.0
    # no live applier holds its lease (a burst worker starts none): the refresh computes everything, and invites
    assert {"score_peers", "score_mentoring"} <= set(run["counts"]["seconds"]) and "invites" in run["counts"]
    # a change after the refresh started belongs to the next generation: a new job, not a refused duplicate
    await quick(UPDATE, owner, slug=a, input={"members": 14})
    assert len(await queued_refreshes(clean_queue)) == 1 and await queued_refreshes(clean_queue) != jobs


async def test_a_failed_mutation_enqueues_nothing(
    db: Database,
    slugs: Slugs,
    accounts: Accounts,
    graphql_schema: strawberry.Schema,
    fast: Settings,
    clean_queue: ArqRedis,
) -> None:
    a = slugs("a")
    await import_parties(db, [peer(a)])
    owner, stranger = await accounts.make(Role.MEMBER), await accounts.make(Role.MEMBER)
    await own(db, owner, a)
    quick = GraphQL(graphql_schema, db, clean_queue, fast, accounts)
    invalid = (await quick(UPDATE, owner, slug=a, input={"district": "atlantis"}))["updateAssociation"]
    refused = (await quick(UPDATE, stranger, slug=a, input={"members": 3}))["updateAssociation"]
    assert invalid["errors"] and refused["errors"][0]["code"] == "NOT_PERMITTED"
    assert await queued_refreshes(clean_queue) == []
    assert await clean_queue.smembers(freshness.PENDING) == set()


async def test_a_mutation_succeeds_while_redis_is_down(
    db: Database, slugs: Slugs, accounts: Accounts, graphql_schema: strawberry.Schema, fast: Settings
) -> None:
    a = slugs("a")
    await import_parties(db, [peer(a)])
    owner = await accounts.make(Role.MEMBER)
    await own(db, owner, a)
    dead = open_queue(fast.model_copy(update={"redis_url": f"redis://127.0.0.1:{free_port()}/0"}))
    try:
        changed = (
            await GraphQL(graphql_schema, db, dead, fast, accounts)(UPDATE, owner, slug=a, input={"members": 77})
        )["updateAssociation"]
        assert changed == {"association": {"slug": a}, "errors": []}
        assert await freshness.parties_changed(dead, 0.1, ["x"]) is False
    finally:
        await asyncio.wait_for(dead.aclose(), 5)
    stored = await cypher(db, "MATCH (n:Association {slug: $a}) RETURN n.members AS members", a=a)
    assert stored == [{"members": 77}]


async def test_while_an_applier_holds_its_lease_the_refresh_ranks_invites_only(
    db: Database,
    slugs: Slugs,
    accounts: Accounts,
    graphql_schema: strawberry.Schema,
    fast: Settings,
    clean_queue: ArqRedis,
) -> None:
    a = slugs("a")
    await import_parties(db, [peer(a)])
    owner = await accounts.make(Role.MEMBER)
    await own(db, owner, a)
    await clean_queue.set(live_applier.LEASE, "another worker", ex=60)  # as the worker holding it would
    try:
        await GraphQL(graphql_schema, db, clean_queue, fast, accounts)(UPDATE, owner, slug=a, input={"members": 15})
        await run_worker(fast)
    finally:
        await clean_queue.delete(live_applier.LEASE)
    runs = await cypher(
        db,
        "MATCH (r:JobRun {kind: $kind}) RETURN r.id AS id ORDER BY r.finishedAt DESC LIMIT 1",
        kind=freshness.REFRESH,
    )
    run = await job_runs.get(db, runs[0]["id"])
    assert run is not None and run["status"] == "SUCCEEDED"
    assert set(run["counts"]) == {"invites", "changed"}  # peers and mentoring are the applier's
