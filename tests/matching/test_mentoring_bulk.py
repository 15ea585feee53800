"""The all-edges-at-once mentoring helpers agree with their one-edge references."""

import dataclasses

import numpy as np
import pytest

from network.matching.mentoring import edge_reasons, mentoring_edges, mentoring_reasons
from network.suggestions.proposals.mentoring import edge_reasons_json, excluded_pairs, mentoring_proposals
from network.suggestions.proposals.reasons_json import reasons_json
from tests.matching.builders import assoc, make_assocs, make_vols, random_assocs, random_vols, vol


def tables(seed: int):
    assocs, vols = random_assocs(80, seed, districts=3), random_vols(120, seed + 100, districts=3)
    rng = np.random.default_rng(seed)
    hours = np.where(rng.random(vols.m) < 0.2, 0, vols.hours).astype(np.int16)  # some without hour points
    return assocs, dataclasses.replace(vols, hours=hours)


@pytest.mark.parametrize("seed", range(4))
def test_edge_reasons_are_the_reasons_of_each_edge(seed):
    assocs, vols = tables(seed)
    edges = mentoring_edges(assocs, vols, per_need=None)
    found = edge_reasons(assocs, vols, edges.association, edges.volunteer)
    for i, (a, v) in enumerate(zip(edges.association.tolist(), edges.volunteer.tolist(), strict=True)):
        assert found.of(i) == mentoring_reasons(assocs, vols, a, v)


@pytest.mark.parametrize("seed", range(2))
def test_reason_json_is_what_reasons_json_writes(seed):
    assocs, vols = tables(seed)
    edges = mentoring_edges(assocs, vols, per_need=None)
    texts = edge_reasons_json(edge_reasons(assocs, vols, edges.association, edges.volunteer))
    assert texts == [
        reasons_json(mentoring_reasons(assocs, vols, a, v))
        for a, v in zip(edges.association.tolist(), edges.volunteer.tolist(), strict=True)
    ]


def test_excluded_keys_find_their_pairs_even_with_a_bar_in_a_key():
    assocs = make_assocs(assoc("a"), assoc("a|b"), assoc("c"))
    vols = make_vols(vol("b|x"), vol("x"), vol("y"))
    codes = excluded_pairs(assocs, vols, {"a|b|x", "c|y", "c|nobody", "nobody|x", "plain"})
    # "a|b|x" is both (a, b|x) and (a|b, x); unknown parties drop out
    assert sorted(codes.tolist()) == sorted([0 * 3 + 0, 1 * 3 + 1, 2 * 3 + 2])


def test_excluded_pairs_are_never_proposed():
    assocs, vols = random_assocs(60, 3, districts=2), random_vols(40, 4, districts=2)
    zeros_a, zeros_v = np.zeros(assocs.n, np.int64), np.zeros(vols.m, np.int64)
    first = mentoring_proposals(assocs, vols, set(), zeros_a, zeros_v)
    excluded = {p.pair_key for p in first[::2]}
    again = mentoring_proposals(assocs, vols, excluded, zeros_a, zeros_v)
    assert first and again and not excluded & {p.pair_key for p in again}
