"""Import throughput: records per second for a generated file, into an empty database."""

import asyncio
import json
import time
from dataclasses import dataclass
from pathlib import Path

from graph_schema.catalogue.loader import load_catalogue
from graph_schema.migrate import apply_migrations
from network.kit.database import Database, open_driver
from network.settings import Settings
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
    records = sum(len(document.get(k, [])) for k in ("associations", "volunteers", "connections", "events"))

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
