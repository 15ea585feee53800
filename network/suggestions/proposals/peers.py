"""Peer proposals: the core's top k per association, one proposal per unordered pair."""

from typing import Any

import numpy as np

from network.matching.inputs import AssociationTable
from network.matching.peers import suggest_peers
from network.matching.weights import PEER_TOP_K
from network.suggestions import tables
from network.suggestions.models import Proposal, SuggestionKind, peer_key
from network.suggestions.proposals.reasons_json import reasons_json


def peer_proposals(assocs: AssociationTable, excluded_keys: set[str], k: int = PEER_TOP_K) -> list[Proposal]:
    """One proposal per unordered pair (the better-scored side's view when both sides found it)."""
    index = {key: i for i, key in enumerate(assocs.keys)}
    pairs = [(index[a], index[b]) for a, b in (key.split("|") for key in excluded_keys) if a in index and b in index]
    found = suggest_peers(assocs, tables.district_map(), excluded=np.array(pairs, np.int64).reshape(-1, 2), k=k)
    best: dict[str, Any] = {}  # pair key -> the better side's suggestion; reasons become JSON once, for it only
    for row in range(assocs.n):
        for s in found.for_association(row):
            key = peer_key(assocs.keys[s.association], assocs.keys[s.candidate])
            if key not in best or s.score > best[key].score:
                best[key] = s
    return [Proposal(SuggestionKind.PEER, key, assocs.keys[s.association], assocs.keys[s.candidate], s.score,
                     reasons_json(s.reasons)) for key, s in best.items()]
