"""The SMTP server goes away mid-run: `network worker` is sending a few hundred notifications through the session's
local sink when the sink is stopped (by its pid) for some seconds and started again. Every mail still arrives
exactly once afterwards (the Message-ID each SENT notification names, once in the sink's Maildir) and no
notification is FAILED.

Nothing wakes delivery once the sink is back: the worker's own schedule (every minute) and the retry of the mails
that failed (MAIL_RETRY_S, short here) bring the rest, as they would after a relay's outage in production.
"""

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from arq import create_pool
from arq.connections import RedisSettings

from bench.mail import repository
from bench.mail.arrivals import read_arrivals
from bench.mail.pairs import peer_pairs
from bench.mail.processes import sending_worker
from network.kit.database import Database
from network.outbox.wake import wake_delivery
from network.settings import Settings
from network.stack import mail_sink as sink_process  # `mail_sink` is the fixture of its mails
from network.stack.processes import read_pid
from tests.support.cleanup import Slugs
from tests.support.mail import MailSink

pytestmark = [pytest.mark.stack, pytest.mark.timeout(600)]

# 400 notifications, one to each account: 400 mails (several of one account's would share a mail, and a run of few
# mails can end before the sink is stopped), seconds of sending on this sink
ASSOCIATIONS, EACH = 400, 1
STOP_AFTER = 100  # mails kept before the sink is stopped: the outage meets delivery at work
OUTAGE_S = 8.0
# The first mails: the worker's start-up (tens of seconds on a loaded machine, with the jobs earlier tests left in the
# queue) and the first delivery run.
FIRST_MAILS_S = 240.0
# Back within: the worker's next scheduled run (at most a minute away) and a retry after MAIL_RETRY_S, with room for
# a busy machine.
RECOVERY_S = 150.0


@pytest.fixture
async def queued(db: Database, slugs: Slugs) -> AsyncIterator[set[str]]:
    """400 notifications (PEER suggestions between 400 associations of this test, one each) written through the
    outbox; yields their ids and removes everything it wrote afterwards."""
    rows = [
        {
            "id": f"{slugs.prefix}-{i}",
            "slug": slugs(f"a{i}"),
            "name": f"Verein {i}",
            "email": f"{slugs.prefix}-{i}@x.org",
        }
        for i in range(ASSOCIATIONS)
    ]

    async def run(query: str, **parameters: object) -> list[dict[str, object]]:
        async with db.driver.session(database=db.name) as session:
            result = await session.run(query, parameters)
            return [record.data() async for record in result]

    await run(
        "UNWIND $rows AS row CREATE (:Association {id: row.id, slug: row.slug, name: row.name, visibility: 'PUBLIC', "
        "contactEmail: row.email, createdAt: datetime()})",
        rows=rows,
    )
    accounts = [
        {"party": r["id"], "email": r["email"], "language": "de" if i % 2 else "en"} for i, r in enumerate(rows)
    ]
    await db.write(repository.create_accounts, accounts)
    pairs = [(rows[i]["id"], rows[j]["id"]) for i, j in peer_pairs(ASSOCIATIONS, EACH)]
    assert await db.write(repository.queue_suggestions, pairs) == ASSOCIATIONS * EACH
    found = await run(
        "MATCH (n:Notification)-[:TO]->(:Account)-[:ACTS_FOR]->(p:Association) WHERE p.slug STARTS WITH $prefix "
        "RETURN n.id AS id",
        prefix=slugs.prefix,
    )
    ids = {str(r["id"]) for r in found}
    try:
        yield ids
    finally:
        await run("MATCH (n:Notification) WHERE n.id IN $ids DETACH DELETE n", ids=sorted(ids))
        await run(
            "MATCH (a:Account)-[:ACTS_FOR]->(p:Association) WHERE p.slug STARTS WITH $prefix "
            "OPTIONAL MATCH (p)<-[:FOR|OF]-(s:Suggestion) DETACH DELETE a, s",
            prefix=slugs.prefix,
        )


async def _states(db: Database, ids: set[str]) -> dict[str, tuple[str, int, str | None]]:
    """Status, tries and the Message-ID of the mail that carried it, of each notification in `ids`."""
    async with db.driver.session(database=db.name) as session:
        result = await session.run(
            "MATCH (n:Notification) WHERE n.id IN $ids "
            "RETURN n.id AS id, n.status AS status, n.tries AS tries, n.messageId AS messageId",
            ids=sorted(ids),
        )
        return {r["id"]: (r["status"], int(r["tries"] or 0), r["messageId"]) async for r in result}


async def _sent(db: Database, ids: set[str]) -> int:
    return sum(1 for status, _, _ in (await _states(db, ids)).values() if status == "SENT")


def _tail(log: Path) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-30:]) if log.exists() else "(no log)"


async def _wait(condition_s: float, check: Callable[[], Awaitable[bool]], what: str, log: Path) -> float:
    started = time.monotonic()
    while not await check():
        if time.monotonic() - started > condition_s:
            tail = await asyncio.to_thread(_tail, log)
            pytest.fail(f"{what}: not within {condition_s:g} s; the worker's log ends:\n{tail}")
        await asyncio.sleep(0.05)
    return time.monotonic() - started


async def test_every_mail_arrives_exactly_once_after_the_smtp_server_was_away(
    live_stack: Settings, db: Database, mail_sink: MailSink, queued: set[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    settings = live_stack.model_copy(update={"mail_retry_s": 1.0})
    pid_file = sink_process.MailSinkPaths.of(settings).pid_file
    sink_pid = read_pid(pid_file)
    assert sink_pid is not None, "the session's mail sink is not ours to stop (another SMTP server answers)"

    log = tmp_path_factory.mktemp("worker") / "worker.log"
    with sending_worker(settings, log) as worker:
        redis = await create_pool(RedisSettings.from_dsn(settings.redis_url))
        try:
            assert await wake_delivery(redis)  # as the producer wakes it after its commit
        finally:
            await redis.aclose()

        async def some_sent() -> bool:
            return await _sent(db, queued) >= STOP_AFTER

        await _wait(FIRST_MAILS_S, some_sent, f"{STOP_AFTER} notifications SENT before the outage", log)
        assert sink_process.stop_local(settings)  # SIGTERM by the pid in its pid file
        before = await _sent(db, queued)
        assert not sink_process.answers(settings)
        await asyncio.sleep(OUTAGE_S)
        assert await asyncio.to_thread(sink_process.start, settings)
        assert read_pid(pid_file) not in (None, sink_pid)

        async def all_settled() -> bool:
            states = await _states(db, queued)
            return all(status not in ("PENDING", "SENDING") for status, _, _ in states.values())

        await _wait(RECOVERY_S, all_settled, "every notification settled after the outage", log)
        assert worker.poll() is None, "the worker died during the outage"
    await asyncio.sleep(1)  # a second copy, were one sent, would show by now

    states = await _states(db, queued)
    assert Counter(status for status, _, _ in states.values()) == Counter({"SENT": len(queued)})
    assert before < len(queued), "the outage came after the last mail: it met no delivery"
    assert any(tries > 0 for _, tries, _ in states.values()), "no send failed: the outage met no delivery"
    # Each notification names the mail that carried it (one account's may share one): each of those came once.
    assert all(message_id for _, _, message_id in states.values()), "a SENT notification names no mail"
    expected = {str(message_id) for _, _, message_id in states.values()}
    arrivals = read_arrivals(mail_sink.box)
    assert {mid: arrivals.message_ids.get(mid, 0) for mid in expected if arrivals.message_ids.get(mid) != 1} == {}
