"""Matching at scale: the full recompute's wall time and peak memory (first run and rerun), the peer similarity step
against a plain scipy product on the same table, and live suggestions: the time from a profile mutation's response
to fresh suggestions over GraphQL, a sustained load, and whether a full run with the same model still finds anything
to change afterwards (bench/live.py).
"""

import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.child import run_child
from bench.data import dataset_file
from bench.import_suite import run_import
from bench.live import KINDS, LiveFigures, measure_live
from bench.machine import neo4j_server
from bench.options import Progress, RunOptions, quiet, scale_label
from bench.plots import line_plot
from bench.results import SuiteResult, Table
from bench.stack import fresh
from bench.timing import Summary
from network.settings import Settings
from network.stack import stack


@dataclass
class ScaleRuns:
    associations: int
    first: dict[str, Any]
    reruns: list[dict[str, Any]]
    similarity: dict[str, Any]
    live: LiveFigures | None = None
    after_live: dict[str, Any] | None = None  # a full run with the same model after the live changes


@dataclass
class MatchingFigures:
    scales: list[ScaleRuns] = field(default_factory=list)
    neo4j_server: str = ""


def _measure_scale(
    settings: Settings, file: Path, associations: int, options: RunOptions, progress: Progress, step: str
) -> ScaleRuns:
    progress(f"{step} import", 0, 1)
    run_import(settings, file)
    progress(f"{step} first run", 0, 1)
    first = run_child(settings, "recompute")
    reruns = []
    for index in range(options.repetitions):
        progress(f"{step} reruns", index, options.repetitions)
        reruns.append(run_child(settings, "recompute"))
    progress(f"{step} similarity", 0, 1)
    similarity = run_child(settings, "similarity", "--repetitions", str(options.repetitions))
    return ScaleRuns(associations, first, reruns, similarity)


def _live(settings: Settings, file: Path, runs: ScaleRuns, options: RunOptions, progress: Progress) -> None:
    samples = (
        options.live_samples if options.live_samples is not None else len(KINDS) if options.quick else 8 * len(KINDS)
    )
    if samples == 0:
        return
    load = options.live_load or ((10.0, 3.0) if options.quick else (200.0, 60.0))
    runs.live = measure_live(settings, file, runs.associations, samples, load, options.seed, progress)
    progress("live: full run after", 0, 1)
    runs.after_live = run_child(settings, "recompute", "--same-model")
    progress("live: full run after", 1, 1)


def measure(settings: Settings, data_folder: Path, options: RunOptions, progress: Progress) -> MatchingFigures:
    figures = MatchingFigures()
    for position, associations in enumerate(sorted(options.scales), start=1):
        file = dataset_file(data_folder, associations, options.seed)
        step = f"matching {scale_label(associations)} ({position}/{len(options.scales)})"
        started = fresh(settings)
        try:
            figures.neo4j_server = neo4j_server(settings)
            runs = _measure_scale(settings, file, associations, options, progress, step)
            _live(settings, file, runs, options, progress)
            figures.scales.append(runs)
        finally:
            stack.down(settings, started)
    return figures


def _median(runs: list[dict[str, Any]], key: str) -> float:
    middle: float = statistics.median(run[key] for run in runs)
    return middle


def recompute_table(figures: MatchingFigures) -> Table:
    rows = []
    for s in figures.scales:
        f, r = s.first, s.reruns
        rows.append(
            [
                scale_label(s.associations),
                f["volunteers"],
                "first",
                f["wall_s"],
                f["wall_s"],
                f["wall_s"],
                f["peak_rss_mb"],
                f["baseline_rss_mb"],
                f["neo4j_peak_rss_mb"],
                f["peer"],
                f["mentoring"],
            ]
        )
        rows.append(
            [
                scale_label(s.associations),
                f["volunteers"],
                f"rerun x{len(r)}",
                _median(r, "wall_s"),
                min(x["wall_s"] for x in r),
                max(x["wall_s"] for x in r),
                max(x["peak_rss_mb"] for x in r),
                r[-1]["baseline_rss_mb"],
                max(x["neo4j_peak_rss_mb"] or 0 for x in r) or None,
                r[-1]["peer"],
                r[-1]["mentoring"],
            ]
        )
    return Table(
        "Full recompute (`recompute_all`, the code `network match` runs), one child process per run",
        [
            "scale",
            "volunteers",
            "run",
            "wall s median",
            "min",
            "max",
            "peak RSS MiB (child)",
            "child RSS before the work",
            "Neo4j peak RSS MiB",
            "peer suggestions",
            "mentoring suggestions",
        ],
        rows,
    )


