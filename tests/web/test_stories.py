"""The stories the web client exists for, in a real browser against the real stack. Every page a person looks at
is checked by axe-core and kept as screenshots at 1280 and 390 px (.local/screenshots/<story>/)."""

import json
import re
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from network.accounts import service as accounts_service
from network.kit.authorisation import Role
from network.kit.database import Database
from network.settings import Settings
from tests.suggestions.conftest import cypher
from tests.suggestions.helpers import crowd, import_parties, own, peer
from tests.support.accounts import PASSWORD, Accounts
from tests.support.cleanup import Slugs
from tests.support.worker import run_worker
from tests.web.visitor import Visitor

pytestmark = pytest.mark.timeout(600)  # many pages, each looked at twice and checked by axe


async def sign_up(visitor: Visitor, role: str, email: str, db: Database) -> None:
    """Signs up (the client logs in after), sees the account waiting for verification, and is verified by staff
    (as `network accounts verify` does); then on to the page where the profile is made."""
    await visitor.goto(f"/signup?role={role}")
    await visitor.look("sign-up")
    page = visitor.page
    await page.get_by_label("E-Mail-Adresse").fill(email)
    await page.get_by_label("Passwort").fill(PASSWORD)
    await page.get_by_role("button", name="Konto anlegen").click()
    await expect(page.get_by_role("heading", name="Ihr Konto wird noch geprüft")).to_be_visible()
    await expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    await visitor.look("unverified")
    await accounts_service.verify(db, email)
    await visitor.goto("/volunteer" if role == "volunteer" else "/associations/new")


async def log_in(visitor: Visitor, email: str, *, succeeds: bool = True) -> None:
    await visitor.goto("/login")
    page = visitor.page
    await page.get_by_label("E-Mail-Adresse").fill(email)
    await page.get_by_label("Passwort").fill(PASSWORD)
    await page.get_by_role("button", name="Anmelden", exact=True).click()
    if succeeds:
        await expect(page.get_by_role("button", name="Abmelden")).to_be_visible()


async def pick(page: Page, filter_label: str, option: str) -> None:
    """Ticks one catalogue entry of a checklist, found through its filter box."""
    await page.get_by_label(filter_label).fill(option)
    await page.get_by_role("checkbox", name=option, exact=True).check()


async def create_association(visitor: Visitor, name: str, slug: str, tools: list[str], district: str) -> None:
    """The three-minute start: name, address, district and the tools it uses."""
    page = visitor.page
    await expect(page.get_by_role("heading", name="Verein anlegen", level=1)).to_be_visible()
    await page.get_by_label("Name des Vereins").fill(name)
    await page.get_by_label("Adresse der Vereinsseite").fill(slug)
    await page.get_by_label("Bezirk").select_option(label=district)
    for tool in tools:
        await pick(page, "Genutzte Werkzeuge filtern", tool)
    await visitor.look("new-association")
    await page.get_by_role("button", name="Verein anlegen").click()
    await expect(page.get_by_role("main").get_by_text("Ihr Verein ist angelegt")).to_be_visible()


async def save_section(page: Page, button: str) -> None:
    """Saves one section of a profile editor and waits until the server said it is saved."""
    saved = page.get_by_text("Gespeichert. Die Vorschläge werden")
    before = await saved.count()
    await page.get_by_role("button", name=button).click()
    await expect(saved).to_have_count(before + 1)


async def card(visitor: Visitor, name: str) -> None:
    """Waits (the inbox polls) until the suggestion of `name` is on the page."""
    await expect(visitor.page.get_by_role("article", name=name)).to_be_visible(timeout=20_000)


