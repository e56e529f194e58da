"""Typed keys: what the console app holds (settings, the running Passerelle) and what the guard
puts on each request (the staff member, the session's CSRF token)."""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from bot.app import App
from bot.config import Settings
from bot.web.staff import Member

SETTINGS = web.AppKey("console_settings", Settings)
# The Passerelle the server runs (made in the server's start-up, after the console app exists).
Running = Callable[[], App]
RUNNING: web.AppKey[Running] = web.AppKey("console_running")

MEMBER: web.RequestKey[Member | None] = web.RequestKey("console_member")  # who is logged in
CSRF_TOKEN = web.RequestKey("console_csrf", str)  # the session's token, for forms
LANGUAGE = web.RequestKey("console_language", str)  # the request's language


def passerelle(request: web.Request) -> App:
    running: Running = request.config_dict[RUNNING]
    return running()


def member_of(request: web.Request) -> Member:
    """The logged-in staff member (the guard refused the request otherwise)."""
    found = request.get(MEMBER)
    if not isinstance(found, Member):
        raise web.HTTPForbidden()
    return found
