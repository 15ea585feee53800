"""Cypher for reading associations: one query per page or look-up, with every link a profile shows."""

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict

from neo4j import AsyncManagedTransaction
from neo4j.time import Date, DateTime

from network.kit.repository import ListingRepository, projection

# Each link a profile shows, by the GraphQL field that shows it.
LINKS = {
    "district": "district: COLLECT { MATCH (n)-[:LOCATED_IN]->(d:District) RETURN d.slug }[0]",
    "fields": "fields: COLLECT { MATCH (n)-[:ACTIVE_IN]->(f:Field) RETURN f.slug ORDER BY f.slug }",
    "targetGroups": "targetGroups: COLLECT { MATCH (n)-[:SERVES]->(g:TargetGroup) RETURN g.slug ORDER BY g.slug }",
    "tools": "tools: COLLECT { MATCH (n)-[r:USES]->(t:Tool) "
    "RETURN {tool: t.slug, proficiency: r.proficiency, since: r.since} ORDER BY t.slug }",
    "considers": "considers: COLLECT { MATCH (n)-[:CONSIDERS]->(t:Tool) RETURN t.slug ORDER BY t.slug }",
    "needs": "needs: COLLECT { MATCH (n)-[r:NEEDS]->(k:Skill) "
    "RETURN {skill: k.slug, minLevel: r.minLevel, priority: r.priority} ORDER BY r.priority, k.slug }",
}
# The node's properties the GraphQL type reads; the dates only when asked (the driver makes a date far more slowly
# than a string).
PROPERTIES = ["id", "slug", "name", "description", "members", "paidStaff", "languages", "visibility", "contactEmail"]
DATES = ["createdAt", "updatedAt"]

# Everything a profile shows, so a page of any size costs one query whatever the selection.
PROFILE = "n {.*, " + ", ".join(LINKS.values()) + "}"


def profile_showing(fields: Collection[str]) -> str:
    """The profile a GraphQL selection of `fields` (Association's field names) reads: the properties, and the
    dates and links only when selected."""
    return projection(PROPERTIES, DATES, LINKS, fields)


class ToolUsageRow(TypedDict):
    tool: str
    proficiency: str  # a Proficiency value
    since: Date | None


class SkillNeedRow(TypedDict):
    skill: str
    minLevel: int
    priority: int


class AssociationProfile(TypedDict):
    """A row of PROFILE: the node's properties (`.*` leaves out those never set or set to null) and its links."""

    id: str
    slug: str
    name: str
    description: NotRequired[str]
    members: NotRequired[int]
    paidStaff: NotRequired[int]
    languages: list[str]
    contactEmail: NotRequired[str]
    visibility: str  # a Visibility value
    createdAt: DateTime
    updatedAt: NotRequired[DateTime]  # from the first change on
    district: str | None
    fields: list[str]
    targetGroups: list[str]
    tools: list[ToolUsageRow]
    considers: list[str]
    needs: list[SkillNeedRow]


@dataclass(frozen=True)
class AssociationFilter:
    """Tools (used, considered): all must match. Skills, fields, groups, districts, languages: any may match."""

    uses_tools: list[str] = field(default_factory=list)
    considers_tools: list[str] = field(default_factory=list)
    needs_skills: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    text: str | None = None


def _filtered(f: AssociationFilter) -> str:
    """MATCH and WHERE for a filter; only fixed clauses are put together, every value is a parameter."""
    conditions = ["n.visibility IN $visibilities"]
    if f.text:
        start = "CALL db.index.fulltext.queryNodes('party_text', $text) YIELD node AS n"
        conditions.insert(0, "n:Association")
    elif f.uses_tools:
        start = "MATCH (:Tool {slug: $usesTools[0]})<-[:USES]-(n:Association)"
    else:
        start = "MATCH (n:Association)"
    if f.uses_tools:
        conditions.append("all(t IN $usesTools WHERE EXISTS { (n)-[:USES]->(:Tool {slug: t}) })")
    if f.considers_tools:
        conditions.append("all(t IN $considersTools WHERE EXISTS { (n)-[:CONSIDERS]->(:Tool {slug: t}) })")
    if f.needs_skills:
        conditions.append("EXISTS { (n)-[:NEEDS]->(s:Skill) WHERE s.slug IN $needsSkills }")
    if f.fields:
        conditions.append("EXISTS { (n)-[:ACTIVE_IN]->(x:Field) WHERE x.slug IN $fields }")
    if f.target_groups:
        conditions.append("EXISTS { (n)-[:SERVES]->(g:TargetGroup) WHERE g.slug IN $targetGroups }")
    if f.districts:
        conditions.append("EXISTS { (n)-[:LOCATED_IN]->(d:District) WHERE d.slug IN $districts }")
    if f.languages:
        conditions.append("any(l IN n.languages WHERE l IN $languages)")
    return f"{start} WHERE {' AND '.join(conditions)}"


