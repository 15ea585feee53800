"""Renders what the suites returned: `report.md` (method, machine, then each suite) and `results.json`."""

import json
import math
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.options import RunOptions, scale_label
from bench.results import SuiteResult, Table

METHOD = """\
Every suite runs on the same generated data set (`network generate`, same seed) on a local Neo4j of its own, started
empty for each load, on this machine, in one run. Timings are wall-clock (`time.perf_counter`); a repeated measurement
is reported as its median with the spread (min..max, or p95/p99 for latencies) over the repetitions named in each
table, after a warm-up where the first run would otherwise pay one-off costs (imports, JIT, caches). Memory is the peak
resident set size of the process that did the work. Nothing is tuned for one side only."""


TITLES = {
    "api": "API",
    "matching": "Matching",
    "import": "Import",
    "insights": "Insights",
    "soak": "Soak",
    "mail": "Mail",
}
QUICK = ", quick mode (smoke figures, not for publishing)"


def cell(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        if math.isnan(value):
            return "n/a"
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}" if abs(value) < 1 else f"{value:.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value).replace("|", "\\|")


def markdown_table(table: Table) -> str:
    lines = [
        f"**{table.title}**",
        "",
        "| " + " | ".join(table.columns) + " |",
        "|" + "|".join("---" for _ in table.columns) + "|",
    ]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in table.rows]
    return "\n".join(lines)


def render(results: Sequence[SuiteResult], machine: dict[str, Any], options: RunOptions, folder: Path) -> str:
    scales = ", ".join(scale_label(s) for s in options.scales)
    parts = [
        "# Benchmark report",
        "",
        "## Method",
        "",
        METHOD,
        "",
        f"Run: scales {scales} associations (about three volunteers each), seed {options.seed}, "
        f"{options.repetitions} repetition(s){QUICK if options.quick else ''}; "
        f"suites: {', '.join(r.name for r in results) or 'none'}.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    parts += [f"| {key} | {cell(value)} |" for key, value in machine.items()]
    for result in results:
        parts += ["", f"## {TITLES.get(result.name, result.name)} suite", ""]
        for table in result.tables:
            parts += [markdown_table(table), ""]
        for plot in result.plots:
            parts += [f"![{plot.stem}]({plot.relative_to(folder) if plot.is_relative_to(folder) else plot})", ""]
        if result.notes:
            parts += ["Notes:", ""] + [f"- {note}" for note in result.notes] + [""]
    return "\n".join(parts).rstrip() + "\n"


def write_report(
    results: Sequence[SuiteResult], machine: dict[str, Any], options: RunOptions, folder: Path
) -> tuple[Path, Path]:
    """Writes `report.md` and `results.json` into `folder` (the plots are already there); returns both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    report = folder / "report.md"
    report.write_text(render(results, machine, options, folder), encoding="utf-8")
    data = {
        "machine": machine,
        "options": asdict(options),
        "suites": [
            {
                "name": r.name,
                "tables": [asdict(t) for t in r.tables],
                "notes": r.notes,
                "plots": [str(p.relative_to(folder) if p.is_relative_to(folder) else p) for p in r.plots],
                "raw": r.raw,
            }
            for r in results
        ],
    }
    raw = folder / "results.json"
    raw.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    return report, raw
