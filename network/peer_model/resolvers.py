"""`peerWeights`: staff see which weights rank peer suggestions and how much feedback trained them."""

import strawberry

from network.kit import typed_strawberry as typed
from network.kit.context import Info
from network.peer_model import service
from network.peer_model.types import PeerWeightsInfo


@strawberry.type
class PeerWeightsQuery:
    @typed.field(
        description="The peer weights in use (staff only; null for everyone else, and before the first matching run)."
    )
    async def peer_weights(self, info: Info) -> PeerWeightsInfo | None:
        model = await service.visible_model(info.context.db, info.context.viewer)
        return PeerWeightsInfo(model=model) if model else None
