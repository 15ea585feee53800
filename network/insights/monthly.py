"""The monthly report a programme sends to its funder: report.md with every insight (its period, party count, note,
table and chart) and one PNG chart per insight, all made from the tables as shown (network.insights.charts)."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from network.insights.charts import Chart, chart_of, save_chart
from network.insights.formats import markdown_table, period
from network.insights.models import Table

REPORT = "report.md"


@dataclass(frozen=True)
class Monthly:
    report: Path
    charts: list[Path]  # one PNG per table, in the report's order
    drawn: list[Chart]  # what each chart draws


def taken_at(tables: Sequence[Table]) -> dt.datetime:
    """When the figures were taken: the earliest end of a period (event reach may run on to a later event)."""
    return min((table.covered_to for table in tables), default=dt.datetime.now(dt.UTC))


def _section(table: Table, chart: Chart, png: str) -> list[str]:
    drawn = len(chart.categories)
    caption = "" if drawn == chart.rows else f" The chart shows the {drawn} largest of the {chart.rows} rows."
    if any(bar.shown.startswith("<") for series in chart.series for bar in series.bars):
        caption += (
            f" A hatched bar is a count below {chart.min_count}: drawn up to {chart.min_count} and labelled "
            f'"<{chart.min_count}" whatever it is.'
        )
    return [
        "",
        f"## {table.title}",
        "",
        f"- Period: {period(table)}",
        f"- Counted from: {table.parties.shown} {table.party_kind}",
        "",
        table.note,
        "",
        *markdown_table(table),
        "",
        f"![{table.title}]({png})",
        "",
        f"*Figure: {table.title}.{caption}*",
    ]


def markdown(tables: Sequence[Table], charts: Sequence[Chart], pngs: Sequence[str], min_count: int) -> str:
    taken = taken_at(tables)
    lines = [
        f"# Network insights: {taken.strftime('%B %Y')}",
        "",
        f"Figures taken on {taken.day} {taken:%B %Y at %H:%M} UTC. Most tables are a snapshot of the network on "
        "that day (the graph keeps no history of them), so a report made at the end of each month gives the series "
        "month by month; each section names the period it covers.",
        "",
        f"Private by construction: nothing here names an association or a volunteer. A count from 1 to "
        f'{min_count - 1} reads "<{min_count}", and a total or share that would give such a count away reads '
        '"suppressed"; the charts are drawn from the tables as shown and hide the same figures.',
        "",
        "Contents: " + ", ".join(table.title for table in tables) + ".",
    ]
    for table, chart, png in zip(tables, charts, pngs, strict=True):
        lines += _section(table, chart, png)
    return "\n".join(lines) + "\n"


def write_monthly(tables: Sequence[Table], min_count: int, folder: Path) -> Monthly:
    """Writes report.md and a PNG chart per table into `folder` (made when missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    charts = [chart_of(table, min_count) for table in tables]
    pngs = [save_chart(chart, folder / f"{chart.key}.png") for chart in charts]
    report = folder / REPORT
    report.write_text(markdown(tables, charts, [png.name for png in pngs], min_count), encoding="utf-8")
    return Monthly(report, pngs, charts)
