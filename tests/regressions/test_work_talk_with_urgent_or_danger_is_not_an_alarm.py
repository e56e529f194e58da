"""Talking about work with "urgent" or "danger" raises no alarm.

Issue 14: "je cherche un travail urgent" and "danger d'incendie dans mon ancien travail" got the
🚨 block and alerted the volunteers on duty. "Je suis en danger" still does.
"""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from tests.support import Person, running
from tests.test_broadcast import Labelled
from tests.test_engine import onboard
from tests.test_handover import count, make_volunteer


async def test_urgent_job_and_danger_in_an_old_job_are_not_emergencies(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        volunteer = await make_volunteer(app, "vol")
        person = Person(app, "worker")
        await onboard(person)
        for text in ("je cherche un travail urgent", "danger d'incendie dans mon ancien travail"):
            replies = "\n".join(await person.send(text))
            assert "🚨" not in replies and "112" not in replies, (text, replies)
        assert await volunteer.read() == []
        assert await count(app, tables.handovers) == 0
        replies = "\n".join(await person.send("je suis en danger"))
        assert "🚨" in replies and "3919" in replies
