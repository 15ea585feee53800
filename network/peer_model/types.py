"""GraphQL types of the peer weights (staff only)."""

import datetime as dt

import strawberry

from network.kit import typed_strawberry as typed
from network.matching.weights import PEER_WEIGHTS, PeerWeights
from network.peer_model.models import PeerModel


@strawberry.type(description="How much one signal counts in the peer score.")
class SignalWeight:
    signal: str = strawberry.field(
        description="tools, complementarity (an EXPERT next to a learner), fields, target_groups or district."
    )
    weight: float


def _weights(weights: PeerWeights) -> list[SignalWeight]:
    return [SignalWeight(signal=name, weight=weight) for name, weight in weights.as_dict().items()]


@strawberry.type(description="The peer weights in use: their version, and what fitted them.")
class PeerWeightsInfo:
    model: strawberry.Private[PeerModel]

    @typed.field(description="1, 2, ...: a new version whenever the nightly fit gives other weights.")
    def version(self) -> int:
        return self.model.version

    @typed.field(description="What each Suggestion made with these weights stores as its algorithmVersion.")
    def algorithm_version(self) -> str:
        return self.model.algorithm_version

    @typed.field(description="Each signal's weight: the score is the sum of weight x similarity per signal.")
    def weights(self) -> list[SignalWeight]:
        return _weights(self.model.weights)

    @typed.field(description="The shipped prior the fit starts from, to compare.")
    def prior(self) -> list[SignalWeight]:
        return _weights(PEER_WEIGHTS)

    @typed.field(description="Associations the fit to the profiles used (0: too few, the prior stayed).")
    def profile_rows(self) -> int:
        return self.model.profile_rows

    @typed.field(description="Answered suggestions (accepted, declined, expired) the weights were trained on.")
    def answers(self) -> int:
        return self.model.answers

    @typed.field(description="Of those answers, the ones taken up by at least one side.")
    def accepted(self) -> int:
        return self.model.accepted

    @strawberry.field
    def created_at(self) -> dt.datetime | None:
        return self.model.created_at

    @typed.field(
        description="When the rarity counts every run scores with were last frozen (the nightly run); between two "
        "freezes a profile change moves only its own association's scores."
    )
    def statistics_frozen_at(self) -> dt.datetime | None:
        return self.model.stats_frozen_at
