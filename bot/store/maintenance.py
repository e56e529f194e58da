"""Housekeeping: forget what no longer needs keeping.

The de-duplication log only has to outlive a platform's retries (hours), so ids older than
`INBOUND_LOG_RETENTION_DAYS` are deleted; machine translations unused for `TRANSLATE_CACHE_DAYS`
are forgotten. The scheduler does this hourly; `passerelle db prune` does the first on demand.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete

from bot.store import tables
from bot.store.database import Database


async def prune(database: Database, now: dt.datetime, retention_days: int) -> int:
    """Delete de-duplication entries older than the retention; return how many went."""
    cutoff = now - dt.timedelta(days=retention_days)
    async with database.write() as conn:
        result = await conn.execute(
            delete(tables.inbound_log).where(tables.inbound_log.c.received_at < cutoff)
        )
    return int(result.rowcount or 0)
