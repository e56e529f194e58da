"""One channel's rate limit, held across processes: each live sender takes an equal share.

Every process that delivers a channel writes a heartbeat (`senders`: its id, the channel, when it
was last seen) every few seconds, and counts the senders seen recently; its limiter then runs at
rate / count. A process that stops deletes its row; one that dies stops being counted after
`STALE` seconds, and the others take its share back (until then the channel runs below its limit).
A process that joins is seen by the others at their next heartbeat: for up to `BEAT` seconds the
channel may exceed its limit by that one share. Measured in tests/test_broadcast_delivery.py.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import delete, func, select, update

from bot.outbox.limits import RateLimiter
from bot.store import tables
from bot.store.database import Database

BEAT = dt.timedelta(seconds=2)
STALE = dt.timedelta(seconds=6)


class SharedRate:
    def __init__(self, database: Database, channel: str, limiter: RateLimiter) -> None:
        self.database = database
        self.channel = channel
        self.limiter = limiter
        self.rate = limiter.per_second  # the channel's whole limit
        self.id = uuid.uuid4().hex
        self.senders = 1
        self._beaten: dt.datetime | None = None

    async def beat(self, now: dt.datetime) -> None:
        """Say we are alive, and take our share of the rate (at most every BEAT)."""
        if not self.rate or (self._beaten is not None and now - self._beaten < BEAT):
            return
        self._beaten = now
        senders = tables.senders
        async with self.database.write() as conn:
            renewed = await conn.execute(
                update(senders).where(senders.c.id == self.id).values(seen_at=now)
            )
            if not renewed.rowcount:
                await conn.execute(
                    senders.insert().values(id=self.id, channel=self.channel, seen_at=now)
                )
            await conn.execute(delete(senders).where(senders.c.seen_at < now - 10 * STALE))
            live = await conn.scalar(
                select(func.count()).where(
                    senders.c.channel == self.channel, senders.c.seen_at >= now - STALE
                )
            )
        self.senders = max(1, int(live or 1))
        self.limiter.set_rate(self.rate / self.senders)

    async def leave(self) -> None:
        if not self.rate:
            return
        senders = tables.senders
        async with self.database.write() as conn:
            await conn.execute(delete(senders).where(senders.c.id == self.id))
