"""Micro-benchmark of the matching core on random tables: `python -m bench.matching_core --associations N ...`.

Random tables (no catalogue, no I/O): 73 tools with a long-tailed popularity (57% down to 1%, about 8 used per
association), 35 skills, 18 fields, 11 target groups, 12 districts on a ring with a few chords, 3 volunteers per
association. Prints wall time and the tracemalloc peak of each stage, the sparse-product comparison, and how much of
the exhaustive top-k score the anchored peer search keeps on a sample of rows. `--compare-lapjv` also runs the former
LAPJV assignment on the same edges and checks that both reach the same optimum.
"""

import argparse
import time
import tracemalloc
from collections.abc import Callable
from typing import TypeVar

import numpy as np
import scipy.sparse as sp

from network.matching.assignment import FLOW, LAPJV, assign_mentors, max_mentored_associations
from network.matching.districts import DistrictMap
from network.matching.inputs import AssociationTable, Vocabulary, VolunteerTable
from network.matching.mentoring import mentoring_edges
from network.matching.peer_features import idf
from network.matching.peers import suggest_peers

T, S, F, G, D = 73, 35, 18, 11, 12
LANGUAGES = ("de", "en", "tr", "ar", "pl", "ru")
PLAIN_PRODUCT_MAX_CELLS = 4e8  # skip X @ X.T above this many non-zeros (about 5 GB)


def random_tables(n: int, seed: int = 0) -> tuple[AssociationTable, VolunteerTable, DistrictMap]:
    rng = np.random.default_rng(seed)
    vocab = Vocabulary(
        tools=tuple(f"t{i:02d}" for i in range(T)),
        skills=tuple(f"s{i:02d}" for i in range(S)),
        fields=tuple(f"f{i:02d}" for i in range(F)),
        target_groups=tuple(f"g{i:02d}" for i in range(G)),
        districts=tuple(f"d{i:02d}" for i in range(D)),
        languages=LANGUAGES,
    )
    share = 0.57 * (np.arange(1, T + 1) ** -0.95)
    share = np.clip(share * 9.3 / share.sum(), 0.01, 0.57)
    uses = rng.random((n, T)) < share
    proficiency = np.where(uses, rng.choice([1, 2, 3], size=(n, T), p=[0.35, 0.45, 0.2]), 0).astype(np.int8)
    need = rng.random((n, S)) < 2.4 / S
    assocs = AssociationTable(
        vocab=vocab,
        keys=tuple(f"a{i}" for i in range(n)),
        proficiency=proficiency,
        considers=~uses & (rng.random((n, T)) < 0.6 / T),
        fields=rng.random((n, F)) < 1.7 / F,
        target_groups=rng.random((n, G)) < 0.4 / G,
        district=rng.integers(0, D, n).astype(np.int16),
        paid_staff=np.where(rng.random(n) < 0.3, 2, 0).astype(np.int32),
        languages=np.hstack([np.ones((n, 1), bool), rng.random((n, len(LANGUAGES) - 1)) < 0.05]),
        main_language=np.zeros(n, np.int16),
        need_level=np.where(need, rng.integers(2, 7, (n, S)), 0).astype(np.int8),
        need_priority=np.where(need, rng.integers(1, 4, (n, S)), 0).astype(np.int8),
        reported=uses & (rng.random((n, T)) < 0.02),
    )
    m = 3 * n
    offers = rng.random((m, S)) < 2.4 / S
    vols = VolunteerTable(
        vocab=vocab,
        keys=tuple(f"v{i}" for i in range(m)),
        district=rng.integers(0, D, m).astype(np.int16),
        remote=rng.random(m) < 0.4,
        languages=np.hstack([np.ones((m, 1), bool), rng.random((m, len(LANGUAGES) - 1)) < 0.15]),
        hours=rng.integers(1, 20, m).astype(np.int16),
        max_mentees=rng.choice([1, 2, 3], m, p=[0.45, 0.35, 0.2]).astype(np.int16),
        level=np.where(offers, rng.integers(1, 9, (m, S)), 0).astype(np.int8),
        proficiency=np.where(rng.random((m, T)) < 3 / T, 2, 0).astype(np.int8),
    )
    ring = np.zeros((D, D), bool)
    for i in range(D):
        ring[i, (i + 1) % D] = ring[(i + 1) % D, i] = True
    ring[0, 6] = ring[6, 0] = ring[3, 9] = ring[9, 3] = True
    return assocs, vols, DistrictMap(slugs=vocab.districts, neighbours=ring, outer=np.arange(D) >= 6)


