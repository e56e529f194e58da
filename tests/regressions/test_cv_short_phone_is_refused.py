"""Issue 16: "06 12 34" was accepted as a phone number. Numbers are checked with libphonenumber
and an incomplete one is refused with a message saying what a French number looks like."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.cv_support import begin_cv, cv_data, step
from tests.support import Person, running


async def test_an_incomplete_number_is_asked_again(
    sqlite_only: Settings, clock: FrozenClock
) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "phone")
        await begin_cv(person)
        await person.send("Amal Haddad")
        await person.send("1")  # feminine
        replies = await person.send("06 12 34")
        assert "incomplet" in replies[0] and "10 chiffres" in replies[0]
        assert await step(person) == "cv.phone"
        await person.send("٠٦١٢٣٤٥٦٧٨")
        assert (await cv_data(person))["phone"]["text"] == "06 12 34 56 78"
