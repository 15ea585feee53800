"""The web client in a real browser: Debian's Chromium, driven by Playwright, against the API that serves the built
client (web/dist) on the real stack. `make test` builds the client first; a missing build fails, it never skips."""

from collections.abc import AsyncIterator, Iterator

import pytest
from playwright.async_api import Browser, async_playwright

from network.kit.database import Database
from network.settings import Settings
from network.stack.debian import ensure_chromium
from tests.reports.conftest import cast, tips_reset  # noqa: F401  (fixtures)
from tests.support.cleanup import Slugs
from tests.support.server import running_api
from tests.web.visitor import ROOT

DIST = ROOT / "web" / "dist"


@pytest.fixture(scope="session")
def web_settings(signed_settings: Settings) -> Settings:
    if not (DIST / "index.html").is_file():
        pytest.fail("web/dist is not built: run `make web` (make test builds it before the suite)")
    # loopback is a trusted proxy, so each browser context names its own client (tests/web/visitor.py)
    return signed_settings.model_copy(update={"web_dist_dir": DIST, "trusted_proxies": ["127.0.0.1"]})


@pytest.fixture(scope="session")
def site(web_settings: Settings) -> Iterator[str]:
    with running_api(web_settings) as base_url:
        yield base_url


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        launched = await playwright.chromium.launch(executable_path=ensure_chromium(), args=["--no-sandbox"])
        yield launched
        await launched.close()


@pytest.fixture
async def people(db: Database, slugs: Slugs) -> AsyncIterator[str]:
    """The prefix of what a story makes through the browser (slugs, e-mail addresses): its accounts and the
    suggestions about its parties are removed afterwards, before `slugs` removes the parties."""
    yield slugs.prefix
    async with db.driver.session(database=db.name) as session:
        for statement in (
            # what the story's accounts made, whatever slug the client chose for it
            "MATCH (a:Account)-[:ACTS_FOR]->(n) WHERE a.email STARTS WITH $prefix "
            "OPTIONAL MATCH (n)<-[:FOR|OF]-(s:Suggestion) DETACH DELETE s, n",
            "MATCH (a:Account) WHERE a.email STARTS WITH $prefix DETACH DELETE a",
            "MATCH (s:Suggestion)-[:FOR|OF]->(n) WHERE n.slug STARTS WITH $prefix DETACH DELETE s",
        ):
            await (await session.run(statement, prefix=slugs.prefix)).consume()
