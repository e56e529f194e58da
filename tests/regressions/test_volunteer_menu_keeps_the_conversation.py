"""A volunteer who typed "menu" during a conversation silently left it: their next message got
"I didn't understand… 1 to 8", the request stayed taken and the person was never told (issue
14). Now "menu" first asks; "stay" keeps the conversation, /queue does not drop it, and ending it
tells the person once."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.regressions.support import NoModelFor, joined, on_duty, onboarded
from tests.support import running


async def test_menu_asks_and_stay_keeps_it(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        app.translator.backend = NoModelFor()
        vol = await on_duty(app)
        olena = await onboarded(app, "olena", "Привіт")
        await olena.send("5")
        await olena.send("Потрібна допомога")
        await vol.send("/take 1")
        asked = joined(await vol.send("menu"))
        assert "les conversations auxquelles vous avez répondu se terminent" in asked
        await vol.send("2")  # stay
        await vol.send("/queue")
        await vol.send("Je vous écoute.")
        assert "[uk] Je vous écoute." in joined(await olena.read())
        await vol.send("menu")
        left = joined(await vol.send("1"))  # end, and go to the menu
        assert "La conversation n°1 est terminée" in left and "Que voulez-vous faire" in left
        told = await olena.read()
        assert len([t for t in told if "Волонтер завершив розмову" in t]) == 1
