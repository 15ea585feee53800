"""Live mentoring repair: after every change of a random sequence the assignment keeps every hard constraint, every
capacity and exclusion, its candidates carry their exact fit, the pairs it reports cover every proposal that moved,
and its total fit stays close to a full solve."""

import dataclasses

import numpy as np
import pytest

from network.matching.assignment import assign_mentors
from network.matching.inputs import AssociationTable, Need, VolunteerTable
from network.matching.live_mentoring import LiveMentoring, MentoringChange, table_rows
from network.matching.mentoring import edge_fit, mentoring_edges
from network.matching.weights import MENTOR_WEIGHTS
from tests.matching.builders import assoc, make_assocs, make_vols, random_assocs, random_vols, vol


def _renamed(table, rows, keys):  # type: ignore[no-untyped-def]
    return dataclasses.replace(table_rows(table, np.asarray(rows, np.int64)), keys=tuple(keys))


def _start(n: int, m: int, seed: int, keep: int = 32, max_local: int = 2000) -> LiveMentoring:
    assocs, vols = random_assocs(n, seed, districts=3), random_vols(m, seed + 1, districts=3)
    edges = mentoring_edges(assocs, vols, per_need=None)
    cap_v = vols.max_mentees.astype(np.int64)
    chosen = assign_mentors(edges, cap_v, np.ones(n, np.int64))
    return LiveMentoring(assocs, vols, edges, chosen.chosen, np.zeros(n), np.zeros(m), keep=keep, max_local=max_local)


def _random_change(live: LiveMentoring, donors: tuple[AssociationTable, VolunteerTable], rng, step: int):  # type: ignore[no-untyped-def]
    assocs, vols = live.assocs, live.vols
    d_assocs, d_vols = donors
    kind = rng.choice(["association", "volunteer", "new", "delete", "mentors", "mentees", "exclude", "include"])
    present_a = [a for a in range(assocs.n) if not live.a_gone[a]]
    present_v = [v for v in range(vols.m) if not live.v_gone[v]]
    if kind == "association":
        a = int(rng.choice(present_a))
        return MentoringChange(associations=_renamed(d_assocs, [rng.integers(d_assocs.n)], [assocs.keys[a]]))
    if kind == "volunteer":
        v = int(rng.choice(present_v))
        return MentoringChange(volunteers=_renamed(d_vols, [rng.integers(d_vols.m)], [vols.keys[v]]))
    if kind == "new":
        if rng.random() < 0.5:
            return MentoringChange(associations=_renamed(d_assocs, [rng.integers(d_assocs.n)], [f"new-a{step}"]))
        return MentoringChange(volunteers=_renamed(d_vols, [rng.integers(d_vols.m)], [f"new-v{step}"]))
    if kind == "delete":
        if rng.random() < 0.5:
            return MentoringChange(removed_associations=(assocs.keys[int(rng.choice(present_a))],))
        return MentoringChange(removed_volunteers=(vols.keys[int(rng.choice(present_v))],))
    if kind == "mentors":
        a = int(rng.choice(present_a))
        return MentoringChange(mentors={assocs.keys[a]: int(rng.integers(0, 2))})
    if kind == "mentees":
        v = int(rng.choice(present_v))
        return MentoringChange(mentees={vols.keys[v]: int(rng.integers(0, 3))})
    assigned = np.flatnonzero(live.mentor >= 0)
    if kind == "exclude" and len(assigned):
        a = int(rng.choice(assigned))  # the pair proposed now: declined
        return MentoringChange(excluded=((assocs.keys[a], vols.keys[int(live.mentor[a])]),))
    if live.excluded:
        a, v = sorted(live.excluded)[int(rng.integers(len(live.excluded)))]
        return MentoringChange(included=((assocs.keys[a], vols.keys[v]),))
    return MentoringChange()


