"""Catalogue look-ups for the API: filtering and linking tools, skills and places."""

from network.catalogue.repository import CatalogueRepository, Row
from network.kit.database import Database


def _unwrap(rows: list[Row]) -> list[Row]:
    return [row["row"] for row in rows]


async def tools(db: Database) -> list[Row]:
    return _unwrap(await db.read(lambda tx: CatalogueRepository(tx).tools()))


def filter_tools(every: list[Row], category: str | None = None, open_source: bool | None = None) -> list[Row]:
    return [
        row
        for row in every
        if (category is None or category in row["categories"])
        and (open_source is None or row["openSource"] is open_source)
    ]


async def tool_categories(db: Database) -> list[Row]:
    return _unwrap(await db.read(lambda tx: CatalogueRepository(tx).tool_categories()))


async def all_skills(db: Database) -> list[Row]:
    return _unwrap(await db.read(lambda tx: CatalogueRepository(tx).skills()))


async def districts(db: Database) -> list[Row]:
    return _unwrap(await db.read(lambda tx: CatalogueRepository(tx).districts()))


async def fields(db: Database) -> list[Row]:
    return _unwrap(await db.read(lambda tx: CatalogueRepository(tx).fields()))


async def target_groups(db: Database) -> list[Row]:
    return _unwrap(await db.read(lambda tx: CatalogueRepository(tx).target_groups()))
