"""Cypher of event groups: each registration carries its group number (`REGISTERED.group`)."""

from typing import TypedDict, cast

from neo4j import AsyncManagedTransaction

from network.associations.repository import PROFILE as ASSOCIATION_PROFILE
from network.associations.repository import AssociationProfile
from network.volunteers.repository import PROFILE as VOLUNTEER_PROFILE
from network.volunteers.repository import VolunteerProfile


class RegisteredParty(TypedDict):
    """A party registered for the event, with what it knows of the event's topics."""

    id: str
    kind: str  # ASSOCIATION or VOLUNTEER
    tools: list[list[str]]  # [tool slug, proficiency] of each topic tool it uses or knows
    skills: list[list[str | int]]  # [skill slug, level] of each topic skill it offers


class Registrations(TypedDict):
    """An event's topics and registered parties (`EventGroupRepository.registrations`)."""

    id: str
    status: str  # SCHEDULED or CANCELLED
    tools: list[str]  # slugs of the topic tools
    skills: list[str]
    parties: list[RegisteredParty]  # in id order


class GroupMember(TypedDict):
    """A grouped party: its group number, its label (Association or Volunteer) and its profile."""

    group: int
    label: str
    row: AssociationProfile | VolunteerProfile


class EventGroups(TypedDict):
    """An event's groups (`EventGroupRepository.groups_of`)."""

    registered: list[str]  # ids of every registered party
    members: list[GroupMember]  # by group number, then party id


class EventGroupRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def registrations(self, event_slug: str) -> Registrations | None:
        """The event's topic tools and skills, and its registered parties (by id) with what they know of them.
        Locks the event, so two formations of its groups run one after the other."""
        record = await (
            await self.tx.run(
                "MATCH (e:Event {slug: $slug}) SET e._lock = true REMOVE e._lock "
                "RETURN e.id AS id, coalesce(e.status, 'SCHEDULED') AS status, "
                "COLLECT { MATCH (e)-[:ABOUT]->(t:Tool) RETURN t.slug } AS tools, "
                "COLLECT { MATCH (e)-[:ABOUT]->(s:Skill) RETURN s.slug } AS skills, "
                "COLLECT { MATCH (e)<-[:REGISTERED]-(p) WITH p ORDER BY p.id RETURN {id: p.id, "
                "  kind: CASE WHEN p:Association THEN 'ASSOCIATION' ELSE 'VOLUNTEER' END, "
                "  tools: COLLECT { MATCH (p)-[r:USES|KNOWS]->(t:Tool)<-[:ABOUT]-(e) RETURN [t.slug, r.proficiency] }, "
                "  skills: COLLECT { MATCH (p)-[r:OFFERS]->(s:Skill)<-[:ABOUT]-(e) RETURN [s.slug, r.level] }} "
                "} AS parties",
                slug=event_slug,
            )
        ).single()
        return cast(Registrations, record.data()) if record else None

    async def save(self, event_id: str, numbers: dict[str, int], size: int) -> None:
        """Replaces every registration's group number; a party missing from `numbers` is in no group."""
        await self.tx.run(
            "MATCH (e:Event {id: $event}) SET e.groupSize = $size, e.groupsFormedAt = datetime() "
            "WITH e MATCH (e)<-[r:REGISTERED]-(p) SET r.group = $numbers[p.id]",
            event=event_id,
            numbers=numbers,
            size=size,
        )

    async def groups_of(self, ids: list[str]) -> dict[str, EventGroups]:
        """Per event id: the ids of its registered parties, and its grouped members with their profiles, by group
        number."""
        result = await self.tx.run(
            "UNWIND $ids AS eid MATCH (e:Event {id: eid}) "
            "RETURN eid, COLLECT { MATCH (e)<-[:REGISTERED]-(p) RETURN p.id } AS registered, "
            "COLLECT { MATCH (e)<-[r:REGISTERED]-(n) WHERE r.group IS NOT NULL WITH r, n ORDER BY r.group, n.id "
            "  RETURN {group: r.group, label: CASE WHEN n:Association THEN 'Association' ELSE 'Volunteer' END, "
            f"  row: CASE WHEN n:Association THEN {ASSOCIATION_PROFILE} ELSE {VOLUNTEER_PROFILE} END}} }} AS members",
            ids=ids,
        )
        return {
            record["eid"]: {"registered": record["registered"], "members": record["members"]} async for record in result
        }
