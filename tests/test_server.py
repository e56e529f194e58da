"""`passerelle serve` as a whole: health, long polling, set-up commands, SIGTERM, outages."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import SplitResult, urlsplit, urlunsplit

import aiohttp
import pytest
from sqlalchemy import func, select

from bot.config import Settings, load_settings
from bot.store import tables
from bot.store.database import Database
from bot.worker import run_worker
from flows.commands import COMMANDS
from tests.conftest import POSTGRES_URL
from tests.standins.tcp_proxy import TcpProxy
from tests.standins.telegram import TelegramStandIn, updates
from tests.telegram_support import HEADERS, SECRET, serving


async def test_health_reports_the_database_and_channels(settings: Settings) -> None:
    async with serving(settings) as h:
        response = await h.client.get("/healthz")
        assert response.status == 200
        assert await response.json() == {
            "status": "ok",
            "database": "ok",
            "channels": {"telegram": "webhook"},
        }


def _netloc(target: SplitResult, port: int) -> str:
    """The URL's user part with the proxy's host and port (the URL may omit the port)."""
    user = target.netloc.rpartition("@")[0]
    return f"{user}@127.0.0.1:{port}" if user else f"127.0.0.1:{port}"


@pytest.mark.postgres
async def test_health_is_503_while_postgresql_is_unreachable(postgres_settings: Settings) -> None:
    target = urlsplit(POSTGRES_URL.replace("+asyncpg", ""))
    proxy = TcpProxy(target.hostname or "127.0.0.1", target.port or 5432)
    port = await proxy.start()
    url = urlunsplit(urlsplit(POSTGRES_URL)._replace(netloc=_netloc(target, port)))
    through_proxy = load_settings(**{**postgres_settings.model_dump(), "database_url": url})
    async with serving(through_proxy) as h, _closing(proxy):
        assert (await h.client.get("/healthz")).status == 200
        await proxy.cut()
        down = await h.client.get("/healthz")
        assert down.status == 503
        assert (await down.json())["database"].startswith("unreachable")
        assert await h.post(updates.text(4001, "hello")) == 503  # Telegram will try again
        proxy.port = port
        await proxy.start()
        assert (await h.client.get("/healthz")).status == 200
        assert await h.post(updates.text(4001, "hello")) == 200
        await h.telegram.wait_for(1, 4001)


async def test_long_polling_feeds_the_same_path_as_the_webhook(settings: Settings) -> None:
    async with serving(settings, polling=True) as h:
        h.telegram.updates.append(updates.text(4101, "bonjour"))
        (reply,) = await h.telegram.wait_for(1, 4101)
        assert "Quelle langue" in reply.params["text"]
        assert h.telegram.sent(method="deleteWebhook")
        health = await (await h.client.get("/healthz")).json()
        assert health["channels"] == {"telegram": "polling"}


@contextlib.asynccontextmanager
async def _closing(proxy: TcpProxy) -> AsyncIterator[None]:
    try:
        yield
    finally:
        await proxy.cut()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_env(tmp_path: Path, api: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATA_DIR": str(tmp_path / "var"),
        "TELEGRAM_BOT_TOKEN": "123456:TEST",
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_API_BASE_URL": api,
        "PUBLIC_BASE_URL": "https://bot.example.org",
        "TELEGRAM_RATE_PER_SECOND": "0",
        "DELIVERY_POLL_SECONDS": "0.1",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


async def run_cli(env: dict[str, str], *args: str) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(process.communicate(), 120)
    return process.returncode or 0, out.decode()


async def test_set_webhook_registers_the_url_the_secret_and_commands_in_every_language(
    tmp_path: Path,
) -> None:
    telegram = TelegramStandIn()
    api = await telegram.start()
    try:
        code, out = await run_cli(serve_env(tmp_path, api), "telegram", "set-webhook")
        assert code == 0, out
        (hook,) = telegram.sent(method="setWebhook")
        assert hook.params["url"] == "https://bot.example.org/webhooks/telegram"
        assert hook.params["secret_token"] == SECRET
        assert hook.params["allowed_updates"] == ["message", "callback_query", "my_chat_member"]
        menus = {
            c.params.get("language_code"): c.params["commands"]
            for c in telegram.sent(method="setMyCommands")
        }
        assert set(menus) == {None, "fr", "en", "fa", "ps", "ar", "ti", "uk", "ru", "bn", "tr"}
        assert {"command": "mydata", "description": "voir ce que je garde sur vous"} in menus["fr"]
        public = {c.name for c in COMMANDS if c.role is None}  # volunteers' ones are not shown
        assert all({c["command"] for c in m} == public for m in menus.values())
        assert "broadcast" not in public and "take" not in public
        code, out = await run_cli(
            serve_env(tmp_path, api, PUBLIC_BASE_URL=""), "telegram", "set-webhook"
        )
        assert code == 2 and "PUBLIC_BASE_URL" in out
    finally:
        await telegram.stop()


async def test_sigterm_stops_cleanly_after_finishing_the_work(tmp_path: Path) -> None:
    telegram = TelegramStandIn()
    api = await telegram.start()
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "serve",
        "--port",
        str(port),
        env=serve_env(tmp_path, api),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as http:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if (await http.get(f"{base}/healthz")).status == 200:
                        break
                except aiohttp.ClientConnectionError:
                    pass
                assert time.monotonic() < deadline, "serve did not start"
                await asyncio.sleep(0.1)
            telegram.delay = 0.5  # the reply is still being sent when SIGTERM arrives
            answer = await http.post(
                f"{base}/webhooks/telegram", headers=HEADERS, json=updates.text(4201, "hello")
            )
            assert answer.status == 200
            await asyncio.sleep(0.2)
            process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(process.wait(), 30) == 0
    finally:
        if process.returncode is None:
            process.kill()
        await telegram.stop()
    assert len(telegram.sent(4201)) == 1  # the send in flight was finished, not abandoned
    database = Database(load_settings(data_dir=tmp_path / "var", database_url=""))
    async with database.read() as conn:
        states = (await conn.execute(select(tables.outbox.c.status))).scalars().all()
    await database.close()
    assert states == ["sent"]


async def test_serve_refuses_to_start_without_what_it_needs(tmp_path: Path) -> None:
    telegram = TelegramStandIn()
    api = await telegram.start()
    try:
        code, out = await run_cli(serve_env(tmp_path, api, TELEGRAM_WEBHOOK_SECRET=""), "serve")
        assert code == 2 and "TELEGRAM_WEBHOOK_SECRET" in out
        code, out = await run_cli(
            serve_env(tmp_path, "http://127.0.0.1:9/bot"), "serve", "--port", str(free_port())
        )
        assert code == 1 and "cannot reach the Telegram Bot API" in out
        assert "Traceback" not in out
    finally:
        await telegram.stop()


async def test_serve_without_delivery_leaves_sending_to_a_worker(settings: Settings) -> None:
    async with serving(settings, deliver=False) as h:
        assert await h.post(updates.text(4301, "hello")) == 200
        await asyncio.sleep(0.3)
        assert h.telegram.sent(4301) == []  # queued, not sent
        stop = asyncio.Event()
        worker = asyncio.create_task(run_worker(h.settings, stop))
        try:
            (reply,) = await h.telegram.wait_for(1, 4301)
            # "hello": the question in English, English offered first.
            assert "Which language do you want to use? Send a number." in reply.params["text"]
            buttons = reply.params["reply_markup"]["inline_keyboard"]
            assert buttons[0][0]["text"] == "1. English"
        finally:
            stop.set()
            assert await worker == 0


@pytest.mark.postgres
async def test_postgresql_going_away_under_load_loses_and_repeats_nothing(
    postgres_settings: Settings,
) -> None:
    """People keep writing while PostgreSQL disappears for a second: webhooks answer 503, the
    platform re-sends, and once it is back every update is handled exactly once."""
    target = urlsplit(POSTGRES_URL.replace("+asyncpg", ""))
    proxy = TcpProxy(target.hostname or "127.0.0.1", target.port or 5432)
    port = await proxy.start()
    url = urlunsplit(urlsplit(POSTGRES_URL)._replace(netloc=_netloc(target, port)))
    through_proxy = load_settings(**{**postgres_settings.model_dump(), "database_url": url})
    script = ["/start", "1", "1", "7", "3", "menu"]
    people = range(7000, 7020)
    refused = 0
    async with serving(through_proxy) as h, _closing(proxy):
        acked = 0

        async def platform(person: int) -> None:
            nonlocal acked, refused
            for text in script:
                update = updates.text(person, text)
                while (status := await h.post(update)) != 200:
                    assert status == 503, status
                    refused += 1
                    await asyncio.sleep(0.1)
                acked += 1

        async def outage() -> None:
            while acked < len(people) * len(script) // 3:
                await asyncio.sleep(0.01)
            await proxy.cut()
            await asyncio.sleep(1.0)
            proxy.port = port
            await proxy.start()

        await asyncio.gather(outage(), *(platform(p) for p in people))
        await h.telegram.wait_for(len(people) * len(script), within=60)
        async with h.passerelle.database.read() as conn:
            logged = await conn.scalar(select(func.count()).select_from(tables.inbound_log))
    assert refused > 0  # the outage did hit people writing
    assert logged == len(people) * len(script)
    received = Counter(str(c.params["chat_id"]) for c in h.telegram.sent())
    assert received == Counter({str(p): len(script) for p in people})
