"""Association queries: thin resolvers over the association service."""

import strawberry

from network.associations import service
from network.associations.repository import AssociationFilter
from network.associations.types import Association, AssociationFilterInput
from network.kit import typed_strawberry as typed
from network.kit.context import Context
from network.kit.limits import page_size
from network.kit.pagination import Connection, connection, decode_cursor

Info = strawberry.Info[Context, None]


def to_filter(given: AssociationFilterInput | None) -> AssociationFilter:
    if given is None:
        return AssociationFilter()
    return AssociationFilter(**{name: value for name, value in vars(given).items() if value is not None})


@strawberry.type
class AssociationQuery:
    @typed.field(description="One association by slug; null when it does not exist or is not visible to you.")
    async def association(self, info: Info, slug: str) -> Association | None:
        row = await service.by_slug(info.context.db, info.context.viewer, slug)
        return Association(row=row) if row else None

    @typed.field(description="Associations matching a filter, in slug order, a page at a time.")
    async def associations(
        self,
        info: Info,
        filter: AssociationFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Association]:
        size = page_size(first)
        page, total = await service.page(
            info.context.db, info.context.viewer, to_filter(filter), size, decode_cursor(after)
        )
        found: Connection[Association] = connection(page, [Association(row=row) for row in page.rows], total)
        return found
