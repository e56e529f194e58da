"""Downloading the voice notes people send on Telegram, through python-telegram-bot.

`getFile` turns the note's file_id into a path on the Bot API's file server, which is then
downloaded through the same HTTP seam as every other call (bot/channels/telegram/http.py). The
Bot API serves files of up to 20 MB; we refuse larger than SPEECH_MAX_MB before downloading when
Telegram announces the size, and after, whatever it said.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from telegram import Bot
from telegram import error as tg

from bot.messages import Audio
from bot.speech.audio import AudioProblem
from bot.speech.service import FetchError


class TelegramFiles:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def fetch(self, audio: Audio, into: Path, max_bytes: int) -> None:
        try:
            file = await self.bot.get_file(audio.ref)
            if file.file_size is not None and file.file_size > max_bytes:
                raise AudioProblem("too_big")
            data = await file.download_as_bytearray()
        except tg.BadRequest as error:
            if "too big" in error.message.lower():
                raise AudioProblem("too_big") from None
            raise FetchError(f"Telegram: {error.message}") from None
        except tg.TelegramError as error:
            raise FetchError(f"Telegram: {error.message}") from None
        if len(data) > max_bytes:
            raise AudioProblem("too_big")
        await asyncio.to_thread(into.write_bytes, bytes(data))
