"""Cypher for reading the catalogue; each method returns every row of one kind in one query."""

from typing import Any, Generic, NotRequired, TypedDict, TypeVar, cast

from neo4j import AsyncManagedTransaction
from neo4j.time import DateTime


class CatalogueRow(TypedDict):
    """What every catalogue node has (`graph_schema.catalogue.loader`)."""

    id: str
    slug: str
    createdAt: DateTime


class LabelledRow(CatalogueRow):
    labelDe: str
    labelEn: str


class ToolCategoryRow(LabelledRow):
    """`c {.*}` of a ToolCategory."""


class ToolRow(CatalogueRow):
    """A Tool's properties (`.*` leaves out those set to null), its category's labels and its alternatives."""

    name: str
    category: str  # the slug of its main category
    categories: list[str]
    openSource: NotRequired[bool]
    license: NotRequired[str]
    selfHostable: NotRequired[bool]
    deployment: list[str]
    notes: NotRequired[str]
    categoryLabelDe: str | None  # null when the tool has no IN_CATEGORY link (an OPTIONAL MATCH)
    categoryLabelEn: str | None
    alternatives: list[str]  # slugs of the open-source tools that can replace this one
    replaces: list[str]  # slugs of the tools this one can replace


class CompetenceRow(CatalogueRow):
    code: str
    title: str
    areaSlug: str
    areaTitle: str


class SkillRow(LabelledRow):
    competences: list[CompetenceRow]
    tools: list[str]  # slugs


class DistrictRow(CatalogueRow):
    number: str
    name: str
    lat: float
    lon: float
    areaKm2: float
    population: int
    ringbahnPosition: str


class FieldRow(LabelledRow):
    """`f {.*}` of a Field."""


class TargetGroupRow(LabelledRow):
    kind: str  # 'person' or 'organisation'


RowT = TypeVar("RowT", bound=CatalogueRow)


class RowRecord(TypedDict, Generic[RowT]):
    """A record of a catalogue query: one column, `row`."""

    row: RowT


class CatalogueRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def _rows(self, query: str) -> list[dict[str, Any]]:
        return [record.data() async for record in await self.tx.run(query)]

    async def tools(self) -> list[RowRecord[ToolRow]]:
        rows = await self._rows(
            "MATCH (t:Tool) OPTIONAL MATCH (t)-[:IN_CATEGORY]->(c:ToolCategory) "
            "RETURN t {.*, categoryLabelDe: c.labelDe, categoryLabelEn: c.labelEn, "
            "alternatives: COLLECT { MATCH (t)<-[:ALTERNATIVE_TO]-(a:Tool) RETURN a.slug ORDER BY a.slug }, "
            "replaces: COLLECT { MATCH (t)-[:ALTERNATIVE_TO]->(r:Tool) RETURN r.slug ORDER BY r.slug }} AS row "
            "ORDER BY t.name"
        )
        return cast(list[RowRecord[ToolRow]], rows)

    async def tool_categories(self) -> list[RowRecord[ToolCategoryRow]]:
        rows = await self._rows("MATCH (c:ToolCategory) RETURN c {.*} AS row ORDER BY c.slug")
        return cast(list[RowRecord[ToolCategoryRow]], rows)

    async def skills(self) -> list[RowRecord[SkillRow]]:
        rows = await self._rows(
            "MATCH (s:Skill) RETURN s {.*, "
            "competences: COLLECT { MATCH (s)-[:PART_OF]->(c:Competence)-[:IN_AREA]->(a:CompetenceArea) "
            "RETURN c {.*, areaSlug: a.slug, areaTitle: a.title} ORDER BY c.code }, "
            "tools: COLLECT { MATCH (s)-[:RELATED_TO]->(t:Tool) RETURN t.slug ORDER BY t.slug }} AS row "
            "ORDER BY s.slug"
        )
        return cast(list[RowRecord[SkillRow]], rows)

    async def districts(self) -> list[RowRecord[DistrictRow]]:
        rows = await self._rows("MATCH (d:District) RETURN d {.*} AS row ORDER BY d.number")
        return cast(list[RowRecord[DistrictRow]], rows)

    async def fields(self) -> list[RowRecord[FieldRow]]:
        rows = await self._rows("MATCH (f:Field) RETURN f {.*} AS row ORDER BY f.slug")
        return cast(list[RowRecord[FieldRow]], rows)

    async def target_groups(self) -> list[RowRecord[TargetGroupRow]]:
        rows = await self._rows("MATCH (g:TargetGroup) RETURN g {.*} AS row ORDER BY g.slug")
        return cast(list[RowRecord[TargetGroupRow]], rows)
