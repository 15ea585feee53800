"""The peer weights: fitted to profiles (a signal that is noise gets 0), trained on answers, shrunk toward the
prior, and the per-signal similarities they weight are the parts of the core's score."""

from dataclasses import fields, replace
from functools import cache

import numpy as np
import pytest

from network.evaluation.dataset import Dataset, load_dataset
from network.evaluation.feedback import simulate_feedback
from network.matching.peer_features import UNIT
from network.matching.peer_learning import (
    MIN_ANSWERS,
    PRIOR_ANSWERS,
    fit_deployment,
    fit_to_answers,
    pair_signals,
    signal_features,
)
from network.matching.peer_model import fit_to_profiles
from network.matching.peers import suggest_peers
from network.matching.weights import PEER_SIGNALS, PEER_WEIGHTS, PeerWeights
from network.synthetic.generator import generate
from network.synthetic.variants import VARIANTS
from tests.matching.builders import district_map, random_assocs


@cache
def world(variant: str, n: int = 1500) -> Dataset:
    document, _ = generate(n, 3, variant=VARIANTS[variant])
    return load_dataset(document)


def test_context_that_is_noise_gets_no_weight_and_context_that_tells_peers_apart_does() -> None:
    noise = fit_to_profiles(world("context-noise").assocs, world("context-noise").districts)
    signal = fit_to_profiles(world("context-strong").assocs, world("context-strong").districts)
    assert noise.rows > 0 and signal.rows > 0
    assert noise.weights.fields == 0 and noise.weights.district == 0
    assert signal.weights.fields > 0 and signal.weights.district > 0
    assert signal.gain_fitted >= signal.gain_prior
    assert noise.weights.complementarity == PEER_WEIGHTS.complementarity  # profiles cannot tell; answers do


def test_the_fit_does_not_depend_on_the_order_of_the_rows() -> None:
    """A database returns the same profiles in another order after an import: the weights stay the same."""
    table, districts = world("default").assocs, world("default").districts
    order = np.random.default_rng(1).permutation(table.n)
    per_row = {f.name: getattr(table, f.name)[order] for f in fields(table) if f.name not in ("vocab", "keys")}
    shuffled = replace(table, keys=tuple(table.keys[i] for i in order), **per_row)
    fit, refit = fit_to_profiles(table, districts), fit_to_profiles(shuffled, districts)
    assert fit.rows > 0 and fit.weights == refit.weights and fit.gain_fitted == pytest.approx(refit.gain_fitted)


def test_too_few_associations_keep_the_prior() -> None:
    fit = fit_to_profiles(random_assocs(12, seed=1), district_map())
    assert fit.weights == PEER_WEIGHTS and fit.rows == 0


def _answers(rng: np.random.Generator, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Signals in [0, 1]; people take up pairs in the same district and ignore everything else."""
    signals = rng.random((count, len(PEER_SIGNALS)))
    district = PEER_SIGNALS.index("district")
    signals[:, district] = rng.random(count) < 0.5
    yes = (signals[:, district] > 0) ^ (rng.random(count) < 0.1)
    return signals, yes


def test_answers_move_the_weights_toward_what_people_take_up() -> None:
    signals, yes = _answers(np.random.default_rng(2), 3000)
    fit = fit_to_answers(signals, yes, PEER_WEIGHTS)
    assert fit.answers == 3000 and fit.accepted == int(yes.sum()) and fit.fitted is not None
    assert fit.fitted.district > 0.9 * sum(fit.fitted.as_dict().values())  # the regression's own weights
    assert fit.weights.district > PEER_WEIGHTS.district and fit.weights.tools < PEER_WEIGHTS.tools
    total = sum(fit.weights.as_dict().values())
    assert total == pytest.approx(sum(PEER_WEIGHTS.as_dict().values()), abs=1e-3)  # only the balance is learnt


def test_few_answers_are_shrunk_toward_the_prior() -> None:
    signals, yes = _answers(np.random.default_rng(3), PRIOR_ANSWERS)
    fit = fit_to_answers(signals, yes, PEER_WEIGHTS)
    assert fit.fitted is not None
    for name in PEER_SIGNALS:  # as many answers as the prior counts: halfway
        expected = (getattr(PEER_WEIGHTS, name) + getattr(fit.fitted, name)) / 2
        assert getattr(fit.weights, name) == pytest.approx(expected, abs=2e-4)


@pytest.mark.parametrize("case", ["too few", "only yes", "only no"])
def test_answers_that_say_nothing_keep_the_prior(case: str) -> None:
    signals, yes = _answers(np.random.default_rng(4), MIN_ANSWERS - 1 if case == "too few" else 100)
    if case != "too few":
        yes = np.full(len(yes), case == "only yes")
    fit = fit_to_answers(signals, yes, PEER_WEIGHTS)
    assert fit.weights == PEER_WEIGHTS and fit.fitted is None


def test_the_score_is_the_weighted_sum_of_the_signals() -> None:
    table = random_assocs(120, seed=5)
    weights = PeerWeights(tools=1.0, complementarity=0.7, fields=0.4, target_groups=0.3, district=0.6)
    found = suggest_peers(table, district_map(), weights=weights, anchors=None, k=10)
    rows, cands, points = found.pairs()
    signals = pair_signals(signal_features(table, district_map()), rows, cands)
    combined = signals @ np.array([getattr(weights, name) for name in PEER_SIGNALS])
    assert len(rows) > 500
    own = points - found.support_of(rows, cands)  # the neighbourhood support is a part of its own
    assert np.allclose(combined, own / UNIT, atol=1e-2)  # the unit vectors are quantised to 1/256


def test_a_deployment_fit_uses_profiles_then_answers() -> None:
    data = world("default")
    found = suggest_peers(data.assocs, data.districts, k=5)
    rows, cands, _ = found.pairs()
    accepted = data.assocs.district[rows] == data.assocs.district[cands]
    fit = fit_deployment(data.assocs, data.districts, np.stack([rows, cands], axis=1), accepted, prior=PEER_WEIGHTS)
    profile_only = fit_to_profiles(data.assocs, data.districts, prior=PEER_WEIGHTS)
    assert fit.profile_rows == profile_only.rows > 0
    assert fit.answers.answers == len(rows) and fit.weights != profile_only.weights
    assert fit.weights.district > profile_only.weights.district


def test_simulated_answers_raise_precision_on_a_world_the_prior_does_not_fit() -> None:
    document, truth = generate(800, 5, variant=VARIANTS["context-noise"])
    curve = simulate_feedback(document, truth, start=PEER_WEIGHTS, rounds=3, per_round=60, seed=5)
    assert curve.answers[0] == 0 and curve.answers[-1] > curve.answers[1] > 0
    assert curve.precision[-1] > curve.precision[0] + 0.1
    assert curve.best_achievable >= curve.precision[0]
    assert curve.weights[-1]["fields"] < PEER_WEIGHTS.fields and replace(PEER_WEIGHTS) == curve.start
