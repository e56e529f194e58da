"""Chatwoot #6015: no audit log of what agents did. Every console action is in the access log with
the staff member and the time — a login, opening a conversation, taking, replying, ending, an
edit, an export, an announcement — and never a person's words."""

from __future__ import annotations

from sqlalchemy import select

from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from tests.test_broadcast import Labelled
from tests.test_web_security import add_request
from tests.web_support import console, logged_in

WORDS = "mon adresse est 3 rue des Lilas"


async def test_every_action_is_logged_with_who_and_when_not_what_was_said(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as session:
        session.app.translator.backend = Labelled()
        admin = await logged_in(session, "admin")
        request = await add_request(session.app)
        await session.client.get(f"/console/inbox/{request}")
        await session.post(f"/console/inbox/{request}/take")
        await session.post(f"/console/inbox/{request}/reply", {"text": WORDS, "language": "fr"})
        await session.post(f"/console/inbox/{request}/end")
        await session.post(
            "/console/directory/services/new",
            {"name": "A", "categories": "food", "postcode": "69003"},
        )
        await session.client.get("/console/directory/services.csv")
        await session.post("/console/announcements/new", {"text": "Bonjour", "action": "draft"})
        log = tables.access_log
        async with session.app.database.read() as conn:
            rows = (await conn.execute(select(log).order_by(log.c.id))).all()
        assert [r.action for r in rows] == [
            "login", "opened", "took", "wrote", "ended", "edited", "exported", "announced",
        ]  # fmt: skip
        assert all(r.staff_id == admin.id and r.at == clock.now() for r in rows)
        assert [r.handover_id for r in rows[1:5]] == [request] * 4
        assert not any(WORDS in (r.target or "") for r in rows)
