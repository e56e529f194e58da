"""The console's accounts and sessions: the one-time link from `passerelle staff add`, Argon2id
passwords, login limits per account and per address, expiring sessions, "log out everywhere", a
deactivated account, and pages in the staff member's language (right to left in Arabic)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from sqlalchemy import select

from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from bot.web import staff as accounts
from tests.web_support import PASSWORD, Console, add_staff, another, console, logged_in

LINK = re.compile(r"http://\S+/console/setup/(\S+)")


def staff_cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": settings.database_url, "DATA_DIR": str(settings.data_dir)}
    if settings.database_schema:
        env["DATABASE_SCHEMA"] = settings.database_schema
    return subprocess.run(
        [sys.executable, "-m", "bot", "staff", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


async def actions(session: Console) -> list[str]:
    log = tables.access_log
    async with session.app.database.read() as conn:
        return list((await conn.execute(select(log.c.action).order_by(log.c.id))).scalars())


async def test_an_account_made_in_the_shell_sets_its_password_once(
    settings: Settings, clock: FrozenClock
) -> None:
    made = staff_cli(settings, "add", "Nadia@Example.org", "--role", "coordinator", "--lang", "ar")
    assert made.returncode == 0, made.stderr
    token = LINK.search(made.stdout)
    assert token and "nadia@example.org is now coordinator" in made.stdout
    async with console(settings, clock) as session:
        setup = f"/console/setup/{token.group(1)}"
        page = await session.client.get(setup)
        assert page.status == 200 and page.headers["Referrer-Policy"] == "no-referrer"
        short = await session.post(setup, {"password": "short", "again": "short"})
        assert short.status == 400
        different = await session.post(setup, {"password": PASSWORD, "again": PASSWORD + "!"})
        assert different.status == 400
        done = await session.post(setup, {"password": PASSWORD, "again": PASSWORD})
        assert done.status == 303
        async with session.app.database.read() as conn:
            stored = await conn.scalar(select(tables.staff.c.password_hash))
        assert stored.startswith("$argon2id$") and PASSWORD not in stored
        again = await session.post(setup, {"password": PASSWORD, "again": PASSWORD})
        assert again.status == 410  # the link worked once
        assert (await session.login("nadia@example.org")).status == 303
        home = await session.client.get("/console/me")
        assert '<html lang="ar" dir="rtl">' in await home.text()
        assert await actions(session) == ["password", "login"]
    wrong = staff_cli(settings, "add", "not-an-address", "--role", "admin")
    assert wrong.returncode == 2 and "not an e-mail address" in wrong.stderr


async def test_an_expired_link_no_longer_works(settings: Settings, clock: FrozenClock) -> None:
    async with console(settings, clock) as session:
        async with session.app.database.write() as conn:
            _id, token = await accounts.add(
                conn,
                email="late@example.org",
                role="volunteer",
                language="fr",
                now=clock.now(),
                link_hours=settings.console_setup_link_hours,
            )
        assert (await session.client.get(f"/console/setup/{token}")).status == 200
        clock.advance(hours=settings.console_setup_link_hours + 1)
        page = await session.client.get(f"/console/setup/{token}")
        assert page.status == 410


async def test_login_and_the_wrong_password(settings: Settings, clock: FrozenClock) -> None:
    async with console(settings, clock) as session:
        await add_staff(session.app, "vol@example.org", "volunteer")
        wrong = await session.login("vol@example.org", "not the password")
        assert wrong.status == 401
        nobody = await session.login("nobody@example.org")
        assert nobody.status == 401
        right = await session.login("VOL@example.org ")
        assert right.status == 303 and right.headers["Location"] == "/console/inbox"
        assert (await session.client.get("/console/inbox")).status == 200
        assert await actions(session) == ["login_refused", "login_refused", "login"]


async def test_logins_are_limited_per_account_and_per_address(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock, console_login_max_failures_per_address=8) as session:
        await add_staff(session.app, "vol@example.org", "volunteer")
        await add_staff(session.app, "other@example.org", "volunteer")
        for _ in range(settings.console_login_max_failures):
            assert (await session.login("vol@example.org", "guess")).status == 401
        refused = await session.login("vol@example.org")  # even the right password
        assert refused.status == 429
        clock.advance(minutes=settings.console_login_window_minutes + 1)
        assert (await session.login("vol@example.org")).status == 303
        for n in range(8):
            await session.login(f"guess{n}@example.org", "guess")
        assert (await session.login("other@example.org")).status == 429  # this address is blocked


async def test_sessions_expire_when_idle_and_after_their_lifetime(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as session:
        await logged_in(session, "volunteer")
        clock.advance(minutes=settings.console_session_idle_minutes - 1)
        assert (await session.client.get("/console/inbox")).status == 200
        clock.advance(minutes=settings.console_session_idle_minutes + 1)
        gone = await session.client.get("/console/inbox", allow_redirects=False)
        assert gone.status == 303 and gone.headers["Location"].startswith("/console/login")
        await session.login("volunteer@example.org")
        for _ in range(int(settings.console_session_max_hours * 60 / 50) + 1):
            clock.advance(minutes=50)  # busy all day: never idle, yet the session ends
            response = await session.client.get("/console/inbox", allow_redirects=False)
        assert response.status == 303


async def test_log_out_everywhere_ends_every_session(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as laptop:
        await logged_in(laptop, "volunteer")
        async with another(laptop) as phone:
            assert (await phone.login("volunteer@example.org")).status == 303
            assert (await phone.client.get("/console/inbox")).status == 200
            done = await laptop.post("/console/logout-everywhere")
            assert done.status == 303
            after = await phone.client.get("/console/inbox", allow_redirects=False)
            assert after.status == 303
            mine = await laptop.client.get("/console/inbox", allow_redirects=False)
            assert mine.status == 303
        assert (await actions(laptop))[-1] == "logout_all"


async def test_a_deactivated_account_is_out_at_once(settings: Settings, clock: FrozenClock) -> None:
    async with console(settings, clock) as admin_side:
        await logged_in(admin_side, "admin")
        async with another(admin_side) as volunteer:
            account = await logged_in(volunteer, "volunteer")
            assert (await volunteer.client.get("/console/inbox")).status == 200
            off = await admin_side.post(f"/console/accounts/{account.id}", {"action": "deactivate"})
            assert off.status == 303
            refused = await volunteer.client.get("/console/inbox", allow_redirects=False)
            assert refused.status == 303
            assert (await volunteer.login(account.email)).status == 401


async def test_the_login_page_speaks_the_browsers_language(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as session:
        persian = await session.client.get(
            "/console/login", headers={"Accept-Language": "prs-AF,fa;q=0.9,en;q=0.5"}
        )
        page = await persian.text()
        assert '<html lang="fa" dir="rtl">' in page
        assert session.app.catalogs.text("fa", "web.login.title") in page
        english = await session.client.get("/console/login?lang=en")
        assert '<html lang="en" dir="ltr">' in await english.text()
        sticky = await session.client.get("/console/login")
        assert '<html lang="en"' in await sticky.text()
