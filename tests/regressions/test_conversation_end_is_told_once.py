"""Ending a conversation sent "conversation ended" twice; and when both sides ended it at the
same moment each could tell the other (issue 14). Whoever's conditional UPDATE wins tells both
sides, once."""

from __future__ import annotations

import asyncio

from bot.clock import FrozenClock
from bot.config import Settings
from tests.regressions.support import NoModelFor, on_duty, onboarded
from tests.support import running

PERSON_TOLD = ("Konuşma sona erdi", "Gönüllü konuşmayı bitirdi")
VOLUNTEER_TOLD = ("La conversation n°1 est terminée", "la personne a terminé la conversation")


async def test_each_side_is_told_once(settings: Settings, clock: FrozenClock) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = NoModelFor()
        vol = await on_duty(app)
        ali = await onboarded(app, "ali", "Merhaba")
        await ali.send("5")
        await ali.send("Merhaba")
        await vol.send("/take 1")
        await vol.read()
        await ali.read()
        both = await asyncio.gather(ali.send("bitir"), vol.send("/end"))  # one batch
        person = both[0] + await ali.read()
        volunteer = both[1] + await vol.read()
        ended = [t for t in person if any(told.lower() in t.lower() for told in PERSON_TOLD)]
        assert len(ended) == 1, person
        heard = [t for t in volunteer if any(told in t for told in VOLUNTEER_TOLD)]
        assert len(heard) == 1, volunteer
