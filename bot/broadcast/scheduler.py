"""The loop that fires timed work: in `passerelle serve` (with delivery) and `passerelle worker`.

Every BROADCAST_POLL_SECONDS it marks finished broadcasts done, claims due broadcasts one by one
and plans them (`planner`), and tells people whose request to talk waited too long
(bot/handover/timeouts.py), and does the web console's housekeeping (the access log's retention,
bot/web/housekeeping.py). Any number of processes may run it: a broadcast is claimed by one,
a timed-out request is marked by one UPDATE.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging

from bot.app import App
from bot.broadcast import planner, queries
from bot.handover import timeouts
from bot.web import housekeeping as console_housekeeping

log = logging.getLogger(__name__)


class Scheduler:
    def __init__(self, app: App) -> None:
        self.app = app
        settings = app.settings
        self.lease = dt.timedelta(seconds=settings.broadcast_lease_seconds)
        self.templates = dict(settings.twilio_template_content_sids)
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="broadcasts")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def wake(self) -> None:
        self._wake.set()

    async def run_once(self) -> list[int]:
        """Finish what is sent, then plan every broadcast that is due; the ids planned."""
        clock = self.app.engine.clock
        async with self.app.database.write() as conn:
            await queries.finish_sent(conn, clock.now())
        await timeouts.tell_waiting(self.app, clock.now())
        await console_housekeeping.run(self.app, clock.now())
        planned = []
        while broadcast := await planner.claim(self.app.database, clock.now(), self.lease):
            texts = await planner.texts_for(
                self.app.database, self.app.translator, broadcast, clock.now()
            )
            messages = planner.messages(self.app.catalogs, texts, broadcast.language)
            done = await planner.queue(
                self.app.database,
                broadcast,
                messages,
                batch=self.app.settings.broadcast_batch,
                lease=self.lease,
                templates=self.templates,
                clock=clock,
            )
            log.info("broadcast %s %s", broadcast.id, "queued" if done else "stopped")
            planned.append(broadcast.id)
        return planned

    async def _run(self) -> None:
        while True:
            try:
                await self.run_once()
            except Exception:  # a bad moment of the database: try again at the next tick
                log.exception("planning broadcasts failed; retrying")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._wake.wait(), timeout=self.app.settings.broadcast_poll_seconds
                )
            self._wake.clear()
