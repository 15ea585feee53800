"""A short run of the mentoring repair benchmark: it applies the changes, and its figures are consistent."""

from bench.mentoring_repair import run


def test_a_short_run_reports_a_small_gap_and_beats_the_baseline() -> None:
    found = run(600, changes=60, seed=3)
    assert found["changes"] == 60 and found["volunteers"] == 1800
    assert 0 < found["repair_ms_p50"] <= found["repair_ms_p95"] <= found["repair_ms_max"]
    assert 0 < found["local_p50"] <= found["local_max"] <= 1000
    # the repair is exact in its neighbourhood: never far below the optimum over its own candidates
    assert found["own_edges_gap_percent"] < 1.0
    assert found["live_fit"] >= found["full_fit"] * 0.99
    # and never worse than leaving the assignment as the changes left it
    assert found["gap_percent"] <= found["constraints_only_gap_percent"]
