"""Employers' offers, for coordinators (bot/employers): what waits to be checked, the company behind
each offer (its SIRET, a note of the call), publish or refuse with a reason mailed to the employer,
withdraw a published offer, and the CVs a coordinator passes on for employers who asked for that.

The page reminds what French law asks of a job offer (dated, in French, naming the employer, no
discriminatory criterion: Code du travail L.1132-1, origin and nationality included) and shows the
passages that may break it (bot/employers/wording.py). Every decision is in the access log.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy import select

from bot.employers import referrals as cv_referrals
from bot.employers import store, wording
from bot.employers.cv_mail import french_cv
from bot.employers.mails import STATUSES
from bot.employers.offers import Employers, Refused
from bot.employers.store import Offer
from bot.i18n.msg import _
from bot.store import tables
from bot.web import audit, pages
from bot.web.auth import PREFIX
from bot.web.employers_public import facts
from bot.web.keys import SETTINGS, member_of, passerelle
from bot.web.routing import COORDINATORS, Routes

routes = Routes()
LISTED = 50
REASON_MAX = 2000
DONE = {
    "company": _("web.moderation.done.company"),
    "published": _("web.moderation.done.published"),
    "refuse": _("web.moderation.done.refuse"),
    "close": _("web.moderation.done.close"),
    "forwarded": _("web.moderation.done.forwarded"),
    "kept": _("web.moderation.done.kept"),
}


def _employers(request: web.Request) -> Employers:
    return Employers.from_settings(request.config_dict[SETTINGS], passerelle(request).catalogs)


@routes.get("/employers", allow=COORDINATORS)
async def listing(request: web.Request) -> web.StreamResponse:
    offers, referrals = tables.employer_offers, tables.employer_referrals
    query = store.offers_query()
    async with passerelle(request).database.read() as conn:
        waiting = await conn.execute(
            query.where(offers.c.status == "pending").order_by(offers.c.confirmed_at)
        )
        published = await conn.execute(
            query.where(offers.c.status == "published").order_by(offers.c.ends_on).limit(LISTED)
        )
        ended = await conn.execute(
            query.where(offers.c.status.in_(("closed", "refused")))
            .order_by(offers.c.closed_at.desc())
            .limit(LISTED)
        )
        forwards = await conn.execute(
            select(
                referrals.c.id,
                referrals.c.created_at,
                offers.c.id.label("offer_id"),
                offers.c.title,
            )
            .join(offers, offers.c.id == referrals.c.offer_id)
            .where(referrals.c.status == "waiting")
            .order_by(referrals.c.created_at)
        )
        context = {
            "waiting": [store.as_offer(r) for r in waiting],
            "published": [store.as_offer(r) for r in published],
            "ended": [store.as_offer(r) for r in ended],
            "forwards": list(forwards),
            "statuses": STATUSES,
            "request_done": DONE.get(request.query.get("done", "")),
        }
    return pages.render(request, "moderation.html", context)


async def _offer(request: web.Request) -> Offer:
    async with passerelle(request).database.read() as conn:
        offer = await store.load(conn, int(request.match_info["id"]))
    if offer is None:
        raise web.HTTPNotFound()
    return offer


@routes.get("/employers/{id:\\d+}", allow=COORDINATORS)
async def detail(request: web.Request) -> web.StreamResponse:
    return await _detail(request, await _offer(request))


async def _detail(
    request: web.Request, offer: Offer, problem: Any = None, status: int = 200
) -> web.Response:
    offers = tables.employer_offers
    async with passerelle(request).database.read() as conn:
        others = await conn.execute(
            store.offers_query()
            .where(offers.c.company_id == offer.company_id, offers.c.id != offer.id)
            .order_by(offers.c.id.desc())
            .limit(20)
        )
        siblings = [store.as_offer(r) for r in others]
    context = {
        **facts(offer),
        "status": STATUSES.get(offer.status, STATUSES["closed"]),
        "statuses": STATUSES,
        "others": siblings,
        "look_at": wording.to_look_at(offer.title, offer.description, offer.how_to_apply),
        "register": f"https://annuaire-entreprises.data.gouv.fr/etablissement/{offer.siret}",
        "problem": problem,
        "done_notice": DONE.get(request.query.get("done", "")) if problem is None else None,
    }
    return pages.render(request, "moderation_offer.html", context, status)


@routes.post("/employers/{id:\\d+}/company", allow=COORDINATORS)
async def check_company(request: web.Request) -> web.StreamResponse:
    """The coordinator checked the company: its SIRET in the register, a call; their note."""
    account = member_of(request)
    offer = await _offer(request)
    note = str((await request.post()).get("note", "")).strip()
    if not note:
        return await _detail(request, offer, _("web.moderation.note_needed"), 400)
    app = passerelle(request)
    now = app.engine.clock.now()
    async with app.database.write() as conn:
        await _employers(request).check_company(conn, offer.company_id, note, now, account.id)
        await audit.record(conn, account.id, "vetted", now, target=f"company:{offer.company_id}")
    raise web.HTTPSeeOther(f"{PREFIX}/employers/{offer.id}?done=company")


@routes.post("/employers/{id:\\d+}/publish", allow=COORDINATORS)
async def publish(request: web.Request) -> web.StreamResponse:
    account = member_of(request)
    offer = await _offer(request)
    app = passerelle(request)
    now = app.engine.clock.now()
    try:
        async with app.database.write() as conn:
            await _employers(request).publish(conn, offer, now, account.id)
            await audit.record(conn, account.id, "published", now, target=f"offer:{offer.id}")
    except Refused:
        problem = (
            _("web.moderation.check_first")
            if offer.company_checked_at is None
            else _("web.moderation.moved")
        )
        return await _detail(request, await _offer(request), problem, 409)
    raise web.HTTPSeeOther(f"{PREFIX}/employers/{offer.id}?done=published")


@routes.post("/employers/{id:\\d+}/refuse", allow=COORDINATORS)
async def refuse(request: web.Request) -> web.StreamResponse:
    return await _decide(request, "refuse")


@routes.post("/employers/{id:\\d+}/close", allow=COORDINATORS)
async def withdraw(request: web.Request) -> web.StreamResponse:
    return await _decide(request, "close")


async def _decide(request: web.Request, what: str) -> web.StreamResponse:
    """Refuse a waiting offer, or withdraw a published one: with a reason the employer reads."""
    account = member_of(request)
    offer = await _offer(request)
    reason = str((await request.post()).get("reason", "")).strip()
    if not reason or len(reason) > REASON_MAX:
        return await _detail(request, offer, _("web.moderation.reason_needed"), 400)
    app = passerelle(request)
    now = app.engine.clock.now()
    employers = _employers(request)
    try:
        async with app.database.write() as conn:
            if what == "refuse":
                await employers.refuse(conn, offer, reason, now, account.id)
            else:
                await employers.close(
                    conn, offer, "coordinator", now, reason=reason, staff=account.id
                )
            action = "refused" if what == "refuse" else "withdrew"
            await audit.record(conn, account.id, action, now, target=f"offer:{offer.id}")
    except Refused:
        return await _detail(request, await _offer(request), _("web.moderation.moved"), 409)
    raise web.HTTPSeeOther(f"{PREFIX}/employers/{offer.id}?done={what}")


# --- CVs a coordinator passes on --------------------------------------------------------------
async def _waiting(request: web.Request) -> Any:
    referrals = tables.employer_referrals
    async with passerelle(request).database.read() as conn:
        row = (
            await conn.execute(
                select(referrals).where(referrals.c.id == int(request.match_info["id"]))
            )
        ).first()
    if row is None:
        raise web.HTTPNotFound()
    return row


@routes.get("/employers/cv/{id:\\d+}", allow=COORDINATORS)
async def read_cv(request: web.Request) -> web.StreamResponse:
    """The CV as the employer would receive it, for the coordinator to look at first."""
    account = member_of(request)
    row = await _waiting(request)
    app = passerelle(request)
    settings = request.config_dict[SETTINGS]
    attachment = await french_cv(app.database, app.catalogs, settings.content_dir, row.user_id)
    if row.status != "waiting" or attachment is None:
        raise web.HTTPNotFound()
    async with app.database.write() as conn:
        await audit.record(conn, account.id, "read", app.engine.clock.now(), target=f"cv:{row.id}")
    return web.Response(
        body=attachment.content,
        content_type="application/pdf",
        headers={"Content-Disposition": 'inline; filename="CV.pdf"'},
    )


@routes.post("/employers/cv/{id:\\d+}", allow=COORDINATORS)
async def forward(request: web.Request) -> web.StreamResponse:
    account = member_of(request)
    row = await _waiting(request)
    send = (await request.post()).get("send") == "yes"
    app = passerelle(request)
    now = app.engine.clock.now()
    async with app.database.write() as conn:
        done = await cv_referrals.forward(
            conn, row.id, _employers(request).mailer, now, account.id, send=send
        )
        if done:
            action = "forwarded" if send else "not_forwarded"
            await audit.record(conn, account.id, action, now, target=f"cv:{row.id}")
    raise web.HTTPSeeOther(f"{PREFIX}/employers?done={'forwarded' if send else 'kept'}")
