"""Mails in the store until they are sent: queued inside the transaction that decided them (a
submission, a publication, a CV someone asked to send), sent afterwards by the scheduler, so no
transaction ever waits for an SMTP server and a mail decided is never lost.

`deliver_due` claims due mails one conditional UPDATE at a time (the claim moves
`next_attempt_at` past a five-minute lease, so several processes never send one mail twice, and a
process that dies mid-send leaves the mail to be tried again), sends each, then records it: sent
(its body emptied — it may hold a private link), tried again later with a doubling wait, or
failed. An attachment is made when the mail is sent, by the maker named in `attachment` (the
French CV of the person the mail is about, if they still agree to share it); a maker that returns
nothing drops the mail.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Awaitable, Callable, Mapping

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.config import Settings
from bot.mail import smtp
from bot.mail.smtp import Attachment, MailError
from bot.store import tables
from bot.store.database import Database

log = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=5)
FIRST_RETRY = dt.timedelta(seconds=30)
BATCH = 20  # mails claimed per run
BUDGET_SECONDS = 20.0  # then the scheduler's other tasks get their turn
KEPT = dt.timedelta(days=30)  # sent and failed mails' traces (subject, dates) are kept this long
# What a mail can carry: a maker per name, given the id of the person the mail is about.
Maker = Callable[[int], Awaitable[Attachment | None]]


async def queue(
    conn: AsyncConnection,
    *,
    to: str,
    subject: str,
    body: str,
    now: dt.datetime,
    attachment: str = "",
    about_user_id: int | None = None,
    referral_id: int | None = None,
) -> int:
    """A mail to send once this transaction commits; its id."""
    table = tables.mail_outbox
    values = {
        "to_address": to,
        "subject": subject[:300],
        "body": body,
        "attachment": attachment,
        "about_user_id": about_user_id,
        "referral_id": referral_id,
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "error": "",
        "created_at": now,
    }
    return int(await conn.scalar(table.insert().values(values).returning(table.c.id)) or 0)


async def deliver_due(
    database: Database,
    settings: Settings,
    makers: Mapping[str, Maker],
    now: dt.datetime,
) -> int:
    """Send what is due (a bounded batch); how many mails were sent."""
    if not settings.mail_enabled:
        return 0
    table = tables.mail_outbox
    async with database.read() as conn:
        due = list(
            await conn.scalars(
                select(table.c.id)
                .where(table.c.status.in_(("pending", "sending")), table.c.next_attempt_at <= now)
                .order_by(table.c.next_attempt_at, table.c.id)
                .limit(BATCH)
            )
        )
    sent = 0
    started = time.monotonic()
    for mail_id in due:
        if time.monotonic() - started > BUDGET_SECONDS:
            break
        claimed = await _claim(database, mail_id, now)
        if claimed is not None:
            sent += await _send(database, settings, makers, claimed, now)
    return sent


async def _claim(database: Database, mail_id: int, now: dt.datetime) -> dict[str, object] | None:
    table = tables.mail_outbox
    async with database.write() as conn:
        taken = await conn.execute(
            update(table)
            .where(
                table.c.id == mail_id,
                table.c.status.in_(("pending", "sending")),
                table.c.next_attempt_at <= now,
            )
            .values(status="sending", next_attempt_at=now + LEASE, attempts=table.c.attempts + 1)
        )
        if taken.rowcount != 1:
            return None  # another process took it
        row = (await conn.execute(select(table).where(table.c.id == mail_id))).one()
    return dict(row._mapping)


async def _send(
    database: Database,
    settings: Settings,
    makers: Mapping[str, Maker],
    mail: dict[str, object],
    now: dt.datetime,
) -> int:
    mail_id = int(str(mail["id"]))
    attachment = None
    kind = str(mail["attachment"] or "")
    if kind:
        maker = makers.get(kind)
        about = mail["about_user_id"]
        attachment = await maker(int(str(about))) if maker and about is not None else None
        if attachment is None:  # the person withdrew, or the CV is gone: nothing to send
            await _finish(database, mail, "dropped", now, "nothing to attach")
            log.info("mail %d dropped: its attachment (%s) is no longer there", mail_id, kind)
            return 0
    message = smtp.compose(
        settings, str(mail["to_address"]), str(mail["subject"]), str(mail["body"]), now, attachment
    )
    try:
        await smtp.send(settings, message)
    except MailError as error:
        attempts = int(str(mail["attempts"]))
        final = error.final or attempts >= settings.mail_max_attempts
        retry_at = now + FIRST_RETRY * (2 ** (attempts - 1))
        await _finish(database, mail, "failed" if final else "pending", now, str(error), retry_at)
        log.warning("mail %d not sent (try %d): %s", mail_id, attempts, error)
        return 0
    await _finish(database, mail, "sent", now)
    log.info("mail %d sent", mail_id)
    return 1


async def _finish(
    database: Database,
    mail: dict[str, object],
    status: str,
    now: dt.datetime,
    error: str = "",
    retry_at: dt.datetime | None = None,
) -> None:
    table, referrals = tables.mail_outbox, tables.employer_referrals
    values: dict[str, object] = {"status": status, "error": error[:300]}
    if status == "pending":
        values["next_attempt_at"] = retry_at or now
    else:
        values["body"] = ""  # it may hold a private link; the subject and dates remain
    if status == "sent":
        values["sent_at"] = now
    async with database.write() as conn:
        await conn.execute(update(table).where(table.c.id == mail["id"]).values(values))
        referral = mail["referral_id"]
        if referral is not None and status in ("sent", "dropped", "failed"):
            await conn.execute(
                update(referrals)
                .where(referrals.c.id == referral)
                .values(status=status, decided_at=now)
            )


async def forget_before(conn: AsyncConnection, cutoff: dt.datetime) -> None:
    """Sent, dropped and failed mails older than `cutoff` (housekeeping)."""
    table = tables.mail_outbox
    await conn.execute(
        delete(table).where(
            table.c.status.in_(("sent", "dropped", "failed")), table.c.created_at < cutoff
        )
    )
