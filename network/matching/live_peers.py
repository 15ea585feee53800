"""Peer suggestions kept current one change at a time, exactly as a full run with the same frozen model finds them.

A full run (peers.py) scores every association against its candidates under collection statistics frozen per model
(peer_stats.py). With the statistics frozen, a change to association x moves only the scores of pairs with x, so
only these lists can change:
- x's own list;
- every list that holds x in its pool (the first pass's best candidates): x's score there moved, and if it fell,
  the next candidate, unknown until scored, takes its place;
- every list x now enters: x is a candidate of the row (in anchored mode: x has one of the row's anchor keys) and
  its new score beats the last of the row's pool (ties: the lower row wins, as in the full run).
A pool that only gains x or sees x's score rise is patched in place (everything it left out still ranks below all it
holds); x's own pool and one where x's score fell are scored again whole, with the full run's own first pass. Then
each of these lists gets the full run's support and final order, so it is what the full run gives it; every other
list is unchanged because nothing it holds or could hold moved. The neighbourhood support of a list reads the
features of its own pool only, and x is in every pool it could change.

Rows stay in key order, as a full run loads them, so ties break the same way: a new association is inserted at its
place, a deleted one becomes an empty row (no features, no keys: no one's candidate) until the next full run.
"""

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from network.matching.districts import DistrictMap
from network.matching.inputs import NONE, AssociationTable
from network.matching.peer_features import PeerFeatures, anchors_of, peer_features
from network.matching.peer_stats import PeerStats
from network.matching.peer_support import SUPPORT_PEERS, neighbour_support
from network.matching.peers import (
    AUTO,
    BLOCK_CELLS,
    PeerSuggestions,
    anchors_for,
    by_total,
    first_pass,
    pool_size,
)
from network.matching.weights import PEER_TOP_K, PeerWeights

_CHANGED_CHUNK = 64  # changed rows whose candidate scores are computed in one product
# Per-row arrays of the table and of the features, by the value a new or deleted row starts with.
_TABLE_FILL = {"district": NONE, "main_language": NONE}


@dataclass(frozen=True)
class Applied:
    """What one change did: the rows whose lists were scored again (the only ones that may differ), and every
    unordered pair of keys on one of their lists before or after (the only pairs whose suggestion may differ)."""

    rows: npt.NDArray[np.int64]
    pairs: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class PairViews:
    """The suggestion of each pair as a full run keeps it: the side whose list scores it higher (on a tie the lower
    row's), or none when neither list holds the pair any more."""

    rows: npt.NDArray[np.int64]  # the side it is for
    cands: npt.NDArray[np.int64]
    points: npt.NDArray[np.int64]
    gone: list[tuple[str, str]]  # pairs no list holds


