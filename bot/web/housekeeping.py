"""The console's timed work, a task of the scheduler (bot/scheduler.py, assembled in bot/app.py):
the access log's retention, old login-attempt windows, and the copies of people's messages queued
for console-only volunteers (their inbox reads the request itself, so those outbox rows are deleted
rather than kept as a second copy of someone's words)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete

from bot.store import tables
from bot.store.database import Database
from bot.web import throttle
from bot.web.audit import prune_audit
from bot.web.staff import WEB_CHANNEL

ATTEMPTS_KEPT = dt.timedelta(days=1)


async def run(database: Database, audit_retention_days: int, now: dt.datetime) -> None:
    await prune_audit(database, now, audit_retention_days)
    async with database.write() as conn:
        outbox = tables.outbox
        await conn.execute(delete(outbox).where(outbox.c.channel == WEB_CHANNEL))
        await throttle.forget_before(conn, now - ATTEMPTS_KEPT)