async def test_two_associations_find_each_other_as_peers_and_connect(
    browser: Browser, site: str, people: str, slugs: Slugs, accounts: Accounts, web_settings: Settings, db: Database
) -> None:
    a = await Visitor.open(browser, site, "peers", "association-a")
    b = await Visitor.open(browser, site, "peers", "association-b")
    staff_account = await accounts.make(Role.STAFF)
    staff = await Visitor.open(browser, site, "peers", "staff")
    name_a, name_b = f"Chor {people} Pankow", f"Theater {people} Pankow"
    # other associations, as in any programme: a tool every association uses says nothing (its rarity is 0)
    await import_parties(db, crowd(slugs))
    try:
        await sign_up(a, "member", f"{people}-a@example.org", db)
        await create_association(a, name_a, slugs("chor"), ["OpenSlides", "Nextcloud"], "Pankow")
        await sign_up(b, "member", f"{people}-b@example.org", db)
        await create_association(b, name_b, slugs("theater"), ["OpenSlides", "Nextcloud"], "Pankow")

        await log_in(staff, staff_account.email)
        await staff.goto("/staff/recompute")
        await staff.page.get_by_role("button", name="Neuberechnung starten").click()
        await run_worker(web_settings)  # the worker runs the recompute (and the refreshes the profiles asked for)
        await expect(staff.page.get_by_role("main").get_by_text("fertig")).to_be_visible(timeout=20_000)
        await staff.look("recompute-done")

        pushed: list[str] = []  # what the server sent A's inbox over its WebSocket
        a.page.on("websocket", lambda socket: socket.on("framereceived", lambda frame: pushed.append(str(frame))))
        await a.goto("/inbox")
        await card(a, name_b)
        peer_card = a.page.get_by_role("article", name=name_b)
        await expect(peer_card.get_by_text("nutzt auch OpenSlides")).to_be_visible()
        await expect(peer_card.get_by_text("ebenfalls in Pankow")).to_be_visible()
        await expect(peer_card.get_by_text("Neu", exact=True)).to_be_visible()  # not seen before this visit
        await a.look("inbox")
        await a.page.get_by_role("button", name=f"Zusagen: {name_b}").click()
        await expect(peer_card.get_by_text("Sie haben zugesagt")).to_be_visible()

        await b.goto("/inbox")
        await card(b, name_a)
        await b.page.get_by_role("button", name=f"Zusagen: {name_a}").click()
        other_card = b.page.get_by_role("article", name=name_a)
        await expect(other_card.get_by_text("Sie sind verbunden")).to_be_visible()
        await expect(other_card.get_by_text(f"{people}-a@example.org")).to_be_visible()
        await b.look("connected")

        # A's inbox watches its suggestions: B's answer is told at once (polling would take a minute while watched)
        await expect(peer_card.get_by_text(f"{people}-b@example.org")).to_be_visible(timeout=20_000)
        assert any('"suggestionsChanged"' in frame and '"next"' in frame for frame in pushed), pushed
        await a.look("connected")
        await a.goto("/inbox")  # back later: the inbox told the server A saw it, so it is new no more
        await card(a, name_b)
        await expect(a.page.get_by_role("article", name=name_b).get_by_text("Neu", exact=True)).to_have_count(0)
    finally:
        for visitor in (a, b, staff):
            await visitor.close()


async def test_a_volunteer_is_proposed_as_mentor_and_both_accept(
    browser: Browser, site: str, people: str, slugs: Slugs, web_settings: Settings, db: Database
) -> None:
    member = await Visitor.open(browser, site, "mentoring", "association")
    helper = await Visitor.open(browser, site, "mentoring", "volunteer")
    association, volunteer_name = f"Sportverein {people}", f"{people} Alex"  # its slug starts with the prefix
    skill = "Website-Pflege mit WordPress"
    try:
        await sign_up(member, "member", f"{people}-member@example.org", db)
        await create_association(member, association, slugs("sport"), ["WordPress"], "Lichtenberg")
        await member.goto(f"/associations/{slugs('sport')}/edit")
        page = member.page
        await page.get_by_role("checkbox", name="Deutsch", exact=True).check()
        await save_section(page, "Grunddaten speichern")
        await pick(page, "Hilfe-Themen filtern", skill)
        await page.get_by_label(f"Gesuchte Stufe: {skill}").select_option(index=1)
        await save_section(page, "Bedarf speichern")
        await member.look("profile-edited")

        await sign_up(helper, "volunteer", f"{people}-volunteer@example.org", db)
        await expect(helper.page.get_by_role("heading", name="Mein Freiwilligen-Profil")).to_be_visible()
        await helper.page.get_by_label("Ihr Name").fill(volunteer_name)
        await pick(helper.page, "Fähigkeiten filtern", skill)
        level_6 = "Stufe 6: passt Lösungen an andere und an schwierige Lagen an"
        await helper.page.get_by_label(f"Wie gut: {skill}").select_option(label=level_6)
        await helper.page.get_by_label("Ich helfe auch online").check()
        await helper.look("volunteer-profile")
        await helper.page.get_by_role("button", name="Profil anlegen").click()
        await expect(helper.page.get_by_text("Ihr Profil ist angelegt").first).to_be_visible()

        await run_worker(web_settings)  # the refresh after the profile changes proposes the mentor

        await member.goto("/inbox")
        await card(member, volunteer_name)
        mentor_card = member.page.get_by_role("article", name=volunteer_name)
        await expect(mentor_card.get_by_text(skill).first).to_be_visible()
        await member.look("inbox")
        await member.page.get_by_role("button", name=f"Zusagen: {volunteer_name}").click()

        await helper.goto("/inbox")
        await card(helper, association)
        await helper.look("inbox")
        await helper.page.get_by_role("button", name=f"Zusagen: {association}").click()
        mentee_card = helper.page.get_by_role("article", name=association)
        await expect(mentee_card.get_by_text("Sie sind verbunden")).to_be_visible()
        await expect(mentee_card.get_by_text(f"{people}-member@example.org")).to_be_visible()
        await helper.look("connected")
    finally:
        await member.close()
        await helper.close()


