"""Tester's report (issue 21, #5): a person without a translation model chose "ask a volunteer to
write it with me" for a CV answer; the volunteer received "ሓገዝ ንሲቪይ፦ … «ኣላዪት ቆልዑ»" marked "not
translated" — worded in the person's language, so a French volunteer could not tell it was
about the CV. Each volunteer now reads, in their own language, that the person asks help to
write a CV answer in French, which answer it is, then the words as written."""

from __future__ import annotations

from sqlalchemy import update

from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from tests.cv_support import begin_cv, step
from tests.regressions.support import NoModelFor, joined, on_duty
from tests.support import Person, running

# name, feminine, no phone, no e-mail, Lyon, refugee, continue, no job sought, add a job done,
# and skip its title, employer, country, town, start and end: the tasks
TO_TASKS = ("Selam Tesfay", "1", "ሕለፍ", "ሕለፍ", "Lyon", "2", "1", "17", "1", *["ሕለፍ"] * 6)


async def test_the_volunteer_reads_it_is_a_cv_answer(
    sqlite_only: Settings, clock: FrozenClock
) -> None:
    async with running(sqlite_only, clock) as app:
        app.translator.backend = NoModelFor("ti")
        french = await on_duty(app, "vol")
        english = await on_duty(app, "eng")
        async with app.database.write() as conn:
            users = tables.users
            await conn.execute(
                update(users).where(users.c.external_id == "eng").values(language="en")
            )
        await french.read()
        await english.read()
        selam = Person(app, "selam")
        await begin_cv(selam, "ሰላም", "1")
        for answer in TO_TASKS:
            await selam.send(answer)
        assert await step(selam) == "cv.exp_tasks"
        await selam.send("ኣላዪት ቆልዑ")
        assert await step(selam) == "cv.untranslated"  # no model for Tigrinya
        await selam.send("1")  # ask a volunteer to write it with me
        told = joined(await french.read())
        assert "Aide pour un CV" in told and "les tâches d'un emploi qu'elle a occupé" in told
        assert "« ኣላዪት ቆልዑ »\n⚠️ non traduit" in told
        assert "ሓገዝ" not in told  # nothing the volunteer cannot read, but the words themselves
        told = joined(await english.read())
        assert "CV help" in told and "the tasks of a job they did" in told
        assert "“ኣላዪት ቆልዑ”\n⚠️ not translated" in told
