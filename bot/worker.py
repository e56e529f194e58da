"""`passerelle worker`: delivery alone — each channel's outbox dispatcher, no web server.

Run one or more beside `passerelle serve --no-delivery` to take sending off the processes that
acknowledge webhooks. On PostgreSQL several workers share the outbox (rows are claimed with
`FOR UPDATE SKIP LOCKED`); a worker wakes every DELIVERY_POLL_SECONDS to look for new rows. It
also runs the timed work (bot/scheduler.py): due announcements, requests nobody took,
housekeeping.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal

from bot.app import open_app, tune_for_serving
from bot.channels.telegram.channel import TelegramChannel
from bot.channels.twilio.channel import TwilioChannel
from bot.config import Settings


async def run_worker(settings: Settings, stop: asyncio.Event | None = None) -> int:
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    async with open_app(settings) as app:
        channels: list[TelegramChannel | TwilioChannel] = []
        if settings.telegram_enabled:
            telegram = TelegramChannel(settings, app)
            await telegram.start(deliver=True)
            channels.append(telegram)
        if settings.twilio_enabled:
            twilio = TwilioChannel(settings, app)
            await twilio.start(deliver=True)
            channels.append(twilio)
        scheduler = app.scheduler()
        scheduler.start()
        tune_for_serving()
        try:
            await stop.wait()
        finally:
            await scheduler.stop()
            for channel in channels:
                await channel.stop()
    return 0
