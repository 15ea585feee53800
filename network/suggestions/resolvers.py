"""Suggestion lists of a party: batched per request, so a page of associations costs one query per list."""

from strawberry.dataloader import DataLoader

from network.kit.authorisation import may_read_suggestions_of
from network.kit.context import Context
from network.kit.limits import page_size
from network.suggestions import service
from network.suggestions.repository import SuggestionRow
from network.suggestions.types import Suggestion

DEFAULT_FIRST = 10


def _loader(context: Context, which: str, first: int) -> DataLoader[str, list[SuggestionRow]]:
    async def load(ids: list[str]) -> list[list[SuggestionRow]]:
        return await service.for_parties(context.db, which, ids, first)

    return context.loader(f"suggestions.{which}:{first}", lambda: DataLoader(load_fn=load))


async def suggestions_of(context: Context, which: str, party_id: str, first: int | None) -> list[Suggestion]:
    """`which`: peer, mentor or mentee. Empty for anyone but the party itself and staff."""
    size = page_size(first, DEFAULT_FIRST)
    if not may_read_suggestions_of(context.viewer, party_id):
        return []
    rows = await _loader(context, which, size).load(party_id)
    return [Suggestion(row=row) for row in rows]
