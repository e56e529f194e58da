"""Announcements, for coordinators: compose, choose the audience (the CLI's segments, counted as
they are chosen), read and correct every language's text, send now or at a time, follow the counts
and cancel — through the same queries as `passerelle broadcast` and the chat (bot/broadcast).

A new announcement is a draft: its text is translated once per language of its audience
(`planner.texts_for`, as the chat does) and shown for correction; sending schedules it, and the
scheduler of `serve` or `worker` plans and delivers it. The list shows every past announcement
with its author and audience.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web
from multidict import MultiMapping
from sqlalchemy import func, select, update

from bot.broadcast import planner, queries
from bot.broadcast.audience import Audience, AudienceError
from bot.broadcast.desk import Announcements
from bot.directory.categories import CATEGORIES
from bot.i18n.msg import Msg, _
from bot.store import tables
from bot.web import audit, charts, labels, pages
from bot.web.auth import PREFIX
from bot.web.keys import member_of, passerelle
from bot.web.routing import COORDINATORS, Routes

routes = Routes()
PARIS = ZoneInfo("Europe/Paris")
MAX_TEXT = 3000
LISTED = 50
CHANNELS = ("telegram", "whatsapp", "sms")
FINAL = ("done", "cancelled")


def audience_from(form: MultiMapping[Any], languages: list[str]) -> Audience:
    """The form's choices as the CLI's segments (AudienceError when one is wrong)."""

    def words(name: str) -> list[str]:
        return [
            w.strip() for w in str(form.get(name, "")).replace(";", ",").split(",") if w.strip()
        ]

    return Audience.from_json(
        {
            "languages": form.getall("languages", []),
            "channels": form.getall("channels", []),
            "interests": form.getall("interests", []),
            "departments": words("departments"),
            "trades": words("trades"),
        },
        languages,
    )


def described(audience: Audience) -> dict[str, Any]:
    """What a template needs to name an audience in the reader's language."""
    return {
        "everyone": not audience.to_json(),
        "languages": list(audience.languages),
        "channels": [labels.CHANNELS[c] for c in audience.channels if c in labels.CHANNELS],
        "interests": [c.label for c in CATEGORIES if c.id in audience.interests],
        "departments": list(audience.departments),
        "trades": list(audience.trades),
    }


def _choices(request: web.Request) -> dict[str, Any]:
    app = passerelle(request)
    return {
        "all_languages": app.catalogs.codes,
        "all_channels": [(c, labels.CHANNELS[c]) for c in CHANNELS],
        "all_interests": [(c.id, c.label) for c in CATEGORIES],
    }


@routes.get("/announcements", allow=COORDINATORS)
async def listing(request: web.Request) -> web.StreamResponse:
    table = tables.broadcasts
    before = int(request.query["before"]) if request.query.get("before", "").isdigit() else None
    query = select(table).order_by(table.c.id.desc()).limit(LISTED + 1)
    if before is not None:
        query = query.where(table.c.id < before)
    async with passerelle(request).database.read() as conn:
        rows = list((await conn.execute(query)).all())
    shown = rows[:LISTED]
    context = {
        "rows": [
            {
                "id": row.id,
                "created_at": row.created_at,
                "scheduled_at": row.scheduled_at,
                "author": row.author,
                "audience": described(Audience.from_json(row.segment)),
                "status": labels.BROADCAST_STATUS.get(row.status, _("web.unknown")),
                "queued": row.queued,
                "text": row.text,
            }
            for row in shown
        ],
        "older": shown[-1].id if len(rows) > LISTED else None,
    }
    return pages.render(request, "announcements.html", context)


@routes.get("/announcements/new", allow=COORDINATORS)
async def compose(request: web.Request) -> web.StreamResponse:
    app = passerelle(request)
    try:
        audience = audience_from(request.query, app.catalogs.codes)
    except AudienceError:
        audience = Audience()
    return await _compose(request, audience, request.query.get("text", ""), None)


