"""Live peer suggestions against the database: changes applied one by one leave what a full run with the same model
writes, and a change applied twice writes nothing the second time."""

import json
from typing import Any

import pytest

from network.kit.database import Database
from network.suggestions import live
from network.suggestions.live import LiveHolder, LiveState
from network.suggestions.recompute import recompute_all
from tests.suggestions.conftest import cypher
from tests.suggestions.helpers import crowd, import_parties, peer, snapshot
from tests.support.cleanup import Slugs


async def _id(db: Database, slug: str) -> str:
    return str((await cypher(db, "MATCH (n:Association {slug: $slug}) RETURN n.id AS id", slug=slug))[0]["id"])


async def _apply(db: Database, state: LiveState, *ids: str) -> live.LiveCounts:
    return await live.apply(db, state, list(ids))


async def _full_run_writes_nothing(db: Database) -> None:
    before = await snapshot(db)
    counts = await recompute_all(db)
    assert (counts.created, counts.updated, counts.dropped) == (0, 0, 0), counts
    assert await snapshot(db) == before


async def test_changes_applied_live_leave_what_a_full_run_writes(db: Database, slugs: Slugs) -> None:
    a, b, c, d = (slugs(x) for x in "abcd")
    await import_parties(db, [peer(a), peer(b), peer(c, district="mitte"), peer(d, fields=["sport"]), *crowd(slugs)])
    holder = LiveHolder()
    await recompute_all(db, live=holder, refit=True)  # statistics frozen from this test's parties
    assert holder.state is not None
    state = holder.state

    # a and d take up a niche tool: lists gain and lose them
    for slug in (a, d):
        await cypher(
            db,
            "MATCH (n:Association {slug: $slug}), (t:Tool {slug: 'pretix'}) "
            "MERGE (n)-[:USES {proficiency: 'EXPERT'}]->(t)",
            slug=slug,
        )
    counts = await _apply(db, state, await _id(db, a), await _id(db, d))
    assert counts.associations == 2 and counts.created + counts.updated > 0
    await _full_run_writes_nothing(db)

    again = await _apply(db, state, await _id(db, a), await _id(db, d))  # delivered twice: nothing more to write
    assert (again.created, again.updated, again.dropped) == (0, 0, 0)

    # a new association, then one deleted
    e = slugs("e")
    await import_parties(db, [peer(e, tools=[{"tool": "pretix", "proficiency": "BEGINNER"}])])
    counts = await _apply(db, state, await _id(db, e))
    assert counts.associations == 1 and counts.created > 0
    await _full_run_writes_nothing(db)
    gone = await _id(db, b)
    await cypher(db, "MATCH (n:Association {slug: $slug}) DETACH DELETE n", slug=b)
    counts = await _apply(db, state, gone)
    assert counts.removed == 1
    await _full_run_writes_nothing(db)


async def test_a_declined_pair_leaves_both_lists_live(db: Database, slugs: Slugs) -> None:
    a, b, c = slugs("a"), slugs("b"), slugs("c")
    await import_parties(db, [peer(a), peer(b), peer(c), *crowd(slugs)])
    holder = LiveHolder()
    await recompute_all(db, live=holder, refit=True)  # statistics frozen from this test's parties
    assert holder.state is not None
    found: list[dict[str, Any]] = await cypher(
        db,
        "MATCH (:Association {slug: $a})<-[:FOR|OF]-(s:Suggestion {kind: 'PEER'})-[:FOR|OF]->(:Association {slug: $b}) "
        "SET s.status = 'DECLINED' RETURN s.id AS id",
        a=a,
        b=b,
    )
    counts = await _apply(db, holder.state, found[0]["id"])
    assert counts.pairs == 1
    await _full_run_writes_nothing(db)


async def test_an_expiry_run_is_applied_by_reading_every_exclusion(db: Database, slugs: Slugs) -> None:
    a, b, c = slugs("a"), slugs("b"), slugs("c")
    await import_parties(db, [peer(a), peer(b), peer(c), *crowd(slugs)])
    holder = LiveHolder()
    await recompute_all(db, live=holder, refit=True)
    assert holder.state is not None
    await cypher(
        db,
        "MATCH (:Association {slug: $a})<-[:FOR|OF]-(s:Suggestion {kind: 'PEER'})-[:FOR|OF]->(:Association {slug: $b}) "
        "SET s.status = 'EXPIRED'",
        a=a,
        b=b,
    )
    counts = await live.apply(db, holder.state, [])  # what the expiry job's change names: nothing in particular
    assert counts.pairs >= 1
    await _full_run_writes_nothing(db)


async def test_a_language_the_state_has_not_seen_makes_it_stale(db: Database, slugs: Slugs) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b)])
    holder = LiveHolder()
    await recompute_all(db, live=holder)
    assert holder.state is not None
    await cypher(db, "MATCH (n:Association {slug: $a}) SET n.languages = ['de', 'zz']", a=a)
    with pytest.raises(live.Stale):
        await live.apply(db, holder.state, [await _id(db, a)])


async def test_a_report_approved_taken_back_or_deleted_is_applied_live_as_a_full_run_scores_it(
    db: Database, slugs: Slugs
) -> None:
    """An approved report of b on a tool a considers is switch help (REPORTED_ON) in the pair's reasons; a report
    waiting for staff is not; each change of it is a change of b. The model is frozen while the report is approved:
    REPORTED_ON has columns for the tools reported on at the freeze (peer_stats.py)."""
    a, b = slugs("a"), slugs("b")
    await import_parties(
        db, [peer(a, considers=["pretix"]), peer(b, tools=[{"tool": "pretix", "proficiency": "INTERMEDIATE"}])]
    )
    await import_parties(db, crowd(slugs))
    reporter = await _id(db, b)
    await cypher(
        db,
        "MATCH (n:Association {slug: $slug}), (t:Tool {slug: 'pretix'}) "
        "CREATE (n)-[:REPORTED]->(:ExperienceReport {id: randomUUID(), key: n.id, status: 'APPROVED'})-[:ABOUT]->(t)",
        slug=b,
    )
    try:
        holder = LiveHolder()
        await recompute_all(db, live=holder, refit=True)
        assert holder.state is not None
        state = holder.state

        async def reported_on() -> list[str]:
            return [
                reason["direction"]
                for kind, _, _, reasons, _ in await snapshot(db)
                if kind == "PEER"
                for reason in json.loads(reasons)
                if reason["code"] == "REPORTED_ON" and reason["detail"] == "pretix"
            ]

        async def report(status: str) -> None:
            await cypher(
                db, "MATCH (r:ExperienceReport {key: $key}) SET r.status = $status", key=reporter, status=status
            )
            counts = await _apply(db, state, reporter)
            assert counts.associations == 1
            await _full_run_writes_nothing(db)

        assert len(await reported_on()) == 1  # as the side the pair is stored for sees it
        await report("PENDING")  # a change waits for staff: off the pair's reasons
        assert await reported_on() == []
        await report("APPROVED")
        assert len(await reported_on()) == 1
        await report("REJECTED")  # taken down
        assert await reported_on() == []
        await report("APPROVED")
        await cypher(db, "MATCH (r:ExperienceReport {key: $key}) DETACH DELETE r", key=reporter)
        await _apply(db, state, reporter)
        await _full_run_writes_nothing(db)
        assert await reported_on() == []
    finally:
        await cypher(db, "MATCH (r:ExperienceReport {key: $key}) DETACH DELETE r", key=reporter)
