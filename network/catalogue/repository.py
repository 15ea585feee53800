"""Cypher for reading the catalogue; each method returns every row of one kind in one query."""

from typing import Any

from neo4j import AsyncManagedTransaction

Row = dict[str, Any]


class CatalogueRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def _rows(self, query: str) -> list[Row]:
        return [record.data() async for record in await self.tx.run(query)]

    async def tools(self) -> list[Row]:
        return await self._rows(
            "MATCH (t:Tool) OPTIONAL MATCH (t)-[:IN_CATEGORY]->(c:ToolCategory) "
            "RETURN t {.*, categoryLabelDe: c.labelDe, categoryLabelEn: c.labelEn, "
            "alternatives: COLLECT { MATCH (t)<-[:ALTERNATIVE_TO]-(a:Tool) RETURN a.slug ORDER BY a.slug }, "
            "replaces: COLLECT { MATCH (t)-[:ALTERNATIVE_TO]->(r:Tool) RETURN r.slug ORDER BY r.slug }} AS row "
            "ORDER BY t.name"
        )

    async def tool_categories(self) -> list[Row]:
        return await self._rows("MATCH (c:ToolCategory) RETURN c {.*} AS row ORDER BY c.slug")

    async def skills(self) -> list[Row]:
        return await self._rows(
            "MATCH (s:Skill) RETURN s {.*, "
            "competences: COLLECT { MATCH (s)-[:PART_OF]->(c:Competence)-[:IN_AREA]->(a:CompetenceArea) "
            "RETURN c {.*, areaSlug: a.slug, areaTitle: a.title} ORDER BY c.code }, "
            "tools: COLLECT { MATCH (s)-[:RELATED_TO]->(t:Tool) RETURN t.slug ORDER BY t.slug }} AS row "
            "ORDER BY s.slug"
        )

    async def districts(self) -> list[Row]:
        return await self._rows("MATCH (d:District) RETURN d {.*} AS row ORDER BY d.number")

    async def fields(self) -> list[Row]:
        return await self._rows("MATCH (f:Field) RETURN f {.*} AS row ORDER BY f.slug")

    async def target_groups(self) -> list[Row]:
        return await self._rows("MATCH (g:TargetGroup) RETURN g {.*} AS row ORDER BY g.slug")
