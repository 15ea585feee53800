"""Cypher of event invites: the events a recompute ranks for, the invites it writes, what staff and parties read."""

from typing import TypedDict, cast

from neo4j import AsyncManagedTransaction

from network.associations.repository import PROFILE as ASSOCIATION_PROFILE
from network.suggestions.repository import SuggestionRow
from network.volunteers.repository import PROFILE as VOLUNTEER_PROFILE

INVITE = "'EVENT_INVITE'"
UPCOMING = "e.startsAt > datetime() AND coalesce(e.status, 'SCHEDULED') <> 'CANCELLED'"
FIELDS = ".id, .kind, .score, .status, .reasons, .computedAt, .algorithmVersion, .acceptedBy, .seenBy"
# The invited party, whichever kind it is (projections of both repositories use `n`).
PARTY = (
    "candidateLabel: CASE WHEN n:Association THEN 'Association' ELSE 'Volunteer' END, "
    f"candidate: CASE WHEN n:Association THEN {ASSOCIATION_PROFILE} ELSE {VOLUNTEER_PROFILE} END"
)


class InviteEvent(TypedDict):
    """An event to rank invites for (`InviteRepository.events`)."""

    id: str
    capacity: int | None
    outreachShare: float | None
    tools: list[str]  # slugs of its topics
    skills: list[str]
    fields: list[str]
    registered: list[str]  # ids of the registered parties
    answered: list[str]  # ids of the parties that answered their invite


class InviteWrite(TypedDict):
    """A row of `InviteRepository.replace_proposed`: one invite of the run."""

    pairKey: str
    partyId: str
    score: float
    reasons: str  # JSON


class NewInvite(TypedDict):
    """An invite a run created (`InviteRepository.replace_proposed`): its id and the invited party's."""

    id: str
    party: str


class InvitedEvent(TypedDict):
    """The event of an invite, as accepting it needs it (`InviteRepository.event_of`)."""

    id: str
    slug: str
    capacity: int | None
    status: str  # SCHEDULED or CANCELLED
    started: bool


class InviteRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def events(self, event_id: str | None) -> list[InviteEvent]:
        """Upcoming, not cancelled events (one, or all when `event_id` is None) with their topics, and the parties
        no recompute may propose: registered ones and those who answered an invite already."""
        result = await self.tx.run(
            f"MATCH (e:Event) WHERE ($id IS NULL OR e.id = $id) AND {UPCOMING} "
            "RETURN e.id AS id, e.capacity AS capacity, e.outreachShare AS outreachShare, "
            "COLLECT { MATCH (e)-[:ABOUT]->(t:Tool) RETURN t.slug } AS tools, "
            "COLLECT { MATCH (e)-[:ABOUT]->(s:Skill) RETURN s.slug } AS skills, "
            "COLLECT { MATCH (e)-[:ABOUT]->(f:Field) RETURN f.slug } AS fields, "
            "COLLECT { MATCH (e)<-[:REGISTERED]-(p) RETURN p.id } AS registered, "
            f"COLLECT {{ MATCH (e)<-[:FOR]-(s:Suggestion {{kind: {INVITE}}})-[:OF]->(p) "
            "WHERE s.status <> 'PROPOSED' RETURN p.id } AS answered "
            "ORDER BY e.id",
            id=event_id,
        )
        return [cast(InviteEvent, record.data()) async for record in result]

    async def replace_proposed(
        self, event_id: str, rows: list[InviteWrite], run: str, version: str
    ) -> tuple[list[NewInvite], list[str]]:
        """Writes this run's invites of one event and deletes its PROPOSED ones the run did not produce; an
        answered invite keeps its status, and a party registered meanwhile is not invited. Returns the invites
        created (not those an earlier run proposed already) and the parties whose invites were deleted."""
        record = await (
            await self.tx.run(
                "MATCH (e:Event {id: $event}) UNWIND $rows AS row "
                "OPTIONAL MATCH (a:Association {id: row.partyId}) OPTIONAL MATCH (v:Volunteer {id: row.partyId}) "
                "WITH e, row, coalesce(a, v) AS p WHERE p IS NOT NULL AND NOT (p)-[:REGISTERED]->(e) "
                f"MERGE (s:Suggestion {{kind: {INVITE}, pairKey: row.pairKey}}) "
                "ON CREATE SET s.id = randomUUID(), s.status = 'PROPOSED', s.acceptedBy = [], "
                "s.createdAt = datetime(), s._created = true "
                "WITH e, p, s, row WHERE s.status = 'PROPOSED' "
                "SET s.score = row.score, s.reasons = row.reasons, s.computedAt = datetime(), "
                "s.algorithmVersion = $version, s.run = $run "
                "MERGE (s)-[:FOR]->(e) MERGE (s)-[:OF]->(p) "
                "WITH p, s, s._created AS created REMOVE s._created "
                "RETURN collect(CASE WHEN created THEN {id: s.id, party: p.id} END) AS created",
                event=event_id,
                rows=rows,
                run=run,
                version=version,
            )
        ).single()
        created = list(record["created"]) if record else []
        return created, await self.drop_proposed(event_id, run)

    async def drop_proposed(self, event_id: str, run: str | None = None) -> list[str]:
        """Deletes the event's PROPOSED invites that run `run` did not write (all of them when `run` is None);
        returns the parties they invited."""
        record = await (
            await self.tx.run(
                f"MATCH (:Event {{id: $event}})<-[:FOR]-(s:Suggestion {{kind: {INVITE}}}) "
                "WHERE $run IS NULL OR coalesce(s.run, '') <> $run "
                # locked before the status is checked, so an answer committed meanwhile is seen and kept
                "SET s._lock = true REMOVE s._lock "
                "WITH s WHERE s.status = 'PROPOSED' "
                "OPTIONAL MATCH (s)-[:OF]->(p) WITH s, p.id AS party "
                "DETACH DELETE s RETURN collect(party) AS parties",
                event=event_id,
                run=run,
            )
        ).single()
        return list(record["parties"]) if record else []

    async def for_events(self, ids: list[str], parties: list[str] | None, first: int) -> dict[str, list[SuggestionRow]]:
        """Per event id: its visible invites, best first, each with the invited party's profile; only those of
        `parties` unless that is None."""
        result = await self.tx.run(
            "UNWIND $ids AS eid MATCH (e:Event {id: eid}) "
            "CALL (e) { "
            f"MATCH (e)<-[:FOR]-(s:Suggestion {{kind: {INVITE}}})-[:OF]->(n) "
            "WHERE s.status IN ['PROPOSED', 'ACCEPTED'] AND ($parties IS NULL OR n.id IN $parties) "
            "WITH s, n ORDER BY s.score DESC, s.id LIMIT $first "
            f"RETURN collect(s {{{FIELDS}, {PARTY}}}) AS rows }} "
            "RETURN eid, rows",
            ids=ids,
            parties=parties,
            first=first,
        )
        return {record["eid"]: record["rows"] async for record in result}

    async def event_of(self, suggestion_id: str) -> InvitedEvent | None:
        """The event an invite is for: what accepting it needs to know."""
        record = await (
            await self.tx.run(
                "MATCH (s:Suggestion {id: $id})-[:FOR]->(e:Event) "
                "RETURN e.id AS id, e.slug AS slug, e.capacity AS capacity, coalesce(e.status, 'SCHEDULED') AS status, "
                "e.startsAt <= datetime() AS started",
                id=suggestion_id,
            )
        ).single()
        return cast(InvitedEvent, record.data()) if record else None

    async def one(self, suggestion_id: str) -> SuggestionRow | None:
        """The invite with the invited party as its candidate."""
        record = await (
            await self.tx.run(
                f"MATCH (s:Suggestion {{id: $id}})-[:OF]->(n) RETURN s {{{FIELDS}, {PARTY}}} AS row", id=suggestion_id
            )
        ).single()
        return record["row"] if record else None
