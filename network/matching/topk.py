"""Top-k per row of a score block with one deterministic order: score descending, then column ascending."""

import numpy as np


def top_k_per_row(scores: np.ndarray, k: int, floor: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of each row's k best cells with score > floor, rows ascending, best first within a row.

    np.partition finds each row's k-th largest value in linear time; every cell at or above it survives (all ties at
    the boundary), and a lexsort of the few survivors breaks ties by column, so the result never depends on how
    partition happened to order equal values.
    """
    r, c = scores.shape
    if r == 0 or c == 0 or k <= 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    kind = scores.dtype.type
    above = np.nextafter(kind(floor), kind(np.inf))  # the least value > floor in the scores' own precision
    if c > k:
        kth = np.partition(scores, c - k, axis=1)[:, c - k]
        keep = scores >= np.maximum(kth, above)[:, None]  # one pass: at least the k-th best and above the floor
    else:
        keep = scores >= above
    rows, cols = np.nonzero(keep)
    order = np.lexsort((cols, -scores[rows, cols], rows))
    rows, cols = rows[order], cols[order]
    return first_per_group(rows, cols, k)


def first_per_group(groups: np.ndarray, values: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The first k entries of each run of equal `groups` (which must be sorted)."""
    if len(groups) == 0:
        return groups, values
    rank = np.arange(len(groups)) - np.searchsorted(groups, groups, side="left")
    chosen = rank < k
    return groups[chosen], values[chosen]
