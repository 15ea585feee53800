"""`evaluate(document, truth)`: run the matching core on a data set and measure it against the planted truth.

Peer suggestions: precision@10 and nDCG@10 over the associations that have planted peers (a seeded sample of at
most `sample` of them on large sets: the baselines score all rows against all rows), next to five baselines: random,
most popular, Jaccard on tools, IDF-cosine on tools, and IDF-cosine over tools, fields, target groups and district.
Mentoring: hard-constraint violations rechecked on the input records, associations with a mentor against the
max-flow bound, total fit against the LP optimum (HiGHS) over the same candidate edges where the LP stays small.
Exposure: the share of top-10 slots that small associations and those serving under-represented groups get.
"""

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

import numpy as np

from graph_schema.catalogue.reference import read_catalogue
from network.evaluation.checks import Violations, mentoring_violations
from network.evaluation.dataset import Dataset, load_dataset
from network.evaluation.truth import relevant_peers
from network.matching.assignment import Assignment, assign_mentors, lp_optimum, max_mentored_associations
from network.matching.evaluation import (
    exposure_share,
    idf_cosine_peers,
    jaccard_peers,
    mean_over_rows,
    most_popular_peers,
    random_peers,
)
from network.matching.mentoring import MentoringEdges, auto_per_need, mentoring_edges, mentoring_reasons
from network.matching.peer_model import fit_to_profiles
from network.matching.peers import PeerSuggestions, suggest_peers

K = 10
DEFAULT_SAMPLE = 5_000
LP_MAX_EDGES = 500_000  # HiGHS on more candidate edges takes minutes; the optimum check is skipped above
T = TypeVar("T")


@dataclass
class Report:
    associations: int
    volunteers: int
    seconds: dict[str, float] = field(default_factory=dict)
    peers: dict[str, Any] = field(default_factory=dict)
    mentoring: dict[str, Any] = field(default_factory=dict)
    exposure: dict[str, Any] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)  # the peer weights fitted to the data set's profiles
    notes: list[str] = field(default_factory=list)

    def timed(self, stage: str, work: Callable[[], T]) -> T:
        started = time.perf_counter()
        result = work()
        self.seconds[stage] = round(time.perf_counter() - started, 3)
        return result

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def evaluate(document: Any, truth: Any, *, seed: int = 0, sample: int = DEFAULT_SAMPLE) -> Report:
    started = time.perf_counter()
    data = load_dataset(document)
    report = Report(associations=data.assocs.n, volunteers=data.vols.m)
    report.seconds["read tables"] = round(time.perf_counter() - started, 3)
    relevant = relevant_peers(truth, data)
    found = _core_peers(data, seed, report)
    # reasons are timed as part of the core (a recompute writes them) but not kept: 2M lists at 100k associations
    report.timed("peer reasons", lambda: sum(len(found.for_association(row)) for row in range(data.assocs.n)))
    per_need = auto_per_need(data.assocs, data.vols)
    edges = report.timed("mentoring edges", lambda: mentoring_edges(data.assocs, data.vols, per_need=per_need))
    chosen = report.timed("assignment", lambda: assign_mentors(edges, data.vols.max_mentees))
    report.timed(
        "mentoring reasons",
        lambda: sum(
            len(mentoring_reasons(data.assocs, data.vols, a, v))
            for a, v in zip(chosen.association.tolist(), chosen.volunteer.tolist(), strict=True)
        ),
    )
    report.seconds["core total"] = round(sum(v for k, v in report.seconds.items() if k != "read tables"), 3)
    report.peers = peer_metrics(data, found.candidates, relevant, seed, sample, report)
    report.mentoring = _mentoring_metrics(data, edges, chosen, per_need, report)
    report.exposure = _exposure(data, found.candidates)
    return report


BASELINES = ("random", "most popular", "jaccard on tools", "idf-cosine on tools", "idf-cosine, all signals")
RANKINGS = ("matching core", *BASELINES)


def peer_metrics(
    data: Dataset, core: np.ndarray, relevant: list[set[int]], seed: int, sample: int, report: Report
) -> dict[str, Any]:
    with_truth = np.flatnonzero([bool(r) for r in relevant])
    rows = with_truth
    if len(rows) > sample:
        rows = np.sort(np.random.default_rng(seed).choice(with_truth, size=sample, replace=False))
        report.notes.append(
            f"peer metrics over a seeded sample of {sample} of the {len(with_truth)} associations with planted peers"
        )
    chosen_rows = set(rows.tolist())
    scored = [relevant[i] if i in chosen_rows else set() for i in range(data.assocs.n)]
    n, excluded = data.assocs.n, data.connections
    rankings = {
        "matching core": core,
        "random": report.timed("baseline random", lambda: random_peers(n, K, seed=seed, excluded=excluded, rows=rows)),
        "most popular": report.timed(
            "baseline popular", lambda: most_popular_peers(data.assocs, K, excluded=excluded, rows=rows)
        ),
        "jaccard on tools": report.timed(
            "baseline jaccard", lambda: jaccard_peers(data.assocs, K, excluded=excluded, rows=rows)
        ),
        "idf-cosine on tools": report.timed(
            "baseline idf-cosine", lambda: idf_cosine_peers(data.assocs, K, excluded=excluded, rows=rows)
        ),
        "idf-cosine, all signals": report.timed(
            "baseline idf-cosine, all signals",
            lambda: idf_cosine_peers(data.assocs, K, districts=data.districts, excluded=excluded, rows=rows),
        ),
    }
    out: dict[str, Any] = {"k": K, "rows": len(rows), "rows_with_planted_peers": len(with_truth)}
    for name, candidates in rankings.items():
        metrics = mean_over_rows(candidates[:, :K], scored, K)
        out[name] = {"precision": round(metrics["precision"], 4), "ndcg": round(metrics["ndcg"], 4)}
    # what a perfect ranking would reach: precision@k has k in its denominator, and most rows have fewer peers
    out["best possible"] = {
        "precision": round(float(np.mean([min(K, len(scored[i])) / K for i in rows])), 4),
        "ndcg": 1.0,
    }
    return out


