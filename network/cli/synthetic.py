"""`network generate`: a synthetic Berlin data set in the import format, with its ground-truth file."""

import time
from pathlib import Path

import click

from network.synthetic import build
from network.synthetic.variants import VARIANTS

SCALES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
DEFAULT_ASSOCIATIONS = 1_000


def truth_path(output: Path) -> Path:
    """`data.json` -> `data.truth.json`, next to the output."""
    stem = output.name[: -len(".json")] if output.name.endswith(".json") else output.name
    return output.with_name(f"{stem}.truth.json")


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1e6:.1f} MB"


@click.command("generate")
@click.option(
    "--associations",
    "-n",
    type=click.IntRange(1, 1_000_000),
    default=None,
    help=f"Number of associations (default {DEFAULT_ASSOCIATIONS}); about three volunteers each.",
)
@click.option("--scale", type=click.Choice(list(SCALES)), default=None, help="A preset for --associations.")
@click.option("--seed", type=click.IntRange(0), default=42, show_default=True, help="Same seed, same bytes.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="The data file (import format).",
)
@click.option(
    "--truth",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="The ground-truth file (default: <output name>.truth.json next to the output).",
)
@click.option("--slug-prefix", default="", help="Put before every slug, e.g. 'syn-', to keep apart from other data.")
@click.option(
    "--variant",
    type=click.Choice(list(VARIANTS)),
    default="default",
    show_default=True,
    help="A world where one peer signal is stronger, weaker or noise: "
    + "; ".join(f"{name}: {v.about}" for name, v in VARIANTS.items() if name != "default"),
)
def generate_command(
    associations: int | None,
    scale: str | None,
    seed: int,
    output: Path,
    truth: Path | None,
    slug_prefix: str,
    variant: str,
) -> None:
    """Write a synthetic data set (calibrated on the catalogue's stats.json) and the ground truth of what it plants."""
    if associations is not None and scale is not None and associations != SCALES[scale]:
        raise click.UsageError(
            f"--scale {scale} means {SCALES[scale]} associations, but --associations is "
            f"{associations}; give one of them"
        )
    count = associations or (SCALES[scale] if scale else DEFAULT_ASSOCIATIONS)
    truth = truth or truth_path(output)
    if truth.resolve() == output.resolve():
        raise click.UsageError("--truth must be another file than --output")
    started = time.perf_counter()
    try:
        dataset = build(count, seed, slug_prefix=slug_prefix, variant=VARIANTS[variant])
    except ValueError as error:
        raise click.UsageError(str(error)) from error
    dataset.write(output, truth)
    seconds = time.perf_counter() - started
    counts = dataset.counts()
    click.echo(f"wrote {output} ({_size(output)}): " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    click.echo(
        f"wrote {truth} ({_size(truth)}): {len(dataset.plan.tools)} communities, "
        f"{len(dataset.switch_pairs)} switch pairs, {len(dataset.mentors)} planted mentors"
    )
    click.echo(f"seed {seed}, {seconds:.1f} s")
