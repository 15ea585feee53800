"""The monthly report on the real graph: report.md with every table and a valid PNG chart each, and charts that show
no more than the tables do."""

import datetime as dt
from pathlib import Path

from matplotlib.image import imread
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation

from network.insights import service
from network.insights.charts import Bar, chart_of, figure_of
from network.insights.monthly import write_monthly
from network.insights.repository import UnmetNeedRow
from network.insights.service import unmet_needs
from network.kit.database import Database
from network.settings import Settings
from tests.insights.conftest import associations_needing, district, skill
from tests.insights.test_cli import KEYS, insights
from tests.support.cleanup import Slugs

PNG = b"\x89PNG\r\n\x1a\n"


async def test_the_monthly_report_holds_every_table_with_its_period_and_a_png_chart(
    settings: Settings, db: Database, own: Slugs, tmp_path: Path
) -> None:
    place, need = own("district"), own("skill")
    await district(db, place)
    await skill(db, need)
    await associations_needing(db, [own(f"club{i}") for i in range(6)], place, need)

    folder = tmp_path / "december"
    outcome = await insights(settings, "--monthly", "--output", str(folder))
    assert outcome.exit_code == 0, outcome.output

    report = (folder / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# Network insights: ")
    tables = await service.insights(db, 5)
    assert [table.key for table in tables] == KEYS
    for table in tables:
        section = report.split(f"\n## {table.title}\n", 1)[1].split("\n## ", 1)[0]
        assert "- Period: " in section and f"- Counted from: {table.parties.shown} {table.party_kind}" in section
        assert table.note in section and "| " + " | ".join(table.columns) + " |" in section
        assert f"]({table.key}.png)" in section
        png = folder / f"{table.key}.png"
        assert png.read_bytes().startswith(PNG)
        height, width, _ = imread(png).shape
        assert height > 100 and width > 100
    assert f"| {need} | {place} | 6 |" in report
    assert sorted(p.name for p in folder.iterdir()) == sorted(["report.md", *(f"{key}.png" for key in KEYS)])


async def test_a_monthly_report_needs_a_folder(settings: Settings, tmp_path: Path) -> None:
    missing = await insights(settings, "--monthly")
    assert missing.exit_code != 0 and "--output" in missing.output
    file = tmp_path / "insights.md"
    file.write_text("")
    assert "is not a folder" in (await insights(settings, "--monthly", "--output", str(file))).output
    both = await insights(settings, "--monthly", "--format", "csv", "--output", str(tmp_path))
    assert both.exit_code != 0 and "--format" in both.output  # a format it would not write is refused, not ignored


async def test_a_suppressed_count_is_nowhere_in_the_report_or_its_charts(
    db: Database, own: Slugs, tmp_path: Path
) -> None:
    place, need = own("district"), own("skill")
    await district(db, place)
    await skill(db, need)
    await associations_needing(db, [own(f"club{i}") for i in range(3)], place, need)  # three: shown as "<5"

    tables = await service.insights(db, 5)
    written = write_monthly(tables, 5, tmp_path)
    report = written.report.read_text(encoding="utf-8")
    assert f"| {need} | {place} | <5 |" in report and f"| {need} | {place} | 3 |" not in report

    # what each chart was given: a count chart draws no figure between 0 and the threshold
    for chart in written.drawn:
        if chart.key != "peer_exposure":  # shares, not counts
            drawn = [bar.value for series in chart.series for bar in series.bars if bar.value is not None]
            assert all(value == 0 or value >= 5 for value in drawn), chart.key

    # what the chart draws for our row, with every row charted: a hatched bar to the threshold, labelled "<5"
    unmet = next(table for table in tables if table.key == "unmet_needs")
    chart = chart_of(unmet, 5, most_rows=len(unmet.rows))
    ours = chart.categories.index(f"{need} / {place}")
    assert [series.bars[ours] for series in chart.series] == [Bar(None, "<5")]
    axes = figure_of(chart).axes[0]
    bars = [patch for patch in axes.patches if isinstance(patch, Rectangle)]
    row = [bar for bar in bars if abs(bar.get_y() + bar.get_height() / 2 - ours) < 0.5]
    assert [(bar.get_width(), bar.get_hatch(), bar.get_fill()) for bar in row] == [(5, "///", False)]
    assert all(bar.get_width() == 0 or bar.get_width() >= 5 for bar in bars)
    labels = [text for text in axes.texts if isinstance(text, Annotation)]
    assert [text.get_text() for text in labels if abs(text.xy[1] - ours) < 0.5] == ["<5"]


def test_a_long_table_is_charted_by_its_largest_rows_a_hidden_count_between_zero_and_the_threshold() -> None:
    rows: list[UnmetNeedRow] = [
        {"skill": skill, "district": "d", "associations": count}
        for skill, count in (("none", 0), ("few", 2), ("some", 7), ("many", 30), ("three", 3))
    ]
    table = unmet_needs(rows, 100, dt.datetime(2026, 12, 31, tzinfo=dt.UTC), 5)
    assert chart_of(table, 5, most_rows=2).categories == ["many / d", "some / d"]
    largest = chart_of(table, 5, most_rows=4)  # the hidden ones keep the table's order among themselves
    assert largest.categories == ["many / d", "some / d", "few / d", "three / d"] and largest.rows == 5
    assert [bar.shown for bar in largest.series[0].bars] == ["30", "7", "<5", "<5"]
    assert chart_of(table, 5).categories == [f"{skill} / d" for skill in ("none", "few", "some", "many", "three")]