class LivePeers:
    """Every association's peer list under one frozen model (weights, statistics, districts, mode), updated by
    `upsert`, `remove` and `set_excluded`; `suggestions()` is what a full run would return for the table now."""

    def __init__(
        self,
        table: AssociationTable,
        districts: DistrictMap,
        weights: PeerWeights,
        stats: PeerStats,
        *,
        excluded: Iterable[tuple[str, str]] = (),
        k: int = PEER_TOP_K,
        anchors: int | str | None = AUTO,
        support_peers: int = SUPPORT_PEERS,
        block_cells: int = BLOCK_CELLS,
        threads: int = 1,
    ) -> None:
        if list(table.keys) != sorted(table.keys):
            raise ValueError("the rows must be in key order, as a full run loads them")
        self.districts, self.weights, self.stats = districts, weights, stats
        self.k, self.support_peers, self.block_cells, self.threads = k, support_peers, block_cells, threads
        self.anchors = (
            anchors_for(stats.associations) if anchors == AUTO else (None if anchors is None else int(anchors))
        )
        self.pool = pool_size(k, support_peers)
        self.table = table
        self.features = peer_features(table, districts, weights, stats)
        self._row = {key: i for i, key in enumerate(table.keys)}
        self.removed = np.zeros(table.n, bool)
        self.excluded: dict[int, set[int]] = {}
        for a, b in excluded:
            if a in self._row and b in self._row and a != b:
                self.excluded.setdefault(self._row[a], set()).add(self._row[b])
                self.excluded.setdefault(self._row[b], set()).add(self._row[a])
        n = table.n
        self.anchor_keys = np.full((n, self.anchors or 0), -1, np.int64)
        self.pool_cands = np.full((n, self.pool), -1, np.int32)
        self.pool_points = np.zeros((n, self.pool), np.int64)
        self.cands = np.full((n, k), -1, np.int32)
        self.points = np.zeros((n, k), np.int64)
        self.support = np.zeros((n, k), np.int64)
        everyone = np.arange(n)
        self._set_anchors(everyone)
        self._rescore(everyone)

    # -- reading -----------------------------------------------------------------------------------------------------

    def row(self, key: str) -> int | None:
        found = self._row.get(key)
        return None if found is None or self.removed[found] else found

    def nbytes(self) -> int:
        """Memory the state's arrays hold (tables, features, pools, lists); the key index and exclusions aside."""
        arrays = [getattr(self.table, name) for name in _row_arrays(self.table)]
        arrays += [getattr(self.features, name) for name in _row_arrays(self.features)]
        arrays += [self.removed, self.anchor_keys, self.pool_cands, self.pool_points, self.cands, self.points]
        return sum(int(a.nbytes) for a in [*arrays, self.support])

    def suggestions(self) -> PeerSuggestions:
        """The current lists as a full run returns them (deleted rows are empty)."""
        return PeerSuggestions(
            table=self.table,
            features=self.features,
            districts=self.districts,
            weights=self.weights,
            candidates=self.cands,
            points=self.points,
            support=self.support,
        )

    # -- changes -----------------------------------------------------------------------------------------------------

    def upsert(self, changed: AssociationTable) -> Applied:
        """The associations of `changed` as they are now (new ones are added); its vocabulary must be this one's."""
        if changed.vocab != self.table.vocab:
            raise ValueError("a change must use the live table's vocabulary")
        new = sorted(key for key in set(changed.keys) if key not in self._row)
        if new:
            self._insert(new)
        rows = np.array([self._row[key] for key in changed.keys], np.int64)
        for name in _row_arrays(self.table):
            getattr(self.table, name)[rows] = getattr(changed, name)
        self.removed[rows] = False
        self._set_features(rows, peer_features(changed, self.districts, self.weights, self.stats))
        return self._changed(rows)

    def remove(self, keys: Iterable[str]) -> Applied:
        """Deleted associations: their rows are emptied, their exclusions forgotten."""
        rows = np.array([self._row[key] for key in set(keys) if key in self._row], np.int64)
        for name in _row_arrays(self.table):
            getattr(self.table, name)[rows] = _TABLE_FILL.get(name, 0)
        self.removed[rows] = True
        for row in rows.tolist():
            for other in self.excluded.pop(row, set()):
                self.excluded.get(other, set()).discard(row)
        self._set_features(rows, None)
        return self._changed(rows)

    def set_excluded(self, pairs: Iterable[tuple[str, str]], excluded: bool = True) -> Applied:
        """Pairs that may no longer be suggested (connected, declined, expired), or again (a connection ended)."""
        touched = set()
        for a, b in pairs:
            ra, rb = self._row.get(a), self._row.get(b)
            if ra is None or rb is None or ra == rb:
                continue
            for one, other in ((ra, rb), (rb, ra)):
                if excluded:
                    self.excluded.setdefault(one, set()).add(other)
                else:
                    self.excluded.get(one, set()).discard(other)
            touched |= {ra, rb}
        rows = np.array(sorted(touched), np.int64)
        before = self._entries(rows)
        self._rescore(rows)
        return Applied(rows, self._touched(before, self._entries(rows), set()))

    # -- internals ---------------------------------------------------------------------------------------------------

    def _changed(self, rows: np.ndarray) -> Applied:
        """Brings every list that a change of `rows` (features set already) may alter up to date; see the module
        doc. A list whose pool only gains changed rows or sees their scores rise is patched in place: every row it
        left out still ranks below all it holds. One that held a changed row whose score fell (or that is no longer
        its candidate) is scored again whole, since the candidate that now moves up was never kept."""
        changed = set(rows.tolist())
        whole: set[int] = set(changed)
        news: dict[int, list[tuple[int, int]]] = {}  # row -> (candidate, points) of changed rows it now has
        anchored = self._anchored()
        for chunk in range(0, len(rows), _CHANGED_CHUNK):
            for h, x, points in self._scores_of(rows[chunk : chunk + _CHANGED_CHUNK], anchored):
                news.setdefault(h, []).append((x, points))
        holding = self._holding(rows)
        patched: list[int] = []
        for h in sorted(set(news) | set(holding.tolist())):
            if h in whole:
                continue
            cands, points = self.pool_cands[h], self.pool_points[h]
            full = cands[-1] >= 0
            new = dict(news.get(h, ()))
            held = {int(c): int(p) for c, p in zip(cands.tolist(), points.tolist(), strict=True) if c in changed}
            last = (-int(points[-1]), int(cands[-1]))
            if not held and full and all((-p, x) > last for x, p in new.items()):
                continue  # none enters: the list stays
            if full and any(new.get(c, -1) < p for c, p in held.items()):
                whole.add(h)  # a changed candidate fell or left: the next one was never kept
                continue
            kept = [
                (int(c), int(p))
                for c, p in zip(cands.tolist(), points.tolist(), strict=True)
                if c >= 0 and c not in changed
            ]
            pool = sorted(kept + list(new.items()), key=lambda cp: (-cp[1], cp[0]))[: self.pool]
            self.pool_cands[h], self.pool_points[h] = -1, 0
            if pool:
                self.pool_cands[h, : len(pool)] = [c for c, _ in pool]
                self.pool_points[h, : len(pool)] = [p for _, p in pool]
            patched.append(h)
        rescored, patched_rows = np.array(sorted(whole), np.int64), np.array(patched, np.int64)
        affected = np.union1d(rescored, patched_rows)
        before = self._entries(affected)
        self._rescore(rescored)
        self._final(patched_rows)
        return Applied(affected, self._touched(before, self._entries(affected), changed))

    def _holding(self, rows: np.ndarray) -> npt.NDArray[np.int64]:
        """Rows whose pool holds one of `rows`."""
        return np.flatnonzero(np.isin(self.pool_cands, rows).any(axis=1))

    def _anchored(self) -> sp.csr_array | None:
        """[n, keys]: the anchor keys of each row (None in all-pairs mode, where everyone is a candidate)."""
        if self.anchors is None:
            return None
        row, slot = np.nonzero(self.anchor_keys >= 0)
        ones = np.ones(len(row), np.float32)
        shape = (self.table.n, self.features.keys.shape[1])
        return sp.csr_array((ones, (row, self.anchor_keys[row, slot])), shape=shape)

    def _scores_of(self, rows: np.ndarray, anchored: sp.csr_array | None) -> Iterable[tuple[int, int, int]]:
        """(row h, changed row x, points) for every row h that has x among its candidates with a score above 0,
        under x's new features: everyone in all-pairs mode, the rows anchored on one of x's keys otherwise; never x
        itself, a deleted row, or an excluded pair."""
        if anchored is None:
            can = ~self.removed[:, None] & np.ones((1, len(rows)), bool)
        else:
            can = (anchored @ self.features.keys[rows].T.astype(np.float32)) > 0
        can[rows, np.arange(len(rows))] = False
        holders = np.flatnonzero(can.any(axis=1))
        if not len(holders):
            return []
        score = self.features.left[holders].astype(np.float32) @ self.features.right[rows].T.astype(np.float32)
        h, j = np.nonzero(can[holders] & (score > 0))
        h, x, points = holders[h], rows[j], score[h, j].astype(np.int64)
        # only pairs that may change a list: x is in h's pool, or beats its last (a pool not full takes anyone)
        last_cand, last_points = self.pool_cands[h, -1], self.pool_points[h, -1]
        beats = (last_cand < 0) | (points > last_points) | ((points == last_points) & (x < last_cand))
        held = (self.pool_cands[h] == x[:, None]).any(axis=1)
        keep = beats | held
        return [
            (row, changed, found)
            for row, changed, found in zip(h[keep].tolist(), x[keep].tolist(), points[keep].tolist(), strict=True)
            if changed not in self.excluded.get(row, ())
        ]

    def _final(self, rows: np.ndarray) -> None:
        """The final lists of `rows` from their pools: support, then the order by the total."""
        if not len(rows):
            return
        cands, points = self.pool_cands[rows], self.pool_points[rows]
        if self.support_peers > 0:
            support = neighbour_support(self.features, cands, self.support_peers)
            cands, points, support = by_total(cands, points + support, support, self.k)
        else:
            support = np.zeros(cands.shape, np.int64)
        self.cands[rows], self.points[rows], self.support[rows] = cands, points, support

    def _rescore(self, rows: np.ndarray) -> None:
        """The full run's lists for `rows`: first pass, support, final order."""
        if not len(rows):
            return
        r, c, p = first_pass(
            self.features, self._blocked(rows), rows, self.anchors, self.pool, self.block_cells, self.threads
        )
        self.pool_cands[rows], self.pool_points[rows] = -1, 0
        slot = np.arange(len(r)) - np.searchsorted(r, r, side="left")
        self.pool_cands[r, slot] = c
        self.pool_points[r, slot] = p
        self._final(rows)

    def _entries(self, rows: np.ndarray) -> set[tuple[int, int, int, int]]:
        """(row, candidate, points, support) of every suggestion on the lists of `rows`."""
        held = self.cands[rows]
        kept = held >= 0
        side = np.broadcast_to(rows[:, None], held.shape)[kept]
        return set(
            zip(
                side.tolist(),
                held[kept].tolist(),
                self.points[rows][kept].tolist(),
                self.support[rows][kept].tolist(),
                strict=True,
            )
        )

    def _touched(
        self, before: set[tuple[int, int, int, int]], after: set[tuple[int, int, int, int]], changed: set[int]
    ) -> frozenset[tuple[str, str]]:
        """The unordered pairs (keys, lower first) whose suggestion may differ: an entry that appeared, went or
        moved, and every pair of a changed row (its reasons follow its features, even at the same score)."""
        keys = self.table.keys
        moved = before ^ after
        moved |= {entry for entry in before | after if entry[0] in changed or entry[1] in changed}
        return frozenset((keys[a], keys[b]) if keys[a] < keys[b] else (keys[b], keys[a]) for a, b, _, _ in moved)

    def views(self, pairs: Iterable[tuple[str, str]]) -> PairViews:
        """How a full run would suggest each of `pairs` now (see PairViews)."""
        rows, cands, points, gone = [], [], [], []
        for a, b in pairs:
            ra, rb = self._row.get(a), self._row.get(b)
            if ra is None or rb is None:
                gone.append((a, b))
                continue
            found = []
            for one, other in ((min(ra, rb), max(ra, rb)), (max(ra, rb), min(ra, rb))):
                slot = np.flatnonzero(self.cands[one] == other)
                if len(slot):
                    found.append((int(self.points[one, slot[0]]), one, other))
            if not found:
                gone.append((a, b))
                continue
            best = max(found, key=lambda view: view[0])  # the lower row's view first, so it wins a tie
            points.append(best[0])
            rows.append(best[1])
            cands.append(best[2])
        return PairViews(
            rows=np.array(rows, np.int64), cands=np.array(cands, np.int64), points=np.array(points, np.int64), gone=gone
        )

    def _blocked(self, rows: np.ndarray) -> sp.csr_array:
        """The exclusion matrix's rows of `rows` (the diagonal and excluded pairs); other rows are empty."""
        a = [rows]
        b = [rows]
        for row in rows.tolist():
            others = self.excluded.get(row)
            if others:
                a.append(np.full(len(others), row, np.int64))
                b.append(np.fromiter(others, np.int64, len(others)))
        n = self.table.n
        matrix = sp.csr_array((np.ones(sum(map(len, a)), bool), (np.concatenate(a), np.concatenate(b))), shape=(n, n))
        matrix.sum_duplicates()
        return matrix

    def _set_anchors(self, rows: np.ndarray) -> None:
        if self.anchors is None:
            return
        rows = np.unique(rows)
        self.anchor_keys[rows] = -1
        row, key = anchors_of(self.features, rows, self.anchors)
        slot = np.arange(len(row)) - np.searchsorted(row, row, side="left")
        self.anchor_keys[row, slot] = key

    def _set_features(self, rows: np.ndarray, found: PeerFeatures | None) -> None:
        """Rows' features from `found` (one row each, in the same order), or none (deleted rows)."""
        for name in _row_arrays(self.features):
            getattr(self.features, name)[rows] = 0 if found is None else getattr(found, name)
        self._set_anchors(rows)

    def _insert(self, keys: list[str]) -> None:
        """Empty rows for new `keys` (sorted) at their places in key order; row ids after them move up."""
        old_keys = list(self.table.keys)
        at = np.array([bisect_left(old_keys, key) for key in keys], np.int64)
        moved = np.arange(len(old_keys)) + np.searchsorted(at, np.arange(len(old_keys)), side="right")
        merged = old_keys[:]
        for offset, (position, key) in enumerate(zip(at.tolist(), keys, strict=True)):
            merged.insert(position + offset, key)
        self.table = replace(
            self.table,
            keys=tuple(merged),
            **{
                name: np.insert(getattr(self.table, name), at, _TABLE_FILL.get(name, 0), axis=0)
                for name in _row_arrays(self.table)
            },
        )
        self.features = replace(
            self.features,
            **{name: np.insert(getattr(self.features, name), at, 0, axis=0) for name in _row_arrays(self.features)},
        )
        self._row = {key: i for i, key in enumerate(merged)}
        self.removed = np.insert(self.removed, at, False)
        self.excluded = {int(moved[row]): {int(moved[o]) for o in others} for row, others in self.excluded.items()}
        self.anchor_keys = np.insert(self.anchor_keys, at, -1, axis=0)
        for name, empty in (("pool_cands", -1), ("pool_points", 0), ("cands", -1), ("points", 0), ("support", 0)):
            values = getattr(self, name)
            if name in ("pool_cands", "cands"):
                values = np.where(values >= 0, moved[np.maximum(values, 0)], -1).astype(np.int32)
            setattr(self, name, np.insert(values, at, empty, axis=0))


def _row_arrays(table: object) -> list[str]:
    """The fields of a table or features that hold one entry per row."""
    n = len(table.keys) if isinstance(table, AssociationTable) else table.left.shape[0]  # type: ignore[attr-defined]
    return [
        f.name
        for f in fields(table)  # type: ignore[arg-type]
        if isinstance(getattr(table, f.name), np.ndarray)
        and getattr(table, f.name).ndim >= 1
        and getattr(table, f.name).shape[0] == n
        and f.name != "key_priority"
    ]
