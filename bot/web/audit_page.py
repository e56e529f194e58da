"""The access log in the console, for admins: who did what, on what, and when — newest first,
filtered by staff member or action. Reading it is not itself logged (it names no person)."""

from __future__ import annotations

from aiohttp import web
from sqlalchemy import select

from bot.store import tables
from bot.web import audit, labels, pages
from bot.web.keys import SETTINGS, passerelle
from bot.web.routing import ADMINS, Routes

routes = Routes()


@routes.get("/audit", allow=ADMINS)
async def page(request: web.Request) -> web.StreamResponse:
    query = request.query
    before = int(query["before"]) if query.get("before", "").isdigit() else None
    staff_id = int(query["staff"]) if query.get("staff", "").isdigit() else None
    action = query.get("action") if query.get("action") in labels.ACTIONS else None
    staff = tables.staff
    async with passerelle(request).database.read() as conn:
        entries, more = await audit.entries(conn, before=before, staff_id=staff_id, action=action)
        oldest = await audit.oldest(conn)
        people = list(
            (await conn.execute(select(staff.c.id, staff.c.email).order_by(staff.c.email))).all()
        )
    context = {
        "entries": [
            {"at": e.at, "who": e.who, "action": labels.action(e.action), "target": e.target}
            for e in entries
        ],
        "more": more,
        "staff": people,
        "chosen_staff": staff_id,
        "chosen_action": action,
        "actions": list(labels.ACTIONS.items()),
        "retention": request.config_dict[SETTINGS].audit_retention_days,
        "oldest": oldest,
    }
    return pages.render(request, "audit.html", context)
