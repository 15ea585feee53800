"""A person using the web client: one browser context (its own storage, so its own sign-in) and one page, with
screenshots at desktop and phone width and an axe-core check of every page it looks at."""

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Browser, BrowserContext, Page

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / ".local" / "screenshots"  # git-ignored; kept after the run to look at
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
BLOCKING = {"serious", "critical"}  # axe impacts that fail a page
AXE = Axe()


@dataclass
class Visitor:
    """`story` names the screenshot folder; `who` tells the people of one story apart."""

    base_url: str
    context: BrowserContext
    page: Page
    story: str
    who: str
    checked: list[str] = field(default_factory=list)  # pages that passed axe, for the story's report

    @classmethod
    async def open(cls, browser: Browser, base_url: str, story: str, who: str) -> "Visitor":
        # Each person is a client of its own to the API's abuse limits (the test server trusts loopback as a proxy).
        client = f"198.18.{secrets.randbelow(256)}.{secrets.randbelow(256)}"
        context = await browser.new_context(
            base_url=base_url,
            viewport=VIEWPORTS["desktop"],
            locale="de-DE",
            accept_downloads=True,
            extra_http_headers={"X-Forwarded-For": client},
        )
        context.set_default_timeout(15_000)
        return cls(base_url, context, await context.new_page(), story, who)

    async def goto(self, path: str) -> None:
        await self.page.goto(path)
        await self.page.wait_for_load_state("networkidle")

    async def look(self, name: str) -> None:
        """Screenshots of the page as it is, at both widths, each checked by axe-core: no serious or critical
        violation may be left."""
        folder = SCREENSHOTS / self.story
        folder.mkdir(parents=True, exist_ok=True)
        for width, size in VIEWPORTS.items():
            await self.page.set_viewport_size(size)
            await self.page.wait_for_timeout(100)  # let the layout settle at the new width
            await self.page.screenshot(path=str(folder / f"{self.who}-{name}-{width}.png"), full_page=True)
            results = await AXE.run(self.page)
            blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING]
            assert not blocking, f"{name} ({width}): " + "; ".join(
                f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in blocking
            )
        await self.page.set_viewport_size(VIEWPORTS["desktop"])
        self.checked.append(name)

    async def close(self) -> None:
        await self.context.close()
