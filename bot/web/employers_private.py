"""An employer's own pages, reached by the signed links mailed to them (bot/employers/links.py):
confirming their address, then their offer's private page — its state, how many people said "I'm
interested", how many CVs the association sent, and the buttons to edit it, change its end date,
say it is still open, or close it. A lost link is mailed again from /employeurs/lien.

A link that is altered, expired or meant for something else opens nothing (410, and the way to
ask for a new one). These pages carry `Referrer-Policy: no-referrer`: their address is the key.
"""

from __future__ import annotations

import datetime as dt
import logging

from aiohttp import web
from sqlalchemy import func, select

from bot.directory.places import gazetteer
from bot.employers import form as offer_form
from bot.employers import limits, links, store
from bot.employers.form import hours_text
from bot.employers.mails import STATUSES
from bot.employers.offers import Refused
from bot.employers.store import Offer
from bot.i18n.msg import _
from bot.store import tables
from bot.web import auth, pages
from bot.web.employers_public import PREFIX, employers_of, facts, form_page, problem, today
from bot.web.keys import SETTINGS, passerelle
from bot.web.routing import PUBLIC, Routes

log = logging.getLogger(__name__)
routes = Routes()
CONFIRM_PATH = "/confirmer/{token}"
OFFER_PATH = "/offre/{token}"
NOTICES = {
    "confirmed": _("web.employers.notice.confirmed"),
    "published": _("web.employers.notice.published"),
    "saved": _("web.employers.notice.saved"),
    "extended": _("web.employers.notice.extended"),
    "alive": _("web.employers.notice.alive"),
    "closed": _("web.employers.notice.closed"),
}
GONE = _("web.employers.link_gone")


async def _offer(request: web.Request, purpose: str) -> Offer | None:
    """The offer the link in this request's path opens, if it is valid."""
    app = passerelle(request)
    employers = employers_of(request)
    claim = employers.links.claim(request.match_info["token"])
    if claim is None:
        return None
    async with app.database.read() as conn:
        offer = await store.load(conn, claim.offer_id)
    now = app.engine.clock.now()
    if offer is None or not employers.links.valid(claim, offer.link_secret, purpose, now):
        return None
    return offer


def _gone(request: web.Request) -> web.Response:
    response = problem(request, 410, GONE)
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _private(response: web.Response) -> web.Response:
    response.headers["Referrer-Policy"] = "no-referrer"  # the address is the key
    return response


def manage_url(request: web.Request, offer: Offer, notice: str = "") -> str:
    employers = employers_of(request)
    url, _until = employers.mailer.manage_link(offer, passerelle(request).engine.clock.now())
    path = url.removeprefix(employers.links.base_url)
    return f"{path}?done={notice}" if notice else path


# --- confirming the address -----------------------------------------------------------------
@routes.get(CONFIRM_PATH, allow=PUBLIC)
async def confirm_page(request: web.Request) -> web.StreamResponse:
    offer = await _offer(request, links.CONFIRM)
    if offer is None:
        return _gone(request)
    if offer.status != "unconfirmed":  # confirmed already: the link still proves the address
        raise web.HTTPSeeOther(manage_url(request, offer))
    return _private(pages.render(request, "employers/confirm.html", {"offer": offer}))


@routes.post(CONFIRM_PATH, allow=PUBLIC)
async def confirm(request: web.Request) -> web.StreamResponse:
    offer = await _offer(request, links.CONFIRM)
    if offer is None:
        return _gone(request)
    app = passerelle(request)
    now = app.engine.clock.now()
    try:
        async with app.database.write() as conn:
            offer = await employers_of(request).confirm(conn, offer, now)
    except Refused:  # confirmed meanwhile (a second click)
        raise web.HTTPSeeOther(manage_url(request, offer)) from None
    log.info("employers: offer %d confirmed by its author (%s)", offer.id, offer.status)
    raise web.HTTPSeeOther(manage_url(request, offer, offer.status))


# --- the offer's private page ---------------------------------------------------------------
@routes.get(OFFER_PATH, allow=PUBLIC)
async def manage(request: web.Request) -> web.StreamResponse:
    offer = await _offer(request, links.MANAGE)
    if offer is None:
        return _gone(request)
    referrals = tables.employer_referrals
    async with passerelle(request).database.read() as conn:
        sent = await conn.scalar(
            select(func.count())
            .select_from(referrals)
            .where(referrals.c.offer_id == offer.id, referrals.c.status == "sent")
        )
    settings = request.config_dict[SETTINGS]
    day = today(passerelle(request).engine.clock.now())
    done = request.query.get("done", "")
    notice = NOTICES.get(done) or (NOTICES["confirmed"] if done == "pending" else None)
    grace = dt.timedelta(days=settings.employer_confirm_grace_days)
    context = {
        **facts(offer),
        "status": STATUSES.get(offer.status, STATUSES["closed"]),
        "sent": int(sent or 0),
        "notice": notice,
        "token": request.match_info["token"],
        "min_day": day.isoformat(),
        "max_day": (day + dt.timedelta(days=settings.employer_max_days)).isoformat(),
        "deadline": offer.reminded_at + grace if offer.reminded_at else None,
        "alive_days": settings.employer_confirm_after_days,
    }
    return _private(pages.render(request, "employers/manage.html", context))


@routes.get(OFFER_PATH + "/modifier", allow=PUBLIC)
async def edit_page(request: web.Request) -> web.StreamResponse:
    offer = await _offer(request, links.MANAGE)
    if offer is None or not offer.open:
        return _gone(request)
    checked = offer_form.Checked(_values(offer))
    return _private(form_page(request, checked, offer=offer))


