"""The volunteers' desk: what the chat flow does with broadcasts, bound to the turn's transaction
(flows reach it as `t.services.broadcasts`). The CLI uses `queries` directly."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.broadcast import queries
from bot.broadcast.audience import Audience
from bot.store import tables


@dataclass
class Announcements:
    conn: AsyncConnection
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def audience_size(self, audience: Audience) -> dict[str, int]:
        async with self.lock:
            return await queries.audience_size(self.conn, audience)

    async def draft(
        self,
        *,
        author: str,
        author_user_id: int | None,
        text: str,
        language: str,
        audience: Audience,
        now: dt.datetime,
    ) -> int:
        """A broadcast that waits for its author's confirmation (never planned before)."""
        async with self.lock:
            new_id = await queries.create(
                self.conn,
                author=author,
                author_user_id=author_user_id,
                text=text,
                language=language,
                audience=audience,
                now=now,
            )
            table = tables.broadcasts
            await self.conn.execute(
                update(table).where(table.c.id == new_id).values(status="draft")
            )
            return new_id

    async def confirm(self, broadcast_id: int, at: dt.datetime, now: dt.datetime) -> bool:
        table = tables.broadcasts
        async with self.lock:
            changed = await self.conn.execute(
                update(table)
                .where(table.c.id == broadcast_id, table.c.status == "draft")
                .values(status="scheduled", scheduled_at=at, updated_at=now)
            )
            return bool(changed.rowcount)

    async def get(self, broadcast_id: int) -> Row[Any] | None:
        async with self.lock:
            return await queries.get(self.conn, broadcast_id)

    async def correct(self, broadcast_id: int, language: str, text: str, now: dt.datetime) -> bool:
        async with self.lock:
            return await queries.correct(self.conn, broadcast_id, language, text, now)

    async def cancel(self, broadcast_id: int, who: str, now: dt.datetime) -> bool:
        async with self.lock:
            return await queries.cancel(self.conn, broadcast_id, who, now)

    async def progress(self, broadcast_id: int) -> queries.Progress | None:
        async with self.lock:
            return await queries.progress(self.conn, broadcast_id)
