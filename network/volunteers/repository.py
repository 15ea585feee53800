"""Cypher for reading volunteer profiles."""

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict

from neo4j import AsyncManagedTransaction
from neo4j.time import DateTime

from network.kit.repository import ListingRepository, projection

# Each link a profile shows, by the GraphQL field that shows it.
LINKS = {
    "district": "district: COLLECT { MATCH (n)-[:AVAILABLE_IN]->(d:District) RETURN d.slug }[0]",
    "skills": "skills: COLLECT { MATCH (n)-[r:OFFERS]->(k:Skill) RETURN {skill: k.slug, level: r.level} "
    "ORDER BY r.level DESC, k.slug }",
    "tools": "tools: COLLECT { MATCH (n)-[r:KNOWS]->(t:Tool) RETURN {tool: t.slug, proficiency: r.proficiency} "
    "ORDER BY t.slug }",
}
# The node's properties the GraphQL type reads; the dates only when asked.
PROPERTIES = ["id", "slug", "displayName", "bio", "languages", "remote", "hoursPerMonth", "maxMentees", "contactEmail"]
DATES = ["createdAt", "updatedAt"]

# Everything a profile shows, so a page of any size costs one query whatever the selection.
PROFILE = "n {.*, " + ", ".join(LINKS.values()) + "}"


def profile_showing(fields: Collection[str]) -> str:
    """The profile a GraphQL selection of `fields` (Volunteer's field names) reads: the properties, and the dates
    and links only when selected."""
    return projection(PROPERTIES, DATES, LINKS, fields)


class SkillOfferRow(TypedDict):
    skill: str
    level: int


class ToolKnowledgeRow(TypedDict):
    tool: str
    proficiency: str  # a Proficiency value


class VolunteerProfile(TypedDict):
    """A row of PROFILE: the node's properties (`.*` leaves out those never set or set to null) and its links."""

    id: str
    slug: str
    displayName: str
    bio: NotRequired[str]
    languages: list[str]
    remote: bool
    hoursPerMonth: NotRequired[int]
    maxMentees: int
    contactEmail: NotRequired[str]
    createdAt: DateTime
    updatedAt: NotRequired[DateTime]  # from the first change on
    district: str | None
    skills: list[SkillOfferRow]
    tools: list[ToolKnowledgeRow]


@dataclass(frozen=True)
class VolunteerFilter:
    """All given criteria must hold; within a list, any value may match."""

    skill: str | None = None
    min_level: int = 1
    tools: list[str] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)
    remote: bool | None = None
    languages: list[str] = field(default_factory=list)
    text: str | None = None


def _filtered(f: VolunteerFilter) -> str:
    conditions = ["true"]
    if f.text:
        start = "CALL db.index.fulltext.queryNodes('party_text', $text) YIELD node AS n"
        conditions.append("n:Volunteer")
    elif f.skill:
        start = "MATCH (:Skill {slug: $skill})<-[offer:OFFERS]-(n:Volunteer)"
        conditions.append("offer.level >= $minLevel")
    else:
        start = "MATCH (n:Volunteer)"
    if f.skill and f.text:
        conditions.append("EXISTS { (n)-[o:OFFERS]->(:Skill {slug: $skill}) WHERE o.level >= $minLevel }")
    if f.tools:
        conditions.append("EXISTS { (n)-[:KNOWS]->(t:Tool) WHERE t.slug IN $tools }")
    # A remote volunteer helps anywhere, so a district filter keeps them too.
    if f.districts:
        conditions.append("(n.remote OR EXISTS { (n)-[:AVAILABLE_IN]->(d:District) WHERE d.slug IN $districts })")
    if f.remote is not None:
        conditions.append("n.remote = $remote")
    if f.languages:
        conditions.append("any(l IN n.languages WHERE l IN $languages)")
    return f"{start} WHERE {' AND '.join(conditions)}"


def _parameters(f: VolunteerFilter) -> dict[str, Any]:
    return {
        "text": f.text,
        "skill": f.skill,
        "minLevel": f.min_level,
        "tools": f.tools,
        "districts": f.districts,
        "remote": f.remote,
        "languages": f.languages,
        "visibilities": [],
    }


class VolunteerRepository(ListingRepository[VolunteerProfile]):
    """Volunteer profiles: look-ups, filtered pages with a count, and the back-links of skills."""

    label = "Volunteer"
    profile = PROFILE

    def visible(self) -> str:
        return "true"  # volunteers are private persons: the service shows them to signed-in users only

    async def page(self, f: VolunteerFilter, after: str | None, limit: int) -> list[VolunteerProfile]:
        return await self.filtered_page(_filtered(f), _parameters(f), after, limit)

    async def count(self, f: VolunteerFilter) -> int:
        return await self.filtered_count(_filtered(f), _parameters(f))

    async def offering_skills(self, slugs: list[str], limit: int) -> dict[str, list[VolunteerProfile]]:
        result = await self.tx.run(
            "UNWIND $slugs AS slug MATCH (s:Skill {slug: slug}) "
            "CALL (s) { MATCH (s)<-[o:OFFERS]-(n:Volunteer) WITH n, o ORDER BY o.level DESC, n.slug LIMIT $limit "
            f"RETURN collect({PROFILE}) AS rows }} RETURN slug, rows",
            slugs=slugs,
            limit=limit,
        )
        return {record["slug"]: record["rows"] async for record in result}


class VolunteerWrites:
    """Cypher for the links that only mutations make."""

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def has_profile(self, account_id: str) -> bool:
        record = await (
            await self.tx.run(
                "RETURN EXISTS { (:Account {id: $account})-[:ACTS_FOR]->(:Volunteer) } AS found",
                account=account_id,
            )
        ).single()
        return bool(record and record["found"])

    async def act_for(self, account_id: str, slug: str) -> None:
        await self.tx.run(
            "MATCH (a:Account {id: $account}), (n:Volunteer {slug: $slug}) MERGE (a)-[:ACTS_FOR]->(n)",
            account=account_id,
            slug=slug,
        )
