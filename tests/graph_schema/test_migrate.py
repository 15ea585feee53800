"""Migrations apply once each, are recorded with a checksum, and a changed applied migration is refused."""

import shutil
from pathlib import Path

import pytest

from graph_schema.migrate import MIGRATIONS, MigrationError, apply_migrations, read_migrations
from network.kit.database import Database


async def _schema(db: Database) -> tuple[set[str], set[str], list[tuple[str, str]]]:
    async with db.driver.session(database=db.name) as session:
        constraints = {r["name"] async for r in await session.run("SHOW CONSTRAINTS YIELD name")}
        indexes = {r["name"] async for r in await session.run("SHOW INDEXES YIELD name")}
        recorded = [
            (r["v"], r["c"])
            async for r in await session.run(
                "MATCH (m:SchemaMigration) RETURN m.version AS v, m.checksum AS c ORDER BY v"
            )
        ]
    return constraints, indexes, recorded


async def test_every_migration_is_recorded_with_its_checksum(db: Database) -> None:
    _, _, recorded = await _schema(db)
    on_disk = [(m.version, m.checksum) for m in read_migrations()]
    assert [r for r in recorded if r[0] in {v for v, _ in on_disk}] == on_disk


async def test_applying_twice_changes_nothing(db: Database) -> None:
    before = await _schema(db)
    assert await apply_migrations(db.driver, db.name) == []
    assert await _schema(db) == before


async def test_the_design_constraints_and_the_fulltext_index_exist(db: Database) -> None:
    constraints, indexes, _ = await _schema(db)
    for label in ("association", "volunteer", "event", "tool", "skill", "district", "field", "target_group"):
        assert f"{label}_id" in constraints and f"{label}_slug" in constraints
    assert {"party_text", "event_starts_at", "suggestion_kind_status"} <= indexes


async def test_a_changed_applied_migration_is_refused(db: Database, tmp_path: Path) -> None:
    changed = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, changed)
    first = sorted(changed.glob("0001_*.cypher"))[0]
    first.write_text(first.read_text() + "\n// an edit after the fact\n")
    with pytest.raises(MigrationError, match=r"0001_constraints was changed after it was applied"):
        await apply_migrations(db.driver, db.name, changed)


async def test_a_new_migration_is_applied_exactly_once(db: Database, tmp_path: Path) -> None:
    directory = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, directory)
    (directory / "9999_probe_index.cypher").write_text(
        "CREATE INDEX probe_index IF NOT EXISTS FOR (n:MigrationProbe) ON (n.value);\n"
    )
    try:
        assert await apply_migrations(db.driver, db.name, directory) == ["9999_probe_index"]
        assert await apply_migrations(db.driver, db.name, directory) == []
        _, indexes, recorded = await _schema(db)
        assert "probe_index" in indexes
        assert [v for v, _ in recorded].count("9999") == 1
    finally:
        async with db.driver.session(database=db.name) as session:
            await (await session.run("DROP INDEX probe_index IF EXISTS")).consume()
            await (await session.run("MATCH (m:SchemaMigration {version: '9999'}) DELETE m")).consume()


def test_badly_named_migration_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "add-index.cypher").write_text("RETURN 1;")
    with pytest.raises(MigrationError, match=r"NNNN_words\.cypher"):
        read_migrations(tmp_path)
