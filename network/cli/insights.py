"""`network insights`: the staff insights as a file, the same tables the `insights` query gives, or the monthly
report (Markdown and PNG charts) for a funder."""

from pathlib import Path

import click

from network.cli.common import fail, with_database
from network.insights import service
from network.insights.formats import FORMATS, render
from network.insights.monthly import write_monthly
from network.settings import Settings


@click.command("insights")
@click.option("--format", "form", type=click.Choice(FORMATS), help="md (the default), csv or json; not with --monthly.")
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    help="A file to write (default: stdout); with --monthly, the folder for report.md and the charts.",
)
@click.option("--monthly", is_flag=True, help="Write the monthly report: report.md and one PNG chart per table.")
def insights_command(form: str | None, output: Path | None, monthly: bool) -> None:
    """Write the staff insights: unmet needs, tool adoption, the suggestion funnel, volunteers' load, event reach
    and peer exposure; counts below INSIGHTS_MIN_COUNT read "<5"."""
    if monthly and form is not None:
        fail("--monthly writes Markdown and PNG charts: leave out --format")
    if monthly and output is None:
        fail("--monthly writes a folder: give it with --output")
    if output is not None and output.is_dir() != monthly and output.exists():
        fail(f"{output} is {'not ' if monthly else ''}a folder")
    settings = Settings()
    timeout = settings.insights_timeout_s  # one transaction for all of them: far longer than a request's
    tables = with_database(settings, lambda db: service.insights(db.with_timeout(timeout), settings.insights_min_count))
    if monthly and output is not None:
        written = write_monthly(tables, settings.insights_min_count, output)
        click.echo(f"wrote {written.report} and {len(written.charts)} charts", err=True)
        return
    text = render(tables, settings.insights_min_count, form or "md")
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(tables)} insights to {output}", err=True)
