"""The outbox: outgoing messages written with the state that caused them, delivered after commit.

Every message to a person — a reply, a broadcast, an alert — is an `outbox` row. Delivery takes rows
in priority order (replies first), records the platform's id or the error, and never deletes the
row, so "who got it" is always answerable. Rows left behind by an erased person (the confirmation
of the erasure itself) are scrubbed of address and text once sent.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, select, update

from bot.messages import Outgoing
from bot.store import tables
from bot.store.database import Database

ERASED = "erased"


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
                    outbox.c.status == "pending",
                )
            )
            .order_by(outbox.c.priority, outbox.c.id)
        )
        if conn.dialect.name == "postgresql":
            statement = statement.with_for_update(skip_locked=True)
        rows = (await conn.execute(statement)).all()
        if not rows:
            return []
        ids = [row.id for row in rows]
        await conn.execute(
            update(outbox)
            .where(outbox.c.id.in_(ids))
            .values(status="sent", attempts=outbox.c.attempts + 1, sent_at=now, updated_at=now)
        )
        orphans = [row.id for row in rows if row.user_id is None]
        if orphans:
            await conn.execute(
                update(outbox)
                .where(outbox.c.id.in_(orphans))
                .values(address=ERASED, payload={"kind": "text", "text": ""})
            )
    return [Outgoing.from_payload(row.payload) for row in rows]
