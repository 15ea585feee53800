"""Runs the chosen suites one after the other, then writes the report, the raw results and the plots into one folder."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.api_suite import run_api_suite
from bench.data import dataset_file
from bench.import_suite import run_import_suite
from bench.insights_suite import run_insights_suite
from bench.machine import machine_facts
from bench.matching_suite import run_matching_suite
from bench.options import Progress, RunOptions
from bench.report import write_report
from bench.results import SuiteResult
from network.settings import Settings

SUITES = ("api", "matching", "import", "insights")


@dataclass(frozen=True)
class Written:
    results: list[SuiteResult]
    report: Path
    raw: Path


def _run_one(
    name: str, settings: Settings, data_folder: Path, output: Path, options: RunOptions, progress: Progress
) -> SuiteResult:
    if name == "import":
        return run_import_suite(settings, data_folder, output, options, progress)
    if name == "matching":
        return run_matching_suite(settings, data_folder, output, options, progress)
    if name == "insights":
        return run_insights_suite(settings, data_folder, output, options, progress)
    return run_api_suite(settings, dataset_file(data_folder, options.largest, options.seed), output, options, progress)


def run_suites(
    settings: Settings, names: Sequence[str], options: RunOptions, output: Path, data_folder: Path, progress: Progress
) -> Written:
    """Runs `names` in the order of SUITES (the API suite on the largest scale) and writes the report."""
    unknown = set(names) - set(SUITES)
    if unknown:
        raise ValueError(f"suites: unknown {', '.join(sorted(unknown))}; choose from {', '.join(SUITES)}")
    output.mkdir(parents=True, exist_ok=True)
    results = [_run_one(name, settings, data_folder, output, options, progress) for name in SUITES if name in names]
    servers = [r.raw["neo4j_server"] for r in results if r.raw.get("neo4j_server")]
    machine = machine_facts(
        servers[0] if servers else "not recorded (no suite reported the server's version)", with_node="api" in names
    )
    report, raw = write_report(results, machine, options, output)
    return Written(results, report, raw)
