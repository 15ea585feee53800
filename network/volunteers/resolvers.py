"""Volunteer queries: thin resolvers over the volunteer service."""

import strawberry

from network.kit import typed_strawberry as typed
from network.kit.context import Context
from network.kit.limits import page_size
from network.kit.pagination import Connection, connection, decode_cursor
from network.volunteers import service
from network.volunteers.repository import VolunteerFilter
from network.volunteers.types import Volunteer, VolunteerFilterInput

Info = strawberry.Info[Context, None]


def to_filter(given: VolunteerFilterInput | None) -> VolunteerFilter:
    if given is None:
        return VolunteerFilter()
    return VolunteerFilter(**{name: value for name, value in vars(given).items() if value is not None})


@strawberry.type
class VolunteerQuery:
    @typed.field(description="One volunteer by slug; null when it does not exist or you are not signed in.")
    async def volunteer(self, info: Info, slug: str) -> Volunteer | None:
        row = await service.by_slug(info.context.db, info.context.viewer, slug)
        return Volunteer(row=row) if row else None

    @typed.field(description="Volunteers matching a filter, in slug order (signed-in users only).")
    async def volunteers(
        self, info: Info, filter: VolunteerFilterInput | None = None, first: int | None = None, after: str | None = None
    ) -> Connection[Volunteer]:
        size = page_size(first)
        page, total = await service.page(
            info.context.db, info.context.viewer, to_filter(filter), size, decode_cursor(after)
        )
        found: Connection[Volunteer] = connection(page, [Volunteer(row=row) for row in page.rows], total)
        return found
