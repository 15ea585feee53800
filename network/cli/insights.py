"""`network insights`: the staff insights as a file, the same tables the `insights` query gives."""

from pathlib import Path

import click

from network.cli.common import with_database
from network.insights import service
from network.insights.formats import FORMATS, render
from network.settings import Settings


@click.command("insights")
@click.option("--format", "form", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="A file to write (default: stdout).")
def insights_command(form: str, output: Path | None) -> None:
    """Write the staff insights: unmet needs, tool adoption, the suggestion funnel and volunteers' load; counts
    below INSIGHTS_MIN_COUNT read "<5"."""
    settings = Settings()
    tables = with_database(settings, lambda db: service.insights(db, settings.insights_min_count))
    text = render(tables, settings.insights_min_count, form)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(tables)} insights to {output}", err=True)
