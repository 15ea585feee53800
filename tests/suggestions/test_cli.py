"""`network match`, run as a shell would run it, against the test stack."""

import asyncio
from typing import Any

from arq.connections import ArqRedis
from click.testing import CliRunner, Result

from network.cli.main import cli
from network.kit import freshness
from network.kit.database import Database
from network.settings import Settings
from network.suggestions.changes_feed import CHANNEL
from tests.suggestions.conftest import cypher
from tests.suggestions.helpers import association_id, import_parties, peer
from tests.support.cleanup import Slugs
from tests.support.feed import told
from tests.support.server import free_port


async def _match(settings: Settings, **env: str) -> Result:
    environment = {
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "NEO4J_DATABASE": settings.neo4j_database,
        "REDIS_URL": settings.redis_url,
        **env,
    }
    # The command runs its own event loop, so it runs in a thread beside the test's.
    return await asyncio.to_thread(CliRunner().invoke, cli, ["match"], env=environment)


async def _pair(db: Database, a: str, b: str) -> list[dict[str, Any]]:
    return await cypher(
        db,
        "MATCH (:Association {slug: $a})<-[:FOR|OF]-(s:Suggestion {kind: 'PEER'})-[:FOR|OF]->"
        "(:Association {slug: $b}) RETURN s.status AS status, s.algorithmVersion AS version",
        a=a,
        b=b,
    )


async def test_match_recomputes_in_the_foreground_and_exits_0(
    settings: Settings, db: Database, slugs: Slugs, job_queue: ArqRedis
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b)])
    ids = [await association_id(db, slug) for slug in (a, b)]
    async with job_queue.pubsub() as watching:  # as an API process watching both parties' suggestions
        await watching.subscribe(*(CHANNEL + party for party in ids))
        result = await _match(settings)
        assert result.exit_code == 0, result.output
        assert "peer and" in result.output and "Waiting" not in result.output
        found = await _pair(db, a, b)
        assert len(found) == 1 and found[0]["status"] == "PROPOSED" and found[0]["version"]
        assert not await job_queue.exists(freshness.WRITER_LOCK)  # released
        assert await told(watching, set(ids)) == {party: {"PEER"} for party in ids}  # both sides of the new pair


async def test_match_waits_while_a_worker_run_holds_the_writer_lock(
    settings: Settings, db: Database, slugs: Slugs, job_queue: ArqRedis
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b)])
    worker_run = freshness.writer_lock(job_queue, "suggestions.refresh", lease_s=60)  # as a refresh in the worker
    assert await worker_run.acquire(blocking=False)
    try:
        match = asyncio.create_task(_match(settings))
        await asyncio.sleep(3)
        assert not match.done()
        assert await _pair(db, a, b) == []  # nothing written while the worker's run holds the lock
    finally:
        await worker_run.release()
    result = await match
    assert result.exit_code == 0, result.output
    assert "Waiting for the worker's suggestion run" in result.output
    assert len(await _pair(db, a, b)) == 1
    assert not await job_queue.exists(freshness.WRITER_LOCK)


async def test_match_without_redis_exits_1_and_writes_nothing(settings: Settings, db: Database, slugs: Slugs) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b)])
    nowhere = f"redis://127.0.0.1:{free_port()}/0"
    result = await _match(settings, REDIS_URL=nowhere)
    assert result.exit_code == 1, result.output
    assert f"Redis at {nowhere} is not reachable" in result.output and "Nothing was recomputed" in result.output
    assert await _pair(db, a, b) == []
