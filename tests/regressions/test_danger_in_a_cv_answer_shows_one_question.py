"""Danger words inside a CV answer showed two numbered questions at once — the CV's next one and
"are you in danger now?" — so "1" meant two things (found by testing as users would)."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.cv_walk import TO_EXPERIENCE, walk
from tests.support import Person, running


async def test_one_question(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "kim")
        await walk(person, TO_EXPERIENCE, "cv.exp_add")
        await person.send("Oui")
        replies = await person.send("Mon mari me frappe, j'ai peur")  # as a job title
        numbered = [r for r in replies if "\n1. " in r]
        assert len(numbered) == 1 and "en danger maintenant" in numbered[0], replies
