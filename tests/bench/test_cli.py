"""`python -m bench run --quick` end to end on tiny data, and clear errors for bad options.

The API suite is left out here (`--suites import,matching`): its own tests cover it, and it needs the Node peer.
"""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.cli import bench_group
from network.settings import Settings
from tests.bench.conftest import TINY


@pytest.mark.timeout(900)
def test_bench_run_quick_writes_report_json_and_plots(
    bench_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BENCH_NEO4J_URI", bench_settings.neo4j_uri)
    monkeypatch.setenv("BENCH_REDIS_URL", bench_settings.redis_url)
    monkeypatch.setenv("BENCH_STACK_DIR", str(bench_settings.local_stack_dir))
    output = tmp_path / "results"
    outcome = CliRunner().invoke(
        bench_group, ["run", "--quick", "--scale", str(TINY), "--suites", "import,matching", "--output", str(output)]
    )
    assert outcome.exit_code == 0, outcome.output + repr(outcome.exception)

    report = (output / "report.md").read_text()
    for heading in ("## Method", "## Machine", "## Matching suite", "## Import suite"):
        assert heading in report
    assert "## API suite" not in report
    data = json.loads((output / "results.json").read_text())
    assert [s["name"] for s in data["suites"]] == ["matching", "import"]
    assert data["options"] == {
        "scales": [TINY],
        "seed": 42,
        "repetitions": 1,
        "quick": True,
        "profile": False,
        "live_samples": None,
        "live_load": [10.0, 3.0],
    }
    plots = {p for s in data["suites"] for p in s["plots"]}
    assert plots == {p.name for p in output.glob("*.png")} and len(plots) == 4
    assert all(f"]({p})" in report for p in plots)
    assert "records/s median" in outcome.output and f"report: {output / 'report.md'}" in outcome.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scale", "5"], "scale '5'"),
        (["--scale", "huge"], "scale 'huge'"),
        (["--suites", "import,speed"], "speed: choose from api, matching, import, insights"),
        (["--repetitions", "0"], "--repetitions"),
    ],
)
def test_bad_options_are_named(args: list[str], message: str) -> None:
    outcome = CliRunner().invoke(bench_group, ["run", *args])
    assert outcome.exit_code == 2
    assert message in outcome.output
