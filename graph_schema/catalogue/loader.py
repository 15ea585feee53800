"""Loads the reference catalogue into the graph; loading again changes nothing."""

from dataclasses import dataclass

from neo4j import AsyncDriver, AsyncManagedTransaction

from graph_schema.catalogue.reference import Catalogue, read_catalogue

# (label, catalogue attribute, properties kept on the node); nodes are merged by slug.
_NODES = [
    ("ToolCategory", "tool_categories", ["labelDe", "labelEn"]),
    (
        "Tool",
        "tools",
        ["name", "category", "categories", "openSource", "license", "selfHostable", "deployment", "notes"],
    ),
    ("CompetenceArea", "competence_areas", ["code", "title"]),
    ("Competence", "competences", ["code", "title"]),
    ("Skill", "skills", ["labelDe", "labelEn"]),
    ("District", "districts", ["number", "name", "lat", "lon", "areaKm2", "population", "ringbahnPosition"]),
    ("Field", "fields", ["labelDe", "labelEn"]),
    ("TargetGroup", "target_groups", ["labelDe", "labelEn", "kind"]),
]

# Links between catalogue nodes, as (Cypher that yields pairs of slugs from $rows, start label, type, end label).
_LINKS = [
    ("UNWIND $tools AS row RETURN row.slug AS a, row.category AS b", "Tool", "IN_CATEGORY", "ToolCategory"),
    ("UNWIND $alternatives AS row RETURN row.alternative AS a, row.to AS b", "Tool", "ALTERNATIVE_TO", "Tool"),
    (
        "UNWIND $competences AS row MATCH (area:CompetenceArea {code: row.area}) RETURN row.slug AS a, area.slug AS b",
        "Competence",
        "IN_AREA",
        "CompetenceArea",
    ),
    (
        "UNWIND $skills AS row UNWIND row.competences AS code MATCH (c:Competence {code: code}) "
        "RETURN row.slug AS a, c.slug AS b",
        "Skill",
        "PART_OF",
        "Competence",
    ),
    ("UNWIND $skills AS row UNWIND row.tools AS tool RETURN row.slug AS a, tool AS b", "Skill", "RELATED_TO", "Tool"),
]


@dataclass(frozen=True)
class LoadCounts:
    nodes_created: int
    relationships_created: int
    relationships_deleted: int


async def load_catalogue(driver: AsyncDriver, database: str, catalogue: Catalogue | None = None) -> LoadCounts:
    """Merges every catalogue node by slug and makes the links between them exactly those of the data."""
    catalogue = catalogue or read_catalogue()
    async with driver.session(database=database) as session:
        return await session.execute_write(_load, catalogue)


async def _load(tx: AsyncManagedTransaction, catalogue: Catalogue) -> LoadCounts:
    created = rels_created = rels_deleted = 0
    for label, attribute, properties in _NODES:
        assignments = ", ".join(f"n.{p} = row.{p}" for p in properties)
        summary = await (
            await tx.run(
                f"UNWIND $rows AS row MERGE (n:{label} {{slug: row.slug}}) "
                f"ON CREATE SET n.id = row.id, n.createdAt = datetime() SET {assignments}",
                rows=getattr(catalogue, attribute),
            )
        ).consume()
        created += summary.counters.nodes_created
    parameters = {
        "tools": catalogue.tools,
        "alternatives": catalogue.alternatives,
        "competences": catalogue.competences,
        "skills": catalogue.skills,
    }
    for pairs_query, start, kind, end in _LINKS:
        pairs: list[list[str]] = [[r["a"], r["b"]] async for r in await tx.run(pairs_query, parameters)]
        summary = await (
            await tx.run(
                f"UNWIND $pairs AS pair MATCH (a:{start} {{slug: pair[0]}}), (b:{end} {{slug: pair[1]}}) "
                f"MERGE (a)-[:{kind}]->(b)",
                pairs=pairs,
            )
        ).consume()
        rels_created += summary.counters.relationships_created
        summary = await (
            await tx.run(
                f"MATCH (a:{start})-[r:{kind}]->(b:{end}) WHERE NOT [a.slug, b.slug] IN $pairs DELETE r",
                pairs=pairs,
            )
        ).consume()
        rels_deleted += summary.counters.relationships_deleted
    return LoadCounts(created, rels_created, rels_deleted)