@routes.post(OFFER_PATH + "/modifier", allow=PUBLIC)
async def edit(request: web.Request) -> web.StreamResponse:
    offer = await _offer(request, links.MANAGE)
    if offer is None or not offer.open:
        return _gone(request)
    settings = request.config_dict[SETTINGS]
    app = passerelle(request)
    now = app.engine.clock.now()
    posted = {**_values(offer), **{k: str(v) for k, v in (await request.post()).items()}}
    for kept in ("siret", "company", "contact_email", "law"):
        posted[kept] = _values(offer)[kept]
    checked = offer_form.check(
        posted,
        gazetteer(settings.content_dir),
        today(now),
        settings.employer_max_days,
        editing=True,
    )
    if checked.data is None:
        return _private(form_page(request, checked, offer=offer, status=400))
    try:
        async with app.database.write() as conn:
            offer = await employers_of(request).edit(conn, offer, checked.data, now)
    except Refused:
        return _gone(request)
    raise web.HTTPSeeOther(manage_url(request, offer, "saved"))


@routes.post(OFFER_PATH + "/fin", allow=PUBLIC)
async def extend(request: web.Request) -> web.StreamResponse:
    offer = await _offer(request, links.MANAGE)
    if offer is None or not offer.open:
        return _gone(request)
    settings = request.config_dict[SETTINGS]
    app = passerelle(request)
    now = app.engine.clock.now()
    form = await request.post()
    try:
        ends_on = dt.date.fromisoformat(str(form.get("ends_on", "")))
    except ValueError:
        ends_on = None
    first, last = today(now), today(now) + dt.timedelta(days=settings.employer_max_days)
    if ends_on is None or not first <= ends_on <= last:
        message = _("web.employers.problem.end", days=settings.employer_max_days)
        return _private(problem(request, 400, message))
    async with app.database.write() as conn:
        offer = await employers_of(request).extend(conn, offer, ends_on, now)
    raise web.HTTPSeeOther(manage_url(request, offer, "extended"))


@routes.post(OFFER_PATH + "/ouverte", allow=PUBLIC)
async def still_open(request: web.Request) -> web.StreamResponse:
    offer = await _offer(request, links.MANAGE)
    if offer is None or offer.status not in ("pending", "published"):
        return _gone(request)
    app = passerelle(request)
    async with app.database.write() as conn:
        offer = await employers_of(request).still_open(conn, offer, app.engine.clock.now())
    raise web.HTTPSeeOther(manage_url(request, offer, "alive"))


@routes.post(OFFER_PATH + "/fermer", allow=PUBLIC)
async def close(request: web.Request) -> web.StreamResponse:
    offer = await _offer(request, links.MANAGE)
    if offer is None:
        return _gone(request)
    app = passerelle(request)
    if offer.open:
        async with app.database.write() as conn:
            now = app.engine.clock.now()
            offer = await employers_of(request).close(conn, offer, "employer", now)
        log.info("employers: offer %d closed by its employer", offer.id)
    raise web.HTTPSeeOther(manage_url(request, offer, "closed"))


def _values(offer: Offer) -> dict[str, str]:
    """An offer as the form's typed values."""
    return {
        "siret": offer.siret,
        "company": offer.company,
        "contact_name": offer.contact_name,
        "contact_email": offer.contact_email,
        "contact_phone": offer.contact_phone,
        "title": offer.title,
        "ogr": offer.ogr,
        "contract": offer.contract,
        "hours": hours_text(offer.hours_per_week).replace(",", "."),
        "starts_on": offer.starts_on.isoformat(),
        "ends_on": offer.ends_on.isoformat(),
        "place": f"{offer.postcode} {offer.city}",
        "salary": offer.salary,
        "french_level": offer.french_level,
        "description": offer.description,
        "how_to_apply": offer.how_to_apply,
        "cv_route": offer.cv_route,
        "law": "on",
    }


# --- a lost link ----------------------------------------------------------------------------
@routes.get("/lien", allow=PUBLIC)
async def lost_page(request: web.Request) -> web.StreamResponse:
    return pages.render(request, "employers/lost.html", {"done": False})


@routes.post("/lien", allow=PUBLIC)
async def lost(request: web.Request) -> web.StreamResponse:
    """Fresh links to every offer of this address, by mail; the same answer whatever the address,
    so the page tells no one which addresses have offers."""
    settings = request.config_dict[SETTINGS]
    app = passerelle(request)
    now = app.engine.clock.now()
    email = str((await request.post()).get("email", "")).strip().casefold()[:254]
    keys = limits.link_keys(settings, auth.client_address(request), email)
    offers = tables.employer_offers
    async with app.database.write() as conn:
        if await limits.reached(conn, keys, settings, now):
            hours = settings.employer_submission_window_hours
            return problem(request, 429, _("web.employers.too_many", hours=hours))
        await limits.count(conn, keys, settings, now)
        rows = await conn.execute(
            store.offers_query()
            .where(
                offers.c.contact_email == email,
                offers.c.status.in_(("pending", "published", "closed")),
            )
            .order_by(offers.c.id.desc())
            .limit(20)
        )
        found = [store.as_offer(row) for row in rows]
        if found and settings.mail_enabled:
            mailer = employers_of(request).mailer
            await mailer.links_for(conn, email, found, pages.language_of(request), now)
    return pages.render(request, "employers/lost.html", {"done": True})


__all__ = ["PREFIX", "routes"]