def evaluate_peers(document: Any, truth: Any, *, seed: int = 0, sample: int = DEFAULT_SAMPLE) -> Report:
    """Peer suggestions only (no mentoring): what `--variants` runs on every world."""
    data = load_dataset(document)
    report = Report(associations=data.assocs.n, volunteers=data.vols.m)
    relevant = relevant_peers(truth, data)
    found = _core_peers(data, seed, report)
    report.peers = peer_metrics(data, found.candidates, relevant, seed, sample, report)
    return report


def _core_peers(data: Dataset, seed: int, report: Report) -> PeerSuggestions:
    """The core's peer suggestions, with weights fitted to the data set's profiles as a deployment's first run does."""
    fit = report.timed("peer weights", lambda: fit_to_profiles(data.assocs, data.districts, seed=seed))
    report.weights = fit.weights.as_dict()
    return report.timed(
        "peers", lambda: suggest_peers(data.assocs, data.districts, excluded=data.connections, weights=fit.weights)
    )


def _mentoring_metrics(
    data: Dataset, edges: MentoringEdges, chosen: Assignment, per_need: int | None, report: Report
) -> dict[str, Any]:
    pairs = list(zip(chosen.association.tolist(), chosen.volunteer.tolist(), strict=True))
    violations: Violations = mentoring_violations(data.associations, data.volunteers, pairs)
    flow_bound = report.timed("max-flow bound", lambda: max_mentored_associations(edges, data.vols.max_mentees))
    # Pruned edges still give every association with an eligible volunteer at least one edge, so this count bounds
    # the max flow over all eligible edges from above, and the flow over the pruned edges bounds it from below.
    with_eligible = len(np.unique(edges.association))
    exact = per_need is None or flow_bound == with_eligible
    bound = flow_bound if exact else with_eligible
    if not exact:
        report.notes.append(
            f"max-flow bound over all eligible edges lies in [{flow_bound}, {with_eligible}]; "
            "the share uses the upper end"
        )
    out: dict[str, Any] = {
        "violations": asdict(violations) | {"total": violations.total},
        "candidate_edges": len(edges),
        "edges": "all eligible" if per_need is None else f"best {per_need} per need",
        "mentored": len(pairs),
        "max_flow_bound": bound,
        "bound_exact": exact,
        "mentored_share_of_bound": round(len(pairs) / bound, 4) if bound else 1.0,
        "total_fit": chosen.total_fit,
        "solver": chosen.solver,
    }
    if len(edges) <= LP_MAX_EDGES:
        optimum = report.timed("LP optimum", lambda: lp_optimum(edges, data.vols.max_mentees))
        out["lp_optimum"] = optimum.total_fit
        out["fit_share_of_optimum"] = round(chosen.total_fit / optimum.total_fit, 4) if optimum.total_fit else 1.0
    else:
        out["lp_optimum"] = None
        report.notes.append(f"LP optimum skipped: {len(edges)} candidate edges, more than {LP_MAX_EDGES}")
    return out


def under_represented_groups() -> set[str]:
    """Target groups of people (kind "person" in the catalogue): those that outreach aims to reach better.
    The "organisation" groups (small, outer-district, informal) describe the association itself."""
    return {g["slug"] for g in read_catalogue().target_groups if g["kind"] == "person"}


def _exposure(data: Dataset, core: np.ndarray) -> dict[str, Any]:
    vocab = data.assocs.vocab
    groups = [vocab.target_groups.index(g) for g in sorted(under_represented_groups()) if g in vocab.target_groups]
    cohorts = {
        "small (no paid staff)": data.assocs.paid_staff == 0,
        "serving under-represented groups": data.assocs.target_groups[:, groups].any(axis=1),
    }
    return {
        name: {
            "population_share": round(float(members.mean()), 4) if data.assocs.n else 0.0,
            "top10_exposure_share": round(exposure_share(core, members, K), 4),
        }
        for name, members in cohorts.items()
    }
