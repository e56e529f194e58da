"""A security guard can describe their job in the CV.

Issue 14: the CV answer "Prévention des situations de danger et évacuation" raised the 🚨 block,
alerted the volunteers, was not saved, and the question came back.
"""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from tests.cv_walk import TO_EXPERIENCE, walk
from tests.support import Person, running
from tests.test_broadcast import Labelled
from tests.test_handover import count, make_volunteer

AFTER_THE_JOB = ("Passer", "France", "Passer", "Passer", "Passer")  # employer… end date
TASKS = (
    *("bonjour", "1", "1", "1", "1"),  # French, consent, "build my CV", start
    *("Passer",) * 5,  # name, phone, e-mail, city, situation
    *("1", "C'est tout", "oui"),  # continue, no trade sought, "I have worked"
    *("Agent de sécurité", "France", "3"),  # the job, where, how long
)
TASKS = "Prévention des situations de danger et évacuation"


async def test_the_tasks_of_a_security_guard_are_kept(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        volunteer = await make_volunteer(app, "vol")
        guard = Person(app, "guard")
        await walk(guard, TO_EXPERIENCE, "cv.exp_add")
        await guard.send("Oui")
        await guard.send("Agent de sécurité")
        for line in AFTER_THE_JOB:
            await guard.send(line)
        assert (await guard.row())["step"] == "cv.exp_tasks"
        replies = "\n".join(await guard.send(TASKS))
        assert "🚨" not in replies
        row = await guard.row()
        assert row["step"] == "cv.exp_add"  # the next question, not the same one again
        assert row["data"]["cv"]["experience"][0]["tasks"]["text"] == TASKS
        assert await volunteer.read() == []
        assert await count(app, tables.handovers) == 0
