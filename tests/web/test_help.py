"""Technical help and mail settings in a real browser against the real stack: a member asks about a tool, the worker
routes the question, the volunteer it went to claims and answers it, the member reads the answer and staff see it
in their table; an account's mail settings change and stay. Every page is checked by axe-core at 1280 and 390 px
(screenshots in .local/screenshots/<story>/)."""

from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, expect

from network.kit.authorisation import Role
from network.kit.database import Database
from network.settings import Settings
from tests.suggestions.helpers import import_parties, own, peer, volunteer
from tests.support.accounts import PASSWORD, Accounts
from tests.support.cleanup import Slugs
from tests.support.mail import MailSink
from tests.support.worker import run_worker
from tests.web.test_stories import log_in
from tests.web.visitor import Visitor

pytestmark = pytest.mark.timeout(600)

QUESTION = "Wie legen wir in OpenSlides eine geheime Abstimmung für die Mitgliederversammlung an?"
ANSWER = "Unter Abstimmungen eine neue anlegen und bei Art der Abstimmung 'geheim' wählen.\nViel Erfolg!"


@pytest.fixture
async def questions(db: Database, accounts: Accounts) -> AsyncIterator[None]:
    """Removes the questions the test's accounts asked (with their notifications) before the accounts go."""
    yield
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                "MATCH (a:Account)-[:ASKED]->(q:HelpQuestion) WHERE a.email STARTS WITH $prefix "
                "OPTIONAL MATCH (n:Notification)-[:CONCERNS]->(q) DETACH DELETE n, q",
                prefix=accounts.prefix,
            )
        ).consume()


async def test_a_member_asks_about_a_tool_and_the_volunteer_it_went_to_answers(
    browser: Browser,
    site: str,
    slugs: Slugs,
    accounts: Accounts,
    questions: None,
    db: Database,
    web_settings: Settings,
    mail_sink: MailSink,
) -> None:
    association_slug, volunteer_slug = slugs("chor"), slugs("ada")
    association_name, volunteer_name = f"Chor {slugs.prefix}", f"Ada {slugs.prefix}"
    # The best possible fit for an OpenSlides question in German: expert, speaks it, 20 hours, nothing claimed.
    await import_parties(
        db,
        [peer(association_slug, name=association_name)],
        [
            volunteer(
                volunteer_slug,
                displayName=volunteer_name,
                languages=["de"],
                hoursPerMonth=20,
                tools=[{"tool": "openslides", "proficiency": "EXPERT"}],
            )
        ],
    )
    member_account = await accounts.make(Role.MEMBER, "member")
    helper_account = await accounts.make(Role.VOLUNTEER, "helper")
    staff_account = await accounts.make(Role.STAFF)
    await own(db, member_account, association_slug)
    await own(db, helper_account, volunteer_slug)
    member = await Visitor.open(browser, site, "help", "member")
    helper = await Visitor.open(browser, site, "help", "volunteer")
    staff = await Visitor.open(browser, site, "help", "staff")
    try:
        # The member starts from the tool's page: the question form has the tool chosen already.
        await log_in(member, member_account.email)
        await member.goto("/tools/openslides")
        await member.page.get_by_role("link", name="Frage zu OpenSlides stellen").click()
        page = member.page
        await expect(page.get_by_role("heading", name="Technische Hilfe", level=1)).to_be_visible()
        await expect(page.get_by_label("Welches Werkzeug?")).to_have_value("openslides")
        await page.get_by_role("button", name="Frage stellen").click()  # nothing written yet
        summary = page.get_by_role("alert").filter(has_text="Schreiben Sie Ihre Frage auf.")
        await expect(summary).to_be_focused()
        await member.look("ask-error")
        await page.get_by_label("Was möchten Sie wissen?").fill(QUESTION)
        await page.get_by_role("button", name="Frage stellen").click()
        await expect(page.get_by_role("status").filter(has_text="Ihre Frage ist gestellt").first).to_be_visible()
        asked = page.get_by_role("article", name=QUESTION[:40])
        await expect(asked.get_by_text("Wartet auf Freiwillige")).to_be_visible()
        await expect(page.get_by_label("Was möchten Sie wissen?")).to_have_value("")
        await member.look("asked")

        await run_worker(web_settings)  # routes the question and mails the volunteers it went to
        [routed_mail] = mail_sink.wait_for(1, to=helper_account.email)
        body = routed_mail.get_body(("plain",))
        assert body is not None and QUESTION in body.get_content()

        # The volunteer sees why the question came to them, takes it on and answers.
        await log_in(helper, helper_account.email)
        await helper.goto("/help")
        routed = helper.page.get_by_role("article", name=QUESTION[:40])
        await expect(routed.get_by_text("Sie kennen sich mit OpenSlides aus (sehr gute Kenntnisse)")).to_be_visible()
        await expect(routed.get_by_text("Sie sprechen Deutsch, die Sprache der Frage")).to_be_visible()
        await expect(routed.get_by_text(f"von {association_name}")).to_be_visible()
        await helper.look("routed")
        await routed.get_by_role("button", name="Ich übernehme das").click()
        await expect(routed.get_by_text("Sie haben die Frage übernommen")).to_be_visible()
        await helper.look("claimed")
        await routed.get_by_role("button", name="Antwort senden").click()  # nothing written yet
        await expect(routed.get_by_role("alert").filter(has_text="Schreiben Sie Ihre Antwort.")).to_be_focused()
        await routed.get_by_label("Ihre Antwort").fill(ANSWER)
        await routed.get_by_role("button", name="Antwort senden").click()
        await expect(routed.get_by_text(f"Antwort von {volunteer_name}")).to_be_visible()
        await expect(routed.get_by_text("Beantwortet", exact=True)).to_be_visible()
        await helper.look("answered")

        # The member sees who took it on and the answer, with its line breaks.
        await member.goto("/help")
        answered = page.get_by_role("article", name=QUESTION[:40])
        await expect(answered.get_by_text(f"Antwort von {volunteer_name}")).to_be_visible()
        assert await answered.locator(".answer__text").last.inner_text() == ANSWER
        await expect(answered.get_by_role("button", name="Frage zurückziehen")).to_have_count(0)
        await member.look("answer")

        # Staff see it in the table: answered, whom it went to, and not among the long-unanswered ones.
        await log_in(staff, staff_account.email)
        await staff.goto("/staff/help")
        table = staff.page.get_by_role("table", name="Fragen, neueste zuerst")
        row = table.get_by_role("row").filter(has_text=QUESTION[:40])
        await expect(row).to_be_visible()
        await expect(row.get_by_text("Beantwortet", exact=True)).to_be_visible()
        await expect(row.get_by_text(volunteer_name).first).to_be_visible()
        await staff.page.get_by_role("radio", name="Beantwortet").check()
        await expect(row).to_be_visible()
        assert "status=ANSWERED" in staff.page.url
        await row.get_by_text("(warum?)").click()  # why it went to whom, read for this question only
        await expect(row.get_by_text("kennt sich mit OpenSlides aus (sehr gute Kenntnisse)")).to_be_visible()
        await staff.look("staff-help")
        await staff.page.get_by_role("checkbox", name="Nur Fragen, die nach").check()
        await expect(row).to_have_count(0)
        await expect(staff.page.get_by_text("Keine Fragen mit diesem Filter.")).to_be_visible()
        await staff.page.get_by_role("radio", name="Alle").check()
        await staff.page.get_by_role("checkbox", name="Nur Fragen, die nach").uncheck()
        await expect(row).to_be_visible()
    finally:
        for visitor in (member, helper, staff):
            await visitor.close()


