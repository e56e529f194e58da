"""Issue 16: "مارس 2025" and "septembre" were accepted as dates, as typed. A month and year in
any language becomes "mars 2025"; a month without its year is asked again."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.cv_support import begin_cv, cv_data, step
from tests.support import Person, running


async def test_dates_become_months_and_years(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "dates")
        await begin_cv(person)
        for answer in ("Amal Haddad", "1", "Passer", "Passer", "Lyon", "1"):
            await person.send(answer)  # … asylum seeker: "since when?"
        assert await step(person) == "cv.status_since"
        replies = await person.send("septembre")
        assert "Quelle année" in replies[0] and await step(person) == "cv.status_since"
        await person.send("مارس 2025")
        assert (await cv_data(person))["status_since"] == {"year": 2025, "month": 3}
