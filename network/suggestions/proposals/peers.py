"""Peer proposals: the core's top k per association, one proposal per unordered pair."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from network.matching.inputs import AssociationTable
from network.matching.peer_features import UNIT
from network.matching.peer_reasons import WEIGHT_UNIT
from network.matching.peer_stats import PeerStats
from network.matching.peers import PeerSuggestions, suggest_peers
from network.matching.topk import lexsort_ints
from network.matching.weights import PEER_TOP_K, PeerWeights
from network.suggestions import tables
from network.suggestions.models import Proposal, SuggestionKind
from network.suggestions.proposals.reasons_json import joined_lists, weighted_reason_texts

JSON_BLOCK = 1 << 17  # proposals whose reasons are written as one joined string (~60 MB of JSON)


def peer_proposals(
    assocs: AssociationTable,
    excluded_keys: set[str],
    weights: PeerWeights,
    k: int = PEER_TOP_K,
    stats: PeerStats | None = None,
) -> list[Proposal]:
    """One proposal per unordered pair: the better-scored side's view when both sides found it (on a tie the lower
    row's), in the order the pairs first appear walking the rows. Reasons are built for the kept side only."""
    index = {key: i for i, key in enumerate(assocs.keys)}
    pairs = [(index[a], index[b]) for a, b in (key.split("|") for key in excluded_keys) if a in index and b in index]
    found = suggest_peers(
        assocs,
        tables.district_map(),
        excluded=np.array(pairs, np.int64).reshape(-1, 2),
        k=k,
        weights=weights,
        stats=stats,
    )
    rows, cands, points = found.pairs()
    kept = better_sides(rows, cands, points)
    return proposals_of(found, rows[kept], cands[kept], points[kept])


def proposals_of(found: PeerSuggestions, rows: np.ndarray, cands: np.ndarray, points: np.ndarray) -> list[Proposal]:
    """The proposal of each suggested pair (rows[i], cands[i]) with `points`, as that side sees it, with reasons."""
    reasons = []
    for start in range(0, len(rows), JSON_BLOCK):
        block = slice(start, start + JSON_BLOCK)
        pair, reason, weight = found.reason_entries(rows[block], cands[block])
        texts = weighted_reason_texts(found.reason_columns.reasons, reason, weight, WEIGHT_UNIT)
        reasons += joined_lists(texts, pair, len(rows[block]))
    keys = np.array(found.table.keys, object)
    party_first = keys[rows] < keys[cands]  # peer_key's order
    low, high = np.where(party_first, rows, cands), np.where(party_first, cands, rows)
    pair_keys = (keys[low] + "|" + keys[high]).tolist()
    fields = zip(
        pair_keys, keys[rows].tolist(), keys[cands].tolist(), (points / UNIT).round(4).tolist(), reasons, strict=True
    )
    with _no_garbage_collection():
        return [Proposal(SuggestionKind.PEER, *values) for values in fields]


@contextmanager
def _no_garbage_collection() -> Iterator[None]:
    # Two million new objects (a Proposal and its __dict__ each) set off full collections that find no cycles to
    # free; they doubled the build time at 100k associations.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def better_sides(rows: np.ndarray, cands: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Index of one suggestion per unordered pair, in the order the pairs first appear: the higher score, on a tie
    the lower row (the side a walk over the rows meets first)."""
    if len(rows) == 0:
        return np.zeros(0, np.int64)
    low, high = np.minimum(rows, cands), np.maximum(rows, cands)
    order = lexsort_ints((rows != low, points.max(initial=0) - points, high, low))
    starts = np.flatnonzero(np.r_[True, (low[order][1:] != low[order][:-1]) | (high[order][1:] != high[order][:-1])])
    first_seen = np.minimum.reduceat(order, starts)
    return order[starts][np.argsort(first_seen)]
