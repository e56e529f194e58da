"""A `passerelle serve` process SIGKILLed under load, then started again, while the platform does
what Telegram does: re-send every update it did not get a 200 for.

Afterwards every update was handled exactly once (one inbound log row, one reply each), every
reply was delivered, and only replies that were being sent at the kill may have arrived twice.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import time
from collections import Counter
from pathlib import Path

import aiohttp
from sqlalchemy import func, select

from bot.config import Settings
from bot.store import tables
from bot.store.database import Database
from tests.standins.telegram import TelegramStandIn, updates
from tests.telegram_support import HEADERS
from tests.test_server import free_port, serve_env

PEOPLE = 30
SCRIPT = ["/start", "1", "1", "7", "3", "menu"]
IN_FLIGHT = 8


async def start_serve(env: dict[str, str], port: int) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "serve",
        "--port",
        str(port),
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def test_a_serve_killed_under_load_loses_and_repeats_nothing(
    settings: Settings, tmp_path: Path
) -> None:
    telegram = TelegramStandIn()
    api = await telegram.start()
    port = free_port()
    env = serve_env(
        tmp_path,
        api,
        LOAD_SAMPLES="false",
        DELIVERY_LEASE_SECONDS="5",
        DELIVERY_MAX_IN_FLIGHT=str(IN_FLIGHT),
        TELEGRAM_RATE_PER_SECOND="0",
        DATABASE_URL=settings.database_url,
        DATABASE_SCHEMA=settings.database_schema or "",
        DATA_DIR=str(settings.data_dir),
    )
    url = f"http://127.0.0.1:{port}/webhooks/telegram"
    plan = {
        person: [updates.text(person, text) for text in SCRIPT]
        for person in range(6000, 6000 + PEOPLE)
    }
    acked = 0
    process = await start_serve(env, port)
    try:
        async with aiohttp.ClientSession() as http:

            async def platform(person: int) -> None:
                """One chat's updates in order; each re-sent until it gets a 200."""
                nonlocal acked
                for update in plan[person]:
                    while True:
                        try:
                            async with http.post(url, json=update, headers=HEADERS) as answer:
                                if answer.status == 200:
                                    acked += 1
                                    break
                        except aiohttp.ClientError:
                            pass
                        await asyncio.sleep(0.1)

            async def kill_midway() -> asyncio.subprocess.Process:
                while acked < PEOPLE * len(SCRIPT) * 0.4:
                    await asyncio.sleep(0.01)
                process.send_signal(signal.SIGKILL)
                await process.wait()
                await asyncio.sleep(0.5)
                return await start_serve(env, port)

            restarted, *_ = await asyncio.gather(
                kill_midway(), *(platform(person) for person in plan)
            )
            process = restarted
        expected = PEOPLE * len(SCRIPT)
        deadline = time.monotonic() + 60
        while (
            len({c.params["chat_id"] for c in telegram.sent()}) < PEOPLE
            or len(telegram.sent()) < expected
        ):
            assert time.monotonic() < deadline, f"{len(telegram.sent())} of {expected} delivered"
            await asyncio.sleep(0.2)
        await asyncio.sleep(1)
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 30)
        await telegram.stop()
    database = Database(settings)
    try:
        async with database.read() as conn:
            logged = await conn.scalar(select(func.count()).select_from(tables.inbound_log))
            replies = dict(
                (
                    await conn.execute(
                        select(tables.outbox.c.address, func.count()).group_by(
                            tables.outbox.c.address
                        )
                    )
                ).all()
            )
            states = Counter((await conn.execute(select(tables.outbox.c.status))).scalars())
    finally:
        await database.close()
    assert logged == expected  # each update handled once, however often it was posted
    assert replies == {str(person): len(SCRIPT) for person in plan}  # one reply each, no more
    assert states == {"sent": expected}
    received = Counter(str(c.params["chat_id"]) for c in telegram.sent())
    twice = sum(n - len(SCRIPT) for n in received.values() if n > len(SCRIPT))
    assert all(n >= len(SCRIPT) for n in received.values())
    assert twice <= IN_FLIGHT, f"{twice} replies arrived twice"
