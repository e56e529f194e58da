"""Issue 15: a fourth trade was dropped without a word. The limit is said, and the person can
remove one (choosing it again) to put another."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.cv_support import cv_data, step
from tests.cv_walk import TO_JOBS, walk
from tests.support import Person, running


async def test_the_limit_is_said(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "four")
        await walk(person, TO_JOBS, "cv.jobs")
        for number in ("1", "2", "3"):
            await person.send(number)
        replies = await person.send("4")
        assert "au plus 3" in replies[0]
        assert [job["id"] for job in (await cv_data(person))["jobs"]] == [
            "cook",
            "kitchen",
            "waiter",
        ]
        await person.send("2")  # un-choose the second…
        await person.send("4")  # …and the fourth fits
        assert [job["id"] for job in (await cv_data(person))["jobs"]] == [
            "cook",
            "waiter",
            "cleaning",
        ]
        assert await step(person) == "cv.jobs"
