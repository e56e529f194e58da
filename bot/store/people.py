"""Changes to a person that do not come from a conversation turn (a platform tells us)."""

from __future__ import annotations

from sqlalchemy import update

from bot.store import tables
from bot.store.database import Database


async def set_blocked(database: Database, channel: str, external_id: str, blocked: bool) -> None:
    """The person blocked the bot (no message may be sent) or unblocked it (back to active)."""
    users = tables.users
    statement = update(users).where(users.c.channel == channel, users.c.external_id == external_id)
    if blocked:
        statement = statement.values(status="blocked")
    else:  # someone who had said STOP stays stopped
        statement = statement.where(users.c.status == "blocked").values(status="active")
    async with database.write() as conn:
        await conn.execute(statement)
