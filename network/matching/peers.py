"""Peer suggestions (association <-> association): normalised similarities of tools, complementarity (an EXPERT
next to a learner), fields, target groups and districts, weighted per deployment; top k per association, with
reasons.

How it scales. The score is a bilinear form (peer_features.py) with about 410 dense columns. All pairs of 100k
associations are 10^10 scores, more than 2 cores do in a minute (and WhatsApp, used by 57%, makes even the sparse
tool product X @ X.T dense). So above EXHAUSTIVE_UP_TO associations candidates are bounded by *anchors*: each
association's `anchors` rarest tools (used, considered or reported on; fields and target groups fill up when it has
fewer tools), and its candidates are everyone sharing one of them. Rows with the same anchor form a block scored
with one dense float32 product (BLAS; exact, see peer_features) against the anchor's users, in chunks of at most
`block_cells` scores, then reduced to the top k with np.partition over an int16 copy of the scores (exact, see topk.py).
With `anchors=None` every row is scored against every row (exact, O(n^2)); the benchmark measures how much of the
exact top-k score the anchored search keeps. Proposals read the suggestions flat
(`pairs`, `reason_entries`); `for_association` builds Reason lists per row.

The first pass finds each row's SUPPORT_POOL best candidates by their own score; then each gets its neighbourhood
support (peer_support.py) and the k best by the sum are kept: `points` is that sum, `support` its second part.

Never suggested: the association itself, pairs in `excluded` (existing connections and pairs either side declined;
pairs are unordered), and pairs with score 0. Ties: higher score first, then lower row id.
"""

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from network.matching.districts import DistrictMap
from network.matching.inputs import AssociationTable
from network.matching.peer_features import UNIT, PeerFeatures, anchors_of, candidate_side, peer_features, scores
from network.matching.peer_reasons import ReasonColumns, pair_reasons, reason_columns, reason_entries
from network.matching.peer_stats import PeerStats
from network.matching.peer_support import SUPPORT_PEERS, SUPPORT_POOL, neighbour_support
from network.matching.reasons import Reason
from network.matching.topk import first_per_group, lexsort_ints, top_k_per_row
from network.matching.weights import PEER_TOP_K, PEER_WEIGHTS, PeerWeights

DEFAULT_ANCHORS = 2
AUTO = "auto"  # all pairs (exact) up to EXHAUSTIVE_UP_TO associations, DEFAULT_ANCHORS above
EXHAUSTIVE_UP_TO = 10_000
REASON_BLOCK = 512  # rows whose reasons are computed together
BLOCK_CELLS = 1 << 23  # scores per chunk: 8M float32 = 32 MB, plus the candidates' feature gather
# Threads that score anchor blocks side by side (each with one BLAS thread: the caller limits BLAS). At 100k
# associations two threads on two cores take 14 s where one takes 22-26 s; the result is the same.
SCORING_THREADS = max(1, min(4, os.cpu_count() or 1))


class PeerSuggestion(NamedTuple):  # a tuple: cheap to build for every suggestion of a large table
    association: int
    candidate: int
    score: float
    reasons: list[Reason]


