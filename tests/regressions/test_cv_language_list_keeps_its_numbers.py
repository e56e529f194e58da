"""Issue 15: the "other languages" list was renumbered after each pick, like the trades."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.cv_support import step
from tests.cv_walk import TO_EDUCATION, walk
from tests.support import Person, running


async def test_the_other_languages_keep_their_numbers(
    sqlite_only: Settings, clock: FrozenClock
) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "langs")
        await walk(person, (*TO_EDUCATION, "Non", "A2"), "cv.lang_more")
        listed = await person.send("1")  # English → its level
        assert await step(person) == "cv.lang_level", listed
        replies = await person.send("B2")
        assert "1. ✓ English" in replies[-1]
        numbers = [line.split(".")[0] for line in replies[-1].splitlines() if ". " in line]
        assert "11" in numbers  # "that's all" is still 11 with English chosen
        await person.send("11")
        assert await step(person) == "cv.skills"
