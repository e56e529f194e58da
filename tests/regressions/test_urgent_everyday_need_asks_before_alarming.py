"""A short message whose only sign of danger is "urgent" asks before it alarms.

A tester writing in Turkish found that "acil para lazım" (urgent money needed), "acil ev arıyorum"
(urgently looking for a flat), "acil avukat lazım" and "acil tercüme lazım" got the 🚨 numbers at
once and a 🚨 request in the volunteers' queue; the same happened with "urgent avocat" in French,
"срочно нужна квартира" in Russian and many more. A word that may or may not mean danger ("urgent",
"danger", "police"), alone in a short message, now gets the question "are you in danger right
now?" (which gives 112 for a life at risk); "yes" is the alarm, "no" goes on where they were.
Words that say danger on their own ("kocam beni dövüyor", "acil yardım") still alarm at once.
"""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.regressions.support import asks_then_alarms, joined, on_duty, raises_the_alarm, speaking
from tests.support import running
from tests.test_broadcast import Labelled

ASKED = [
    ("tr", "acil para lazım"),
    ("tr", "acil ev arıyorum"),
    ("tr", "acil avukat lazım"),
    ("fr", "urgent avocat"),
    ("ru", "срочно нужна квартира"),
    ("en", "urgent lawyer"),
]


async def test_urgent_and_a_need_asks_first(settings: Settings, clock: FrozenClock) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        volunteer = await on_duty(app)
        for number, (lang, text) in enumerate(ASKED):
            await asks_then_alarms(await speaking(app, f"asked{number}", lang), volunteer, text)


async def test_no_goes_on_and_words_of_danger_still_alarm_at_once(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        volunteer = await on_duty(app)
        person = await speaking(app, "emre", "tr")
        assert "112" in joined(await person.send("acil tercüme lazım"))
        calm = joined(await person.send("2"))  # no, not in danger: back at the menu
        assert "🚨" not in calm and "1. " in calm, calm
        assert await volunteer.read() == []
        await raises_the_alarm(person, volunteer, "kocam beni dövüyor")
