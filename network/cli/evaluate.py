"""`network evaluate`: the matching core on a generated data set, scored against its planted ground truth."""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from network.cli.synthetic import SCALES, truth_path
from network.evaluation.dataset import DatasetRejected
from network.evaluation.feedback import simulate_feedback
from network.evaluation.plot import plot_feedback, plot_variants
from network.evaluation.runner import BASELINES, DEFAULT_SAMPLE, Report, evaluate
from network.evaluation.variants import DEFAULT_ASSOCIATIONS, VariantResult, evaluate_variants
from network.matching.weights import PEER_WEIGHTS
from network.synthetic.generator import generate
from network.synthetic.variants import VARIANTS

DATA_DIR = Path(".local") / "bench-data"  # shared with the benchmarks: one generated file per scale and seed
PLOT = Path(".local") / "evaluation" / "variants.png"
FEEDBACK_PLOT = Path(".local") / "evaluation" / "feedback.png"
# Fields, districts and target groups are noise there, while the shipped prior weights them: true weights that
# differ from the default, as answers are meant to correct
FEEDBACK_VARIANT = "context-noise"


def _ensure_generated(scale: str, seed: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / f"synthetic-{scale}-{seed}.json"
    if not file.exists() or not truth_path(file).exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "network.cli.main",
                "generate",
                "--associations",
                str(SCALES[scale]),
                "--seed",
                str(seed),
                "--output",
                str(file),
            ],
            check=True,
            stdout=sys.stderr,
        )
    return file


def _read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise click.UsageError(f"{what} {path} does not exist") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise click.UsageError(f"{what} {path} is not JSON: {error}") from None


@click.command("evaluate")
@click.option(
    "--scale",
    type=click.Choice(list(SCALES)),
    default="1k",
    show_default=True,
    help="Generate (once, kept under .local/bench-data) and evaluate a data set of this size.",
)
@click.option(
    "--file",
    "file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Evaluate this data file (import format) instead; its truth is <name>.truth.json next to it.",
)
@click.option(
    "--truth",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The ground-truth file, when not next to --file.",
)
@click.option(
    "--seed",
    type=click.IntRange(0),
    default=42,
    show_default=True,
    help="Seed of the generated data set (and of the random baseline and the row sample).",
)
@click.option(
    "--sample",
    type=click.IntRange(1),
    default=DEFAULT_SAMPLE,
    show_default=True,
    help="At most this many associations with planted peers are scored (the baselines are all-pairs).",
)
@click.option(
    "--variants",
    "variants",
    is_flag=True,
    help="Score peer suggestions and every baseline on each world variant (see `network generate --variant`).",
)
@click.option(
    "--variant",
    "only",
    type=click.Choice(list(VARIANTS)),
    multiple=True,
    help="With --variants: only these (repeatable).",
)
@click.option(
    "--associations",
    type=click.IntRange(50, 100_000),
    default=DEFAULT_ASSOCIATIONS,
    show_default=True,
    help="With --variants: associations per variant world.",
)
@click.option(
    "--plot",
    type=click.Path(dir_okay=False, path_type=Path),
    default=PLOT,
    show_default=True,
    help="With --variants: where the chart (PNG) goes.",
)
@click.option(
    "--feedback",
    "feedback",
    is_flag=True,
    help="Simulate answers from the planted truth on a world (--feedback-variant) and show precision@10 rising "
    "as the weights learn from them.",
)
@click.option(
    "--feedback-variant",
    type=click.Choice(list(VARIANTS)),
    default=FEEDBACK_VARIANT,
    show_default=True,
    help="With --feedback: the world whose answers are simulated.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def evaluate_command(
    scale: str,
    file: Path | None,
    truth: Path | None,
    seed: int,
    sample: int,
    variants: bool,
    only: tuple[str, ...],
    associations: int,
    plot: Path,
    feedback: bool,
    feedback_variant: str,
    as_json: bool,
) -> None:
    """Peer suggestions against the planted truth and baselines, mentoring constraints and optimality, exposure."""
    if truth is not None and file is None:
        raise click.UsageError("--truth goes with --file")
    if variants and feedback:
        raise click.UsageError("give --variants or --feedback, not both")
    if feedback:
        if file is not None:
            raise click.UsageError("--feedback generates its own world; leave out --file")
        _feedback(feedback_variant, associations, seed, plot if plot != PLOT else FEEDBACK_PLOT, as_json)
        return
    if variants:
        if file is not None:
            raise click.UsageError("--variants generates its own worlds; leave out --file")
        _variants(only or None, associations, seed, plot, as_json)
        return
    if only:
        raise click.UsageError("--variant goes with --variants")
    data_file = file if file is not None else _ensure_generated(scale, seed, DATA_DIR)
    document = _read_json(data_file, "data file")
    truth_doc = _read_json(truth or truth_path(data_file), "truth file")
    try:
        report = evaluate(document, truth_doc, seed=seed, sample=sample)
    except DatasetRejected as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        _print(report, data_file)


