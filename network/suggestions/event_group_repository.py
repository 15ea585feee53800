"""Cypher of event groups: each registration carries its group number (`REGISTERED.group`)."""

from typing import Any

from neo4j import AsyncManagedTransaction

from network.associations.repository import PROFILE as ASSOCIATION_PROFILE
from network.volunteers.repository import PROFILE as VOLUNTEER_PROFILE

Row = dict[str, Any]


class EventGroupRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def registrations(self, event_slug: str) -> Row | None:
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
        return record.data() if record else None

    async def save(self, event_id: str, numbers: dict[str, int], size: int) -> None:
        """Replaces every registration's group number; a party missing from `numbers` is in no group."""
        await self.tx.run(
            "MATCH (e:Event {id: $event}) SET e.groupSize = $size, e.groupsFormedAt = datetime() "
            "WITH e MATCH (e)<-[r:REGISTERED]-(p) SET r.group = $numbers[p.id]",
            event=event_id,
            numbers=numbers,
            size=size,
        )

    async def groups_of(self, ids: list[str]) -> dict[str, Row]:
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
