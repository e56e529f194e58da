"""Staff accounts, for admins: add one (its one-time link is shown once), change a role, link a
chat account, send a new link, log someone out everywhere, deactivate or reactivate."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy import select, update

from bot.i18n.msg import Msg, _
from bot.people.roles import parse_account
from bot.store import tables
from bot.web import audit, labels, pages
from bot.web import staff as accounts
from bot.web.auth import PREFIX
from bot.web.keys import SETTINGS, member_of, passerelle
from bot.web.login import setup_link
from bot.web.routing import ADMINS, Routes
from bot.web.staff import ROLES, StaffError

routes = Routes()


async def _listing(request: web.Request) -> list[dict[str, Any]]:
    staff, users = tables.staff, tables.users
    async with passerelle(request).database.read() as conn:
        rows = await conn.execute(
            select(staff, users.c.channel)
            .outerjoin(users, users.c.id == staff.c.user_id)
            .order_by(staff.c.email)
        )
        return [
            {
                "id": row.id,
                "email": row.email,
                "role": row.role,
                "role_label": labels.role(row.role),
                "language": row.language,
                "chat": labels.CHANNELS.get(row.channel) if row.channel else None,
                "active": row.active,
                "password": row.password_hash is not None,
                "last_login_at": row.last_login_at,
            }
            for row in rows
        ]


@routes.get("/accounts", allow=ADMINS)
async def page(request: web.Request) -> web.StreamResponse:
    return await _render(request)


async def _render(
    request: web.Request, link: str | None = None, problem: Msg | None = None, status: int = 200
) -> web.Response:
    context = {
        "accounts": await _listing(request),
        "roles": [(role, labels.role(role)) for role in ROLES],
        "link": link,
        "problem": problem,
        "saved": request.query.get("saved") == "1",
    }
    return pages.render(request, "accounts.html", context, status)


def _base_url(request: web.Request) -> str:
    settings = request.config_dict[SETTINGS]
    return settings.public_base_url or f"{request.scheme}://{request.host}"


@routes.post("/accounts", allow=ADMINS)
async def add(request: web.Request) -> web.StreamResponse:
    admin = member_of(request)
    app = passerelle(request)
    settings = request.config_dict[SETTINGS]
    form = await request.post()
    now = app.engine.clock.now()
    language = str(form.get("language", "fr"))
    if not app.catalogs.supports(language):
        language = "fr"
    try:
        async with app.database.write() as conn:
            new_id, token = await accounts.add(
                conn,
                email=str(form.get("email", "")),
                role=str(form.get("role", "")),
                language=language,
                now=now,
                link_hours=settings.console_setup_link_hours,
            )
            await audit.record(conn, admin.id, "account", now, target=f"staff:{new_id}:add")
    except StaffError:
        return await _render(request, problem=_("web.accounts.invalid"), status=400)
    return await _render(request, link=setup_link(_base_url(request), token))


@routes.post("/accounts/{staff_id:\\d+}", allow=ADMINS)
async def change(request: web.Request) -> web.StreamResponse:
    admin = member_of(request)
    app = passerelle(request)
    settings = request.config_dict[SETTINGS]
    staff_id = int(request.match_info["staff_id"])
    form = await request.post()
    action = str(form.get("action", ""))
    now = app.engine.clock.now()
    table = tables.staff
    link: str | None = None
    async with app.database.write() as conn:
        if await accounts.get(conn, staff_id) is None:
            raise web.HTTPNotFound()
        if action == "role" and str(form.get("role")) in ROLES:
            await conn.execute(
                update(table).where(table.c.id == staff_id).values(role=str(form.get("role")))
            )
        elif action in ("deactivate", "activate"):
            if staff_id == admin.id:
                raise web.HTTPBadRequest()  # an admin cannot lock themselves out
            await conn.execute(
                update(table)
                .where(table.c.id == staff_id)
                .values(active=action == "activate", sessions_epoch=table.c.sessions_epoch + 1)
            )
        elif action == "logout":
            await accounts.end_sessions(conn, staff_id)
        elif action == "link":
            token = await accounts.new_link(conn, staff_id, now, settings.console_setup_link_hours)
            link = setup_link(_base_url(request), token)
        elif action == "chat":
            try:
                channel, external_id = parse_account(str(form.get("account", "")))
            except ValueError:
                return await _render(request, problem=_("web.accounts.bad_chat"), status=400)
            await accounts.link(conn, staff_id, channel, external_id, now)
        else:
            raise web.HTTPBadRequest()
        await audit.record(conn, admin.id, "account", now, target=f"staff:{staff_id}:{action}")
    if link is not None:
        return await _render(request, link=link)
    raise web.HTTPSeeOther(f"{PREFIX}/accounts?saved=1")


__all__ = ["StaffError", "routes"]
