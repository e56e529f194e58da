"""The inbound log: every message id we took, so a platform's re-send is recognised.

A message id is recorded in the same transaction as the turn it starts; if it is already there,
the message is a duplicate and nothing else happens. Only ids and dates are kept (never text), and
only for `INBOUND_LOG_RETENTION_DAYS` (bot/store/maintenance.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import replace

from sqlalchemy import and_, bindparam, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.messages import Inbound
from bot.store import tables
from bot.store.dialect import insert_for

ID_LENGTH = 128  # users.external_id and inbound_log.external_id


async def record(
    conn: AsyncConnection,
    inbounds: Sequence[Inbound],
    user_ids: Mapping[tuple[str, str], int | None],
    now: dt.datetime,
) -> list[bool]:
    """Insert the message ids; say for each message whether it is new (else a duplicate)."""
    log_table = tables.inbound_log
    unique: dict[tuple[str, str], Inbound] = {}
    for inbound in inbounds:
        unique.setdefault((inbound.channel, inbound.message_id), inbound)
    statement = (
        insert_for(conn, log_table)
        .on_conflict_do_nothing()
        .returning(log_table.c.channel, log_table.c.external_id)
    )
    rows = [
        {
            "channel": i.channel,
            "external_id": i.message_id,
            "user_id": user_ids.get(i.user_key),
            "received_at": i.received_at or now,
        }
        for i in unique.values()
    ]
    new = {(row.channel, row.external_id) for row in await conn.execute(statement, rows)}
    accepted = []
    for inbound in inbounds:  # the same id twice in one batch: only the first is new
        key = (inbound.channel, inbound.message_id)
        accepted.append(key in new)
        new.discard(key)
    return accepted


async def attach(
    conn: AsyncConnection, inbounds: Sequence[Inbound], user_ids: Mapping[tuple[str, str], int]
) -> None:
    """Name the person of messages recorded before their row existed (their first message)."""
    rows = [
        {"b_channel": i.channel, "b_message": i.message_id, "b_user": user_ids[i.user_key]}
        for i in inbounds
        if i.user_key in user_ids
    ]
    if not rows:
        return
    log_table = tables.inbound_log
    await conn.execute(
        update(log_table)
        .where(
            and_(
                log_table.c.channel == bindparam("b_channel"),
                log_table.c.external_id == bindparam("b_message"),
            )
        )
        .values(user_id=bindparam("b_user")),
        rows,
    )


def fit(inbound: Inbound) -> Inbound:
    """Ids longer than the columns (or with characters a database refuses) become digests."""
    message_id, user_id = _fit(inbound.message_id), _fit(inbound.user_id)
    if (message_id, user_id) == (inbound.message_id, inbound.user_id):
        return inbound
    return replace(inbound, message_id=message_id, user_id=user_id)


def _fit(value: str) -> str:
    if len(value) <= ID_LENGTH and value.isprintable():
        return value
    return "sha256:" + hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()