def stage_table(figures: MatchingFigures) -> Table:
    """Where each run's time goes (recompute.py's stages) and what it wrote."""
    runs = [(s, "first", s.first) for s in figures.scales] + [
        (s, f"rerun {i}", run) for s in figures.scales for i, run in enumerate(s.reruns, start=1)
    ]
    stages = list(dict.fromkeys(stage for _, _, run in runs for stage in run.get("seconds", {})))
    rows = [
        [scale_label(s.associations), name]
        + [run.get("seconds", {}).get(stage) for stage in stages]
        + [run.get("writes", {}).get(kind) for kind in ("created", "updated", "dropped")]
        + [run.get("retries"), run.get("busy")]
        for s, name, run in runs
    ]
    return Table(
        "Recompute stages, seconds (`RecomputeCounts.seconds`), the suggestions each run wrote, transactions retried"
        " and batches written again alone after a deadlock",
        ["scale", "run", *stages, "created", "updated", "dropped", "tx retries", "deadlocked batches"],
        rows,
    )


def similarity_table(figures: MatchingFigures) -> Table:
    rows = []
    for s in figures.scales:
        sim = s.similarity
        plain = sim.get("plain_s")
        rows.append(
            [
                scale_label(s.associations),
                len(sim["core_s"]),
                sim["core_median_s"],
                min(sim["core_s"]),
                max(sim["core_s"]),
                sim["plain_median_s"],
                min(plain) if plain else None,
                max(plain) if plain else None,
                sim["core_median_s"] / sim["plain_median_s"] if sim["plain_median_s"] else None,
                f"{sim['product_cells']:.2e}",
            ]
        )
    return Table(
        "Peer similarity step: the core's scoring (`suggest_peers`) against plain scipy X @ X.T",
        [
            "scale",
            "runs",
            "core s median",
            "min",
            "max",
            "X @ X.T s median",
            "min",
            "max",
            "core / plain",
            "X @ X.T cells",
        ],
        rows,
    )


def _seconds_row(label: list[Any], seconds: list[float]) -> list[Any]:
    summary = Summary.of(seconds) if len(seconds) > 1 else None  # a percentile needs two points
    return [
        *label,
        len(seconds),
        statistics.median(seconds) if seconds else None,
        summary.p95_ms / 1000 if summary else None,
        max(seconds, default=None),
    ]


def live_table(figures: MatchingFigures) -> Table:
    rows = []
    for s in figures.scales:
        if s.live is None:
            continue
        every = [second for kind in KINDS for second in s.live.seconds.get(kind, [])]
        rows.append(_seconds_row([scale_label(s.associations), "all", s.live.timed_out], every))
        rows += [_seconds_row([scale_label(s.associations), kind, ""], s.live.seconds.get(kind, [])) for kind in KINDS]
    return Table(
        "Live changes: a mutation's response to its fresh peer (or mentee) suggestions over GraphQL "
        "(API and worker running)",
        ["scale", "change", "timed out", "changes", "median s", "p95 s", "max s"],
        rows,
    )


def live_load_table(figures: MatchingFigures) -> Table:
    rows = []
    for s in figures.scales:
        if s.live is None or not s.live.load:
            continue
        load = s.live.load
        backlog = [count for _, count in load["backlog"]]
        half = len(backlog) // 2
        rows.append(
            [
                scale_label(s.associations),
                load["rate"],
                load["seconds"],
                load["sent"],
                load["failed"],
                load["achieved_rate"],
                max(backlog[:half], default=None),
                max(backlog[half:], default=None),
                load["drain_s"],
                s.live.build_s,
                s.live.state_mb,
                s.live.worker_rss_mb,
                s.live.worker_rss_after_mb,
                (s.after_live or {}).get("peer_writes"),
            ]
        )
    return Table(
        "Live changes under a sustained load, and the applier's state",
        [
            "scale",
            "changes/s asked",
            "seconds",
            "sent",
            "failed",
            "changes/s sent",
            "backlog max 1st half",
            "backlog max 2nd half",
            "drain s",
            "state build s",
            "state MB",
            "worker RSS MB",
            "worker RSS after MB",
            "peer writes of a full run after",
        ],
        rows,
    )


APPLIER_STAGES = ("read", "peers", "mentoring", "write", "write mentoring")


def applier_table(figures: MatchingFigures) -> Table:
    rows = []
    for s in figures.scales:
        if s.live is None or not s.live.applier:
            continue
        a = s.live.applier
        rows.append(
            [
                scale_label(s.associations),
                a["batches"],
                a["changes"],
                a["largest"],
                a["changes_per_s"],
                *(a["seconds"].get(stage) for stage in APPLIER_STAGES),
            ]
        )
    return Table(
        "The applier during the sustained load: its batches, and the seconds of each stage added up (worker log)",
        ["scale", "batches", "parties changed", "largest batch", "changes/s while busy"]
        + [f"{stage} s" for stage in APPLIER_STAGES],
        rows,
    )


