"""Helpers for the web console's tests: a running server with its console, staff accounts, and a
client that logs in and carries the CSRF token the way a page does."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from aiohttp import ClientResponse, ClientSession, CookieJar
from aiohttp.test_utils import TestClient, TestServer
from markupsafe import escape
from sqlalchemy import update

from bot.app import App
from bot.clock import Clock
from bot.config import Settings
from bot.server import PASSERELLE, make_server
from bot.store import tables
from bot.web import staff as accounts

PASSWORD = "correct horse battery staple"
_TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


@dataclass
class Console:
    """One browser: its own cookies, on the shared test server."""

    client: Any  # a TestClient, or a ClientSession on the same server (see `another`)
    server: TestServer

    @property
    def app(self) -> App:
        return self.server.app[PASSERELLE]

    async def token(self) -> str:
        page = await self.client.get("/console/login")
        found = _TOKEN.search(await page.text())
        assert found, "no CSRF token on the login page"
        return found.group(1)

    async def login(self, email: str, password: str = PASSWORD) -> ClientResponse:
        form = {"csrf": await self.token(), "email": email, "password": password}
        return await self.client.post("/console/login", data=form, allow_redirects=False)

    async def page_token(self, path: str = "/console/me") -> str:
        page = await self.client.get(path)
        found = _TOKEN.search(await page.text())
        assert found, f"no CSRF token on {path}"
        return found.group(1)

    async def post(self, path: str, form: dict[str, Any] | None = None) -> ClientResponse:
        """A form post from one of our pages (with the session's token)."""
        data = {"csrf": await self.page_token(), **(form or {})}
        return await self.client.post(path, data=data, allow_redirects=False)

    async def text(self, path: str) -> str:
        response = await self.client.get(path, allow_redirects=False)
        assert response.status == 200, (path, response.status)
        return await response.text()


@asynccontextmanager
async def console(
    settings: Settings, clock: Clock | None = None, **overrides: Any
) -> AsyncIterator[Console]:
    if overrides:
        settings = settings.model_copy(update=overrides)
    server = TestServer(make_server(settings, clock=clock), host="127.0.0.1")
    async with TestClient(server) as client:
        yield Console(client, server)


@asynccontextmanager
async def another(session: Console) -> AsyncIterator[Console]:
    """A second browser on the same server (closing it leaves the server running)."""
    base = str(session.server.make_url("/")).rstrip("/")
    async with ClientSession(base_url=base, cookie_jar=CookieJar(unsafe=True)) as client:
        yield Console(client, session.server)


def shown(app: App, msgid: str, lang: str = "fr", **values: object) -> str:
    """A catalog message as a page shows it (HTML-escaped)."""
    return str(escape(app.catalogs.text(lang, msgid, values)))


async def add_staff(
    app: App,
    email: str,
    role: str,
    *,
    password: str | None = PASSWORD,
    language: str = "fr",
    user_id: int | None = None,
) -> accounts.Member:
    """An account whose password is already set (as after its one-time link)."""
    now = app.engine.clock.now()
    async with app.database.write() as conn:
        staff_id, _token = await accounts.add(
            conn, email=email, role=role, language=language, now=now, link_hours=1
        )
        values: dict[str, Any] = {"user_id": user_id}
        if password is not None:
            values["password_hash"] = await accounts.hash_password(password)
        await conn.execute(
            update(tables.staff).where(tables.staff.c.id == staff_id).values(**values)
        )
        found = await accounts.get(conn, staff_id)
    assert found is not None
    return found


async def logged_in(session: Console, role: str, email: str | None = None) -> accounts.Member:
    account = await add_staff(session.app, email or f"{role}@example.org", role)
    response = await session.login(account.email)
    assert response.status == 303, await response.text()
    return account