async def test_staff_curate_an_event_an_invited_association_accepts_and_staff_form_groups(
    browser: Browser,
    site: str,
    people: str,
    slugs: Slugs,
    db: Database,
    accounts: Accounts,
    web_settings: Settings,
) -> None:
    # Two small associations (no paid staff: outreach) that use the event's topic, each with a member.
    small = [peer(slugs(f"verein-{i}"), name=f"Verein {i} {people}", paidStaff=0, district="spandau") for i in (1, 2)]
    await import_parties(db, small)
    members = [await accounts.make(Role.MEMBER, f"m{i}") for i in (1, 2)]
    for account, party in zip(members, small, strict=True):
        await own(db, account, party["slug"])
    staff_account = await accounts.make(Role.STAFF)
    staff = await Visitor.open(browser, site, "event", "staff")
    guests = [await Visitor.open(browser, site, "event", f"member-{i}") for i in (1, 2)]
    title, event = f"OpenSlides-Abend {people}", slugs("abend")
    try:
        await log_in(staff, staff_account.email)
        await staff.goto("/staff/events/new")
        page = staff.page
        await page.get_by_label("Titel", exact=True).fill(title)
        await page.get_by_label("Kurzname in der Adresse").fill(event)
        await page.get_by_label("Beginn", exact=True).fill("2030-03-01T18:00")
        await page.get_by_label("Ende", exact=True).fill("2030-03-01T20:00")
        await page.get_by_label(re.compile(r"^Plätze")).fill("10")
        await page.get_by_label("Outreach-Anteil in Prozent").fill("30")
        await pick(page, "Werkzeug-Themen filtern", "OpenSlides")
        await staff.look("new-event")
        await page.get_by_role("button", name="Veranstaltung anlegen").click()
        await expect(page.get_by_role("heading", name=f"Einladungsliste: {title}")).to_be_visible()
        await run_worker(web_settings)  # the worker ranks the invites
        for party in small:  # ranked, and marked as outreach (small associations from an outer district)
            row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=party["name"]))
            await expect(row).to_be_visible(timeout=20_000)
            await expect(row.get_by_role("cell", name="Outreach", exact=False)).to_be_visible()
        await expect(page.get_by_text("Ziel von 30 % erreicht")).to_be_visible()
        await staff.look("invite-list")

        for guest, account in zip(guests, members, strict=True):
            await log_in(guest, account.email)
            await guest.goto("/inbox")
            await card(guest, title)
            invite = guest.page.get_by_role("article", name=title)
            await expect(invite.get_by_text("Neu", exact=True)).to_be_visible()  # the guest's own, not seen before
            await guest.look("invite")
            await guest.page.get_by_role("button", name=f"Zusagen und anmelden: {title}").click()
            await expect(
                guest.page.get_by_role("main").get_by_text("Sie haben zugesagt und sind angemeldet")
            ).to_be_visible()

        seen = await cypher(
            db,
            "MATCH (:Event {slug: $event})<-[:FOR]-(s:Suggestion {kind: 'EVENT_INVITE'})-[:OF]->(a:Association) "
            "WHERE a.slug IN $slugs RETURN s.seenBy = [a.id] AS byItself",
            event=event,
            slugs=[party["slug"] for party in small],
        )
        assert [row["byItself"] for row in seen] == [True, True]  # each inbox marked its own invite, and only that

        await staff.page.reload()
        await page.get_by_label("Höchstens so viele pro Gruppe").fill("2")
        await page.get_by_role("button", name="Gruppen bilden").click()
        await expect(page.get_by_role("heading", name="Gruppe 1")).to_be_visible()
        await staff.look("groups")
    finally:
        await staff.close()
        for guest in guests:
            await guest.close()


