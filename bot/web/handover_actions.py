"""What a volunteer does to a request from the console, by the chat's own rules: every action goes
through the handover desk (bot/handover/desk.py) in one transaction with its access-log entry and
the messages it sends, which are outbox rows like every other message.

- take: the desk's conditional UPDATE, so of a console volunteer and a `/take` racing exactly one
  wins; the person hears that a volunteer is here, the others on duty that it is taken.
- reply: translated into the person's language before the transaction (translation is slow),
  then kept as a handover message and queued for the person, marked as machine text as in the
  chat; where no model exists, the original is sent and said so.
- end, and hand over to a colleague (who hears of it on their chat account, if they have one).

This module is the console's whole contract with the handover service; see the README's console
section for what it needs when the desk changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.app import App
from bot.handover.desk import Handovers
from bot.i18n import bidi
from bot.i18n.msg import Msg, _
from bot.messages import Outgoing, OutKind, Recipient
from bot.outbox.queries import new_row
from bot.store import tables
from bot.web import audit
from bot.web import staff as accounts
from bot.web.staff import Member


class NotYours(Exception):
    """The request is not (or no longer) held by this volunteer."""


def may_see(account: Member, person_id: int | None, row: Any) -> bool:
    """Admins see every request; a volunteer sees the waiting ones and those they hold or held."""
    if account.role == accounts.ADMIN:
        return True
    if not account.answers_requests:
        return False
    return row.status == "waiting" or (person_id is not None and row.volunteer_id == person_id)


def holds(person_id: int | None, row: Any) -> bool:
    return person_id is not None and row.status == "taken" and row.volunteer_id == person_id


async def take(app: App, account: Member, handover_id: int) -> bool:
    """True for the one volunteer who takes a waiting request."""
    now = app.engine.clock.now()
    async with app.database.write() as conn:
        me = await accounts.person_of(conn, account, now)
        desk = Handovers(conn)
        if not await desk.take(handover_id, me, now):
            return False
        row = await desk.get(handover_id)
        assert row is not None
        await audit.record(conn, account.id, "took", now, volunteer_id=me, handover_id=handover_id)
        told = [(await desk.person(row), _("handover.volunteer_here", id=handover_id))]
        told += [
            (other, _("handover.vol.taken", id=handover_id)) for other in await desk.on_duty(but=me)
        ]
        channels = await _tell(conn, app, told, now)
    app.engine.notify(channels)
    return True


async def reply(app: App, account: Member, handover_id: int, text: str, language: str) -> None:
    """Send the volunteer's words to the person, translated for them (raises NotYours)."""
    async with app.database.read() as conn:
        desk = Handovers(conn)
        row = await desk.get(handover_id)
        if row is None or not holds(account.user_id, row):
            raise NotYours()
        person = await desk.person(row)
    target = person.language or "fr"
    made = await app.translator.translate(text, language, target, owner=row.user_id)
    shown = text if made.missing else made.text
    if made.missing:
        msg = _("handover.from_volunteer.untranslated", text=text)
    elif made.machine:
        msg = _("handover.from_volunteer.machine", text=made.text)
    else:
        msg = _("handover.from_volunteer", text=made.text)
    now = app.engine.clock.now()
    async with app.database.write() as conn:
        desk = Handovers(conn)
        current = await desk.get(handover_id)
        if current is None or not holds(account.user_id, current):
            raise NotYours()  # ended or handed over while the text was being translated
        await desk.add(handover_id, "volunteer", text, language, shown, target, now)
        await audit.record(
            conn, account.id, "wrote", now, volunteer_id=account.user_id, handover_id=handover_id
        )
        channels = await _tell(conn, app, [(person, msg)], now)
    app.engine.notify(channels)


async def end(app: App, account: Member, handover_id: int) -> None:
    now = app.engine.clock.now()
    async with app.database.write() as conn:
        desk = Handovers(conn)
        row = await desk.get(handover_id)
        if row is None or not holds(account.user_id, row) or not await desk.end(handover_id, now):
            raise NotYours()
        await audit.record(
            conn, account.id, "ended", now, volunteer_id=account.user_id, handover_id=handover_id
        )
        channels = await _tell(
            conn, app, [(await desk.person(row), _("handover.volunteer_ended"))], now
        )
    app.engine.notify(channels)


async def hand_over(app: App, account: Member, handover_id: int, colleague_id: int) -> bool:
    """Give a request one holds to another volunteer; False if they cannot take it."""
    now = app.engine.clock.now()
    handovers = tables.handovers
    async with app.database.write() as conn:
        colleague = await accounts.get(conn, colleague_id)
        if colleague is None or not colleague.active or not colleague.answers_requests:
            return False
        if colleague.id == account.id:
            return False
        them = await accounts.person_of(conn, colleague, now)
        changed = await conn.execute(
            update(handovers)
            .where(
                handovers.c.id == handover_id,
                handovers.c.status == "taken",
                handovers.c.volunteer_id == account.user_id,
            )
            .values(volunteer_id=them, taken_at=now)
        )
        if not changed.rowcount:
            raise NotYours()
        await audit.record(
            conn,
            account.id,
            "handed",
            now,
            target=f"staff:{colleague.id}",
            volunteer_id=account.user_id,
            handover_id=handover_id,
        )
        recipient = await Handovers(conn).recipient(them)
        channels: set[str] = set()
        if recipient.channel != accounts.WEB_CHANNEL:
            told = [(recipient, _("web.inbox.handed_to_you", id=handover_id))]
            channels = await _tell(conn, app, told, now)
    app.engine.notify(channels)
    return True


async def _tell(
    conn: AsyncConnection, app: App, told: list[tuple[Recipient, Msg]], now: dt.datetime
) -> set[str]:
    """Queue messages for people (in their language), as a turn's `tell` does."""
    rows = []
    for recipient, msg in told:
        if recipient.channel == accounts.WEB_CHANNEL:
            continue  # a console-only volunteer reads the inbox itself
        lang = recipient.language or "fr"
        text = app.catalogs.text(lang, msg.id, msg.values)
        rtl = app.catalogs.is_rtl(lang)
        out = Outgoing(OutKind.TEXT, bidi.anchor_rtl(text) if rtl else text, lang, rtl)
        rows.append(new_row(recipient.user_id, recipient.channel, recipient.address, out, now))
    if rows:
        await conn.execute(tables.outbox.insert(), rows)
    return {row["channel"] for row in rows}


async def opened(app: App, account: Member, handover_id: int) -> None:
    """A volunteer (or an admin) was shown a conversation: the access log says so."""
    async with app.database.write() as conn:
        await audit.record(
            conn,
            account.id,
            "opened",
            app.engine.clock.now(),
            volunteer_id=account.user_id,
            handover_id=handover_id,
        )


async def colleagues(conn: AsyncConnection, account: Member) -> list[tuple[int, str]]:
    """Who a request may be handed to: active accounts that answer requests."""
    staff = tables.staff
    rows = await conn.execute(
        select(staff.c.id, staff.c.email)
        .where(
            staff.c.active.is_(True),
            staff.c.role.in_((accounts.ADMIN, accounts.VOLUNTEER_ROLE)),
            staff.c.id != account.id,
        )
        .order_by(staff.c.email)
    )
    return [(r.id, r.email) for r in rows]
