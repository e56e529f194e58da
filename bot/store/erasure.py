""" "Delete my data": one `DELETE FROM users`, the schema's rules, and what the rules cannot do.

In the transaction (`erase`): every table that holds a person's data cascades from `users` —
their conversation, message ids, queued messages, CV answers, handovers and their messages,
translations of their words — and so does every outbox row that carries their words or request
to someone else (`outbox.about_user_id`: a volunteer's notice, the backlog shown at `/take`, a 🚨
alert). One row is kept on purpose: the id of the message that asked for the erasure, unlinked
from the person, so that a platform delivering it again (it re-sends what it thinks was not
received) is recognised instead of starting a new conversation; it goes with the other old ids
after INBOUND_LOG_RETENTION_DAYS. The goodbye is queued after the DELETE without a person, and
scrubbed once sent (bot/outbox/queries.py).

After the commit (`forget`): the person's files (CV PDFs) are removed and, on SQLite, the
write-ahead log is checkpointed and truncated, so that old copies of the erased rows do not stay
readable in it (`PRAGMA secure_delete`, set on every connection, zeroes them in the database
file itself). The translator's in-process cache, which may hold their words for a minute, is
emptied.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, delete, or_, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store import files, tables
from bot.store.database import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Erasure:
    """Someone to erase, and the message (channel, id) with which they asked."""

    user_id: int
    channel: str
    message_id: str


async def erase(conn: AsyncConnection, people: Sequence[Erasure]) -> None:
    """Erase `people` inside the caller's transaction."""
    if not people:
        return
    inbound = tables.inbound_log
    await conn.execute(
        update(inbound)
        .where(
            or_(
                *(
                    and_(inbound.c.channel == p.channel, inbound.c.external_id == p.message_id)
                    for p in people
                )
            )
        )
        .values(user_id=None)
    )
    erased = [p.user_id for p in people]
    await conn.execute(delete(tables.users).where(tables.users.c.id.in_(erased)))


async def forget(database: Database, user_ids: Sequence[int]) -> None:
    """After the commit: the people's files, then SQLite's write-ahead log."""
    data_dir = database.settings.data_dir
    for user_id in user_ids:
        await asyncio.to_thread(files.erase_owned, data_dir, user_id)
    if database.is_sqlite and not await database.empty_log():
        log.warning("erasure: readers kept the SQLite log from being emptied; it will be later")
