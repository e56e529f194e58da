"""Time-outs of conversations with volunteers, told once to whoever they concern.

- A request nobody took within HANDOVER_TIMEOUT_MINUTES: its person hears that no volunteer is free
  yet and that their messages stay with the volunteers; the request stays open in `/queue`.
- A conversation a volunteer took, with no message from either side for HANDOVER_IDLE_MINUTES:
  it ends, and both sides are told why. One conditional UPDATE decides, so a conversation that the
  person or the volunteer ends at the same moment is told ended once, by whoever won.

Run by the scheduler (bot/scheduler.py) in `serve`, `worker` and `chat`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlalchemy import func, select, update

from bot.handover.desk import person_language
from bot.i18n import bidi
from bot.i18n.catalogs import Catalogs
from bot.i18n.msg import Msg, _
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
                .returning(handovers.c.id)
            )
        ).all()
        # In the language they write in, even if they never chose one (an emergency as a first
        # message): French would be a stranger's language to them.
        people = (
            (
                await conn.execute(
                    select(users.c.id, users.c.channel, users.c.external_id, person_language())
                    .select_from(handovers.join(users, users.c.id == handovers.c.user_id))
                    .where(handovers.c.id.in_([r.id for r in rows]))
                )
            ).all()
            if rows
            else []
        )
    for person in people:
        await _tell(catalogs, send, person, _("handover.timeout"))
    return len(people)


async def end_idle(
    database: Database, catalogs: Catalogs, send: Send, minutes: float, now: dt.datetime
) -> int:
    """End taken conversations silent for `minutes`; tell both sides. How many ended."""
    handovers, said, users = tables.handovers, tables.handover_messages, tables.users
    cutoff = now - dt.timedelta(minutes=minutes)
    last_message = (
        select(func.max(said.c.created_at))
        .where(said.c.handover_id == handovers.c.id)
        .scalar_subquery()
    )
    async with database.write() as conn:
        ended = (
            await conn.execute(
                update(handovers)
                .where(
                    handovers.c.status == "taken",
                    func.coalesce(last_message, handovers.c.taken_at) <= cutoff,
                )
                .values(status="ended", ended_at=now)
                .returning(handovers.c.id, handovers.c.user_id, handovers.c.volunteer_id)
            )
        ).all()
        volunteers = {r.volunteer_id for r in ended if r.volunteer_id}
        people = {
            row.id: row
            for row in (
                await conn.execute(
                    select(
                        users.c.id, users.c.channel, users.c.external_id, users.c.language
                    ).where(users.c.id.in_(volunteers))
                )
            ).all()
        }
        people.update(  # each person in the language they write in
            (row.id, row)
            for row in (
                await conn.execute(
                    select(users.c.id, users.c.channel, users.c.external_id, person_language())
                    .select_from(handovers.join(users, users.c.id == handovers.c.user_id))
                    .where(handovers.c.id.in_([r.id for r in ended]))
                )
            ).all()
        )
    for row in ended:
        if row.user_id in people:
            told = _("handover.idle_ended", minutes=int(minutes))
            await _tell(catalogs, send, people[row.user_id], told)
        if row.volunteer_id in people:
            told = _("handover.vol.idle_ended", id=row.id, minutes=int(minutes))
            await _tell(catalogs, send, people[row.volunteer_id], told)
    return len(ended)


async def _tell(catalogs: Catalogs, send: Send, person: Any, msg: Msg) -> None:
    language = person.language or "fr"
    text = catalogs.text(language, msg.id, msg.values)
    rtl = catalogs.is_rtl(language)
    out = Outgoing(OutKind.TEXT, bidi.anchor_rtl(text) if rtl else text, language, rtl)
    await send(person.id, person.channel, person.external_id, [out])
