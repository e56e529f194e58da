"""A prompt with a single option answered a wrong number with "a number from 1 to 1" (issue 15)."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.support import Person, running
from tests.test_engine import onboard


async def test_one_option(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "ines")
        await onboard(person)
        await person.send("4")  # translate a message: one option, "back"
        replies = "\n".join(await person.send("9"))
        assert "de 1 à 1" not in replies and "Répondez avec 1, s'il vous plaît." in replies
