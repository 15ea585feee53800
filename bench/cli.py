"""`python -m bench ...`: the benchmark suites on a fresh stack of their own, with a report in a results folder."""

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from bench.machine import machine_facts
from bench.mail.options import MailOptions
from bench.mail.suite import run_mail
from bench.options import Progress as ProgressCallback
from bench.options import RunOptions, parse_scale
from bench.report import cell, write_report
from bench.results import SuiteResult
from bench.runner import SUITES, run_suites
from bench.soak.options import SoakOptions
from bench.soak.results import FAIL
from bench.soak.schedule import KINDS
from bench.soak.suite import run_soak
from bench.stack import ROOT, bench_settings, mail_settings, soak_settings

DATA_FOLDER = ROOT / ".local" / "bench-data"


def _scales(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[int, ...]:
    try:
        return tuple(sorted({parse_scale(v) for v in values}))
    except ValueError as error:
        raise click.BadParameter(str(error)) from error


def _scale(ctx: click.Context, param: click.Parameter, value: str) -> int:
    return _scales(ctx, param, (value,))[0]


def _suites(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    names = tuple(n.strip() for n in value.split(",") if n.strip())
    unknown = [n for n in names if n not in SUITES]
    if unknown or not names:
        raise click.BadParameter(f"{', '.join(unknown) or 'nothing given'}: choose from {', '.join(SUITES)}")
    return names


def run_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options every bench command shares."""
    for option in reversed(
        [
            click.option(
                "--scale",
                "scales",
                multiple=True,
                default=["10k"],
                callback=_scales,
                show_default=True,
                help="1k, 10k, 100k or a number of associations (about three volunteers each); repeatable.",
            ),
            click.option("--seed", type=click.IntRange(0), default=42, show_default=True, help="Seed of the data set."),
            click.option(
                "--repetitions",
                type=click.IntRange(1),
                default=None,
                help="Timed repetitions per measurement [default: 3, or 1 with --quick].",
            ),
            click.option("--quick", is_flag=True, help="Short durations and few samples: a smoke run, not figures."),
            click.option(
                "--profile",
                is_flag=True,
                help="Also record a py-spy flame graph of our API per operation (api suite), after its measured cells.",
            ),
            click.option(
                "--live-samples",
                type=click.IntRange(0),
                default=None,
                help="Changes timed one by one from the mutation's response to fresh suggestions, kinds in turn, at "
                "each scale; 0 skips the live measurement [default: 72, 9 with --quick].",
            ),
            click.option(
                "--live-rate",
                type=click.FloatRange(0),
                default=None,
                help="Changes a second of the sustained load; 0 skips it [default: 200, 10 with --quick].",
            ),
            click.option(
                "--live-seconds",
                type=click.FloatRange(0),
                default=None,
                help="How long the sustained load lasts [default: 60, 3 with --quick].",
            ),
            click.option(
                "--output",
                type=click.Path(file_okay=False, path_type=Path),
                default=None,
                help="Results folder [default: bench-results/<UTC timestamp>].",
            ),
        ]
    ):
        func = option(func)
    return func


def _print_results(console: Console, results: list[SuiteResult]) -> None:
    for result in results:
        for table in result.tables:
            shown = RichTable(title=f"{result.name}: {table.title}", title_justify="left")
            for column in table.columns:
                shown.add_column(column, justify="right")
            for row in table.rows:
                shown.add_row(*(cell(v) for v in row))
            console.print(shown)
        for note in result.notes:
            console.print(f"[dim]- {note}[/dim]")


def _default_output(suffix: str = "") -> Path:
    return Path("bench-results") / (dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S") + suffix)


def _terminal() -> Console:
    return Console() if sys.stdout.isatty() else Console(width=200)  # files: no wrapping


@contextmanager
def progress_bar() -> Iterator[ProgressCallback]:
    """A bar per stage on stderr (none when stderr is not a terminal)."""
    with Progress(
        TextColumn("{task.description:<32}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not sys.stderr.isatty(),
    ) as bar:
        tasks: dict[str, Any] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield progress


def execute(
    suites: tuple[str, ...],
    scales: tuple[int, ...],
    seed: int,
    repetitions: int | None,
    quick: bool,
    profile: bool,
    output: Path | None,
    live_samples: int | None,
    live_rate: float | None,
    live_seconds: float | None,
) -> None:
    default_rate, default_seconds = (10.0, 3.0) if quick else (200.0, 60.0)
    options = RunOptions(
        scales=scales,
        seed=seed,
        quick=quick,
        profile=profile,
        live_samples=live_samples,
        live_load=(
            default_rate if live_rate is None else live_rate,
            default_seconds if live_seconds is None else live_seconds,
        ),
        repetitions=repetitions if repetitions is not None else 1 if quick else 3,
    )
    output = output or _default_output()
    with progress_bar() as progress:
        written = run_suites(bench_settings(), suites, options, output, DATA_FOLDER, progress)
    _print_results(_terminal(), written.results)
    click.echo(f"report: {written.report}\nresults: {written.raw}")


@click.group("bench")
def bench_group() -> None:
    """Benchmarks on an empty Neo4j and Redis of their own (ports 7787 and 6479, or BENCH_NEO4J_URI/BENCH_REDIS_URL)."""


@bench_group.command("run")
@click.option(
    "--suites", default=",".join(SUITES), show_default=True, callback=_suites, help="Comma-separated suites to run."
)
@run_options
def bench_run(suites: tuple[str, ...], **options: Any) -> None:
    """Run the chosen suites and write report.md, results.json and the plots into the results folder."""
    execute(suites, **options)


@bench_group.command("import")
@run_options
def bench_import(**options: Any) -> None:
    """Import throughput (records per second) at each scale, each run into a fresh database."""
    execute(("import",), **options)


@bench_group.command("matching")
@run_options
def bench_matching(**options: Any) -> None:
    """Full recompute time and memory, the similarity step against X @ X.T, and mutation-to-fresh-suggestions."""
    execute(("matching",), **options)


@bench_group.command("insights")
@run_options
def bench_insights(**options: Any) -> None:
    """Each staff insight on the whole graph with every suggestion computed, against the one-second target."""
    execute(("insights",), **options)


@bench_group.command("api")
@run_options
def bench_api(**options: Any) -> None:
    """Latency and throughput of four web-client operations: our API, the same Cypher, and @neo4j/graphql."""
    execute(("api",), **options)


def out_option(suffix: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--out of a suite that writes one report, named after it by default."""
    return click.option(
        "--out",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=f"Results folder [default: bench-results/<UTC timestamp>{suffix}].",
    )


@bench_group.command("soak")
@click.option("--minutes", type=click.FloatRange(0, min_open=True), default=10, show_default=True, help="Load time.")
@click.option("--clients", type=click.IntRange(1), default=32, show_default=True, help="Concurrent clients.")
@click.option(
    "--scale",
    default="10k",
    show_default=True,
    callback=_scale,
    help="1k, 10k, 100k or a number of associations.",
)
@click.option(
    "--faults",
    type=click.Choice(["on", "off"]),
    default="on",
    show_default=True,
    help=f"SIGKILL {', '.join(KINDS)} in turn during the load.",
)
@click.option("--seed", type=click.IntRange(0), default=42, show_default=True, help="Seed of the data set and mix.")
@out_option("-soak")
def bench_soak(minutes: float, clients: int, scale: int, faults: str, seed: int, out: Path | None) -> None:
    """`network run --no-demo` under a realistic load while its parts are SIGKILLed on a schedule (ports 7797, 6489
    and 8097, or SOAK_NEO4J_URI/SOAK_REDIS_URL/SOAK_API_PORT); exits 1 when a rule fails."""
    options = SoakOptions(
        duration_s=minutes * 60, clients=clients, scale=scale, seed=seed, faults=KINDS if faults == "on" else ()
    )
    output = out or _default_output("-soak")
    with progress_bar() as progress:
        result = run_soak(soak_settings(), DATA_FOLDER, output, options, progress)
    _report_with_rules(result, RunOptions(scales=(scale,), seed=seed, repetitions=1), output)


@bench_group.command("mail")
@click.option(
    "--notifications", type=click.IntRange(2), default=10_000, show_default=True, help="Notifications queued."
)
@click.option(
    "--per-account", type=click.IntRange(1), default=5, show_default=True, help="Notifications each account gets."
)
@click.option("--read-s", type=click.FloatRange(0, min_open=True), default=30, show_default=True, help="Read time.")
@click.option("--clients", type=click.IntRange(1), default=4, show_default=True, help="Concurrent API readers.")
@click.option(
    "--outage-s",
    type=click.FloatRange(0),
    default=0,
    show_default=True,
    help="Stop the SMTP sink this long once half of the mails arrived; 0: no outage.",
)
@click.option(
    "--deadline-s", type=click.FloatRange(0, min_open=True), default=900, show_default=True, help="Longest send."
)
@click.option("--seed", type=click.IntRange(0), default=42, show_default=True, help="Seed of the data set.")
@out_option("-mail")
def bench_mail(out: Path | None, **values: Any) -> None:
    """Notifications queued through the outbox and sent by `network worker` through a local SMTP sink: mails per
    second, time to the last mail, exactly once, and the API's read latency with the sender idle and working (ports
    7807, 6499 and 8045, or BENCH_MAIL_NEO4J_URI/BENCH_MAIL_REDIS_URL/BENCH_MAIL_SMTP_PORT); exits 1 when a mail
    is missing or came twice."""
    try:
        options = MailOptions(**values)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error
    output = out or _default_output("-mail")
    with progress_bar() as progress:
        result = run_mail(mail_settings(), DATA_FOLDER, output, options, progress)
    _report_with_rules(result, RunOptions(scales=(options.accounts,), seed=options.seed, repetitions=1), output)


def _report_with_rules(result: SuiteResult, run: RunOptions, output: Path) -> None:
    """The report of a suite that checks rules (soak, mail): written, printed with each rule's verdict; exits 1
    when a rule did not pass."""
    report, raw = write_report([result], machine_facts(result.raw["neo4j_server"]), run, output)
    _print_results(_terminal(), [result])
    for rule, verdict in result.raw["rules"].items():
        click.echo(f"{verdict['result']}  {rule}: {verdict['detail']}")
    click.echo(f"report: {report}\nresults: {raw}")
    if any(verdict["result"] == FAIL for verdict in result.raw["rules"].values()):
        raise SystemExit(1)
