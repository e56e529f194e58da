""" "menu" typed by a volunteer holding #15 and #16 asked about #16 only, then ended both: #15's
person heard "taken" and "ended" without a word (found by testing as users would)."""

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
        assert "Vous parlez avec n°2, n°1. Si vous allez ailleurs, ces conversations" in asked
