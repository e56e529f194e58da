"""Schema migrations with Alembic (`migrations/`): upgrade, report, and the start-up check.

A SQLite store is created and upgraded automatically when a process starts. A PostgreSQL store is
shared by several processes, so upgrading it is an explicit admin step (`passerelle db upgrade`); a
process that finds it out of date refuses to start and says so.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text as sql
from sqlalchemy.engine import Connection

from bot.config import PROJECT_DIR
from bot.store.database import Database, StoreError

MIGRATIONS_DIR = PROJECT_DIR / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def current_revision(database: Database) -> str | None:
    def _read(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with database.engine.connect() as conn:
        return await conn.run_sync(_read)


async def upgrade(database: Database, target: str = "head") -> None:
    def _run(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, target)

    # The writers' transaction (BEGIN IMMEDIATE on SQLite): processes starting together on a new
    # file take turns instead of deadlocking on their first CREATE TABLE.
    async with database.write() as conn:
        await conn.run_sync(_run)


async def prepare(database: Database) -> None:
    """Make the store ready to serve: upgrade SQLite, or check that PostgreSQL is up to date."""
    if database.is_sqlite:
        try:
            await upgrade(database)
        except Exception as error:  # a read-only file or a full disk ends up here
            raise StoreError(
                f"cannot prepare the SQLite database ({database.url}): {error}"
            ) from None
        await _check_writable(database)
        return
    current, head = await current_revision(database), head_revision()
    if current != head:
        raise StoreError(
            f"the database schema is at revision {current or 'none'}, this version needs {head}: "
            "run `passerelle db upgrade` first"
        )


async def _check_writable(database: Database) -> None:
    """Fail at start, with a sentence, when the SQLite file cannot be written (rather than on the
    first message): rewriting the schema's user_version is a write that changes nothing."""
    try:
        async with database.write() as conn:
            version = await conn.scalar(sql("PRAGMA user_version"))
            await conn.execute(sql(f"PRAGMA user_version = {int(version or 0)}"))
    except Exception as error:
        detail = getattr(error, "orig", None) or error
        raise StoreError(
            f"the SQLite database ({database.url}) cannot be written: {detail}. Is the file or its "
            "folder read-only, or the disk full?"
        ) from None
