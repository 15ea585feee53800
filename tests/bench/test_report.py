"""The report: method and machine first, then each suite's tables, plots and notes; results.json holds the same."""

import json
from pathlib import Path

from bench.machine import machine_facts
from bench.options import RunOptions
from bench.plots import line_plot
from bench.report import render, write_report
from bench.results import SuiteResult, Table

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def a_result(folder: Path) -> SuiteResult:
    plot = line_plot(
        folder / "growth.png",
        "Growth",
        "associations",
        "seconds",
        [("first", [1000, 10000], [1.5, 12.25]), ("rerun", [1000, 10000], [1.0, 9.0])],
        log=True,
    )
    table = Table("Recompute", ["scale", "wall s", "note"], [["1k", 1.5, "a|b"], ["10k", 12.25, None]])
    return SuiteResult(
        "matching", tables=[table], plots=[plot], notes=["first run on an empty graph"], raw={"wall_s": [1.5, 12.25]}
    )


def test_a_plot_is_a_png_file(tmp_path: Path) -> None:
    plot = line_plot(
        tmp_path / "sub" / "p.png", "t", "x", "y", [("s", [1, 2, 3], [3, 1, 2])], spread=[([2, 0.5, 1], [4, 2, 3])]
    )
    assert plot.read_bytes().startswith(PNG_MAGIC)
    assert plot.stat().st_size > 1000


def test_the_report_has_method_machine_then_the_suites(tmp_path: Path) -> None:
    machine = machine_facts("Neo4j/5.26.0")
    text = render([a_result(tmp_path)], machine, RunOptions(scales=(1000, 10000), seed=5), tmp_path)
    order = [text.index(h) for h in ("## Method", "## Machine", "## Matching suite")]
    assert order == sorted(order)
    for key in (
        "CPU",
        "cores",
        "RAM",
        "OS",
        "Python",
        "Neo4j driver",
        "Neo4j",
        "git commit",
        "date",
        "load average (1, 5, 15 min) at the end",
    ):
        assert f"| {key} |" in text
    assert "| Neo4j | Neo4j/5.26.0 |" in text
    assert "scales 1k, 10k" in text and "seed 5" in text
    assert "| 1k | 1.5 | a\\|b |" in text  # a pipe inside a cell does not break the table
    assert "| 10k | 12.2 | n/a |" in text
    assert "![growth](growth.png)" in text
    assert "- first run on an empty graph" in text


def test_write_report_writes_markdown_and_json(tmp_path: Path) -> None:
    result = a_result(tmp_path)
    report, raw = write_report([result], machine_facts("Neo4j/5.26.0"), RunOptions(), tmp_path)
    assert report.read_text().startswith("# Benchmark report")
    data = json.loads(raw.read_text())
    assert data["options"]["scales"] == [10000]
    [suite] = data["suites"]
    assert suite["name"] == "matching" and suite["plots"] == ["growth.png"]
    assert suite["tables"][0]["rows"][1] == ["10k", 12.25, None]
    assert suite["raw"] == result.raw
    assert data["machine"]["Neo4j"] == "Neo4j/5.26.0"


def test_machine_facts_are_measured_here() -> None:
    facts = machine_facts("unknown", with_node=True)
    assert int(facts["cores"].split()[0]) >= 1
    assert float(facts["RAM"].split()[0]) > 0
    assert facts["Python"].startswith("3.")
