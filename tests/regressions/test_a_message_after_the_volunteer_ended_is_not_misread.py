"""After a volunteer ended the conversation, the person's next message ("۱", meant for the
volunteer) silently started the CV (found by testing as users would): it is now said not sent,
and the question they are back at is asked again."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.regressions.support import NoModelFor, joined, on_duty, onboarded
from tests.support import running


async def test_not_a_menu_pick(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        app.translator.backend = NoModelFor()
        vol = await on_duty(app)
        omid = await onboarded(app, "omid", "سلام")
        await omid.send("5")
        await omid.send("سلام")
        await vol.send("/take 1")
        await vol.send("/end")
        await omid.read()
        replies = joined(await omid.send("۱"))
        assert "پیام شما فرستاده نشد" in replies  # "your message was not sent"
        assert (await omid.row())["step"] == "menu.main"
