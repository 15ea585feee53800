import itertools

import numpy as np
import pytest

from network.matching.assignment import assign_mentors, lp_optimum, max_mentored_associations
from network.matching.inputs import Need
from network.matching.mentoring import edge_fit, mentoring_edges, mentoring_reasons
from network.matching.reasons import Code
from network.matching.weights import MENTOR_WEIGHTS
from tests.matching.builders import assoc, make_assocs, make_vols, random_assocs, random_vols, vol


def satisfies_hard_constraints(assocs, vols, a, v):
    need, offer = assocs.need_level[a], vols.level[v]
    skill = ((need > 0) & (offer >= need)).any()
    language = (assocs.languages[a] & vols.languages[v]).any()
    place = vols.remote[v] or (assocs.district[a] >= 0 and assocs.district[a] == vols.district[v])
    return bool(skill and language and place)


@pytest.mark.parametrize("seed", range(4))
def test_edges_are_exactly_the_eligible_pairs(seed):
    assocs, vols = random_assocs(25, seed, districts=3), random_vols(30, seed + 100, districts=3)
    edges = mentoring_edges(assocs, vols, per_need=None)
    found = set(zip(edges.association.tolist(), edges.volunteer.tolist(), strict=True))
    eligible = {
        (a, v) for a in range(assocs.n) for v in range(vols.m) if satisfies_hard_constraints(assocs, vols, a, v)
    }
    assert found == eligible and eligible
    assert (edges.fit > 0).all()


def test_pruned_edges_are_eligible_and_keep_their_fit():
    assocs, vols = random_assocs(120, 7, districts=2), random_vols(200, 8, districts=2)
    full = mentoring_edges(assocs, vols, per_need=None)
    pruned = mentoring_edges(assocs, vols, per_need=2)
    fit = dict(
        zip(zip(full.association.tolist(), full.volunteer.tolist(), strict=True), full.fit.tolist(), strict=True)
    )
    assert 0 < len(pruned) < len(full)
    for a, v, f in zip(pruned.association.tolist(), pruned.volunteer.tolist(), pruned.fit.tolist(), strict=True):
        assert fit[(a, v)] == f


def test_language_district_and_level_rule_out_edges():
    assocs = make_assocs(assoc("a", district="mitte", languages=("tr",), needs=(Need("gdpr", 4, 1),)))
    vols = make_vols(
        vol("fits", district="mitte", languages=("tr", "de"), skills={"gdpr": 4}),
        vol("no-language", district="mitte", languages=("de",), skills={"gdpr": 6}),
        vol("elsewhere", district="spandau", languages=("tr",), skills={"gdpr": 6}),
        vol("remote", district="spandau", remote=True, languages=("tr",), skills={"gdpr": 5}),
        vol("too-low", district="mitte", languages=("tr",), skills={"gdpr": 3}),
        vol("other-skill", district="mitte", languages=("tr",), skills={"web": 8}),
    )
    edges = mentoring_edges(assocs, vols, per_need=None)
    assert sorted(edges.volunteer.tolist()) == [0, 3]
    reasons = mentoring_reasons(assocs, vols, 0, 0)
    codes = {(r.code, r.detail) for r in reasons}
    assert {(Code.SKILL_MATCH, "gdpr"), (Code.COMMON_LANGUAGE, "tr"), (Code.SAME_DISTRICT, "mitte")} <= codes
    assert sum(r.weight for r in reasons) * 100 == pytest.approx(edges.fit[edges.volunteer == 0][0])
    assert edge_fit(assocs, vols, np.array([0]), np.array([1]), MENTOR_WEIGHTS)[0] == -1


def brute_force(edges, cap_v):
    """Best total fit over every assignment: each association takes one of its edges or none."""
    per_assoc = [np.flatnonzero(edges.association == a).tolist() for a in np.unique(edges.association)]
    best = 0
    for choice in itertools.product(*[[None, *options] for options in per_assoc]):
        chosen = [e for e in choice if e is not None]
        load = np.bincount(edges.volunteer[chosen], minlength=edges.n_volunteers)
        if (load <= cap_v).all():
            best = max(best, int(edges.fit[chosen].sum()))
    return best


