"""Cypher for reading events, listed in chronological order."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict, cast

from neo4j import AsyncManagedTransaction
from neo4j.time import DateTime

from network.associations.repository import PROFILE as ASSOCIATION_PROFILE
from network.associations.repository import AssociationProfile
from network.kit.repository import ListingRepository
from network.volunteers.repository import PROFILE as VOLUNTEER_PROFILE
from network.volunteers.repository import VolunteerProfile

PROFILE = (
    "n {.*, "
    "district: COLLECT { MATCH (n)-[:LOCATED_IN]->(d:District) RETURN d.slug }[0], "
    "tools: COLLECT { MATCH (n)-[:ABOUT]->(t:Tool) RETURN t.slug ORDER BY t.slug }, "
    "skills: COLLECT { MATCH (n)-[:ABOUT]->(s:Skill) RETURN s.slug ORDER BY s.slug }, "
    "fields: COLLECT { MATCH (n)-[:ABOUT]->(f:Field) RETURN f.slug ORDER BY f.slug }, "
    "registered: COUNT { (n)<-[:REGISTERED]-() }}"
)


class EventProfile(TypedDict):
    """A row of PROFILE: the node's properties (`.*` leaves out those never set or set to null) and its links."""

    id: str
    slug: str
    title: str
    description: NotRequired[str]
    startsAt: DateTime
    endsAt: DateTime
    format: str  # an EventFormat value
    capacity: NotRequired[int]
    outreachShare: float
    visibility: str  # a Visibility value
    status: str  # SCHEDULED or CANCELLED
    createdAt: DateTime
    updatedAt: NotRequired[DateTime]  # from the first change on
    groupSize: NotRequired[int]  # once staff formed its groups (formEventGroups)
    groupsFormedAt: NotRequired[DateTime]
    district: str | None
    tools: list[str]
    skills: list[str]
    fields: list[str]
    registered: int  # parties registered


class PartyWithSlug(TypedDict):
    """An association or a volunteer that has a given slug."""

    id: str
    kind: str  # ASSOCIATION or VOLUNTEER


class RegisteredParty(TypedDict):
    """A party registered for an event: its label (Association or Volunteer) and its profile."""

    label: str
    row: AssociationProfile | VolunteerProfile


@dataclass(frozen=True)
class EventFilter:
    starts_from: dt.datetime | None = None
    starts_until: dt.datetime | None = None
    topics: list[str] = field(default_factory=list)  # slugs of tools, skills or fields; any may match
    formats: list[str] = field(default_factory=list)
    include_cancelled: bool = False


def _filtered(f: EventFilter) -> str:
    conditions = ["n.visibility IN $visibilities"]
    if f.starts_from is not None:
        conditions.append("n.startsAt.epochMillis >= $startsFrom")
    if f.starts_until is not None:
        conditions.append("n.startsAt.epochMillis <= $startsUntil")
    if f.topics:
        conditions.append("EXISTS { (n)-[:ABOUT]->(topic) WHERE topic.slug IN $topics }")
    if f.formats:
        conditions.append("n.format IN $formats")
    if not f.include_cancelled:
        conditions.append("n.status <> 'CANCELLED'")
    return f"MATCH (n:Event) WHERE {' AND '.join(conditions)}"


def _parameters(f: EventFilter, visibilities: list[str]) -> dict[str, Any]:
    return {
        "visibilities": visibilities,
        "startsFrom": _millis(f.starts_from),
        "startsUntil": _millis(f.starts_until),
        "topics": f.topics,
        "formats": f.formats,
    }


def _millis(moment: dt.datetime | None) -> int | None:
    # Instants, not wall-clock times: the same moment written with two offsets must compare equal.
    return None if moment is None else int(moment.timestamp() * 1000)


