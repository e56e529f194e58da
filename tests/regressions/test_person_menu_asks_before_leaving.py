"""A person who typed "menu" while talking with a volunteer left the conversation without a word,
while the volunteer kept writing to nobody (issue 14). Now they are asked first: "stay" keeps
them talking, "end" ends it (the volunteer is told once) and shows the menu."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.regressions.support import NoModelFor, joined, on_duty, onboarded
from tests.support import running


async def test_stay_then_end(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        app.translator.backend = NoModelFor()
        vol = await on_duty(app)
        amal = await onboarded(app, "amal", "مرحبا")
        await amal.send("5")
        await amal.send("مرحبا")
        await vol.send("/take 1")
        await amal.read()
        asked = joined(await amal.send("القائمة"))  # "menu": end the conversation, or stay?
        assert "إذا ذهبت إلى مكان آخر، تنتهي المحادثة" in asked
        await amal.send("2")
        await amal.send("ما زلت هنا")  # "I am still here"
        assert "« ما زلت هنا »" in joined(await vol.read())
        await amal.send("القائمة")
        menu = joined(await amal.send("1"))
        assert (await amal.row())["step"] == "menu.main" and "5." in menu
        told = await vol.read()
        assert len([t for t in told if "la personne a terminé la conversation" in t]) == 1