@dataclass(frozen=True)
class PeerSuggestions:
    table: AssociationTable
    features: PeerFeatures
    districts: DistrictMap
    weights: PeerWeights
    candidates: npt.NDArray[np.int32]  # [n, k]: candidate rows, best first, -1 where fewer than k
    points: npt.NDArray[np.int64]  # [n, k]: scores in units of 1/UNIT, the support included
    support: npt.NDArray[np.int64]  # [n, k]: the neighbourhood support part of each score (peer_support.py)
    _block: list[tuple[int, list[list[PeerSuggestion]]]] = field(
        default_factory=lambda: [(-1, [])], repr=False, compare=False
    )

    def for_association(self, row: int) -> list[PeerSuggestion]:
        """The row's suggestions with reasons; reasons are computed for REASON_BLOCK rows at a time (the block of
        the last call is kept), so walking the rows in order costs one vectorised pass per block."""
        block = row // REASON_BLOCK
        index, suggestions = self._block[0]  # one (index, lists) tuple, read and replaced whole
        if index != block:
            suggestions = self._suggestions(
                np.arange(block * REASON_BLOCK, min(self.table.n, (block + 1) * REASON_BLOCK))
            )
            self._block[0] = (block, suggestions)
        return suggestions[row - block * REASON_BLOCK]

    def pairs(self, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, candidate, points) of every suggestion of `rows` (default: all), by row, best first."""
        rows = np.arange(self.table.n) if rows is None else rows
        kept = self.candidates[rows] >= 0
        pair_rows = np.broadcast_to(rows[:, None], kept.shape)[kept]
        return pair_rows, self.candidates[rows][kept], self.points[rows][kept]

    def reason_entries(self, rows: np.ndarray, cands: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(pair, reason, units) of every reason of the suggested pairs (rows[i], cands[i]), by pair, then in
        published order; `reason_columns.reasons[reason]` names it, `units` (of 1/UNIT) is its share of the pair's
        score."""
        return reason_entries(self.reason_columns, self.features, rows, cands, self.support_of(rows, cands))

    def support_of(self, rows: np.ndarray, cands: np.ndarray) -> npt.NDArray[np.int64]:
        """The support part of the score of each suggested pair (rows[i], cands[i])."""
        slot = np.argmax(self.candidates[rows] == np.asarray(cands)[:, None], axis=1)
        found: npt.NDArray[np.int64] = self.support[rows, slot]
        return found

    def _suggestions(self, rows: np.ndarray) -> list[list[PeerSuggestion]]:
        kept = self.candidates[rows] >= 0
        pair_rows, cands, points = self.pairs(rows)
        reasons = pair_reasons(self.reason_columns, self.features, pair_rows, cands, self.support_of(pair_rows, cands))
        flat = [
            PeerSuggestion(r, c, p / UNIT, why)
            for r, c, p, why in zip(pair_rows.tolist(), cands.tolist(), points.tolist(), reasons, strict=True)
        ]
        bounds = np.concatenate([[0], np.cumsum(kept.sum(axis=1))]).tolist()
        return [flat[bounds[i] : bounds[i + 1]] for i in range(len(rows))]

    @cached_property
    def reason_columns(self) -> ReasonColumns:
        return reason_columns(self.table, self.features)

    def __iter__(self) -> Iterator[PeerSuggestion]:
        for row in range(self.table.n):
            yield from self.for_association(row)


def suggest_peers(
    table: AssociationTable,
    districts: DistrictMap,
    *,
    excluded: np.ndarray | None = None,
    k: int = PEER_TOP_K,
    anchors: int | str | None = AUTO,
    rows: np.ndarray | None = None,
    weights: PeerWeights = PEER_WEIGHTS,
    block_cells: int = BLOCK_CELLS,
    support_peers: int = SUPPORT_PEERS,
    threads: int = SCORING_THREADS,
    stats: PeerStats | None = None,
) -> PeerSuggestions:
    """Top-k peers for `rows` (default: all); other rows stay empty. `excluded`: int pairs [p, 2] of row ids.
    `support_peers` 0 ranks by the pairs' own scores alone; `threads` score the blocks (any number gives the same
    result); `stats`: frozen collection statistics (peer_stats.py), by default the table's own, which also decide
    AUTO anchors."""
    features = peer_features(table, districts, weights, stats)
    mode = anchors_for(stats.associations if stats is not None else table.n) if anchors == AUTO else anchors
    rows = np.arange(table.n) if rows is None else np.unique(np.asarray(rows, dtype=np.int64))
    pool = pool_size(k, support_peers)
    candidates, points = np.full((table.n, pool), -1, np.int32), np.zeros((table.n, pool), np.int64)
    blocked = exclusion_matrix(table.n, excluded)
    r, c, p = first_pass(features, blocked, rows, None if mode is None else int(mode), pool, block_cells, threads)
    slot = np.arange(len(r)) - np.searchsorted(r, r, side="left")
    candidates[r, slot] = c
    points[r, slot] = p
    support = np.zeros((table.n, pool), np.int64)
    if support_peers > 0:
        support = neighbour_support(features, candidates, support_peers)
        candidates, points, support = by_total(candidates, points + support, support, k)
    return PeerSuggestions(
        table=table,
        features=features,
        districts=districts,
        weights=weights,
        candidates=candidates,
        points=points,
        support=support,
    )


def anchors_for(n: int) -> int | None:
    """The AUTO choice for a table of n associations: all pairs up to EXHAUSTIVE_UP_TO, anchors above."""
    return None if n <= EXHAUSTIVE_UP_TO else DEFAULT_ANCHORS


def pool_size(k: int, support_peers: int) -> int:
    """Candidates per row that the first pass keeps: those the support may reorder."""
    return max(k, SUPPORT_POOL) if support_peers > 0 else k


