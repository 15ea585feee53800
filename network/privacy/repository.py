"""Cypher for erasure and for the export of one account's data."""

from typing import Literal, TypedDict, cast

from neo4j import AsyncManagedTransaction
from neo4j.time import DateTime

from network.records.repository import RECORDS, StoredAssociation, StoredVolunteer


class ErasedCounts(TypedDict, total=False):
    profiles: int  # the volunteer profile and the associations only this account acted for
    suggestions: int  # suggestions for or about those


class Erasure(ErasedCounts, total=False):
    """What `erase` deleted, and the account's e-mail address; empty when there was no such account."""

    email: str


class ExportedAccount(TypedDict):
    id: str
    email: str
    role: str  # a Role value
    createdAt: DateTime


class ConnectionRow(TypedDict):
    party: str  # slug of the account's association or volunteer
    connectedWith: str  # slug of the other party
    kind: Literal["MENTORING", "PEER"]


class RegistrationRow(TypedDict):
    party: str  # slug
    event: str  # slug
    at: DateTime


class SuggestionRow(TypedDict):
    kind: str
    score: float
    status: str
    reasons: str  # JSON
    computedAt: DateTime
    party: str  # slug of the account's association or volunteer


class Export(TypedDict):
    account: ExportedAccount
    associations: list[StoredAssociation]
    volunteers: list[StoredVolunteer]
    connections: list[ConnectionRow]
    registrations: list[RegistrationRow]
    suggestions: list[SuggestionRow]


class PrivacyRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def erase(self, account_id: str) -> Erasure:
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

    async def export(self, account_id: str) -> Export | None:
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
        return cast(Export, record.data()) if record else None
