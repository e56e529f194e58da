"""Anonymous daily counters: how many messages came in and went out, new and erased people — per
day, metric, channel and language, never per person. What survives "delete my data"."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store import tables
from bot.store.dialect import insert_for

Counts = Counter[tuple[str, str, str]]  # (metric, channel, language) → how many


async def add(conn: AsyncConnection, day: dt.date, counts: Counts) -> None:
    rows = [
        {"day": day, "metric": metric, "channel": channel, "language": language, "value": value}
        for (metric, channel, language), value in sorted(counts.items())
        if value
    ]
    if not rows:
        return
    counter = tables.counters
    statement = insert_for(conn, counter)
    statement = statement.on_conflict_do_update(
        index_elements=[counter.c.day, counter.c.metric, counter.c.channel, counter.c.language],
        set_={"value": counter.c.value + statement.excluded.value},
    )
    await conn.execute(statement, rows)
