"""`network import`, `network export` and `network demo load`: the whole data set as one JSON file."""

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from network.cli.common import with_database
from network.settings import Settings
from network.transfer.service import (
    BATCH_TIMEOUT_S,
    DATABASE_FAILURES,
    ImportInterrupted,
    ImportRejected,
    export_document,
    import_document,
)

DEMO = Path(__file__).resolve().parent.parent / "demo" / "demo.json"


def _import(settings: Settings, document: Any, show_progress: bool) -> str:
    with Progress(
        TextColumn("{task.description:<13}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        disable=not show_progress,
        transient=False,
    ) as bar:
        tasks: dict[str, Any] = {}

        def progress(kind: str, done: int, total: int) -> None:
            if kind not in tasks:
                tasks[kind] = bar.add_task(kind, total=total)
            bar.update(tasks[kind], completed=done)

        patient = settings.model_copy(
            update={"neo4j_query_timeout_s": max(settings.neo4j_query_timeout_s, BATCH_TIMEOUT_S)}
        )
        report = with_database(patient, lambda db: import_document(db, document, progress))
    written = ", ".join(f"{count} {kind}" for kind, count in report.written.items())
    return f"imported {written}; {report.connections_created} new connections"


def load_demo(settings: Settings) -> str:
    return "demo data: " + _import(settings, json.loads(DEMO.read_text(encoding="utf-8")), show_progress=False)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(file: Path) -> None:
    """Import FILE (the JSON import format); a file with bad records is reported whole and nothing is written.

    Records are merged by slug in batches: a file imported only in part (the database failed) is completed by
    importing it again."""
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise click.ClickException(f"{file} is not UTF-8 JSON: {error}") from error
    try:
        click.echo(_import(Settings(), document, show_progress=sys.stderr.isatty()))
    except ImportRejected as error:
        for problem in error.problems:
            click.echo(f"  {problem}", err=True)
        raise click.ClickException(f"{file}: {error}") from error
    except ImportInterrupted as error:
        raise click.ClickException(f"{file}: {error}") from error
    except DATABASE_FAILURES as error:  # before the first write: while checking the file against the catalogue
        raise click.ClickException(f"{file}: the database failed before anything was written ({error}).") from error


@click.command("export")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout)")
def export_command(output: Path | None) -> None:
    """Write every association, volunteer, connection and event in the import format."""
    document = with_database(Settings(), export_document)
    text = json.dumps(document, ensure_ascii=False, indent=2)
    if output is None:
        click.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        counts = ", ".join(f"{len(document[k])} {k}" for k in ("associations", "volunteers", "connections", "events"))
        click.echo(f"wrote {output}: {counts}", err=True)


@click.group("demo")
def demo_group() -> None:
    """The small demo data set that `network run` loads."""


@demo_group.command("load")
def demo_load() -> None:
    """Load the demo associations, volunteers, connections and events (idempotent)."""
    click.echo(load_demo(Settings()))
