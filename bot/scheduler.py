"""Timed work, outside any feature: one loop that runs each task at its own interval.

`passerelle serve` (with delivery), `passerelle worker` and `passerelle chat` run one. The tasks —
planning due announcements, telling people about requests nobody took, forgetting what no longer
needs keeping — are assembled in bot/app.py, each bound to only what it needs. Any number of
processes may run a scheduler: every task is written so that one conditional UPDATE decides who
does a piece of work.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from bot.clock import Clock

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Task:
    name: str
    run: Callable[[dt.datetime], Awaitable[object]]
    every: float  # seconds between runs
    first_after: float = 0.0  # seconds after start-up before the first run


class Scheduler:
    def __init__(self, tasks: Sequence[Task], clock: Clock, tick: float = 1.0) -> None:
        self.tasks = list(tasks)
        self.clock = clock
        self.tick = tick
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    def start(self) -> None:
        self._stopping = False
        self._task = asyncio.create_task(self._loop(), name="scheduler")

    async def stop(self) -> None:
        """Stop after the task running now, if any. The flag, not only the cancellation, ends
        the loop: on Python 3.11 `asyncio.wait_for` may swallow a cancellation that arrives as
        the event it waits for is set (a `wake()` at that moment), and stop() waited forever."""
        if self._task is not None:
            self._stopping = True
            self._wake.set()
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def wake(self) -> None:
        """Run every task at the next tick (something due was just created)."""
        self._wake.set()

    async def run(self, name: str) -> object:
        """Run one task now (tests and commands); its result."""
        task = next(t for t in self.tasks if t.name == name)
        return await task.run(self.clock.now())

    async def _loop(self) -> None:
        loop = asyncio.get_running_loop()
        due = {task.name: loop.time() + task.first_after for task in self.tasks}
        while not self._stopping:
            woken = self._wake.is_set()
            self._wake.clear()
            for task in self.tasks:
                if self._stopping:
                    return
                if woken or loop.time() >= due[task.name]:
                    due[task.name] = loop.time() + task.every
                    try:
                        await task.run(self.clock.now())
                    except Exception:  # a bad moment of the database: try at the next run
                        log.exception("timed task %s failed; it runs again later", task.name)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.tick)
