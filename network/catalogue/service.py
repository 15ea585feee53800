"""Catalogue look-ups for the API: filtering and linking tools, skills and places."""

from network.catalogue.repository import (
    CatalogueRepository,
    DistrictRow,
    FieldRow,
    RowRecord,
    RowT,
    SkillRow,
    TargetGroupRow,
    ToolCategoryRow,
    ToolRow,
)
from network.kit.database import Database


def _unwrap(rows: list[RowRecord[RowT]]) -> list[RowT]:
    return [row["row"] for row in rows]


async def tools(db: Database) -> list[ToolRow]:
    return _unwrap(await db.read(lambda tx: CatalogueRepository(tx).tools()))


def filter_tools(every: list[ToolRow], category: str | None = None, open_source: bool | None = None) -> list[ToolRow]:
    return [
        row
        for row in every
        if (category is None or category in row["categories"])
        and (open_source is None or row["openSource"] is open_source)
    ]


async def tool_categories(db: Database) -> list[ToolCategoryRow]:
    return _unwrap(await db.read(lambda tx: CatalogueRepository(tx).tool_categories()))


async def all_skills(db: Database) -> list[SkillRow]:
    return _unwrap(await db.read(lambda tx: CatalogueRepository(tx).skills()))


async def districts(db: Database) -> list[DistrictRow]:
    return _unwrap(await db.read(lambda tx: CatalogueRepository(tx).districts()))


async def fields(db: Database) -> list[FieldRow]:
    return _unwrap(await db.read(lambda tx: CatalogueRepository(tx).fields()))


async def target_groups(db: Database) -> list[TargetGroupRow]:
    return _unwrap(await db.read(lambda tx: CatalogueRepository(tx).target_groups()))
