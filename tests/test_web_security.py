"""Every console route, checked on the server: no session → the login page; a role the route does
not allow → 403; a change without the session's CSRF token (or with a wrong one, or from another
site) → 403; a volunteer opening another volunteer's request by its number → 403; the session
cookie's flags; the security headers; and a route nobody declared is refused."""

from __future__ import annotations

import re
from typing import Any

import pytest
from aiohttp import web
from sqlalchemy import select

from bot.app import App
from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from bot.web import app as console_app
from bot.web import login, routing
from bot.web.app import AREAS
from bot.web.routing import PUBLIC, Route, Routes
from tests.web_support import add_staff, another, console, logged_in

SAMPLES = {"id": "1", "kind": "services", "item": "1", "token": "x", "name": "console.css"}
ROUTES = [route for area in AREAS for route in area.items]


def sample_path(route: Route) -> str:
    def value(match: re.Match[str]) -> str:
        return SAMPLES.get(match.group(1), "1")

    return "/console" + re.sub(r"\{(\w+)(?::[^}]*)?\}", value, route.path)


def label(route: Route) -> str:
    return f"{route.method} {route.path}"


async def add_request(app: App, volunteer_id: int | None = None, external: str = "p1") -> int:
    """A person who asked to talk (their request held by `volunteer_id`'s person, if given)."""
    now = app.engine.clock.now()
    users, handovers = tables.users, tables.handovers
    async with app.database.write() as conn:
        person = await conn.scalar(
            users.insert()
            .values(
                channel="whatsapp",
                external_id=f"+3361234{external[-4:].rjust(4, '0')}",
                language="ar",
                roles=[],
                status="active",
                created_at=now,
            )
            .returning(users.c.id)
        )
        return int(
            await conn.scalar(
                handovers.insert()
                .values(
                    user_id=person,
                    status="taken" if volunteer_id else "waiting",
                    volunteer_id=volunteer_id,
                    urgent=False,
                    created_at=now,
                    taken_at=now if volunteer_id else None,
                )
                .returning(handovers.c.id)
            )
            or 0
        )


def test_every_route_says_who_may_use_it() -> None:
    assert len(ROUTES) > 30
    for route in ROUTES:
        assert route.allow, label(route)
    with pytest.raises(ValueError, match="say who may use it"):
        Routes().get("/nobody", allow=frozenset())


