"""Reading events as a given viewer may see them."""

import datetime as dt

from network.events.repository import EventFilter, EventRepository, Row
from network.kit.convert import native_datetime
from network.kit.database import Database
from network.kit.errors import InvalidInput
from network.kit.pagination import Page
from network.kit.viewer import Viewer


async def by_slug(db: Database, viewer: Viewer, slug: str) -> Row | None:
    return await db.read(lambda tx: EventRepository(tx).by_slug(slug, viewer.visibilities()))


async def by_ids(db: Database, viewer: Viewer, ids: list[str]) -> list[Row]:
    return await db.read(lambda tx: EventRepository(tx).by_ids(ids, viewer.visibilities()))


def cursor_key(row: Row) -> str:
    starts_at = native_datetime(row["startsAt"])
    assert starts_at is not None
    return f"{starts_at.isoformat()}|{row['slug']}"


def parse_cursor_key(key: str | None) -> tuple[dt.datetime, str] | None:
    if key is None:
        return None
    when, _, slug = key.partition("|")
    try:
        return dt.datetime.fromisoformat(when), slug
    except ValueError as error:
        raise InvalidInput("not a cursor of the events list", field="after") from error


async def page(db: Database, viewer: Viewer, f: EventFilter, first: int, after: str | None) -> tuple[Page, int]:
    if f.starts_from and f.starts_until and f.starts_until < f.starts_from:
        raise InvalidInput("startsUntil must not be before startsFrom", field="filter.startsUntil")
    position = parse_cursor_key(after)
    visibilities = viewer.visibilities()

    async def work(tx):  # type: ignore[no-untyped-def]
        repository = EventRepository(tx)
        return await repository.page(f, visibilities, position, first + 1), await repository.count(f, visibilities)

    rows, total = await db.read(work)
    return Page.of(rows, first, after), total
