"""The console channel: talk with the bot in a terminal, on the configured store, with no token.

Choices print as numbered lines; answer by number or in words. When stdin is not a terminal the chat
reads one message per line and prints (and flushes) the replies to each line before reading the
next, so conversations can be scripted. Each person is `--user NAME`; messages queued for them while
they were away (a broadcast, say) are shown when they open the chat again.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import TextIO

from sqlalchemy import select

from bot.app import App
from bot.channels.render import as_text
from bot.messages import Inbound
from bot.outbox import take_for_address
from bot.store import tables

CHANNEL = "console"


class ConsoleChat:
    def __init__(self, app: App, user: str, stdin: TextIO, stdout: TextIO, interactive: bool):
        self.app = app
        self.user = user
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = interactive

    async def run(self) -> int:
        await self.deliver()
        if self.interactive:
            self.write(self.app.catalogs.text(await self._language(), "console.hint"))
        loop = asyncio.get_running_loop()
        while True:
            if self.interactive:
                self.stdout.write("> ")
                self.stdout.flush()
            line = await loop.run_in_executor(None, self.stdin.readline)
            if not line:  # end of input
                return 0
            await self.app.engine.handle(
                Inbound(CHANNEL, self.user, uuid.uuid4().hex, text=line.rstrip("\r\n"))
            )
            await self.deliver()

    async def deliver(self) -> None:
        now = self.app.engine.clock.now()
        for out in await take_for_address(self.app.database, CHANNEL, self.user, now):
            self.write(as_text(out))

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
