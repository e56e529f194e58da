"""Requests nobody took in time: the person is told, once, in their language.

After HANDOVER_TIMEOUT_MINUTES a waiting request's person hears that no volunteer is free yet,
that their messages stay with the volunteers, and that they can look for help nearby meanwhile
(their conversation offers it). The request stays open and visible in volunteers' `/queue`.
Run by the scheduler (bot/scheduler.py) in `serve`, `worker` and `chat`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy import select, update

from bot.i18n import bidi
from bot.i18n.catalogs import Catalogs
from bot.messages import Outgoing, OutKind
from bot.store import tables
from bot.store.database import Database

Send = Callable[[int, str, str, Sequence[Outgoing]], Awaitable[None]]


async def tell_waiting(
    database: Database, catalogs: Catalogs, send: Send, minutes: float, now: dt.datetime
) -> int:
    """Tell the people whose request waited too long; how many were told."""
    handovers, users = tables.handovers, tables.users
    cutoff = now - dt.timedelta(minutes=minutes)
    async with database.write() as conn:
        rows = (
            await conn.execute(
                update(handovers)
                .where(
                    handovers.c.status == "waiting",
                    handovers.c.created_at <= cutoff,
                    handovers.c.timed_out_at.is_(None),
                )
                .values(timed_out_at=now)
                .returning(handovers.c.user_id)
            )
        ).all()
        people = (
            (
                await conn.execute(
                    select(
                        users.c.id, users.c.channel, users.c.external_id, users.c.language
                    ).where(users.c.id.in_([r.user_id for r in rows]))
                )
            ).all()
            if rows
            else []
        )
    for person in people:
        language = person.language or "fr"
        text = catalogs.text(language, "handover.timeout")
        rtl = catalogs.is_rtl(language)
        out = Outgoing(OutKind.TEXT, bidi.anchor_rtl(text) if rtl else text, language, rtl)
        await send(person.id, person.channel, person.external_id, [out])
    return len(people)
