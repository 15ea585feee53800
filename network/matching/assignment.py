"""Optimal capacitated mentor assignment over candidate edges, and the max-flow bound on mentored associations.

The problem: choose edges maximising the total fit, each association at most `association_capacity` mentors (1 by
default, a setting), each volunteer at most maxMentees associations, an edge at most once. Everyone at once, not
first come first served.

Solver. A min-cost flow (OR-Tools' SimpleMinCostFlow, cost-scaling push-relabel in C++): source ->
association (capacity: its mentors) -> volunteer (capacity 1 per edge, cost -fit) -> sink (capacity: maxMentees),
plus a free arc source -> sink so that leaving someone without a mentor is allowed. Flow problems with integer
capacities have integral optima, so the flow is an exact optimal assignment for any capacities; at 100k associations
it takes a few seconds.

Two independent exact solvers check it (tests and the benchmark): `lp_optimum` solves the same linear programme
with HiGHS (its constraint matrix is a bipartite incidence matrix, totally unimodular, so the vertex is integral,
checked), and `solver="lapjv"` solves the one-mentor case as an assignment problem with the volunteers' slots
expanded (scipy's sparse LAPJV; one column per volunteer slot plus a private "no mentor" column per association),
which was the production solver before the flow and takes about eight times its CPU time at 100k associations.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from ortools.graph.python import min_cost_flow
from scipy.optimize import linprog
from scipy.sparse.csgraph import maximum_flow, min_weight_full_bipartite_matching

from network.matching.mentoring import MentoringEdges

FLOW, LAPJV, HIGHS = "flow", "lapjv", "highs"


@dataclass(frozen=True)
class Assignment:
    chosen: npt.NDArray[np.int64]  # indices into the edges, ascending
    association: npt.NDArray[np.int64]  # per chosen edge
    volunteer: npt.NDArray[np.int64]  # per chosen edge
    fit: npt.NDArray[np.int64]  # per chosen edge
    total_fit: int
    solver: str


def assign_mentors(
    edges: MentoringEdges,
    volunteer_capacity: np.ndarray,
    association_capacity: int | np.ndarray = 1,
    *,
    solver: str = FLOW,
) -> Assignment:
    """The optimal assignment; `solver` "flow" (default), "highs" (the LP) or "lapjv" (one mentor per association)."""
    cap_v, cap_a = _capacities(edges, volunteer_capacity, association_capacity)
    if solver == FLOW:
        chosen = _min_cost_flow(edges, cap_v, cap_a)
    elif solver == HIGHS:
        chosen = _lp(edges, cap_v, cap_a)
    elif solver == LAPJV:
        if (cap_a > 1).any():
            raise ValueError("the lapjv solver takes at most one mentor per association")
        chosen = _assignment_problem(edges, cap_v, cap_a)
    else:
        raise ValueError(f"solver must be one of {FLOW}, {HIGHS}, {LAPJV}, not '{solver}'")
    chosen = np.sort(chosen)
    return Assignment(
        chosen=chosen,
        association=edges.association[chosen],
        volunteer=edges.volunteer[chosen],
        fit=edges.fit[chosen],
        total_fit=int(edges.fit[chosen].sum()),
        solver=solver,
    )


def lp_optimum(
    edges: MentoringEdges, volunteer_capacity: np.ndarray, association_capacity: int | np.ndarray = 1
) -> Assignment:
    """The same optimum through the LP (an independent check of the flow solver)."""
    return assign_mentors(edges, volunteer_capacity, association_capacity, solver=HIGHS)


def _capacities(
    edges: MentoringEdges, volunteer_capacity: np.ndarray, association_capacity: int | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    cap_v = np.asarray(volunteer_capacity, np.int64).reshape(-1)
    cap_a = np.broadcast_to(np.asarray(association_capacity, np.int64), (edges.n_associations,))
    if len(cap_v) != edges.n_volunteers or (cap_v < 0).any() or (cap_a < 0).any():
        raise ValueError("capacities must be non-negative, one per volunteer (and per association)")
    return cap_v, cap_a


def _min_cost_flow(edges: MentoringEdges, cap_v: np.ndarray, cap_a: np.ndarray) -> npt.NDArray[np.intp]:
    usable = np.flatnonzero((cap_a[edges.association] > 0) & (cap_v[edges.volunteer] > 0) & (edges.fit > 0))
    if len(usable) == 0:
        return usable
    # only the parties of usable edges become nodes: 0 source, 1.. associations, then volunteers, then the sink
    assocs, a = _relabel(edges.association[usable], edges.n_associations)
    vols, v = _relabel(edges.volunteer[usable], edges.n_volunteers)
    na, nv = len(assocs), len(vols)
    sink = na + nv + 1
    supply = int(min(cap_a[assocs].sum(), cap_v[vols].sum()))
    tails = np.concatenate([np.zeros(na, np.int64), 1 + a, 1 + na + np.arange(nv), [0]])
    heads = np.concatenate([1 + np.arange(na), 1 + na + v, np.full(nv, sink), [sink]])
    caps = np.concatenate([cap_a[assocs], np.ones(len(usable), np.int64), cap_v[vols], [supply]])
    costs = np.concatenate([np.zeros(na, np.int64), -edges.fit[usable], np.zeros(nv + 1, np.int64)])
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_nodes_supplies(np.array([0, sink]), np.array([supply, -supply]))
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"the assignment flow failed: {status}")
    chosen: npt.NDArray[np.intp] = usable[flow.flows(arcs[na : na + len(usable)]) > 0]
    return chosen


def _relabel(ids: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(ids, return_inverse=True)` for ids in 0..n-1, by counting instead of sorting."""
    present = np.bincount(ids, minlength=n) > 0
    return np.flatnonzero(present), (np.cumsum(present) - 1)[ids]


