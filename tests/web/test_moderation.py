"""Moderating experience reports in a real browser against the real stack: staff work through the queue on
/staff/reports, oldest first, approve one, reject one with a reason (a missing or too long reason is refused at its
field) and meet a report its association changed since they read it; a member deletes its association's report
after confirming it. Every page is checked by axe-core at 1280 and 390 px (screenshots in
.local/screenshots/moderation/)."""

import pytest
from playwright.async_api import Browser, expect

from tests.reports.conftest import EDIT, MINE, ONE, REJECT, ReportCast
from tests.support.accounts import GraphQL
from tests.web.test_stories import log_in
from tests.web.visitor import Visitor

pytestmark = pytest.mark.timeout(600)

TOOL, TOOL_NAME = "cryptpad", "CryptPad"  # tools no other browser test reports on
GONE_TOOL, GONE_TOOL_NAME = "framadate", "Framadate"


async def test_staff_approve_and_reject_reports_oldest_first_and_see_a_changed_one_again(
    browser: Browser, site: str, cast: ReportCast, graphql: GraphQL
) -> None:
    for name in ("modalt", "modneu", "modstreit"):
        await cast.member(name)
    old = await cast.write("modalt", tool=TOOL, rating=5, usedFor="Gemeinsame Tabellen für den Kassenbericht")
    new = await cast.write("modneu", tool=TOOL, rating=1, usedFor="Werbung für unseren Anbieter", language="EN")
    disputed = await cast.write("modstreit", tool=TOOL, rating=3, usedFor="Erste Fassung")
    staff_account = await cast.moderator()
    staff = await Visitor.open(browser, site, "moderation", "staff")
    try:
        await log_in(staff, staff_account.email)
        await staff.goto("/staff")
        page = staff.page
        await page.get_by_role("link", name="Erfahrungsberichte prüfen").click()
        await expect(page.get_by_role("heading", name="Erfahrungsberichte prüfen", level=1)).to_be_visible()
        queue = page.get_by_role("region", name="Warten auf Freigabe, älteste zuerst")
        ours = [f"Verein {name} zu {TOOL_NAME}" for name in ("modalt", "modneu", "modstreit")]
        await expect(queue.get_by_role("article", name=ours[2])).to_be_visible()
        headings = [h for h in await queue.locator("article h3").all_inner_texts() if h in ours]
        assert headings == ours  # oldest first

        first = queue.get_by_role("article", name=ours[0])
        await expect(first.get_by_text("5 von 5 Sternen")).to_be_visible()
        await expect(first.get_by_text("Gemeinsame Tabellen für den Kassenbericht")).to_be_visible()
        await expect(first.get_by_text("ein bis drei Monate")).to_be_visible()
        await expect(first.get_by_role("link", name="Google Drive")).to_be_visible()
        await expect(first.get_by_text("auf Deutsch")).to_be_visible()
        await expect(first.get_by_text("Fassung 1")).to_be_visible()
        await expect(first.get_by_role("link", name=TOOL_NAME)).to_have_attribute("href", f"/tools/{TOOL}")
        await expect(queue.get_by_role("article", name=ours[1]).get_by_text("auf Englisch")).to_be_visible()
        await staff.look("queue")

        # Approving: the report leaves the queue, and the status line (a live region) says what was done.
        status = queue.get_by_role("status").filter(has_text="warte")
        await first.get_by_role("button", name=f"Bericht von Verein modalt zu {TOOL_NAME} freigeben").click()
        await expect(status).to_contain_text(f"Freigegeben: Verein modalt zu {TOOL_NAME}.")
        await expect(status).to_be_focused()
        await expect(queue.get_by_role("article", name=ours[0])).to_have_count(0)
        assert (await graphql(ONE, cast.members["modalt"], id=old["id"]))["experienceReport"]["status"] == "APPROVED"

        # Rejecting needs a reason: a missing one is caught before sending, a too long one by the API; both at
        # the field, which names what is wrong and keeps the focus.
        second = queue.get_by_role("article", name=ours[1])
        reason = second.get_by_label("Begründung der Ablehnung für Verein modneu")
        reject = second.get_by_role("button", name=f"Bericht von Verein modneu zu {TOOL_NAME} ablehnen")
        await reject.click()
        await expect(second.locator(".error-message")).to_contain_text("Geben Sie eine Begründung der Ablehnung ein")
        await expect(reason).to_be_focused()
        await expect(reason).to_have_attribute("aria-invalid", "true")
        await staff.look("reason-missing")
        await reason.fill("x" * 501)
        await reject.click()
        await expect(second.locator(".error-message")).to_contain_text(
            "Die Begründung der Ablehnung ist zu lang: höchstens 500 Zeichen."
        )
        await expect(reason).to_be_focused()
        assert (await graphql(ONE, cast.members["modneu"], id=new["id"]))["experienceReport"]["status"] == "PENDING"
        # By keyboard: the reason, then the reject button next to it.
        await reason.fill("Bitte ohne Werbung für Anbieter.")
        await reason.press("Tab")
        await expect(reject).to_be_focused()
        await page.keyboard.press("Enter")
        await expect(status).to_contain_text(f"Abgelehnt: Verein modneu zu {TOOL_NAME}.")
        await expect(queue.get_by_role("article", name=ours[1])).to_have_count(0)
        rejected = (await graphql(ONE, cast.members["modneu"], id=new["id"]))["experienceReport"]
        assert (rejected["status"], rejected["moderationReason"]) == ("REJECTED", "Bitte ohne Werbung für Anbieter.")

        # The association changes its report while staff read it: approving the version read is refused, the
        # report is read again and shows its new version, which staff then approve.
        changed = await graphql(EDIT, cast.members["modstreit"], id=disputed["id"], input={"usedFor": "Zweite Fassung"})
        assert changed["editExperienceReport"]["errors"] == []
        third = queue.get_by_role("article", name=ours[2])
        await expect(third.get_by_text("Erste Fassung")).to_be_visible()
        await third.get_by_role("button", name=f"Bericht von Verein modstreit zu {TOOL_NAME} freigeben").click()
        await expect(third.get_by_role("alert")).to_contain_text("hat diesen Bericht geändert, seit Sie ihn gelesen")
        await expect(third.get_by_text("Zweite Fassung")).to_be_visible()
        await expect(third.get_by_text("Fassung 2")).to_be_visible()
        await staff.look("conflict")
        assert (await graphql(ONE, cast.members["modstreit"], id=disputed["id"]))["experienceReport"][
            "status"
        ] == "PENDING"
        await third.get_by_role("button", name=f"Bericht von Verein modstreit zu {TOOL_NAME} freigeben").click()
        await expect(status).to_contain_text(f"Freigegeben: Verein modstreit zu {TOOL_NAME}.")
        approved = (await graphql(ONE, cast.members["modstreit"], id=disputed["id"]))["experienceReport"]
        assert (approved["status"], approved["usedFor"]) == ("APPROVED", "Zweite Fassung")

        await page.get_by_role("button", name="English").click()
        await expect(page.get_by_role("heading", name="Experience reports to check", level=1)).to_be_visible()
        await staff.look("english")
    finally:
        await staff.close()


