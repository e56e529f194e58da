"""Issue 15: "Change a part → experience" only asked "add another?": a job or a diploma could be
neither changed nor deleted, and a change never showed the current value."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from bot.i18n.bidi import strip_marks
from tests.cv_support import cv_data, skip_to_review, step
from tests.cv_walk import TO_EXPERIENCE, walk
from tests.support import Person, running


async def test_a_job_is_changed_then_deleted(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "entries")
        await walk(person, TO_EXPERIENCE, "cv.exp_add")
        for answer in ("Oui", "soudeuse", "Passer", "Syrie", "Alep", "03/2019", "2023", "Passer"):
            await person.send(answer)
        for answer in ("Oui", "boulangère", "Passer", "France", "Lyon", "2024", "2025", "Passer"):
            await person.send(answer)
        await skip_to_review(person, await person.send("Non"))
        await person.send("Modifier une partie")
        entries = await person.send("4")  # the experience
        assert "1. Soudeuse" in entries[-1] and "2. Boulangère" in entries[-1]
        menu = [strip_marks(reply) for reply in await person.send("1")]
        assert "Pays et ville : Alep, Syrie" in menu[-1]
        assert "Dates : mars 2019 – 2023" in menu[-1]
        shown = await person.send("4")  # dates: the current start is shown first
        assert "mars 2019" in shown[0]
        await person.send("04/2019")
        await person.send("2023")
        assert await step(person) == "cv.edit_entry"
        assert (await cv_data(person))["experience"][0]["start"] == {"year": 2019, "month": 4}
        await person.send("Le supprimer")
        assert await step(person) == "cv.edit_entries"
        jobs = (await cv_data(person))["experience"]
        assert [e["trade"]["id"] for e in jobs] == ["baker"]
