"""schema.graphql, which web clients generate code from, is the live schema; `network schema-sdl` keeps it so."""

import difflib
from pathlib import Path

from click.testing import CliRunner

from network.cli.schema_sdl import REGENERATE, current_sdl, schema_sdl

ROOT = Path(__file__).resolve().parents[2]


def test_schema_graphql_is_the_live_schema() -> None:
    written = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    live = current_sdl()
    if written != live:
        diff = difflib.unified_diff(
            written.splitlines(), live.splitlines(), "schema.graphql", "live schema", lineterm=""
        )
        shown = "\n".join(list(diff)[:40])
        raise AssertionError(
            f"schema.graphql is out of date; regenerate it with `{REGENERATE}` "
            f"(or `network schema-sdl`) and commit it.\n{shown}"
        )


def test_the_command_writes_the_file_and_check_fails_until_it_is_current(tmp_path: Path) -> None:
    target = tmp_path / "schema.graphql"
    runner = CliRunner()

    missing = runner.invoke(schema_sdl, ["--check", "--path", str(target)])
    assert missing.exit_code == 1 and REGENERATE in missing.output

    assert runner.invoke(schema_sdl, ["--path", str(target)]).exit_code == 0
    assert target.read_text(encoding="utf-8") == current_sdl()
    assert runner.invoke(schema_sdl, ["--check", "--path", str(target)]).exit_code == 0

    target.write_text(current_sdl().replace("type Query", "type Querry"), encoding="utf-8")
    stale = runner.invoke(schema_sdl, ["--check", "--path", str(target)])
    assert stale.exit_code == 1 and "out of date" in stale.output
    assert "type Querry" in target.read_text(encoding="utf-8"), "--check must not write"
