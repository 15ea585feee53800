"""The insights suite on a tiny data set: every insight timed after a warm-up, against the one-second target."""

from pathlib import Path

import pytest

from bench.insights_suite import ALL, TARGET_S, run_insights_suite
from bench.options import RunOptions
from network.insights.service import TABLES
from network.settings import Settings
from tests.bench.conftest import TINY


@pytest.mark.timeout(600)
def test_insights_suite_times_each_insight_and_all_of_them(
    bench_settings: Settings, data_folder: Path, tiny: RunOptions, tmp_path: Path
) -> None:
    seen: list[tuple[str, int, int]] = []
    result = run_insights_suite(bench_settings, data_folder, tmp_path, tiny, lambda *a: seen.append(a))

    measured = result.raw[str(TINY)]
    assert measured["suggestions"] > 0  # the graph was matched before the insights read it
    assert list(measured["seconds"]) == [*TABLES, ALL]
    assert all(len(runs) == tiny.repetitions and min(runs) > 0 for runs in measured["seconds"].values())
    timing, graph = result.tables
    assert [row[1] for row in timing.rows] == [*TABLES, ALL]
    for row in timing.rows:
        runs = sorted(measured["seconds"][row[1]])
        assert row[0] == str(TINY) and row[2] == tiny.repetitions
        assert row[4] == runs[0] and row[5] == runs[-1] and runs[0] <= row[3] <= runs[-1]
        assert row[6] == ("yes" if row[3] < TARGET_S else "no: a job")
    assert graph.rows == [[str(TINY), TINY, measured["suggestions"]]]
    assert result.raw["neo4j_server"].startswith("Neo4j/5.26")
    assert [p.name for p in result.plots] == [f"insights_{TINY}.png"] and result.plots[0].exists()
    assert seen[-1] == (f"insights {TINY}", len(TABLES) + 1, len(TABLES) + 1)
