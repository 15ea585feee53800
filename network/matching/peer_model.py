"""Weights of the peer signals that fit a deployment's own profiles, found without a single answer.

Which signal tells peers apart differs between programmes: in one, associations of a field share their software; in
another, fields say nothing and only the niche tools do. Profiles can tell which, by a self-supervised task: hide one
rare tool of an association and rank everyone by the remaining signals; weights under which those that really use
the hidden tool come first are weights under which similar associations come first. So:

- sample associations with a rare tool (in the rarer half of the tools used at least twice), hide one such tool;
- rank candidates by tools (without the hidden one), fields, target groups and district, under candidate weights;
- gain: a candidate using the hidden tool, discounted for candidates using more tools than the median (one using 40
  tools uses the hidden one by chance, not because it is a peer);
- coordinate ascent over a small grid per signal, starting from 0: a signal has to earn its weight, and on a tie the
  smaller weight stays (a noise signal that the task cannot tell from a weak one costs precision where it is noise).

Complementarity cannot be learnt this way (nothing in a profile says whether an EXPERT helps a beginner); it keeps its
prior until answers train it (peer_learning.py). Pure: numpy only, seeded.
"""

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from network.matching.districts import DistrictMap
from network.matching.inputs import AssociationTable
from network.matching.peer_features import district_nearness, idf, unit_rows
from network.matching.weights import PEER_WEIGHTS, PeerWeights

SAMPLED_ROWS = 400
CANDIDATES = 10_000  # at most this many candidates per sampled row (a seeded sample above it)
MIN_ROWS = 30  # fewer eligible associations: the prior stays
K = 10
GRID = {
    "fields": (0.0, 0.25, 0.5, 0.75, 1.0, 1.5),
    "target_groups": (0.0, 0.1, 0.25, 0.5),
    "district": (0.0, 0.25, 0.5, 0.75, 1.0, 1.5),
}
PASSES = 2
MIN_GAIN = 0.02  # a weight is taken only for a relative gain this large: smaller ones are within sampling noise


@dataclass(frozen=True)
class ProfileFit:
    weights: PeerWeights
    rows: int  # associations the task used (0: too few, the prior stayed)
    gain_prior: float  # the task's precision@10 under the prior ...
    gain_fitted: float  # ... and under the fitted weights


def fit_to_profiles(
    table: AssociationTable, districts: DistrictMap, *, prior: PeerWeights = PEER_WEIGHTS, seed: int = 0
) -> ProfileFit:
    rng = np.random.default_rng(seed)
    uses = table.proficiency > 0
    users, sizes = uses.sum(axis=0), uses.sum(axis=1)
    used_twice = users >= 2
    if not used_twice.any():
        return ProfileFit(prior, 0, 0.0, 0.0)
    rare = used_twice & (users <= np.median(users[used_twice]))
    # rows are drawn in the order of their keys, not of the table: the same profiles give the same weights however
    # the database happened to return them
    by_key = np.argsort(np.array(table.keys, dtype=object), kind="stable")
    eligible = by_key[(uses[:, rare].any(axis=1) & (sizes >= 2))[by_key]]
    if len(eligible) < MIN_ROWS:
        return ProfileFit(prior, 0, 0.0, 0.0)
    queries = eligible[np.sort(rng.choice(len(eligible), size=min(SAMPLED_ROWS, len(eligible)), replace=False))]
    hidden = np.array([rng.choice(np.flatnonzero(uses[q] & rare)) for q in queries.tolist()])
    cands = by_key if table.n <= CANDIDATES else by_key[np.sort(rng.choice(table.n, CANDIDATES, replace=False))]
    signals = _signals(table, districts, queries, hidden, cands)
    discount = np.minimum(1.0, np.median(sizes[sizes > 0]) / np.maximum(sizes[cands], 1))
    gain = uses[cands][:, hidden].T * discount[None, :]
    oneself = queries[:, None] == cands[None, :]

    def objective(w: PeerWeights) -> float:
        score = signals["tools"] * w.tools
        for name in GRID:
            score = score + signals[name] * getattr(w, name)
        score[oneself] = -1.0
        top = np.argpartition(-score, K, axis=1)[:, :K] if score.shape[1] > K else np.argsort(-score, axis=1)
        return float(np.take_along_axis(gain, top, axis=1).sum(axis=1).mean() / K)

    start_gain = objective(prior)
    best = replace(prior, **dict.fromkeys(GRID, 0.0))
    best_gain = objective(best)
    for _ in range(PASSES):
        for name, values in GRID.items():
            for value in values:
                trial = replace(best, **{name: value})
                found = objective(trial)
                if found > best_gain * (1 + MIN_GAIN):
                    best, best_gain = trial, found
    return ProfileFit(best, len(queries), round(start_gain, 4), round(best_gain, 4))


def _signals(
    table: AssociationTable, districts: DistrictMap, queries: np.ndarray, hidden: np.ndarray, cands: np.ndarray
) -> dict[str, npt.NDArray[np.float64]]:
    """Per signal, the [queries, cands] similarity with each query's hidden tool left out of its own profile."""
    uses = table.proficiency > 0
    tool_idf = idf(uses)
    masked = uses[queries].copy()
    masked[np.arange(len(queries)), hidden] = False
    field_idf, group_idf = idf(table.fields), idf(table.target_groups)
    home = table.district
    nearness = district_nearness(districts)
    known = (home[queries][:, None] >= 0) & (home[cands][None, :] >= 0)
    return {
        "tools": unit_rows(masked * tool_idf) @ unit_rows(uses[cands] * tool_idf).T,
        "fields": unit_rows(table.fields[queries] * field_idf) @ unit_rows(table.fields[cands] * field_idf).T,
        "target_groups": unit_rows(table.target_groups[queries] * group_idf)
        @ unit_rows(table.target_groups[cands] * group_idf).T,
        "district": np.where(known, nearness[np.maximum(home[queries], 0)][:, np.maximum(home[cands], 0)], 0.0),
    }
