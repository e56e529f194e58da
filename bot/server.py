"""`passerelle serve`: one aiohttp application for every channel, with delivery and a health check.

Routes: `GET /healthz` (200 with the database's state, 503 when it is unreachable) and each
configured channel's webhooks (`POST /webhooks/telegram`, `POST /webhooks/twilio` and
`/webhooks/twilio/status`), `GET /media/<signed token>` for documents sent by link, the staff's
web console under `/console` (bot/web) and employers' pages under `/employeurs`. With
`deliver=False` the outbox is left to `passerelle worker` processes (see bot/worker.py). The store,
the engine, the channels and their dispatchers live for the application's lifetime (`cleanup_ctx`),
so SIGTERM stops accepting, lets requests in progress finish, delivers or gives back what was
claimed, and closes connections.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from aiohttp import web
from telegram import Bot

from bot.app import App, open_app
from bot.channels.telegram.channel import TelegramChannel
from bot.channels.telegram.setup import WEBHOOK_PATH
from bot.channels.twilio import channel as twilio_channel
from bot.channels.twilio.channel import TwilioChannel
from bot.clock import Clock
from bot.config import Settings
from bot.directory.places import gazetteer
from bot.media import ROUTE as MEDIA_ROUTE
from bot.media import MediaLinks
from bot.web.app import make_console
from bot.web.employers_app import make_employers

SETTINGS = web.AppKey("settings", Settings)
PASSERELLE = web.AppKey("passerelle", App)
TELEGRAM = web.AppKey("telegram", TelegramChannel)
TWILIO = web.AppKey("twilio", TwilioChannel)
MEDIA = web.AppKey("media", MediaLinks)
OPTIONS = web.AppKey("options", dict)

MAX_BODY = 1024 * 1024  # Telegram updates and Twilio forms are small


def make_server(
    settings: Settings,
    *,
    telegram_polling: bool = False,
    clock: Clock | None = None,
    telegram_bot: Bot | None = None,
    deliver: bool = True,
) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY)
    app[SETTINGS] = settings
    app[OPTIONS] = {
        "telegram_polling": telegram_polling,
        "clock": clock,
        "bot": telegram_bot,
        "deliver": deliver,
    }
    app.cleanup_ctx.append(_lifecycle)
    app.router.add_get("/healthz", healthz)
    if settings.telegram_enabled:
        app.router.add_post(WEBHOOK_PATH, _telegram_webhook)
    if settings.twilio_enabled:
        app.router.add_post(twilio_channel.INBOUND_PATH, _twilio_inbound)
        app.router.add_post(twilio_channel.STATUS_PATH, _twilio_status)
    app.router.add_get("/console", _to_console)  # before the sub-app, which would answer 404
    app.add_subapp("/console", make_console(settings, lambda: app[PASSERELLE]))
    app.router.add_get("/employeurs", _to_employers)
    app.router.add_get("/employers", _to_employers_in_english)
    app.add_subapp("/employeurs", make_employers(settings, lambda: app[PASSERELLE]))
    media = MediaLinks.from_settings(settings)
    if media is not None and settings.public_base_url:
        app[MEDIA] = media
        app.router.add_get(MEDIA_ROUTE, media.handle)
    return app


async def _lifecycle(app: web.Application) -> AsyncIterator[None]:
    settings, options = app[SETTINGS], app[OPTIONS]
    async with open_app(settings, clock=options["clock"]) as passerelle:
        app[PASSERELLE] = passerelle
        # The communes list takes ~0.3 s to load: not inside the first "where are you?" turn.
        await asyncio.to_thread(gazetteer, settings.content_dir)
        telegram = None
        if settings.telegram_enabled:
            telegram = TelegramChannel(settings, passerelle, bot=options["bot"])
            await telegram.start(polling=options["telegram_polling"], deliver=options["deliver"])
            app[TELEGRAM] = telegram
        twilio = None
        if settings.twilio_enabled:
            twilio = TwilioChannel(settings, passerelle)
            await twilio.start(deliver=options["deliver"])
            app[TWILIO] = twilio
        scheduler = passerelle.scheduler() if options["deliver"] else None
        if scheduler is not None:
            scheduler.start()
        try:
            yield
        finally:
            if scheduler is not None:
                await scheduler.stop()
            if telegram is not None:
                await telegram.stop()
            if twilio is not None:
                await twilio.stop()


async def _to_console(request: web.Request) -> web.Response:
    raise web.HTTPMovedPermanently("/console/")


async def _to_employers(request: web.Request) -> web.Response:
    raise web.HTTPMovedPermanently("/employeurs/")


async def _to_employers_in_english(request: web.Request) -> web.Response:
    raise web.HTTPMovedPermanently("/employeurs/?lang=en")


async def _telegram_webhook(request: web.Request) -> web.Response:
    return await request.app[TELEGRAM].webhook(request)


async def _twilio_inbound(request: web.Request) -> web.Response:
    return await request.app[TWILIO].inbound(request)


async def _twilio_status(request: web.Request) -> web.Response:
    return await request.app[TWILIO].status(request)


async def healthz(request: web.Request) -> web.Response:
    app = request.app
    channels = {}
    if TELEGRAM in app:
        channels["telegram"] = app[TELEGRAM].mode
    if TWILIO in app:
        for dispatcher in app[TWILIO].dispatchers:
            channels[dispatcher.channel] = "webhook"
    try:
        await asyncio.wait_for(app[PASSERELLE].database.ping(), timeout=3)
    except Exception as error:
        body = {
            "status": "unavailable",
            "database": f"unreachable ({type(error).__name__})",
            "channels": channels,
        }
        return web.json_response(body, status=503)
    return web.json_response({"status": "ok", "database": "ok", "channels": channels})
