"""Weights of the peer signals trained on the answers people gave: accepted suggestions against declined and expired.

Each answered suggestion is one example: its five signal similarities (the per-signal parts of the score, with unit
weights) and whether it was taken up. A logistic regression (scikit-learn) learns how much each signal says about a
yes. It stays a weighted sum of the same signals, so scores stay one bilinear form (fast, exact, and the reasons
still add up to the score); a tree model would learn more shapes but lose both.

Few answers say little, so the fitted weights are shrunk toward the prior (the weights fitted to the profiles):
w = (m * prior + a * fitted) / (m + a) after `a` answers, with m = PRIOR_ANSWERS. Negative coefficients become 0
(a signal that speaks against a yes is left out rather than turned against people), and the fitted weights are
scaled to the prior's sum, so only the balance between signals is learnt, not the size of the scores.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression

from network.matching.districts import DistrictMap
from network.matching.inputs import AssociationTable
from network.matching.peer_features import UNIT, PeerFeatures, peer_features
from network.matching.peer_model import fit_to_profiles
from network.matching.weights import PEER_SIGNALS, PeerWeights

PRIOR_ANSWERS = 200  # the prior counts like this many answers
MIN_ANSWERS = 20  # fewer, or only one kind of answer: the prior stays
UNIT_WEIGHTS = PeerWeights(**dict.fromkeys(PEER_SIGNALS, 1.0))
SIGNAL_BLOCKS = {
    "tools": ("tools",),
    "complementarity": ("offers", "receives", "reports_offered", "reports_received"),
    "fields": ("fields",),
    "target_groups": ("target_groups",),
    "district": ("district",),
}


@dataclass(frozen=True)
class AnswerFit:
    weights: PeerWeights
    answers: int  # examples the fit saw
    accepted: int
    fitted: PeerWeights | None  # the regression's own weights before shrinking (None: too few answers)


def signal_features(table: AssociationTable, districts: DistrictMap) -> PeerFeatures:
    """The peer features with every weight 1: their per-block products are the signals' similarities."""
    return peer_features(table, districts, UNIT_WEIGHTS)


def pair_signals(features: PeerFeatures, rows: np.ndarray, cands: np.ndarray) -> npt.NDArray[np.float64]:
    """[pairs, signals]: each signal's similarity for the pairs (rows[i], cands[i]), in PEER_SIGNALS order."""
    out = np.zeros((len(rows), len(PEER_SIGNALS)))
    if not len(rows):
        return out
    left = features.left[rows].astype(np.float64)
    right = features.right[cands].astype(np.float64)
    for j, name in enumerate(PEER_SIGNALS):
        for block in SIGNAL_BLOCKS[name]:
            part = features.blocks[block]
            out[:, j] += (left[:, part] * right[:, part]).sum(axis=1) / UNIT
    return out


def fit_to_answers(signals: np.ndarray, accepted: np.ndarray, prior: PeerWeights) -> AnswerFit:
    labels = np.asarray(accepted, bool)
    count, yes = len(labels), int(labels.sum())
    if count < MIN_ANSWERS or yes == 0 or yes == count:
        return AnswerFit(prior, count, yes, None)
    model = LogisticRegression(C=1.0, max_iter=1000).fit(signals, labels)
    coef = np.clip(model.coef_[0], 0.0, None)
    base = np.array(list(prior.as_dict().values()))
    if coef.sum() <= 0:
        return AnswerFit(prior, count, yes, None)
    fitted = coef * base.sum() / coef.sum()
    shrunk = (PRIOR_ANSWERS * base + count * fitted) / (PRIOR_ANSWERS + count)
    return AnswerFit(_weights(shrunk), count, yes, _weights(fitted))


def _weights(values: np.ndarray) -> PeerWeights:
    """PeerWeights from one value per signal (PEER_SIGNALS order), to 4 decimals."""
    return PeerWeights(**{name: round(float(v), 4) for name, v in zip(PEER_SIGNALS, values, strict=True)})


@dataclass(frozen=True)
class DeploymentFit:
    weights: PeerWeights  # what the next runs use
    profile_rows: int
    answers: AnswerFit


def fit_deployment(
    table: AssociationTable,
    districts: DistrictMap,
    answered: np.ndarray,
    accepted: np.ndarray,
    *,
    prior: PeerWeights,
    seed: int = 0,
) -> DeploymentFit:
    """The weights for a deployment: fitted to its profiles (peer_model.py, from `prior`), then trained on its
    answers (`answered`: [p, 2] rows of answered pairs, `accepted`: bool [p])."""
    profile = fit_to_profiles(table, districts, prior=prior, seed=seed)
    pairs = np.asarray(answered, np.int64).reshape(-1, 2)
    labels = np.asarray(accepted, bool)
    # the unit-weight features of every association cost a peer_features pass: only built when there are answers
    signals = (
        pair_signals(signal_features(table, districts), pairs[:, 0], pairs[:, 1])
        if len(pairs)
        else np.zeros((0, len(PEER_SIGNALS)))
    )
    answers = fit_to_answers(signals, labels, profile.weights)
    return DeploymentFit(weights=answers.weights, profile_rows=profile.rows, answers=answers)