@pytest.mark.parametrize("seed", range(12))
def test_assignment_is_optimal_against_brute_force(seed):
    assocs, vols = random_assocs(6, seed, districts=2), random_vols(5, seed + 50, districts=2)
    edges = mentoring_edges(assocs, vols, per_need=None)
    cap = np.minimum(vols.max_mentees, 2)
    result = assign_mentors(edges, cap)
    assert result.solver == "flow" and result.total_fit == brute_force(edges, cap)
    assert lp_optimum(edges, cap).total_fit == result.total_fit
    assert assign_mentors(edges, cap, solver="lapjv").total_fit == result.total_fit
    assert np.bincount(result.association, minlength=assocs.n).max(initial=0) <= 1
    assert (np.bincount(result.volunteer, minlength=vols.m) <= cap).all()
    for a, v in zip(result.association.tolist(), result.volunteer.tolist(), strict=True):
        assert satisfies_hard_constraints(assocs, vols, a, v)


def test_a_contested_volunteer_goes_where_the_total_is_best():
    # greedy (a0 first) would give v0 to a0 and leave a1 without anyone; the optimum moves a0 to v1
    assocs = make_assocs(
        assoc("a0", district="mitte", needs=(Need("gdpr", 2, 1), Need("web", 2, 3))),
        assoc("a1", district="mitte", needs=(Need("gdpr", 2, 1),)),
    )
    vols = make_vols(
        vol("v0", district="mitte", skills={"gdpr": 4}, max_mentees=1),
        vol("v1", district="mitte", skills={"web": 2}, max_mentees=1),
    )
    edges = mentoring_edges(assocs, vols, per_need=None)
    result = assign_mentors(edges, vols.max_mentees)
    assert sorted(zip(result.association.tolist(), result.volunteer.tolist(), strict=True)) == [(0, 1), (1, 0)]


def test_larger_instances_agree_with_the_lp_and_respect_capacities():
    assocs, vols = random_assocs(300, 11, districts=4), random_vols(200, 12, districts=4)
    edges = mentoring_edges(assocs, vols)
    cap = vols.max_mentees
    result = assign_mentors(edges, cap)
    assert result.total_fit == lp_optimum(edges, cap).total_fit
    assert (np.bincount(result.volunteer, minlength=vols.m) <= cap).all()
    assert len(set(result.association.tolist())) == len(result.association)
    two = assign_mentors(edges, cap, association_capacity=2)
    assert two.solver == "flow" and two.total_fit >= result.total_fit
    assert two.total_fit == lp_optimum(edges, cap, association_capacity=2).total_fit
    assert np.bincount(two.association).max() <= 2


def test_max_flow_bounds_the_mentored_count_and_is_reached_when_capacity_allows():
    assocs, vols = random_assocs(60, 21, districts=3), random_vols(25, 22, districts=3)
    edges = mentoring_edges(assocs, vols, per_need=None)
    tight = np.ones(vols.m, np.int64)
    bound = max_mentored_associations(edges, tight)
    assert len(assign_mentors(edges, tight).chosen) <= bound
    roomy = np.full(vols.m, assocs.n)
    everyone = len(np.unique(edges.association))
    assert max_mentored_associations(edges, roomy) == everyone == len(assign_mentors(edges, roomy).chosen)
    assert bound < everyone  # the tight case is really tight


def test_two_mentors_per_association_against_brute_force():
    assocs, vols = random_assocs(6, 8, districts=2), random_vols(5, 58, districts=2)  # 14 edges: 2^14 subsets
    edges = mentoring_edges(assocs, vols, per_need=None)
    cap = np.minimum(vols.max_mentees, 2)
    assert len(edges) == 14
    best = 0
    for chosen in itertools.product([False, True], repeat=len(edges)):
        picked = np.flatnonzero(chosen)
        if (np.bincount(edges.association[picked], minlength=assocs.n) <= 2).all() and (
            np.bincount(edges.volunteer[picked], minlength=vols.m) <= cap
        ).all():
            best = max(best, int(edges.fit[picked].sum()))
    result = assign_mentors(edges, cap, association_capacity=2)
    assert 0 < result.total_fit == best
    assert len(set(zip(result.association.tolist(), result.volunteer.tolist(), strict=True))) == len(result.chosen)


def test_unknown_solvers_and_lapjv_with_two_mentors_are_refused():
    assocs, vols = random_assocs(6, 1, districts=2), random_vols(5, 2, districts=2)
    edges = mentoring_edges(assocs, vols, per_need=None)
    with pytest.raises(ValueError, match="solver must be one of"):
        assign_mentors(edges, vols.max_mentees, solver="greedy")
    with pytest.raises(ValueError, match="at most one mentor"):
        assign_mentors(edges, vols.max_mentees, association_capacity=2, solver="lapjv")
