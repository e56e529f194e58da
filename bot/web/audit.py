"""The access log for console actions, and its retention.

Every console action — a login (and a refused one), opening a conversation, taking, replying,
ending, handing over, an edit, an import, an export, an announcement — is one `access_log` row
with who (the staff account, and the volunteer's person for requests), what, on what (`target`,
e.g. "service:12") and when; never the person's words or anything that names them. The chat's
volunteers write to the same log (bot/handover/desk.py). Admins read it in the console.
`prune_audit` deletes entries older than AUDIT_RETENTION_DAYS; the scheduler calls it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store import tables
from bot.store.database import Database

PAGE = 100
# Actions written by the console (the chat writes notified, took, read, wrote, ended, released too).
ACTIONS = (
    "login",
    "login_refused",
    "logout",
    "logout_all",
    "password",
    "opened",
    "took",
    "wrote",
    "ended",
    "handed",
    "edited",
    "checked",
    "imported",
    "exported",
    "announced",
    "corrected",
    "scheduled",
    "cancelled",
    "account",
    "canned",
    "vetted",
    "published",
    "refused",
    "withdrew",
    "forwarded",
    "not_forwarded",
)


async def record(
    conn: AsyncConnection,
    staff_id: int | None,
    action: str,
    now: dt.datetime,
    *,
    target: str = "",
    volunteer_id: int | None = None,
    handover_id: int | None = None,
) -> None:
    await conn.execute(
        tables.access_log.insert().values(
            staff_id=staff_id,
            volunteer_id=volunteer_id,
            handover_id=handover_id,
            action=action[:16],
            target=target[:64],
            at=now,
        )
    )


@dataclass(frozen=True, slots=True)
class Entry:
    at: dt.datetime
    who: str  # the staff member's e-mail, or "#<person id>" for a chat volunteer
    action: str
    target: str


async def entries(
    conn: AsyncConnection,
    *,
    before: int | None = None,
    staff_id: int | None = None,
    action: str | None = None,
) -> tuple[list[Entry], int | None]:
    """A page of the log, newest first, and the id to continue from (None at the end)."""
    log, staff = tables.access_log, tables.staff
    query = (
        select(
            log.c.id,
            log.c.at,
            log.c.action,
            log.c.target,
            log.c.handover_id,
            log.c.volunteer_id,
            staff.c.email,
        )
        .outerjoin(staff, staff.c.id == log.c.staff_id)
        .order_by(log.c.id.desc())
        .limit(PAGE + 1)
    )
    if before is not None:
        query = query.where(log.c.id < before)
    if staff_id is not None:
        query = query.where(log.c.staff_id == staff_id)
    if action:
        query = query.where(log.c.action == action)
    rows = list((await conn.execute(query)).all())
    more = rows[PAGE].id if len(rows) > PAGE else None
    return [_entry(row) for row in rows[:PAGE]], (rows[PAGE - 1].id if more else None)


def _entry(row: Any) -> Entry:
    who = row.email or (f"#{row.volunteer_id}" if row.volunteer_id else "—")
    target = row.target or (f"request:{row.handover_id}" if row.handover_id else "")
    return Entry(row.at, who, row.action, target)


async def prune_audit(database: Database, now: dt.datetime, days: int) -> int:
    """Delete access-log entries older than `days`; how many went."""
    cutoff = now - dt.timedelta(days=days)
    log = tables.access_log
    async with database.write() as conn:
        result = await conn.execute(delete(log).where(log.c.at < cutoff))
    return int(result.rowcount or 0)


async def oldest(conn: AsyncConnection) -> dt.datetime | None:
    found: dt.datetime | None = await conn.scalar(select(func.min(tables.access_log.c.at)))
    return found
