"""Coming back to a conversation a volunteer holds, the person is told where they are.

A tester came back hours later to a request a volunteer had taken and wrote "سلام", then "سلام،
هستید؟" (hello, are you there?): the volunteer received both, but the person saw nothing at all.
Now the first message after an hour or more gets the one-line reminder (talking with a volunteer,
the request's number, how to end), and still goes to the volunteer.
"""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.regressions.support import NoModelFor, joined, on_duty, onboarded
from tests.support import running


async def test_reminded_after_an_hour_not_before(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        app.translator.backend = NoModelFor()
        vol = await on_duty(app)
        person = await onboarded(app, "dari", "سلام")
        await person.send("5")
        await person.send("کمک می‌خواهم")
        await vol.send("/take 1")
        await vol.send("Bonjour, je vous écoute.")
        await person.read()
        reminder = app.catalogs.text("fa", "handover.reminder", {"id": 1})
        clock.advance(hours=3)
        (back,) = await person.send("سلام، هستید؟")
        assert back.endswith(reminder), back
        assert "سلام، هستید؟" in joined(await vol.read())
        clock.advance(minutes=1)
        assert await person.send("تشکر") == []  # right after: passed on, nothing more to say
