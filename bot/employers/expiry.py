"""The scheduler's task for employers' offers (bot/app.py runs it every few seconds):

- an offer whose end date has passed closes (the bot stops showing it at that commit; one never
  confirmed is simply deleted with the others below);
- a published offer without a sign of life from its employer for EMPLOYER_CONFIRM_AFTER_DAYS
  (publication, an edit, an extension, "still open") gets a mail asking them to confirm, and
  closes EMPLOYER_CONFIRM_GRACE_DAYS later if they have not;
- submissions never confirmed are deleted once their link has expired (with the contact's name,
  address and phone), and so are companies left with no offer and never checked;
- offers closed or refused a year ago are deleted (their employer's details with them), and so
  are the traces of mails sent a month ago.

Each offer is moved by the conditional UPDATE of bot/employers/offers.py, so schedulers running in
several processes never close an offer twice or send two reminders.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import delete, exists, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.employers import store
from bot.employers.mails import PARIS
from bot.employers.offers import Employers, Refused
from bot.mail import outbox
from bot.store import tables
from bot.store.database import Database

log = logging.getLogger(__name__)

BATCH = 200  # offers moved per run at most (the next run takes the rest)
KEPT_AFTER_CLOSING = dt.timedelta(days=365)


@dataclass
class Done:
    ended: int = 0
    reminded: int = 0
    unconfirmed: int = 0
    purged: int = 0


async def run(database: Database, employers: Employers, now: dt.datetime) -> Done:
    settings = employers.settings
    offers = tables.employer_offers
    today = now.astimezone(PARIS).date()
    done = Done()
    async with database.write() as conn:
        ended = await conn.execute(
            store.offers_query()
            .where(offers.c.status.in_(store.COUNTED), offers.c.ends_on < today)
            .limit(BATCH)
        )
        for row in list(ended):
            try:
                await employers.close(conn, store.as_offer(row), "ended", now)
                done.ended += 1
            except Refused:
                continue

        ask_before = now - dt.timedelta(days=settings.employer_confirm_after_days)
        quiet = await conn.execute(
            store.offers_query()
            .where(
                offers.c.status == "published",
                offers.c.reminded_at.is_(None),
                offers.c.alive_at <= ask_before,
            )
            .limit(BATCH)
        )
        grace = dt.timedelta(days=settings.employer_confirm_grace_days)
        for row in list(quiet):
            offer = store.as_offer(row)
            asked = await conn.execute(
                update(offers)
                .where(offers.c.id == offer.id, offers.c.reminded_at.is_(None))
                .values(reminded_at=now)
            )
            if asked.rowcount == 1:
                await employers.mailer.reminder(conn, offer, now, now + grace)
                done.reminded += 1

        silent = await conn.execute(
            store.offers_query()
            .where(offers.c.status == "published", offers.c.reminded_at <= now - grace)
            .limit(BATCH)
        )
        for row in list(silent):
            try:
                await employers.close(conn, store.as_offer(row), "unconfirmed", now)
                done.unconfirmed += 1
            except Refused:
                continue

        done.purged = await _purge(conn, now, settings.employer_confirm_hours)
    if done.ended or done.reminded or done.unconfirmed:
        log.info(
            "employers' offers: %d ended, %d asked to confirm, %d closed unconfirmed",
            done.ended,
            done.reminded,
            done.unconfirmed,
        )
    return done


async def _purge(conn: AsyncConnection, now: dt.datetime, confirm_hours: int) -> int:
    offers, companies = tables.employer_offers, tables.companies
    stale = await conn.execute(
        delete(offers).where(
            offers.c.status == "unconfirmed",
            offers.c.created_at < now - dt.timedelta(hours=confirm_hours),
        )
    )
    old = await conn.execute(
        delete(offers).where(
            offers.c.status.in_(("closed", "refused")),
            offers.c.closed_at < now - KEPT_AFTER_CLOSING,
        )
    )
    await conn.execute(
        delete(companies).where(
            companies.c.checked_at.is_(None),
            ~exists(select(offers.c.id).where(offers.c.company_id == companies.c.id)),
        )
    )
    await outbox.forget_before(conn, now - outbox.KEPT)
    return int(stale.rowcount or 0) + int(old.rowcount or 0)
