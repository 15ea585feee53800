"""The matching suite on a tiny data set: recompute runs in child processes, the similarity step against the
plain product, and live changes with the API and worker running."""

import json
from pathlib import Path

import pytest

from bench.data import dataset_file
from bench.live import KINDS
from bench.matching_suite import run_matching_suite
from bench.options import RunOptions
from network.settings import Settings
from tests.bench.conftest import TINY


@pytest.mark.timeout(900)
def test_matching_suite_on_tiny_data(
    bench_settings: Settings, data_folder: Path, tiny: RunOptions, tmp_path: Path
) -> None:
    result = run_matching_suite(bench_settings, data_folder, tmp_path, tiny)

    document = json.loads(dataset_file(data_folder, TINY, tiny.seed).read_text())
    [scale] = result.raw["scales"]
    first, reruns, similarity = scale["first"], scale["reruns"], scale["similarity"]
    assert len(reruns) == tiny.repetitions
    for run in [first, *reruns]:
        assert run["associations"] == len(document["associations"])
        assert run["volunteers"] == len(document["volunteers"])
        assert run["wall_s"] > 0 and run["peak_rss_mb"] >= run["baseline_rss_mb"] > 0
        assert run["neo4j_peak_rss_mb"] > 0  # the bench stack's own Neo4j, sampled beside the child
    # A rerun rewrites the same suggestions: same data, same result.
    assert {(r["peer"], r["mentoring"]) for r in reruns} == {(first["peer"], first["mentoring"])}
    assert first["peer"] > 0
    assert len(similarity["core_s"]) == len(similarity["plain_s"]) == tiny.repetitions
    assert similarity["associations"] == TINY and similarity["product_cells"] > 0

    recompute, stages, compared = result.tables[:3]
    assert [row[2] for row in recompute.rows] == ["first", f"rerun x{tiny.repetitions}"]
    # a row per run; the first created every suggestion, a rerun on the same data writes nothing
    assert [row[1] for row in stages.rows] == ["first", *(f"rerun {i}" for i in range(1, tiny.repetitions + 1))]
    created = stages.columns.index("created")
    assert stages.rows[0][created] == first["peer"] + first["mentoring"]
    assert all(row[created : created + 3] == [0, 0, 0] for row in stages.rows[1:])
    assert compared.rows[0][8] == pytest.approx(similarity["core_median_s"] / similarity["plain_median_s"])
    assert all(plot.exists() for plot in result.plots) and len(result.plots) == 3
    live, after = scale["live"], scale["after_live"]
    assert live["build_s"] > 0 and live["worker_rss_mb"] > 0 and live["state_mb"] > 0
    timed = sum(len(seconds) for seconds in live["seconds"].values())
    assert timed + live["timed_out"] == len(KINDS) and live["timed_out"] == 0
    assert set(live["seconds"]) == set(KINDS)  # one of each kind
    assert all(s > 0 for seconds in live["seconds"].values() for s in seconds)
    assert live["load"]["sent"] + live["load"]["failed"] == 30 and live["load"]["drained"]
    assert after["peer_writes"] == 0  # the live lists were what a full run with the same model writes
    live_rows, load_rows = result.tables[3], result.tables[4]
    assert live_rows.rows[0][:2] == [str(TINY), "all"] and load_rows.rows[0][3] == live["load"]["sent"]