async def test_mail_settings_change_and_stay_and_sign_up_keeps_the_interface_language(
    browser: Browser, site: str, accounts: Accounts, people: str
) -> None:
    account = await accounts.make(Role.MEMBER)
    person = await Visitor.open(browser, site, "mail-settings", "member")
    newcomer = await Visitor.open(browser, site, "mail-settings", "newcomer")
    try:
        await log_in(person, account.email)
        page = person.page
        # On a phone, the mails' settings link (/me#mail-title) scrolls to the section once the page has loaded it.
        await page.set_viewport_size({"width": 390, "height": 844})
        await person.goto("/me#mail-title")
        await expect(page.get_by_role("heading", name="E-Mails von uns")).to_be_in_viewport()
        assert await page.evaluate("window.scrollY") > 0  # it is below the first screen of a phone
        await page.set_viewport_size({"width": 1280, "height": 900})
        section = page.get_by_role("region", name="E-Mails von uns")
        await expect(section.get_by_role("radio", name="Sofort")).to_be_checked()
        await expect(section.get_by_role("radio", name="Deutsch")).to_be_checked()
        await expect(section.get_by_text("abgesagt wird, schreiben wir Ihnen immer")).to_be_visible()
        await section.get_by_role("radio", name="Wöchentlich gesammelt").check()
        await section.get_by_role("radio", name="English").check()
        await section.get_by_role("button", name="E-Mail-Einstellungen speichern").click()
        await expect(section.get_by_text("Ihre E-Mail-Einstellungen sind gespeichert.").first).to_be_visible()
        await person.look("saved")

        await page.reload()
        await page.wait_for_load_state("networkidle")
        section = page.get_by_role("region", name="E-Mails von uns")
        await expect(section.get_by_role("radio", name="Wöchentlich gesammelt")).to_be_checked()
        await expect(section.get_by_role("radio", name="English")).to_be_checked()

        # Signing up in the English interface makes an account whose mails are in English.
        await newcomer.goto("/signup?role=member")
        await newcomer.page.get_by_role("button", name="English").click()
        await expect(newcomer.page.get_by_role("heading", name="Sign up", level=1)).to_be_visible()
        await newcomer.page.get_by_label("E-mail address").fill(f"{people}-newcomer@example.org")
        await newcomer.page.get_by_label("Password").fill(PASSWORD)
        await newcomer.page.get_by_role("button", name="Create account").click()
        await expect(newcomer.page.get_by_role("button", name="Log out")).to_be_visible()
        await newcomer.goto("/me")
        mails = newcomer.page.get_by_role("region", name="E-mails from us")
        await expect(mails.get_by_role("radio", name="Immediately")).to_be_checked()
        await expect(mails.get_by_role("radio", name="English")).to_be_checked()
        await newcomer.look("english")
    finally:
        await person.close()
        await newcomer.close()
