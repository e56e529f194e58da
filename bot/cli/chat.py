"""`passerelle chat`: the console channel."""

from __future__ import annotations

import getpass
import sys

import click

from bot.app import open_app
from bot.channels.console import ConsoleChat
from bot.cli import run, settings_or_exit, setup_logging


def _default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "me"


@click.command()
@click.option("--user", "user", default=None, help="Who is talking (each name is one person).")
def chat(user: str | None) -> None:
    """Talk with the bot in this terminal, on the configured store; no token needed."""
    settings = settings_or_exit()
    setup_logging(settings, quiet=True)
    name = (user or _default_user()).strip()
    if not name or len(name) > 64:
        raise click.BadParameter("give a name of 1 to 64 characters", param_hint="--user")

    async def talk() -> int:
        async with open_app(settings) as app:
            scheduler = app.scheduler()  # announcements and time-outs work in the console too
            scheduler.start()
            try:
                console = ConsoleChat(app, name, sys.stdin, sys.stdout, sys.stdin.isatty())
                return await console.run()
            finally:
                await scheduler.stop()

    try:
        sys.exit(run(talk()))
    except KeyboardInterrupt:
        sys.exit(0)
