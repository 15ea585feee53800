"""`simulate_feedback`: answers drawn from the planted truth train the peer weights; precision@10 as they accumulate.

Each round, `per_round` associations (seeded, each once) look at their top 10 under the current weights and answer
every suggestion: yes when it is a planted peer, no otherwise, each answer flipped with probability `noise` (people
are not the truth). The weights are refitted on all answers so far (peer_learning.fit_to_answers, shrunk toward the
starting weights) and precision@10 is measured on every association with planted peers. The best achievable line is
the same regression fitted, without shrinking, on the truth of every association's top 50: what these signals can
reach when every answer is known.
"""

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from network.evaluation.dataset import load_dataset
from network.evaluation.truth import relevant_peers
from network.matching.evaluation import mean_over_rows
from network.matching.peer_learning import fit_to_answers, pair_signals, signal_features
from network.matching.peers import PeerSuggestions, suggest_peers
from network.matching.weights import PeerWeights

K = 10
ORACLE_DEPTH = 50


@dataclass
class FeedbackCurve:
    start: PeerWeights
    answers: list[int] = field(default_factory=list)
    precision: list[float] = field(default_factory=list)
    ndcg: list[float] = field(default_factory=list)
    weights: list[dict[str, float]] = field(default_factory=list)
    best_achievable: float = 0.0
    best_weights: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.as_dict(),
            "points": [
                {"answers": a, "precision": p, "ndcg": n, "weights": w}
                for a, p, n, w in zip(self.answers, self.precision, self.ndcg, self.weights, strict=True)
            ],
            "best_achievable": self.best_achievable,
            "best_weights": self.best_weights,
        }


def simulate_feedback(
    document: Any,
    truth: Any,
    *,
    start: PeerWeights,
    rounds: int = 12,
    per_round: int = 60,
    noise: float = 0.1,
    seed: int = 0,
) -> FeedbackCurve:
    data = load_dataset(document)
    table, districts, excluded = data.assocs, data.districts, data.connections
    relevant = relevant_peers(truth, data)
    signals = signal_features(table, districts)
    rng = np.random.default_rng(seed)
    askers = rng.permutation(table.n)
    curve = FeedbackCurve(start=start)
    seen_x: list[np.ndarray] = []
    seen_y: list[np.ndarray] = []
    weights = start

    def measure(w: PeerWeights) -> tuple[float, float, PeerSuggestions]:
        found = suggest_peers(table, districts, excluded=excluded, weights=w, k=K)
        metrics = mean_over_rows(found.candidates, relevant, K)
        return round(metrics["precision"], 4), round(metrics["ndcg"], 4), found

    def planted(rows: np.ndarray, cands: np.ndarray) -> np.ndarray:
        return np.array([c in relevant[r] for r, c in zip(rows.tolist(), cands.tolist(), strict=True)], bool)

    for step in range(rounds + 1):
        precision, ndcg, found = measure(weights)
        curve.answers.append(int(sum(len(y) for y in seen_y)))
        curve.precision.append(precision)
        curve.ndcg.append(ndcg)
        curve.weights.append(weights.as_dict())
        if step == rounds:
            break
        rows, cands, _ = found.pairs(askers[step * per_round : (step + 1) * per_round])
        yes = planted(rows, cands) ^ (rng.random(len(rows)) < noise)
        seen_x.append(pair_signals(signals, rows, cands))
        seen_y.append(yes)
        weights = fit_to_answers(np.vstack(seen_x), np.concatenate(seen_y), start).weights

    rows, cands, _ = suggest_peers(table, districts, excluded=excluded, weights=start, k=ORACLE_DEPTH).pairs()
    oracle = fit_to_answers(pair_signals(signals, rows, cands), planted(rows, cands), start).fitted or start
    curve.best_achievable = measure(oracle)[0]
    curve.best_weights = oracle.as_dict()
    return curve
