"""Figures, for coordinators: what the service did, as charts and tables — never a person.

- Messages in and out per day, per channel and per language, and new and erased people: the
  anonymous daily `counters` the engine keeps (they outlive erasure).
- Requests to talk per day, how many were taken, and the median time until one was taken: from
  the open and past requests (an erased person's requests leave these figures with them).
- Announcements' reach: how many of each recent announcement's messages were sent, delivered,
  read, failed or skipped.
- What people search for: kinds of help, départements and trades people asked about (kept only
  with their consent), counted per person; a count under MIN_COUNT is not shown, so a rare
  combination cannot point at someone.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections import Counter, defaultdict
from typing import Any

from aiohttp import web
from sqlalchemy import func, select

from bot.app import App
from bot.broadcast import queries
from bot.directory.categories import CATEGORIES
from bot.i18n.msg import _
from bot.store import tables
from bot.web import charts, labels, pages
from bot.web.keys import passerelle
from bot.web.routing import COORDINATORS, Routes

routes = Routes()
# The figures of a period, computed at most this often per process: they are daily counts, and
# 90 days of counters take tens of milliseconds to add up (README, Performance).
FRESH_SECONDS = 30.0
CACHE = web.AppKey("console_figures", dict)
PERIODS = (7, 30, 90)
MIN_COUNT = 3
REACH = 8  # announcements shown


@routes.get("/figures", allow=COORDINATORS)
async def page(request: web.Request) -> web.StreamResponse:
    wanted = request.query.get("days", "")
    days = int(wanted) if wanted in ("7", "30", "90") else 30
    cache: dict[int, tuple[float, dict[str, Any]]] = request.app[CACHE]
    kept = cache.get(days)
    if kept is None or time.monotonic() - kept[0] > FRESH_SECONDS:
        kept = (time.monotonic(), await compute(passerelle(request), days))
        cache[days] = kept
    context = {**kept[1], "days": days, "periods": PERIODS, "min_count": MIN_COUNT}
    return pages.render(request, "figures.html", context)


async def compute(app: App, days: int) -> dict[str, Any]:
    """Everything the page shows for the last `days` days."""
    today = app.engine.clock.now().date()
    start = today - dt.timedelta(days=days - 1)
    dates = [start + dt.timedelta(days=n) for n in range(days)]
    async with app.database.read() as conn:
        counted = await _counters(conn, start)
        requests = await _requests(conn, start, dates)
        reach = await _reach(conn)
        searched = await _searched(conn)
    axis = [d.strftime("%d/%m") for d in dates]
    by_day = counted["by_day"]
    return {
        "totals": counted["totals"],
        "messages": charts.columns(
            axis, [[by_day[d]["inbound"] for d in dates], [by_day[d]["outbound"] for d in dates]]
        ),
        "people": charts.columns(
            axis, [[by_day[d]["new_user"] for d in dates], [by_day[d]["erased"] for d in dates]]
        ),
        "channels": counted["channels"],
        "languages": counted["languages"],
        "requests": requests,
        "reach": reach,
        "searched": searched,
    }


async def _counters(conn: Any, start: dt.date) -> dict[str, Any]:
    """Sums by day, by channel and by language, added up by the database (90 days of counters
    are tens of thousands of rows)."""
    counter = tables.counters
    since = counter.c.day >= start
    total = func.sum(counter.c.value)
    by_day: defaultdict[dt.date, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    for day, metric, value in await conn.execute(
        select(counter.c.day, counter.c.metric, total)
        .where(since)
        .group_by(counter.c.day, counter.c.metric)
    ):
        by_day[day][metric] += int(value)
        totals[metric] += int(value)
    grouped: dict[str, defaultdict[str, Counter[str]]] = {
        "channel": defaultdict(Counter),
        "language": defaultdict(Counter),
    }
    columns = (counter.c.channel, counter.c.language, counter.c.metric)
    for channel, language, metric, value in await conn.execute(
        select(*columns, total).where(since).group_by(*columns)
    ):
        grouped["channel"][channel][metric] += int(value)
        grouped["language"][language][metric] += int(value)
    return {
        "by_day": by_day,
        "totals": totals,
        "channels": [
            (labels.CHANNELS.get(name, _("web.unknown")), c["inbound"], c["outbound"])
            for name, c in sorted(grouped["channel"].items(), key=lambda item: -item[1]["inbound"])
        ],
        "languages": [
            (code, c["inbound"], c["outbound"], c["new_user"])
            for code, c in sorted(grouped["language"].items(), key=lambda item: -item[1]["inbound"])
        ],
    }


async def _requests(conn: Any, start: dt.date, dates: list[dt.date]) -> dict[str, Any]:
    handovers = tables.handovers
    since = dt.datetime.combine(start, dt.time(), dt.UTC)
    rows = (
        await conn.execute(
            select(handovers.c.created_at, handovers.c.taken_at, handovers.c.urgent).where(
                handovers.c.created_at >= since
            )
        )
    ).all()
    waiting = await conn.scalar(select(func.count()).where(handovers.c.status == "waiting"))
    per_day: Counter[dt.date] = Counter(row.created_at.date() for row in rows)
    waits = [(row.taken_at - row.created_at).total_seconds() / 60 for row in rows if row.taken_at]
    axis = [d.strftime("%d/%m") for d in dates]
    return {
        "total": len(rows),
        "urgent": sum(1 for row in rows if row.urgent),
        "taken": len(waits),
        "median": round(statistics.median(waits)) if waits else None,
        "waiting": int(waiting or 0),
        "chart": charts.columns(axis, [[per_day[d] for d in dates]]),
    }


async def _reach(conn: Any) -> list[dict[str, Any]]:
    table = tables.broadcasts
    rows = (
        await conn.execute(
            select(table.c.id, table.c.scheduled_at, table.c.queued)
            .where(table.c.status.in_(("sending", "done", "cancelled")))
            .order_by(table.c.id.desc())
            .limit(REACH)
        )
    ).all()
    found = []
    for row in rows:
        progress = await queries.progress(conn, row.id)
        counts = progress.counts if progress else {}
        values = [counts.get(k, 0) for k in ("sent", "delivered", "read", "failed", "skipped")]
        found.append(
            {
                "id": row.id,
                "at": row.scheduled_at,
                "queued": row.queued,
                "values": values,
                "chart": charts.stacked_bar([progress.waiting if progress else 0, *values]),
            }
        )
    return found


async def _searched(conn: Any) -> dict[str, list[tuple[Any, int]]]:
    interests = tables.interests
    rows = await conn.execute(
        select(interests.c.kind, interests.c.value, func.count())
        .group_by(interests.c.kind, interests.c.value)
        .having(func.count() >= MIN_COUNT)
    )
    names = {c.id: c.label for c in CATEGORIES}
    found: defaultdict[str, list[tuple[Any, int]]] = defaultdict(list)
    for kind, value, count in rows:
        shown = names.get(value, value) if kind == "category" else value
        found[kind].append((shown, int(count)))
    return {kind: sorted(items, key=lambda item: -item[1])[:15] for kind, items in found.items()}
