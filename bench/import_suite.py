"""Import throughput: records per second for a generated file, into an empty database."""

import asyncio
import json
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.data import RECORD_KINDS, dataset_file
from bench.machine import neo4j_server
from bench.options import Progress, RunOptions, quiet, scale_label
from bench.plots import line_plot
from bench.results import SuiteResult, Table
from bench.stack import fresh
from graph_schema.catalogue.loader import load_catalogue
from graph_schema.migrate import apply_migrations
from network.kit.database import Database, open_driver
from network.settings import Settings
from network.stack import stack
from network.transfer.service import import_document, validate


@dataclass(frozen=True)
class ImportResult:
    records: int
    validate_s: float
    total_s: float

    @property
    def per_second(self) -> float:
        return self.records / self.total_s


def run_import(settings: Settings, file: Path) -> ImportResult:
    document = json.loads(file.read_text(encoding="utf-8"))
    records = sum(len(document.get(kind, [])) for kind in RECORD_KINDS)

    async def measure() -> ImportResult:
        driver = open_driver(settings)
        db = Database(driver, settings.neo4j_database, timeout_s=600)
        try:
            await apply_migrations(driver, db.name)
            await load_catalogue(driver, db.name)
            started = time.perf_counter()
            await validate(db, document)  # timed alone, to show its share of the import
            validated = time.perf_counter()
            await import_document(db, document)  # validates again, then writes: the import as a user runs it
            return ImportResult(records, validated - started, time.perf_counter() - validated)
        finally:
            await driver.close()

    return asyncio.run(measure())


def run_import_suite(
    settings: Settings, data_folder: Path, results_dir: Path, options: RunOptions, progress: Progress = quiet
) -> SuiteResult:
    """Records per second at each scale, each repetition into a freshly started, empty database."""
    result = SuiteResult("import")
    rows, by_scale = [], {}
    steps, done = len(options.scales) * options.repetitions, 0
    for associations in options.scales:
        file = dataset_file(data_folder, associations, options.seed)
        runs = []
        for _ in range(options.repetitions):
            progress("import", done, steps)
            started = fresh(settings)
            try:
                result.raw.setdefault("neo4j_server", neo4j_server(settings))
                runs.append(run_import(settings, file))
            finally:
                stack.down(settings, started)
            done += 1
        rates = [r.per_second for r in runs]
        by_scale[associations] = rates
        rows.append(
            [
                scale_label(associations),
                runs[0].records,
                len(runs),
                statistics.median(rates),
                min(rates),
                max(rates),
                statistics.median(r.total_s for r in runs),
                statistics.median(r.validate_s for r in runs),
            ]
        )
        result.raw[scale_label(associations)] = [asdict(r) | {"per_second": r.per_second} for r in runs]
    progress("import", steps, steps)
    result.tables.append(
        Table(
            "Import throughput (records: associations, volunteers, connections, events)",
            ["scale", "records", "runs", "records/s median", "min", "max", "import s median", "validation s median"],
            rows,
        )
    )
    scales = sorted(by_scale)
    result.plots.append(
        line_plot(
            results_dir / "import_records_per_second.png",
            "Import throughput by scale",
            "associations",
            "records per second",
            [("median", scales, [statistics.median(by_scale[s]) for s in scales])],
            spread=[([min(by_scale[s]) for s in scales], [max(by_scale[s]) for s in scales])],
            log=len(scales) > 1,
        )
    )
    result.notes += [
        "Each run starts Neo4j afresh on an empty data folder, applies the migrations and loads the catalogue "
        "(untimed), then imports the file as `network import` does: validation of every record, then the writes. "
        "Every run is a cold start, so there is no warm-up and the runs are alike.",
        "`import s` is the whole import (it validates again inside); `validation s` is the validation alone, timed "
        "separately to show its share.",
    ]
    return result
