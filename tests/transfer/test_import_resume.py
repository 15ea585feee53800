"""A file imported only in part is completed by importing it again, and a failed import says what was written and
how to resume. (Killing the database in the middle of an import: tests/faults/test_import_interrupted.py.)"""

from pathlib import Path

from click.testing import CliRunner

from network.cli.data import import_command
from network.kit.database import Database
from network.transfer.service import ImportInterrupted, export_document, import_document
from tests.support.cleanup import Slugs
from tests.support.server import free_port
from tests.transfer.builders import make_association, make_volunteer


async def test_a_partly_imported_file_is_completed_by_importing_it_again(db: Database, slugs: Slugs) -> None:
    associations = [make_association(slugs(f"a{i}")) for i in range(3)]
    volunteers = [make_volunteer(slugs(f"v{i}")) for i in range(5)]
    connections = [{"a": slugs("a0"), "b": slugs("a1")}, {"a": slugs("a1"), "b": slugs("a2")}]
    # What an interrupted run leaves: the associations and the first batch of volunteers, no connections yet.
    await import_document(db, {"associations": associations, "volunteers": volunteers[:2]}, batch_size=2)

    report = await import_document(
        db, {"associations": associations, "volunteers": volunteers, "connections": connections}, batch_size=2
    )

    assert report.written == {"associations": 3, "volunteers": 5, "events": 0}
    assert report.connections_created == 2
    exported = await export_document(db)
    mine = [v for v in exported["volunteers"] if v["slug"].startswith(slugs.prefix)]
    assert sorted(v["slug"] for v in mine) == [slugs(f"v{i}") for i in range(5)]
    assert all(len(v["skills"]) == 1 for v in mine)  # links replaced, not added again
    pairs = [c for c in exported["connections"] if c["a"].startswith(slugs.prefix)]
    assert len(pairs) == 2


def test_the_message_counts_what_was_written_and_says_how_to_resume() -> None:
    error = ImportInterrupted(
        {"associations": 20, "volunteers": 3000, "connections": 0},
        {"associations": 20, "volunteers": 20000, "events": 0, "connections": 19},
        TimeoutError("no answer"),
    )
    text = str(error)
    assert "Written before it failed: 20 of 20 associations, 3000 of 20000 volunteers, 0 of 19 connections " in text
    assert "events" not in text  # a kind the file does not have is left out
    assert "the file was only partly imported" in text
    assert "Import the same file again" in text
    assert "(no answer)" in text


def test_a_database_that_does_not_answer_ends_the_command_with_a_message(tmp_path: Path) -> None:
    file = tmp_path / "import.json"
    file.write_text('{"associations": []}')
    env = {"NEO4J_URI": f"bolt://127.0.0.1:{free_port()}", "NEO4J_QUERY_TIMEOUT_S": "2"}  # nothing listens there

    result = CliRunner().invoke(import_command, [str(file)], env=env)

    assert result.exit_code == 1, result.output
    assert "the database failed before anything was written" in result.output
    assert "Traceback" not in result.output
