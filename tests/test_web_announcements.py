"""Announcements in the console: the audience counted as it is chosen (the CLI's segments), every
language's text translated once and corrected, sent now or later, followed, cancelled, listed with
author and audience — through the same queries and planner as the chat and the CLI."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import func, select

from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from tests.test_broadcast import Labelled, add_person
from tests.web_support import Console, console, logged_in, shown


async def people(session: Console) -> None:
    app = session.app
    for n in range(3):
        await add_person(app, f"ar{n}", language="ar", interests=[("department", "69")])
    await add_person(
        app, "uk0", language="uk", channel="whatsapp", interests=[("category", "food")]
    )
    await add_person(app, "fr0", language="fr")
    await add_person(app, "gone", language="ar", status="stopped")


def count_on(page: str) -> int:
    found = re.search(r'data-count="(\d+)"', page)
    assert found, page
    return int(found.group(1))


async def broadcast(session: Console, broadcast_id: int) -> dict[str, object]:
    table = tables.broadcasts
    async with session.app.database.read() as conn:
        row = (await conn.execute(select(table).where(table.c.id == broadcast_id))).one()
    return dict(row._mapping)


async def test_the_audience_is_counted_as_it_is_chosen(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as session:
        await logged_in(session, "coordinator")
        await people(session)
        assert count_on(await session.text("/console/announcements/new")) == 5
        assert count_on(await session.text("/console/announcements/audience?languages=ar")) == 3
        both = "/console/announcements/audience?languages=ar&languages=uk&departments=69"
        assert count_on(await session.text(both)) == 3
        food = await session.text("/console/announcements/audience?interests=food")
        assert count_on(food) == 1
        wrong = await session.client.get("/console/announcements/audience?departments=ABC")
        assert wrong.status == 400
        counted = await session.post(  # without JavaScript: a button that counts
            "/console/announcements/new",
            {"text": "Bonjour", "languages": "uk", "action": "count"},
        )
        page = await counted.text()
        assert counted.status == 200 and count_on(page) == 1 and ">Bonjour</textarea>" in page


async def test_compose_review_correct_send_and_follow(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as session:
        account = await logged_in(session, "coordinator")
        session.app.translator.backend = Labelled()
        await people(session)
        text = "Distribution alimentaire samedi à 10 h, place Bellecour."
        made = await session.post(
            "/console/announcements/new",
            {"text": text, "language": "fr", "languages": ["ar", "uk"], "action": "draft"},
        )
        assert made.status == 303
        broadcast_id = int(made.headers["Location"].rsplit("/", 1)[1])
        draft = await broadcast(session, broadcast_id)
        assert draft["status"] == "draft" and draft["author"] == f"console:{account.email}"
        assert draft["translations"]["ar"] == {"text": f"[ar] {text}", "origin": "machine"}
        page = await session.text(f"/console/announcements/{broadcast_id}")
        assert f"[ar] {text}" in page and f"[uk] {text}" in page
        corrected = "Роздача їжі в суботу о 10:00, площа Белькур."
        fixed = await session.post(
            f"/console/announcements/{broadcast_id}/correct", {"language": "uk", "text": corrected}
        )
        assert fixed.status == 303
        assert (await broadcast(session, broadcast_id))["translations"]["uk"] == {
            "text": corrected,
            "origin": "human",
        }
        sent = await session.post(f"/console/announcements/{broadcast_id}/send", {"when": "now"})
        assert sent.status == 303
        assert (await broadcast(session, broadcast_id))["status"] == "scheduled"
        await session.app.scheduler().run("broadcasts")
        outbox = tables.outbox
        async with session.app.database.read() as conn:
            bodies = list(
                await conn.scalars(
                    select(outbox.c.payload).where(outbox.c.broadcast_id == broadcast_id)
                )
            )
        assert len(bodies) == 4
        assert any(corrected in body["text"] for body in bodies)
        progress = await session.text(f"/console/announcements/{broadcast_id}/progress")
        assert session.app.catalogs.text("fr", "web.bc.queued_count", {"count": 4}) in progress
        assert "<svg" in progress and 'data-count="0">4<' in progress  # 4 queued, none sent yet
        listing = await session.text("/console/announcements")
        assert f"console:{account.email}" in listing and "العربية" in listing
        again = await session.post(f"/console/announcements/{broadcast_id}/send", {"when": "now"})
        assert again.status == 400  # sent once only
        log = tables.access_log
        async with session.app.database.read() as conn:
            actions = list(await conn.scalars(select(log.c.action).order_by(log.c.id)))
        assert actions == ["login", "announced", "corrected", "scheduled"]


async def test_send_later_then_cancel(settings: Settings, clock: FrozenClock) -> None:
    async with console(settings, clock) as session:
        await logged_in(session, "coordinator")
        session.app.translator.backend = Labelled()
        await people(session)
        made = await session.post(
            "/console/announcements/new", {"text": "Réunion lundi", "action": "draft"}
        )
        broadcast_id = int(made.headers["Location"].rsplit("/", 1)[1])
        past = await session.post(
            f"/console/announcements/{broadcast_id}/send",
            {"when": "later", "at": "2026-11-01T10:00"},
        )
        assert past.status == 400
        later = await session.post(
            f"/console/announcements/{broadcast_id}/send",
            {"when": "later", "at": "2026-12-01T18:30"},
        )
        assert later.status == 303
        row = await broadcast(session, broadcast_id)
        assert row["status"] == "scheduled"
        assert row["scheduled_at"] == dt.datetime(2026, 12, 1, 17, 30, tzinfo=dt.UTC)
        await session.app.scheduler().run("broadcasts")  # not due yet
        cancelled = await session.post(f"/console/announcements/{broadcast_id}/cancel")
        assert cancelled.status == 303
        row = await broadcast(session, broadcast_id)
        assert row["status"] == "cancelled" and str(row["cancelled_by"]).startswith("console:")
        async with session.app.database.read() as conn:
            queued = await conn.scalar(select(func.count()).select_from(tables.outbox))
        assert queued == 0
        page = await session.text(f"/console/announcements/{broadcast_id}")
        assert (
            "data-final" in page
            and 'action="/console/announcements/' not in page.split("</section>")[-1]
        )


async def test_a_bad_announcement_is_refused_with_a_message(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as session:
        await logged_in(session, "coordinator")
        empty = await session.post("/console/announcements/new", {"text": " ", "action": "draft"})
        assert empty.status == 400
        too_long = await session.post(
            "/console/announcements/new", {"text": "x" * 3001, "action": "draft"}
        )
        assert too_long.status == 400
        bad = await session.post(
            "/console/announcements/new",
            {"text": "ok", "trades": "not a code", "action": "draft"},
        )
        assert bad.status == 400
        assert shown(session.app, "web.bc.bad_audience") in await bad.text()
        async with session.app.database.read() as conn:
            made = await conn.scalar(select(func.count()).select_from(tables.broadcasts))
        assert made == 0
