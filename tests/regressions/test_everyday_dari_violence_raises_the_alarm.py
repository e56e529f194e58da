"""Everyday Dari for "my husband beats me" gets the emergency numbers and alerts volunteers.

Issue 14: "شوهرم مرا می‌زند" and "شوهرم مرا لت می‌کند" got "sorry, I didn't understand".
"""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from tests.support import Person, running
from tests.test_broadcast import Labelled
from tests.test_engine import onboard
from tests.test_handover import count, make_volunteer

DARI = 3  # in the language picker after "bonjour"


async def test_my_husband_beats_me_in_dari(settings: Settings, clock: FrozenClock) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        volunteer = await make_volunteer(app, "vol")
        for name, text in (("zahra", "شوهرم مرا می‌زند"), ("maryam", "شوهرم مرا لت می‌کند")):
            person = Person(app, name)
            await onboard(person, str(DARI))
            assert (await person.row())["language"] == "fa"
            replies = "\n".join(await person.send(text))
            assert "🚨" in replies and "3919" in replies, replies
            alert = "\n".join(await volunteer.read())
            assert alert.startswith("🚨") and text in alert, alert
        urgent = tables.handovers.c.urgent.is_(True)
        assert await count(app, tables.handovers, urgent) == 2
