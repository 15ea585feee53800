"""The API suite end to end on a tiny data set with tiny durations: every cell measured, ratios, a plot."""

from pathlib import Path

import pytest

from bench.api.requests import OPERATIONS, PEER_OPERATIONS
from bench.api_suite import SCALED, ApiOptions, run_api_suite
from bench.data import dataset_file
from bench.options import RunOptions
from network.settings import Settings
from tests.bench.conftest import TINY

CLIENTS = (1, 4)


@pytest.mark.timeout(900)
def test_api_suite_measures_every_side_operation_and_client_count(
    bench_settings: Settings, data_folder: Path, tiny: RunOptions, tmp_path: Path
) -> None:
    seen: list[tuple[str, int, int]] = []
    api = ApiOptions(warmup_s=1.0, window_s=1.0, windows=2, clients=CLIENTS, seed=5, flame_s=3.0)
    result = run_api_suite(
        bench_settings, dataset_file(data_folder, TINY, tiny.seed), tmp_path, tiny, lambda *a: seen.append(a), api=api
    )

    assert result.name == "api" and result.raw["mismatches"] == []
    cells, ratios = result.tables
    expected = {(op, side, n) for op in OPERATIONS for side in ("ours", SCALED, "floor") for n in CLIENTS}
    expected |= {(op, "peer", n) for op in PEER_OPERATIONS for n in CLIENTS}
    assert {(row[0], row[1], row[2]) for row in cells.rows} == expected
    for operation, side, clients, requests, errors, p50, p95, p99, median, low, high in cells.rows:
        assert requests > 0 and errors == 0, (operation, side, clients, requests, errors, result.notes[-3:])
        assert 0 < p50 <= p95 <= p99
        assert low <= median <= high and median > 0
    assert {(row[0], row[1]) for row in ratios.rows} == {(op, n) for op in OPERATIONS for n in CLIENTS}
    for operation, _, ours_to_peer, ours_to_floor, p50_ours_to_floor, _, scaled_to_one in ratios.rows:
        assert ours_to_floor > 0 and p50_ours_to_floor > 0 and scaled_to_one > 0
        assert (ours_to_peer is None) == (operation not in PEER_OPERATIONS)
    [plot] = result.plots
    assert plot.parent == tmp_path and plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert result.raw["neo4j_server"].startswith("Neo4j/5.26")
    assert any("all answers agreed" in note for note in result.notes)
    assert seen[-1][0] == "api: measure" and seen[-1][1] == seen[-1][2] == len(expected)
    # a flame graph of our API per operation, each an SVG with the frames of the code that served it
    assert set(result.raw["flames"]) == set(OPERATIONS)
    for operation, name in result.raw["flames"].items():
        graph = (tmp_path / name).read_text(encoding="utf-8")
        assert graph.lstrip().startswith("<?xml") and "<svg" in graph, operation
        assert "network/" in graph, f"{operation}: no frame of our code was sampled"
    one, scaled = result.raw["rss_mib"]["ours"], result.raw["rss_mib"][SCALED]
    assert len(one) == 1 and len(scaled) == 2 and all(rss > 20 for rss in one + scaled)
