"""`network match`: recompute every peer and mentoring suggestion now, in the foreground."""

import sys
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph_schema.migrate import apply_migrations
from network.cli.common import with_database
from network.settings import Settings
from network.suggestions.invites import recompute_invites
from network.suggestions.recompute import recompute_all


@click.command("match")
def match_command() -> None:
    """Recompute all suggestions: declined pairs stay gone, accepted ones stay as they are."""
    with Progress(TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  disable=not sys.stderr.isatty()) as bar:
        tasks: dict[str, Any] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done)

        async def migrated_then_matched(db):  # type: ignore[no-untyped-def]
            # The recompute merges on the Suggestion constraint; without it every write scans all suggestions.
            await apply_migrations(db.driver, db.name)
            return await recompute_all(db, progress), await recompute_invites(db, progress=progress)

        counts, invited = with_database(Settings(), migrated_then_matched)
    click.echo(f"matched {counts.associations} associations and {counts.volunteers} volunteers: "
               f"{counts.peer} peer and {counts.mentoring} mentoring suggestions, {counts.dropped} dropped")
    click.echo(f"invited for {invited.events} upcoming events: {invited.invites} invites "
               f"({invited.outreach} outreach), {invited.dropped} dropped")