class EventRepository(ListingRepository[EventProfile]):
    """Events: look-ups, and chronological pages with a count."""

    label = "Event"
    profile = PROFILE

    async def page(
        self, f: EventFilter, visibilities: list[str], after: tuple[int, str] | None, limit: int
    ) -> list[EventProfile]:
        """Keyset pagination on (start instant in epoch milliseconds, slug): chronological order."""
        found = await self.rows(
            f"{_filtered(f)} AND ($afterTime IS NULL OR n.startsAt.epochMillis > $afterTime "
            "OR (n.startsAt.epochMillis = $afterTime AND n.slug > $afterSlug)) "
            f"WITH n ORDER BY n.startsAt.epochMillis, n.slug LIMIT $limit RETURN {PROFILE} AS row",
            afterTime=after[0] if after else None,
            afterSlug=after[1] if after else None,
            limit=limit,
            **_parameters(f, visibilities),
        )
        return found

    async def count(self, f: EventFilter, visibilities: list[str]) -> int:
        return await self.filtered_count(_filtered(f), _parameters(f, visibilities))

    async def registered_among(self, event_ids: list[str], party_ids: list[str]) -> dict[str, list[RegisteredParty]]:
        """Per event id: which of `party_ids` are registered for it, by slug."""
        result = await self.tx.run(
            "UNWIND $events AS eid MATCH (e:Event {id: eid}) "
            "RETURN eid, COLLECT { MATCH (e)<-[:REGISTERED]-(n) WHERE n.id IN $parties WITH n ORDER BY n.slug "
            "  RETURN {label: CASE WHEN n:Association THEN 'Association' ELSE 'Volunteer' END, "
            f"  row: CASE WHEN n:Association THEN {ASSOCIATION_PROFILE} ELSE {VOLUNTEER_PROFILE} END}} }} AS parties",
            events=event_ids,
            parties=party_ids,
        )
        return {record["eid"]: record["parties"] async for record in result}


class EventWrites:
    """Cypher for the changes only mutations make: cancelling and registrations."""

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def cancel(self, slug: str) -> None:
        await self.tx.run(
            "MATCH (n:Event {slug: $slug}) SET n.status = 'CANCELLED', n.updatedAt = datetime()", slug=slug
        )

    async def attending(self, slug: str) -> list[str]:
        """Ids of the parties that expect to take part: the registered ones and those that accepted an invite;
        none once the event is over."""
        record = await (
            await self.tx.run(
                "MATCH (e:Event {slug: $slug}) WHERE e.endsAt > datetime() "
                "RETURN COLLECT { MATCH (e)<-[:REGISTERED]-(p) RETURN p.id "
                "  UNION MATCH (e)<-[:FOR]-(:Suggestion {kind: 'EVENT_INVITE', status: 'ACCEPTED'})-[:OF]->(p) "
                "  RETURN p.id } AS parties",
                slug=slug,
            )
        ).single()
        return list(record["parties"]) if record else []

    async def parties(self, slug: str) -> list[PartyWithSlug]:
        """The association and the volunteer with this slug (slugs are unique per kind, so there may be two)."""
        result = await self.tx.run(
            "MATCH (p) WHERE (p:Association OR p:Volunteer) AND p.slug = $slug "
            "RETURN p.id AS id, CASE WHEN p:Association THEN 'ASSOCIATION' ELSE 'VOLUNTEER' END AS kind",
            slug=slug,
        )
        return [cast(PartyWithSlug, record.data()) async for record in result]

    async def accept_invite(self, event_slug: str, party_id: str) -> None:
        """A party that registers on its own answers its proposed invite: it counts as accepted."""
        await self.tx.run(
            "MATCH (:Event {slug: $event})<-[:FOR]-(s:Suggestion {kind: 'EVENT_INVITE', status: 'PROPOSED'})"
            "-[:OF]->({id: $party}) SET s.status = 'ACCEPTED', s.acceptedBy = [$party], s.answeredAt = datetime()",
            event=event_slug,
            party=party_id,
        )

    async def register(self, event_slug: str, party_id: str) -> tuple[bool, int]:
        """Registers once (a repeat changes nothing); returns whether it is new and the count after."""
        record = await (
            await self.tx.run(
                "MATCH (e:Event {slug: $event}), (p {id: $party}) WHERE p:Association OR p:Volunteer "
                "OPTIONAL MATCH (p)-[existing:REGISTERED]->(e) "
                "FOREACH (_ IN CASE WHEN existing IS NULL THEN [1] ELSE [] END | "
                "  CREATE (p)-[:REGISTERED {at: datetime()}]->(e)) "
                "RETURN existing IS NULL AS new, COUNT { (e)<-[:REGISTERED]-() } AS registered",
                event=event_slug,
                party=party_id,
            )
        ).single()
        assert record is not None  # the callers found the event and the party in this very transaction
        return bool(record["new"]), int(record["registered"])
