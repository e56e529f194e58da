"""Turning a due broadcast into outbox rows: translated once per language, queued in batches.

1. **Claim.** One process takes a due broadcast (`scheduled` and its time has come, or `planning`
   whose holder stopped renewing its lease) with one conditional UPDATE, so a scheduled broadcast
   fires once however many processes look.
2. **Translate once per language** of the people in the audience (one call per language, never
   per person); a volunteer's corrected text is used as is. The texts are saved on the broadcast
   before anything is queued, so a restart does not translate again.
3. **Queue in batches** of BROADCAST_BATCH people in user-id order. Each batch's outbox rows and the
   broadcast's cursor (the last user id queued) commit together: after a crash, planning resumes
   after the last committed batch — no one skipped, no one queued twice. WhatsApp people outside
   the 24-hour window, with no approved template for their language, are recorded as skipped.
4. The broadcast is then `sending`; the outbox dispatchers deliver it after every reply
   (priority), and `finish_sent` marks it `done` when every message reached a final state.

`plan_due` does all of this for every due broadcast; the scheduler (bot/scheduler.py) runs it.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from sqlalchemy import Row, or_, select, update

from bot.broadcast import queries
from bot.broadcast.audience import Audience
from bot.clock import Clock
from bot.config import Settings
from bot.i18n import bidi
from bot.i18n.catalogs import Catalogs
from bot.messages import Outgoing, OutKind
from bot.outbox.queries import ANNOUNCEMENT, new_row
from bot.store import tables
from bot.store.database import Database
from bot.translate.service import Translator

log = logging.getLogger(__name__)
WINDOW = dt.timedelta(hours=24)
OUTSIDE_WINDOW = "outside WhatsApp's 24-hour window, and no approved template for the language"


async def plan_due(
    database: Database,
    translator: Translator,
    catalogs: Catalogs,
    settings: Settings,
    clock: Clock,
) -> list[int]:
    """Mark finished broadcasts done, then plan every broadcast that is due; the ids planned."""
    lease = dt.timedelta(seconds=settings.broadcast_lease_seconds)
    async with database.write() as conn:
        await queries.finish_sent(conn, clock.now())
    planned = []
    while broadcast := await claim(database, clock.now(), lease):
        texts = await texts_for(database, translator, broadcast, clock.now())
        done = await queue(
            database,
            broadcast,
            messages(catalogs, texts, broadcast.language),
            batch=settings.broadcast_batch,
            lease=lease,
            templates=dict(settings.twilio_template_content_sids),
            clock=clock,
        )
        log.info("broadcast %s %s", broadcast.id, "queued" if done else "stopped")
        planned.append(broadcast.id)
    return planned


async def claim(database: Database, now: dt.datetime, lease: dt.timedelta) -> Row[Any] | None:
    """Take the next due broadcast for planning, or None."""
    table = tables.broadcasts
    async with database.write() as conn:
        due = (
            select(table.c.id)
            .where(
                or_(
                    (table.c.status == "scheduled") & (table.c.scheduled_at <= now),
                    (table.c.status == "planning") & (table.c.lease_until < now),
                )
            )
            .order_by(table.c.scheduled_at, table.c.id)
            .limit(1)
        )
        if conn.dialect.name == "postgresql":
            due = due.with_for_update(skip_locked=True)
        found = await conn.execute(
            update(table)
            .where(table.c.id.in_(due.scalar_subquery()))
            .values(status="planning", lease_until=now + lease, updated_at=now)
            .returning(*table.c)
        )
        return found.first()


async def texts_for(
    database: Database, translator: Translator, broadcast: Row[Any], now: dt.datetime
) -> dict[str, dict[str, str]]:
    """The text for each language of the audience: kept ones, else one translation call each."""
    audience = Audience.from_json(broadcast.segment)
    users = tables.users
    async with database.read() as conn:
        languages = {
            language or broadcast.language
            for (language,) in await conn.execute(
                select(users.c.language).where(*audience.where()).distinct()
            )
        }
    texts: dict[str, dict[str, str]] = dict(broadcast.translations)
    for language in sorted(languages - set(texts)):
        made = await translator.translate(broadcast.text, broadcast.language, language)
        texts[language] = {"text": made.text, "origin": made.origin}
    if texts != broadcast.translations:
        table = tables.broadcasts
        async with database.write() as conn:
            await conn.execute(
                update(table)
                .where(table.c.id == broadcast.id)
                .values(translations=texts, updated_at=now)
            )
    return texts


def messages(
    catalogs: Catalogs, texts: dict[str, dict[str, str]], source: str
) -> dict[str, Outgoing]:
    """One message per language: the announcement, marked when machine-translated, with
    how to stop announcements. Where no translation exists the original is sent, said so."""
    found: dict[str, Outgoing] = {}
    for language, text in texts.items():
        origin = text["origin"]
        body = text["text"]
        if origin == "machine":
            body = catalogs.text(language, "broadcast.machine", {"text": body})
        elif origin == "missing":
            body = catalogs.text(
                language, "broadcast.untranslated", {"text": texts[source]["text"]}
            )
        full = catalogs.text(language, "broadcast.message", {"text": body})
        rtl = catalogs.is_rtl(language)
        found[language] = Outgoing(
            OutKind.TEXT, bidi.anchor_rtl(full) if rtl else full, language, rtl
        )
    return found


async def queue(
    database: Database,
    broadcast: Row[Any],
    messages: dict[str, Outgoing],
    *,
    batch: int,
    lease: dt.timedelta,
    templates: dict[str, str],
    clock: Clock,
) -> bool:
    """Queue the audience batch by batch from the broadcast's cursor. False if it was cancelled
    or taken over by another process meanwhile."""
    table, users, outbox = tables.broadcasts, tables.users, tables.outbox
    audience = Audience.from_json(broadcast.segment)
    cursor = broadcast.cursor
    while True:
        now = clock.now()
        async with database.write() as conn:
            current = select(table.c.status, table.c.cursor).where(table.c.id == broadcast.id)
            if conn.dialect.name == "postgresql":
                current = current.with_for_update()
            state = (await conn.execute(current)).first()
            if state is None or state.status != "planning" or state.cursor != cursor:
                log.info("broadcast %s: planning stopped (%s)", broadcast.id, state)
                return False
            people = (
                await conn.execute(
                    select(
                        users.c.id,
                        users.c.channel,
                        users.c.external_id,
                        users.c.language,
                        users.c.last_inbound_at,
                    )
                    .where(*audience.where(), users.c.id > cursor)
                    .order_by(users.c.id)
                    .limit(batch)
                )
            ).all()
            if not people:
                await conn.execute(
                    update(table)
                    .where(table.c.id == broadcast.id)
                    .values(status="sending", lease_until=None, updated_at=now)
                )
                return True
            rows = []
            for person in people:
                language = person.language if person.language in messages else broadcast.language
                row = new_row(
                    person.id,
                    person.channel,
                    person.external_id,
                    messages[language],
                    now,
                    ANNOUNCEMENT,
                    broadcast.id,
                )
                # Every row has the same keys: an executemany takes its columns from the first.
                row["error"] = None
                if _closed_window(person, now) and not (
                    templates.get(language) or templates.get("default")
                ):
                    row |= {"status": "skipped", "error": OUTSIDE_WINDOW}
                rows.append(row)
            await conn.execute(outbox.insert(), rows)
            cursor = people[-1].id
            await conn.execute(
                update(table)
                .where(table.c.id == broadcast.id)
                .values(
                    cursor=cursor,
                    queued=table.c.queued + len(rows),
                    lease_until=now + lease,
                    updated_at=now,
                )
            )


def _closed_window(person: Any, now: dt.datetime) -> bool:
    if person.channel != "whatsapp":
        return False
    return person.last_inbound_at is None or now - person.last_inbound_at > WINDOW
