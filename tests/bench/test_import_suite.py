"""The import suite on a tiny data set: each repetition into a fresh database, sane rates, a plot."""

from pathlib import Path

import pytest

from bench.data import dataset_file, record_count
from bench.import_suite import run_import_suite
from bench.options import RunOptions
from network.settings import Settings
from tests.bench.conftest import TINY


@pytest.mark.timeout(600)
def test_import_suite_measures_every_repetition(
    bench_settings: Settings, data_folder: Path, tiny: RunOptions, tmp_path: Path
) -> None:
    seen: list[tuple[str, int, int]] = []
    result = run_import_suite(bench_settings, data_folder, tmp_path, tiny, lambda *a: seen.append(a))

    records = record_count(dataset_file(data_folder, TINY, tiny.seed))
    runs = result.raw[str(TINY)]
    assert len(runs) == tiny.repetitions
    for run in runs:
        assert run["records"] == records
        assert run["validate_s"] > 0 and run["total_s"] > run["validate_s"]  # the import validates, then writes
        assert run["per_second"] == pytest.approx(records / run["total_s"])
    [table] = result.tables
    [row] = table.rows
    rates = sorted(run["per_second"] for run in runs)
    assert row[:3] == [str(TINY), records, tiny.repetitions]
    assert row[4] == rates[0] and row[5] == rates[-1] and rates[0] <= row[3] <= rates[-1]
    assert result.raw["neo4j_server"].startswith("Neo4j/5.26")
    assert [p.name for p in result.plots] == ["import_records_per_second.png"] and result.plots[0].exists()
    assert seen[-1] == ("import", tiny.repetitions, tiny.repetitions)
