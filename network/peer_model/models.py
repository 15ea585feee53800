"""A version of the peer weights and what trained it."""

import datetime as dt
from dataclasses import dataclass

from network.matching.peer_stats import PeerStats
from network.matching.weights import ALGORITHM_VERSION, PeerWeights


@dataclass(frozen=True)
class PeerModel:
    version: int  # 1, 2, ...: a new one whenever a fit gives other weights
    weights: PeerWeights
    profile_rows: int  # associations the fit to the profiles used (0: too few, the prior stayed)
    answers: int  # answered suggestions (accepted, declined, expired) the weights were trained on
    accepted: int
    created_at: dt.datetime | None = None
    # the collection statistics every run scores with until the next nightly run freezes new ones (peer_stats.py);
    # None on a version made before statistics were frozen: the next run freezes them
    stats: PeerStats | None = None
    stats_frozen_at: dt.datetime | None = None

    @property
    def algorithm_version(self) -> str:
        """What every Suggestion made with these weights stores: the core's version and the weights' version."""
        return f"{ALGORITHM_VERSION}+w{self.version}"
