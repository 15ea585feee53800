"""The insights suite: each staff insight timed on the generated graph with every suggestion computed, against the
target of one second (beyond it an insight is to be computed by a job and served from its last run)."""

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.api.prepare import load_graph
from bench.data import dataset_file
from bench.machine import neo4j_server
from bench.options import Progress, RunOptions, quiet, scale_label
from bench.plots import bar_plot, line_plot
from bench.results import SuiteResult, Table
from bench.stack import fresh
from network.insights import service
from network.insights.repository import InsightsRepository
from network.kit.database import Database, open_driver
from network.settings import Settings
from network.stack import stack

TARGET_S = 1.0
ALL = "all together, one transaction"  # what the `insights` query and `network insights` run
MIN_COUNT = 5


@dataclass
class ScaleTimes:
    associations: int
    suggestions: int = 0
    seconds: dict[str, list[float]] = field(default_factory=dict)  # insight key (or ALL): the timed runs


async def _suggestions(db: Database) -> int:
    rows = await db.read(lambda tx: InsightsRepository(tx).suggestion_funnel())
    return sum(row["proposed"] for row in rows)


async def _time(db: Database, key: str, repetitions: int) -> list[float]:
    """One untimed warm-up (query plans, page cache), then `repetitions` timed runs, each its own transaction."""

    async def once() -> None:
        if key == ALL:
            await service.insights(db, MIN_COUNT)
        else:
            await service.insight(db, key, MIN_COUNT)

    await once()
    runs = []
    for _ in range(repetitions):
        started = time.perf_counter()
        await once()
        runs.append(time.perf_counter() - started)
    return runs


def measure_scale(settings: Settings, associations: int, options: RunOptions, progress: Progress) -> ScaleTimes:
    """Times every insight, then all of them together, on the graph loaded into the running bench stack."""
    times = ScaleTimes(associations)
    keys = [*service.TABLES, ALL]
    step = f"insights {scale_label(associations)}"

    async def work() -> None:
        driver = open_driver(settings)
        db = Database(driver, settings.neo4j_database, timeout_s=600)
        try:
            times.suggestions = await _suggestions(db)
            for done, key in enumerate(keys):
                progress(step, done, len(keys))
                times.seconds[key] = await _time(db, key, options.repetitions)
            progress(step, len(keys), len(keys))
        finally:
            await driver.close()

    asyncio.run(work())
    return times


def measure(
    settings: Settings, data_folder: Path, options: RunOptions, progress: Progress
) -> tuple[str, list[ScaleTimes]]:
    """The Neo4j server's version and the times at each scale, each on a freshly started stack."""
    server, measured = "", []
    for associations in sorted(options.scales):
        file = dataset_file(data_folder, associations, options.seed)
        progress(f"insights {scale_label(associations)}: load and match", 0, 1)
        started = fresh(settings)
        try:
            server = server or neo4j_server(settings)
            load_graph(settings, file)
            progress(f"insights {scale_label(associations)}: load and match", 1, 1)
            measured.append(measure_scale(settings, associations, options, progress))
        finally:
            stack.down(settings, started)
    return server, measured


def timing_table(measured: list[ScaleTimes]) -> Table:
    rows = []
    for times in measured:
        for key, runs in times.seconds.items():
            median = statistics.median(runs)
            verdict = "yes" if median < TARGET_S else "no: a job"
            rows.append([scale_label(times.associations), key, len(runs), median, min(runs), max(runs), verdict])
    return Table(
        "Each insight on the whole graph (seconds, one read transaction each, after a warm-up)",
        ["scale", "insight", "runs", "median s", "min s", "max s", f"under {TARGET_S:g} s"],
        rows,
    )


def run_insights_suite(
    settings: Settings, data_folder: Path, results_dir: Path, options: RunOptions, progress: Progress = quiet
) -> SuiteResult:
    """Loads each scale's data set into a fresh bench stack, computes every suggestion, then times the insights."""
    result = SuiteResult("insights")
    result.raw["neo4j_server"], measured = measure(settings, data_folder, options, progress)
    result.tables.append(timing_table(measured))
    result.tables.append(
        Table(
            "The graph the insights read",
            ["scale", "associations", "suggestions"],
            [[scale_label(t.associations), t.associations, t.suggestions] for t in measured],
        )
    )
    for times in measured:
        result.raw[scale_label(times.associations)] = {"suggestions": times.suggestions, "seconds": times.seconds}
    keys = [*service.TABLES, ALL]
    for times in measured:
        result.plots.append(
            bar_plot(
                results_dir / f"insights_{scale_label(times.associations)}.png",
                f"Insights at {scale_label(times.associations)} associations (median, min-max)",
                "seconds",
                [(key, statistics.median(runs), min(runs), max(runs)) for key, runs in times.seconds.items()],
                target=TARGET_S,
            )
        )
    if len(measured) > 1:
        scales = [t.associations for t in measured]
        result.plots.append(
            line_plot(
                results_dir / "insights_time.png",
                "Insights on the whole graph by scale (median)",
                "associations",
                "seconds",
                [(key, scales, [statistics.median(t.seconds[key]) for t in measured]) for key in keys]
                + [(f"target ({TARGET_S:g} s)", scales, [TARGET_S] * len(scales))],
                log=True,
            )
        )
    result.notes += [
        "Each scale imports its data set into a freshly started, empty Neo4j and computes every suggestion as "
        "`network match` does (untimed), then times each insight as the service computes it: its query (peer "
        "exposure two), the association count and the privacy rules, in a read transaction of its own; then all "
        "all in one transaction, as the `insights` query and `network insights` take them.",
        f"One untimed warm-up per insight, then {options.repetitions} timed run(s); the target is {TARGET_S:g} s "
        "per insight. An insight above it is to be computed by a job and served from its last run with its time "
        "stamp.",
    ]
    return result
