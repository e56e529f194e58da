"""`passerelle db`: create and upgrade the schema, show where it stands."""

from __future__ import annotations

import sys

import click

from bot.cli import run, settings_or_exit, setup_logging
from bot.clock import SystemClock
from bot.store import maintenance, migrate
from bot.store.database import Database, StoreError


@click.group()
def db() -> None:
    """The database schema (Alembic migrations in `migrations/`)."""


@db.command()
def upgrade() -> None:
    """Bring the schema up to date (run this after each upgrade of Passerelle)."""
    settings = settings_or_exit()
    setup_logging(settings)

    async def go() -> int:
        database = Database(settings)
        try:
            before = await migrate.current_revision(database)
            await migrate.upgrade(database)
            after = await migrate.current_revision(database)
        except StoreError:
            raise
        except Exception as error:
            raise StoreError(f"upgrade failed: {error}") from None
        finally:
            await database.close()
        click.echo(f"schema {before or 'empty'} → {after}")
        return 0

    sys.exit(run(go()))


@db.command()
def current() -> None:
    """Show the schema revision of the database and the one this version needs."""
    settings = settings_or_exit()

    async def go() -> int:
        database = Database(settings)
        try:
            revision = await migrate.current_revision(database)
        except Exception as error:
            raise StoreError(f"cannot read the database: {error}") from None
        finally:
            await database.close()
        head = migrate.head_revision()
        state = "up to date" if revision == head else "out of date: run `passerelle db upgrade`"
        click.echo(f"database: {revision or 'empty'}\nneeded:   {head}\n{state}")
        return 0 if revision == head else 1

    sys.exit(run(go()))


@db.command()
def prune() -> None:
    """Delete de-duplication ids older than INBOUND_LOG_RETENTION_DAYS (running processes also do
    this every hour)."""
    settings = settings_or_exit()

    async def go() -> int:
        database = Database(settings)
        try:
            await migrate.prepare(database)
            removed = await maintenance.prune(
                database, SystemClock().now(), settings.inbound_log_retention_days
            )
        finally:
            await database.close()
        click.echo(f"removed {removed} old message ids")
        return 0

    sys.exit(run(go()))
