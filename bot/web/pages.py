"""Rendering console pages: the Jinja environment, the staff member's language, and the helpers
every template has — `t("web.inbox.title", count=3)` looks an id up in the catalogs
(content/locales, the bot's own), `dir` is "rtl" for Arabic, Persian and Pashto, and dates and
numbers are written the language's way in French time.

A page is rendered in the staff member's language; before login, in the language they picked on the
login page or the best one their browser asks for (Accept-Language), else French.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp_jinja2
import jinja2
from aiohttp import web
from babel.numbers import format_decimal

from bot.i18n import display
from bot.i18n.catalogs import Catalogs
from bot.i18n.msg import Msg
from bot.web.keys import CSRF_TOKEN, LANGUAGE, MEMBER, passerelle

PARIS = ZoneInfo("Europe/Paris")


def setup(app: web.Application, templates: Path) -> None:
    env = aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = when
    env.filters["day"] = day
    env.filters["number"] = number
    env.filters["clock"] = clock
    env.filters["weekday_clock"] = weekday_clock


def language_of(request: web.Request) -> str:
    found: str = request.get(LANGUAGE) or "fr"
    return found


def negotiate(request: web.Request, catalogs: Catalogs) -> str:
    """The browser's preferred language among ours (Accept-Language), else French."""
    header = request.headers.get("Accept-Language", "")
    weighted = []
    for index, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        code = tag.strip().casefold().split("-")[0]
        code = "fa" if code == "prs" else code
        if catalogs.supports(code) and quality > 0:
            weighted.append((-quality, index, code))
    return min(weighted)[2] if weighted else "fr"


def text(request: web.Request, msg: Msg | str, **values: object) -> str:
    """A catalog message in the request's language, for Python code (flash messages, errors)."""
    catalogs = passerelle(request).catalogs
    if isinstance(msg, Msg):
        return catalogs.text(language_of(request), msg.id, {**msg.values, **values})
    return catalogs.text(language_of(request), msg, values)


def _context(request: web.Request) -> dict[str, Any]:
    catalogs = passerelle(request).catalogs
    lang = language_of(request)

    def t(msgid: str | Msg, **values: object) -> str:
        if isinstance(msgid, Msg):
            return catalogs.text(msgid.lang or lang, msgid.id, {**msgid.values, **values})
        return catalogs.text(lang, msgid, values)

    def language_name(code: str) -> str:
        return (
            display.languages([code], lang)
            if code not in catalogs.languages
            else (catalogs.text(code, "language.autonym"))
        )

    return {
        "t": t,
        "lang": lang,
        "dir": "rtl" if catalogs.is_rtl(lang) else "ltr",
        "me": request.get(MEMBER),
        "csrf": request.get(CSRF_TOKEN, ""),
        "languages": [(code, catalogs.text(code, "language.autonym")) for code in catalogs.codes],
        "language_name": language_name,
        "path": request.path,
    }


def render(
    request: web.Request, template: str, context: Mapping[str, Any], status: int = 200
) -> web.Response:
    values = _context(request) | dict(context)
    return aiohttp_jinja2.render_template(template, request, values, status=status)


# --- filters ------------------------------------------------------------------------------------
@jinja2.pass_context
def when(context: Mapping[str, Any], moment: dt.datetime | None) -> str:
    """ "4 déc. 2026, 10:05" in French time."""
    if moment is None:
        return ""
    local = moment.astimezone(PARIS)
    lang = context["lang"]
    return f"{display.date(local, lang)} {display.time(local.time(), lang)}"


@jinja2.pass_context
def day(context: Mapping[str, Any], moment: dt.date | dt.datetime | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, dt.datetime):
        moment = moment.astimezone(PARIS).date()
    return display.date(moment, context["lang"])


@jinja2.pass_context
def number(context: Mapping[str, Any], value: float | int) -> str:
    return _number(value, context["lang"])


@lru_cache(maxsize=4096)
def _number(value: float | int, lang: str) -> str:
    return format_decimal(value, locale=display.locale_of(lang))


@jinja2.pass_context
def clock(context: Mapping[str, Any], moment: dt.time | dt.datetime | None) -> str:
    """ "09:00" the language's way (a place's local time, already in its zone)."""
    return "" if moment is None else display.time(moment, context["lang"])


@jinja2.pass_context
def weekday_clock(context: Mapping[str, Any], moment: dt.datetime | None) -> str:
    return "" if moment is None else display.weekday_time(moment, context["lang"])
