"""Evaluation helpers: ranking metrics against a relevant set, and baselines for peer suggestions.

Baselines return the same shape as PeerSuggestions.candidates (int [n, k], -1 padded) and respect the same
exclusions (never oneself, never an excluded pair). The max-flow bound on mentored associations is
`assignment.max_mentored_associations`.
"""

import math
from collections.abc import Callable, Collection, Sequence

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from network.matching.assignment import max_mentored_associations
from network.matching.districts import DistrictMap
from network.matching.inputs import AssociationTable
from network.matching.peer_features import idf, unit_rows
from network.matching.peers import exclusion_matrix
from network.matching.topk import top_k_per_row

__all__ = [
    "exposure_share",
    "idf_cosine_peers",
    "jaccard_peers",
    "max_mentored_associations",
    "mean_over_rows",
    "most_popular_peers",
    "ndcg_at_k",
    "precision_at_k",
    "random_peers",
]


def precision_at_k(ranked: Sequence[int], relevant: Collection[int], k: int) -> float:
    """Share of the first k ranked items that are relevant (k in the denominator, also when fewer are ranked)."""
    if k < 1:
        raise ValueError("k must be at least 1")
    hits = sum(1 for item in list(ranked)[:k] if item in relevant)
    return hits / k


def ndcg_at_k(ranked: Sequence[int], relevant: Collection[int], k: int) -> float:
    """Binary-gain nDCG: sum of 1/log2(rank + 1) over relevant hits in the first k, over the best possible sum."""
    if k < 1:
        raise ValueError("k must be at least 1")
    if not relevant:
        raise ValueError("nDCG is undefined without relevant items; leave such rows out")
    dcg = sum(1 / math.log2(i + 2) for i, item in enumerate(list(ranked)[:k]) if item in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal


def mean_over_rows(candidates: np.ndarray, relevant: Sequence[Collection[int]], k: int) -> dict[str, float]:
    """Mean precision@k and nDCG@k over the rows that have relevant items (rows without them are left out)."""
    rows = [i for i, rel in enumerate(relevant) if rel]
    if not rows:
        return {"rows": 0, "precision": 0.0, "ndcg": 0.0}
    lists = [[c for c in candidates[i].tolist() if c >= 0] for i in rows]
    return {
        "rows": len(rows),
        "precision": float(np.mean([precision_at_k(lists[j], relevant[i], k) for j, i in enumerate(rows)])),
        "ndcg": float(np.mean([ndcg_at_k(lists[j], relevant[i], k) for j, i in enumerate(rows)])),
    }


def exposure_share(candidates: np.ndarray, members: np.ndarray, k: int) -> float:
    """Share of the slots in the first k columns of every list (-1 padding left out) that go to `members` (bool per
    row id): how much attention a group gets from the ranking, to compare with its share of the population."""
    shown = candidates[:, :k]
    shown = shown[shown >= 0]
    return float(members[shown].mean()) if len(shown) else 0.0


def _rows(n: int, rows: np.ndarray | None) -> np.ndarray:
    return np.arange(n) if rows is None else np.unique(np.asarray(rows, np.int64))


def random_peers(
    n: int, k: int, *, seed: int, excluded: np.ndarray | None = None, rows: np.ndarray | None = None
) -> np.ndarray:
    """k distinct random candidates per row of `rows` (default all; seeded), none excluded; other rows stay -1."""
    rng = np.random.default_rng(seed)
    blocked = exclusion_matrix(n, excluded)
    out = np.full((n, k), -1, np.int32)
    for row in _rows(n, rows).tolist():
        banned = blocked.indices[blocked.indptr[row] : blocked.indptr[row + 1]]
        draw = rng.choice(n, size=min(n, k + len(banned)), replace=False)  # enough to drop the banned ones
        pick = draw[~np.isin(draw, banned)][:k]
        out[row, : len(pick)] = pick
    return out


def most_popular_peers(
    table: AssociationTable, k: int, *, excluded: np.ndarray | None = None, rows: np.ndarray | None = None
) -> np.ndarray:
    """The same list for everyone: associations using the most tools first (ties: lower row), minus exclusions."""
    n = table.n
    popularity = (table.proficiency > 0).sum(axis=1)
    order = np.lexsort((np.arange(n), -popularity))
    blocked = exclusion_matrix(n, excluded)
    out = np.full((n, k), -1, np.int32)
    head = order[: k + 1 + int(np.diff(blocked.indptr).max(initial=0))]
    for row in _rows(n, rows).tolist():
        banned = set(blocked.indices[blocked.indptr[row] : blocked.indptr[row + 1]].tolist())
        picks = [c for c in head.tolist() if c not in banned][:k]
        out[row, : len(picks)] = picks
    return out


def _top_k_in_blocks(
    n: int,
    k: int,
    score: Callable[[np.ndarray], np.ndarray],
    excluded: np.ndarray | None,
    rows: np.ndarray | None,
    block_rows: int,
) -> np.ndarray:
    """Top k per row of `rows` (default all) against all rows, `score(block)` giving a block's [block, n] scores;
    excluded pairs and oneself never, other rows -1."""
    blocked = exclusion_matrix(n, excluded)
    out = np.full((n, k), -1, np.int32)
    wanted = _rows(n, rows)
    for start in range(0, len(wanted), block_rows):
        block = wanted[start : start + block_rows]
        found = score(block)
        banned = blocked[block].tocoo()
        found[banned.row, banned.col] = -1.0
        r, c = top_k_per_row(found, k)
        slot = np.arange(len(r)) - np.searchsorted(r, r, side="left")
        out[block[r], slot] = c
    return out


def jaccard_peers(
    table: AssociationTable,
    k: int,
    *,
    excluded: np.ndarray | None = None,
    rows: np.ndarray | None = None,
    block_rows: int = 2048,
) -> np.ndarray:
    """Top k by plain Jaccard similarity of the used tool sets (against all rows, sparse product in row blocks)."""
    uses = sp.csr_array((table.proficiency > 0).astype(np.float32))
    uses_t = uses.T.tocsr()
    sizes: npt.NDArray[np.float32] = np.asarray(uses.sum(axis=1)).reshape(-1)

    def jaccard(block: np.ndarray) -> np.ndarray:
        shared = (uses[block] @ uses_t).toarray()
        union = sizes[block, None] + sizes[None, :] - shared
        ratio: np.ndarray = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
        return ratio

    return _top_k_in_blocks(table.n, k, jaccard, excluded, rows, block_rows)


def idf_cosine_peers(
    table: AssociationTable,
    k: int,
    *,
    districts: DistrictMap | None = None,
    excluded: np.ndarray | None = None,
    rows: np.ndarray | None = None,
    block_rows: int = 2048,
) -> np.ndarray:
    """Top k by the cosine of IDF-weighted profile vectors, the text-book baseline of information retrieval.

    Without `districts`: the used tools only. With it: tools, fields, target groups and the district (one-hot) in
    one vector, every column weighted by its own rarity and no block weighted above another (fixed weights).
    """
    columns = [table.proficiency > 0]
    if districts is not None:
        home = np.zeros((table.n, len(districts.slugs)), bool)
        known = np.flatnonzero(table.district >= 0)
        home[known, table.district[known]] = True
        columns += [table.fields, table.target_groups, home]
    unit = unit_rows(np.hstack([block * idf(block) for block in columns]))
    unit_t = unit.T.copy()
    return _top_k_in_blocks(table.n, k, lambda block: unit[block] @ unit_t, excluded, rows, block_rows)