async def _compose(
    request: web.Request, audience: Audience, text: str, problem: Msg | None, status: int = 200
) -> web.Response:
    account = member_of(request)
    context = {
        "text": text,
        "language": request.query.get("language") or account.language,
        "chosen": audience.to_json(),
        "count": await _count(request, audience),
        "problem": problem,
        **_choices(request),
    }
    return pages.render(request, "announcement_new.html", context, status)


async def _count(request: web.Request, audience: Audience) -> dict[str, Any]:
    async with passerelle(request).database.read() as conn:
        sizes = await queries.audience_size(conn, audience)
    return {"total": sum(sizes.values()), "by_language": sorted(sizes.items())}


@routes.get("/announcements/audience", allow=COORDINATORS)
async def audience_count(request: web.Request) -> web.StreamResponse:
    """How many people the chosen audience reaches (a fragment, as choices change)."""
    try:
        audience = audience_from(request.query, passerelle(request).catalogs.codes)
    except AudienceError:
        return pages.render(request, "audience_count.html", {"count": None}, 400)
    return pages.render(request, "audience_count.html", {"count": await _count(request, audience)})


@routes.post("/announcements/new", allow=COORDINATORS)
async def create(request: web.Request) -> web.StreamResponse:
    account = member_of(request)
    app = passerelle(request)
    form = await request.post()
    text = str(form.get("text", "")).strip()
    language = str(form.get("language", "fr"))
    try:
        audience = audience_from(form, app.catalogs.codes)
    except AudienceError:
        return await _compose(request, Audience(), text, _("web.bc.bad_audience"), 400)
    if form.get("action") == "count":  # without JavaScript: count, then come back to the form
        return await _compose(request, audience, text, None)
    if not text or len(text) > MAX_TEXT:
        problem = _("web.bc.text_length", most=MAX_TEXT)
        return await _compose(request, audience, text, problem, 400)
    if not app.catalogs.supports(language):
        raise web.HTTPBadRequest()
    now = app.engine.clock.now()
    async with app.database.write() as conn:
        new_id = await Announcements(conn).draft(
            author=f"console:{account.email}",
            author_user_id=account.user_id,
            text=text,
            language=language,
            audience=audience,
            now=now,
        )
        await audit.record(conn, account.id, "announced", now, target=f"broadcast:{new_id}")
    async with app.database.read() as conn:
        row = await queries.get(conn, new_id)
    assert row is not None
    # One translation per language of the audience, made now so that they can be read first.
    await planner.texts_for(app.database, app.translator, row, now)
    raise web.HTTPSeeOther(f"{PREFIX}/announcements/{new_id}")


async def _row(request: web.Request) -> Any:
    async with passerelle(request).database.read() as conn:
        row = await queries.get(conn, int(request.match_info["id"]))
    if row is None:
        raise web.HTTPNotFound()
    return row


@routes.get("/announcements/{id:\\d+}", allow=COORDINATORS)
async def detail(request: web.Request) -> web.StreamResponse:
    row = await _row(request)
    app = passerelle(request)
    context = {
        "row": row,
        "audience": described(Audience.from_json(row.segment)),
        "status": labels.BROADCAST_STATUS.get(row.status, _("web.unknown")),
        "texts": [
            {
                "language": code,
                "text": row.translations[code]["text"],
                "origin": labels.ORIGINS.get(row.translations[code]["origin"], _("web.unknown")),
                "rtl": app.catalogs.is_rtl(code),
            }
            for code in sorted(row.translations)
        ],
        "editable": row.status == "draft",
        "open": row.status in queries.OPEN,
        "progress": await progress(request, row.id),
        "now": app.engine.clock.now().astimezone(PARIS).strftime("%Y-%m-%dT%H:%M"),
    }
    return pages.render(request, "announcement.html", context)


