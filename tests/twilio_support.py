"""Fixtures for the Twilio tests: the stand-in REST API and our server, both on 127.0.0.1."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer

from bot.app import App
from bot.config import Settings, load_settings
from bot.server import PASSERELLE, make_server
from tests.standins.twilio import ACCOUNT, TOKEN, TwilioStandIn, signature

PUBLIC = "https://bot.example.org"
WHATSAPP_FROM = "whatsapp:+14155238886"
SMS_FROM = "+33757000000"

for variable in ("TWILIO_EDGE", "TWILIO_REGION"):  # they would rewrite the REST host
    os.environ.pop(variable, None)


@dataclass
class Harness:
    twilio: TwilioStandIn
    client: TestClient  # type: ignore[type-arg]
    settings: Settings

    @property
    def passerelle(self) -> App:
        return self.client.server.app[PASSERELLE]

    async def post(
        self,
        path: str,
        form: dict[str, str],
        sign_as: str | None = None,
        token: str = TOKEN,
        headers: dict[str, str] | None = None,
    ) -> ClientResponse:
        url = sign_as if sign_as is not None else PUBLIC + path
        signed = {"X-Twilio-Signature": signature(url, form, token)} if headers is None else headers
        return await self.client.post(path, data=form, headers=signed)

    async def message(self, form: dict[str, str]) -> int:
        return (await self.post("/webhooks/twilio", form)).status


def twilio_settings(base: Settings, api_url: str, **overrides: Any) -> Settings:
    values = base.model_dump()
    values.update(
        twilio_account_sid=ACCOUNT,
        twilio_auth_token=TOKEN,
        twilio_whatsapp_from=WHATSAPP_FROM,
        twilio_sms_from=SMS_FROM,
        twilio_api_base_url=api_url,
        public_base_url=PUBLIC,
        twilio_whatsapp_rate_per_second=0,
        twilio_sms_rate_per_second=0,
        delivery_backoff_seconds=0.05,
        delivery_poll_seconds=0.05,
    )
    values.update(overrides)
    return load_settings(**values)


@asynccontextmanager
async def serving(base: Settings, **overrides: Any) -> AsyncIterator[Harness]:
    twilio = TwilioStandIn()
    await twilio.start()
    settings = twilio_settings(base, twilio.base_url, **overrides)
    server = TestServer(make_server(settings), host="127.0.0.1")
    try:
        async with TestClient(server) as client:
            yield Harness(twilio, client, settings)
    finally:
        await twilio.stop()
