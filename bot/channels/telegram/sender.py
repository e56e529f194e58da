"""Sending through the real python-telegram-bot `Bot`, with its errors turned into ours."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from telegram import Bot, Message
from telegram import error as tg

from bot.channels.base import RateLimited, Rejected, SendContext, Temporary, Unreachable
from bot.channels.telegram.mapping import CHANNEL
from bot.channels.telegram.render import Call, render
from bot.messages import Outgoing

GONE = ("chat not found", "user is deactivated", "bot was blocked", "peer_id_invalid")


class TelegramSender:
    channel = CHANNEL

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, address: str, out: Outgoing, context: SendContext) -> str | None:
        sent: Message | None = None
        for call in render(out):
            try:
                sent = await self._call(int(address), call)
            except tg.RetryAfter as error:
                raise RateLimited(_seconds(error.retry_after), str(error)) from error
            except tg.Forbidden as error:
                raise Unreachable(error.message) from error
            except tg.BadRequest as error:
                if any(reason in error.message.lower() for reason in GONE):
                    raise Unreachable(error.message) from error
                raise Rejected(error.message) from error
            except (tg.TimedOut, tg.NetworkError) as error:
                raise Temporary(error.message) from error
            except ValueError as error:  # an address that is not a chat id
                raise Rejected(str(error)) from error
        return str(sent.message_id) if sent is not None else None

    async def _call(self, chat_id: int, call: Call) -> Message:
        params = call.params
        if call.method == "send_message":
            # The keyboard is already Bot API JSON (render.keyboard): passed as is, it skips
            # building InlineKeyboardButton objects only to turn them back into dicts.
            extra = (
                {"reply_markup": {"inline_keyboard": params["keyboard"]}}
                if "keyboard" in params
                else None
            )
            return await self.bot.send_message(chat_id, params["text"], api_kwargs=extra)
        if call.method == "send_voice":
            voice = await asyncio.to_thread(Path(params["path"]).read_bytes)
            return await self.bot.send_voice(
                chat_id, voice, caption=params["caption"], filename=params["filename"]
            )
        if call.method == "send_document":
            path = Path(params["path"])
            document = await asyncio.to_thread(path.read_bytes)  # off the event loop
            return await self.bot.send_document(
                chat_id,
                document,
                filename=params["filename"] or path.name,
                caption=params["caption"],
            )
        return await self.bot.send_location(chat_id, params["latitude"], params["longitude"])


def _seconds(retry_after: float | dt.timedelta) -> float:
    if isinstance(retry_after, dt.timedelta):
        return retry_after.total_seconds()
    return float(retry_after)
