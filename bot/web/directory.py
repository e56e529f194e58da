"""The directory, for coordinators: services and job offers, searched and edited.

Lists are searched by words of the name (title), organisation (employer), city or postcode, and
paged by id. An edit is checked by the importer (bot/directory/importer.py, through bot/web/forms)
and written as an import writes — so the bot's next answer uses it. Opening hours are checked as
they are typed, with "open now" previewed for the place's time zone; "checked today" stamps a
service's "last checked" date in one click. Files in and out live in bot/web/directory_files.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import opening_hours
from aiohttp import web
from sqlalchemy import Table, func, or_, select, update

from bot.directory import hours, importer
from bot.directory.places import gazetteer
from bot.i18n.msg import Msg, _
from bot.store import tables
from bot.web import audit, forms, pages
from bot.web.auth import PREFIX
from bot.web.keys import SETTINGS, member_of, passerelle
from bot.web.routing import COORDINATORS, Routes

routes = Routes()
PAGE = 50
KINDS = {"services": tables.services, "jobs": tables.jobs}


def _table(kind: str) -> Table:
    if kind not in KINDS:
        raise web.HTTPNotFound()
    return KINDS[kind]


def paris_today(now: dt.datetime) -> dt.date:
    return now.astimezone(hours.PARIS).date()


@routes.get("/directory/{kind:services|jobs}", allow=COORDINATORS)
async def listing(request: web.Request) -> web.StreamResponse:
    kind = request.match_info["kind"]
    table = _table(kind)
    words = request.query.get("q", "").strip()[:100]
    page = max(int(request.query["page"]) if request.query.get("page", "").isdigit() else 1, 1)
    query = select(table)
    if words:
        pattern = f"%{words}%"
        columns = (
            (table.c.title, table.c.employer)
            if kind == "jobs"
            else (table.c.name, table.c.organisation)
        )
        query = query.where(
            or_(*(c.ilike(pattern) for c in (*columns, table.c.city, table.c.postcode)))
        )
    app = passerelle(request)
    async with app.database.read() as conn:
        total = await conn.scalar(select(func.count()).select_from(query.subquery()))
        rows = list(
            (
                await conn.execute(query.order_by(table.c.id).limit(PAGE).offset((page - 1) * PAGE))
            ).all()
        )
    now = app.engine.clock.now()
    context = {
        "kind": kind,
        "rows": [_summary(kind, row, now) for row in rows],
        "q": words,
        "page": page,
        "total": int(total or 0),
        "pages": max(1, -(-int(total or 0) // PAGE)),
    }
    return pages.render(request, "directory.html", context)


def _summary(kind: str, row: Any, now: dt.datetime) -> dict[str, Any]:
    if kind == "jobs":
        return {
            "id": row.id,
            "name": row.title,
            "by": row.employer,
            "city": row.city,
            "checked": row.updated_on,
            "state": None,
        }
    return {
        "id": row.id,
        "name": row.name,
        "by": row.organisation,
        "city": row.city,
        "checked": row.last_verified,
        "state": _state(row.opening_hours, row.postcode, now),
    }


def _state(expression: str, postcode: str, now: dt.datetime) -> Msg | None:
    today = hours.today(expression, postcode, now)
    if today is None or today.open_now is None:
        return None
    return _("web.hours.open_now") if today.open_now else _("web.hours.closed_now")


@routes.get("/directory/{kind:services|jobs}/{item:new|\\d+}", allow=COORDINATORS)
async def item(request: web.Request) -> web.StreamResponse:
    kind, row = await _row(request)
    return _form(
        request, kind, row, forms.values_of(kind, row), [], saved=bool(request.query.get("saved"))
    )


async def _row(request: web.Request) -> tuple[str, Any]:
    kind = request.match_info["kind"]
    table = _table(kind)
    wanted = request.match_info["item"]
    if wanted == "new":
        return kind, None
    async with passerelle(request).database.read() as conn:
        row = (await conn.execute(select(table).where(table.c.id == int(wanted)))).first()
    if row is None:
        raise web.HTTPNotFound()
    return kind, row


def _form(
    request: web.Request,
    kind: str,
    row: Any,
    values: dict[str, str],
    problems: list[Any],
    *,
    saved: bool = False,
    status: int = 200,
) -> web.Response:
    fields = forms.JOB_FIELDS if kind == "jobs" else forms.SERVICE_FIELDS
    labels: dict[str, Msg | str] = {f.name: f.label for f in fields}
    by_field: dict[str, Msg] = {}
    for problem in problems:
        by_field.setdefault(problem.field.split(".")[0], forms.problem_label(problem))
    now = passerelle(request).engine.clock.now()
    context = {
        "kind": kind,
        "row": row,
        "fields": fields,
        "values": values,
        "ticked": set(values.get("categories", "").replace(" ", "").split(",")),
        "category_choices": forms.CATEGORY_CHOICES,
        "problems": [
            {
                "field": labels.get(p.field.split(".")[0], p.field),
                "label": forms.problem_label(p),
                "detail": p.message,
            }
            for p in problems
        ],
        "by_field": by_field,
        "saved": saved,
        "preview": hours_preview(values.get("opening_hours", ""), values.get("postcode", ""), now),
    }
    return pages.render(request, "directory_item.html", context, status)


@routes.post("/directory/{kind:services|jobs}/{item:new|\\d+}", allow=COORDINATORS)
async def save(request: web.Request) -> web.StreamResponse:
    account = member_of(request)
    kind, row = await _row(request)
    app = passerelle(request)
    settings = request.config_dict[SETTINGS]
    values, ticked = forms.posted(kind, await request.post())
    data = forms.record_data(kind, values, ticked, row)
    places = gazetteer(settings.content_dir)
    good, problems = importer.check("jobs" if kind == "jobs" else "services", [(1, data)], places)
    if problems or not good:
        return _form(request, kind, row, values, problems, status=400)
    now = app.engine.clock.now()
    async with app.database.write() as conn:
        row_id = await importer.write_one(
            conn,
            "jobs" if kind == "jobs" else "services",
            good[0].record,
            app.catalogs,
            now,
            row.id if row is not None else None,
        )
        await audit.record(conn, account.id, "edited", now, target=f"{kind[:-1]}:{row_id}")
    raise web.HTTPSeeOther(f"{PREFIX}/directory/{kind}/{row_id}?saved=1")


@routes.post("/directory/services/{item:\\d+}/checked", allow=COORDINATORS)
async def checked_today(request: web.Request) -> web.StreamResponse:
    """ "Checked today": someone confirmed the service's details with the place."""
    account = member_of(request)
    app = passerelle(request)
    now = app.engine.clock.now()
    service_id = int(request.match_info["item"])
    table = tables.services
    async with app.database.write() as conn:
        changed = await conn.execute(
            update(table)
            .where(table.c.id == service_id)
            .values(last_verified=paris_today(now), updated_at=now)
        )
        if not changed.rowcount:
            raise web.HTTPNotFound()
        await audit.record(conn, account.id, "checked", now, target=f"service:{service_id}")
    back = request.query.get("back", "")
    if back == "list":
        raise web.HTTPSeeOther(f"{PREFIX}/directory/services")
    raise web.HTTPSeeOther(f"{PREFIX}/directory/services/{service_id}?saved=1")


@routes.get("/directory/hours", allow=COORDINATORS)
async def hours_check(request: web.Request) -> web.StreamResponse:
    """Typed opening hours: valid or not, and open now or not (a fragment for the form)."""
    now = passerelle(request).engine.clock.now()
    value = request.query.get("value", "")[:500]
    preview = hours_preview(value, request.query.get("postcode", "")[:10], now)
    return pages.render(request, "hours_check.html", {"preview": preview})


def hours_preview(expression: str, postcode: str, now: dt.datetime) -> dict[str, Any]:
    if not expression.strip():
        return {"state": "empty"}
    if not opening_hours.validate(expression):
        return {"state": "invalid"}
    today = hours.today(expression, postcode, now)
    if today is None or today.open_now is None:
        return {"state": "unknown"}
    zone = hours.zone(postcode)
    return {
        "state": "open" if today.open_now else "closed",
        "until": today.closes_at,
        "next": today.opens_at,
        "intervals": today.intervals,
        "zone": zone.key,
    }
