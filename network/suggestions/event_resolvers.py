"""An event's invite suggestions and groups: batched per request, so a page of events costs one query per list."""

from typing import Any

from strawberry.dataloader import DataLoader

from network.graphql.context import Context
from network.kit.limits import page_size
from network.suggestions import groups, invites
from network.suggestions.event_group_types import EventGroup, event_groups
from network.suggestions.types import Suggestion

Row = dict[str, Any]
DEFAULT_FIRST = 50


async def invites_of(context: Context, event_id: str, first: int | None) -> list[Suggestion]:
    """Staff read every invite; a party reads only its own (to answer it); anyone else gets an empty list."""
    size = page_size(first, DEFAULT_FIRST)
    viewer = context.viewer
    if not (viewer.is_staff or viewer.acts_for):
        return []
    parties = None if viewer.is_staff else sorted(viewer.acts_for)

    async def load(ids: list[str]) -> list[list[Row]]:
        return await invites.for_events(context.db, ids, parties, size)

    loader = context.loader(f"events.invites:{size}", lambda: DataLoader(load_fn=load))
    return [Suggestion(row=row) for row in await loader.load(event_id)]


async def groups_for(context: Context, event_id: str) -> list[EventGroup]:
    """Staff and the registered parties read an event's groups; anyone else gets an empty list."""
    if not (context.viewer.is_staff or context.viewer.acts_for):
        return []

    async def load(ids: list[str]) -> list[Row]:
        return await groups.groups_of(context.db, ids)

    found = await context.loader("events.groups", lambda: DataLoader(load_fn=load)).load(event_id)
    if not groups.may_read(context.viewer, found["registered"]):
        return []
    return event_groups(found["members"])