def _check(live: LiveMentoring) -> None:
    assocs, vols = live.assocs, live.vols
    for a in range(assocs.n):
        cands, fits = live.cands[a], live.fits[a]
        if len(cands):
            exact = edge_fit(
                table_rows(assocs, np.array([a])),
                vols,
                np.zeros(len(cands), np.int64),
                cands.astype(np.int64),
                MENTOR_WEIGHTS,
            )
            assert fits.tolist() == exact.tolist(), f"stale fits in {assocs.keys[a]}'s candidates"
            assert (exact > 0).all(), "an ineligible candidate"
            assert not any((a, v) in live.excluded for v in cands.tolist()), "an excluded candidate"
        assert live.size[a] == len(cands) and live.weakest[a] == (int(fits.min()) if len(fits) else 0)
        v = int(live.mentor[a])
        if v >= 0:
            assert not live.a_gone[a] and not live.v_gone[v]
            assert live.cap_a(a) >= 1, "a mentor for an association that needs none"
            assert v in cands.tolist()
    load = np.bincount(live.mentor[live.mentor >= 0], minlength=vols.m)
    assert load.tolist() == live.load.tolist()
    assert all(load[v] <= live.cap_v(v) for v in range(vols.m)), "a volunteer above capacity"
    assert {(a, v) for v, held in live.holders.items() for a in held} == {
        (a, int(live.mentor[a])) for a in np.flatnonzero(live.mentor >= 0).tolist()
    }


def _gap(live: LiveMentoring) -> float:
    """1 - live total / a full solve's total over the same parties (every eligible edge, as the full run)."""
    present_a, present_v = np.flatnonzero(~live.a_gone), np.flatnonzero(~live.v_gone)
    assocs, vols = table_rows(live.assocs, present_a), table_rows(live.vols, present_v)
    edges = mentoring_edges(assocs, vols, per_need=None)
    keep = np.array(
        [
            (present_a[a], present_v[v]) not in live.excluded
            for a, v in zip(edges.association, edges.volunteer, strict=True)
        ],
        bool,
    )
    edges = dataclasses.replace(
        edges, association=edges.association[keep], volunteer=edges.volunteer[keep], fit=edges.fit[keep]
    )
    cap_v, cap_a = live.capacities()
    full = assign_mentors(edges, cap_v[present_v], cap_a[present_a]).total_fit
    return 1 - live.total_fit() / full if full else 0.0


@pytest.mark.parametrize("seed", range(3))
def test_random_changes_keep_constraints_and_report_every_move(seed):
    live = _start(60, 90, seed)
    donors = random_assocs(40, seed + 50, districts=3), random_vols(40, seed + 60, districts=3)
    rng = np.random.default_rng(seed)
    stored = {(a, v) for a, v, _ in live.assignment()}
    for step in range(150):
        repair = live.apply(_random_change(live, donors, rng, step))
        _check(live)
        now = {(a, v) for a, v, _ in live.assignment()}
        for pair in repair.pairs:  # what the applier writes: each reported pair as the state holds it now
            if pair in now:
                stored.add(pair)
            else:
                stored.discard(pair)
        assert stored == now, "a proposal moved that the repair did not report"


@pytest.mark.parametrize("seed", range(2))
def test_a_changed_association_gets_its_exact_best_candidates_after_any_changes(seed):
    """Its candidates are the `keep` best of every eligible, present, not excluded volunteer by exact fit, whatever
    changed before: the kept packed volunteer bits and exclusion index follow every change."""
    live = _start(50, 120, seed + 20, keep=6)
    donors = random_assocs(30, seed + 90, districts=3), random_vols(60, seed + 95, districts=3)
    rng = np.random.default_rng(seed + 3)
    for step in range(120):
        live.apply(_random_change(live, donors, rng, step))
    vols = live.vols
    for a in np.flatnonzero(~live.a_gone).tolist():
        fit = edge_fit(
            table_rows(live.assocs, np.array([a])), vols, np.zeros(vols.m, np.int64), np.arange(vols.m), MENTOR_WEIGHTS
        )
        usable = [
            (-int(f), v)
            for v, f in enumerate(fit.tolist())
            if f > 0 and not live.v_gone[v] and (a, v) not in live.excluded
        ]
        best = sorted(usable)[: live.keep]
        cands, fits = live._edges_of_association(a)
        assert list(zip((-fits).tolist(), cands.tolist(), strict=True)) == best


