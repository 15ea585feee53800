"""Live mentoring suggestions against the database: each change (a new volunteer, a declined pair, a changed skill, a
deleted volunteer, an accepted mentorship) is repaired and written at once, the stored proposals are the state's
assignment after every step, and a change applied twice writes nothing the second time."""

from typing import Any

from network.kit.database import Database
from network.suggestions import live
from network.suggestions.live import LiveHolder, LiveState
from network.suggestions.recompute import recompute_all
from tests.suggestions.conftest import cypher
from tests.suggestions.helpers import import_parties, peer, volunteer
from tests.support.cleanup import Slugs

GDPR = "gdpr-basics-for-associations"


async def _id(db: Database, slug: str) -> str:
    found = await cypher(
        db, "MATCH (n) WHERE (n:Association OR n:Volunteer) AND n.slug = $slug RETURN n.id AS id", slug=slug
    )
    return str(found[0]["id"])


async def _stored(db: Database, slugs: set[str]) -> set[tuple[str, str]]:
    """(association slug, volunteer slug) of the proposed mentoring suggestions among the test's parties."""
    rows = await cypher(
        db,
        "MATCH (a:Association)<-[:FOR]-(s:Suggestion {kind: 'MENTORING', status: 'PROPOSED'})-[:OF]->(v:Volunteer) "
        "WHERE a.slug IN $slugs RETURN a.slug AS a, v.slug AS v",
        slugs=sorted(slugs),
    )
    return {(r["a"], r["v"]) for r in rows}


def _held(state: LiveState, db_slugs: dict[str, str], slugs: set[str]) -> set[tuple[str, str]]:
    """The state's assignment among the test's parties, by slug (`db_slugs`: id -> slug)."""
    assert state.mentoring is not None
    return {
        (db_slugs[a], db_slugs[v])
        for a, v, _ in state.mentoring.assignment()
        if a in db_slugs and v in db_slugs and db_slugs[a] in slugs
    }


async def _apply(db: Database, state: LiveState, *ids: str) -> dict[str, int]:
    return (await live.apply(db, state, list(ids))).mentoring


async def test_mentoring_follows_each_change_live(db: Database, slugs: Slugs) -> None:
    urgent, minor, v1, v2 = slugs("urgent"), slugs("minor"), slugs("v1"), slugs("v2")
    ours = {urgent, minor}
    await import_parties(
        db,
        [
            peer(urgent, district="pankow", needs=[{"skill": GDPR, "minLevel": 3, "priority": 1}]),
            peer(minor, district="pankow", needs=[{"skill": GDPR, "minLevel": 3, "priority": 3}]),
        ],
        [volunteer(v1, skills=[{"skill": GDPR, "level": 5}], maxMentees=1)],
    )
    holder = LiveHolder()
    await recompute_all(db, live=holder)
    state = holder.state
    assert state is not None and state.mentoring is not None
    ids = {slug: await _id(db, slug) for slug in (urgent, minor, v1)}
    by_id = {value: key for key, value in ids.items()}
    assert await _stored(db, ours) == {(urgent, v1)}  # the full run: the urgent need first

    # a second volunteer: the minor need is served at once
    await import_parties(db, [], [volunteer(v2, skills=[{"skill": GDPR, "level": 5}], maxMentees=1)])
    ids[v2] = await _id(db, v2)
    by_id[ids[v2]] = v2
    written = await _apply(db, state, ids[v2])
    assert written["created"] == 1
    assert await _stored(db, ours) == _held(state, by_id, ours) == {(urgent, v1), (minor, v2)}

    # delivered twice: nothing more to write
    assert await _apply(db, state, ids[v2]) == {"local": written["local"], "created": 0, "updated": 0, "dropped": 0}

    # the urgent association declines v1: it takes v2, whose other mentee is less urgent
    declined: list[dict[str, Any]] = await cypher(
        db,
        "MATCH (:Association {slug: $a})<-[:FOR]-(s:Suggestion {kind: 'MENTORING'})-[:OF]->(:Volunteer {slug: $v}) "
        "SET s.status = 'DECLINED' RETURN s.id AS id",
        a=urgent,
        v=v1,
    )
    await _apply(db, state, declined[0]["id"])
    assert await _stored(db, ours) == _held(state, by_id, ours) == {(urgent, v2), (minor, v1)}

    # v2's skill falls below the need: it leaves every list, and v1 cannot go back to the urgent one (declined)
    await cypher(db, "MATCH (:Volunteer {slug: $v})-[r:OFFERS]->() SET r.level = 2", v=v2)
    await _apply(db, state, ids[v2])
    assert await _stored(db, ours) == _held(state, by_id, ours) == {(minor, v1)}

    # the minor association and v1 become a mentorship: v1's only slot is taken, nothing is proposed
    await cypher(
        db, "MATCH (v:Volunteer {slug: $v}), (a:Association {slug: $a}) MERGE (v)-[:MENTORS]->(a)", v=v1, a=minor
    )
    await _apply(db, state, ids[minor])
    assert await _stored(db, ours) == _held(state, by_id, ours) == set()

    # v1 deleted, v2 skilled again: the urgent association gets v2
    await cypher(db, "MATCH (v:Volunteer {slug: $v}) DETACH DELETE v", v=v1)
    await cypher(db, "MATCH (:Volunteer {slug: $v})-[r:OFFERS]->() SET r.level = 6", v=v2)
    await _apply(db, state, ids[v1], ids[v2])
    assert await _stored(db, ours) == _held(state, by_id, ours) == {(urgent, v2)}
    assert state.mentoring.v_gone[state.mentoring.v_row[ids[v1]]]