def _parameters(f: AssociationFilter, visibilities: list[str]) -> dict[str, Any]:
    return {
        "visibilities": visibilities,
        "text": f.text,
        "usesTools": f.uses_tools,
        "considersTools": f.considers_tools,
        "needsSkills": f.needs_skills,
        "fields": f.fields,
        "targetGroups": f.target_groups,
        "districts": f.districts,
        "languages": f.languages,
    }


class AssociationRepository(ListingRepository[AssociationProfile]):
    """Association profiles: look-ups, filtered pages with a count, and the back-links of tools and skills."""

    label = "Association"
    profile = PROFILE

    async def page(
        self, f: AssociationFilter, visibilities: list[str], after: str | None, limit: int, profile: str | None = None
    ) -> list[AssociationProfile]:
        return await self.filtered_page(_filtered(f), _parameters(f, visibilities), after, limit, profile)

    async def count(self, f: AssociationFilter, visibilities: list[str]) -> int:
        return await self.filtered_count(_filtered(f), _parameters(f, visibilities))

    async def using_tools(
        self, slugs: list[str], visibilities: list[str], after: str | None, limit: int
    ) -> dict[str, tuple[list[AssociationProfile], int]]:
        """Per tool: one page of the associations using it, and how many visible ones do."""
        result = await self.tx.run(
            "UNWIND $slugs AS slug MATCH (t:Tool {slug: slug}) "
            "CALL (t) { MATCH (t)<-[:USES]-(n:Association) WHERE n.visibility IN $visibilities "
            f"AND ($after IS NULL OR n.slug > $after) WITH n ORDER BY n.slug LIMIT $limit "
            f"RETURN collect({PROFILE}) AS rows }} "
            "RETURN slug, rows, COUNT { (t)<-[:USES]-(m:Association) WHERE m.visibility IN $visibilities } AS total",
            slugs=slugs,
            visibilities=visibilities,
            after=after,
            limit=limit,
        )
        return {record["slug"]: (record["rows"], record["total"]) async for record in result}

    async def usage_shares(self, slugs: list[str]) -> dict[str, float]:
        """Per tool: the share of all associations that use it (0 to 1); an aggregate, so every association counts."""
        result = await self.tx.run(
            "WITH COUNT { (:Association) } AS total UNWIND $slugs AS slug MATCH (t:Tool {slug: slug}) "
            "RETURN slug, CASE total WHEN 0 THEN 0.0 ELSE toFloat(COUNT { (t)<-[:USES]-(:Association) }) / total END "
            "AS share",
            slugs=slugs,
        )
        return {record["slug"]: record["share"] async for record in result}

    async def usage_counts(self, slugs: list[str], visibilities: list[str]) -> dict[str, int]:
        result = await self.tx.run(
            "UNWIND $slugs AS slug MATCH (t:Tool {slug: slug}) "
            "RETURN slug, COUNT { (t)<-[:USES]-(n:Association) WHERE n.visibility IN $visibilities } AS n",
            slugs=slugs,
            visibilities=visibilities,
        )
        return {record["slug"]: record["n"] async for record in result}

    async def needing_skills(
        self, slugs: list[str], visibilities: list[str], limit: int
    ) -> dict[str, list[AssociationProfile]]:
        result = await self.tx.run(
            "UNWIND $slugs AS slug MATCH (s:Skill {slug: slug}) "
            "CALL (s) { MATCH (s)<-[:NEEDS]-(n:Association) WHERE n.visibility IN $visibilities "
            f"WITH n ORDER BY n.slug LIMIT $limit RETURN collect({PROFILE}) AS rows }} RETURN slug, rows",
            slugs=slugs,
            visibilities=visibilities,
            limit=limit,
        )
        return {record["slug"]: record["rows"] async for record in result}


class AssociationWrites:
    """Cypher for the links and removals that only mutations make."""

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def act_for(self, account_id: str, slug: str) -> None:
        await self.tx.run(
            "MATCH (a:Account {id: $account}), (n:Association {slug: $slug}) MERGE (a)-[:ACTS_FOR]->(n)",
            account=account_id,
            slug=slug,
        )

    async def delete(self, slug: str) -> str | None:
        """Removes the association, its links, its experience reports, and the suggestions made for or about it;
        returns its id."""
        record = await (
            await self.tx.run(
                "MATCH (n:Association {slug: $slug}) "
                "CALL (n) { MATCH (n)-[:REPORTED]->(r:ExperienceReport) DETACH DELETE r } "
                "OPTIONAL MATCH (s:Suggestion)-[:FOR|OF]->(n) "
                "WITH n, n.id AS id, collect(s) AS suggestions "
                "FOREACH (s IN suggestions | DETACH DELETE s) DETACH DELETE n RETURN id",
                slug=slug,
            )
        ).single()
        return record["id"] if record else None