async def test_without_a_session_every_page_leads_to_the_login_page(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as session:
        bare = await session.client.get("/console", allow_redirects=False)
        assert bare.status == 301 and bare.headers["Location"] == "/console/"
        for route in ROUTES:
            if route.allow is PUBLIC:
                continue
            token = await session.token()
            response = await session.client.request(
                route.method, sample_path(route), data={"csrf": token}, allow_redirects=False
            )
            assert response.status == 303, label(route)
            assert response.headers["Location"].startswith("/console/login"), label(route)
        fragment = await session.client.get(
            "/console/inbox?fragment=list", headers={"X-Console-Fragment": "1"}
        )
        assert fragment.status == 401  # the page script reloads into the login form


async def test_a_role_a_route_does_not_allow_gets_403(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as admin:
        await logged_in(admin, "admin")
        async with another(admin) as coordinator, another(admin) as volunteer:
            await logged_in(coordinator, "coordinator")
            await logged_in(volunteer, "volunteer")
            sessions = {"coordinator": coordinator, "volunteer": volunteer}
            checked = 0
            for route in ROUTES:
                for role, who in sessions.items():
                    if route.allow is PUBLIC or role in route.allow:
                        continue
                    data = {"csrf": await who.page_token()}
                    response = await who.client.request(
                        route.method, sample_path(route), data=data, allow_redirects=False
                    )
                    assert response.status == 403, (label(route), role)
                    checked += 1
            assert checked > 20


async def test_a_change_without_the_right_token_gets_403(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as session:
        await logged_in(session, "admin")
        token = await session.page_token()
        for route in ROUTES:
            if route.method != "POST":
                continue
            path = sample_path(route)
            missing = await session.client.post(path, data={"x": "1"}, allow_redirects=False)
            assert missing.status == 403, label(route)
            wrong = await session.client.post(
                path, data={"csrf": token[::-1]}, allow_redirects=False
            )
            assert wrong.status == 403, label(route)
            elsewhere = await session.client.post(
                path,
                data={"csrf": token},
                headers={"Origin": "https://evil.example"},
                allow_redirects=False,
            )
            assert elsewhere.status == 403, label(route)
            cross = await session.client.post(
                path,
                data={"csrf": token},
                headers={"Sec-Fetch-Site": "cross-site"},
                allow_redirects=False,
            )
            assert cross.status == 403, label(route)
        logged = await session.client.post(
            "/console/logout", data={"csrf": token}, allow_redirects=False
        )
        assert logged.status == 303  # the same request with its token is accepted


async def test_a_volunteer_cannot_open_another_volunteers_request(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as first:
        await logged_in(first, "volunteer", "first@example.org")
        async with first.app.database.read() as conn:
            assert await conn.scalar(select(tables.staff.c.user_id)) is None
        waiting = await add_request(first.app)
        assert (await first.post(f"/console/inbox/{waiting}/take")).status == 303
        async with another(first) as second:
            await logged_in(second, "volunteer", "second@example.org")
            denied: list[tuple[str, dict[str, Any]]] = [
                ("take", {}),
                ("reply", {"text": "bonjour", "language": "fr"}),
                ("end", {}),
                ("hand", {"to": "1"}),
            ]
            assert (await second.client.get(f"/console/inbox/{waiting}")).status == 403
            fragment = await second.client.get(f"/console/inbox/{waiting}?fragment=messages")
            assert fragment.status == 403
            for action, form in denied:
                response = await second.post(f"/console/inbox/{waiting}/{action}", form)
                assert response.status == 403, action
            listing = await second.text("/console/inbox")
            assert f'data-request="{waiting}"' not in listing
            assert (await second.client.get("/console/inbox/999")).status == 404
        mine = await first.text(f"/console/inbox/{waiting}")
        assert 'id="reply"' in mine
        async with first.app.database.read() as conn:
            log = tables.access_log
            rows = (await conn.execute(select(log.c.action, log.c.handover_id))).all()
        assert ("took", waiting) in rows and ("opened", waiting) in rows


@pytest.mark.parametrize("base", ["", "https://bot.example.org"])
async def test_the_session_cookie(base: str, sqlite_only: Settings, clock: FrozenClock) -> None:
    async with console(sqlite_only, clock, public_base_url=base) as session:
        await add_staff(session.app, "vol@example.org", "volunteer")
        headers = {"Origin": base} if base else {}
        form = {"csrf": await session.token(), "email": "vol@example.org", "password": "x" * 20}
        await session.client.post("/console/login", data=form, headers=headers)
        response = await session.login("vol@example.org")
        cookie = response.headers["Set-Cookie"]
        assert "passerelle_console=" in cookie and "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie and "Path=/console" in cookie
        assert "Max-Age" not in cookie  # closing the browser ends the session
        assert ("Secure" in cookie) == base.startswith("https://")


async def test_pages_carry_the_security_headers(settings: Settings, clock: FrozenClock) -> None:
    async with console(settings, clock) as session:
        await logged_in(session, "admin")
        for path in ("/console/login", "/console/inbox", "/console/nowhere"):
            response = await session.client.get(path)
            headers = response.headers
            assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], path
            assert "script-src 'self'" in headers["Content-Security-Policy"], path
            assert headers["X-Frame-Options"] == "DENY", path
            assert headers["X-Content-Type-Options"] == "nosniff", path
            assert headers["Cache-Control"] == "no-store", path
        missing = await session.client.get("/console/nowhere")
        assert missing.status == 404 and "<html" in await missing.text()
        script = await session.client.get("/console/static/console.js")
        assert script.status == 200 and "javascript" in script.headers["Content-Type"]
        font = await session.client.get("/console/static/NotoSansEthiopic-Regular.ttf")
        assert font.status == 200  # Tigrinya reads on a computer without an Ethiopic font
        assert (await session.client.get("/console/static/..%2Fweb.py")).status == 404
        assert (await session.client.get("/console/static/OFL.txt")).status == 404


async def test_a_route_whose_access_is_unknown_is_refused(
    sqlite_only: Settings, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guard refuses what the route table does not name (here /me, forgotten on purpose)."""

    def forgetful(app: web.Application, *areas: Routes) -> None:
        routing.install(app, *areas)
        forgotten = next(r.handler for r in login.routes.items if r.path == "/me")
        del app[routing.ACCESS][forgotten]

    monkeypatch.setattr(console_app, "install", forgetful)
    async with console(sqlite_only, clock) as session:
        await logged_in(session, "admin")
        response = await session.client.get("/console/me")
        assert response.status == 404 and "<html" in await response.text()
        assert (await session.client.get("/console/audit")).status == 200
