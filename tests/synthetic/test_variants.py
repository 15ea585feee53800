"""Each world variant really moves the signal it names, and leaves the default world as it was."""

from collections import Counter
from functools import cache
from typing import Any

import numpy as np
import pytest

from network.synthetic.generator import build
from network.synthetic.variants import DEFAULT, VARIANTS, Variant

N, SEED = 1500, 5


@cache
def world(name: str) -> Any:
    return build(N, SEED, variant=VARIANTS[name])


def _member_pairs(assoc: Any) -> tuple[np.ndarray, np.ndarray]:
    """Both ends of every pair of members of the same community."""
    a, b = [], []
    for community in np.unique(assoc.community[assoc.community >= 0]).tolist():
        members = np.flatnonzero(assoc.community == community)
        left, right = np.triu_indices(len(members), 1)
        a.append(members[left])
        b.append(members[right])
    return np.concatenate(a), np.concatenate(b)


def _same_share(values: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    return float((values[a] == values[b]).mean())


def _chance(values: np.ndarray) -> float:
    """The share of random pairs with the same value: sum of squared shares."""
    shares = np.array(list(Counter(values.tolist()).values())) / len(values)
    return float((shares**2).sum())


def test_there_are_at_least_eight_variants_with_their_own_names() -> None:
    assert len(VARIANTS) >= 9 and VARIANTS["default"] is DEFAULT
    assert all(name == v.name and v.about for name, v in VARIANTS.items())


def test_the_default_variant_is_the_calibrated_generator() -> None:
    plain = build(300, SEED)
    same = build(300, SEED, variant=Variant())
    assert list(plain.association_lines()) == list(same.association_lines())


@pytest.mark.parametrize("name", ["default", "context-noise"])
def test_context_is_shared_within_communities_only_where_it_is_a_signal(name: str) -> None:
    assoc = world(name).associations
    a, b = _member_pairs(assoc)
    field_lift = _same_share(assoc.fields[:, 0], a, b) / _chance(assoc.fields[:, 0])
    district_lift = _same_share(assoc.district, a, b) / _chance(assoc.district)
    if name == "default":
        assert field_lift > 3 and district_lift > 3
    else:  # shuffled across associations: members agree about as often as strangers
        assert 0.5 < field_lift < 1.6 and 0.5 < district_lift < 1.6


def test_proficiency_noise_has_uniform_levels_and_no_switch_pairs() -> None:
    data = world("proficiency-noise")
    levels = data.associations.proficiency[data.associations.proficiency > 0]
    shares = np.bincount(levels, minlength=4)[1:] / len(levels)
    assert np.allclose(shares, 1 / 3, atol=0.03)
    assert data.switch_pairs == []
    assert not (data.associations.considers & (data.associations.proficiency > 0)).any()


def test_complementarity_plants_many_switch_pairs_and_few_communities() -> None:
    default, data = world("default"), world("complementarity")
    assert len(data.switch_pairs) == round(0.3 * N) > 4 * len(default.switch_pairs)
    assert (data.associations.community >= 0).mean() < 0.5 * (default.associations.community >= 0).mean()


def test_hubs_use_very_many_tools() -> None:
    default = (world("default").associations.proficiency > 0).sum(axis=1)
    hubs = (world("hubs").associations.proficiency > 0).sum(axis=1)
    assert (default >= 25).sum() == 0
    assert 0.05 * N < (hubs >= 25).sum() < 0.15 * N


def test_stack_strength_moves_the_tools_communities_share() -> None:
    def niche_per_member(name: str) -> float:
        data = world(name)
        used = data.associations.proficiency > 0
        members = np.flatnonzero(data.associations.community >= 0)
        return float(np.mean([used[m, data.plan.tools[data.associations.community[m]]].sum() for m in members]))

    assert niche_per_member("weak-stacks") < niche_per_member("default") < niche_per_member("strong-stacks")


def test_popular_tools_grow_or_shrink() -> None:
    uses = {
        name: int((world(name).associations.proficiency > 0).sum())
        for name in ("default", "popular-heavy", "few-popular")
    }
    assert uses["few-popular"] < 0.7 * uses["default"] < uses["default"] < uses["popular-heavy"]
