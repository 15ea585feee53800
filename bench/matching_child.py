"""One matching measurement in a process of its own, so its peak memory is its own: prints one JSON line.

`python -m bench.matching_child recompute` runs the full recompute (what `network match` runs);
`... similarity --repetitions N` times the core's peer scoring and the plain scipy product on the same table.
Settings come from the environment, as for every other command.
"""

import argparse
import asyncio
import json
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from prometheus_client import REGISTRY

from bench.matching_core import PLAIN_PRODUCT_MAX_CELLS, plain_product
from network.kit.database import Database, open_driver
from network.matching.inputs import AssociationTable
from network.matching.peers import suggest_peers
from network.settings import Settings
from network.suggestions import tables
from network.suggestions.loading import load_parties
from network.suggestions.recompute import recompute_all

WARM_UP_UP_TO = 10_000  # above this a warm-up run costs minutes and the first run pays no one-off cost worth it


def peak_rss_mb() -> float:
    """This process's own peak RSS. Linux's ru_maxrss survives exec, so a child would inherit its parent's peak;
    VmHWM belongs to the process's own address space."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # elsewhere: KiB on Linux, the best there is


async def with_db(work: Callable[[Database], Any]) -> Any:
    settings = Settings()
    driver = open_driver(settings)
    try:
        return await work(Database.from_settings(driver, settings))
    finally:
        await driver.close()


async def recompute(db: Database, refit: bool = True) -> dict[str, Any]:
    baseline = peak_rss_mb()
    started = time.perf_counter()
    counts = await recompute_all(db, refit=refit)  # refit: as the nightly run, which refits the peer weights
    return {
        "wall_s": time.perf_counter() - started,
        "peak_rss_mb": peak_rss_mb(),
        "baseline_rss_mb": baseline,
        "associations": counts.associations,
        "volunteers": counts.volunteers,
        "peer": counts.peer,
        "mentoring": counts.mentoring,
        "seconds": counts.seconds,
        "writes": {"created": counts.created, "updated": counts.updated, "dropped": counts.dropped},
        "peer_writes": counts.peer_writes,
        # transactions the driver ran again (deadlocks between the write lanes among them), and batches that still
        # lost and were written again alone (suggestions/writing.py)
        "retries": REGISTRY.get_sample_value("network_database_retries_total") or 0,
        "busy": REGISTRY.get_sample_value("network_database_errors_total", {"kind": "busy"}) or 0,
    }


async def association_table(db: Database) -> AssociationTable:
    """The table the recompute scores, loaded the same way."""
    associations, _ = await load_parties(db)
    return associations


def timed(fn: Callable[[], Any], repetitions: int, warm_up: bool) -> list[float]:
    if warm_up:
        fn()
    seconds = []
    for _ in range(repetitions):
        started = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - started)
    return seconds


def similarity(assocs: AssociationTable, repetitions: int) -> dict[str, Any]:
    warm_up = assocs.n <= WARM_UP_UP_TO
    districts = tables.district_map()
    uses = assocs.proficiency > 0
    cells = int((uses.sum(axis=0).astype("int64") ** 2).sum())  # non-zeros of X @ X.T before summing duplicates
    found: dict[str, Any] = {
        "associations": assocs.n,
        "product_cells": cells,
        "warm_up": warm_up,
        "core_s": timed(lambda: suggest_peers(assocs, districts), repetitions, warm_up),
    }
    if cells <= PLAIN_PRODUCT_MAX_CELLS:
        found["plain_s"] = timed(lambda: plain_product(assocs), repetitions, warm_up)
    found["core_median_s"] = statistics.median(found["core_s"])
    found["plain_median_s"] = statistics.median(found["plain_s"]) if "plain_s" in found else None
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["recompute", "similarity"])
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--same-model", action="store_true", help="Recompute with the weights and statistics in use.")
    args = parser.parse_args(argv)
    if args.mode == "recompute":
        found = asyncio.run(with_db(lambda db: recompute(db, refit=not args.same_model)))
    else:
        found = similarity(asyncio.run(with_db(association_table)), args.repetitions)
    found["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(found), flush=True)


if __name__ == "__main__":
    main()
