"""Staff write to those who take part in an event, in a real browser against the real stack: the form's error for a
message without text, the status after sending, the mail the registered association's account receives, and the
explanation in place of the form once the event is cancelled. Checked by axe-core at 1280 and 390 px."""

from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, expect

from network.kit.authorisation import Role
from network.kit.database import Database
from network.mail.delivery import deliver
from network.settings import Settings
from tests.associations.builders import seed
from tests.events.builders import CANCEL, REGISTER, timed_event
from tests.notifications.helpers import cypher
from tests.suggestions.helpers import import_parties, own, peer
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs
from tests.support.mail import MailSink
from tests.web.test_stories import log_in
from tests.web.visitor import Visitor

pytestmark = pytest.mark.timeout(120)

SUBJECT = "Raum geändert"
TEXT = "Wir treffen uns in Raum 2.\nBitte bringen Sie Ihren Laptop mit."


@pytest.fixture
async def notifications(db: Database, slugs: Slugs, accounts: Accounts) -> AsyncIterator[None]:
    """Removes the notifications to the test's accounts before `slugs` and `accounts` remove the rest."""
    yield
    await cypher(
        db,
        "MATCH (n:Notification)-[:TO]->(a:Account) WHERE a.email STARTS WITH $prefix DETACH DELETE n",
        prefix=accounts.prefix,
    )


async def test_staff_write_to_the_registered_and_their_account_gets_the_mail(
    browser: Browser,
    site: str,
    slugs: Slugs,
    accounts: Accounts,
    notifications: None,
    graphql: GraphQL,
    db: Database,
    web_settings: Settings,
    mail_sink: MailSink,
) -> None:
    club, event, title = slugs("chor"), slugs("abend"), f"Vereinsabend {slugs.prefix}"
    await import_parties(db, [peer(club, name=f"Chor {slugs.prefix}")])
    await seed(db, events=[timed_event(slugs, "abend", 24, title=title)])
    member, staff_account = await accounts.make(Role.MEMBER, "member"), await accounts.make(Role.STAFF)
    await own(db, member, club)
    registered = (await graphql(REGISTER, member, event=event, party=club))["registerForEvent"]
    assert registered["errors"] == []
    staff = await Visitor.open(browser, site, "event-message", "staff")
    try:
        await log_in(staff, staff_account.email)
        await staff.goto(f"/staff/events/{event}")
        page = staff.page
        section = page.get_by_role("region", name="Nachricht an die Teilnehmenden")
        await expect(section).to_be_visible()

        # A subject without text: the summary takes the focus and names the field, which keeps what was typed.
        await section.get_by_label("Betreff").fill(SUBJECT)
        await section.get_by_role("button", name="Nachricht verschicken").click()
        summary = section.get_by_role("alert").filter(has_text="Schreiben Sie Ihre Nachricht.")
        await expect(summary).to_be_focused()
        await expect(section.get_by_label("Nachricht", exact=True)).to_have_attribute("aria-invalid", "true")
        await expect(section.get_by_label("Betreff")).to_have_value(SUBJECT)
        await staff.look("empty-text")

        await section.get_by_label("Nachricht", exact=True).fill(TEXT)
        await section.get_by_role("button", name="Nachricht verschicken").click()
        status = section.get_by_role("status").filter(has_text="An 1 Konto verschickt")
        await expect(status).to_contain_text("sofort oder in der nächsten Zusammenfassung")
        await expect(section.get_by_role("alert")).to_have_count(0)
        await expect(section.get_by_label("Betreff")).to_have_value("")  # a second click sends nothing twice
        await staff.look("sent")

        await deliver(db, web_settings)
        mails = mail_sink.wait_for(to=member.email)  # the registration's confirmation too
        [mail] = [m for m in mails if str(m["Subject"]) == f"{title}: {SUBJECT}"]
        body = mail.get_body(("plain",))
        assert body is not None
        assert "Wir treffen uns in Raum 2.\r\nBitte bringen Sie Ihren Laptop mit." in str(body.get_content())
        assert staff_account.email not in [address for m in mail_sink.messages() for address in m.get_all("To", [])]

        # Once the event is cancelled, the section says why there is no form.
        cancelled = (await graphql(CANCEL, staff_account, slug=event))["cancelEvent"]
        assert cancelled["errors"] == []
        await page.reload()
        await page.wait_for_load_state("networkidle")
        section = page.get_by_role("region", name="Nachricht an die Teilnehmenden")
        await expect(section.get_by_text("Die Veranstaltung ist abgesagt.")).to_be_visible()
        await expect(section.get_by_role("button", name="Nachricht verschicken")).to_have_count(0)
        await staff.look("cancelled")
    finally:
        await staff.close()
