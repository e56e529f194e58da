"""Issue 15: "back" after confirming a machine translation re-entered the confirmation with an
empty text (“”), and answering it jumped to the CV summary half-way through: the confirmation
was recorded in the back history. It is a temporary question now: "back" returns to the question
answered before it, showing the answer."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.cv_support import begin_cv, cv_data, step
from tests.support import Person, running


async def test_back_skips_the_confirmation(
    sqlite_only: Settings, clock: FrozenClock, installed: object
) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "confirm")
        await begin_cv(person, "مرحبا", "1")  # Arabic, with the test's Arabic → French models
        for answer in ("Amal Haddad", "1", "تخطي", "تخطي", "Lyon", "2", "1", "17", "1"):
            await person.send(answer)
        assert await step(person) == "cv.exp_job"
        await person.send("عملت مع أخي كل يوم")  # no trade: a free answer, machine-translated
        assert await step(person) == "cv.confirm"
        await person.send("1")  # yes, that's right
        assert await step(person) == "cv.exp_employer"
        replies = await person.send("رجوع")  # back
        assert await step(person) == "cv.exp_job"
        assert "عملت مع أخي كل يوم" in replies[0]  # "your answer was: …", not “”
        assert "“”" not in " ".join(replies) and "«»" not in " ".join(replies)
        await person.send("رجوع")
        assert await step(person) == "cv.exp_add"  # and back again: the question before
        assert "review" not in await step(person)
        assert (await cv_data(person))["experience"][0]["job"]["how"] == "machine"
