"""A 4,944-character message to the volunteers was cut at MAX_INPUT_CHARS without a word to either
side, so the appointment at its end never arrived (found by testing as users would)."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.regressions.support import NoModelFor, joined, on_duty, onboarded
from tests.support import running


async def test_both_sides_are_told(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        app.translator.backend = NoModelFor()
        vol = await on_duty(app)
        sam = await onboarded(app, "sam", "hello")
        await sam.send("5")
        story = "I came here by boat. " * 240 + "My OFPRA interview is on Monday 9 am."
        told = joined(await sam.send(story))
        assert "the volunteers received its first 4000 characters" in told
        assert "✂️" in joined(await vol.read())
