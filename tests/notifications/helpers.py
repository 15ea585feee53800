"""Reading what the outbox holds for a test's accounts, and the parties and owners the producers notify."""

from typing import Any, NamedTuple

from arq.constants import default_queue_name, job_key_prefix
from redis.asyncio import Redis

from network.kit import tasks
from network.kit.database import Database
from tests.support.accounts import Accounts, TestAccount


class Note(NamedTuple):
    """A notification as a test compares it: kind, what it is about, stage, and the account it goes to."""

    kind: str
    subject: str | None  # the id of the Suggestion or Event; None once that is gone
    stage: str
    account: str


async def cypher(db: Database, query: str, **parameters: Any) -> list[dict[str, Any]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query, parameters)
        return [record.data() async for record in result]


async def notes(db: Database, accounts: Accounts, kind: str | None = None) -> list[Note]:
    """Every notification to the test's accounts (of `kind`, when given), in a stable order; a list, so a
    notification written twice would show twice."""
    rows = await cypher(
        db,
        "MATCH (n:Notification)-[:TO]->(a:Account) WHERE a.email STARTS WITH $prefix "
        "AND ($kind IS NULL OR n.kind = $kind) OPTIONAL MATCH (n)-[:CONCERNS]->(s) "
        "RETURN n.kind AS kind, s.id AS subject, n.stage AS stage, a.id AS account",
        prefix=accounts.prefix,
        kind=kind,
    )
    return sorted((Note(**row) for row in rows), key=lambda n: (n.kind, n.subject or "", n.stage, n.account))


def expected(kind: str, subject: str, owners: list[TestAccount], stage: str = "") -> list[Note]:
    return [Note(kind, subject, stage, account.id) for account in owners]


def ordered(found: list[Note]) -> list[Note]:
    return sorted(found, key=lambda n: (n.kind, n.subject or "", n.stage, n.account))


async def own(db: Database, account: TestAccount, slug: str) -> None:
    """The account acts for the association or volunteer `slug`, as its creator would."""
    await cypher(
        db,
        "MATCH (a:Account {id: $account}), (n) WHERE (n:Association OR n:Volunteer) AND n.slug = $slug "
        "MERGE (a)-[:ACTS_FOR]->(n)",
        account=account.id,
        slug=slug,
    )


async def suggestion_between(db: Database, kind: str, party: str, candidate: str) -> str:
    """The id of the suggestion of `kind` FOR the party with slug `party` and OF `candidate` (either way round for
    peers)."""
    rows = await cypher(
        db,
        "MATCH (p {slug: $party})<-[:FOR|OF]-(s:Suggestion {kind: $kind})-[:FOR|OF]->(c {slug: $candidate}) "
        "RETURN s.id AS id",
        kind=kind,
        party=party,
        candidate=candidate,
    )
    assert len(rows) == 1, rows
    return str(rows[0]["id"])


async def forget_wakes(redis: Redis) -> None:
    """No delivery wake left queued by an earlier test."""
    queued = [job.decode() for job in await redis.zrange(default_queue_name, 0, -1)]
    stale = [job for job in queued if job.startswith(f"{tasks.MAIL_DELIVER}:")]
    if stale:
        await redis.zrem(default_queue_name, *stale)
        await redis.delete(*(job_key_prefix + job for job in stale))


async def queued_wakes(redis: Redis) -> list[str]:
    return [
        job.decode()
        for job in await redis.zrange(default_queue_name, 0, -1)
        if job.decode().startswith(f"{tasks.MAIL_DELIVER}:")
    ]
