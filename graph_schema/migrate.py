"""Applies the Cypher migrations in order, once each, and records them in the graph with a checksum."""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from neo4j import AsyncDriver

MIGRATIONS = Path(__file__).parent / "migrations"
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.cypher$")


class MigrationError(RuntimeError):
    """A migration cannot be applied, or one already applied was changed afterwards."""


@dataclass(frozen=True)
class Migration:
    version: str
    name: str
    checksum: str
    statements: tuple[str, ...]


def read_migrations(directory: Path = MIGRATIONS) -> list[Migration]:
    migrations = []
    for path in sorted(directory.glob("*.cypher")):
        match = _NAME.match(path.name)
        if match is None:
            raise MigrationError(f"{path.name}: migration files are named NNNN_words.cypher")
        text = path.read_text(encoding="utf-8")
        migrations.append(
            Migration(
                version=match.group(1),
                name=path.stem,
                checksum=hashlib.sha256(text.encode()).hexdigest(),
                statements=tuple(_statements(text)),
            )
        )
    versions = [m.version for m in migrations]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"Two migrations share a version number in {directory}")
    return migrations


async def apply_migrations(driver: AsyncDriver, database: str, directory: Path = MIGRATIONS) -> list[str]:
    """Applies what is new and returns its names; refuses to go on when an applied migration has changed."""
    async with driver.session(database=database) as session:
        await (
            await session.run(
                "CREATE CONSTRAINT schema_migration_version IF NOT EXISTS "
                "FOR (m:SchemaMigration) REQUIRE m.version IS UNIQUE"
            )
        ).consume()
        result = await session.run("MATCH (m:SchemaMigration) RETURN m.version AS version, m.checksum AS checksum")
        applied = {record["version"]: record["checksum"] async for record in result}

        done = []
        for migration in read_migrations(directory):
            recorded = applied.get(migration.version)
            if recorded == migration.checksum:
                continue
            if recorded is not None:
                raise MigrationError(
                    f"Migration {migration.name} was changed after it was applied (checksum {recorded[:12]} in the "
                    f"graph, {migration.checksum[:12]} on disk). Put the change into a new migration instead."
                )
            # Schema commands cannot share a transaction with data writes, so each runs on its own;
            # every statement is written IF NOT EXISTS, so a run cut short can simply be repeated.
            for statement in migration.statements:
                await (await session.run(statement)).consume()
            await (
                await session.run(
                    "CREATE (m:SchemaMigration {version: $version, name: $name, checksum: $checksum, "
                    "appliedAt: datetime()})",
                    version=migration.version,
                    name=migration.name,
                    checksum=migration.checksum,
                )
            ).consume()
            done.append(migration.name)
        await (await session.run("CALL db.awaitIndexes(300)")).consume()
    return done


def _statements(text: str) -> list[str]:
    lines = [line for line in text.splitlines() if not line.strip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
