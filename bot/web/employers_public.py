"""The employers' public pages under /employeurs: an offer submitted without an account, then
confirmed through a link mailed to its author (bot/employers). Its own sub-application, so no staff
session ever reaches it (the console's cookie is limited to /console) and its routes are all
public — yet every change needs the CSRF token of its own short session cookie, submissions are
limited per network address and per SIRET, and a field no person sees catches robots.

Pages are the console's machinery (aiohttp-jinja2, the `web.employers.*` catalogs) in French or
English: the language chosen with the switcher, else the browser's (Accept-Language), else French.
The offer's private page, reached by its signed link, is in bot/web/employers_private.py.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from aiohttp import web
from aiohttp_session import get_session

from bot.cv import trades
from bot.directory.places import gazetteer
from bot.directory.records import CONTRACT_LABELS, CONTRACTS, LEVELS
from bot.employers import form as offer_form
from bot.employers import limits
from bot.employers.mails import PARIS
from bot.employers.offers import Employers
from bot.i18n.msg import Msg, _
from bot.web import auth, csrf, pages
from bot.web.keys import CSRF_TOKEN, LANGUAGE, SETTINGS, passerelle
from bot.web.routing import PUBLIC, Routes, access_of

log = logging.getLogger(__name__)

routes = Routes()
PREFIX = "/employeurs"
LANGUAGES = ("fr", "en")  # the offer itself is written in French, as the law asks
HONEYPOT = "website"  # a field hidden from people: robots fill it in
LEVEL_HELP: dict[str, Msg] = {
    "": _("web.employers.level.none"),
    "A1": _("web.employers.level.A1"),
    "A2": _("web.employers.level.A2"),
    "B1": _("web.employers.level.B1"),
    "B2": _("web.employers.level.B2"),
    "C1": _("web.employers.level.C1"),
    "C2": _("web.employers.level.C2"),
}
ROUTE_HELP: dict[str, Msg] = {
    "mail": _("web.employers.route.mail"),
    "coordinator": _("web.employers.route.coordinator"),
    "none": _("web.employers.route.none"),
}
NOT_OPEN = _("web.employers.closed_here")


def negotiate(header: str) -> str:
    """French or English, from Accept-Language; French when the browser names neither."""
    best: tuple[float, int, str] | None = None
    for index, part in enumerate(header.split(",")):
        tag, _semi, params = part.strip().partition(";")
        code = tag.strip().casefold().split("-")[0]
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if code in LANGUAGES and quality > 0 and (best is None or (-quality, index) < best[:2]):
            best = (-quality, index, code)
    return best[2] if best else "fr"


@web.middleware
async def guard(request: web.Request, handler: auth.Handler) -> web.StreamResponse:
    session = await get_session(request)
    chosen = request.query.get("lang")
    if chosen in LANGUAGES:
        session["lang"] = chosen
    kept = session.get("lang")
    language = kept if kept in LANGUAGES else negotiate(request.headers.get("Accept-Language", ""))
    request[LANGUAGE] = language
    if not isinstance(session.get("csrf"), str):
        session["csrf"] = csrf.new_token()
    request[CSRF_TOKEN] = session["csrf"]
    failure = request.match_info.http_exception
    if failure is not None and failure.status != 404:  # a method this page does not take
        return problem(request, failure.status, _("web.error.bad_request"))
    if failure is not None or access_of(request) is not PUBLIC:
        return problem(request, 404, _("web.error.not_found"))
    if request.method not in csrf.SAFE_METHODS:
        try:
            await csrf.check(
                request, session["csrf"], request.config_dict[SETTINGS].public_base_url
            )
        except csrf.Refused as refused:
            log.warning("employers: %s %s refused (%s)", request.method, request.path, refused)
            return problem(request, 403, _("web.employers.csrf"))
    try:
        return await handler(request)
    except web.HTTPNotFound:
        return problem(request, 404, _("web.error.not_found"))
    except web.HTTPBadRequest:
        return problem(request, 400, _("web.error.bad_request"))


def problem(request: web.Request, status: int, message: Msg) -> web.Response:
    return pages.render(request, "employers/error.html", {"message": message}, status)


def employers_of(request: web.Request) -> Employers:
    app = passerelle(request)
    return Employers.from_settings(request.config_dict[SETTINGS], app.catalogs)


def facts(offer: Any) -> dict[str, Any]:
    """What the offer's summary (employers/_facts.html) shows, for the employer and the console."""
    return {
        "offer": offer,
        "hours": offer_form.hours_text(offer.hours_per_week),
        "contract_label": CONTRACT_LABELS.get(offer.contract, CONTRACT_LABELS["other"]),
        "level": LEVEL_HELP.get(offer.french_level, LEVEL_HELP[""]),
        "route": ROUTE_HELP.get(offer.cv_route, ROUTE_HELP["none"]),
    }


