"""Cypher of the outbox: notifications written with the change that causes them.

A notification goes to every account that acts for a party. Its `key` (kind, what it is about, account) is unique,
so a change written twice, a job run twice or a reminder found twice makes one notification, never two.
"""

import json
from typing import Any, NotRequired, TypedDict

from neo4j import AsyncManagedTransaction

from network.outbox.models import NotificationKind

# Labels a notification can be about: fixed names, never a caller's value.
SUBJECTS = frozenset({"Suggestion", "Event", "HelpQuestion"})
# A party by id, using the id index of each party label (an unlabelled match would scan every node).
_PARTY = "CALL (pid) { MATCH (p:Association {id: pid}) RETURN p UNION MATCH (p:Volunteer {id: pid}) RETURN p } "


class NotificationRow(TypedDict):
    """One notification to write (`Outbox.to_parties`, `Outbox.to_accounts`)."""

    subject: str  # id of the Suggestion, Event or HelpQuestion it is about
    to: list[str]  # ids of the parties (to_parties) or accounts (to_accounts) it goes to
    stage: NotRequired[str]  # tells apart notifications of one kind about one subject (a first and a last reminder)
    data: NotRequired[dict[str, Any]]  # what the mail says beyond its subject (read when it is sent)


def _rows(rows: list[NotificationRow]) -> list[dict[str, Any]]:
    return [
        {"subject": r["subject"], "to": r["to"], "stage": r.get("stage", ""), "data": json.dumps(r.get("data", {}))}
        for r in rows
    ]


_CREATE = (
    "MERGE (n:Notification {key: $kind + ':' + row.subject + ':' + row.stage + ':' + a.id}) "
    "ON CREATE SET n.id = randomUUID(), n.kind = $kind, n.stage = row.stage, n.status = 'PENDING', "
    "n.createdAt = datetime(), n.tries = 0, n.nextTryAt = datetime(), n.data = row.data, n.new = true "
    "WITH n, a, s WHERE n.new REMOVE n.new CREATE (n)-[:TO]->(a) CREATE (n)-[:CONCERNS]->(s) "
    "RETURN count(n) AS n"
)

# For subjects created in the same transaction: no notification about them can exist yet, so a plain CREATE (the
# key's constraint still holds) spares a run that creates thousands of them a MERGE per notification.
_CREATE_NEW = (
    "CREATE (n:Notification {id: randomUUID(), key: $kind + ':' + row.subject + ':' + row.stage + ':' + a.id, "
    "kind: $kind, stage: row.stage, status: 'PENDING', createdAt: datetime(), tries: 0, nextTryAt: datetime(), "
    "data: row.data})-[:TO]->(a) CREATE (n)-[:CONCERNS]->(s) RETURN count(n) AS n"
)


class Outbox:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def to_parties(
        self, kind: NotificationKind, subject_label: str, rows: list[NotificationRow], *, new_subjects: bool = False
    ) -> int:
        """Notifications to every account acting for each party of `to`; returns how many were new.

        `new_subjects`: every subject was created in this very transaction (a run's new suggestions), so none has a
        notification yet and they are created without looking for one; a caller that is wrong about it fails on the
        key's constraint, and its transaction writes nothing."""
        assert subject_label in SUBJECTS
        if not rows:  # nothing to write: no round trip
            return 0
        record = await (
            await self.tx.run(
                f"UNWIND $rows AS row MATCH (s:{subject_label} {{id: row.subject}}) "
                f"UNWIND row.to AS pid {_PARTY}"
                "MATCH (a:Account)-[:ACTS_FOR]->(p) WITH DISTINCT row, s, a "
                + (_CREATE_NEW if new_subjects else _CREATE),
                rows=_rows(rows),
                kind=kind.value,
            )
        ).single()
        return int(record["n"]) if record else 0

    async def to_accounts(self, kind: NotificationKind, subject_label: str, rows: list[NotificationRow]) -> int:
        """Notifications to the accounts of `to`; returns how many were new."""
        assert subject_label in SUBJECTS
        if not rows:
            return 0
        record = await (
            await self.tx.run(
                f"UNWIND $rows AS row MATCH (s:{subject_label} {{id: row.subject}}) "
                "UNWIND row.to AS aid MATCH (a:Account {id: aid}) WITH DISTINCT row, s, a " + _CREATE,
                rows=_rows(rows),
                kind=kind.value,
            )
        ).single()
        return int(record["n"]) if record else 0
