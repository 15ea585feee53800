"""The `search` query."""

import strawberry

from network.graphql.context import Context
from network.graphql.party import Party, party
from network.kit import typed_strawberry as typed
from network.kit.limits import page_size
from network.search import service

Info = strawberry.Info[Context, None]


@strawberry.type(description="A search result with its relevance score (higher is better).")
class SearchHit:
    score: float
    party: Party


@strawberry.type
class SearchQuery:
    @typed.field(
        description="Associations and volunteers whose name, description or bio match, best first. "
        "Volunteers are found by signed-in users only."
    )
    async def search(self, info: Info, text: str, first: int | None = None) -> list[SearchHit]:
        rows = await service.parties(info.context.db, info.context.viewer, text, page_size(first, default=10))
        return [SearchHit(score=row["score"], party=party(row["kind"], row["row"])) for row in rows]
