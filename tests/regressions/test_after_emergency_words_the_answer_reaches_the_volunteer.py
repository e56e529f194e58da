"""After emergency words — at the menu, or as a very first message — and a volunteer taking the
request, the person's next answer went to whatever step they were on ("sorry, I don't
understand" at the menu; the language question after a first message) instead of the volunteer,
whose screen still showed the first words (issue 14)."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.regressions.support import NoModelFor, joined, on_duty, onboarded
from tests.support import Person, running


async def test_at_the_menu(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        app.translator.backend = NoModelFor()
        vol = await on_duty(app)
        amal = await onboarded(app, "amal", "مرحبا")
        await amal.send("أنا في خطر")  # "I am in danger", at the menu
        await vol.read()
        await vol.send("/take 1")
        await vol.send("Où êtes-vous ?")
        replies = await amal.send("في البيت")  # "at home"
        assert not any("لم أفهم" in reply for reply in replies)  # not "I did not understand"
        assert "« في البيت »" in joined(await vol.read())


async def test_as_a_first_message(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        app.translator.backend = NoModelFor()
        vol = await on_duty(app)
        first = Person(app, "first")
        await first.send("SOS il me frappe")
        await vol.send("/take 1")
        await vol.send("Je suis là.")
        await first.read()
        replies = await first.send("2")  # would have picked a language
        assert replies == [] and (await first.row())["language"] is None
        assert "« 2 »" in joined(await vol.read())
