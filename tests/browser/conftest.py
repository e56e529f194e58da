"""Fixtures for the browser tests: one Chromium for the session, a store on SQLite and on
PostgreSQL, and a running server with its Twilio stand-in and a fresh browser tab per test."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from aiohttp import ClientSession
from aiohttp.test_utils import TestServer

from bot.clock import FrozenClock
from bot.config import Settings, load_settings
from bot.server import PASSERELLE, make_server
from tests.browser.support import (
    LAUNCH_ARGS,
    PUBLIC,
    WHATSAPP_FROM,
    Browser,
    Site,
    async_playwright,
    chromium_path,
)
from tests.conftest import FROZEN_AT, POSTGRES_URL, postgres_schema, sqlite_settings, upgraded
from tests.standins.twilio import ACCOUNT, TOKEN, TwilioStandIn
from tests.test_broadcast import Labelled


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser() -> AsyncIterator[Browser]:
    path = chromium_path()
    reason = None
    if async_playwright is None:
        reason = "the playwright package is not installed (pip install -e '.[dev]')"
    elif path is None:
        reason = "no Chromium found: apt-get install chromium, or set PASSERELLE_CHROMIUM"
    if reason is not None:
        if os.environ.get("PASSERELLE_REQUIRE_BROWSER"):
            pytest.fail(reason)  # CI: the browser tests must run
        pytest.skip(reason)
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        yield launched
        await launched.close()


@pytest_asyncio.fixture(
    loop_scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Settings]:
    if request.param == "sqlite":
        yield sqlite_settings(tmp_path)
        return
    async with postgres_schema() as schema:
        settings = load_settings(
            database_url=POSTGRES_URL, database_schema=schema, data_dir=tmp_path
        )
        await upgraded(settings)
        yield settings


@pytest_asyncio.fixture(loop_scope="session")
async def site(
    browser: Browser, store: Settings, request: pytest.FixtureRequest
) -> AsyncIterator[Site]:
    twilio = TwilioStandIn()
    await twilio.start()
    settings = load_settings(
        **{
            **store.model_dump(),
            "twilio_account_sid": ACCOUNT,
            "twilio_auth_token": TOKEN,
            "twilio_whatsapp_from": WHATSAPP_FROM,
            "twilio_api_base_url": twilio.base_url,
            "public_base_url": PUBLIC,
            "twilio_whatsapp_rate_per_second": 0,
            "delivery_poll_seconds": 0.1,
            "broadcast_poll_seconds": 0.2,
        }
    )
    clock = FrozenClock(FROZEN_AT)
    server = TestServer(make_server(settings, clock=clock), host="127.0.0.1")
    await server.start_server()
    server.app[PASSERELLE].translator.backend = Labelled()
    context = await browser.new_context(viewport={"width": 1280, "height": 860}, locale="fr-FR")
    page = await context.new_page()
    page.set_default_timeout(10_000)
    http = ClientSession()
    try:
        yield Site(server, twilio, page, clock, store.is_sqlite, http)
    finally:
        await http.close()
        await context.close()
        await server.close()
        await twilio.stop()
