"""A greeting after a pause is a hello, not the answer to the question the person stopped at.

A tester writing in Pashto stopped at "what did you do at that job?", came back later and wrote
"سلام": it was kept as the job's tasks ("I can't translate your words into French yet. For the
French CV, «سلام»…"), and "back" showed "your answer was: سلام". Now, an hour or more after their
last message, a bare greeting (in any of our languages) at a question whose answer would be kept
gets "welcome back" and the question again; the same word right away is an answer as any other
(someone may be called Salam), and a greeting to a volunteer still goes to the volunteer.
"""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.cv_support import begin_cv, cv_data, step
from tests.support import Person, running


async def test_a_hello_after_an_hour_asks_the_question_again(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        person = Person(app, "amal")
        await begin_cv(person)
        asked = await step(person)
        clock.advance(hours=2)
        again = "\n".join(await person.send("سلام"))
        assert "Bon retour ! Voici où nous en étions :" in again, again
        assert await step(person) == asked
        assert "name" not in await cv_data(person)  # nothing kept
        clock.advance(minutes=1)
        await person.send("Salam")  # right away, the same word is their answer
        assert (await cv_data(person))["name"]["text"] == "Salam"
