"""Test helpers: talk to the real engine as the console does, and read back what was sent."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import select

from bot.app import App, open_app
from bot.channels.render import as_text
from bot.clock import Clock
from bot.config import Settings
from bot.engine.flow import STAY, Answer, Flow, Next, Script
from bot.i18n import bidi
from bot.messages import Inbound, Kind, Outgoing
from bot.outbox import queries, take_for_address
from bot.outbox.queries import REPLY
from bot.store import tables
from flows.services import Turn

_ids = itertools.count(1)
VISIBLE_MARKS = {bidi.RLM: "[RLM]", bidi.FSI: "[FSI]", bidi.PDI: "[PDI]"}


def visible(text: str) -> str:
    """Show invisible direction marks, for golden files a person can review."""
    for mark, name in VISIBLE_MARKS.items():
        text = text.replace(mark, name)
    return text


class Person:
    """Someone on a channel, writing to the bot and reading its replies."""

    def __init__(self, app: App, name: str, channel: str = "console") -> None:
        self.app = app
        self.name = name
        self.channel = channel

    async def send(self, text: str = "", **fields: Any) -> list[str]:
        inbound = Inbound(self.channel, self.name, f"m{next(_ids)}", text=text, **fields)
        await self.app.engine.handle(inbound)
        return await self.read()

    async def press(self, choice: str, step: str) -> list[str]:
        return await self.send(kind=Kind.CHOICE, choice=choice, step=step)

    async def read(self) -> list[str]:
        now = self.app.engine.clock.now()
        outs = await take_for_address(self.app.database, self.channel, self.name, now)
        return [as_text(out) for out in outs]

    async def row(self) -> dict[str, Any]:
        users, conversations = tables.users, tables.conversations
        async with self.app.database.read() as conn:
            found = (
                (
                    await conn.execute(
                        select(
                            users,
                            conversations.c.step,
                            conversations.c.data,
                            conversations.c.nav,
                            conversations.c.version,
                        )
                        .outerjoin(conversations, conversations.c.user_id == users.c.id)
                        .where(users.c.channel == self.channel, users.c.external_id == self.name)
                    )
                )
                .mappings()
                .first()
            )
        return dict(found) if found else {}


@asynccontextmanager
async def running(
    settings: Settings, clock: Clock | None = None, script: Script | None = None
) -> AsyncIterator[App]:
    async with open_app(settings, clock=clock, script=script) as app:
        yield app


counting = Flow("count")


@counting.question("any", prompt="", accepts=("text",))
async def any_message(t: Turn, answer: Answer) -> Next:
    """Remember every text in order and answer "got <text>": order and loss are then visible."""
    seen = t.data("count").setdefault("seen", [])
    seen.append(answer.text)
    t.say(f"got {answer.text}")
    return STAY


COUNTING = Script((counting,), (), "count.any", "count.any", "count.any")


# --- the outbox, as delivery tests fill and watch it ------------------------------------------


async def queue_message(
    passerelle: App,
    channel: str,
    address: str,
    out: Outgoing,
    priority: int = REPLY,
    user_id: int | None = None,
) -> int:
    """An outbox row due now, as the engine or a broadcast would queue it; its id."""
    row = queries.new_row(user_id, channel, address, out, passerelle.engine.clock.now(), priority)
    async with passerelle.database.write() as conn:
        result = await conn.execute(
            tables.outbox.insert().values(row).returning(tables.outbox.c.id)
        )
        return int(result.scalar_one())


async def outbox_row(passerelle: App, outbox_id: int) -> dict[str, Any]:
    async with passerelle.database.read() as conn:
        found = await conn.execute(select(tables.outbox).where(tables.outbox.c.id == outbox_id))
        return dict(found.one()._mapping)


async def settled(passerelle: App, outbox_id: int, within: float = 20) -> dict[str, Any]:
    """The row once delivery is done with it (sent, failed or skipped)."""
    deadline = time.monotonic() + within
    while (state := await outbox_row(passerelle, outbox_id))["status"] in ("pending", "sending"):
        assert time.monotonic() < deadline, state
        await asyncio.sleep(0.05)
    return state
