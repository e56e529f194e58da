"""The inbox, for volunteers: requests to talk, urgent first, with their age; one conversation with
each message's original beside its translation; take, reply (a canned reply too), end, hand over.

A volunteer sees the waiting requests and their own — never another volunteer's, even by typing its
number in the address (403); an admin sees all. People are shown by request number, language and
channel only: never a phone number, a name on the platform or an account id. Opening a conversation
is logged. The pages refresh themselves through bot/web/live.py; the actions are in
bot/web/handover_actions.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from aiohttp import web
from sqlalchemy import func, or_, select

from bot.i18n.catalogs import Catalogs
from bot.i18n.msg import Msg, _, from_stored
from bot.store import tables
from bot.web import canned, handover_actions, labels, pages
from bot.web import staff as accounts
from bot.web.auth import PREFIX
from bot.web.handover_actions import NotYours, may_see
from bot.web.keys import member_of, passerelle
from bot.web.live import nudge
from bot.web.routing import VOLUNTEERS, Routes
from bot.web.staff import Member

routes = Routes()
LISTED = 100  # the most pressing first; the page says how many more wait
MAX_REPLY = 3000


def age(now: dt.datetime, since: dt.datetime) -> Msg:
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 60:
        return _("web.inbox.age_minutes", count=minutes)
    if minutes < 48 * 60:
        return _("web.inbox.age_hours", count=minutes // 60)
    return _("web.inbox.age_days", count=minutes // (24 * 60))


async def requests_for(conn: Any, account: Member, now: dt.datetime) -> list[dict[str, Any]]:
    handovers, users, messages, staff = (
        tables.handovers,
        tables.users,
        tables.handover_messages,
        tables.staff,
    )
    # Per request, through the (handover_id, id) index: only the listed requests are counted.
    said = messages.c.handover_id == handovers.c.id
    count = select(func.count()).where(said).scalar_subquery()
    last_at = select(func.max(messages.c.created_at)).where(said).scalar_subquery()
    query = (
        select(
            handovers.c.id,
            handovers.c.status,
            handovers.c.urgent,
            handovers.c.created_at,
            handovers.c.volunteer_id,
            users.c.language,
            users.c.channel,
            count.label("messages"),
            last_at.label("last_at"),
            staff.c.email.label("holder"),
        )
        .join(users, users.c.id == handovers.c.user_id)
        .outerjoin(staff, staff.c.user_id == handovers.c.volunteer_id)
        .where(handovers.c.status.in_(("waiting", "taken")))
        .order_by(handovers.c.urgent.desc(), handovers.c.created_at, handovers.c.id)
        .limit(LISTED)
    )
    if account.role != accounts.ADMIN:
        mine = handovers.c.volunteer_id == (account.user_id or 0)
        query = query.where(or_(handovers.c.status == "waiting", mine))
    rows = (await conn.execute(query)).all()
    return [
        {
            "id": row.id,
            "status": row.status,
            "status_label": labels.REQUEST_STATUS[row.status],
            "urgent": row.urgent,
            "age": age(now, row.created_at),
            "language": row.language or "fr",
            "channel": labels.CHANNELS.get(row.channel, _("web.unknown")),
            "messages": row.messages or 0,
            "last_at": row.last_at,
            "mine": row.volunteer_id is not None and row.volunteer_id == account.user_id,
            "holder": row.holder,
        }
        for row in rows
    ]


@routes.get("/inbox", allow=VOLUNTEERS)
async def inbox(request: web.Request) -> web.StreamResponse:
    account = member_of(request)
    app = passerelle(request)
    async with app.database.read() as conn:
        rows = await requests_for(conn, account, app.engine.clock.now())
        total = len(rows)
        if total >= LISTED:  # say how many are not shown (the most pressing come first)
            total = await _open_count(conn, account)
    context = {"requests": rows, "total": total, "notice": request.query.get("notice")}
    fragment = request.query.get("fragment") == "list"
    return pages.render(request, "inbox_list.html" if fragment else "inbox.html", context)


async def _open_count(conn: Any, account: Member) -> int:
    handovers = tables.handovers
    query = select(func.count()).where(handovers.c.status.in_(("waiting", "taken")))
    if account.role != accounts.ADMIN:
        mine = handovers.c.volunteer_id == (account.user_id or 0)
        query = query.where(or_(handovers.c.status == "waiting", mine))
    return int(await conn.scalar(query) or 0)


async def _request(request: web.Request) -> tuple[Member, Any]:
    """The request in the address, if this staff member may see it (403 otherwise)."""
    account = member_of(request)
    handovers, users = tables.handovers, tables.users
    async with passerelle(request).database.read() as conn:
        row = (
            await conn.execute(
                select(handovers, users.c.language, users.c.channel)
                .join(users, users.c.id == handovers.c.user_id)
                .where(handovers.c.id == int(request.match_info["id"]))
            )
        ).first()
    if row is None:
        raise web.HTTPNotFound()
    if not may_see(account, account.user_id, row):
        raise web.HTTPForbidden()
    return account, row


@routes.get("/inbox/{id:\\d+}", allow=VOLUNTEERS)
async def conversation(request: web.Request) -> web.StreamResponse:
    account, row = await _request(request)
    app = passerelle(request)
    messages = tables.handover_messages
    async with app.database.read() as conn:
        said = (
            await conn.execute(
                select(messages).where(messages.c.handover_id == row.id).order_by(messages.c.id)
            )
        ).all()
        replies = (
            await canned.all_replies(conn) if handover_actions.holds(account.user_id, row) else []
        )
        others = await handover_actions.colleagues(conn, account)
    context = {
        "request": {
            "id": row.id,
            "status": row.status,
            "status_label": labels.REQUEST_STATUS[row.status],
            "urgent": row.urgent,
            "age": age(app.engine.clock.now(), row.created_at),
            "language": row.language or "fr",
            "channel": labels.CHANNELS.get(row.channel, _("web.unknown")),
        },
        "messages": [_message(m, app.catalogs, pages.language_of(request)) for m in said],
        "mine": handover_actions.holds(account.user_id, row),
        "canned": replies,
        "colleagues": others,
        "problem": request.query.get("problem"),
    }
    if request.query.get("fragment") == "messages":
        return pages.render(request, "conversation_messages.html", context)
    await handover_actions.opened(app, account, row.id)
    return pages.render(request, "conversation.html", context)


def _message(row: Any, catalogs: Catalogs, lang: str) -> dict[str, Any]:
    is_rtl = catalogs.is_rtl
    translated = row.translated_language != row.language
    missing = translated and row.translated == row.text
    return {
        "id": row.id,
        "author": row.author,
        "at": row.created_at,
        # what the bot sent it for, in the reader's language (a CV answer, a search)
        "context": catalogs.message(lang, from_stored(row.context)) if row.context else None,
        "text": row.text,
        "language": row.language,
        "rtl": is_rtl(row.language),
        "translation": row.translated if translated and not missing else None,
        "translation_language": row.translated_language,
        "translation_rtl": is_rtl(row.translated_language),
        "missing": missing,
    }


def _back(request_id: int, problem: str | None = None) -> web.HTTPSeeOther:
    suffix = f"?problem={problem}" if problem else ""
    return web.HTTPSeeOther(f"{PREFIX}/inbox/{request_id}{suffix}")


@routes.post("/inbox/{id:\\d+}/take", allow=VOLUNTEERS)
async def take(request: web.Request) -> web.StreamResponse:
    account, row = await _request(request)
    won = await handover_actions.take(passerelle(request), account, row.id)
    nudge(request)
    raise _back(row.id, None if won else "taken")


@routes.post("/inbox/{id:\\d+}/reply", allow=VOLUNTEERS)
async def reply(request: web.Request) -> web.StreamResponse:
    account, row = await _request(request)
    app = passerelle(request)
    form = await request.post()
    text = str(form.get("text", "")).strip()
    language = str(form.get("language", account.language))
    chosen = str(form.get("canned", ""))
    if not text and chosen.isdigit():  # without JavaScript: the canned reply itself, in French
        async with app.database.read() as conn:
            text = str(
                await conn.scalar(
                    select(tables.canned_replies.c.text).where(
                        tables.canned_replies.c.id == int(chosen)
                    )
                )
                or ""
            )
        language = "fr"
    if not text or len(text) > MAX_REPLY or not app.catalogs.supports(language):
        raise _back(row.id, "empty")
    try:
        await handover_actions.reply(app, account, row.id, text, language)
    except NotYours:
        raise _back(row.id, "not_yours") from None
    nudge(request)
    raise _back(row.id)


@routes.post("/inbox/{id:\\d+}/end", allow=VOLUNTEERS)
async def end(request: web.Request) -> web.StreamResponse:
    account, row = await _request(request)
    try:
        await handover_actions.end(passerelle(request), account, row.id)
    except NotYours:
        raise _back(row.id, "not_yours") from None
    nudge(request)
    raise web.HTTPSeeOther(f"{PREFIX}/inbox?notice=ended")


@routes.post("/inbox/{id:\\d+}/hand", allow=VOLUNTEERS)
async def hand(request: web.Request) -> web.StreamResponse:
    account, row = await _request(request)
    form = await request.post()
    colleague = str(form.get("to", ""))
    if not colleague.isdigit():
        raise _back(row.id, "colleague")
    try:
        done = await handover_actions.hand_over(
            passerelle(request), account, row.id, int(colleague)
        )
    except NotYours:
        raise _back(row.id, "not_yours") from None
    if not done:
        raise _back(row.id, "colleague")
    nudge(request)
    raise web.HTTPSeeOther(f"{PREFIX}/inbox?notice=handed")
