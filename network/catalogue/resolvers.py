"""Catalogue queries: thin resolvers over the request's catalogue cache."""

import strawberry

from network.catalogue import service
from network.catalogue.types import District, Field, Skill, TargetGroup, Tool, ToolCategory
from network.kit import typed_strawberry as typed
from network.kit.context import Context

Info = strawberry.Info[Context, None]


@strawberry.type
class CatalogueQuery:
    @typed.field(description="Tools, optionally of one category and only open-source (or only not).")
    async def tools(self, info: Info, category: str | None = None, open_source: bool | None = None) -> list[Tool]:
        catalogue = await info.context.cache.tools()
        chosen = service.filter_tools(sorted(catalogue.values(), key=lambda t: t["name"]), category, open_source)
        return [Tool(row=row, catalogue=catalogue) for row in chosen]

    @strawberry.field
    async def tool_categories(self, info: Info) -> list[ToolCategory]:
        return [ToolCategory(row=row) for row in await service.tool_categories(info.context.db)]

    @typed.field(description="Practical digital skills with their DigComp 2.2 competences.")
    async def skills(self, info: Info) -> list[Skill]:
        tools = await info.context.cache.tools()
        return [Skill(row=row, catalogue=tools) for row in (await info.context.cache.skills()).values()]

    @typed.field(description="Berlin's twelve districts.")
    async def districts(self, info: Info) -> list[District]:
        return [District(row=row) for row in (await info.context.cache.districts()).values()]

    @typed.field(description="Fields of engagement.")
    async def fields(self, info: Info) -> list[Field]:
        return [Field(row=row) for row in (await info.context.cache.fields()).values()]

    @typed.field(description="Target groups of outreach.")
    async def target_groups(self, info: Info) -> list[TargetGroup]:
        return [TargetGroup(row=row) for row in (await info.context.cache.target_groups()).values()]
