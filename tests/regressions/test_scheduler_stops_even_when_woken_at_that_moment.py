"""The scheduler stops even when it is woken at the moment it is told to stop.

CI hung for five minutes on an employers' test (PostgreSQL): the server's shutdown awaited the
scheduler forever. A submission had just queued a mail and woken the scheduler; on Python 3.11
`asyncio.wait_for` may return normally instead of raising the cancellation when the event it
waits for is set in the same moment, so the scheduler's loop went on and stop() never returned.
It now ends on a flag as well as on the cancellation.
"""

from __future__ import annotations

import asyncio
import datetime as dt

from bot.clock import FrozenClock
from bot.scheduler import Scheduler, Task


async def test_stop_right_after_a_wake_returns() -> None:
    runs: list[dt.datetime] = []

    async def note(now: dt.datetime) -> None:
        runs.append(now)

    clock = FrozenClock(dt.datetime(2026, 12, 4, tzinfo=dt.UTC))
    for _ in range(50):  # the race is in the event loop's ordering: try it many times
        scheduler = Scheduler([Task("note", note, every=3600)], clock, tick=60)
        scheduler.start()
        await asyncio.sleep(0)  # the loop runs its first round, then waits for a wake
        await asyncio.sleep(0)
        scheduler.wake()
        await asyncio.wait_for(scheduler.stop(), timeout=5)
    assert runs  # it did run
