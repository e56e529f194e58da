"""The employers' pages as an aiohttp sub-application, mounted by `passerelle serve` under
/employeurs: its own short session cookie (a CSRF token and the language chosen, limited to
/employeurs), never the console's; every route public, declared in bot/web/employers_public.py and
bot/web/employers_private.py."""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web
from aiohttp.typedefs import Middleware
from aiohttp_session import session_middleware
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from cryptography.fernet import Fernet

from bot.app import App
from bot.config import Settings
from bot.web import auth, employers_private, employers_public, pages
from bot.web.keys import RUNNING, SETTINGS
from bot.web.routing import install

COOKIE = "passerelle_employers"
AREAS = (employers_public.routes, employers_private.routes)


def make_employers(settings: Settings, running: Callable[[], App]) -> web.Application:
    sessions = _sessions(settings)
    app = web.Application(middlewares=[auth.headers, sessions, employers_public.guard])
    app[SETTINGS] = settings
    app[RUNNING] = running
    pages.setup(app, settings.content_dir / "web" / "templates")
    install(app, *AREAS)
    return app


def _sessions(settings: Settings) -> Middleware:
    storage = EncryptedCookieStorage(
        Fernet(auth.secret_key(settings)),
        cookie_name=COOKIE,
        path=employers_public.PREFIX,
        httponly=True,
        samesite="Lax",
        secure=settings.public_base_url.startswith("https://"),
    )
    return session_middleware(storage)
