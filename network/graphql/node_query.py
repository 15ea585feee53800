"""`node(id:)`: any entity by its global id, as the viewer may see it."""

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry

from network.associations import service as associations
from network.associations.types import Association
from network.catalogue.types import District, Field, Skill, TargetGroup, Tool
from network.events import service as events
from network.events.types import Event
from network.graphql.context import Context
from network.kit import typed_strawberry as typed
from network.kit.global_id import from_global_id
from network.kit.node import Node
from network.suggestions import service as suggestions
from network.suggestions.types import Suggestion
from network.volunteers import service as volunteers
from network.volunteers.types import Volunteer

Info = strawberry.Info[Context, None]


async def _catalogue(info: Info, kind: str, node_id: str) -> Any:
    cache = info.context.cache
    if kind == "Tool":
        tools = await cache.tools()
        row = next((r for r in tools.values() if r["id"] == node_id), None)
        return Tool(row=row, catalogue=tools) if row else None
    if kind == "Skill":
        row = next((r for r in (await cache.skills()).values() if r["id"] == node_id), None)
        return Skill(row=row, catalogue=await cache.tools()) if row else None
    found: dict[str, Callable[[], Awaitable[dict[str, Any]]]] = {
        "District": cache.districts,
        "Field": cache.fields,
        "TargetGroup": cache.target_groups,
    }
    make = {"District": District, "Field": Field, "TargetGroup": TargetGroup}[kind]
    row = next((r for r in (await found[kind]()).values() if r["id"] == node_id), None)
    return make(row=row) if row else None


_ENTITIES = {
    "Association": (associations.by_ids, Association),
    "Volunteer": (volunteers.by_ids, Volunteer),
    "Event": (events.by_ids, Event),
}


@strawberry.type
class NodeQuery:
    @typed.field(description="Any object by its global id; null when unknown or not visible to you.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        kind, node_id = from_global_id(id)
        if kind in ("Tool", "Skill", "District", "Field", "TargetGroup"):
            return await _catalogue(info, kind, node_id)  # type: ignore[no-any-return]
        if kind == "Suggestion":
            row = await suggestions.by_id(info.context.db, info.context.viewer, node_id)
            return Suggestion(row=row) if row else None
        if kind in _ENTITIES:
            load, make = _ENTITIES[kind]
            rows = await load(info.context.db, info.context.viewer, [node_id])
            return make(row=rows[0]) if rows else None  # type: ignore[no-any-return]
        return None
