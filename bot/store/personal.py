"""Everything the store holds about a person beyond their profile and conversation, for "my data".

One function reads it for all the people of a batch at once (the flows ask through a batched
loader), from every table that keeps something about a person: the ids and dates of their
messages, what waits to be sent to them, the offers they marked and their job alert, what they
looked for, their requests to volunteers, and the machine translations made of their words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store import tables


@dataclass(frozen=True, slots=True)
class Request:
    """A request to talk with volunteers, as "my data" lists it."""

    id: int
    created_at: dt.datetime
    status: str  # waiting | taken | ended
    messages: int


@dataclass(frozen=True, slots=True)
class PersonalData:
    inbound_messages: int
    queued_messages: int
    first_message_at: dt.datetime | None = None
    last_message_at: dt.datetime | None = None
    offers: tuple[tuple[str, dt.datetime], ...] = ()  # offers they marked: title, when
    job_alert: dict[str, Any] | None = None  # its criteria (bot.directory.search.JobQuery)
    asked_about: tuple[tuple[str, str], ...] = ()  # (kind, value) rows of `interests`
    requests: tuple[Request, ...] = ()
    translations: int = 0  # machine translations of their words, kept for a while
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def job_interests(self) -> int:
        return len(self.offers)

    @property
    def volunteer_messages(self) -> int:
        return sum(r.messages for r in self.requests)


async def load(conn: AsyncConnection, user_ids: Sequence[int]) -> dict[int, PersonalData]:
    """What the store holds about each of these people, in one round of queries."""
    log_table, outbox = tables.inbound_log, tables.outbox
    inbound: dict[int, tuple[int, Any, Any]] = {}
    for user_id, count, first, last in await conn.execute(
        select(
            log_table.c.user_id,
            func.count(),
            func.min(log_table.c.received_at),
            func.max(log_table.c.received_at),
        )
        .where(log_table.c.user_id.in_(user_ids))
        .group_by(log_table.c.user_id)
    ):
        inbound[user_id] = (count, first, last)
    queued: dict[int, int] = {}
    for user_id, count in await conn.execute(
        select(outbox.c.user_id, func.count())
        .where(outbox.c.user_id.in_(user_ids), outbox.c.status == "pending")
        .group_by(outbox.c.user_id)
    ):
        queued[user_id] = count
    offers: dict[int, list[tuple[str, dt.datetime]]] = {}
    liked, jobs = tables.job_interests, tables.jobs
    for user_id, title, at in await conn.execute(
        select(liked.c.user_id, jobs.c.title, liked.c.created_at)
        .join(jobs, jobs.c.id == liked.c.job_id)
        .where(liked.c.user_id.in_(user_ids))
        .order_by(liked.c.created_at)
    ):
        offers.setdefault(user_id, []).append((title, at))
    alerts = tables.job_alerts
    alert = {
        user_id: criteria
        for user_id, criteria in await conn.execute(
            select(alerts.c.user_id, alerts.c.criteria).where(alerts.c.user_id.in_(user_ids))
        )
    }
    asked: dict[int, list[tuple[str, str]]] = {}
    topics = tables.interests
    for user_id, kind, value in await conn.execute(
        select(topics.c.user_id, topics.c.kind, topics.c.value)
        .where(topics.c.user_id.in_(user_ids))
        .order_by(topics.c.kind, topics.c.value)
    ):
        asked.setdefault(user_id, []).append((kind, value))
    requests: dict[int, list[Request]] = {}
    handovers, said = tables.handovers, tables.handover_messages
    for row in await conn.execute(
        select(
            handovers.c.user_id,
            handovers.c.id,
            handovers.c.created_at,
            handovers.c.status,
            func.count(said.c.id).label("messages"),
        )
        .outerjoin(said, said.c.handover_id == handovers.c.id)
        .where(handovers.c.user_id.in_(user_ids))
        .group_by(handovers.c.id)
        .order_by(handovers.c.id)
    ):
        requests.setdefault(row.user_id, []).append(
            Request(row.id, row.created_at, row.status, row.messages)
        )
    cache = tables.translations
    translated: dict[int, int] = {}
    for user_id, count in await conn.execute(
        select(cache.c.user_id, func.count())
        .where(cache.c.user_id.in_(user_ids))
        .group_by(cache.c.user_id)
    ):
        translated[user_id] = count
    return {
        u: PersonalData(
            inbound.get(u, (0, None, None))[0],
            queued.get(u, 0),
            inbound.get(u, (0, None, None))[1],
            inbound.get(u, (0, None, None))[2],
            tuple(offers.get(u, ())),
            alert.get(u),
            tuple(asked.get(u, ())),
            tuple(requests.get(u, ())),
            translated.get(u, 0),
        )
        for u in user_ids
    }
