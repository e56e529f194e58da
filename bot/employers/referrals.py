""" "I'm interested" in an employer's offer, for the flows (`t.services.employers`), and the CVs a
coordinator forwards.

When the person agreed that employers may see their CV, the association sends it — the employer
chose how: mailed at once from the association's address (`mail`), or passed on by a coordinator
who looks at it first (`coordinator`); or they take applications only as their offer says
(`none`). What is sent is the French CV's PDF and the offer's title: never the person's chat
account or phone number, unless they wrote it in their CV. Each CV sent is a row of
`employer_referrals`, the person's (shown in "my data", erased with them); the offer keeps only an
anonymous count of people interested.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.config import Settings
from bot.employers import store
from bot.employers.cv_mail import shared_cv
from bot.employers.links import Links
from bot.employers.mails import Mailer
from bot.employers.store import Offer
from bot.i18n.catalogs import Catalogs
from bot.store import tables


@dataclass(frozen=True, slots=True)
class Interest:
    """What "I'm interested" did for an employer's offer."""

    offer: Offer
    route: str  # mail | coordinator | none
    shared: bool = False  # the CV may be shown to employers
    sent: bool = False  # this time: queued for the mail, or for a coordinator
    before: dt.datetime | None = None  # when it was asked before, if it was
    status: str = ""  # of the earlier referral


@dataclass
class Referrals:
    conn: AsyncConnection
    lock: asyncio.Lock
    settings: Settings

    async def offer_of(self, job: Any) -> Offer | None:
        """The employer's offer behind a job row (None for imported offers)."""
        offer_id = getattr(job, "employer_offer_id", None)
        if offer_id is None:
            return None
        async with self.lock:
            return await store.load(self.conn, offer_id)

    async def interested(
        self,
        user_id: int,
        job: Any,
        data: dict[str, Any],
        now: dt.datetime,
        catalogs: Catalogs,
        *,
        first: bool,
    ) -> Interest | None:
        """Count the interest (once per person) and send the CV as the employer asked."""
        offer = await self.offer_of(job)
        if offer is None or offer.status != "published":
            return None
        offers, referrals = tables.employer_offers, tables.employer_referrals
        async with self.lock:
            if first:
                await self.conn.execute(
                    update(offers)
                    .where(offers.c.id == offer.id)
                    .values(interested=offers.c.interested + 1)
                )
            shared = shared_cv(data) is not None
            if offer.cv_route not in ("mail", "coordinator") or not shared:
                return Interest(offer, offer.cv_route, shared)
            earlier = (
                await self.conn.execute(
                    select(referrals.c.created_at, referrals.c.status).where(
                        referrals.c.user_id == user_id, referrals.c.offer_id == offer.id
                    )
                )
            ).first()
            if earlier is not None:
                return Interest(
                    offer, offer.cv_route, True, before=earlier.created_at, status=earlier.status
                )
            waiting = "queued" if offer.cv_route == "mail" else "waiting"
            referral_id = int(
                await self.conn.scalar(
                    referrals.insert()
                    .values(
                        user_id=user_id,
                        offer_id=offer.id,
                        route=offer.cv_route,
                        status=waiting,
                        created_at=now,
                    )
                    .returning(referrals.c.id)
                )
                or 0
            )
            if offer.cv_route == "mail":
                mailer = Mailer(catalogs, Links.from_settings(self.settings), self.settings)
                await mailer.cv(self.conn, offer, user_id, referral_id, now)
        return Interest(offer, offer.cv_route, True, sent=True)

    async def count(self, user_id: int | None) -> int:
        """CVs sent or waiting to be sent for this person ("my data")."""
        if user_id is None:
            return 0
        referrals = tables.employer_referrals
        async with self.lock:
            found = await self.conn.scalar(
                select(func.count())
                .select_from(referrals)
                .where(referrals.c.user_id == user_id, referrals.c.status != "dropped")
            )
        return int(found or 0)

    async def forget(self, user_id: int | None) -> None:
        """On withdrawing their agreement: no CV of theirs leaves any more, and the record of
        those sent goes (what an employer already received stays with them)."""
        if user_id is None:
            return
        async with self.lock:
            await self.conn.execute(
                delete(tables.mail_outbox).where(
                    tables.mail_outbox.c.about_user_id == user_id,
                    tables.mail_outbox.c.status.in_(("pending", "sending")),
                )
            )
            await self.conn.execute(
                delete(tables.employer_referrals).where(
                    tables.employer_referrals.c.user_id == user_id
                )
            )


async def forward(
    conn: AsyncConnection,
    referral_id: int,
    mailer: Mailer,
    now: dt.datetime,
    staff: int,
    *,
    send: bool,
) -> bool:
    """A coordinator passes a waiting CV on to the employer (`send`), or decides not to."""
    referrals = tables.employer_referrals
    row = (await conn.execute(select(referrals).where(referrals.c.id == referral_id))).first()
    if row is None:
        return False
    moved = await conn.execute(
        update(referrals)
        .where(referrals.c.id == referral_id, referrals.c.status == "waiting")
        .values(status="queued" if send else "dropped", decided_at=now, staff_id=staff)
    )
    if moved.rowcount != 1:
        return False
    if send:
        offer = await store.load(conn, row.offer_id)
        if offer is None:
            return False
        await mailer.cv(conn, offer, row.user_id, referral_id, now)
    return True
