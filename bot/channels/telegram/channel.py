"""The Telegram channel: webhook (or long polling), mapping, delivery and set-up, together.

`POST /webhooks/telegram` checks the secret token (403 otherwise, nothing stored), parses the update
with python-telegram-bot (400 if it is not one), hands it to the engine and answers 200 only once
it is committed: an acknowledged update is never lost, and a re-sent one is recognised by its
`update_id`. If the store is down it answers 503 and Telegram tries again later.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from collections.abc import Coroutine
from typing import Any

from aiohttp import web
from telegram import Bot, Update
from telegram import error as tg

from bot.app import App
from bot.channels.telegram.files import TelegramFiles
from bot.channels.telegram.http import AiohttpRequest
from bot.channels.telegram.mapping import ALLOWED_UPDATES, CHANNEL, Incoming, MemberChange, to_event
from bot.channels.telegram.sender import TelegramSender
from bot.config import Settings
from bot.outbox import Dispatcher, RateLimiter
from bot.store import people

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
POLL_TIMEOUT = 30


class SetupError(Exception):
    """Telegram refused our configuration (e.g. the token); the message says which setting."""


def make_bot(settings: Settings) -> Bot:
    assert settings.telegram_bot_token is not None
    return Bot(
        settings.telegram_bot_token.get_secret_value(),
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.telegram_file_base_url,
        request=AiohttpRequest(connections=settings.delivery_max_in_flight + 8),
        get_updates_request=AiohttpRequest(connections=1, read_timeout=POLL_TIMEOUT + 15),
    )


class TelegramChannel:
    name = CHANNEL

    def __init__(self, settings: Settings, app: App, bot: Bot | None = None) -> None:
        self.settings = settings
        self.app = app
        self.bot = bot or make_bot(settings)
        secret = settings.telegram_webhook_secret
        self.secret = secret.get_secret_value() if secret else ""
        self.dispatcher = Dispatcher.from_settings(
            app.database,
            TelegramSender(self.bot),
            RateLimiter(settings.telegram_rate_per_second, settings.telegram_chat_interval_seconds),
            settings,
            app.engine.clock,
        )
        app.speech.register(CHANNEL, TelegramFiles(self.bot))  # voice notes are fetched here
        self.mode = "webhook"
        self.delivering = False
        self._background: set[asyncio.Task[object]] = set()
        self._polling: asyncio.Task[None] | None = None

    # --- life cycle ---------------------------------------------------------------------
    async def start(self, polling: bool = False, deliver: bool = True) -> None:
        try:
            await self.bot.initialize()
        except tg.InvalidToken as error:
            raise SetupError(f"Telegram refused TELEGRAM_BOT_TOKEN ({error.message})") from None
        except tg.NetworkError as error:
            raise SetupError(
                f"cannot reach the Telegram Bot API at TELEGRAM_API_BASE_URL ({error.message})"
            ) from None
        self.delivering = deliver
        if deliver:
            self.app.engine.on_commit(self.dispatcher.on_commit)
            await self.dispatcher.start()
        if polling:
            self.mode = "polling"
            self._polling = asyncio.create_task(self._poll(), name="telegram-polling")

    async def stop(self) -> None:
        if self._polling is not None:
            self._polling.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._polling
        if self.delivering:
            await self.dispatcher.stop()
        if self._background:
            await asyncio.wait(self._background, timeout=5)
        await self.bot.shutdown()

    # --- receiving ----------------------------------------------------------------------
    async def webhook(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not self.secret or not hmac.compare_digest(given.encode(), self.secret.encode()):
            return web.Response(status=403, text="forbidden")
        body = await request.read()  # over MAX_BODY: aiohttp answers 413 itself
        try:
            data = json.loads(body)
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise ValueError("not an update")
            update = Update.de_json(data, self.bot)
            event = to_event(update)
        except Exception:  # any malformed body: not JSON, wrong shapes, wrong types
            return web.Response(status=400, text="not a Telegram update")
        try:
            await self.handle(event)
        except Exception as error:
            log.error("telegram update %s not stored: %r", update.update_id, error)
            return web.Response(status=503, text="try again later")
        return web.Response(text="ok")

    async def process(self, update: Update) -> None:
        """Store one update (through the engine); raises if the store cannot take it."""
        await self.handle(to_event(update))

    async def handle(self, event: Incoming | MemberChange | None) -> None:
        if isinstance(event, MemberChange):
            await people.set_blocked(self.app.database, CHANNEL, event.chat_id, event.blocked)
        elif isinstance(event, Incoming):
            await self.app.engine.handle(event.inbound)
            if event.callback_query_id:
                self._later(self.bot.answer_callback_query(event.callback_query_id))

    def _later(self, coroutine: Coroutine[Any, Any, object]) -> None:
        task: asyncio.Task[object] = asyncio.ensure_future(coroutine)
        self._background.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[object]) -> None:
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.info("telegram: answering a button press failed: %r", task.exception())

    async def _poll(self) -> None:
        """Long polling, for development without a public URL; same path as the webhook."""
        await self.bot.delete_webhook(drop_pending_updates=False)
        offset: int | None = None
        pause = 1.0
        while True:
            try:
                updates = await self.bot.get_updates(
                    offset=offset, timeout=POLL_TIMEOUT, allowed_updates=list(ALLOWED_UPDATES)
                )
                for update in updates:
                    await self.process(update)
                    offset = update.update_id + 1  # only after it is stored
                pause = 1.0
            except asyncio.CancelledError:
                raise
            except Exception as error:  # network trouble or the store: wait, then fetch again
                log.warning("telegram polling: %r; retrying in %.0f s", error, pause)
                await asyncio.sleep(pause)
                pause = min(pause * 2, 60.0)
