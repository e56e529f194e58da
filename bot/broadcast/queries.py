"""Broadcasts in the store: create, look up, count, cancel — shared by the CLI and the chat flow.

A broadcast row is also its audit: who wrote it and when, the text and its language, the audience,
each language's text with its origin (original, human correction, machine, missing), when it was
due, who cancelled it. Its counts are read from the outbox rows that carry its id, plus the queued
total kept on the row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.broadcast.audience import Audience
from bot.store import tables

OPEN = ("draft", "scheduled", "planning", "sending")
FINAL = ("sent", "delivered", "read", "failed", "skipped")


@dataclass
class Progress:
    id: int
    status: str
    recipients: int  # queued so far (the whole audience once planning is over)
    counts: dict[str, int] = field(default_factory=dict)  # outbox status → rows

    @property
    def done(self) -> int:
        """Messages that reached a final state."""
        return sum(
            self.counts.get(s, 0) for s in ("sent", "delivered", "read", "failed", "skipped")
        )

    @property
    def waiting(self) -> int:
        return self.counts.get("pending", 0) + self.counts.get("sending", 0)


async def create(
    conn: AsyncConnection,
    *,
    author: str,
    text: str,
    language: str,
    audience: Audience,
    now: dt.datetime,
    at: dt.datetime | None = None,
    author_user_id: int | None = None,
    translations: dict[str, dict[str, str]] | None = None,
) -> int:
    table = tables.broadcasts
    texts = {language: {"text": text, "origin": "original"}} | (translations or {})
    result = await conn.execute(
        table.insert()
        .values(
            author=author[:160],
            author_user_id=author_user_id,
            text=text,
            language=language,
            segment=audience.to_json(),
            translations=texts,
            status="scheduled",
            scheduled_at=at or now,
            cursor=0,
            queued=0,
            created_at=now,
            updated_at=now,
        )
        .returning(table.c.id)
    )
    return int(result.scalar_one())


async def get(conn: AsyncConnection, broadcast_id: int) -> Row[Any] | None:
    table = tables.broadcasts
    return (await conn.execute(select(table).where(table.c.id == broadcast_id))).first()


async def recent(conn: AsyncConnection, limit: int = 20) -> list[Row[Any]]:
    table = tables.broadcasts
    rows = await conn.execute(select(table).order_by(table.c.id.desc()).limit(limit))
    return list(rows.all())


async def progress(conn: AsyncConnection, broadcast_id: int) -> Progress | None:
    row = await get(conn, broadcast_id)
    if row is None:
        return None
    outbox = tables.outbox
    counts = {
        status: int(n)
        for status, n in await conn.execute(
            select(outbox.c.status, func.count())
            .where(outbox.c.broadcast_id == broadcast_id)
            .group_by(outbox.c.status)
        )
    }
    return Progress(row.id, row.status, row.queued, counts)


async def cancel(conn: AsyncConnection, broadcast_id: int, who: str, now: dt.datetime) -> bool:
    """Stop a broadcast: nothing more is queued, and what is queued but not sent is skipped.
    False if it was already finished or cancelled."""
    table, outbox = tables.broadcasts, tables.outbox
    changed = await conn.execute(
        update(table)
        .where(table.c.id == broadcast_id, table.c.status.in_(OPEN))
        .values(status="cancelled", cancelled_by=who[:160], finished_at=now, updated_at=now)
    )
    if changed.rowcount == 0:
        return False
    await conn.execute(
        update(outbox)
        .where(outbox.c.broadcast_id == broadcast_id, outbox.c.status == "pending")
        .values(status="skipped", error="cancelled", updated_at=now)
    )
    return True


async def correct(
    conn: AsyncConnection, broadcast_id: int, language: str, text: str, now: dt.datetime
) -> bool:
    """A volunteer's own text for one language: used as is (before planning only)."""
    table = tables.broadcasts
    row = await get(conn, broadcast_id)
    if row is None or row.status not in ("draft", "scheduled"):
        return False
    texts = dict(row.translations) | {language: {"text": text, "origin": "human"}}
    await conn.execute(
        update(table).where(table.c.id == broadcast_id).values(translations=texts, updated_at=now)
    )
    return True


async def audience_size(conn: AsyncConnection, audience: Audience) -> dict[str, int]:
    """How many people the audience reaches today, per language."""
    users = tables.users
    rows = await conn.execute(
        select(users.c.language, func.count()).where(*audience.where()).group_by(users.c.language)
    )
    return {(language or "fr"): int(n) for language, n in rows}


async def finish_sent(conn: AsyncConnection, now: dt.datetime) -> int:
    """Mark done the broadcasts fully queued whose messages all reached a final state."""
    table, outbox = tables.broadcasts, tables.outbox
    waiting = (
        select(outbox.c.id)
        .where(outbox.c.broadcast_id == table.c.id, outbox.c.status.in_(("pending", "sending")))
        .exists()
    )
    changed = await conn.execute(
        update(table)
        .where(table.c.status == "sending", ~waiting)
        .values(status="done", finished_at=now, updated_at=now)
    )
    return int(changed.rowcount or 0)
