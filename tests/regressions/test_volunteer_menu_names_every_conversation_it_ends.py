""" "menu" typed by a volunteer holding #15 and #16 asked about #16 only, then ended both: #15's
person heard "taken" and "ended" without a word (found by testing as users would). Then a tester
found that leaving also dropped the people the volunteer had not answered yet: their requests
were closed, not given back. Now the question names every conversation; leaving ends those the
volunteer answered and puts the others back in the queue, telling the person and the volunteers
on duty."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.regressions.support import NoModelFor, joined, on_duty, onboarded
from tests.support import running


async def test_both_named(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        app.translator.backend = NoModelFor()
        vol = await on_duty(app)
        for name in ("ana", "ben"):
            person = await onboarded(app, name, "bonjour")
            await person.send("5")
            await person.send("Bonjour")
        await vol.send("/take 1")
        await vol.send("/take 2")
        asked = joined(await vol.send("menu"))
        assert "Vous parlez avec n°2, n°1. Si vous allez ailleurs, les conversations" in asked
        assert "les demandes sans réponse de votre part retournent dans la file" in asked


async def test_leaving_ends_the_answered_and_gives_back_the_unanswered(
    sqlite_only: Settings, clock: FrozenClock
) -> None:
    async with running(sqlite_only, clock) as app:
        app.translator.backend = NoModelFor()
        vol = await on_duty(app)
        other = await on_duty(app, "other")
        people = []
        for name in ("ana", "ben"):
            person = await onboarded(app, name, "bonjour")
            await person.send("5")
            await person.send("Bonjour")
            people.append(person)
        ana, ben = people
        await vol.send("/take 1")
        await vol.send("Bonjour Ana, je vous écoute.")  # answered
        await vol.send("/take 2")  # taken, not answered
        await other.read()
        await ana.read()
        await ben.read()
        await vol.send("menu")
        left = joined(await vol.send("1"))
        assert "La conversation n°1 est terminée" in left, left
        assert "n°2 est de retour dans la file" in left, left
        assert "Le bénévole a terminé la conversation" in joined(await ana.read())
        assert "Votre demande attend de nouveau" in joined(await ben.read())
        assert "n°2 attend de nouveau" in joined(await other.read())
        waiting = joined(await other.send("/queue"))
        assert "n°2" in waiting and "n°1" not in waiting, waiting
        await other.send("/take 2")  # another volunteer answers ben
        await other.send("Bonjour Ben.")
        assert "Bonjour Ben." in joined(await ben.read())
