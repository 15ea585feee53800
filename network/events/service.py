"""Reading events as a given viewer may see them."""

import datetime as dt
import re

from neo4j import AsyncManagedTransaction

from network.events.repository import EventFilter, EventProfile, EventRepository, RegisteredParty
from network.kit.authorisation import Viewer, registrations_named
from network.kit.convert import native_datetime
from network.kit.database import Database
from network.kit.errors import InvalidInput
from network.kit.pagination import Page

_MILLIS = re.compile(r"-?[0-9]{1,15}")


async def by_slug(db: Database, viewer: Viewer, slug: str) -> EventProfile | None:
    return await db.read(lambda tx: EventRepository(tx).by_slug(slug, viewer.visibilities()))


async def by_ids(db: Database, viewer: Viewer, ids: list[str]) -> list[EventProfile]:
    return await db.read(lambda tx: EventRepository(tx).by_ids(ids, viewer.visibilities()))


async def your_registrations(db: Database, viewer: Viewer, event_ids: list[str]) -> list[list[RegisteredParty]]:
    """Per event, in the order asked: the parties the viewer acts for that are registered for it."""
    parties = registrations_named(viewer)
    if not parties:
        return [[] for _ in event_ids]
    found = await db.read(lambda tx: EventRepository(tx).registered_among(event_ids, parties))
    return [found.get(event_id, []) for event_id in event_ids]


def cursor_key(row: EventProfile) -> str:
    starts_at = native_datetime(row["startsAt"])
    assert starts_at is not None
    return f"{int(starts_at.timestamp() * 1000)}|{row['slug']}"


def parse_cursor_key(key: str | None) -> tuple[int, str] | None:
    """The (epoch milliseconds, slug) an events cursor holds; anything else is not a cursor of this list."""
    if key is None:
        return None
    millis, _, slug = key.partition("|")
    # at most 15 digits: any moment of the years -29000 to 33000, and always within the database's 64-bit integers
    if not _MILLIS.fullmatch(millis) or not slug:
        raise InvalidInput("not a cursor of the events list", field="after")
    return int(millis), slug


def _require_offset(moment: dt.datetime | None, field: str) -> None:
    if moment is not None and moment.utcoffset() is None:
        raise InvalidInput("needs a UTC offset or Z, for example 2026-12-10T18:00:00+01:00", field=field)


async def page(
    db: Database, viewer: Viewer, f: EventFilter, first: int, after: str | None
) -> tuple[Page[EventProfile], int]:
    _require_offset(f.starts_from, "filter.startsFrom")
    _require_offset(f.starts_until, "filter.startsUntil")
    if f.starts_from and f.starts_until and f.starts_until < f.starts_from:
        raise InvalidInput("startsUntil must not be before startsFrom", field="filter.startsUntil")
    position = parse_cursor_key(after)
    visibilities = viewer.visibilities()

    async def work(tx: AsyncManagedTransaction) -> tuple[list[EventProfile], int]:
        repository = EventRepository(tx)
        return await repository.page(f, visibilities, position, first + 1), await repository.count(f, visibilities)

    rows, total = await db.read(work)
    return Page.of(rows, first, after), total
