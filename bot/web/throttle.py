"""Login attempts limited per account and per network address, in the store (so every process
counts the same failures).

A fixed window per key: after `limit` failures within the window, logging in is refused until the
window ends — even with the right password, so guessing cannot continue at the limit. A success
clears the account's count (not the address's: one person's success must not reset a guesser
sharing their address).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store import tables
from bot.store.dialect import insert_for


def keys(email: str, address: str) -> tuple[str, str]:
    return f"account:{email[:250]}", f"address:{address[:250]}"


async def blocked(
    conn: AsyncConnection, limits: dict[str, int], now: dt.datetime, window: dt.timedelta
) -> bool:
    """Whether any key has reached its limit within its current window."""
    table = tables.login_attempts
    rows = await conn.execute(
        select(table.c.key, table.c.failures, table.c.window_start).where(
            table.c.key.in_(list(limits))
        )
    )
    return any(row.failures >= limits[row.key] and now - row.window_start < window for row in rows)


async def failed(
    conn: AsyncConnection, names: tuple[str, ...], now: dt.datetime, window: dt.timedelta
) -> None:
    """Count one failure for each key (a window that ended starts again)."""
    table = tables.login_attempts
    statement = insert_for(conn, table)
    await conn.execute(
        statement.on_conflict_do_nothing(index_elements=[table.c.key]),
        [{"key": key, "failures": 0, "window_start": now} for key in names],
    )
    await conn.execute(
        update(table)
        .where(table.c.key.in_(names), table.c.window_start <= now - window)
        .values(failures=0, window_start=now)
    )
    await conn.execute(
        update(table).where(table.c.key.in_(names)).values(failures=table.c.failures + 1)
    )


async def succeeded(conn: AsyncConnection, account_key: str) -> None:
    await conn.execute(
        delete(tables.login_attempts).where(tables.login_attempts.c.key == account_key)
    )


async def forget_before(conn: AsyncConnection, cutoff: dt.datetime) -> None:
    """Windows that ended long ago (housekeeping)."""
    table = tables.login_attempts
    await conn.execute(delete(table).where(table.c.window_start < cutoff))
