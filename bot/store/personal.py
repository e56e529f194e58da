"""Everything the store holds about a person beyond their profile and conversation, for "my data".

One function reads it for all the people of a batch at once (the flows ask through a batched
loader), from every table that keeps something about a person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store import tables


@dataclass(frozen=True, slots=True)
class PersonalData:
    """Counts of what the store holds about a person beyond their profile and conversation."""

    inbound_messages: int
    queued_messages: int
    job_interests: int = 0
    job_alert: bool = False
    asked_about: tuple[tuple[str, str], ...] = ()  # (kind, value) rows of `interests`
    volunteer_messages: int = 0  # messages of their conversations with volunteers


async def load(conn: AsyncConnection, user_ids: Sequence[int]) -> dict[int, PersonalData]:
    """What the store holds about each of these people, in one round of queries."""
    log_table, outbox = tables.inbound_log, tables.outbox
    received = select(log_table.c.user_id, func.count()).where(log_table.c.user_id.in_(user_ids))
    waiting = select(outbox.c.user_id, func.count()).where(
        outbox.c.user_id.in_(user_ids), outbox.c.status == "pending"
    )
    inbound: dict[int, int] = {}
    for user_id, count in await conn.execute(received.group_by(log_table.c.user_id)):
        inbound[user_id] = count
    queued: dict[int, int] = {}
    for user_id, count in await conn.execute(waiting.group_by(outbox.c.user_id)):
        queued[user_id] = count
    interests_table, alerts_table = tables.job_interests, tables.job_alerts
    interests: dict[int, int] = {}
    liked = select(interests_table.c.user_id, func.count()).where(
        interests_table.c.user_id.in_(user_ids)
    )
    for user_id, count in await conn.execute(liked.group_by(interests_table.c.user_id)):
        interests[user_id] = count
    alerted = set(
        await conn.scalars(
            select(alerts_table.c.user_id).where(alerts_table.c.user_id.in_(user_ids))
        )
    )
    asked: dict[int, list[tuple[str, str]]] = {}
    topics = tables.interests
    for user_id, kind, value in await conn.execute(
        select(topics.c.user_id, topics.c.kind, topics.c.value)
        .where(topics.c.user_id.in_(user_ids))
        .order_by(topics.c.kind, topics.c.value)
    ):
        asked.setdefault(user_id, []).append((kind, value))
    talks: dict[int, int] = {}
    handovers, said = tables.handovers, tables.handover_messages
    for user_id, count in await conn.execute(
        select(handovers.c.user_id, func.count())
        .join(said, said.c.handover_id == handovers.c.id)
        .where(handovers.c.user_id.in_(user_ids))
        .group_by(handovers.c.user_id)
    ):
        talks[user_id] = count
    return {
        u: PersonalData(
            inbound.get(u, 0),
            queued.get(u, 0),
            interests.get(u, 0),
            u in alerted,
            tuple(asked.get(u, ())),
            talks.get(u, 0),
        )
        for u in user_ids
    }
