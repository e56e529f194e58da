"""Issue 15: a question with a single option answered with another number said "answer with a
number from 1 to 1". It now says to answer 1."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.cv_support import step
from tests.cv_walk import walk
from tests.support import Person, running


async def test_one_option_asks_for_1(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "single")
        await walk(person, ("Amal Haddad", "1", "Passer", "Passer", "Lyon", "2"), "cv.rights")
        replies = await person.send("3")  # the only option is "Continue"
        assert "de 1 à 1" not in replies[0]
        assert "Répondez avec 1" in replies[0]
        assert await step(person) == "cv.rights"


async def test_a_year_is_a_year_not_an_option_number(
    sqlite_only: Settings, clock: FrozenClock
) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "year")
        await walk(person, ("Amal Haddad", "1", "Passer", "Passer", "Lyon", "1"), "cv.status_since")
        await person.send("2025")  # a year, though the question has a numbered "Skip"
        assert await step(person) == "cv.rights"
