"""Volunteer queries: thin resolvers over the volunteer service."""

import strawberry
from strawberry.dataloader import DataLoader

from network.kit import typed_strawberry as typed
from network.kit.context import Context, Info
from network.kit.limits import page_size
from network.kit.pagination import Connection, connection, decode_cursor
from network.volunteers import service
from network.volunteers.repository import VolunteerFilter, VolunteerProfile
from network.volunteers.types import Volunteer, VolunteerFilterInput


def to_filter(given: VolunteerFilterInput | None) -> VolunteerFilter:
    if given is None:
        return VolunteerFilter()
    return VolunteerFilter(**{name: value for name, value in vars(given).items() if value is not None})


async def volunteer_node(context: Context, node_id: str) -> Volunteer | None:
    """For `node(id)`: the volunteer profile, if the viewer may see it."""
    rows = await service.by_ids(context.db, context.viewer, [node_id])
    return Volunteer(row=rows[0]) if rows else None


async def skill_offerers(context: Context, slug: str, first: int) -> list[Volunteer]:
    """`Skill.offeredBy`, a back-link of the catalogue: batched per request, one query for a list of skills."""

    async def load(slugs: list[str]) -> list[list[VolunteerProfile]]:
        return await service.offering_skills(context.db, context.viewer, slugs, first)

    rows = await context.loader(f"skill.offeredBy:{first}", lambda: DataLoader(load_fn=load)).load(slug)
    return [Volunteer(row=row) for row in rows]


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
