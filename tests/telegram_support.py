"""Fixtures for the Telegram tests: the stand-in Bot API and our server, both on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from bot.app import App
from bot.config import Settings, load_settings
from bot.server import PASSERELLE, make_server
from tests.standins.telegram import TelegramStandIn

SECRET = "test-secret_123"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}


@dataclass
class Harness:
    telegram: TelegramStandIn
    client: TestClient  # type: ignore[type-arg]
    settings: Settings

    @property
    def passerelle(self) -> App:
        return self.client.server.app[PASSERELLE]

    async def post(self, update: dict[str, Any], headers: dict[str, str] | None = None) -> int:
        response = await self.client.post(
            "/webhooks/telegram", json=update, headers=HEADERS if headers is None else headers
        )
        return response.status


def telegram_settings(base: Settings, api_url: str, **overrides: Any) -> Settings:
    values = base.model_dump()
    values.update(
        telegram_bot_token="123456:TEST-token",
        telegram_webhook_secret=SECRET,
        telegram_api_base_url=api_url,
        telegram_rate_per_second=0,
        telegram_chat_interval_seconds=0,
        delivery_backoff_seconds=0.05,
        delivery_poll_seconds=0.05,
    )
    values.update(overrides)
    return load_settings(**values)


@asynccontextmanager
async def serving(
    base: Settings, polling: bool = False, deliver: bool = True, **overrides: Any
) -> AsyncIterator[Harness]:
    telegram = TelegramStandIn()
    await telegram.start()
    settings = telegram_settings(base, telegram.base_url, **overrides)
    server = TestServer(
        make_server(settings, telegram_polling=polling, deliver=deliver), host="127.0.0.1"
    )
    try:
        async with TestClient(server) as client:
            yield Harness(telegram, client, settings)
    finally:
        await telegram.stop()
