"""Giving the missing French before the PDF makes the PDF.

A tester asked for "my CV (PDF in French)", was told one answer had no French yet, chose to give
it now, typed it — and was back at the CV summary with no PDF, so "PDF" had to be chosen twice.
Now the PDF they asked for comes once the last answer without French is decided.
"""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.cv_support import step
from tests.regressions.support import NoModelFor
from tests.support import Person, running
from tests.test_cv import documents
from tests.test_directory_flows import set_cv, to_menu

CV = {
    "complete": True,
    "name": {"text": "Selam Tesfay", "latin": "Selam Tesfay"},
    "experience": [
        {"job": {"text": "ሰራሕተኛ ኣብ ክሽነ", "fr": None, "how": None}, "country": "ER", "end": "now"}
    ],
}


async def test_the_pdf_follows_the_last_french_given(
    sqlite_only: Settings, clock: FrozenClock
) -> None:
    async with running(sqlite_only, clock) as app:
        app.translator.backend = NoModelFor("en")
        person = Person(app, "selam")
        await to_menu(person, english=True)
        await set_cv(app, person, dict(CV))
        await person.send("1")  # build my CV: the review
        asked = "\n".join(await person.send("Get my CV (PDF in French)"))
        assert "ሰራሕተኛ ኣብ ክሽነ" in asked and await step(person) == "cv.pdf_check", asked
        await person.send("Give their French now")
        assert await step(person) == "cv.untranslated"
        await person.send("Commis de cuisine")
        (path,) = await documents(app, person)
        assert path.endswith(".pdf")
        assert await step(person) == "cv.review"
