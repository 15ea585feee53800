"""Two promises the stories do not cover: GraphiQL works with no internet (every request stays on our origin),
and a person without a mouse can sign in (skip link, tab order, Enter submits)."""

from urllib.parse import urlparse

import pytest
from playwright.async_api import Browser, Route, expect

from network.kit.authorisation import Role
from tests.support.accounts import PASSWORD, Accounts
from tests.web.visitor import Visitor

pytestmark = pytest.mark.timeout(300)


async def test_graphiql_loads_and_answers_with_every_request_on_our_origin(browser: Browser, site: str) -> None:
    visitor = await Visitor.open(browser, site, "graphiql", "developer")
    elsewhere: list[str] = []

    async def only_ours(route: Route) -> None:
        if urlparse(route.request.url).netloc == urlparse(site).netloc:
            await route.continue_()
        else:  # as if offline: a CDN would never answer
            elsewhere.append(route.request.url)
            await route.abort()

    try:
        await visitor.context.route("**/*", only_ours)
        await visitor.page.goto("/graphql")
        await expect(visitor.page.locator(".graphiql-container")).to_be_visible()
        await expect(visitor.page.get_by_role("button", name="Execute query", exact=False).first).to_be_visible()
        assert elsewhere == []
    finally:
        await visitor.close()


async def test_a_member_signs_in_with_the_keyboard_alone(browser: Browser, site: str, accounts: Accounts) -> None:
    member = await accounts.make(Role.MEMBER)
    visitor = await Visitor.open(browser, site, "keyboard", "member")
    page = visitor.page
    try:
        await visitor.goto("/login")
        await page.keyboard.press("Tab")
        await expect(page.get_by_role("link", name="Zum Inhalt springen")).to_be_focused()
        await page.keyboard.press("Enter")  # skips the header: the next Tab lands in the form
        await page.keyboard.press("Tab")
        await expect(page.get_by_label("E-Mail-Adresse")).to_be_focused()
        await page.keyboard.type(member.email)
        await page.keyboard.press("Tab")
        await expect(page.get_by_label("Passwort")).to_be_focused()
        await page.keyboard.type(PASSWORD)
        await page.keyboard.press("Enter")
        await expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
        await visitor.look("signed-in")
    finally:
        await visitor.close()
