"""Registering the bot with Telegram: the webhook URL with its secret, and the command menu shown
in each person's language."""

from __future__ import annotations

from telegram import Bot, BotCommand

from bot.channels.telegram.mapping import ALLOWED_UPDATES
from bot.config import Settings
from bot.engine.flow import Script
from bot.i18n.catalogs import Catalogs

WEBHOOK_PATH = "/webhooks/telegram"


def webhook_url(settings: Settings) -> str:
    return settings.public_base_url + WEBHOOK_PATH


async def set_webhook(bot: Bot, settings: Settings) -> str:
    assert settings.telegram_webhook_secret is not None
    url = webhook_url(settings)
    await bot.set_webhook(
        url,
        secret_token=settings.telegram_webhook_secret.get_secret_value(),
        allowed_updates=list(ALLOWED_UPDATES),
        max_connections=40,
    )
    return url


def commands_in(catalogs: Catalogs, script: Script, language: str) -> list[BotCommand]:
    return [
        BotCommand(command.name, catalogs.text(language, command.describe.id)[:256])
        for command in script.commands
        if command.role is None  # the public menu; volunteers type theirs
    ]


async def set_commands(bot: Bot, catalogs: Catalogs, script: Script) -> list[str]:
    """The "/" menu in every supported language, and French for everyone else."""
    await bot.set_my_commands(commands_in(catalogs, script, "fr"))
    for language in catalogs.codes:
        await bot.set_my_commands(commands_in(catalogs, script, language), language_code=language)
    return list(catalogs.codes)
