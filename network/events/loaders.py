"""Batch loader of what `Event` shows beside its own row: one query per request for a whole list of events."""

from strawberry.dataloader import DataLoader

from network.events import service
from network.events.repository import RegisteredParty
from network.kit.context import Context


async def your_registrations(context: Context, event_id: str) -> list[RegisteredParty]:
    async def load(ids: list[str]) -> list[list[RegisteredParty]]:
        return await service.your_registrations(context.db, context.viewer, ids)

    return await context.loader("event.yourRegistrations", lambda: DataLoader(load_fn=load)).load(event_id)
