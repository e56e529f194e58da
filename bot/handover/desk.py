"""Handovers in the store, bound to a turn's transaction (flows reach it as `t.services.handovers`).

A person opens a handover (or finds their open one); on-duty volunteers are told; one volunteer
takes it with a conditional UPDATE, so of two volunteers racing exactly one wins; a volunteer may
hold several. Either side ends it, or a time-out does — again one conditional UPDATE, so whoever
ends it is the only one who tells both sides. Every message is kept with its translation until the
person erases their data (cascade), and every time a volunteer is shown or acts on a conversation,
`access_log` says who, what and when.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.i18n.msg import Msg, to_stored
from bot.messages import Recipient
from bot.store import tables

OPEN = ("waiting", "taken")


def person_language() -> Any:
    """The language a request's person writes in: the one they chose, or — before they chose one
    (an emergency as a first message) — the one their last message to the volunteers was in."""
    handovers, said, users = tables.handovers, tables.handover_messages, tables.users
    written = (
        select(said.c.language)
        .where(said.c.handover_id == handovers.c.id, said.c.author == "person")
        .order_by(said.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(users.c.language, written).label("language")


@dataclass
class Handovers:
    conn: AsyncConnection
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    # --- the person's side --------------------------------------------------------------
    async def current(self, user_id: int | None) -> Row[Any] | None:
        """The person's open handover, if any."""
        if user_id is None:
            return None
        table = tables.handovers
        async with self.lock:
            found = await self.conn.execute(
                select(table)
                .where(table.c.user_id == user_id, table.c.status.in_(OPEN))
                .order_by(table.c.id.desc())
                .limit(1)
            )
            return found.first()

    async def open(self, user_id: int, now: dt.datetime, urgent: bool = False) -> Row[Any]:
        """The person's open handover, or a new one; marked urgent if asked."""
        table = tables.handovers
        found = await self.current(user_id)
        async with self.lock:
            if found is None:
                new_id = await self.conn.scalar(
                    table.insert()
                    .values(user_id=user_id, status="waiting", urgent=urgent, created_at=now)
                    .returning(table.c.id)
                )
            else:
                new_id = found.id
                if urgent and not found.urgent:
                    await self.conn.execute(
                        update(table).where(table.c.id == new_id).values(urgent=True)
                    )
            row = (await self.conn.execute(select(table).where(table.c.id == new_id))).first()
        assert row is not None
        return row

    async def add(
        self,
        handover_id: int,
        author: str,
        text: str,
        language: str,
        translated: str,
        translated_language: str,
        now: dt.datetime,
        context: Msg | None = None,
    ) -> int:
        """Keep one message and its translation (and what it is about, if the bot sends it for
        the person); the number of messages so far."""
        table = tables.handover_messages
        async with self.lock:
            await self.conn.execute(
                table.insert().values(
                    handover_id=handover_id,
                    author=author,
                    text=text,
                    language=language,
                    translated=translated,
                    translated_language=translated_language,
                    context=to_stored(context) if context is not None else None,
                    created_at=now,
                )
            )
            count = await self.conn.scalar(
                select(func.count()).where(table.c.handover_id == handover_id)
            )
        return int(count or 0)

    async def messages(self, handover_id: int, author: str | None = None) -> list[Row[Any]]:
        table = tables.handover_messages
        query = select(table).where(table.c.handover_id == handover_id)
        if author is not None:
            query = query.where(table.c.author == author)
        async with self.lock:
            return list((await self.conn.execute(query.order_by(table.c.id))).all())

    async def end(self, handover_id: int, now: dt.datetime) -> bool:
        table = tables.handovers
        async with self.lock:
            changed = await self.conn.execute(
                update(table)
                .where(table.c.id == handover_id, table.c.status.in_(OPEN))
                .values(status="ended", ended_at=now)
            )
            return bool(changed.rowcount)

    # --- the volunteers' side -----------------------------------------------------------
    async def take(self, handover_id: int, volunteer_id: int, now: dt.datetime) -> bool:
        """True for the one volunteer who takes a waiting handover; False for anyone later."""
        table = tables.handovers
        async with self.lock:
            changed = await self.conn.execute(
                update(table)
                .where(table.c.id == handover_id, table.c.status == "waiting")
                .values(status="taken", volunteer_id=volunteer_id, taken_at=now)
            )
            return bool(changed.rowcount)

    async def release(self, handover_id: int, volunteer_id: int) -> bool:
        """A taken request back in the queue, as if nobody had taken it (the volunteer left
        before answering); False if it is no longer theirs."""
        table = tables.handovers
        async with self.lock:
            changed = await self.conn.execute(
                update(table)
                .where(
                    table.c.id == handover_id,
                    table.c.status == "taken",
                    table.c.volunteer_id == volunteer_id,
                )
                .values(status="waiting", volunteer_id=None, taken_at=None)
            )
            return bool(changed.rowcount)

    async def held(self, volunteer_id: int | None) -> list[Row[Any]]:
        """The conversations a volunteer holds, the most recently taken first, with the person's
        language."""
        if volunteer_id is None:
            return []
        table, users = tables.handovers, tables.users
        async with self.lock:
            found = await self.conn.execute(
                select(table, person_language())
                .join(users, users.c.id == table.c.user_id)
                .where(table.c.volunteer_id == volunteer_id, table.c.status == "taken")
                .order_by(table.c.taken_at.desc(), table.c.id.desc())
            )
            return list(found.all())

    async def get(self, handover_id: int) -> Row[Any] | None:
        table = tables.handovers
        async with self.lock:
            return (await self.conn.execute(select(table).where(table.c.id == handover_id))).first()

    async def waiting(self) -> list[Row[Any]]:
        """Open requests nobody took yet, urgent first, with the person's language."""
        handovers, users = tables.handovers, tables.users
        async with self.lock:
            rows = await self.conn.execute(
                select(handovers, person_language())
                .join(users, users.c.id == handovers.c.user_id)
                .where(handovers.c.status == "waiting")
                .order_by(handovers.c.urgent.desc(), handovers.c.created_at)
            )
            return list(rows.all())

    async def person(self, handover: Row[Any]) -> Recipient:
        """The person of a request, with the language they write in (see `person_language`)."""
        handovers, users = tables.handovers, tables.users
        async with self.lock:
            row = (
                await self.conn.execute(
                    select(users.c.id, users.c.channel, users.c.external_id, person_language())
                    .select_from(handovers.join(users, users.c.id == handovers.c.user_id))
                    .where(handovers.c.id == handover.id)
                )
            ).one()
        return Recipient(row.id, row.channel, row.external_id, row.language)

    async def recipient(self, user_id: int) -> Recipient:
        users = tables.users
        async with self.lock:
            row = (
                await self.conn.execute(
                    select(
                        users.c.id, users.c.channel, users.c.external_id, users.c.language
                    ).where(users.c.id == user_id)
                )
            ).one()
        return Recipient(row.id, row.channel, row.external_id, row.language)

    async def on_duty(self, but: int | None = None) -> list[Recipient]:
        """Volunteers on duty (who receive requests), except `but`."""
        users, duty = tables.users, tables.duty
        async with self.lock:
            rows = await self.conn.execute(
                select(users.c.id, users.c.channel, users.c.external_id, users.c.language)
                .join(duty, duty.c.user_id == users.c.id)
                .where(users.c.status == "active", users.c.id != (but or 0))
                .order_by(users.c.id)
            )
            return [Recipient(r.id, r.channel, r.external_id, r.language) for r in rows]

    async def is_on_duty(self, user_id: int | None) -> bool:
        duty = tables.duty
        async with self.lock:
            return bool(
                await self.conn.scalar(select(duty.c.user_id).where(duty.c.user_id == user_id))
            )

    async def set_duty(self, user_id: int, on: bool, now: dt.datetime) -> None:
        duty = tables.duty
        async with self.lock:
            await self.conn.execute(delete(duty).where(duty.c.user_id == user_id))
            if on:
                await self.conn.execute(duty.insert().values(user_id=user_id, since=now))

    async def log(
        self, volunteer_id: int | None, handover_id: int, action: str, now: dt.datetime
    ) -> None:
        async with self.lock:
            await self.conn.execute(
                tables.access_log.insert().values(
                    volunteer_id=volunteer_id, handover_id=handover_id, action=action, at=now
                )
            )