def test_a_change_the_mentoring_does_not_read_repairs_nothing_and_one_it_reads_does():
    live = _start(40, 80, 7)
    a = int(np.flatnonzero(live.mentor >= 0)[0])
    fields_only = _renamed(live.assocs, [a], [live.assocs.keys[a]])
    fields_only.fields[0] = ~fields_only.fields[0]
    fields_only.target_groups[0] = ~fields_only.target_groups[0]
    fields_only.paid_staff[0] += 3
    cands = live.cands[a].copy()
    repair = live.apply(MentoringChange(associations=fields_only))
    assert (repair.local, repair.pairs) == (0, frozenset())
    assert live.cands[a] is not None and live.cands[a].tolist() == cands.tolist()
    assert live.assocs.fields[a].tolist() == fields_only.fields[0].tolist()  # the row is written all the same

    # no tools any more: candidates who knew one lose their tool points, so the list is scored again
    tools = _renamed(live.assocs, [a], [live.assocs.keys[a]])
    tools.proficiency[0], tools.considers[0] = 0, False
    no_rows = np.zeros(len(live.cands[a]), np.int64)
    assert (edge_fit(tools, live.vols, no_rows, live.cands[a], MENTOR_WEIGHTS) < live.fits[a]).any()
    live.apply(MentoringChange(associations=tools))
    _check(live)  # no stale fit in its list

    district = _renamed(live.assocs, [a], [live.assocs.keys[a]])
    district.district[0] = (int(district.district[0]) + 1) % 3
    assert live.apply(MentoringChange(associations=district)).local > 0
    _check(live)


@pytest.mark.parametrize("seed", range(2))
def test_total_fit_stays_near_the_full_solve(seed):
    live = _start(120, 160, seed + 10)
    donors = random_assocs(60, seed + 70, districts=3), random_vols(60, seed + 80, districts=3)
    rng = np.random.default_rng(seed)
    for step in range(300):
        live.apply(_random_change(live, donors, rng, step))
    assert _gap(live) < 0.02


def test_a_small_neighbourhood_still_never_breaks_a_constraint():
    live = _start(60, 90, 5, keep=4, max_local=3)
    donors = random_assocs(40, 55, districts=3), random_vols(40, 65, districts=3)
    rng = np.random.default_rng(5)
    for step in range(150):
        live.apply(_random_change(live, donors, rng, step))
        _check(live)


def _pair_world(**first: object) -> LiveMentoring:
    """One volunteer with one slot; "urgent" (priority 1) holds it over "minor" (priority 3)."""
    assocs = make_assocs(
        assoc("urgent", district="mitte", needs=(Need("gdpr", 3, 1),), **first),
        assoc("minor", district="mitte", needs=(Need("gdpr", 3, 3),)),
    )
    vols = make_vols(vol("v", district="mitte", skills={"gdpr": 4}, max_mentees=1))
    edges = mentoring_edges(assocs, vols, per_need=None)
    chosen = assign_mentors(edges, np.ones(1, np.int64), np.ones(2, np.int64))
    return LiveMentoring(assocs, vols, edges, chosen.chosen, np.zeros(2), np.zeros(1))


def test_a_freed_slot_goes_to_the_association_next_in_line():
    live = _pair_world()
    assert live.assignment()[0][:2] == ("urgent", "v")
    repair = live.apply(MentoringChange(removed_associations=("urgent",)))
    assert [pair[:2] for pair in live.assignment()] == [("minor", "v")]
    assert repair.pairs == {("urgent", "v"), ("minor", "v")}


def test_a_changed_need_moves_the_mentor_and_back():
    live = _pair_world()
    no_longer = make_assocs(assoc("urgent", district="mitte", needs=(Need("web", 3, 1),)))
    live.apply(MentoringChange(associations=no_longer))
    assert [pair[:2] for pair in live.assignment()] == [("minor", "v")]
    again = make_assocs(assoc("urgent", district="mitte", needs=(Need("gdpr", 3, 1),)))
    live.apply(MentoringChange(associations=again))
    assert [pair[:2] for pair in live.assignment()] == [("urgent", "v")]


def test_an_accepted_mentorship_takes_the_slot_and_the_association_out():
    live = _pair_world()
    live.apply(MentoringChange(mentors={"urgent": 1}, mentees={"v": 1}, excluded=(("urgent", "v"),)))
    assert live.assignment() == []  # v's only slot is taken, "urgent" needs no further mentor
    live.apply(MentoringChange(volunteers=make_vols(vol("v", district="mitte", skills={"gdpr": 4}, max_mentees=2))))
    assert [pair[:2] for pair in live.assignment()] == [("minor", "v")]