async def progress(request: web.Request, broadcast_id: int) -> dict[str, Any]:
    outbox = tables.outbox
    async with passerelle(request).database.read() as conn:
        found = await queries.progress(conn, broadcast_id)
        outside = await conn.scalar(
            select(func.count()).where(
                outbox.c.broadcast_id == broadcast_id,
                outbox.c.status == "skipped",
                outbox.c.error == planner.OUTSIDE_WINDOW,
            )
        )
    if found is None:
        raise web.HTTPNotFound()
    counts = {
        "pending": found.waiting,
        "sent": found.counts.get("sent", 0),
        "delivered": found.counts.get("delivered", 0),
        "read": found.counts.get("read", 0),
        "failed": found.counts.get("failed", 0),
        "skipped": found.counts.get("skipped", 0),
    }
    return {
        "status": labels.BROADCAST_STATUS.get(found.status, _("web.unknown")),
        "final": found.status in FINAL,
        "queued": found.recipients,
        "counts": [(labels.DELIVERY[k], v) for k, v in counts.items()],
        "outside_window": int(outside or 0),
        "chart": charts.stacked_bar(list(counts.values())),
    }


@routes.get("/announcements/{id:\\d+}/progress", allow=COORDINATORS)
async def progress_fragment(request: web.Request) -> web.StreamResponse:
    found = await progress(request, int(request.match_info["id"]))
    return pages.render(request, "announcement_progress.html", {"progress": found})


@routes.post("/announcements/{id:\\d+}/correct", allow=COORDINATORS)
async def correct(request: web.Request) -> web.StreamResponse:
    account = member_of(request)
    app = passerelle(request)
    row = await _row(request)
    form = await request.post()
    language, text = str(form.get("language", "")), str(form.get("text", "")).strip()
    if language not in row.translations or not text or len(text) > MAX_TEXT:
        raise web.HTTPBadRequest()
    now = app.engine.clock.now()
    async with app.database.write() as conn:
        if not await queries.correct(conn, row.id, language, text, now):
            raise web.HTTPBadRequest()
        await audit.record(
            conn, account.id, "corrected", now, target=f"broadcast:{row.id}:{language}"
        )
    raise web.HTTPSeeOther(f"{PREFIX}/announcements/{row.id}")


@routes.post("/announcements/{id:\\d+}/send", allow=COORDINATORS)
async def send(request: web.Request) -> web.StreamResponse:
    """Now, or at a time (written in French time, as the CLI's --at)."""
    account = member_of(request)
    app = passerelle(request)
    row = await _row(request)
    form = await request.post()
    now = app.engine.clock.now()
    at = now
    if form.get("when") == "later":
        try:
            at = dt.datetime.fromisoformat(str(form.get("at", ""))).replace(tzinfo=PARIS)
        except ValueError:
            raise web.HTTPBadRequest() from None
        if at < now - dt.timedelta(minutes=1):
            raise web.HTTPBadRequest()
    table = tables.broadcasts
    async with app.database.write() as conn:
        changed = await conn.execute(
            update(table)
            .where(table.c.id == row.id, table.c.status == "draft")
            .values(status="scheduled", scheduled_at=at.astimezone(dt.UTC), updated_at=now)
        )
        if not changed.rowcount:
            raise web.HTTPBadRequest()
        await audit.record(conn, account.id, "scheduled", now, target=f"broadcast:{row.id}")
    raise web.HTTPSeeOther(f"{PREFIX}/announcements/{row.id}")


@routes.post("/announcements/{id:\\d+}/cancel", allow=COORDINATORS)
async def cancel(request: web.Request) -> web.StreamResponse:
    account = member_of(request)
    app = passerelle(request)
    row = await _row(request)
    now = app.engine.clock.now()
    async with app.database.write() as conn:
        if not await queries.cancel(conn, row.id, f"console:{account.email}", now):
            raise web.HTTPBadRequest()
        await audit.record(conn, account.id, "cancelled", now, target=f"broadcast:{row.id}")
    raise web.HTTPSeeOther(f"{PREFIX}/announcements/{row.id}")
