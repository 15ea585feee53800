"""Catalogue look-ups for the API: filtering and linking tools, skills and places."""

from network.catalogue.repository import CatalogueRepository, Row
from network.kit.database import Database


def _unwrap(rows: list[Row]) -> list[Row]:
    return [row["row"] for row in rows]


async def tools(
    db: Database, category: str | None = None, open_source: bool | None = None
) -> tuple[list[Row], dict[str, Row]]:
    """The tools that pass the filters, plus every tool by slug (to resolve alternatives without another query)."""
    every = _unwrap(await db.read(lambda tx: CatalogueRepository(tx).tools()))
    chosen = [
        row for row in every
        if (category is None or category in row["categories"])
        and (open_source is None or row["openSource"] is open_source)
    ]
    return chosen, {row["slug"]: row for row in every}


async def tool_categories(db: Database) -> list[Row]:
    return _unwrap(await db.read(lambda tx: CatalogueRepository(tx).tool_categories()))


async def skills(db: Database) -> tuple[list[Row], dict[str, Row]]:
    """Every skill, plus every tool by slug for the skills' related tools."""
    every = _unwrap(await db.read(lambda tx: CatalogueRepository(tx).skills()))
    _, tools_by_slug = await tools(db)
    return every, tools_by_slug


async def districts(db: Database) -> list[Row]:
    return _unwrap(await db.read(lambda tx: CatalogueRepository(tx).districts()))


async def fields(db: Database) -> list[Row]:
    return _unwrap(await db.read(lambda tx: CatalogueRepository(tx).fields()))


async def target_groups(db: Database) -> list[Row]:
    return _unwrap(await db.read(lambda tx: CatalogueRepository(tx).target_groups()))
