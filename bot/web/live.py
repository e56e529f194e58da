"""New messages appear in an open inbox without reloading: a watcher and a server-sent event stream.

The watcher, one per process, looks at a cheap fingerprint of the open requests (how many wait and
are taken, by whom, the newest message id) — every POLL_SECONDS while at least one inbox is open,
and at once when this process commits a message or a console action. When it changes, every open
stream gets an `inbox` event carrying only a version number; the page then fetches its own
fragment again through the ordinary, permission-checked routes, so the stream itself never carries
a word of anyone's. Because the fingerprint is read from the store, a message handled by another
process (PostgreSQL, several `serve`) reaches the page within a poll.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from aiohttp import web
from aiohttp_sse import sse_response
from sqlalchemy import case, func, select

from bot.app import App
from bot.store import tables
from bot.web.routing import VOLUNTEERS, Routes

log = logging.getLogger(__name__)
POLL_SECONDS = 0.25
PING_SECONDS = 15.0
Fingerprint = tuple[object, ...]

routes = Routes()


class Watcher:
    def __init__(self, running: Callable[[], App]) -> None:
        self.running = running
        self.version = 0
        self._fingerprint: Fingerprint | None = None
        self._changed = asyncio.Condition()
        self._nudge = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._listening = False
        self._watchers = 0
        self._closed = False

    def nudge(self, _channels: object = None) -> None:
        """Something may have changed here (a commit, a console action): look now."""
        self._nudge.set()

    async def wait(self, seen: int) -> int:
        """The next version after `seen` (returns at once if already past it)."""
        self._ensure_running()
        async with self._changed:
            await self._changed.wait_for(lambda: self.version != seen or self._closed)
        return self.version

    @property
    def closed(self) -> bool:
        return self._closed

    def subscribe(self) -> None:
        self._watchers += 1
        self._ensure_running()

    def unsubscribe(self) -> None:
        self._watchers -= 1

    async def stop(self) -> None:
        self._closed = True
        async with self._changed:
            self._changed.notify_all()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def _ensure_running(self) -> None:
        if not self._listening:
            self.running().engine.on_commit(self.nudge)
            self._listening = True
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="console-watcher")

    async def _run(self) -> None:
        while not self._closed:
            if self._watchers > 0:
                try:
                    await self._look()
                except Exception as error:  # the database has a bad moment: look again later
                    log.warning("console watcher: %r", error)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._nudge.wait(), timeout=POLL_SECONDS)
            self._nudge.clear()

    async def _look(self) -> None:
        found = await fingerprint(self.running())
        if found != self._fingerprint:
            first = self._fingerprint is None
            self._fingerprint = found
            if not first:
                async with self._changed:
                    self.version += 1
                    self._changed.notify_all()


async def fingerprint(app: App) -> Fingerprint:
    handovers, messages = tables.handovers, tables.handover_messages
    async with app.database.read() as conn:
        newest = await conn.scalar(select(func.max(messages.c.id)))
        rows = await conn.execute(
            select(
                handovers.c.status,
                func.count(),
                func.coalesce(func.sum(handovers.c.volunteer_id), 0),
                func.max(handovers.c.id),
                func.sum(case((handovers.c.urgent.is_(True), 1), else_=0)),
            )
            .where(handovers.c.status.in_(("waiting", "taken")))
            .group_by(handovers.c.status)
            .order_by(handovers.c.status)
        )
        return (newest, *(tuple(row) for row in rows))


WATCHER = web.AppKey("console_watcher", Watcher)


def nudge(request: web.Request) -> None:
    """After a console action: open inboxes look at once (in this process)."""
    request.app[WATCHER].nudge()


@routes.get("/live", allow=VOLUNTEERS)
async def stream(request: web.Request) -> web.StreamResponse:
    """`event: inbox`, `data: <version>` whenever the open requests change."""
    watcher = request.app[WATCHER]
    watcher.subscribe()
    try:
        async with sse_response(request, ping_interval=PING_SECONDS) as events:
            seen = watcher.version
            await events.send(str(seen), event="hello")
            while events.is_connected() and not watcher.closed:
                try:
                    now = await asyncio.wait_for(watcher.wait(seen), timeout=PING_SECONDS)
                except TimeoutError:  # look whether the browser is still there
                    continue
                if now != seen:
                    seen = now
                    await events.send(str(seen), event="inbox")
            return events
    finally:
        watcher.unsubscribe()