async def test_a_member_reads_why_its_report_was_rejected_and_deletes_it_after_confirming(
    browser: Browser, site: str, cast: ReportCast, graphql: GraphQL
) -> None:
    account = await cast.member("modweg")
    report = await cast.write("modweg", tool=GONE_TOOL, rating=2)
    rejected = await graphql(
        REJECT, await cast.moderator(), id=report["id"], revision=report["revision"], reason="Zu kurz begründet."
    )
    assert rejected["rejectExperienceReport"]["errors"] == []
    member = await Visitor.open(browser, site, "moderation", "member")
    try:
        await log_in(member, account.email)
        await member.goto(f"/tools/{GONE_TOOL}")
        page = member.page
        yours = page.get_by_role("region", name="Ihr Erfahrungsbericht")
        mine = yours.get_by_role("article", name="Bericht für Verein modweg")
        await expect(mine.get_by_text("Nicht freigegeben", exact=True)).to_be_visible()
        await expect(mine.get_by_text("Zu kurz begründet.")).to_be_visible()

        # Asked again first; keeping it changes nothing and gives the focus back.
        delete = mine.get_by_role("button", name="Bericht für Verein modweg löschen")
        await delete.click()
        dialog = page.get_by_role("dialog", name="Bericht löschen?")
        await expect(dialog).to_contain_text("Der Bericht für Verein modweg wird mit seiner Bewertung endgültig")
        await expect(dialog.get_by_role("button", name="Behalten")).to_be_focused()
        await member.look("delete-asked")
        await dialog.get_by_role("button", name="Behalten").click()
        await expect(dialog).to_be_hidden()
        await expect(delete).to_be_focused()
        assert len((await graphql(MINE, account))["myExperienceReports"]["nodes"]) == 1

        await delete.click()
        await dialog.get_by_role("button", name="Endgültig löschen").click()
        await expect(mine).to_have_count(0)
        await expect(page.get_by_test_id("announcer")).to_have_text("Der Bericht ist gelöscht.")
        await expect(yours.get_by_role("button", name="Erfahrungsbericht schreiben")).to_be_focused()
        assert (await graphql(MINE, account))["myExperienceReports"]["nodes"] == []
        await member.look("deleted")
        await page.reload()
        await page.wait_for_load_state("networkidle")
        await expect(yours.get_by_role("article")).to_have_count(0)
    finally:
        await member.close()