def _assignment_problem(edges: MentoringEdges, cap_v: np.ndarray, cap_a: np.ndarray) -> np.ndarray:
    usable = np.flatnonzero((cap_a[edges.association] > 0) & (cap_v[edges.volunteer] > 0) & (edges.fit > 0))
    if len(usable) == 0:
        return usable
    a, v, w = edges.association[usable], edges.volunteer[usable], edges.fit[usable]
    rows_of, row = np.unique(a, return_inverse=True)
    vols, col = np.unique(v, return_inverse=True)
    slots = cap_v[vols]
    first_slot = np.concatenate([[0], np.cumsum(slots)])
    copies = slots[col]  # one cell per edge and slot of its volunteer
    edge_of_cell = np.repeat(np.arange(len(a)), copies)
    slot_of_cell = first_slot[col][edge_of_cell] + (
        np.arange(len(edge_of_cell)) - np.repeat(np.cumsum(copies) - copies, copies)
    )
    n_rows, n_slots = len(rows_of), int(first_slot[-1])
    big = int(w.max()) + 1
    cost = np.concatenate([big - w[edge_of_cell], np.full(n_rows, big)]).astype(float)
    matrix = sp.csr_array(
        (
            cost,
            (
                np.concatenate([row[edge_of_cell], np.arange(n_rows)]),
                np.concatenate([slot_of_cell, n_slots + np.arange(n_rows)]),
            ),
        ),
        shape=(n_rows, n_slots + n_rows),
    )
    matched_row, matched_col = min_weight_full_bipartite_matching(matrix)
    real = matched_col < n_slots
    slot_volunteer = np.repeat(np.arange(len(vols)), slots)
    pair = row.astype(np.int64) * len(vols) + col
    key = matched_row[real].astype(np.int64) * len(vols) + slot_volunteer[matched_col[real]]
    order = np.argsort(pair)  # (row, col) pairs are unique
    return usable[order[np.searchsorted(pair[order], key)]]


def _lp(edges: MentoringEdges, cap_v: np.ndarray, cap_a: np.ndarray) -> np.ndarray:
    k = len(edges)
    if k == 0:
        return np.zeros(0, np.int64)
    cols = np.arange(k)
    matrix = sp.vstack(
        [
            sp.csr_array((np.ones(k), (edges.association, cols)), shape=(edges.n_associations, k)),
            sp.csr_array((np.ones(k), (edges.volunteer, cols)), shape=(edges.n_volunteers, k)),
        ]
    ).tocsr()
    limits = np.concatenate([cap_a, cap_v]).astype(float)
    res = linprog(  # type: ignore[call-overload]  # scipy-stubs types A_ub as dense only; HiGHS takes a sparse one
        -edges.fit.astype(float), A_ub=matrix, b_ub=limits, bounds=(0, 1), method="highs-ds"
    )
    if res.status != 0:
        raise RuntimeError(f"the assignment LP failed: {res.message}")
    if np.abs(res.x - np.rint(res.x)).max() > 1e-6:
        raise RuntimeError("the assignment LP returned a fractional vertex")
    return np.flatnonzero(np.rint(res.x) == 1)


def max_mentored_associations(edges: MentoringEdges, volunteer_capacity: np.ndarray) -> int:
    """How many associations could get a mentor at all over these edges: a max flow source -> association (1) ->
    volunteer (1 per edge) -> sink (maxMentees). An upper bound on the associations any assignment serves."""
    na, nv = edges.n_associations, edges.n_volunteers
    if len(edges) == 0:
        return 0
    sink = na + nv + 1
    assoc = np.unique(edges.association)
    cap_v = np.asarray(volunteer_capacity, np.int64)
    tails = np.concatenate([np.zeros(len(assoc), np.int64), 1 + edges.association, 1 + na + np.arange(nv)])
    heads = np.concatenate([1 + assoc, 1 + na + edges.volunteer, np.full(nv, sink)])
    caps = np.concatenate([np.ones(len(assoc)), np.ones(len(edges)), cap_v]).astype(np.int32)
    graph = sp.csr_array((caps, (tails, heads)), shape=(sink + 1, sink + 1))
    graph.sum_duplicates()
    return int(maximum_flow(graph, 0, sink).flow_value)
