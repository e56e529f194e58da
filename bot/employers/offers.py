"""An employer's offer through its life: submitted, confirmed by mail, published or refused by a
coordinator, edited, extended, confirmed still open, closed.

Every change is one conditional UPDATE on the offer's status inside the caller's transaction, so
two coordinators (or a coordinator and the scheduler) never both act on one offer; the mails it
causes are queued in the same transaction. A published offer is a row of `jobs` written the way an
import writes one (bot/directory/importer.py `write_one`: new offers fire the job alerts); closing
deletes that row, so from the commit on the bot neither shows the offer nor announces it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.config import Settings
from bot.directory import importer
from bot.directory.records import EMPLOYER_SOURCE, JobRecord
from bot.employers import store
from bot.employers.form import OfferData, hours_text
from bot.employers.links import Links, new_secret
from bot.employers.mails import PARIS, Mailer
from bot.employers.store import Offer
from bot.i18n.catalogs import Catalogs
from bot.store import tables

HOURS_VALUE = "web.employers.hours_value"


class Refused(Exception):
    """The offer is not in a state that allows this (someone else acted first)."""


@dataclass
class Employers:
    settings: Settings
    catalogs: Catalogs
    links: Links

    @classmethod
    def from_settings(cls, settings: Settings, catalogs: Catalogs) -> Employers:
        return cls(settings, catalogs, Links.from_settings(settings))

    @property
    def mailer(self) -> Mailer:
        return Mailer(self.catalogs, self.links, self.settings)

    # --- the employer ---------------------------------------------------------------------
    async def submit(
        self, conn: AsyncConnection, data: OfferData, language: str, now: dt.datetime
    ) -> int | None:
        """A new offer waiting for its e-mail to be confirmed (and the mail asking it); None when
        the company already has EMPLOYER_MAX_OPEN_OFFERS open (confirmed: checked or shown)."""
        companies = tables.companies
        company = (
            await conn.execute(select(companies).where(companies.c.siret == data.siret))
        ).first()
        if company is None:
            company_id = int(
                await conn.scalar(
                    companies.insert()
                    .values(siret=data.siret, name=data.company, note="", created_at=now)
                    .returning(companies.c.id)
                )
                or 0
            )
        else:
            company_id = company.id
            if company.checked_at is None:  # a checked company keeps the name that was checked
                await conn.execute(
                    update(companies).where(companies.c.id == company_id).values(name=data.company)
                )
        if await store.open_count(conn, company_id) >= self.settings.employer_max_open_offers:
            # Only confirmed offers count: a SIRET is public, and submissions nobody confirms
            # (bounded by the per-SIRET limit) must not lock the real company out.
            return None
        offers = tables.employer_offers
        values = {
            **_columns(data),
            "company_id": company_id,
            "status": "unconfirmed",
            "language": language,
            "contact_email": data.contact_email,
            "link_secret": new_secret(),
            "interested": 0,
            "reason": "",
            "closed_reason": "",
            "created_at": now,
            "updated_at": now,
        }
        offer_id = int(
            await conn.scalar(offers.insert().values(values).returning(offers.c.id)) or 0
        )
        await self.mailer.confirm(conn, await self._load(conn, offer_id), now)
        return offer_id

    async def confirm(self, conn: AsyncConnection, offer: Offer, now: dt.datetime) -> Offer:
        """The e-mail link was followed: to the coordinators, or published at once for an address
        the association already published from, for a company it checked."""
        await self._move(conn, offer, ("unconfirmed",), now, status="pending", confirmed_at=now)
        if await store.trusted(conn, offer.company_id, offer.contact_email):
            return await self.publish(conn, await self._load(conn, offer.id), now, None)
        fresh = await self._load(conn, offer.id)
        await self.mailer.received(conn, fresh, now)
        return fresh

    async def edit(
        self, conn: AsyncConnection, offer: Offer, data: OfferData, now: dt.datetime
    ) -> Offer:
        values = _columns(data)
        await self._move(conn, offer, ("unconfirmed", "pending", "published"), now, **values)
        fresh = await self._load(conn, offer.id)
        if fresh.status == "published":
            await self._alive(conn, fresh, now)
            await self._write_job(conn, fresh, now)
        return await self._load(conn, offer.id)

    async def extend(
        self, conn: AsyncConnection, offer: Offer, ends_on: dt.date, now: dt.datetime
    ) -> Offer:
        await self._move(conn, offer, ("unconfirmed", "pending", "published"), now, ends_on=ends_on)
        await self._alive(conn, offer, now)
        return await self._load(conn, offer.id)

    async def still_open(self, conn: AsyncConnection, offer: Offer, now: dt.datetime) -> Offer:
        await self._move(conn, offer, ("pending", "published"), now)
        await self._alive(conn, offer, now)
        return await self._load(conn, offer.id)

    async def _alive(self, conn: AsyncConnection, offer: Offer, now: dt.datetime) -> None:
        """A sign of life from the employer: the 60 days start again."""
        offers = tables.employer_offers
        await conn.execute(
            update(offers)
            .where(offers.c.id == offer.id, offers.c.status == "published")
            .values(alive_at=now, reminded_at=None)
        )

    # --- the association -----------------------------------------------------------------
    async def check_company(
        self, conn: AsyncConnection, company_id: int, note: str, now: dt.datetime, staff: int | None
    ) -> None:
        companies = tables.companies
        await conn.execute(
            update(companies)
            .where(companies.c.id == company_id)
            .values(note=note[:5000], checked_at=now, checked_by=staff)
        )

    async def publish(
        self, conn: AsyncConnection, offer: Offer, now: dt.datetime, staff: int | None
    ) -> Offer:
        """Shown by the bot from this commit on; matching people are alerted in it."""
        checked = await conn.scalar(
            select(tables.companies.c.checked_at).where(tables.companies.c.id == offer.company_id)
        )
        if checked is None:
            raise Refused("the company is not checked")
        await self._move(
            conn,
            offer,
            ("pending",),
            now,
            status="published",
            published_at=now,
            alive_at=now,
            reminded_at=None,
            decided_by=staff,
        )
        fresh = await self._load(conn, offer.id)
        await self._write_job(conn, fresh, now)
        await self.mailer.published(conn, fresh, now)
        return fresh

    async def refuse(
        self, conn: AsyncConnection, offer: Offer, reason: str, now: dt.datetime, staff: int
    ) -> Offer:
        await self._move(
            conn,
            offer,
            ("pending",),
            now,
            status="refused",
            reason=reason[:2000],
            closed_at=now,
            decided_by=staff,
        )
        fresh = await self._load(conn, offer.id)
        await self.mailer.refused(conn, fresh, now)
        return fresh

    async def close(
        self,
        conn: AsyncConnection,
        offer: Offer,
        why: str,
        now: dt.datetime,
        *,
        reason: str = "",
        staff: int | None = None,
    ) -> Offer:
        """Closed for good: `why` is employer, ended, unconfirmed or coordinator. The bot stops
        showing it at this commit; CVs still waiting for a coordinator are not forwarded."""
        await self._move(
            conn,
            offer,
            store.OPEN,
            now,
            status="closed",
            closed_reason=why,
            reason=reason[:2000],
            closed_at=now,
            decided_by=staff if staff is not None else offer.decided_by,
        )
        await conn.execute(delete(tables.jobs).where(tables.jobs.c.employer_offer_id == offer.id))
        referrals = tables.employer_referrals
        await conn.execute(
            update(referrals)
            .where(referrals.c.offer_id == offer.id, referrals.c.status == "waiting")
            .values(status="dropped", decided_at=now)
        )
        fresh = await self._load(conn, offer.id)
        if why != "employer" and offer.status in ("pending", "published"):
            await self.mailer.closed(conn, fresh, now)
        return fresh

    # --- shared ---------------------------------------------------------------------------
    async def _load(self, conn: AsyncConnection, offer_id: int) -> Offer:
        found = await store.load(conn, offer_id)
        if found is None:
            raise Refused("no such offer")
        return found

    async def _move(
        self,
        conn: AsyncConnection,
        offer: Offer,
        allowed: tuple[str, ...],
        now: dt.datetime,
        **values: Any,
    ) -> None:
        offers = tables.employer_offers
        changed = await conn.execute(
            update(offers)
            .where(offers.c.id == offer.id, offers.c.status.in_(allowed))
            .values(updated_at=now, **values)
        )
        if changed.rowcount != 1:
            raise Refused(f"offer {offer.id} is not {' or '.join(allowed)}")

    async def _write_job(self, conn: AsyncConnection, offer: Offer, now: dt.datetime) -> None:
        """The offer as a row of `jobs` (added, or rewritten after an edit)."""
        jobs = tables.jobs
        existing = await conn.scalar(select(jobs.c.id).where(jobs.c.employer_offer_id == offer.id))
        record = self.job_record(offer, now)
        row_id = await importer.write_one(conn, "jobs", record, self.catalogs, now, existing)
        if existing is None:
            await conn.execute(
                update(jobs).where(jobs.c.id == row_id).values(employer_offer_id=offer.id)
            )

    def job_record(self, offer: Offer, now: dt.datetime) -> JobRecord:
        published = (offer.published_at or now).astimezone(PARIS).date()
        hours = self.catalogs.text("fr", HOURS_VALUE, {"hours": hours_text(offer.hours_per_week)})
        return JobRecord(
            source=EMPLOYER_SOURCE,
            source_id=f"offer-{offer.id}",
            title=offer.title[:200],
            description=offer.description,
            employer=offer.company,
            rome=offer.rome,
            contract=offer.contract,  # type: ignore[arg-type]
            salary=offer.salary,
            hours=hours,
            french_level=offer.french_level,  # type: ignore[arg-type]
            refugee_friendly=True,
            how_to_apply=offer.how_to_apply,
            published=published,
            updated=now.astimezone(PARIS).date(),
            city=offer.city,
            postcode=offer.postcode,
            latitude=offer.latitude,
            longitude=offer.longitude,
        )


def _columns(data: OfferData) -> dict[str, Any]:
    """The offer's columns an employer writes (the company and the e-mail are set once)."""
    return {
        "contact_name": data.contact_name,
        "contact_phone": data.contact_phone,
        "title": data.title[:200],
        "ogr": data.trade.ogr,
        "rome": data.trade.rome,
        "contract": data.contract,
        "hours_per_week": data.hours,
        "starts_on": data.starts_on,
        "ends_on": data.ends_on,
        "city": data.place.name,
        "postcode": data.place.postcode,
        "latitude": data.place.latitude,
        "longitude": data.place.longitude,
        "salary": data.salary,
        "french_level": data.french_level,
        "description": data.description,
        "how_to_apply": data.how_to_apply,
        "cv_route": data.cv_route,
    }
