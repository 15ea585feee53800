"""The change feed and the live applier: a change committed over the API reaches the peer suggestions through the
stream, without the debounced refresh; entries are acknowledged only once applied, and a new holder takes over the
ones left unacknowledged."""

from pathlib import Path

import httpx
import pytest
from arq.connections import ArqRedis

from jobs import live as applier
from jobs.live import LiveApplier
from network.kit import freshness
from network.kit.authorisation import Role
from network.kit.database import Database
from network.settings import Settings
from network.suggestions.live import LiveHolder
from network.suggestions.recompute import recompute_all
from tests.jobs.worker_process import until, worker_process
from tests.suggestions.helpers import (
    PEERS,
    association_id,
    crowd,
    import_parties,
    own,
    peer,
    slugs_of,
    snapshot,
    uses_tool,
)
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs
from tests.support.server import running_api

SET_TOOLS = (
    "mutation($slug: String!, $tools: [ToolUsageInput!]!) { setAssociationTools(slug: $slug, tools: $tools) "
    "{ association { slug } errors { field code message } } }"
)


async def test_the_applier_rebuilds_first_then_applies_and_acknowledges(
    db: Database, slugs: Slugs, feed: ArqRedis, live_stack: Settings
) -> None:
    a, b, c = slugs("a"), slugs("b"), slugs("c")
    await import_parties(db, [peer(a), peer(b), peer(c, district="mitte"), *crowd(slugs)])
    await recompute_all(db, refit=True)  # statistics frozen from this test's parties
    holder = LiveHolder()
    live = LiveApplier(db, feed, live_stack, holder)

    assert await freshness.parties_changed(feed, 3600, [await association_id(db, a)])
    assert await live.step(block_ms=10) == 1  # no state yet: a full run builds it
    assert holder.state is not None
    before = await snapshot(db)
    for slug in (a, c):
        await uses_tool(db, slug, "pretix")
    await freshness.parties_changed(feed, 3600, [await association_id(db, a)])
    await freshness.parties_changed(feed, 3600, [await association_id(db, c)])
    assert await live.step(block_ms=10) == 2  # both entries, one batch
    assert await snapshot(db) != before
    assert (await feed.xpending(freshness.CHANGES, applier.GROUP))["pending"] == 0
    counts = await recompute_all(db)
    assert (counts.created, counts.updated, counts.dropped) == (0, 0, 0)

    # a holder that read an entry and died before its writes: the next one applies it
    await uses_tool(db, b, "pretix")
    await freshness.parties_changed(feed, 3600, [await association_id(db, b)])
    read = await feed.xreadgroup(applier.GROUP, applier.CONSUMER, {freshness.CHANGES: ">"}, count=10)
    assert len(read[0][1]) == 1
    assert (await feed.xpending(freshness.CHANGES, applier.GROUP))["pending"] == 1
    successor = LiveApplier(db, feed, live_stack, LiveHolder())
    assert await successor.step(block_ms=10) == 1
    assert (await feed.xpending(freshness.CHANGES, applier.GROUP))["pending"] == 0
    counts = await recompute_all(db)
    assert (counts.created, counts.updated, counts.dropped) == (0, 0, 0)


@pytest.mark.timeout(300)
async def test_a_mutation_reaches_the_suggestions_through_a_running_worker_without_a_refresh(
    db: Database,
    slugs: Slugs,
    accounts: Accounts,
    graphql: GraphQL,
    feed: ArqRedis,
    signed_settings: Settings,
    tmp_path: Path,
) -> None:
    a, b, c = slugs("a"), slugs("b"), slugs("c")
    tools = [{"tool": "openslides", "proficiency": "INTERMEDIATE"}]
    await import_parties(
        db,
        [
            peer(a, tools=tools),
            peer(b, tools=tools),
            # nothing in common with a: not among its suggestions until a takes up its niche tool
            peer(
                c,
                district="spandau",
                fields=["sport"],
                targetGroups=["young-people"],
                tools=[{"tool": "pretix", "proficiency": "EXPERT"}],
            ),
            *crowd(slugs),
        ],
    )
    await recompute_all(db, refit=True)
    owner = await accounts.make(Role.MEMBER)
    await own(db, owner, a)
    slow = signed_settings.model_copy(update={"refresh_debounce_s": 3600.0})  # the refresh cannot be what did it

    async def a_suggests(slug: str) -> bool:
        return slug in slugs_of((await graphql(PEERS, owner, slug=a))["association"]["peerSuggestions"])

    async def a_lacks(slug: str) -> bool:
        return not await a_suggests(slug)

    assert await a_lacks(c)
    with running_api(slow) as base, worker_process(slow, tmp_path, LIVE_SUGGESTIONS="true") as worker:
        async with httpx.AsyncClient(base_url=base, timeout=20) as client:

            async def set_tools(slug: str, used: list[dict[str, str]]) -> None:
                response = await client.post(
                    "/graphql",
                    json={"query": SET_TOOLS, "variables": {"slug": slug, "tools": used}},
                    headers=owner.bearer,
                )
                assert response.json()["data"]["setAssociationTools"]["errors"] == [], response.text

            # a takes up c's niche tool: c joins a's suggestions
            await set_tools(a, [*tools, {"tool": "pretix", "proficiency": "BEGINNER"}])
            await until(lambda: a_suggests(c), 60, "c among a's peers")  # the first batch builds the state
            # and drops it again: applied to the state this time
            await set_tools(a, tools)
            took = await until(lambda: a_lacks(c), 30, "c gone from a's peers")
        assert worker.alive(), worker.output()[-2000:]
    assert took < 10
    assert any(event.get("event") == "live lease taken" for event in worker.events()), worker.output()[-3000:]
