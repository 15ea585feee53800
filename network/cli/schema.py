"""`network migrate` and `network catalogue load`: the graph's shape and reference data."""

import click

from graph_schema.catalogue.loader import load_catalogue
from graph_schema.migrate import MigrationError, apply_migrations
from network.cli.common import with_database
from network.kit.database import Database
from network.settings import Settings


def migrate_and_load(settings: Settings) -> tuple[list[str], str]:
    async def work(db: Database) -> tuple[list[str], str]:
        applied = await apply_migrations(db.driver, db.name)
        counts = await load_catalogue(db.driver, db.name)
        return applied, f"{counts.nodes_created} nodes and {counts.relationships_created} links created"

    return with_database(settings, work)


@click.command("migrate")
def migrate() -> None:
    """Apply the graph's migrations that are not applied yet."""
    try:
        applied = with_database(Settings(), lambda db: apply_migrations(db.driver, db.name))
    except MigrationError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"applied: {', '.join(applied) or 'nothing new'}")


@click.group("catalogue")
def catalogue_group() -> None:
    """The reference catalogue: tools, skills, districts, fields, target groups."""


@catalogue_group.command("load")
def load() -> None:
    """Load (or refresh) the catalogue; loading twice changes nothing."""
    counts = with_database(Settings(), lambda db: load_catalogue(db.driver, db.name))
    click.echo(
        f"catalogue: {counts.nodes_created} nodes, {counts.relationships_created} links created, "
        f"{counts.relationships_deleted} stale links removed"
    )
