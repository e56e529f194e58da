"""Issue 15: "Build my CV" on a half-done CV started again at the name question (the answers were
kept, but the person had to skip through all of them). It now resumes where they stopped, with
one line saying what is done."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.cv_support import step
from tests.cv_walk import TO_EXPERIENCE, walk
from tests.support import Person, running


async def test_resume_where_the_person_stopped(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "resume")
        await walk(person, TO_EXPERIENCE, "cv.exp_add")
        await person.send("menu")
        replies = await person.send("1")  # "Build my CV"
        assert await step(person) == "cv.exp_add"
        text = " ".join(replies)
        assert "Déjà fait" in text and "Nom et contact" in text
        assert "Continuons avec : Expérience" in text
