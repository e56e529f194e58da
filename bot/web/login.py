"""Logging in and out, setting a password through the one-time link, and one's own preferences
(language, "log out everywhere")."""

from __future__ import annotations

import datetime as dt

from aiohttp import web
from aiohttp_session import get_session
from sqlalchemy import select, update

from bot.i18n.msg import _
from bot.store import tables
from bot.web import audit, labels, pages, throttle
from bot.web import staff as accounts
from bot.web.auth import PREFIX, client_address, open_session, safe_next
from bot.web.keys import LANGUAGE, MEMBER, SETTINGS, member_of, passerelle
from bot.web.routing import ANY_STAFF, PUBLIC, Routes
from bot.web.staff import ADMIN, COORDINATOR, StaffError

routes = Routes()
# What the login page may say after a redirect (the session carries the key).
NOTICES = {
    "everywhere": _("web.login.everywhere_done"),
    "password": _("web.password.set"),
}


def home(role: str) -> str:
    return f"{PREFIX}/announcements" if role == COORDINATOR else f"{PREFIX}/inbox"


@routes.get("/", allow=PUBLIC)
async def start(request: web.Request) -> web.StreamResponse:
    account = request.get(MEMBER)
    if account is None:
        raise web.HTTPSeeOther(f"{PREFIX}/login")
    raise web.HTTPSeeOther(home(account.role))


@routes.get("/login", allow=PUBLIC)
async def login_page(request: web.Request) -> web.StreamResponse:
    session = await get_session(request)
    chosen = request.query.get("lang")
    if chosen and passerelle(request).catalogs.supports(chosen):
        session["lang"] = chosen
        request[LANGUAGE] = chosen
    notice = NOTICES.get(str(session.pop("notice", "")))
    return pages.render(
        request,
        "login.html",
        {"next": safe_next(request.query.get("next")), "problem": None, "notice": notice},
    )


