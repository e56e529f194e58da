"""Many people at once: every message handled exactly once, in order per person — in one process,
or with two engines (two processes' worth) on one PostgreSQL."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from bot.config import Settings
from bot.messages import Inbound
from bot.store import tables
from tests.support import COUNTING, running

USERS, MESSAGES = 200, 20


def messages_of(user: int) -> list[Inbound]:
    hello = Inbound("console", f"u{user}", f"u{user}-hello", text="hello")
    return [hello] + [
        Inbound("console", f"u{user}", f"u{user}-{n}", text=str(n)) for n in range(MESSAGES)
    ]


async def stored(settings: Settings) -> tuple[dict[str, list[str]], dict[str, list[str]], int]:
    async with running(settings, script=COUNTING) as app, app.database.read() as conn:
        users, conversations, outbox = tables.users, tables.conversations, tables.outbox
        seen = {
            row.external_id: row.data["count"]["seen"]
            for row in await conn.execute(
                select(users.c.external_id, conversations.c.data).join(
                    conversations, conversations.c.user_id == users.c.id
                )
            )
        }
        sent: dict[str, list[str]] = {}
        for row in await conn.execute(
            select(outbox.c.address, outbox.c.payload).order_by(outbox.c.id)
        ):
            sent.setdefault(row.address, []).append(row.payload["text"])
        logged = await conn.scalar(select(func.count()).select_from(tables.inbound_log))
    return seen, sent, int(logged or 0)


async def test_many_people_at_once_each_message_once_and_in_order(settings: Settings) -> None:
    async with running(settings, script=COUNTING) as app:
        everything = [m for user in range(USERS) for m in messages_of(user)]
        outcomes = await asyncio.gather(*(app.engine.handle(m) for m in everything))
        duplicates = await asyncio.gather(*(app.engine.handle(m) for m in everything[::7]))
    assert not any(o.duplicate for o in outcomes)
    assert all(o.duplicate for o in duplicates)
    seen, sent, logged = await stored(settings)
    expected = [str(n) for n in range(MESSAGES)]
    assert len(seen) == USERS and all(s == expected for s in seen.values())
    assert all(replies == [f"got {n}" for n in expected] for replies in sent.values())
    assert logged == USERS * (MESSAGES + 1)


async def test_two_engines_on_one_postgresql_never_lose_or_repeat(
    postgres_settings: Settings,
) -> None:
    settings = postgres_settings
    async with running(settings, script=COUNTING) as one, running(settings, script=COUNTING) as two:
        for user in range(USERS):  # create everyone first, so both engines race on updates
            await one.engine.handle(messages_of(user)[0])
        work = []
        for user in range(USERS):
            for n, message in enumerate(messages_of(user)[1:]):
                work.append((one if n % 2 else two).engine.handle(message))
                work.append((two if n % 2 else one).engine.handle(message))  # the retry elsewhere
        outcomes = await asyncio.gather(*work)
    assert sum(not o.duplicate for o in outcomes) == USERS * MESSAGES
    seen, sent, logged = await stored(settings)
    expected = [str(n) for n in range(MESSAGES)]
    assert all(sorted(s, key=int) == expected for s in seen.values())
    assert all(sorted(replies) == sorted(f"got {n}" for n in expected) for replies in sent.values())
    assert logged == USERS * (MESSAGES + 1)
