"""Fixtures for the console's tests in a real browser: Debian's Chromium driven by Playwright for
Python (no browser download), one browser for the whole session, and a real `passerelle serve`
application on 127.0.0.1 with the Twilio stand-in, on SQLite and on PostgreSQL.

Chromium is found through PASSERELLE_CHROMIUM or at /usr/bin/chromium; without it (or without
the playwright package) the browser tests are skipped and the reason is shown. Screenshots for the
README are written to docs/screenshots/ by the SQLite runs, so they always show the console as it
is.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp import ClientSession
from aiohttp.test_utils import TestServer

from bot.app import App
from bot.clock import FrozenClock
from bot.server import PASSERELLE
from tests.standins.twilio import TwilioStandIn, inbound, signature
from tests.web_support import PASSWORD, add_staff

try:
    from playwright.async_api import Browser, Page, async_playwright
except ImportError:  # pragma: no cover - the dev extra installs it
    async_playwright = None  # type: ignore[assignment]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PUBLIC = "http://bot.test"  # what Twilio would call; not https, so cookies work over 127.0.0.1
WHATSAPP_FROM = "whatsapp:+14155238886"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
browser_loop = pytest.mark.asyncio(loop_scope="session")
__all__ = ["Browser", "Page", "Site", "async_playwright", "browser_loop", "chromium_path"]


def chromium_path() -> str | None:
    wanted = os.environ.get("PASSERELLE_CHROMIUM")
    if wanted is not None:  # as told, or nothing
        return wanted if Path(wanted).exists() else None
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")


@dataclass
class Site:
    """The running server, its Twilio stand-in, and one browser tab."""

    server: TestServer
    twilio: TwilioStandIn
    page: Page
    clock: FrozenClock
    screenshots: bool
    http: ClientSession

    @property
    def app(self) -> App:
        return self.server.app[PASSERELLE]

    def url(self, path: str) -> str:
        return str(self.server.make_url(path))

    async def whatsapp(self, sender: str, text: str) -> None:
        """A person's message, posted by "Twilio" to the signed webhook."""
        form = inbound(f"whatsapp:{sender}", text)
        headers = {"X-Twilio-Signature": signature(f"{PUBLIC}/webhooks/twilio", form)}
        response = await self.http.post(self.url("/webhooks/twilio"), data=form, headers=headers)
        assert response.status == 200, await response.text()

    async def login(self, email: str, role: str, language: str = "fr") -> None:
        await add_staff(self.app, email, role, language=language)
        await self.page.goto(self.url("/console/"))
        await self.page.fill('input[name="email"]', email)
        await self.page.fill('input[name="password"]', PASSWORD)
        await self.page.click('button[type="submit"]')
        await self.page.wait_for_load_state()

    async def shot(self, name: str, hide: str | None = None) -> None:
        """A screenshot for the README; `hide` masks what changes on every run (a token)."""
        if self.screenshots:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            masked = [self.page.locator(hide)] if hide else []
            path = str(SCREENSHOTS / f"{name}.png")
            await self.page.screenshot(path=path, full_page=True, mask=masked)


async def eventually(check: Callable[[], Awaitable[bool]], within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while not await check():
        assert time.monotonic() < deadline, "not reached in time"
        await asyncio.sleep(0.05)
