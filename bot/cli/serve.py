"""`passerelle serve`: the web server for webhooks, with delivery, until SIGTERM."""

from __future__ import annotations

import logging
import sys

import click
from aiohttp import web

from bot.app import tune_for_serving
from bot.channels.telegram.channel import SetupError
from bot.cli import fail, run, settings_or_exit, setup_logging
from bot.i18n.catalogs import CatalogError
from bot.server import make_server
from bot.store.database import StoreError
from bot.worker import run_worker

log = logging.getLogger("passerelle.serve")


@click.command()
@click.option("--host", default=None, help="Address to listen on (default SERVER_HOST).")
@click.option("--port", type=int, default=None, help="Port to listen on (default SERVER_PORT).")
@click.option(
    "--telegram-polling",
    is_flag=True,
    help="Fetch Telegram updates by long polling instead of a webhook (development).",
)
@click.option("--no-delivery", is_flag=True, help="Leave sending to `passerelle worker` processes.")
def serve(host: str | None, port: int | None, telegram_polling: bool, no_delivery: bool) -> None:
    """Serve the webhooks of every configured channel and deliver the outbox."""
    settings = settings_or_exit()
    setup_logging(settings)
    if settings.telegram_enabled and not telegram_polling and not settings.telegram_webhook_secret:
        fail(
            "TELEGRAM_WEBHOOK_SECRET is required for the Telegram webhook "
            "(or use --telegram-polling)",
            2,
        )
    if settings.twilio_enabled and not settings.public_base_url:
        fail("PUBLIC_BASE_URL is required to check Twilio's signatures", 2)
    host = host or settings.server_host
    port = port or settings.server_port
    app = make_server(settings, telegram_polling=telegram_polling, deliver=not no_delivery)
    app.on_startup.append(
        lambda _app: _started(host, port, settings.telegram_enabled, telegram_polling)
    )
    try:
        web.run_app(
            app,
            host=host,
            port=port,
            print=None,
            shutdown_timeout=10,
            handle_signals=True,
            access_log=None,  # request lines would carry /media/ link tokens; see docs/security.md
        )
    except (StoreError, CatalogError, SetupError) as error:
        fail(str(error))
    except OSError as error:
        fail(f"cannot listen on {host}:{port}: {error.strerror or error}")
    sys.exit(0)


async def _started(host: str, port: int, telegram: bool, polling: bool) -> None:
    tune_for_serving()
    mode = ("polling" if polling else "webhook") if telegram else "off"
    log.info("serving on http://%s:%d (telegram: %s)", host, port, mode)


@click.command()
def worker() -> None:
    """Deliver the outbox of every configured channel (no web server), until SIGTERM."""
    settings = settings_or_exit()
    setup_logging(settings)
    if not settings.telegram_enabled and not settings.twilio_enabled:
        fail("no channel to deliver for: set TELEGRAM_BOT_TOKEN or TWILIO_AUTH_TOKEN", 2)
    try:
        sys.exit(run(run_worker(settings)))
    except SetupError as error:
        fail(str(error))
