"""An urgent request the person closed before anyone took it stayed on the volunteers' screen
with "/take 10", which then answered "no request n°10 waiting" (found by testing as users
would): the volunteers on duty are told it was closed, and /take says so."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.regressions.support import NoModelFor, joined, on_duty, onboarded
from tests.support import running


async def test_closed_before_taken(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        app.translator.backend = NoModelFor()
        vol = await on_duty(app)
        omid = await onboarded(app, "omid", "سلام")
        await omid.send("5")
        await omid.send("سلام")
        await vol.read()
        await omid.send("پایان")  # END, before anyone took it
        assert "La demande n°1 a été fermée par la personne avant d'être prise." in joined(
            await vol.read()
        )
        taken = joined(await vol.send("/take 1"))
        assert "a été fermée par la personne avant toute réponse" in taken
