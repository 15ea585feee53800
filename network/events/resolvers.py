"""Event queries: thin resolvers over the event service."""

import strawberry

from network.events import service
from network.events.models import EventFormat
from network.events.repository import EventFilter
from network.events.types import Event, EventFilterInput
from network.kit import typed_strawberry as typed
from network.kit.context import Context, Info
from network.kit.limits import page_size
from network.kit.pagination import Connection, connection, decode_cursor


def to_filter(given: EventFilterInput | None) -> EventFilter:
    if given is None:
        return EventFilter()
    return EventFilter(
        starts_from=given.starts_from,
        starts_until=given.starts_until,
        topics=given.topics or [],
        formats=[EventFormat(f).value for f in given.formats or []],
        include_cancelled=given.include_cancelled,
    )


async def event_node(context: Context, node_id: str) -> Event | None:
    """For `node(id)`: the event, if the viewer may see it."""
    rows = await service.by_ids(context.db, context.viewer, [node_id])
    return Event(row=rows[0]) if rows else None


@strawberry.type
class EventQuery:
    @typed.field(description="One event by slug; null when it does not exist or is not visible to you.")
    async def event(self, info: Info, slug: str) -> Event | None:
        row = await service.by_slug(info.context.db, info.context.viewer, slug)
        return Event(row=row) if row else None

    @typed.field(description="Events matching a filter, in chronological order.")
    async def events(
        self, info: Info, filter: EventFilterInput | None = None, first: int | None = None, after: str | None = None
    ) -> Connection[Event]:
        size = page_size(first)
        page, total = await service.page(
            info.context.db, info.context.viewer, to_filter(filter), size, decode_cursor(after)
        )
        found: Connection[Event] = connection(
            page, [Event(row=row) for row in page.rows], total, key=service.cursor_key
        )
        return found
