"""Figures and the access log: charts and tables from the anonymous counters, requests and their
median time until taken, announcements' reach, what people look for (small counts hidden) — and
nobody's data on the page; the access log read by admins, filtered, paged, and pruned by the
scheduler after AUDIT_RETENTION_DAYS."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from bot.clock import FrozenClock
from bot.config import Settings, SettingsError, load_settings
from bot.store import tables
from bot.web import audit, charts
from tests.support import Person
from tests.test_broadcast import add_person
from tests.web_support import console, logged_in, shown


async def test_figures_show_counts_and_never_a_person(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as session:
        app = session.app
        await logged_in(session, "coordinator")
        for name in ("+33600000001", "+33600000002"):
            person = Person(app, name, channel="whatsapp")
            await person.send("bonjour")
            await person.send("1")
        ids = [
            await add_person(app, f"p{n}", interests=[("category", "food"), ("department", "69")])
            for n in range(3)
        ]
        await add_person(app, "rare", interests=[("department", "2A")])
        now = clock.now()
        handovers = tables.handovers
        async with app.database.write() as conn:
            for waited, urgent in ((5, False), (12, True), (40, False)):
                await conn.execute(
                    handovers.insert().values(
                        user_id=ids[0],
                        status="ended",
                        urgent=urgent,
                        created_at=now - dt.timedelta(hours=2),
                        taken_at=now - dt.timedelta(hours=2) + dt.timedelta(minutes=waited),
                    )
                )
            await conn.execute(
                handovers.insert().values(
                    user_id=ids[1], status="waiting", urgent=False, created_at=now
                )
            )
        page = await session.text("/console/figures?days=7")
        assert shown(app, "web.figures.median", minutes=12) in page
        assert shown(app, "web.figures.requests_taken", taken=3, urgent=1, waiting=1) in page
        assert "<svg" in page and page.count('class="chart"') >= 3
        assert app.catalogs.text("fr", "help.cat.food") in page
        assert '>69</bdi></td><td class="number">3<' in page
        assert ">2A<" not in page  # one person: not shown
        for secret in ("+33600000001", "p0", "rare"):
            assert secret not in page
        whatsapp = app.catalogs.text("fr", "web.channel.whatsapp")
        assert f'<td>{whatsapp}</td><td class="number">4</td>' in page  # 2 people × 2 messages
        assert (await session.client.get("/console/figures?days=abc")).status == 200


async def test_the_access_log_is_read_filtered_and_paged(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as session:
        admin = await logged_in(session, "admin")
        async with session.app.database.write() as conn:
            for n in range(120):
                await audit.record(conn, admin.id, "exported", clock.now(), target=f"services:{n}")
        page = await session.text("/console/audit")
        assert admin.email in page and "services:119<" in page and "services:5<" not in page
        assert 'href="/console/audit?before=' in page
        older = page.split('href="/console/audit?before=')[1].split('"')[0]
        rest = await session.text(f"/console/audit?before={older}")
        assert "services:5<" in rest and shown(session.app, "web.audit.action.login") in rest
        logins = await session.text("/console/audit?action=login")
        assert "services:" not in logins and admin.email in logins
        mine = await session.text(f"/console/audit?staff={admin.id}&action=exported")
        assert "services:119" in mine


async def test_the_scheduler_prunes_the_log_after_its_retention(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock, audit_retention_days=180) as session:
        admin = await logged_in(session, "admin")
        log = tables.access_log
        async with session.app.database.write() as conn:
            await audit.record(conn, admin.id, "exported", clock.now() - dt.timedelta(days=181))
            await audit.record(conn, admin.id, "exported", clock.now() - dt.timedelta(days=179))
        await session.app.scheduler().run("console-housekeeping")
        async with session.app.database.read() as conn:
            left = await conn.scalar(select(func.count()).select_from(log))
        assert left == 2  # the login and the entry of 179 days ago
        removed = await audit.prune_audit(session.app.database, clock.now(), 1)
        assert removed == 1  # the entry of 179 days ago; today's login stays
    with pytest.raises(SettingsError, match="AUDIT_RETENTION_DAYS"):
        load_settings(audit_retention_days=7)


def test_charts_are_drawn_to_scale() -> None:
    bar = charts.stacked_bar([3, 1, 0, 4])
    assert sum(r.width for r in bar.rects) == pytest.approx(bar.width)
    assert [r.value for r in bar.rects] == [3, 1, 4]  # nothing drawn for a zero
    days = [f"{n:02d}/11" for n in range(1, 31)]
    columns = charts.columns(days, [[n for n in range(30)], [0] * 30])
    assert columns.top == 50 and max(r.height for r in columns.rects) < columns.height
    named = [label for _x, label in columns.ticks]
    assert named[0] == "01/11" and named[-1] == "30/11" and "29/11" not in named
    assert charts.columns([], []).rects == []
