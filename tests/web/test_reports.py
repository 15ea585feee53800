"""Experience reports on a tool's page in a real browser against the real stack: a visitor reads the approved
reports, the rating and staff's tips; a member writes its association's report, sees it wait for staff, sees it on
the page once staff approved it, changes it and reads staff's reason for rejecting the change. Every page is checked
by axe-core at 1280 and 390 px (screenshots in .local/screenshots/<story>/)."""

import re

import pytest
from playwright.async_api import Browser, expect

from tests.reports.conftest import APPROVE, MINE, REJECT, TIPS, ReportCast
from tests.support.accounts import GraphQL
from tests.web.test_stories import log_in
from tests.web.visitor import Visitor

pytestmark = pytest.mark.timeout(600)

TOOL, TOOL_NAME = "hedgedoc", "HedgeDoc"  # a tool no other test reports on


async def test_a_visitor_reads_the_approved_reports_the_rating_and_the_tips_of_a_tool(
    browser: Browser, site: str, cast: ReportCast, graphql: GraphQL, tips_reset: list[str]
) -> None:
    earlier = [f"frueher{n}" for n in range(9)]  # with the two below, one more than a page of ten
    for name in ("chor", "kiez", "offen", *earlier):
        await cast.member(name)
    for name in earlier:
        await cast.approved(name, tool=TOOL, rating=4, replaced=None)
    await cast.approved(
        "chor",
        tool=TOOL,
        rating=5,
        usedFor="Protokolle der Vorstandssitzungen",
        wentWell="Alle schreiben gleichzeitig mit.",
        replaced="google-workspace",
        tips="Eine Vorlage für die Tagesordnung anlegen.",
    )
    await cast.approved(
        "kiez",
        tool=TOOL,
        rating=2,
        usedFor="Minutes of our plenary meetings",
        wentWell="",
        wentBadly="Formatting tables in Markdown was hard for many.",
        switchDuration=None,
        replaced=None,
        tips="",
        language="EN",
    )
    await cast.write("offen", tool=TOOL, rating=1, usedFor="Noch nicht freigegeben")  # pending: not shown
    tips_reset.append(TOOL)
    data = await graphql(
        TIPS,
        await cast.moderator(),
        tool=TOOL,
        tips=[
            {"text": "Markdown-Spickzettel an die erste Seite heften.", "language": "DE"},
            {"text": "Pin a Markdown cheat sheet to the first page.", "language": "EN"},
        ],
    )
    assert data["setToolTips"]["errors"] == []

    visitor = await Visitor.open(browser, site, "reports", "visitor")
    try:
        await visitor.goto(f"/tools/{TOOL}")
        page = visitor.page
        await expect(page.get_by_role("heading", name=TOOL_NAME, level=1)).to_be_visible()
        # The rating among the tool's facts: in words (the stars are for the eye only) and from how many reports.
        rating = page.get_by_role("definition").filter(has_text="von 5 Sternen")
        await expect(rating).to_have_text(re.compile(r"3,9 von 5 Sternen\s+aus 11 Erfahrungsberichten"))
        tips = page.get_by_role("region", name="Tipps vom Programm-Team")
        await expect(tips.get_by_text("Markdown-Spickzettel an die erste Seite heften.")).to_be_visible()
        await expect(tips.get_by_text("Pin a Markdown cheat sheet")).to_have_count(0)  # the interface's language

        reports = page.get_by_role("region", name="Erfahrungen von Vereinen")
        await expect(reports.get_by_text("11 Erfahrungsberichte")).to_be_visible()
        articles = reports.get_by_role("article")
        await expect(articles).to_have_count(10)
        await expect(reports.get_by_role("article", name="Verein offen")).to_have_count(0)
        await expect(articles.first).to_have_accessible_name("Verein kiez")  # newest first
        chor = reports.get_by_role("article", name="Verein chor")
        await expect(chor.get_by_text("5 von 5 Sternen")).to_be_visible()
        await expect(chor.get_by_text("Protokolle der Vorstandssitzungen")).to_be_visible()
        await expect(chor.get_by_text("Alle schreiben gleichzeitig mit.")).to_be_visible()
        await expect(chor.get_by_text("ein bis drei Monate")).to_be_visible()
        await expect(chor.get_by_text("Eine Vorlage für die Tagesordnung anlegen.")).to_be_visible()
        await expect(chor.get_by_text("auf Deutsch")).to_be_visible()
        await expect(chor.get_by_role("link", name="Google Workspace")).to_have_attribute(
            "href", "/tools/google-workspace"
        )
        await expect(chor.get_by_role("link", name="Verein chor")).to_have_attribute(
            "href", f"/associations/{cast.slugs('chor')}"
        )
        kiez = reports.get_by_role("article", name="Verein kiez")
        await expect(kiez.get_by_text("auf Englisch")).to_be_visible()
        await expect(kiez.get_by_text("Minutes of our plenary meetings")).to_have_attribute("lang", "en")
        await expect(kiez.get_by_text("Was gut lief")).to_have_count(0)  # left empty, so not shown
        await expect(kiez.get_by_text("Dauer der Umstellung")).to_have_count(0)
        # Visitors are asked to log in to write one.
        await expect(page.get_by_role("link", name="Anmelden und Bericht schreiben")).to_have_attribute(
            "href", f"/login?next=%2Ftools%2F{TOOL}"
        )
        await visitor.look("tool")
        await reports.get_by_role("button", name="Weitere Erfahrungsberichte laden").click()
        await expect(articles).to_have_count(11)
        await expect(reports.get_by_role("button", name="Weitere Erfahrungsberichte laden")).to_have_count(0)

        await reports.get_by_role("radio", name="Am besten bewertet zuerst").check()
        await expect(articles.first).to_have_accessible_name("Verein chor")
        assert "order=BEST_RATED" in page.url
        await page.reload()
        await page.wait_for_load_state("networkidle")
        await expect(reports.get_by_role("radio", name="Am besten bewertet zuerst")).to_be_checked()
        await expect(articles.first).to_have_accessible_name("Verein chor")

        await page.get_by_role("button", name="English").click()
        reports = page.get_by_role("region", name="What associations experienced")
        await expect(reports.get_by_role("article", name="Verein chor").get_by_text("5 of 5 stars")).to_be_visible()
        await expect(page.get_by_text("Pin a Markdown cheat sheet to the first page.")).to_be_visible()
        await visitor.look("tool-english")
    finally:
        await visitor.close()


