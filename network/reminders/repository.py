"""Cypher of reminders: the suggestions and registrations due one, each marked in the transaction that writes it.

The marks (`Suggestion.reminded`: the last stage written, `REGISTERED.remindedAt`) keep an hourly run from reading
what it reminded of already; the outbox's unique key is what makes each reminder one, whatever the marks say.
"""

from typing import TypedDict, cast

from neo4j import AsyncManagedTransaction

# Reminders of suggestions that nobody has answered: peer and mentoring ones (an event invite ends with its event).
REMINDED_KINDS = ["PEER", "MENTORING"]


class DueSuggestion(TypedDict):
    """A PROPOSED suggestion due a reminder (`ReminderRepository.due_suggestions`)."""

    id: str
    stage: str  # first or last
    waiting: list[str]  # ids of the sides that have not answered


class DueEvent(TypedDict):
    """An event about to start, with registered parties not yet reminded (`ReminderRepository.due_registrations`)."""

    id: str
    parties: list[str]


class ReminderRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def due_suggestions(
        self, first_days: int, last_days: int, expiry_days: int, limit: int
    ) -> list[DueSuggestion]:
        """Up to `limit` PROPOSED suggestions proposed at least `first_days` ago and not yet expired
        (`expiry_days`) whose reminder of their age is not written: the last one from `last_days` on, else the
        first. Marks each with its stage: one found only after `last_days` gets the last reminder, never both."""
        result = await self.tx.run(
            "WITH datetime() AS now "
            "WITH now - duration({days: $first}) AS firstBy, now - duration({days: $last}) AS lastBy, "
            "now - duration({days: $expiry}) AS expiredBy "
            "UNWIND $kinds AS kind MATCH (s:Suggestion {kind: kind, status: 'PROPOSED'}) "
            "WHERE s.createdAt <= firstBy AND s.createdAt > expiredBy "
            "AND (s.reminded IS NULL OR (s.reminded = 'first' AND s.createdAt <= lastBy)) "
            "WITH s, lastBy LIMIT $limit "
            "SET s.reminded = CASE WHEN s.createdAt <= lastBy THEN 'last' ELSE 'first' END "
            # optional: a batch counts every suggestion it marked, even one whose party is gone
            "WITH s OPTIONAL MATCH (s)-[:FOR]->(p) OPTIONAL MATCH (s)-[:OF]->(c) "
            "RETURN s.id AS id, s.reminded AS stage, "
            "[side IN [p.id, c.id] WHERE side IS NOT NULL AND NOT side IN coalesce(s.acceptedBy, [])] AS waiting",
            kinds=REMINDED_KINDS,
            first=first_days,
            last=last_days,
            expiry=expiry_days,
            limit=limit,
        )
        return [cast(DueSuggestion, record.data()) async for record in result]

    async def due_registrations(self, days: int, limit: int) -> list[DueEvent]:
        """Up to `limit` registrations, grouped by event, for scheduled events that start within `days` and have
        not started; marks each reminded. A party that registered when the event was that close already has its
        confirmation and gets no reminder."""
        result = await self.tx.run(
            "WITH datetime() AS now MATCH (e:Event) "
            "WHERE e.startsAt > now AND e.startsAt <= now + duration({days: $days}) "
            "AND coalesce(e.status, 'SCHEDULED') = 'SCHEDULED' "
            "MATCH (e)<-[r:REGISTERED]-(p) "
            "WHERE r.remindedAt IS NULL AND coalesce(r.at < e.startsAt - duration({days: $days}), true) "
            "WITH e, p, r LIMIT $limit SET r.remindedAt = datetime() "
            "RETURN e.id AS id, collect(p.id) AS parties",
            days=days,
            limit=limit,
        )
        return [cast(DueEvent, record.data()) async for record in result]
