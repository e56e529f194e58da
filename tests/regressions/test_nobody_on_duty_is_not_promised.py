"""A person in danger was told "I told the volunteers it is urgent" and "a volunteer will read
your messages" while nobody was on duty; after the time-out the next notice came in French to
someone who had written in Dari as a first message (found by testing as users would)."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.regressions.support import NoModelFor, joined
from tests.support import Person, running


async def test_nobody_on_duty(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        app.translator.backend = NoModelFor()
        zahra = Person(app, "zahra")
        first = joined(await zahra.send("شوهرم مرا لت می‌کند کمک"))
        assert "112" in first
        assert "هیچ رضاکاری نوبت ندارد" in first  # "no volunteer is on duty right now"
        assert "خبر دادم" not in first  # not "I told the volunteers"
        clock.advance(minutes=11)
        await app.scheduler().run("handover-timeouts")
        (later,) = await zahra.read()
        assert "هیچ رضاکاری آزاد نیست" in later  # in Dari, not in French
