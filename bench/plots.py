"""PNG plots for the report, drawn on matplotlib's Agg canvas: no display and no pyplot global state needed."""

from collections.abc import Sequence
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

Series = tuple[str, Sequence[float], Sequence[float]]  # label, x values, y values
Band = tuple[Sequence[float], Sequence[float]]  # low and high y values at the same x values


def _save(figure: Figure, file: Path) -> Path:
    figure.tight_layout()
    file.parent.mkdir(parents=True, exist_ok=True)
    FigureCanvasAgg(figure).print_png(file)  # type: ignore[no-untyped-call]  # matplotlib leaves print_png unannotated
    return file


def _axes(title: str, x_label: str, y_label: str) -> tuple[Figure, Axes]:
    figure = Figure(figsize=(6.4, 4.0), dpi=110)
    axes = figure.add_subplot()
    axes.set_title(title)
    axes.set_xlabel(x_label)
    axes.set_ylabel(y_label)
    axes.grid(True, which="both", alpha=0.3)
    return figure, axes


def line_plot(
    file: Path,
    title: str,
    x_label: str,
    y_label: str,
    series: Sequence[Series],
    spread: Sequence[Band] | None = None,
    log: bool = False,
) -> Path:
    """One line per series with markers at the measured points; `spread` shades min..max of each series."""
    figure, axes = _axes(title, x_label, y_label)
    for index, (label, xs, ys) in enumerate(series):
        axes.plot(xs, ys, marker="o", label=label)
        if spread is not None:
            axes.fill_between(xs, spread[index][0], spread[index][1], alpha=0.2)
    if log:
        axes.set_xscale("log")
        axes.set_yscale("log")
    axes.legend()
    return _save(figure, file)


def bar_plot(
    file: Path, title: str, x_label: str, bars: Sequence[tuple[str, float, float, float]], target: float | None = None
) -> Path:
    """One horizontal bar per (label, median, low, high), the spread as whiskers; `target` as a dashed line."""
    figure = Figure(figsize=(6.4, 1.2 + 0.4 * len(bars)), dpi=110)
    axes = figure.add_subplot()
    axes.set_title(title)
    axes.set_xlabel(x_label)
    axes.grid(True, axis="x", alpha=0.3)
    medians = [median for _, median, _, _ in bars]
    spread = [[median - low for _, median, low, _ in bars], [high - median for _, median, _, high in bars]]
    axes.barh(range(len(bars)), medians, xerr=spread, capsize=3)
    axes.set_yticks(range(len(bars)), [label for label, _, _, _ in bars])
    axes.invert_yaxis()
    if target is not None:
        axes.axvline(target, linestyle="--", color="grey", label=f"target {target:g}")
        axes.legend()
    return _save(figure, file)
