"""Live mentoring repair against the full solve: `python -m bench.mentoring_repair --associations N --changes K`.

On random tables (bench/matching_core.py: 3 volunteers per association, 35 skills, 12 districts) the state starts
from the full run's edges and optimal assignment, then applies K random changes one by one: an association or a
volunteer takes another party's profile, new parties, deletions, a mentorship accepted (capacities fall and the
pair leaves), a proposal declined. Prints the time per repair (all, and per kind of change), the size of the local
problems, resident memory, and the total-fit gap to a full solve as the nightly run does it on the changed tables
(same eligible edges rule, same capacities and exclusions), and to the optimum over the state's own candidate edges
(what the repair alone costs; a changed party's candidates are exact, so the state can beat the full run's pruned
edges). The baseline "constraints only" applies the same changes but never re-solves: it only drops what a change
makes invalid, which is what a state without repair could do between nightly runs.
"""

import argparse
import dataclasses
import time
from typing import Any

import numpy as np

from bench.matching_core import random_tables
from network.matching.assignment import assign_mentors
from network.matching.inputs import AssociationTable, VolunteerTable
from network.matching.live_mentoring import LiveMentoring, MentoringChange, table_rows
from network.matching.mentoring import mentoring_edges

KINDS = ("association", "volunteer", "new association", "new volunteer", "delete", "mentorship", "decline")
WEIGHTS = (0.35, 0.25, 0.05, 0.05, 0.05, 0.1, 0.15)


def start(assocs: AssociationTable, vols: VolunteerTable, max_local: int | None = None) -> LiveMentoring:
    edges = mentoring_edges(assocs, vols)
    chosen = assign_mentors(edges, vols.max_mentees.astype(np.int64), np.ones(assocs.n, np.int64))
    extra: dict[str, Any] = {} if max_local is None else {"max_local": max_local}
    return LiveMentoring(assocs, vols, edges, chosen.chosen, np.zeros(assocs.n), np.zeros(vols.m), **extra)


def random_change(live: LiveMentoring, rng: np.random.Generator, step: int) -> tuple[str, MentoringChange]:
    """A change drawn from the world itself (a party takes the profile of another one of its side), and its kind."""
    kind = KINDS[rng.choice(len(KINDS), p=WEIGHTS)]
    return kind, _change(live, rng, step, kind)


def _change(live: LiveMentoring, rng: np.random.Generator, step: int, kind: str) -> MentoringChange:
    assocs, vols = live.assocs, live.vols
    a, b = (int(x) for x in rng.choice(np.flatnonzero(~live.a_gone), 2))
    v, w = (int(x) for x in rng.choice(np.flatnonzero(~live.v_gone), 2))
    if kind == "association":
        return MentoringChange(associations=_as(assocs, b, assocs.keys[a]))
    if kind == "volunteer":
        return MentoringChange(volunteers=_as(vols, w, vols.keys[v]))
    if kind == "new association":
        return MentoringChange(associations=_as(assocs, b, f"new-a{step}"))
    if kind == "new volunteer":
        return MentoringChange(volunteers=_as(vols, w, f"new-v{step}"))
    if kind == "delete":
        if rng.random() < 0.5:
            return MentoringChange(removed_associations=(assocs.keys[a],))
        return MentoringChange(removed_volunteers=(vols.keys[v],))
    assigned = np.flatnonzero(live.mentor >= 0)
    if not len(assigned):
        return MentoringChange()
    a = int(rng.choice(assigned))
    v = int(live.mentor[a])
    pair = ((assocs.keys[a], vols.keys[v]),)
    if kind == "decline":
        return MentoringChange(excluded=pair)
    return MentoringChange(
        mentors={assocs.keys[a]: int(live.mentors[a]) + 1},
        mentees={vols.keys[v]: int(live.mentees[v]) + 1},
        excluded=pair,
    )


def _as(table: Any, row: int, key: str) -> Any:
    return dataclasses.replace(table_rows(table, np.array([row])), keys=(key,))


def full_solve(live: LiveMentoring) -> int:
    """The nightly run's total fit on the parties as they are now."""
    present_a, present_v = np.flatnonzero(~live.a_gone), np.flatnonzero(~live.v_gone)
    edges = mentoring_edges(table_rows(live.assocs, present_a), table_rows(live.vols, present_v))
    span = max(live.vols.m, 1)
    pair = present_a[edges.association] * span + present_v[edges.volunteer]
    excluded = np.array([a * span + v for a, v in live.excluded], np.int64)
    keep = ~np.isin(pair, excluded)
    edges = dataclasses.replace(
        edges, association=edges.association[keep], volunteer=edges.volunteer[keep], fit=edges.fit[keep]
    )
    cap_v, cap_a = live.capacities()
    return assign_mentors(edges, cap_v[present_v], cap_a[present_a]).total_fit


def run(n: int, changes: int, seed: int) -> dict[str, Any]:
    assocs, vols, _ = random_tables(n, seed)
    began = time.perf_counter()
    live = start(assocs, vols)
    build_s = time.perf_counter() - began
    baseline = start(assocs, vols, max_local=0)
    rng = np.random.default_rng(seed)
    seconds, local, edges = [], [], []
    by_kind: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for step in range(changes):
        kind, change = random_change(live, rng, step)
        began = time.perf_counter()
        repair = live.apply(change)
        seconds.append(time.perf_counter() - began)
        by_kind[kind].append(seconds[-1])
        local.append(repair.local)
        edges.append(repair.edges)
        baseline.apply(change)
    full = full_solve(live)
    cap_v, cap_a = live.capacities()
    own = assign_mentors(live.current_edges(), cap_v, cap_a).total_fit  # the optimum over the state's own edges
    return {
        "associations": n,
        "volunteers": vols.m,
        "changes": changes,
        "build_s": round(build_s, 2),
        "repair_ms_p50": round(1000 * float(np.median(seconds)), 1),
        "repair_ms_p95": round(1000 * float(np.percentile(seconds, 95)), 1),
        "repair_ms_max": round(1000 * max(seconds), 1),
        "local_p50": int(np.median(local)),
        "local_max": max(local),
        "local_edges_p50": int(np.median(edges)),
        "state_mb": round(live.nbytes() / 2**20, 1),
        "full_fit": full,
        "live_fit": live.total_fit(),
        "gap_percent": round(100 * (1 - live.total_fit() / full), 3) if full else 0.0,
        "own_edges_gap_percent": round(100 * (1 - live.total_fit() / own), 3) if own else 0.0,
        "constraints_only_gap_percent": round(100 * (1 - baseline.total_fit() / full), 3) if full else 0.0,
        "mentored_live": int((live.mentor >= 0).sum()),
        "mentored_constraints_only": int((baseline.mentor >= 0).sum()),
        **{
            f"ms_p50_p95 {kind}": (
                round(1000 * float(np.median(found)), 1),
                round(1000 * float(np.percentile(found, 95)), 1),
            )
            for kind, found in by_kind.items()
            if found
        },
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--associations", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--changes", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for n in args.associations:
        for name, value in run(n, args.changes, args.seed).items():
            print(f"  {name:<30} {value}", flush=True)


if __name__ == "__main__":
    main()
