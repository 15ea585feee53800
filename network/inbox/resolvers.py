"""A suggestion by its global id, for `node(id)`."""

from network.inbox import service
from network.kit.context import Context
from network.suggestions.types import Suggestion


async def suggestion_node(context: Context, node_id: str) -> Suggestion | None:
    """The suggestion as the viewer's side sees it; None when unknown or not the viewer's to read."""
    row = await service.by_id(context.db, context.viewer, node_id)
    return Suggestion(row=row) if row else None