def plots(figures: MatchingFigures, results_dir: Path) -> list[Path]:
    xs = [s.associations for s in figures.scales]
    log = len(xs) > 1
    wall = line_plot(
        results_dir / "matching_recompute_time.png",
        "Full recompute wall time",
        "associations",
        "seconds",
        [
            ("first run", xs, [s.first["wall_s"] for s in figures.scales]),
            ("rerun (median)", xs, [_median(s.reruns, "wall_s") for s in figures.scales]),
        ],
        log=log,
    )
    memory = line_plot(
        results_dir / "matching_recompute_memory.png",
        "Full recompute peak memory",
        "associations",
        "peak RSS, MiB",
        [
            ("recompute process", xs, [s.first["peak_rss_mb"] for s in figures.scales]),
            ("Neo4j process", xs, [s.first["neo4j_peak_rss_mb"] or 0 for s in figures.scales]),
        ],
        log=log,
    )
    with_plain = [s for s in figures.scales if s.similarity["plain_median_s"]]
    series = [("core scoring", xs, [s.similarity["core_median_s"] for s in figures.scales])]
    if with_plain:
        series.append(
            (
                "plain X @ X.T",
                [s.associations for s in with_plain],
                [s.similarity["plain_median_s"] for s in with_plain],
            )
        )
    similarity = line_plot(
        results_dir / "matching_similarity_step.png",
        "Peer similarity step",
        "associations",
        "seconds (median)",
        series,
        log=log,
    )
    return [wall, memory, similarity]


NOTES = [
    "Each scale loads its data set into a freshly started, empty Neo4j (untimed), then runs the recompute in a child "
    "process: once on the fresh graph (first run: every suggestion is new) and then the chosen number of reruns "
    "(every suggestion is rewritten, stale ones dropped). Wall time covers loading from Neo4j, scoring, the mentoring "
    "assignment and writing. Peak RSS of the child is its VmHWM (everything it allocated, including the "
    "interpreter and libraries, shown as the RSS before the work); Neo4j's is sampled every 0.1 s while the child "
    "runs (its heap and page cache are fixed by the bench stack's settings).",
    "The similarity step times `suggest_peers` (rarity-weighted tools, fields, target groups, districts and "
    "complementarity, top 20 per association; exhaustive up to 10k associations, anchored above) against the plain "
    "scipy product X @ X.T of the IDF-weighted tool matrix over the same loaded table: the floor for a pairwise "
    "similarity, which computes no top-k, no reasons and no other features. The product is skipped when it would "
    "hold more than 4e8 non-zeros (tens of GB). A warm-up run precedes the timed ones up to 10k associations.",
]


LIVE_NOTE = (
    "Live changes run after the recompute runs of each scale, with `network api` and `network worker` started on the "
    "same graph: first the worker's live state is built (a full run that keeps its lists), then changes one after "
    "the other, the kinds in turn (a tool added or removed, a new district, new fields and target groups, new "
    "considered tools, a new association, one deleted, a volunteer's skills, a volunteer's capacity), each timed "
    "from the mutation's response until the applier has acknowledged the change feed up to it (its writes "
    "committed) and one GraphQL read of the association's peer suggestions (the volunteer's mentee suggestions) "
    "returned. The sustained load sends tool and district changes on a fixed schedule whatever the "
    "answers take; the backlog is the changes not yet acknowledged, sampled every second; drain is the time from "
    "the last change sent until all were applied. Afterwards a full run with the same model (weights and frozen "
    "statistics) counts the peer suggestions it would still write: 0 means the live lists were exact."
)


def run_matching_suite(
    settings: Settings, data_folder: Path, results_dir: Path, options: RunOptions, progress: Progress = quiet
) -> SuiteResult:
    figures = measure(settings, data_folder, options, progress)
    result = SuiteResult(
        "matching",
        tables=[recompute_table(figures), stage_table(figures), similarity_table(figures)],
        plots=plots(figures, results_dir),
        notes=list(NOTES),
    )
    if any(s.live is not None for s in figures.scales):
        result.tables += [live_table(figures), live_load_table(figures), applier_table(figures)]
        result.notes.append(LIVE_NOTE)
    result.raw = {
        "scales": [{**vars(s), "live": vars(s.live) if s.live else None} for s in figures.scales],
        "neo4j_server": figures.neo4j_server,
    }
    return result