async def test_a_member_writes_a_report_that_shows_once_staff_approved_it(
    browser: Browser, site: str, cast: ReportCast, graphql: GraphQL
) -> None:
    account = await cast.member("verein")
    staff = await cast.moderator()
    member = await Visitor.open(browser, site, "reports", "member")
    visitor = await Visitor.open(browser, site, "reports", "visitor")
    try:
        await log_in(member, account.email)
        await member.goto(f"/tools/{TOOL}")
        page = member.page
        reports = page.get_by_role("region", name="Erfahrungen von Vereinen")
        await expect(reports.get_by_text(f"Zu {TOOL_NAME} gibt es noch keine freigegebenen")).to_be_visible()
        await expect(reports.get_by_role("radio")).to_have_count(0)  # no order to choose without two reports
        yours = page.get_by_role("region", name="Ihr Erfahrungsbericht")
        await yours.get_by_role("button", name="Erfahrungsbericht schreiben").click()
        await expect(yours.get_by_role("radio", name="1 Stern")).to_be_focused()
        await expect(yours.get_by_text("sobald das Programm-Team ihn freigegeben hat")).to_be_visible()

        # Nothing chosen: the summary says what is missing, each message at its input.
        await yours.get_by_role("button", name="Bericht einreichen").click()
        summary = yours.get_by_role("alert").filter(has_text="Es gibt ein Problem")
        await expect(summary).to_be_focused()
        await expect(summary.get_by_role("link", name="Wählen Sie, wie zufrieden Sie sind.")).to_be_visible()
        await expect(yours.locator("#report-used-for-error")).to_contain_text(f"wofür Ihr Verein {TOOL_NAME} nutzt")
        await member.look("report-missing")

        # The API's limit on a text: its error at that text, what was typed kept.
        await yours.get_by_role("radio", name="4 Sterne").check()
        await yours.get_by_label(f"Wofür nutzt Ihr Verein {TOOL_NAME}?").fill("Gemeinsame Protokolle")
        await yours.get_by_label("Was war schwierig?").fill("Tabellen in Markdown")
        await yours.get_by_label("Wie lange hat die Umstellung gedauert?").select_option(label="eine bis vier Wochen")
        await yours.get_by_label(f"Welches Werkzeug hat {TOOL_NAME} ersetzt?").select_option(label="Etherpad")
        await yours.get_by_label("Tipps für andere Vereine").fill("x" * 2001)
        await yours.get_by_role("button", name="Bericht einreichen").click()
        await expect(summary).to_be_focused()
        await expect(yours.locator("#report-tips-error")).to_contain_text("Dieser Text ist zu lang: höchstens 2000")
        await expect(yours.get_by_label(f"Wofür nutzt Ihr Verein {TOOL_NAME}?")).to_have_value("Gemeinsame Protokolle")
        await member.look("report-too-long")
        await yours.get_by_label("Tipps für andere Vereine").fill("Mit einer Vorlage beginnen.")
        await yours.get_by_role("button", name="Bericht einreichen").click()

        # Submitted: it waits for staff, and the page says so; the tool's list does not show it yet.
        await expect(page.locator(":focus")).to_contain_text("Danke! Ihr Bericht ist eingereicht.")
        mine = yours.get_by_role("article", name="Bericht für Verein verein")
        await expect(mine.get_by_text("Wartet auf Freigabe")).to_be_visible()
        await expect(mine.get_by_text("4 von 5 Sternen")).to_be_visible()
        await expect(reports.get_by_role("article")).to_have_count(0)
        await member.look("report-pending")
        await page.reload()
        await page.wait_for_load_state("networkidle")
        await expect(mine.get_by_text("Wartet auf Freigabe")).to_be_visible()

        await visitor.goto(f"/tools/{TOOL}")
        await expect(visitor.page.get_by_text(f"Zu {TOOL_NAME} gibt es noch keine freigegebenen")).to_be_visible()

        # Staff approve it through the API: now everyone sees it on the tool's page.
        [pending] = (await graphql(MINE, account))["myExperienceReports"]["nodes"]
        report = (await graphql(ONE_REVISION, account, id=pending["id"]))["experienceReport"]
        approved = await graphql(APPROVE, staff, id=report["id"], revision=report["revision"])
        assert approved["approveExperienceReport"]["errors"] == []
        await visitor.page.reload()
        await visitor.page.wait_for_load_state("networkidle")
        shown = visitor.page.get_by_role("region", name="Erfahrungen von Vereinen").get_by_role(
            "article", name="Verein verein"
        )
        await expect(shown.get_by_text("Gemeinsame Protokolle")).to_be_visible()
        await expect(shown.get_by_text("Tabellen in Markdown")).to_be_visible()
        await expect(shown.get_by_text("eine bis vier Wochen")).to_be_visible()
        await expect(shown.get_by_role("link", name="Etherpad")).to_be_visible()
        await expect(shown.get_by_text("Mit einer Vorlage beginnen.")).to_be_visible()
        await expect(visitor.page.get_by_role("definition").filter(has_text="von 5 Sternen")).to_contain_text(
            "4 von 5 Sternen"
        )
        await visitor.look("report-approved")

        # The member changes it (the form holds the report): it waits again; staff reject it with a reason.
        await page.reload()
        await page.wait_for_load_state("networkidle")
        await expect(mine.get_by_text("Freigegeben", exact=True)).to_be_visible()
        await yours.get_by_role("button", name="Bericht bearbeiten").click()
        await expect(yours.get_by_role("radio", name="4 Sterne")).to_be_checked()
        await expect(yours.get_by_label("Tipps für andere Vereine")).to_have_value("Mit einer Vorlage beginnen.")
        await yours.get_by_role("radio", name="2 Sterne").check()
        await yours.get_by_role("button", name="Änderung einreichen").click()
        await expect(mine.get_by_text("Wartet auf Freigabe")).to_be_visible()
        await expect(mine.get_by_text("2 von 5 Sternen")).to_be_visible()
        report = (await graphql(ONE_REVISION, account, id=pending["id"]))["experienceReport"]
        rejected = await graphql(
            REJECT, staff, id=report["id"], revision=report["revision"], reason="Bitte ohne Werbung für Anbieter."
        )
        assert rejected["rejectExperienceReport"]["errors"] == []
        await page.reload()
        await page.wait_for_load_state("networkidle")
        await expect(mine.get_by_text("Nicht freigegeben", exact=True)).to_be_visible()
        await expect(mine.get_by_text("Bitte ohne Werbung für Anbieter.")).to_be_visible()
        await member.look("report-rejected")
        await visitor.page.reload()
        await visitor.page.wait_for_load_state("networkidle")
        await expect(visitor.page.get_by_text(f"Zu {TOOL_NAME} gibt es noch keine freigegebenen")).to_be_visible()
    finally:
        await member.close()
        await visitor.close()


ONE_REVISION = "query($id: ID!) { experienceReport(id: $id) { id revision } }"
