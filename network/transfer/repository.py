"""Cypher for bulk writes (UNWIND batches) and for reading everything back in the import format."""

from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

Row = dict[str, Any]


@dataclass(frozen=True)
class Link:
    """A relationship kind written from a list in each row: `row.links[key]` holds {slug, props} items."""

    key: str
    type: str
    label: str


ASSOCIATION_LINKS = [
    Link("uses", "USES", "Tool"),
    Link("considers", "CONSIDERS", "Tool"),
    Link("needs", "NEEDS", "Skill"),
    Link("fields", "ACTIVE_IN", "Field"),
    Link("targetGroups", "SERVES", "TargetGroup"),
    Link("district", "LOCATED_IN", "District"),
]
VOLUNTEER_LINKS = [
    Link("skills", "OFFERS", "Skill"),
    Link("tools", "KNOWS", "Tool"),
    Link("district", "AVAILABLE_IN", "District"),
]
EVENT_LINKS = [
    Link("tools", "ABOUT", "Tool"),
    Link("skills", "ABOUT", "Skill"),
    Link("fields", "ABOUT", "Field"),
    Link("district", "LOCATED_IN", "District"),
]


def _merge_query(label: str, links: list[Link]) -> str:
    """Merges nodes by slug, sets their properties, and makes each link list exactly what the row says."""
    parts = [
        "UNWIND $rows AS row",
        f"MERGE (n:{label} {{slug: row.slug}})",
        "ON CREATE SET n.id = row.id, n.createdAt = datetime()",
        "WITH n, row, properties(n) AS before",
        "SET n += row.props",
        "WITH n, row, before",
        "CALL (n, before) { WITH n, before WHERE properties(n) <> before SET n.updatedAt = datetime() }",
    ]
    for link in links:
        # Replacing a link list wholesale is faster than merging each link, above all for new nodes.
        parts.append(f"CALL (n) {{ MATCH (n)-[r:{link.type}]->(:{link.label}) DELETE r }}")
        parts.append(
            f"CALL (n, row) {{ UNWIND row.links.{link.key} AS x MATCH (t:{link.label} {{slug: x.slug}}) "
            f"CREATE (n)-[r:{link.type}]->(t) SET r = x.props }}"
        )
    parts.append("RETURN count(n) AS written")
    return "\n".join(parts)


_MERGE = {
    "Association": _merge_query("Association", ASSOCIATION_LINKS),
    "Volunteer": _merge_query("Volunteer", VOLUNTEER_LINKS),
    "Event": _merge_query("Event", EVENT_LINKS),
}


# Each label's record in the shape of the import format (before the conversions of records.py).
RECORDS = {
    "Association": (
        "n {.*, "
        "district: COLLECT { MATCH (n)-[:LOCATED_IN]->(d:District) RETURN d.slug }, "
        "fields: COLLECT { MATCH (n)-[:ACTIVE_IN]->(f:Field) RETURN f.slug ORDER BY f.slug }, "
        "targetGroups: COLLECT { MATCH (n)-[:SERVES]->(g:TargetGroup) RETURN g.slug ORDER BY g.slug }, "
        "tools: COLLECT { MATCH (n)-[r:USES]->(t:Tool) RETURN r {tool: t.slug, .proficiency, .since} "
        "ORDER BY t.slug }, "
        "considers: COLLECT { MATCH (n)-[:CONSIDERS]->(t:Tool) RETURN t.slug ORDER BY t.slug }, "
        "needs: COLLECT { MATCH (n)-[r:NEEDS]->(s:Skill) RETURN r {skill: s.slug, .minLevel, .priority} "
        "ORDER BY s.slug }}"
    ),
    "Volunteer": (
        "n {.*, "
        "district: COLLECT { MATCH (n)-[:AVAILABLE_IN]->(d:District) RETURN d.slug }, "
        "skills: COLLECT { MATCH (n)-[r:OFFERS]->(s:Skill) RETURN r {skill: s.slug, .level} ORDER BY s.slug }, "
        "tools: COLLECT { MATCH (n)-[r:KNOWS]->(t:Tool) RETURN r {tool: t.slug, .proficiency} ORDER BY t.slug }}"
    ),
    "Event": (
        "n {.*, "
        "district: COLLECT { MATCH (n)-[:LOCATED_IN]->(d:District) RETURN d.slug }, "
        "tools: COLLECT { MATCH (n)-[:ABOUT]->(t:Tool) RETURN t.slug ORDER BY t.slug }, "
        "skills: COLLECT { MATCH (n)-[:ABOUT]->(s:Skill) RETURN s.slug ORDER BY s.slug }, "
        "fields: COLLECT { MATCH (n)-[:ABOUT]->(f:Field) RETURN f.slug ORDER BY f.slug }}"
    ),
}


class TransferRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def catalogue_slugs(self) -> dict[str, set[str]]:
        # One label scan each: a label taken from a variable would scan every node of the graph (5 x 200k at 10k).
        record = await (
            await self.tx.run(
                "RETURN COLLECT { MATCH (n:Tool) RETURN n.slug } AS Tool, "
                "COLLECT { MATCH (n:Skill) RETURN n.slug } AS Skill, "
                "COLLECT { MATCH (n:District) RETURN n.slug } AS District, "
                "COLLECT { MATCH (n:Field) RETURN n.slug } AS Field, "
                "COLLECT { MATCH (n:TargetGroup) RETURN n.slug } AS TargetGroup"
            )
        ).single()
        assert record is not None  # RETURN without MATCH always yields one row
        return {label: set(slugs) for label, slugs in record.data().items()}

    async def existing_association_slugs(self, slugs: list[str]) -> set[str]:
        result = await self.tx.run(
            "UNWIND $slugs AS slug MATCH (a:Association {slug: slug}) RETURN a.slug AS slug", slugs=slugs
        )
        return {record["slug"] async for record in result}

    async def merge(self, label: str, rows: list[Row]) -> int:
        record = await (await self.tx.run(_MERGE[label], rows=rows)).single()
        return int(record["written"]) if record else 0

    async def connect(self, pairs: list[Row]) -> int:
        """Creates CONNECTED_WITH once per pair, whichever way round an earlier one was written."""
        summary = await (
            await self.tx.run(
                "UNWIND $pairs AS pair MATCH (a:Association {slug: pair.a}), (b:Association {slug: pair.b}) "
                "WHERE NOT (a)-[:CONNECTED_WITH]-(b) CREATE (a)-[:CONNECTED_WITH {since: datetime()}]->(b)",
                pairs=pairs,
            )
        ).consume()
        return summary.counters.relationships_created

    async def page(self, label: str, after: str, limit: int) -> list[Row]:
        """Records of one label in the import format's shape, in slug order, after the slug `after`."""
        return await self._page(
            f"MATCH (n:{label}) WHERE n.slug > $after WITH n ORDER BY n.slug LIMIT $limit "
            f"RETURN {RECORDS[label]} AS row",
            after,
            limit,
        )

    async def record(self, label: str, slug: str) -> Row | None:
        """One record in the import format's shape (the base for a partial update)."""
        found = await self._page(
            f"MATCH (n:{label} {{slug: $after}}) RETURN {RECORDS[label]} AS row LIMIT $limit", slug, 1
        )
        return found[0] if found else None

    async def connections(self) -> list[Row]:
        result = await self.tx.run(
            "MATCH (a:Association)-[:CONNECTED_WITH]->(b:Association) RETURN a.slug AS a, b.slug AS b ORDER BY a, b"
        )
        return [record.data() async for record in result]

    async def _page(self, query: str, after: str, limit: int) -> list[Row]:
        return [record["row"] async for record in await self.tx.run(query, after=after, limit=limit)]