def _print(report: Report, source: Path) -> None:
    console = Console()
    console.print(f"[bold]{source.name}[/]: {report.associations} associations, {report.volunteers} volunteers")
    p = report.peers
    peers = Table(title=f"Peer suggestions vs planted peers ({p['rows']} associations)")
    for column in ("ranking", f"precision@{p['k']}", f"nDCG@{p['k']}"):
        peers.add_column(column, justify="left" if column == "ranking" else "right")
    for name in ("matching core", *BASELINES, "best possible"):
        peers.add_row(name, f"{p[name]['precision']:.4f}", f"{p[name]['ndcg']:.4f}")
    console.print(peers)
    console.print("peer weights fitted to the profiles: " + ", ".join(f"{k} {v}" for k, v in report.weights.items()))
    m = report.mentoring
    mentoring = Table(title="Mentoring assignment")
    mentoring.add_column("measure")
    mentoring.add_column("value", justify="right")
    v = m["violations"]
    mentoring.add_row(
        "hard-constraint violations (must be 0)",
        f"{v['total']} (skill {v['skill']}, language {v['language']}, place {v['place']}, "
        f"capacity {v['volunteer_capacity'] + v['association_capacity']}, "
        f"duplicates {v['duplicate_pairs']})",
    )
    mentoring.add_row("candidate edges", f"{m['candidate_edges']} ({m['edges']})")
    mentoring.add_row(
        "associations with a mentor / max-flow bound",
        f"{m['mentored']} / {m['max_flow_bound']} = {m['mentored_share_of_bound']:.4f}"
        + ("" if m["bound_exact"] else " (bound: upper end)"),
    )
    optimum = (
        "skipped"
        if m["lp_optimum"] is None
        else f"{m['total_fit']} / {m['lp_optimum']} = {m['fit_share_of_optimum']:.4f}"
    )
    mentoring.add_row(f"total fit / LP optimum (same edges; solver {m['solver']})", optimum)
    console.print(mentoring)
    exposure = Table(title="Top-10 exposure")
    for column in ("cohort", "share of associations", "share of top-10 slots"):
        exposure.add_column(column, justify="left" if column == "cohort" else "right")
    for name, e in report.exposure.items():
        exposure.add_row(name, f"{e['population_share']:.4f}", f"{e['top10_exposure_share']:.4f}")
    console.print(exposure)
    timings = Table(title="Seconds per stage")
    timings.add_column("stage")
    timings.add_column("s", justify="right")
    for stage, seconds in report.seconds.items():
        timings.add_row(stage, f"{seconds:.2f}")
    console.print(timings)
    for note in report.notes:
        console.print(f"note: {note}")


def _variants(names: tuple[str, ...] | None, associations: int, seed: int, plot: Path, as_json: bool) -> None:
    console = Console(stderr=True)
    results = evaluate_variants(
        names, associations=associations, seed=seed, progress=lambda name: console.print(f"variant {name} ...")
    )
    plot_variants(results, plot)
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in results], indent=2))
    else:
        _print_variants(results, associations, seed)
    console.print(f"chart: {plot}")


def _print_variants(results: list[VariantResult], associations: int, seed: int) -> None:
    table = Table(
        title=f"Peer suggestions on world variants ({associations} associations, seed {seed}): p@10 / nDCG@10"
    )
    table.add_column("variant")
    for column in ("core", "jaccard", "idf-cos tools", "idf-cos all", "best baseline", "core - best", "best possible"):
        table.add_column(column, justify="right")
    for r in results:
        s = r.scores
        cells = [
            f"{s[name]['precision']:.3f} / {s[name]['ndcg']:.3f}"
            for name in ("matching core", "jaccard on tools", "idf-cosine on tools", "idf-cosine, all signals")
        ]
        best = r.best_baseline("precision")[0]
        table.add_row(
            r.variant.name,
            *cells,
            best,
            f"{r.margin('precision'):+.3f} / {r.margin('ndcg'):+.3f}",
            f"{s['best possible']['precision']:.3f}",
        )
    mean_p = sum(r.margin("precision") for r in results) / len(results)
    mean_n = sum(r.margin("ndcg") for r in results) / len(results)
    Console().print(table)
    Console().print(f"core - best baseline, mean over variants: precision@10 {mean_p:+.3f}, nDCG@10 {mean_n:+.3f}")


def _feedback(variant: str, associations: int, seed: int, plot: Path, as_json: bool) -> None:
    console = Console(stderr=True)
    console.print(f"simulating answers on the '{variant}' world ({associations} associations) ...")
    document, truth = generate(associations, seed, variant=VARIANTS[variant])
    curve = simulate_feedback(document, truth, start=PEER_WEIGHTS, seed=seed)
    plot_feedback(curve, variant, plot)
    if as_json:
        click.echo(json.dumps(curve.as_dict(), indent=2))
    else:
        table = Table(title=f"Learning from answers on '{variant}' (from the shipped prior weights)")
        for column in ("answers", "precision@10", "nDCG@10", "weights (tools, compl., fields, groups, district)"):
            table.add_column(column, justify="right")
        for answers, p, n, w in zip(curve.answers, curve.precision, curve.ndcg, curve.weights, strict=True):
            table.add_row(str(answers), f"{p:.3f}", f"{n:.3f}", ", ".join(f"{v:.2f}" for v in w.values()))
        Console().print(table)
        Console().print(f"best achievable with these signals (every answer known): {curve.best_achievable:.3f}")
    console.print(f"chart: {plot}")
