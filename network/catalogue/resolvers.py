"""Catalogue queries: thin resolvers over the request's catalogue cache."""

from typing import TypeVar

import strawberry

from network.catalogue import service
from network.catalogue.repository import CatalogueRow
from network.catalogue.types import District, Field, Skill, TargetGroup, Tool, ToolCategory
from network.kit import typed_strawberry as typed
from network.kit.context import Context, Info
from network.kit.node import Node

EntryT = TypeVar("EntryT", bound=CatalogueRow)
KINDS = ("Tool", "Skill", "District", "Field", "TargetGroup")


def _with_id(entries: dict[str, EntryT], node_id: str) -> EntryT | None:
    return next((r for r in entries.values() if r["id"] == node_id), None)


async def catalogue_node(context: Context, kind: str, node_id: str) -> Node | None:
    """For `node(id)`: a catalogue entry of one of `KINDS` by its id."""
    cache = context.cache
    if kind == "Tool":
        tools = await cache.tools()
        tool = _with_id(tools, node_id)
        return Tool(row=tool, catalogue=tools) if tool else None
    if kind == "Skill":
        skill = _with_id(await cache.skills(), node_id)
        return Skill(row=skill, catalogue=await cache.tools()) if skill else None
    if kind == "District":
        district = _with_id(await cache.districts(), node_id)
        return District(row=district) if district else None
    if kind == "Field":
        field = _with_id(await cache.fields(), node_id)
        return Field(row=field) if field else None
    target_group = _with_id(await cache.target_groups(), node_id)
    return TargetGroup(row=target_group) if target_group else None


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
