"""`passerelle`: the command line — chat in the terminal, manage the database and the catalogs.

Every command reads the settings first; a bad setting or an unusable store ends with one clear
sentence on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import sys
from collections.abc import Coroutine
from typing import Any, ClassVar, NoReturn

import click
from sqlalchemy.exc import SQLAlchemyError

from bot import logs
from bot.config import Settings, SettingsError, load_settings
from bot.i18n.catalogs import CatalogError
from bot.store.database import StoreError

EXIT_USAGE = 2


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"passerelle: {message}", err=True)
    sys.exit(code)


def settings_or_exit(**overrides: Any) -> Settings:
    try:
        return load_settings(**overrides)
    except SettingsError as error:
        fail(str(error), EXIT_USAGE)


def run(coroutine: Coroutine[Any, Any, int | None]) -> int:
    """Run a command's coroutine, turning known failures into a message and an exit code."""
    try:
        return asyncio.run(coroutine) or 0
    except (StoreError, CatalogError) as error:
        fail(str(error))
    except SQLAlchemyError as error:
        detail = getattr(error, "orig", None) or error
        fail(f"the database failed ({type(detail).__name__}: {detail})")
    except OSError as error:
        fail(f"{error.strerror or error} ({getattr(error, 'filename', '') or ''})")


def setup_logging(settings: Settings, quiet: bool = False) -> None:
    """LOG_LEVEL on stderr; libraries that see people's texts never quote them (bot/logs.py)."""
    logs.setup(logging.WARNING if quiet else settings.log_level)


class LazyGroup(click.Group):
    """Subcommands imported when used: `passerelle i18n check` needs neither the web server
    nor the Telegram and Twilio clients (measured: 1.1 s of imports otherwise)."""

    COMMANDS: ClassVar[dict[str, str]] = {
        "broadcast": "bot.cli.broadcast:broadcast",
        "chat": "bot.cli.chat:chat",
        "db": "bot.cli.db:db",
        "i18n": "bot.cli.i18n:i18n",
        "import": "bot.cli.imports:import_",
        "serve": "bot.cli.serve:serve",
        "speech": "bot.cli.speech:speech",
        "staff": "bot.cli.staff:staff",
        "worker": "bot.cli.serve:worker",
        "telegram": "bot.cli.telegram:telegram",
        "translate": "bot.cli.translate:translate",
        "volunteers": "bot.cli.broadcast:volunteers",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = self.COMMANDS.get(name)
        if target is None:
            return None
        module, _, attribute = target.partition(":")
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Passerelle: a bot that helps refugees and asylum seekers in France."""
