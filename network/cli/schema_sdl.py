"""`network schema-sdl`: the GraphQL schema as SDL in `schema.graphql`, which web clients generate code from."""

from pathlib import Path

import click

from network.graphql.schema import build_schema
from network.settings import Settings

SDL_FILE = Path("schema.graphql")
REGENERATE = "make schema"


def current_sdl() -> str:
    """The live schema, printed by strawberry; the settings switch only rules and limits, never the shape."""
    return build_schema(Settings()).as_str() + "\n"


@click.command("schema-sdl")
@click.option("--check", is_flag=True, help="Only compare: exit 1 when the file differs from the live schema.")
@click.option(
    "--path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=SDL_FILE,
    show_default=True,
    help="The SDL file, relative to the repository root when run from there.",
)
def schema_sdl(check: bool, path: Path) -> None:
    """Write the GraphQL schema as SDL (or, with --check, verify that the file is current)."""
    sdl = current_sdl()
    written = path.read_text(encoding="utf-8") if path.exists() else None
    if check:
        if written != sdl:
            raise click.ClickException(f"{path} is out of date with the schema; run `{REGENERATE}` and commit it.")
        click.echo(f"{path} is up to date.")
        return
    path.write_text(sdl, encoding="utf-8")
    click.echo(f"{path}: {'unchanged' if written == sdl else 'written'}.")