async def test_a_user_exports_and_deletes_their_data_and_cannot_log_in_again(
    browser: Browser, site: str, people: str, slugs: Slugs, tmp_path: Path, db: Database
) -> None:
    person = await Visitor.open(browser, site, "privacy", "member")
    email, slug = f"{people}-leaving@example.org", slugs("gehend")
    try:
        await sign_up(person, "member", email, db)
        await create_association(person, f"Gartenverein {people}", slug, ["Nextcloud"], "Treptow-Köpenick")
        await person.goto("/me")
        await person.look("my-data")
        page = person.page
        async with page.expect_download() as waiting:
            await page.get_by_role("button", name="Meine Daten herunterladen").click()
        download = await waiting.value
        saved = tmp_path / download.suggested_filename
        await download.save_as(saved)
        exported = json.loads(saved.read_text(encoding="utf-8"))
        assert exported["account"]["email"] == email
        assert [a["slug"] for a in exported["associations"]] == [slug]

        await page.get_by_role("button", name="Konto löschen").click()
        dialog = page.get_by_role("dialog", name="Konto endgültig löschen?")
        await expect(dialog.get_by_text(email)).to_be_visible()
        await person.look("delete-dialog")
        await dialog.get_by_role("button", name="Ja, Konto endgültig löschen").click()
        await expect(
            page.get_by_role("main").get_by_text("Ihr Konto und alle zugehörigen Daten wurden gelöscht.")
        ).to_be_visible()
        await person.look("deleted")

        await log_in(person, email, succeeds=False)
        await expect(page.get_by_text("E-Mail-Adresse oder Passwort stimmen nicht.").first).to_be_visible()
        await person.goto(f"/associations/{slug}")
        await expect(page.get_by_role("heading", name="Verein nicht gefunden")).to_be_visible()
    finally:
        await person.close()


async def test_a_member_changes_the_password_and_logs_out_everywhere(
    browser: Browser, site: str, accounts: Accounts, db: Database
) -> None:
    """The account page changes the password (older tokens are revoked, this page keeps a fresh one); logging out
    revokes the token on the server, so a copy of it no longer works either."""
    account = await accounts.make(Role.MEMBER)
    person = await Visitor.open(browser, site, "account", "member")
    other_device = await Visitor.open(browser, site, "account", "member-phone")
    new_password = "a brand new passphrase"
    try:
        await log_in(person, account.email)
        await log_in(other_device, account.email)
        await person.goto("/me")
        page = person.page
        await expect(page.get_by_text("Geprüft", exact=True)).to_be_visible()
        await page.get_by_label("Aktuelles Passwort").fill("not my password")
        await page.get_by_label("Neues Passwort").fill(new_password)
        await page.get_by_role("button", name="Passwort ändern").click()
        await expect(page.get_by_text("Das aktuelle Passwort stimmt nicht.").first).to_be_visible()
        await person.look("password-wrong")
        await page.get_by_label("Aktuelles Passwort").fill(PASSWORD)
        await page.get_by_role("button", name="Passwort ändern").click()
        await expect(page.get_by_role("status").filter(has_text="Ihr Passwort ist geändert").first).to_be_visible()
        await person.look("password-changed")

        await other_device.goto("/me")  # its token was revoked by the change
        await expect(other_device.page.get_by_role("link", name="Anmelden").first).to_be_visible()

        await person.goto("/me")  # the fresh token works
        await expect(page.get_by_role("heading", name="Ihr Konto", level=2)).to_be_visible()
        token = await page.evaluate("JSON.parse(localStorage.getItem('cn.session')).token")
        await page.get_by_role("button", name="Abmelden").click()
        await expect(page.get_by_role("button", name="Abmelden")).to_have_count(0)
        refused = await person.context.request.post(
            f"{site}/graphql", data={"query": "{ me { email } }"}, headers={"Authorization": f"Bearer {token}"}
        )
        for _ in range(20):  # the log-out request runs beside the page's own
            if refused.status == 401:
                break
            await page.wait_for_timeout(100)
            refused = await person.context.request.post(
                f"{site}/graphql", data={"query": "{ me { email } }"}, headers={"Authorization": f"Bearer {token}"}
            )
        assert refused.status == 401 and "revoked" in (await refused.json())["detail"]
    finally:
        for visitor in (person, other_device):
            await visitor.close()
