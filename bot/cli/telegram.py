"""`passerelle telegram`: register the webhook and the command menu with Telegram."""

from __future__ import annotations

import sys

import click
from telegram import error as tg

from bot.app import default_script
from bot.channels.telegram.channel import make_bot
from bot.channels.telegram.setup import set_commands, set_webhook
from bot.cli import fail, run, settings_or_exit
from bot.i18n.catalogs import Catalogs


@click.group()
def telegram() -> None:
    """The Telegram channel."""


@telegram.command(name="set-webhook")
def set_webhook_command() -> None:
    """Register PUBLIC_BASE_URL/webhooks/telegram (with the secret) and the "/" command menu in
    every supported language."""
    settings = settings_or_exit()
    missing = [
        name
        for name, value in (
            ("TELEGRAM_BOT_TOKEN", settings.telegram_bot_token),
            ("TELEGRAM_WEBHOOK_SECRET", settings.telegram_webhook_secret),
            ("PUBLIC_BASE_URL", settings.public_base_url),
        )
        if not value
    ]
    if missing:
        fail("set " + ", ".join(missing) + " first", 2)
    if not settings.public_base_url.startswith("https://"):
        click.echo("warning: Telegram only delivers webhooks to https:// URLs", err=True)

    async def go() -> int:
        bot = make_bot(settings)
        try:
            async with bot:
                url = await set_webhook(bot, settings)
                languages = await set_commands(
                    bot, Catalogs(settings.content_dir), default_script()
                )
        except tg.TelegramError as error:
            fail(f"Telegram refused: {error.message}")
        click.echo(f"webhook: {url}\ncommands: default (fr) + {', '.join(languages)}")
        return 0

    sys.exit(run(go()))
