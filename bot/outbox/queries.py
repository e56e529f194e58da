"""Outbox rows through their life: claimed for sending, then sent, retried, failed or skipped.

Claiming marks rows `sending` with a lease (`next_attempt_at` in the future). A process that dies
mid-send leaves its rows to be claimed again when the lease ends, so at most the messages that were
in flight are sent twice. On PostgreSQL several processes claim with `FOR UPDATE SKIP LOCKED`.
Rows left by an erased person (the goodbye) carry their own 24-hour window (from when they were
queued) and are scrubbed of address, text and the platform's message id once final.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import and_, bindparam, case, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.messages import Outgoing
from bot.store import tables
from bot.store.database import Database

ERASED = "erased"
REPLY = 0  # priority of replies; announcements and alerts use larger numbers and go after
ALERT = 5  # job alerts: after replies; never sent to someone who said STOP
ANNOUNCEMENT = 9  # volunteers' broadcasts: after everything else; never after STOP
FINAL = ("sent", "delivered", "read", "failed", "skipped")


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    user_id: int | None
    address: str
    payload: dict[str, Any]
    attempts: int
    priority: int
    last_inbound_at: dt.datetime | None = None

    @property
    def message(self) -> Outgoing:
        return Outgoing.from_payload(self.payload)


@dataclass(frozen=True, slots=True)
class Result:
    """What happened to one claimed row."""

    id: int
    status: str  # sent | pending (retry) | failed | skipped
    at: dt.datetime
    external_id: str | None = None
    error: str | None = None
    retry_at: dt.datetime | None = None
    orphan: bool = False  # no person any more: scrub once final


def new_row(
    user_id: int | None,
    channel: str,
    address: str,
    message: Outgoing,
    now: dt.datetime,
    priority: int = REPLY,
    broadcast_id: int | None = None,
) -> dict[str, Any]:
    """An outbox row for `message`, due now (insert it in the transaction that decided it)."""
    return {
        "user_id": user_id,
        "channel": channel,
        "address": address,
        "payload": message.to_payload(),
        "priority": priority,
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
        "updated_at": now,
        "broadcast_id": broadcast_id,
        "about_user_id": message.about,
    }


async def claim(
    database: Database, channel: str, limit: int, now: dt.datetime, lease: dt.timedelta
) -> list[Claimed]:
    """Take up to `limit` due rows of a channel, replies first, oldest first."""
    async with database.write() as conn:
        return await claim_on(conn, channel, limit, now, lease)


async def record_and_claim(
    database: Database,
    results: Sequence[Result],
    channel: str,
    limit: int,
    now: dt.datetime,
    lease: dt.timedelta,
) -> list[Claimed]:
    """Both in one transaction: what a dispatcher does on each turn of its loop."""
    async with database.write() as conn:
        await record_on(conn, results)
        return await claim_on(conn, channel, limit, now, lease) if limit > 0 else []


async def claim_on(
    conn: AsyncConnection, channel: str, limit: int, now: dt.datetime, lease: dt.timedelta
) -> list[Claimed]:
    outbox = tables.outbox
    due = (
        select(outbox.c.id)
        .where(
            outbox.c.channel == channel,
            outbox.c.status.in_(("pending", "sending")),
            outbox.c.next_attempt_at <= now,
        )
        .order_by(outbox.c.priority, outbox.c.id)
        .limit(limit)
    )
    if conn.dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    rows = await conn.execute(
        update(outbox)
        .where(outbox.c.id.in_(due.scalar_subquery()))
        .values(
            status="sending",
            attempts=outbox.c.attempts + 1,
            next_attempt_at=now + lease,
            updated_at=now,
        )
        .returning(
            outbox.c.id,
            outbox.c.user_id,
            outbox.c.address,
            outbox.c.payload,
            outbox.c.attempts,
            outbox.c.priority,
            outbox.c.created_at,
        )
    )
    # A row without a person is the goodbye of someone who erased their data, queued in the
    # turn of their last message: the window that message opened (WhatsApp's 24 hours) is
    # counted from the row itself, since the person's last message time went with them.
    claimed = [
        Claimed(
            row.id,
            row.user_id,
            row.address,
            row.payload,
            row.attempts,
            row.priority,
            row.created_at if row.user_id is None else None,
        )
        for row in rows
    ]
    claimed = await _skip_unwanted(conn, claimed, now)
    return sorted(claimed, key=lambda c: (c.priority, c.id))


async def _skip_unwanted(
    conn: AsyncConnection, claimed: list[Claimed], now: dt.datetime
) -> list[Claimed]:
    """Whoever queued them, nothing goes to someone who blocked the bot, and only replies go to
    someone who said STOP."""
    user_ids = {c.user_id for c in claimed if c.user_id is not None}
    if not user_ids:
        return claimed
    users, outbox = tables.users, tables.outbox
    people = {
        row.id: row
        for row in await conn.execute(
            select(users.c.id, users.c.status, users.c.last_inbound_at).where(
                users.c.id.in_(user_ids)
            )
        )
    }
    skipped: dict[str, list[int]] = {"blocked": [], "stopped": []}
    kept = []
    for row in claimed:
        person = people.get(row.user_id) if row.user_id is not None else None
        state = person.status if person is not None else None
        if state == "blocked" or (state == "stopped" and row.priority > REPLY):
            skipped[state].append(row.id)
        elif person is not None:
            kept.append(replace(row, last_inbound_at=person.last_inbound_at))
        else:
            kept.append(row)
    for reason, ids in skipped.items():
        if ids:
            await conn.execute(
                update(outbox)
                .where(outbox.c.id.in_(ids))
                .values(status="skipped", error=reason, updated_at=now)
            )
    return kept


async def record(database: Database, results: Sequence[Result]) -> None:
    """Write what happened to claimed rows, in one transaction."""
    if results:
        async with database.write() as conn:
            await record_on(conn, results)


async def record_on(conn: AsyncConnection, results: Sequence[Result]) -> None:
    if not results:
        return
    outbox = tables.outbox
    await conn.execute(
        update(outbox)
        .where(outbox.c.id == bindparam("b_id"))
        .values(
            # A delivery receipt may arrive before we record the send: never move a row back.
            status=case(
                (outbox.c.status == "sending", bindparam("b_status")), else_=outbox.c.status
            ),
            external_id=bindparam("b_external"),
            error=bindparam("b_error"),
            next_attempt_at=bindparam("b_next"),
            sent_at=bindparam("b_sent"),
            updated_at=bindparam("b_at"),
        ),
        [
            {
                "b_id": r.id,
                "b_status": r.status,
                "b_external": r.external_id,
                "b_error": r.error,
                "b_next": r.retry_at or r.at,
                "b_sent": r.at if r.status == "sent" else None,
                "b_at": r.at,
            }
            for r in results
        ],
    )
    orphans = [r.id for r in results if r.orphan and r.status in FINAL]
    if orphans:
        await conn.execute(
            update(outbox)
            .where(outbox.c.id.in_(orphans))
            .values(address=ERASED, payload={"kind": "text", "text": ""}, external_id=None)
        )


async def release(database: Database, ids: Sequence[int], now: dt.datetime) -> None:
    """Give claimed rows back (at shutdown) without counting an attempt."""
    if not ids:
        return
    outbox = tables.outbox
    async with database.write() as conn:
        await conn.execute(
            update(outbox)
            .where(outbox.c.id.in_(ids), outbox.c.status == "sending")
            .values(status="pending", attempts=outbox.c.attempts - 1, next_attempt_at=now)
        )


async def mark_unreachable(
    database: Database,
    channel: str,
    address: str,
    now: dt.datetime,
    reason: str,
    status: str = "blocked",
) -> None:
    """The person blocked us (or opted out): mark them so and stop every message still queued."""
    users, outbox = tables.users, tables.outbox
    async with database.write() as conn:
        await conn.execute(
            update(users)
            .where(users.c.channel == channel, users.c.external_id == address)
            .values(status=status)
        )
        await conn.execute(
            update(outbox)
            .where(
                outbox.c.channel == channel,
                outbox.c.address == address,
                outbox.c.status.in_(("pending", "sending")),
            )
            .values(status="failed", error=reason, updated_at=now)
        )


async def take_for_address(
    database: Database, channel: str, address: str, now: dt.datetime
) -> list[Outgoing]:
    """Claim and mark as sent every pending message for one address (the console's delivery)."""
    outbox = tables.outbox
    async with database.write() as conn:
        statement = (
            select(outbox.c.id, outbox.c.payload, outbox.c.user_id)
            .where(
                and_(
                    outbox.c.channel == channel,
                    outbox.c.address == address,
                    or_(outbox.c.status == "pending", outbox.c.status == "sending"),
                )
            )
            .order_by(outbox.c.priority, outbox.c.id)
        )
        if conn.dialect.name == "postgresql":
            statement = statement.with_for_update(skip_locked=True)
        rows = (await conn.execute(statement)).all()
        if not rows:
            return []
        await conn.execute(
            update(outbox)
            .where(outbox.c.id.in_([row.id for row in rows]))
            .values(status="sent", attempts=outbox.c.attempts + 1, sent_at=now, updated_at=now)
        )
        orphans = [row.id for row in rows if row.user_id is None]
        if orphans:
            await conn.execute(
                update(outbox)
                .where(outbox.c.id.in_(orphans))
                .values(address=ERASED, payload={"kind": "text", "text": ""}, external_id=None)
            )
    if orphans:
        await database.empty_log()  # no copy of the goodbye's address left in SQLite's log
    return [Outgoing.from_payload(row.payload) for row in rows]
