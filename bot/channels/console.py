"""The console channel: talk with the bot in a terminal, on the configured store, with no token.

Choices print as numbered lines; answer by number or in words. When stdin is not a terminal the chat
reads one message per line and prints (and flushes) the replies to each line, including what
slower work sends afterwards (a CV's PDF, a translation), before reading the next, so conversations
can be scripted. In a terminal, messages that arrive while the person is thinking (a volunteer's
answer typed in another terminal, an announcement, a finished PDF) are shown as they come: the
chat is woken by this process's commits and looks at the store every POLL_SECONDS for the others'.
Each person is `--user NAME`; messages queued for them while they were away (a broadcast, say) are
shown when they open the chat again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from typing import TextIO

from sqlalchemy import select

from bot.app import App
from bot.channels.render import as_text
from bot.messages import Inbound
from bot.outbox import take_for_address
from bot.store import tables

log = logging.getLogger(__name__)

CHANNEL = "console"
POLL_SECONDS = 1.0


class ConsoleChat:
    def __init__(self, app: App, user: str, stdin: TextIO, stdout: TextIO, interactive: bool):
        self.app = app
        self.user = user
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = interactive
        self._woken = asyncio.Event()
        self._delivering = asyncio.Lock()
        self._done = False

    async def run(self) -> int:
        await self.deliver()
        if self.interactive:
            self.write(self.app.catalogs.text(await self._language(), "console.hint"))
            self.app.engine.on_commit(self._wake)
            watcher = asyncio.create_task(self._watch(), name="console-watch")
        try:
            return await self._converse()
        finally:
            if self.interactive:
                self._done = True  # (a cancellation alone can be lost in wait_for on 3.11)
                watcher.cancel()

    async def _converse(self) -> int:
        loop = asyncio.get_running_loop()
        while True:
            self._prompt()
            line = await loop.run_in_executor(None, self.stdin.readline)
            if not line:  # end of input: show what slower work still sends
                await self.app.engine.settle()
                await self.deliver()
                return 0
            await self.app.engine.handle(
                Inbound(CHANNEL, self.user, uuid.uuid4().hex, text=line.rstrip("\r\n"))
            )
            if not self.interactive:  # a script reads each line's whole answer before the next
                await self.app.engine.settle()
            await self.deliver()

    async def deliver(self) -> int:
        """Print every message waiting for this person; how many there were."""
        async with self._delivering:
            now = self.app.engine.clock.now()
            waiting = await take_for_address(self.app.database, CHANNEL, self.user, now)
            for out in waiting:
                self.write(as_text(out))
            return len(waiting)

    def _wake(self, channels: set[str]) -> None:
        if CHANNEL in channels:
            self._woken.set()

    async def _watch(self) -> None:
        """While the person types, show what arrives for them, then prompt again."""
        while not self._done:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._woken.wait(), POLL_SECONDS)
            self._woken.clear()
            try:
                shown = await self.deliver()
            except Exception:  # a busy or closing store: try again at the next round
                log.debug("the console could not look for messages", exc_info=True)
                continue
            if shown:
                self._prompt()

    def _prompt(self) -> None:
        if self.interactive:
            self.stdout.write("> ")
            self.stdout.flush()

    def write(self, text: str) -> None:
        self.stdout.write(text + "\n\n")
        self.stdout.flush()

    async def _language(self) -> str:
        users = tables.users
        async with self.app.database.read() as conn:
            language = await conn.scalar(
                select(users.c.language).where(
                    users.c.channel == CHANNEL, users.c.external_id == self.user
                )
            )
        return language or "fr"
