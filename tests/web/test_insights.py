"""Staff insights in a real browser against the real stack: every table of `insights` as an HTML table with the period
it covers and how many parties it counts, small counts held back as "<5", and a bar chart per table. Every page is
checked by axe-core at 1280 and 390 px (screenshots in .local/screenshots/insights/)."""

import re

import pytest
from playwright.async_api import Browser, expect

from network.insights.models import Cell
from network.insights.service import insight
from network.kit.authorisation import Role
from network.kit.database import Database
from network.settings import Settings
from tests.suggestions.helpers import import_parties, peer
from tests.support.accounts import Accounts
from tests.support.cleanup import Slugs
from tests.web.test_stories import log_in
from tests.web.visitor import Visitor

pytestmark = pytest.mark.timeout(600)


async def test_staff_read_the_insights_as_tables_and_charts_with_small_counts_held_back(
    browser: Browser, site: str, slugs: Slugs, accounts: Accounts, db: Database, web_settings: Settings
) -> None:
    # Two associations using OpenSlides: its category (events and assemblies) counts them, a number small enough to
    # single them out.
    await import_parties(db, [peer(slugs("saal")), peer(slugs("forum"))])
    staff_account = await accounts.make(Role.STAFF)
    staff = await Visitor.open(browser, site, "insights", "staff")
    try:
        await log_in(staff, staff_account.email)
        await staff.goto("/staff")
        page = staff.page
        await page.get_by_role("link", name="Einblicke").click()
        await expect(page.get_by_role("heading", name="Einblicke", level=1)).to_be_visible()
        await expect(page.get_by_text("Zahlen von 1 bis 4 stehen als „<5“")).to_be_visible()
        for title in (
            "Offene Bedarfe nach Kompetenz und Bezirk",
            "Werkzeugnutzung nach Kategorie",
            "Vorschläge nach Art und Ausgang",
            "Auslastung der Freiwilligen",
            "Reichweite der Veranstaltungen nach Bezirk und Zielgruppe",
            "Kleine Vereine und Zielgruppen unter den besten Partnervorschlägen",
        ):
            await expect(page.get_by_role("heading", name=title, level=2)).to_be_visible()

        adoption = page.get_by_role("region", name="Werkzeugnutzung nach Kategorie")
        await expect(adoption.get_by_role("term").filter(has_text="Zeitraum")).to_be_visible()
        await expect(adoption.get_by_role("definition").filter(has_text="Stand")).to_be_visible()
        await expect(adoption.get_by_role("definition").filter(has_text="Vereinen")).to_have_text(
            re.compile(r"^(<5|\d+) Vereinen$")
        )
        table = adoption.get_by_role("table", name="Tool adoption by category")
        await expect(table.get_by_role("columnheader")).to_have_text(
            ["category", "associations using one", "of them open source", "open-source share"]
        )
        row = table.get_by_role("row", name=re.compile("^Events and assemblies"))
        await expect(row.get_by_role("rowheader")).to_have_text("Events and assemblies")
        # The page shows what the API computed, privacy included. Alone on the database, the two associations are
        # 2 of 2 open source: both counts held back, and the share that would tell them is hidden too. Other tests'
        # associations may use the category as well, so the figures are read from the service, not assumed.
        expected = await _row(db, web_settings.insights_min_count, "Events and assemblies")
        await expect(row.get_by_role("cell")).to_have_text(
            [cell.shown if cell.shown != "suppressed" else "verborgen" for cell in expected]
        )

        chart = adoption.get_by_role("figure")
        await expect(chart).to_have_accessible_name("Diagramm: „associations using one“ je Zeile.")
        bar = chart.locator(".bars__row").filter(has_text="Events and assemblies")
        await expect(bar.locator(".bars__bar--suppressed")).to_have_count(1 if expected[0].suppressed else 0)
        await expect(bar.locator(".bars__value")).to_have_text(expected[0].shown)
        # a held-back count somewhere on the page is drawn as a hatched stub, never as its value
        await expect(page.locator(".bars__bar--suppressed").first).to_be_visible()
        await staff.look("insights")

        await page.get_by_role("button", name="English").click()
        await expect(page.get_by_role("heading", name="Insights", level=1)).to_be_visible()
        adoption = page.get_by_role("region", name="Tool adoption by category").first
        await expect(adoption.get_by_role("definition").filter(has_text="as of")).to_be_visible()
        await staff.look("insights-english")
    finally:
        await staff.close()


async def _row(db: Database, min_count: int, category: str) -> list[Cell]:
    """The figures of `category` in the tool adoption table, as the API serves them (its label left out)."""
    table = await insight(db, "tool_adoption", min_count)
    return next(row[1:] for row in table.rows if row[0].shown == category)
