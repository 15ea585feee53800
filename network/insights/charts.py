"""Charts of the insights, made from the cells as a reader sees them (never from the counts behind them): a count
shown as "<5" is a hatched bar up to the threshold labelled "<5", a hidden total or share no bar at all, so a chart
shows nothing its table hides."""

from dataclasses import dataclass
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from network.insights.models import Cell, Table

MOST_ROWS = 20  # a longer table is charted by its largest rows; the report's table keeps them all


@dataclass(frozen=True)
class Charted:
    """Which columns of a table name a row and which are drawn, against what axis."""

    labels: int  # the first columns, joined into the row's name
    columns: tuple[str, ...]
    axis: str
    percent: bool = False  # the cells are shares (fractions of 1), drawn as percentages
    names: tuple[str, ...] = ()  # the legend's names of the columns, when theirs say little alone


CHARTED = {
    "unmet_needs": Charted(2, ("associations",), "associations with the need unmet"),
    "tool_adoption": Charted(1, ("associations using one", "of them open source"), "associations"),
    "tool_adoption_by_month": Charted(1, ("open-source share",), "open-source share (%)", percent=True),
    "suggestion_funnel": Charted(
        1, ("seen", "open", "accepted by one side", "connected", "declined", "expired"), "suggestions"
    ),
    "volunteer_load": Charted(
        1,
        ("0 associations", "1", "2", "3 or more"),
        "volunteers",
        names=("mentoring none", "mentoring 1", "mentoring 2", "mentoring 3 or more"),
    ),
    "event_reach": Charted(2, ("associations invited", "associations registered"), "associations"),
    "peer_exposure": Charted(1, ("share of associations", "share of slots"), "share (%)", percent=True),
    "reason_acceptance": Charted(1, ("acceptance share",), "accepted by one side (%)", percent=True),
}


@dataclass(frozen=True)
class Bar:
    value: float | None  # the length drawn; None for a cell the table does not show as a figure
    shown: str  # the cell as the table shows it: "12", "40%", "<5", "suppressed"


@dataclass(frozen=True)
class Series:
    name: str
    bars: list[Bar]


@dataclass(frozen=True)
class Chart:
    """Everything a chart draws: nothing here but what the table shows."""

    key: str
    title: str
    axis: str
    categories: list[str]  # the rows drawn, one group of bars each
    series: list[Series]  # one per charted column
    rows: int  # rows of the table (more than the categories when only the largest are drawn)
    min_count: int


def _bar(cell: Cell, percent: bool) -> Bar:
    if cell.value is None or cell.suppressed:
        return Bar(None, cell.shown)
    return Bar(cell.value * 100 if percent else cell.value, cell.shown)


def _rank(row: list[Cell], indices: list[int], min_count: int) -> float:
    """How large a row is for choosing the rows to draw: its largest figure shown; a "<5" ranks between 0 and the
    threshold whatever it hides."""
    figures = [row[i].value for i in indices]
    hidden = min_count - 0.5 if any(row[i].suppressed for i in indices) else -1.0
    return max([hidden, *(figure for figure in figures if figure is not None)])


def chart_of(table: Table, min_count: int, most_rows: int = MOST_ROWS) -> Chart:
    """The chart of `table`: the charted columns of every row, or of the `most_rows` largest (largest first)."""
    charted = CHARTED[table.key]
    indices = [table.columns.index(column) for column in charted.columns]
    rows = table.rows
    if len(rows) > most_rows:
        rows = sorted(rows, key=lambda row: -_rank(row, indices, min_count))[:most_rows]
    return Chart(
        key=table.key,
        title=table.title,
        axis=charted.axis,
        categories=[" / ".join(cell.shown for cell in row[: charted.labels]) for row in rows],
        series=[
            Series(name, [_bar(row[i], charted.percent) for row in rows])
            for name, i in zip(charted.names or charted.columns, indices, strict=True)
        ],
        rows=len(table.rows),
        min_count=min_count,
    )


def figure_of(chart: Chart) -> Figure:
    """Grouped horizontal bars, one group per row; each bar is labelled with its cell as shown."""
    groups, width = len(chart.categories), 0.8 / max(1, len(chart.series))
    figure = Figure(figsize=(8.0, 1.6 + groups * max(0.3, 0.22 * len(chart.series))), dpi=110)
    axes = figure.add_subplot()
    colours = [f"C{i}" for i in range(len(chart.series))]
    hidden = False
    for number, (series, colour) in enumerate(zip(chart.series, colours, strict=True)):
        offset = (number - (len(chart.series) - 1) / 2) * width
        for group, bar in enumerate(series.bars):
            y = group + offset
            if bar.value is not None:
                axes.barh(y, bar.value, height=width, color=colour)
                end = bar.value
            elif bar.shown.startswith("<"):  # somewhere below the threshold: the range it stands for, hatched
                axes.barh(y, chart.min_count, height=width, fill=False, hatch="///", edgecolor=colour)
                end, hidden = chart.min_count, True
            else:  # a hidden total or share, or "-": no bar
                end = 0
            axes.annotate(bar.shown, (end, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=7)
    if groups:
        axes.set_yticks(range(groups), chart.categories, fontsize=8)
        axes.set_ylim(groups - 0.5, -0.5)  # the first row on top
    else:
        axes.text(0.5, 0.5, "no rows", transform=axes.transAxes, ha="center", va="center")
    axes.set_xlabel(chart.axis)
    axes.margins(x=0.15)
    axes.set_title(chart.title if chart.rows == groups else f"{chart.title} ({groups} largest of {chart.rows} rows)")
    handles = [Patch(color=colour, label=series.name) for series, colour in zip(chart.series, colours, strict=True)]
    if hidden:
        handles.append(Patch(fill=False, hatch="///", label=f"fewer than {chart.min_count}, not shown"))
    axes.legend(handles=handles, fontsize=7, loc="lower right")
    axes.grid(True, axis="x", alpha=0.3)
    figure.tight_layout()
    return figure


def save_chart(chart: Chart, file: Path) -> Path:
    """The chart as a PNG file, drawn on matplotlib's Agg canvas (no display)."""
    file.parent.mkdir(parents=True, exist_ok=True)
    FigureCanvasAgg(figure_of(chart)).print_png(file)  # type: ignore[no-untyped-call]  # matplotlib leaves it unannotated
    return file
