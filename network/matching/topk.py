"""Top-k per row of a score block with one deterministic order: score descending, then column ascending."""

from collections.abc import Sequence

import numpy as np


def top_k_per_row(
    scores: np.ndarray, k: int, floor: float = 0.0, coarse: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of each row's k best cells with score > floor, rows ascending, best first within a row.

    `coarse`: a narrower copy of the scores that never orders two cells the other way round (e.g. int16 of the
    scores divided by 16); the partition runs on it, which halves its memory traffic, and the few cells at or above
    its k-th value are then ordered by the exact scores (a monotone map keeps the k-th value's cell, so nothing of
    the exact top k is lost).

    np.partition finds each row's k-th largest value in linear time; every cell at or above it survives (all ties at
    the boundary), and a lexsort of the few survivors breaks ties by column, so the result never depends on how
    partition happened to order equal values. Integer scores (points) partition several times faster than floats.
    """
    r, c = scores.shape
    if r == 0 or c == 0 or k <= 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    kind = scores.dtype.type
    if np.issubdtype(scores.dtype, np.integer):
        above = kind(np.floor(floor) + 1)  # the least integer > floor
    else:
        above = np.nextafter(kind(floor), kind(np.inf))  # the least value > floor in the scores' own precision
    if c > k and coarse is not None:
        kth_coarse = np.partition(coarse, c - k, axis=1)[:, c - k]
        keep = (coarse >= kth_coarse[:, None]) & (scores >= above)
    elif c > k:
        kth = np.partition(scores, c - k, axis=1)[:, c - k]
        keep = scores >= np.maximum(kth, above)[:, None]  # one pass: at least the k-th best and above the floor
    else:
        keep = scores >= above
    rows, cols = np.divmod(np.flatnonzero(keep), c)  # flat: several times faster than a 2-d np.nonzero
    values = scores[rows, cols]
    if np.issubdtype(scores.dtype, np.integer):
        order = lexsort_ints((cols, values.max(initial=0) - values.astype(np.int64), rows))
    else:
        order = np.lexsort((cols, -values, rows))
    rows, cols = rows[order], cols[order]
    return first_per_group(rows, cols, k)


def first_per_group(groups: np.ndarray, values: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The first k entries of each run of equal `groups` (which must be sorted)."""
    if len(groups) == 0:
        return groups, values
    rank = np.arange(len(groups)) - np.searchsorted(groups, groups, side="left")
    chosen = rank < k
    return groups[chosen], values[chosen]


def lexsort_ints(keys: Sequence[np.ndarray]) -> np.ndarray:
    """np.lexsort (the last key is the primary one) of non-negative integer keys, as one stable argsort of the keys
    packed into int64, which is about ten times faster; np.lexsort itself when they do not fit in 63 bits."""
    sizes = [int(key.max(initial=0)) + 1 for key in keys]
    if np.prod(sizes, dtype=object) >= 1 << 63:
        return np.lexsort(keys)
    packed = np.zeros(len(keys[0]), np.int64)
    for key, size in zip(reversed(keys), reversed(sizes), strict=True):
        packed = packed * size + key
    return np.argsort(packed, kind="stable")
