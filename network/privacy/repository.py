"""Cypher for erasure and for the export of one account's data."""

from typing import Any

from neo4j import AsyncManagedTransaction

from network.transfer.repository import RECORDS

Row = dict[str, Any]


class PrivacyRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def erase(self, account_id: str) -> dict[str, int]:
        """Deletes the account, its volunteer profile, the associations only it acts for, and what derives from
        them (suggestions for or about them, registrations, connections, mentoring links)."""
        record = await (
            await self.tx.run(
                "MATCH (a:Account {id: $account}) "
                "CALL (a) { OPTIONAL MATCH (a)-[:ACTS_FOR]->(s) WHERE s:Volunteer OR (s:Association AND NOT EXISTS "
                "{ (other:Account)-[:ACTS_FOR]->(s) WHERE other <> a }) RETURN collect(DISTINCT s) AS subjects } "
                "CALL (subjects) { UNWIND subjects AS s MATCH (x:Suggestion)-[:FOR|OF]->(s) "
                "RETURN collect(DISTINCT x) AS derived } "
                # An association that others still act for survives, but not with the subject's address as contact.
                "CALL (a) { MATCH (a)-[:ACTS_FOR]->(kept:Association) WHERE kept.contactEmail = a.email "
                "SET kept.contactEmail = null } "
                "WITH a, a.email AS email, subjects, derived, size(subjects) AS profiles, size(derived) AS suggestions "
                "FOREACH (x IN derived | DETACH DELETE x) "
                "FOREACH (s IN subjects | DETACH DELETE s) "
                "DETACH DELETE a RETURN profiles, suggestions, email",
                account=account_id,
            )
        ).single()
        return (
            {"profiles": record["profiles"], "suggestions": record["suggestions"], "email": record["email"]}
            if record
            else {}
        )

    async def export(self, account_id: str) -> Row | None:
        record = await (
            await self.tx.run(
                "MATCH (a:Account {id: $account}) "
                "RETURN a {.id, .email, .role, .createdAt} AS account, "
                "COLLECT { MATCH (a)-[:ACTS_FOR]->(n:Association) "
                f"RETURN {RECORDS['Association']} }} AS associations, "
                f"COLLECT {{ MATCH (a)-[:ACTS_FOR]->(n:Volunteer) RETURN {RECORDS['Volunteer']} }} AS volunteers, "
                "COLLECT { MATCH (a)-[:ACTS_FOR]->(p)-[:CONNECTED_WITH|MENTORS]-(other) "
                "RETURN DISTINCT {party: p.slug, connectedWith: other.slug, "
                "kind: CASE WHEN other:Volunteer OR p:Volunteer THEN 'MENTORING' ELSE 'PEER' END} } AS connections, "
                "COLLECT { MATCH (a)-[:ACTS_FOR]->(p)-[r:REGISTERED]->(e:Event) "
                "RETURN {party: p.slug, event: e.slug, at: r.at} } AS registrations, "
                "COLLECT { MATCH (a)-[:ACTS_FOR]->(p)<-[:FOR|OF]-(s:Suggestion) "
                "RETURN s {.kind, .score, .status, .reasons, .computedAt, party: p.slug} } AS suggestions",
                account=account_id,
            )
        ).single()
        return record.data() if record else None
