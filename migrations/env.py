"""Alembic environment: runs migrations on the connection it is given, or opens its own (async)."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from bot.config import load_settings
from bot.store import tables  # noqa: F401  (every table on Base.metadata)
from bot.store.database import Database
from bot.store.models import Base, UTCDateTime

config = context.config
target_metadata = Base.metadata


def render_item(kind: str, obj: object, autogen_context: object) -> str | bool:
    """Render our own column types as plain SQLAlchemy ones, so migrations never import models."""
    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_item=render_item,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_with_own_engine() -> None:
    database = Database(load_settings())
    try:
        async with database.engine.connect() as conn:
            await conn.run_sync(run_on)
            await conn.commit()
    finally:
        await database.close()


connection = config.attributes.get("connection")
if context.is_offline_mode():
    context.configure(
        url=load_settings().database_url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()
elif connection is not None:
    run_on(connection)
else:
    asyncio.run(run_with_own_engine())