@routes.post("/login", allow=PUBLIC)
async def login(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    settings = request.config_dict[SETTINGS]
    app = passerelle(request)
    now = app.engine.clock.now()
    target = safe_next(form.get("next"))
    try:
        email = accounts.normal_email(str(form.get("email", "")))
    except StaffError:
        email = str(form.get("email", "")).strip().casefold()[:254]
    password = str(form.get("password", ""))
    account_key, address_key = throttle.keys(email, client_address(request))
    limits = {
        account_key: settings.console_login_max_failures,
        address_key: settings.console_login_max_failures_per_address,
    }
    window = dt.timedelta(minutes=settings.console_login_window_minutes)
    async with app.database.read() as conn:
        found = await accounts.by_email(conn, email)
        refused = await throttle.blocked(conn, limits, now, window)
    staff_id = found.id if found is not None else None
    if refused:
        async with app.database.write() as conn:
            await audit.record(conn, staff_id, "login_refused", now, target="throttled")
        problem = _("web.login.throttled", minutes=settings.console_login_window_minutes)
        return _login_again(request, target, problem, 429)
    usable = found is not None and found.active
    ok = await accounts.verify(found.password_hash if usable else None, password)
    async with app.database.write() as conn:
        if not ok:
            await throttle.failed(conn, (account_key, address_key), now, window)
            await audit.record(conn, staff_id, "login_refused", now, target="password")
        else:
            assert found is not None
            await throttle.succeeded(conn, account_key)
            await conn.execute(
                update(tables.staff).where(tables.staff.c.id == found.id).values(last_login_at=now)
            )
            await audit.record(conn, found.id, "login", now)
    if not ok:
        return _login_again(request, target, _("web.login.wrong"), 401)
    assert found is not None
    open_session(await get_session(request), accounts.member(found), now)
    if target == f"{PREFIX}/":
        target = home(found.role)
    raise web.HTTPSeeOther(target)


def _login_again(request: web.Request, target: str, problem: object, status: int) -> web.Response:
    context = {"next": target, "problem": problem, "notice": None}
    return pages.render(request, "login.html", context, status)


@routes.post("/logout", allow=ANY_STAFF)
async def logout(request: web.Request) -> web.StreamResponse:
    account = member_of(request)
    app = passerelle(request)
    async with app.database.write() as conn:
        await audit.record(conn, account.id, "logout", app.engine.clock.now())
    session = await get_session(request)
    session.invalidate()
    raise web.HTTPSeeOther(f"{PREFIX}/login")


@routes.post("/logout-everywhere", allow=ANY_STAFF)
async def logout_everywhere(request: web.Request) -> web.StreamResponse:
    account = member_of(request)
    app = passerelle(request)
    async with app.database.write() as conn:
        await accounts.end_sessions(conn, account.id)
        await audit.record(conn, account.id, "logout_all", app.engine.clock.now())
    session = await get_session(request)
    session.invalidate()
    session["notice"] = "everywhere"
    raise web.HTTPSeeOther(f"{PREFIX}/login")


@routes.get("/me", allow=ANY_STAFF)
async def me(request: web.Request) -> web.StreamResponse:
    account = member_of(request)
    linked = False
    if account.user_id is not None:
        async with passerelle(request).database.read() as conn:
            channel = await conn.scalar(
                select(tables.users.c.channel).where(tables.users.c.id == account.user_id)
            )
        linked = channel not in (None, accounts.WEB_CHANNEL)
    context = {
        "saved": request.query.get("saved") == "1",
        "role_label": labels.role(account.role),
        "linked": linked,
    }
    return pages.render(request, "me.html", context)


@routes.post("/me", allow=ANY_STAFF)
async def save_me(request: web.Request) -> web.StreamResponse:
    account = member_of(request)
    app = passerelle(request)
    form = await request.post()
    language = str(form.get("language", ""))
    if not app.catalogs.supports(language):
        raise web.HTTPBadRequest()
    async with app.database.write() as conn:
        await conn.execute(
            update(tables.staff).where(tables.staff.c.id == account.id).values(language=language)
        )
        if account.user_id is not None:  # a console-only person reads in the same language
            users = tables.users
            await conn.execute(
                update(users)
                .where(users.c.id == account.user_id, users.c.channel == accounts.WEB_CHANNEL)
                .values(language=language)
            )
    raise web.HTTPSeeOther(f"{PREFIX}/me?saved=1")


# --- the one-time link --------------------------------------------------------------------------
@routes.get("/setup/{token}", allow=PUBLIC)
async def setup_page(request: web.Request) -> web.StreamResponse:
    app = passerelle(request)
    async with app.database.read() as conn:
        account = await accounts.by_token(conn, request.match_info["token"], app.engine.clock.now())
    response = _setup(request, account, None)
    response.headers["Referrer-Policy"] = "no-referrer"  # the token is in this page's address
    return response


@routes.post("/setup/{token}", allow=PUBLIC)
async def setup(request: web.Request) -> web.StreamResponse:
    app = passerelle(request)
    now = app.engine.clock.now()
    token = request.match_info["token"]
    form = await request.post()
    password, again = str(form.get("password", "")), str(form.get("again", ""))
    async with app.database.read() as conn:
        account = await accounts.by_token(conn, token, now)
    if account is None:
        return _setup(request, None, None)
    problem = accounts.password_problem(password)
    if problem is None and password != again:
        problem = _("web.password.mismatch")
    if problem is not None:
        return _setup(request, account, problem, 400)
    hashed = await accounts.hash_password(password)
    async with app.database.write() as conn:
        # Spent in the same transaction that checks it: a link works once.
        if await accounts.by_token(conn, token, now) is None:
            return _setup(request, None, None)
        await accounts.set_password(conn, account.id, hashed)
        await audit.record(conn, account.id, "password", now)
    session = await get_session(request)
    session["notice"] = "password"
    session["lang"] = account.language
    raise web.HTTPSeeOther(f"{PREFIX}/login")


def _setup(
    request: web.Request, account: accounts.Member | None, problem: object, status: int = 200
) -> web.Response:
    context = {"account": account, "problem": problem, "min": accounts.PASSWORD_MIN}
    return pages.render(request, "setup.html", context, status if account else 410)


def setup_link(base: str, token: str) -> str:
    return f"{base.rstrip('/')}{PREFIX}/setup/{token}"


__all__ = ["ADMIN", "home", "routes", "setup_link"]
