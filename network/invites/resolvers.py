"""An event's invite suggestions: batched per request, so a page of events costs one query for all their invites."""

from strawberry.dataloader import DataLoader

from network.invites import service
from network.kit.authorisation import invite_readers
from network.kit.context import Context
from network.kit.limits import page_size
from network.suggestions.repository import SuggestionRow
from network.suggestions.types import Suggestion

DEFAULT_FIRST = 50


async def invites_of(context: Context, event_id: str, first: int | None) -> list[Suggestion]:
    """Staff read every invite; a party reads only its own (to answer it); anyone else gets an empty list."""
    size = page_size(first, DEFAULT_FIRST)
    parties = invite_readers(context.viewer)
    if parties == []:
        return []

    async def load(ids: list[str]) -> list[list[SuggestionRow]]:
        return await service.for_events(context.db, ids, parties, size)

    loader = context.loader(f"events.invites:{size}", lambda: DataLoader(load_fn=load))
    return [Suggestion(row=row) for row in await loader.load(event_id)]
