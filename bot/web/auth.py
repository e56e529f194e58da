"""Sessions and the guard every console request passes through.

A session is an encrypted, signed cookie (aiohttp-session's `EncryptedCookieStorage`, Fernet)
holding the staff id, the account's session epoch, when it was opened and last used, and the CSRF
token. It is `HttpOnly`, `SameSite=Lax`, limited to /console, `Secure` when PUBLIC_BASE_URL is
https, and has no Max-Age (closing the browser ends it). The server ends it after
CONSOLE_SESSION_IDLE_MINUTES without a request or CONSOLE_SESSION_MAX_HOURS in all, and at once
when its epoch is behind the account's ("log out everywhere", a new password, a deactivation).

The guard, for each request: load the staff member (one primary-key read, so a role change or a
deactivation holds from the next request); refuse a route nobody declared; send someone without a
session to the login page; answer 403 to a role the route does not allow; answer 403 to a request
that changes something without the session's CSRF token; add the security headers.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web
from aiohttp.typedefs import Middleware
from aiohttp_session import Session, get_session, session_middleware
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from cryptography.fernet import Fernet
from yarl import URL

from bot.config import Settings
from bot.i18n.msg import _
from bot.store import files
from bot.web import csrf, pages
from bot.web import staff as accounts
from bot.web.keys import CSRF_TOKEN, LANGUAGE, MEMBER, SETTINGS, passerelle
from bot.web.routing import PUBLIC, access_of
from bot.web.staff import Member

log = logging.getLogger(__name__)

COOKIE = "passerelle_console"
PREFIX = "/console"
TOUCH_EVERY = dt.timedelta(seconds=60)  # rewrite the cookie's "last used" at most this often
FRAGMENT_HEADER = "X-Console-Fragment"  # set by the page script: answer 401, not a login page
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def secret_key(settings: Settings) -> bytes:
    """CONSOLE_SECRET_KEY, else a key kept in DATA_DIR (made once, readable by us only)."""
    if settings.console_secret_key is not None:
        value = settings.console_secret_key.get_secret_value().encode()
        Fernet(value)  # raises ValueError on a malformed key: the console refuses to start
        return value
    return files.kept_secret(Path(settings.data_dir) / "console.key", Fernet.generate_key)


def sessions(settings: Settings) -> Middleware:
    storage = EncryptedCookieStorage(
        Fernet(secret_key(settings)),
        cookie_name=COOKIE,
        path=PREFIX,
        httponly=True,
        samesite="Lax",
        secure=settings.public_base_url.startswith("https://"),
    )
    return session_middleware(storage)


def client_address(request: web.Request) -> str:
    """The browser's address; behind a reverse proxy on this machine, the one it forwarded."""
    remote = request.remote or ""
    forwarded = request.headers.get("X-Forwarded-For", "")
    if forwarded and remote in ("127.0.0.1", "::1"):
        return forwarded.split(",")[-1].strip() or remote
    return remote


def open_session(session: Session, account: Member, now: dt.datetime) -> None:
    """A fresh session after login: new data, new CSRF token (no fixation)."""
    language = session.get("lang")
    session.invalidate()
    stamp = now.timestamp()
    session.update(
        {
            "sid": account.id,
            "ep": account.epoch,
            "iat": stamp,
            "seen": stamp,
            "csrf": csrf.new_token(),
        }
    )
    if language:
        session["lang"] = language


async def current_member(request: web.Request, session: Session) -> Member | None:
    """The session's staff member, if the session is still valid; else it is emptied."""
    staff_id = session.get("sid")
    if not isinstance(staff_id, int):
        return None
    app = passerelle(request)
    settings = request.config_dict[SETTINGS]
    now = app.engine.clock.now().timestamp()
    issued, seen = float(session.get("iat", 0)), float(session.get("seen", 0))
    too_old = now - issued > settings.console_session_max_hours * 3600
    idle = now - seen > settings.console_session_idle_minutes * 60
    account = None
    if not (too_old or idle):
        async with app.database.read() as conn:
            account = await accounts.get(conn, staff_id)
    if account is None or not account.active or account.epoch != session.get("ep"):
        session.invalidate()
        return None
    if now - seen > TOUCH_EVERY.total_seconds():
        session["seen"] = now
    return account


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    session = await get_session(request)
    account = await current_member(request, session)
    request[MEMBER] = account
    catalogs = passerelle(request).catalogs
    chosen = session.get("lang")
    if account is not None:
        request[LANGUAGE] = account.language
    elif isinstance(chosen, str) and catalogs.supports(chosen):
        request[LANGUAGE] = chosen
    else:
        request[LANGUAGE] = pages.negotiate(request, catalogs)
    if not isinstance(session.get("csrf"), str):
        session["csrf"] = csrf.new_token()
    request[CSRF_TOKEN] = session["csrf"]

    failure = request.match_info.http_exception
    if failure is not None:  # no such page (or method): still a page in their language
        message = _("web.error.not_found") if failure.status == 404 else _("web.error.bad_request")
        return _problem(request, failure.status, message)
    allow = access_of(request)
    if allow is None:
        log.error("console route %s has no declared access: refused", request.path)
        return _problem(request, 404, _("web.error.not_found"))
    if allow is not PUBLIC:
        if account is None:
            if request.headers.get(FRAGMENT_HEADER):
                return _problem(request, 401, _("web.error.session"))
            raise web.HTTPSeeOther(login_url(request))
        if not account.may(allow):
            return _problem(request, 403, _("web.error.forbidden"))
    if request.method not in csrf.SAFE_METHODS:
        try:
            await csrf.check(
                request, session["csrf"], request.config_dict[SETTINGS].public_base_url
            )
        except csrf.Refused as refused:
            log.warning("console: %s %s refused (%s)", request.method, request.path, refused)
            return _problem(request, 403, _("web.error.csrf"))
    try:
        response = await handler(request)
    except web.HTTPForbidden:
        return _problem(request, 403, _("web.error.forbidden"))
    except web.HTTPNotFound:
        return _problem(request, 404, _("web.error.not_found"))
    except web.HTTPBadRequest:
        return _problem(request, 400, _("web.error.bad_request"))
    return response


@web.middleware
async def headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as exception:
        response = exception
        _secure(response, request)
        raise
    _secure(response, request)
    return response


def _secure(response: web.StreamResponse, request: web.Request) -> None:
    if response.prepared:  # a stream (server-sent events) set its own
        return
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if not request.path.startswith(f"{PREFIX}/static/"):
        response.headers.setdefault("Cache-Control", "no-store")


def login_url(request: web.Request) -> URL:
    target = request.path_qs if request.method == "GET" else f"{PREFIX}/"
    return URL(f"{PREFIX}/login").with_query(next=target)


def safe_next(value: object) -> str:
    """Where to go after login: a console page, never another site."""
    if (
        isinstance(value, str)
        and value.startswith(f"{PREFIX}/")
        and "\\" not in value
        and "//" not in value
    ):
        return value
    return f"{PREFIX}/"


def _problem(request: web.Request, status: int, message: object) -> web.Response:
    return pages.render(request, "error.html", {"message": message, "status": status}, status)
