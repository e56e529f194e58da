"""Tester's report (issue 21, #4): "(for your name: exactly as on your titre de séjour)" was shown
when an employer or a town abroad was typed in another script, as if they were on the person's
papers. It is said for the person's name only, in the suggestion and when the Latin spelling
typed is not in Latin letters."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from bot.i18n.bidi import strip_marks
from tests.cv_support import begin_cv, step
from tests.support import Person, running

PAPERS = "بطاقة الإقامة"  # "titre de séjour", in the Arabic catalog


async def test_only_the_name_is_as_on_the_papers(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        amal = Person(app, "amal")
        await begin_cv(amal, "مرحبا", "1")
        asked = strip_marks("\n".join(await amal.send("أمل حداد")))
        assert await step(amal) == "cv.latin" and PAPERS in asked
        said = strip_marks("\n".join(await amal.send("أمل")))  # not Latin letters
        assert PAPERS in said
        await amal.send("1")
        # feminine, no phone, no e-mail, Lyon, refugee, continue, no job sought, add a job done
        for answer in ("1", "تخطي", "تخطي", "Lyon", "2", "1", "17", "1", "تخطي"):
            await amal.send(answer)
        assert await step(amal) == "cv.exp_employer"
        asked = strip_marks("\n".join(await amal.send("مطعم الياسمين")))
        assert await step(amal) == "cv.latin" and "اكتبه بالحروف اللاتينية" in asked
        assert PAPERS not in asked
        said = strip_marks("\n".join(await amal.send("مطعم")))
        assert "(A–Z)" in said and PAPERS not in said
        await amal.send("Restaurant Al Yasmine")
        await amal.send("سوريا")
        asked = strip_marks("\n".join(await amal.send("دوما")))  # a town abroad
        assert await step(amal) == "cv.latin" and PAPERS not in asked