def first_pass(
    features: PeerFeatures,
    blocked: sp.csr_array,
    rows: np.ndarray,
    anchors: int | None,
    pool: int,
    block_cells: int = BLOCK_CELLS,
    threads: int = SCORING_THREADS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, candidate, points) of the `pool` best candidates of each of `rows` by their own score: by row, best
    first. `blocked` needs the rows of `rows` only."""
    found_rows, found_cands, found_points = [], [], []

    def scored(block: tuple[np.ndarray, np.ndarray]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        return list(_score_block(features, blocked, *block, pool, block_cells))

    # block products and partitions release the GIL, so threads use every core; _merge orders what they find
    with ThreadPoolExecutor(threads) as executor:
        for found in executor.map(scored, _blocks(features, rows, anchors)):
            for r, c, p in found:
                found_rows.append(r)
                found_cands.append(c)
                found_points.append(p)
    if not found_rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int32), np.zeros(0, np.int64)
    return _merge(np.concatenate(found_rows), np.concatenate(found_cands), np.concatenate(found_points), pool)


def by_total(
    candidates: np.ndarray, points: np.ndarray, support: np.ndarray, k: int
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Each row's k best of its pool by `points`, higher first, then lower candidate row; empty slots last."""
    n, pool = candidates.shape
    key = np.where(candidates >= 0, points, -1)
    better = (key.max(initial=0) - key).ravel() + 1  # empty slots (-1) last
    rows = np.repeat(np.arange(n), pool)
    order = lexsort_ints((np.where(candidates >= 0, candidates, n).ravel(), better, rows))
    order = order.reshape(n, pool)[:, :k] - (np.arange(n) * pool)[:, None]
    return (
        np.take_along_axis(candidates, order, axis=1),
        np.take_along_axis(np.where(candidates >= 0, points, 0), order, axis=1),
        np.take_along_axis(support, order, axis=1),
    )


def exclusion_matrix(n: int, excluded: np.ndarray | None) -> sp.csr_array:
    """Symmetric bool [n, n]: the diagonal (never oneself) and both directions of every excluded pair."""
    pairs = np.zeros((0, 2), np.int64) if excluded is None else np.asarray(excluded, np.int64).reshape(-1, 2)
    if len(pairs) and (pairs.min() < 0 or pairs.max() >= n):
        raise ValueError("excluded pairs must be row ids of the table")
    diagonal = np.arange(n)
    a = np.concatenate([diagonal, pairs[:, 0], pairs[:, 1]])
    b = np.concatenate([diagonal, pairs[:, 1], pairs[:, 0]])
    matrix = sp.csr_array((np.ones(len(a), bool), (a, b)), shape=(n, n))
    matrix.sum_duplicates()
    return matrix


def _blocks(
    features: PeerFeatures, rows: np.ndarray, anchors: int | str | None
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(query rows, candidate rows) per anchor key, both ascending; one all-pairs block when anchors is None."""
    if anchors is None:
        yield rows, np.arange(features.keys.shape[0])
        return
    query, key = anchors_of(features, rows, int(anchors))
    order = np.lexsort((query, key))
    query, key = query[order], key[order]
    bounds = np.flatnonzero(np.diff(key)) + 1
    keys_csc = sp.csc_array(features.keys)
    for start, stop in zip(np.r_[0, bounds], np.r_[bounds, len(key)], strict=True):
        if stop > start:
            column = int(key[start])
            cands = keys_csc.indices[keys_csc.indptr[column] : keys_csc.indptr[column + 1]]
            yield query[start:stop], np.sort(cands)


def _score_block(
    features: PeerFeatures, blocked: sp.csr_array, queries: np.ndarray, cands: np.ndarray, k: int, block_cells: int
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    right_t = candidate_side(features, cands)
    step = max(1, block_cells // max(1, len(cands)))
    for start in range(0, len(queries), step):
        chunk = queries[start : start + step]
        found = scores(features, chunk, right_t)  # whole numbers in float32, exact: see peer_features
        excluded = blocked[chunk].tocoo()
        position = np.searchsorted(cands, excluded.col)
        hit = position < len(cands)
        hit[hit] = cands[position[hit]] == excluded.col[hit]
        found[excluded.row[hit], position[hit]] = -1
        # the partition runs on int16 (scores / coarse_step fit it; truncation is a floor for the scores >= 0 that
        # can be kept), the survivors are ordered exactly
        r, c = top_k_per_row(found, k, coarse=(found * (1 / features.coarse_step)).astype(np.int16))
        yield chunk[r], cands[c], found[r, c].astype(np.int64)


def _merge(
    rows: np.ndarray, cands: np.ndarray, points: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One entry per (row, candidate), top k per row. A pair found through two anchors has the same score, so once
    sorted by (row, score, candidate) its two entries are neighbours."""
    order = lexsort_ints((cands, points.max(initial=0) - points, rows))
    rows, cands, points = rows[order], cands[order], points[order]
    repeated = np.zeros(len(rows), bool)
    repeated[1:] = (rows[1:] == rows[:-1]) & (cands[1:] == cands[:-1])
    rows, cands, points = rows[~repeated], cands[~repeated], points[~repeated]
    kept_rows, kept_index = first_per_group(rows, np.arange(len(rows)), k)
    return kept_rows, cands[kept_index], points[kept_index]
