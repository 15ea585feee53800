"""The API suite's figure: throughput (top) and median latency (bottom) against clients, a column per operation."""

from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bench.api.measure import Cell

TITLES = {
    "page": "(a) association page",
    "list": "(b) filtered list",
    "search": "(c) full-text search",
    "set_tools": "(d) set tools",
}
SIDES = {"ours": "ours", "ours, 2 workers": "ours, 2 workers", "floor": "floor (driver)", "peer": "@neo4j/graphql"}


def api_plot(file: Path, cells: list[Cell], operations: list[str]) -> Path:
    figure = Figure(figsize=(3.2 * len(operations), 6.4), dpi=110)
    axes = figure.subplots(2, len(operations), squeeze=False)
    ticks = sorted({c.clients for c in cells})
    for column, operation in enumerate(operations):
        top, bottom = axes[0][column], axes[1][column]
        top.set_title(TITLES.get(operation, operation))
        for side, label in SIDES.items():
            mine = sorted(
                (c for c in cells if c.side == side and c.operation == operation and c.latency), key=lambda c: c.clients
            )
            if not mine:
                continue
            clients = [c.clients for c in mine]
            top.plot(clients, [c.throughput for c in mine], marker="o", label=label)
            bottom.plot(clients, [c.latency.median_ms for c in mine if c.latency], marker="o", label=label)
        for ax, y_label in ((top, "requests/s"), (bottom, "median latency, ms")):
            ax.set_xscale("log", base=2)
            ax.set_xticks(ticks, [str(t) for t in ticks])
            ax.set_xlabel("concurrent clients")
            ax.grid(True, alpha=0.3)
            if column == 0:
                ax.set_ylabel(y_label)
        bottom.set_yscale("log")
    axes[0][0].legend(fontsize="small")
    figure.tight_layout()
    file.parent.mkdir(parents=True, exist_ok=True)
    FigureCanvasAgg(figure).print_png(file)  # type: ignore[no-untyped-call]  # matplotlib leaves print_png unannotated
    return file
