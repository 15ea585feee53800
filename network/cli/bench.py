"""`network bench ...`: benchmarks on a fresh local stack of their own."""

import json
import subprocess
import sys

import click

from network.bench.api_suite import api_process, association_page_latency
from network.bench.import_suite import run_import
from network.bench.stack import bench_settings, fresh
from network.stack import stack

SCALES = {"1k": 1000, "10k": 10000, "100k": 100000}


@click.group("bench")
def bench_group() -> None:
    """Benchmarks; each starts an empty Neo4j and Redis of its own (ports 7787 and 6479)."""


@bench_group.command("import")
@click.option("--scale", type=click.Choice(list(SCALES)), default="10k", show_default=True)
@click.option("--seed", type=int, default=42, show_default=True)
@click.option("--requests", type=int, default=300, show_default=True, help="Association-page requests to time.")
@click.option("--keep", is_flag=True, help="Leave the bench stack running afterwards.")
def bench_import(scale: str, seed: int, requests: int, keep: bool) -> None:
    """Import a generated data set into an empty database, then time association pages over HTTP."""
    settings = bench_settings()
    folder = settings.local_stack_dir.parent / "bench-data"
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / f"synthetic-{scale}-{seed}.json"
    if not file.exists():
        subprocess.run([sys.executable, "-m", "network.cli.main", "generate", "--associations", str(SCALES[scale]),
                        "--seed", str(seed), "--output", str(file)], check=True)
    started = fresh(settings)
    try:
        result = run_import(settings, file)
        click.echo(f"import {scale}: {result.records} records in {result.total_s:.1f} s "
                   f"({result.per_second:.0f} records/s; validation {result.validate_s:.1f} s)")
        records = json.loads(file.read_text(encoding="utf-8"))["associations"]
        slugs = [a["slug"] for a in records if a.get("visibility", "PUBLIC") == "PUBLIC"]  # what anonymous clients see
        with api_process(settings) as base:
            summary = association_page_latency(base, slugs, requests=requests, warmup=30)
        click.echo(f"association page over HTTP: {summary.line()}")
    finally:
        if not keep:
            stack.down(settings, started)