Measured = TypeVar("Measured")


def measure(label: str, fn: Callable[[], Measured], report: list[str]) -> Measured:
    tracemalloc.start()
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    report.append(f"  {label:<42} {seconds:8.2f} s   peak {peak / 2**20:8.0f} MiB")
    return result


def plain_product(assocs: AssociationTable) -> int:
    uses = assocs.proficiency > 0
    x = sp.csr_array(uses * idf(uses)[None, :]).astype(np.float32)
    return int((x @ x.T).nnz)


def run(n: int, sample: int, seed: int, compare_lapjv: bool = False) -> list[str]:
    report = [f"N = {n} associations, {3 * n} volunteers"]
    assocs, vols, districts = random_tables(n, seed)
    report.append(f"  tools per association {(assocs.proficiency > 0).sum(axis=1).mean():.1f}")
    peers = measure("peers (suggest_peers, default)", lambda: suggest_peers(assocs, districts), report)
    if n > 10_000:
        measure("peers, anchors=1", lambda: suggest_peers(assocs, districts, anchors=1), report)
    rows = np.random.default_rng(seed).choice(n, size=min(sample, n), replace=False)
    exact = measure(
        f"exhaustive peers for {len(rows)} sample rows",
        lambda: suggest_peers(assocs, districts, rows=rows, anchors=None),
        report,
    )
    kept = peers.points[rows].sum() / max(1, exact.points[rows].sum())
    same = np.mean([set(peers.candidates[r]) == set(exact.candidates[r]) for r in rows])
    report.append(f"  anchored top-20 keeps {kept:.3f} of the exhaustive score; identical lists {same:.2f}")
    uses = assocs.proficiency > 0
    cells = int((uses.sum(axis=0).astype(np.int64) ** 2).sum())
    if cells <= PLAIN_PRODUCT_MAX_CELLS:
        measure(f"plain scipy X @ X.T (IDF tools, nnz {cells:.2e})", lambda: plain_product(assocs), report)
    else:
        report.append(f"  plain scipy X @ X.T skipped: {cells:.2e} non-zeros, about {cells * 12 / 2**30:.0f} GiB")
    measure("reasons of 1000 associations", lambda: [peers.for_association(r) for r in range(min(n, 1000))], report)
    edges = measure("mentoring edges (default per_need)", lambda: mentoring_edges(assocs, vols), report)
    report.append(f"  mentoring edges {len(edges)}")
    result = measure("assignment (min-cost flow, OR-Tools)", lambda: assign_mentors(edges, vols.max_mentees), report)
    if compare_lapjv:
        before = measure(
            "assignment (LAPJV, slots expanded; former)",
            lambda: assign_mentors(edges, vols.max_mentees, solver=LAPJV),
            report,
        )
        verdict = "same" if before.total_fit == result.total_fit else "DIFFERENT"
        report.append(f"  {LAPJV} total fit {before.total_fit}, {FLOW} {result.total_fit}: {verdict} optimum")
    bound = measure("max-flow bound", lambda: max_mentored_associations(edges, vols.max_mentees), report)
    report.append(f"  mentored {len(result.chosen)} of {bound} possible, total fit {result.total_fit}")
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--associations", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--sample", type=int, default=200, help="rows checked against the exhaustive search")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--compare-lapjv",
        action="store_true",
        help="also solve with the former LAPJV assignment (slow at 100k) and compare the optimum",
    )
    args = parser.parse_args(argv)
    for n in args.associations:
        for line in run(n, args.sample, args.seed, args.compare_lapjv):
            print(line, flush=True)


if __name__ == "__main__":
    main()
