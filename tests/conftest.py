"""The real stack for the whole session: a local Neo4j and Redis on test ports, started once, migrated, loaded."""

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from graph_schema.catalogue.loader import load_catalogue
from graph_schema.migrate import apply_migrations
from network.kit.database import Database, open_driver
from network.settings import Settings
from network.stack import stack
from tests.support.settings import make_settings

pytest_plugins = [
    "tests.support.cleanup",
    "tests.support.accounts",
    "tests.support.mail",
]  # `slugs`, accounts of each role, `mail_sink`, ...

ROOT = Path(__file__).resolve().parent.parent
# Folders whose tests start services of their own (the local stack's commands, the benchmarks' stack).
_STARTS_SERVICES = {"stack", "bench", "faults"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`stack` marks what needs Neo4j and Redis: every test that uses the session's stack (`live_stack`, directly or
    through `db`, a client, a worker, ...), and the folders that start services themselves. The rest are pure and
    run with `pytest -m "not stack"` on a machine without either."""
    for item in items:
        folder = Path(str(item.path)).relative_to(ROOT / "tests").parts[0]
        if folder in _STARTS_SERVICES or "live_stack" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.stack)


@pytest.fixture(scope="session")
def settings() -> Settings:
    return make_settings()


@pytest.fixture(scope="session")
def live_stack(settings: Settings) -> Iterator[Settings]:
    """Starts what does not answer yet (a missing service fails the run, it never skips), stops what it started."""
    started = stack.up(settings)
    try:
        yield settings
    finally:
        stack.down(settings, started)


@pytest.fixture(scope="session")
async def db(live_stack: Settings) -> AsyncIterator[Database]:
    driver = open_driver(live_stack)
    database = Database.from_settings(driver, live_stack)
    await apply_migrations(driver, database.name)
    await load_catalogue(driver, database.name)
    try:
        yield database
    finally:
        await driver.close()