def today(now: dt.datetime) -> dt.date:
    return now.astimezone(PARIS).date()


def form_page(
    request: web.Request,
    checked: offer_form.Checked | None,
    *,
    offer: Any = None,
    status: int = 200,
    notice: Msg | None = None,
) -> web.Response:
    """The offer form, new (`offer` None) or an existing offer's, with its problems if any."""
    settings = request.config_dict[SETTINGS]
    day = today(passerelle(request).engine.clock.now())
    values = checked.values if checked is not None else offer_form.typed({})
    context = {
        "offer": offer,
        "values": values,
        "problems": checked.problems if checked is not None else {},
        "trades": [(t.ogr, t.french(None)) for t in (checked.trades if checked else [])],
        "places": [
            (offer_form.place_value(p), gazetteer(settings.content_dir).describe(p))
            for p in (checked.places if checked else [])
        ],
        "contracts": [(code, CONTRACT_LABELS[code]) for code in CONTRACTS],
        "levels": [(code, LEVEL_HELP[code]) for code in ("", *LEVELS)],
        "routes": list(ROUTE_HELP.items()),
        "min_day": day.isoformat(),
        "max_day": (day + dt.timedelta(days=settings.employer_max_days)).isoformat(),
        "max_days": settings.employer_max_days,
        "honeypot": HONEYPOT,
        "notice": notice,
    }
    return pages.render(request, "employers/form.html", context, status)


@routes.get("/", allow=PUBLIC)
async def start(request: web.Request) -> web.StreamResponse:
    if not request.config_dict[SETTINGS].mail_enabled:
        return problem(request, 503, NOT_OPEN)
    return form_page(request, None)


@routes.post("/", allow=PUBLIC)
async def submit(request: web.Request) -> web.StreamResponse:
    settings = request.config_dict[SETTINGS]
    if not settings.mail_enabled:
        return problem(request, 503, NOT_OPEN)
    app = passerelle(request)
    now = app.engine.clock.now()
    posted = await request.post()
    address = auth.client_address(request)
    if posted.get(HONEYPOT):
        # A robot: answered as if all went well, so it learns nothing; its address is counted.
        async with app.database.write() as conn:
            keys = limits.submission_keys(settings, address, "-")
            await limits.count(
                conn, {k: v for k, v in keys.items() if "address" in k}, settings, now
            )
        log.info("employers: a submission filled the hidden field; nothing kept")
        raise web.HTTPSeeOther(f"{PREFIX}/envoye")
    checked = offer_form.check(
        posted, gazetteer(settings.content_dir), today(now), settings.employer_max_days
    )
    if checked.data is None:
        return form_page(request, checked, status=400)
    keys = limits.submission_keys(settings, address, checked.data.siret)
    offer_id = None
    async with app.database.write() as conn:
        blocked = await limits.reached(conn, keys, settings, now)
        if not blocked:
            await limits.count(conn, keys, settings, now)
            language = pages.language_of(request)
            offer_id = await employers_of(request).submit(conn, checked.data, language, now)
    if blocked:
        hours = settings.employer_submission_window_hours
        return problem(request, 429, _("web.employers.too_many", hours=hours))
    if offer_id is None:
        checked.problems["siret"] = _(
            "web.employers.problem.ceiling", count=settings.employer_max_open_offers
        )
        return form_page(request, checked, status=400)
    log.info("employers: offer %d submitted, waiting for its e-mail to be confirmed", offer_id)
    raise web.HTTPSeeOther(f"{PREFIX}/envoye")


@routes.get("/envoye", allow=PUBLIC)
async def sent(request: web.Request) -> web.StreamResponse:
    hours = request.config_dict[SETTINGS].employer_confirm_hours
    return pages.render(request, "employers/sent.html", {"hours": hours})


@routes.get("/metiers", allow=PUBLIC)
async def trade_suggestions(request: web.Request) -> web.StreamResponse:
    """Titles from the ROME while the trade is typed (both genders), for the page's script."""
    typed = request.query.get("q", "")[:100]
    found = trades.complete(typed, limit=8) if len(typed.strip()) >= 2 else []
    items = [(t.french(None), t.ogr, t.french(None)) for t in found]
    return pages.render(request, "employers/suggest.html", {"items": items, "field": "title"})


@routes.get("/communes", allow=PUBLIC)
async def place_suggestions(request: web.Request) -> web.StreamResponse:
    typed = request.query.get("q", "")[:100]
    places = gazetteer(request.config_dict[SETTINGS].content_dir)
    found = places.find(typed, limit=6) if len(typed.strip()) >= 2 else []
    items = [(offer_form.place_value(p), "", places.describe(p)) for p in found]
    return pages.render(request, "employers/suggest.html", {"items": items, "field": "place"})
