"""`node(id:)`: any entity by its global id, as the viewer may see it."""

from typing import TypeVar

import strawberry

from network.associations import service as associations
from network.associations.types import Association
from network.catalogue.repository import CatalogueRow
from network.catalogue.types import District, Field, Skill, TargetGroup, Tool
from network.events import service as events
from network.events.types import Event
from network.inbox import service as inbox
from network.kit import typed_strawberry as typed
from network.kit.context import Context
from network.kit.global_id import from_global_id
from network.kit.node import Node
from network.suggestions.types import Suggestion
from network.volunteers import service as volunteers
from network.volunteers.types import Volunteer

Info = strawberry.Info[Context, None]
EntryT = TypeVar("EntryT", bound=CatalogueRow)


def _with_id(entries: dict[str, EntryT], node_id: str) -> EntryT | None:
    return next((r for r in entries.values() if r["id"] == node_id), None)


async def _catalogue(info: Info, kind: str, node_id: str) -> Node | None:
    """A catalogue entry: a Tool, Skill, District, Field or TargetGroup."""
    cache = info.context.cache
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


async def _entity(info: Info, kind: str, node_id: str) -> Node | None:
    """An association, volunteer or event; None for any other kind."""
    db, viewer = info.context.db, info.context.viewer
    if kind == "Association":
        association_rows = await associations.by_ids(db, viewer, [node_id])
        return Association(row=association_rows[0]) if association_rows else None
    if kind == "Volunteer":
        volunteer_rows = await volunteers.by_ids(db, viewer, [node_id])
        return Volunteer(row=volunteer_rows[0]) if volunteer_rows else None
    if kind == "Event":
        event_rows = await events.by_ids(db, viewer, [node_id])
        return Event(row=event_rows[0]) if event_rows else None
    return None


@strawberry.type
class NodeQuery:
    @typed.field(description="Any object by its global id; null when unknown or not visible to you.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        kind, node_id = from_global_id(id)
        if kind in ("Tool", "Skill", "District", "Field", "TargetGroup"):
            return await _catalogue(info, kind, node_id)
        if kind == "Suggestion":
            row = await inbox.by_id(info.context.db, info.context.viewer, node_id)
            return Suggestion(row=row) if row else None
        return await _entity(info, kind, node_id)
