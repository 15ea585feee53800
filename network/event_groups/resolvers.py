"""An event's groups: batched per request, so a page of events costs one query for all their groups."""

from strawberry.dataloader import DataLoader

from network.event_groups import service
from network.event_groups.repository import GroupMember
from network.event_groups.types import EventGroup, event_groups
from network.kit.authorisation import may_read_any_event_groups
from network.kit.context import Context


async def groups_for(context: Context, event_id: str) -> list[EventGroup]:
    """Staff and the registered parties read an event's groups; anyone else gets an empty list."""
    if not may_read_any_event_groups(context.viewer):
        return []

    async def load(ids: list[str]) -> list[list[GroupMember]]:
        return await service.groups_of(context.db, context.viewer, ids)

    members = await context.loader("events.groups", lambda: DataLoader(load_fn=load)).load(event_id)
    return event_groups(members)
