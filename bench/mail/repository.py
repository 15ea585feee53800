"""The Cypher of the mail benchmark: accounts acting for the imported associations, the queued suggestions with
their notifications (through the real outbox, in the same transaction), and what became of the notifications."""

from typing import TypedDict

from neo4j import AsyncManagedTransaction

from network.outbox.models import NotificationKind
from network.outbox.repository import NotificationRow, Outbox

# A change the matching makes, with its reasons in the form the recompute writes them.
REASONS = (
    '[{"code": "SAME_DISTRICT", "detail": "", "weight": 0.3}, {"code": "SHARED_FIELD", "detail": "", "weight": 0.2}]'
)


class NotificationState(TypedDict):
    id: str
    status: str
    tries: int
    error: str | None
    messageId: str | None  # of the mail that carried it (several notifications of one account may share one)


async def association_ids(tx: AsyncManagedTransaction, count: int) -> list[str]:
    """`count` association ids in a fixed order (fewer when the graph has fewer)."""
    result = await tx.run("MATCH (p:Association) RETURN p.id AS id ORDER BY p.slug LIMIT $count", count=count)
    return [record["id"] async for record in result]


async def create_accounts(tx: AsyncManagedTransaction, rows: list[dict[str, str]]) -> int:
    """One account per row ({party, email, language}) acting for its association. No password: these accounts only
    receive mail (a password hash per account would make the preparation minutes longer and measure nothing)."""
    record = await (
        await tx.run(
            "UNWIND $rows AS row MATCH (p:Association {id: row.party}) "
            "CREATE (a:Account {id: randomUUID(), email: row.email, role: 'MEMBER', tokenVersion: 0, verified: true, "
            "verifiedAt: datetime(), createdAt: datetime(), language: row.language, mailFrequency: 'IMMEDIATE'}) "
            "CREATE (a)-[:ACTS_FOR]->(p) "
            "RETURN count(a) AS n",
            rows=rows,
        )
    ).single()
    return int(record["n"]) if record else 0


async def queue_suggestions(tx: AsyncManagedTransaction, pairs: list[tuple[str, str]]) -> int:
    """PEER suggestions FOR the first OF the second association of each pair, and their notifications to both sides
    through the outbox, in this one transaction: what a recompute writes. Returns the notifications written."""
    result = await tx.run(
        "UNWIND $pairs AS pair MATCH (p:Association {id: pair[0]}), (c:Association {id: pair[1]}) "
        "CREATE (p)<-[:FOR]-(s:Suggestion {id: randomUUID(), kind: 'PEER', pairKey: pair[0] + ':' + pair[1], "
        "status: 'PROPOSED', acceptedBy: [], createdAt: datetime(), computedAt: datetime(), score: 0.5, "
        "reasons: $reasons})-[:OF]->(c) RETURN s.id AS id, pair",
        pairs=[list(pair) for pair in pairs],
        reasons=REASONS,
    )
    rows: list[NotificationRow] = [{"subject": record["id"], "to": list(record["pair"])} async for record in result]
    return await Outbox(tx).to_parties(NotificationKind.PEER_SUGGESTED, "Suggestion", rows, new_subjects=True)


async def notification_states(tx: AsyncManagedTransaction) -> list[NotificationState]:
    result = await tx.run(
        "MATCH (n:Notification) RETURN n.id AS id, n.status AS status, coalesce(n.tries, 0) AS tries, "
        "n.error AS error, n.messageId AS messageId"
    )
    return [
        NotificationState(id=r["id"], status=r["status"], tries=r["tries"], error=r["error"], messageId=r["messageId"])
        async for r in result
    ]


async def status_counts(tx: AsyncManagedTransaction) -> dict[str, int]:
    result = await tx.run("MATCH (n:Notification) RETURN n.status AS status, count(*) AS n")
    return {record["status"]: int(record["n"]) async for record in result}
