"""Association queries: thin resolvers over the association service."""

import strawberry
from strawberry.dataloader import DataLoader

from network.associations import service
from network.associations.repository import AssociationFilter, AssociationProfile
from network.associations.types import Association, AssociationFilterInput
from network.kit import typed_strawberry as typed
from network.kit.context import Context, Info
from network.kit.limits import page_size
from network.kit.pagination import Connection, Page, connection, decode_cursor
from network.kit.selection import below, connection_nodes, selected

OTHER_TYPES = ("Volunteer",)  # a fragment on these in a selection of associations reads nothing of them


def to_filter(given: AssociationFilterInput | None) -> AssociationFilter:
    if given is None:
        return AssociationFilter()
    return AssociationFilter(**{name: value for name, value in vars(given).items() if value is not None})


async def association_node(context: Context, node_id: str) -> Association | None:
    """For `node(id)`: the association, if the viewer may see it."""
    rows = await service.by_ids(context.db, context.viewer, [node_id])
    return Association(row=rows[0]) if rows else None


# Back-links of the catalogue (`Tool.usedBy`, `Tool.usageCount`, `Skill.neededBy`): batched per request, so a
# list of tools or skills costs one query per field.


async def tool_users(context: Context, slug: str, first: int, after: str | None) -> Connection[Association]:
    async def load(slugs: list[str]) -> list[tuple[Page[AssociationProfile], int]]:
        return await service.using_tools(context.db, context.viewer, slugs, first, after)

    loader = context.loader(f"tool.usedBy:{first}:{after}", lambda: DataLoader(load_fn=load))
    page, total = await loader.load(slug)
    found: Connection[Association] = connection(page, [Association(row=row) for row in page.rows], total)
    return found


async def tool_usage_count(context: Context, slug: str) -> int:
    async def load(slugs: list[str]) -> list[int]:
        return await service.usage_counts(context.db, context.viewer, slugs)

    return await context.loader("tool.usageCount", lambda: DataLoader(load_fn=load)).load(slug)


async def skill_needers(context: Context, slug: str, first: int) -> list[Association]:
    async def load(slugs: list[str]) -> list[list[AssociationProfile]]:
        return await service.needing_skills(context.db, context.viewer, slugs, first)

    rows = await context.loader(f"skill.neededBy:{first}", lambda: DataLoader(load_fn=load)).load(slug)
    return [Association(row=row) for row in rows]


@strawberry.type
class AssociationQuery:
    @typed.field(description="One association by slug; null when it does not exist or is not visible to you.")
    async def association(self, info: Info, slug: str) -> Association | None:
        shown = selected(below(info), not_on=OTHER_TYPES)
        row = await service.by_slug(info.context.db, info.context.viewer, slug, shown)
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
        selections = below(info)
        page, total = await service.page(
            info.context.db,
            info.context.viewer,
            to_filter(filter),
            size,
            decode_cursor(after),
            shown=connection_nodes(selections, not_on=OTHER_TYPES),
            counted="totalCount" in selected(selections),
        )
        found: Connection[Association] = connection(page, [Association(row=row) for row in page.rows], total)
        return found
