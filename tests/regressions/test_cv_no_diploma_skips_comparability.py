"""Issue 16: answering "no diploma" still asked about the attestation de comparabilité. The
question is asked only for a diploma obtained abroad."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.cv_support import step
from tests.cv_walk import TO_EDUCATION, walk
from tests.support import Person, running


async def test_no_diploma_means_no_attestation_question(
    sqlite_only: Settings, clock: FrozenClock
) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "nodiploma")
        await walk(person, TO_EDUCATION, "cv.edu_add")
        for answer in ("Oui", "2", "Passer", "Syrie", "2012"):  # secondary school in Syria
            await person.send(answer)
        assert await step(person) == "cv.edu_obtained"
        replies = await person.send("Non")  # no diploma
        assert await step(person) == "cv.edu_add"
        assert "comparabilité" not in " ".join(replies)


async def test_a_diploma_from_abroad_is_asked_about(
    sqlite_only: Settings, clock: FrozenClock
) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "diploma")
        await walk(person, TO_EDUCATION, "cv.edu_add")
        for answer in ("Oui", "4", "Passer", "Syrie", "2012", "Oui"):
            await person.send(answer)
        assert await step(person) == "cv.edu_compare"
