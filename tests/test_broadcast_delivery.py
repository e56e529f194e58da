"""Broadcasts delivered for real: through `passerelle worker` processes and the Telegram stand-in.

- a worker SIGKILLed in the middle of a broadcast, then started again: everyone gets the
  announcement, and only messages that were in flight at the kill may arrive twice;
- two workers on one PostgreSQL: both send, nobody gets it twice, nobody is missed;
- replies overtake a broadcast that is being delivered.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections import Counter
from typing import Any

from aiohttp.test_utils import TestServer
from sqlalchemy import select

from bot.broadcast import queries
from bot.broadcast.audience import Audience
from bot.clock import SystemClock
from bot.config import Settings
from bot.server import make_server
from bot.store import migrate, tables
from bot.store.database import Database
from tests.standins.telegram import TelegramStandIn, updates
from tests.telegram_support import serving, telegram_settings

IN_FLIGHT = 8


def worker_env(
    settings: Settings, api: str, token: str = "123456:TEST", **extra: str
) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "DATA_DIR": str(settings.data_dir),
        "LOAD_SAMPLES": "false",
        "TELEGRAM_BOT_TOKEN": token,
        "TELEGRAM_API_BASE_URL": api,
        "TELEGRAM_CHAT_INTERVAL_SECONDS": "0",
        "DELIVERY_POLL_SECONDS": "0.1",
        "DELIVERY_MAX_IN_FLIGHT": str(IN_FLIGHT),
        "DELIVERY_LEASE_SECONDS": "5",
        "BROADCAST_POLL_SECONDS": "0.2",
        "BROADCAST_LEASE_SECONDS": "5",
        "LOG_LEVEL": "WARNING",
        **extra,
    }
    if settings.database_schema:
        env["DATABASE_SCHEMA"] = settings.database_schema
    return env


async def start_worker(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "worker", env=env, stdout=asyncio.subprocess.DEVNULL
    )


async def people_and_broadcast(settings: Settings, count: int) -> tuple[Database, int]:
    database = Database(settings)
    await migrate.prepare(database)
    now = SystemClock().now()
    async with database.write() as conn:
        await conn.execute(
            tables.users.insert(),
            [
                {
                    "channel": "telegram",
                    "external_id": str(1000 + n),
                    "language": "fr",
                    "roles": [],
                    "status": "active",
                    "created_at": now,
                    "last_inbound_at": now,
                }
                for n in range(count)
            ],
        )
        broadcast_id = await queries.create(
            conn,
            author="cli:test",
            text="Ouverture d'un centre d'hébergement d'urgence ce soir.",
            language="fr",
            audience=Audience(),
            now=now,
        )
    return database, broadcast_id


async def until(check: Any, within: float = 90.0, what: str = "") -> None:
    deadline = time.monotonic() + within
    while not await check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.1)


async def finished(database: Database, broadcast_id: int) -> queries.Progress:
    async with database.read() as conn:
        progress = await queries.progress(conn, broadcast_id)
    assert progress is not None
    return progress


async def test_a_worker_killed_mid_broadcast_loses_no_one(settings: Settings) -> None:
    people = 400
    database, broadcast_id = await people_and_broadcast(settings, people)
    telegram = TelegramStandIn()
    api = await telegram.start()
    # 150 messages a second with batches of 20: the kill lands while planning or sending.
    env = worker_env(settings, api, TELEGRAM_RATE_PER_SECOND="150", BROADCAST_BATCH="20")
    first = await start_worker(env)
    second = None
    try:

        async def some_sent() -> bool:
            return len(telegram.sent()) >= 60

        await until(some_sent, what="the first messages")
        first.send_signal(signal.SIGKILL)
        await first.wait()
        at_kill = len(telegram.sent())
        async with database.read() as conn:
            row = await queries.get(conn, broadcast_id)
        assert row is not None and row.status in ("planning", "sending")
        second = await start_worker(env)

        async def everyone() -> bool:
            return len({c.params["chat_id"] for c in telegram.sent()}) >= people

        await until(everyone, what="everyone")

        async def done() -> bool:
            return (await finished(database, broadcast_id)).status == "done"

        await until(done, what="the broadcast to be marked done")
    finally:
        for process in (first, second):
            if process is not None and process.returncode is None:
                process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(process.wait(), 30)
        await telegram.stop()
    received = Counter(str(c.params["chat_id"]) for c in telegram.sent())
    assert set(received) == {str(1000 + n) for n in range(people)}
    twice = [chat for chat, n in received.items() if n > 1]
    assert all(received[chat] == 2 for chat in twice)
    assert len(twice) <= IN_FLIGHT, f"{len(twice)} sent twice; {at_kill} sent before the kill"
    progress = await finished(database, broadcast_id)
    assert progress.counts == {"sent": people} and progress.recipients == people
    await database.close()


async def test_two_workers_on_postgresql_share_a_broadcast(postgres_settings: Settings) -> None:
    people = 600
    database, broadcast_id = await people_and_broadcast(postgres_settings, people)
    telegram = TelegramStandIn()
    api = await telegram.start()
    workers = [
        await start_worker(worker_env(postgres_settings, api, token, TELEGRAM_RATE_PER_SECOND="0"))
        for token in ("111:worker-one", "222:worker-two")
    ]
    try:

        async def done() -> bool:
            return (await finished(database, broadcast_id)).status == "done"

        await until(done, what="the broadcast to be marked done")
    finally:
        for process in workers:
            process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(process.wait(), 30) == 0
        await telegram.stop()
    received = Counter(str(c.params["chat_id"]) for c in telegram.sent())
    assert received == Counter({str(1000 + n): 1 for n in range(people)})
    by_worker = Counter(c.token for c in telegram.sent())
    assert set(by_worker) == {"111:worker-one", "222:worker-two"}, by_worker
    await database.close()


async def test_replies_overtake_a_broadcast_being_delivered(settings: Settings) -> None:
    people = 60
    database, _broadcast_id = await people_and_broadcast(settings, people)
    await database.close()
    async with serving(settings, telegram_rate_per_second=20, broadcast_poll_seconds=0.1) as h:

        async def started() -> bool:
            return len(h.telegram.sent()) >= 5

        await until(started, what="the broadcast to start")
        assert await h.post(updates.text(4242, "bonjour")) == 200

        async def reply_queued() -> bool:
            box = tables.outbox
            async with h.passerelle.database.read() as conn:
                found = await conn.scalar(select(box.c.id).where(box.c.address == "4242"))
            return found is not None

        await until(reply_queued, what="the reply")
        queued_at = len(h.telegram.sent())
        await h.telegram.wait_for(1, 4242)
        order = [str(c.params["chat_id"]) for c in h.telegram.sent()]
        # At 20 a second, about a second of announcements already held, not all that remain.
        assert order.index("4242") - queued_at <= 21, (queued_at, order.index("4242"))
        assert queued_at < people - 25  # (the broadcast was still far from over)
        await h.telegram.wait_for(people + 1)


async def test_two_processes_share_the_channels_rate_limit(postgres_settings: Settings) -> None:
    """Two servers delivering one broadcast at a 40/s channel limit send 40/s together, not 80."""
    people, rate = 400, 40
    database, broadcast_id = await people_and_broadcast(postgres_settings, people)
    telegram = TelegramStandIn()
    api = await telegram.start()
    apps = [
        make_server(
            telegram_settings(
                postgres_settings,
                api,
                telegram_bot_token=token,
                telegram_rate_per_second=rate,
                broadcast_poll_seconds=0.1,
            ),
            telegram_polling=False,
            deliver=True,
        )
        for token in ("111:one", "222:two")
    ]
    servers = [TestServer(app, host="127.0.0.1") for app in apps]
    try:
        for server in servers:
            await server.start_server()

        async def done() -> bool:
            return (await finished(database, broadcast_id)).status == "done"

        await until(done, what="the broadcast to be marked done")
    finally:
        for server in servers:
            await server.close()
        await telegram.stop()
    sent = telegram.sent()
    assert Counter(str(c.params["chat_id"]) for c in sent) == Counter(
        {str(1000 + n): 1 for n in range(people)}
    )
    assert set(Counter(c.token for c in sent)) == {"111:one", "222:two"}
    start = sent[0].at
    # Past the first heartbeats (each process starts alone at the full rate), 4 s of sending:
    steady = [c for c in sent if start + 4 <= c.at < start + 8]
    assert 0.8 * 4 * rate <= len(steady) <= 1.15 * 4 * rate, len(steady)
    await database.close()
