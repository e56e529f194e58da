"""Canned replies, written once in French by coordinators; volunteers pick one in a conversation
and it reaches the person translated into their language (bot/web/inbox.py)."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from multidict import MultiDictProxy
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.i18n.msg import _
from bot.store import tables
from bot.web import audit, pages
from bot.web.auth import PREFIX
from bot.web.keys import member_of, passerelle
from bot.web.routing import COORDINATORS, Routes

routes = Routes()
MAX_TITLE = 100
MAX_TEXT = 2000


async def all_replies(conn: AsyncConnection) -> list[dict[str, object]]:
    table = tables.canned_replies
    rows = await conn.execute(
        select(table.c.id, table.c.title, table.c.text).order_by(table.c.title)
    )
    return [{"id": r.id, "title": r.title, "text": r.text} for r in rows]


@routes.get("/canned", allow=COORDINATORS)
async def page(request: web.Request) -> web.StreamResponse:
    return await _render(request)


async def _render(request: web.Request, problem: object = None, status: int = 200) -> web.Response:
    async with passerelle(request).database.read() as conn:
        replies = await all_replies(conn)
    context = {"replies": replies, "problem": problem, "saved": request.query.get("saved") == "1"}
    return pages.render(request, "canned.html", context, status)


def _fields(form: MultiDictProxy[Any]) -> tuple[str, str] | None:
    title = str(form.get("title", "")).strip()
    text = str(form.get("text", "")).strip()
    if not title or not text or len(title) > MAX_TITLE or len(text) > MAX_TEXT:
        return None
    return title, text


@routes.post("/canned", allow=COORDINATORS)
async def add(request: web.Request) -> web.StreamResponse:
    account = member_of(request)
    app = passerelle(request)
    fields = _fields(await request.post())
    if fields is None:
        return await _render(request, _("web.canned.invalid", most=MAX_TEXT), 400)
    now = app.engine.clock.now()
    table = tables.canned_replies
    async with app.database.write() as conn:
        new_id = await conn.scalar(
            table.insert()
            .values(title=fields[0], text=fields[1], staff_id=account.id, updated_at=now)
            .returning(table.c.id)
        )
        await audit.record(conn, account.id, "canned", now, target=f"canned:{new_id}:add")
    raise web.HTTPSeeOther(f"{PREFIX}/canned?saved=1")


@routes.post("/canned/{id:\\d+}", allow=COORDINATORS)
async def change(request: web.Request) -> web.StreamResponse:
    account = member_of(request)
    app = passerelle(request)
    form = await request.post()
    reply_id = int(request.match_info["id"])
    table = tables.canned_replies
    now = app.engine.clock.now()
    async with app.database.write() as conn:
        if form.get("action") == "delete":
            done = await conn.execute(delete(table).where(table.c.id == reply_id))
            action = "delete"
        else:
            fields = _fields(form)
            if fields is None:
                return await _render(request, _("web.canned.invalid", most=MAX_TEXT), 400)
            done = await conn.execute(
                update(table)
                .where(table.c.id == reply_id)
                .values(title=fields[0], text=fields[1], staff_id=account.id, updated_at=now)
            )
            action = "edit"
        if not done.rowcount:
            raise web.HTTPNotFound()
        await audit.record(conn, account.id, "canned", now, target=f"canned:{reply_id}:{action}")
    raise web.HTTPSeeOther(f"{PREFIX}/canned?saved=1")
