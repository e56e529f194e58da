"""Reading employers' offers: one offer with its company, as a typed record, and the queries the
pages and the scheduler share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.directory.records import EMPLOYER_SOURCE
from bot.store import tables

OPEN = ("unconfirmed", "pending", "published")  # not closed or refused yet
COUNTED = ("pending", "published")  # what counts towards a company's ceiling
STATUSES = ("unconfirmed", "pending", "published", "refused", "closed")
__all__ = ["COUNTED", "EMPLOYER_SOURCE", "OPEN", "STATUSES", "Offer", "load", "offers_query"]


@dataclass(frozen=True, slots=True)
class Offer:
    id: int
    company_id: int
    status: str
    language: str
    contact_name: str
    contact_email: str
    contact_phone: str
    title: str
    ogr: str
    rome: str
    contract: str
    hours_per_week: float
    starts_on: dt.date
    ends_on: dt.date
    city: str
    postcode: str
    latitude: float
    longitude: float
    salary: str
    french_level: str
    description: str
    how_to_apply: str
    cv_route: str
    link_secret: str
    interested: int
    reason: str
    closed_reason: str
    decided_by: int | None
    created_at: dt.datetime
    confirmed_at: dt.datetime | None
    published_at: dt.datetime | None
    updated_at: dt.datetime
    alive_at: dt.datetime | None
    reminded_at: dt.datetime | None
    closed_at: dt.datetime | None
    company: str  # the company's name
    siret: str
    company_checked_at: dt.datetime | None
    company_note: str

    @property
    def open(self) -> bool:
        return self.status in OPEN


_OFFER_COLUMNS = [f.name for f in fields(Offer)][:-4]


def offers_query() -> Select[Any]:
    offers, companies = tables.employer_offers, tables.companies
    return select(
        *(offers.c[name] for name in _OFFER_COLUMNS),
        companies.c.name.label("company"),
        companies.c.siret,
        companies.c.checked_at.label("company_checked_at"),
        companies.c.note.label("company_note"),
    ).join(companies, companies.c.id == offers.c.company_id)


def as_offer(row: Any) -> Offer:
    return Offer(**dict(row._mapping))


async def load(conn: AsyncConnection, offer_id: int) -> Offer | None:
    row = (
        await conn.execute(offers_query().where(tables.employer_offers.c.id == offer_id))
    ).first()
    return as_offer(row) if row is not None else None


async def open_count(conn: AsyncConnection, company_id: int) -> int:
    offers = tables.employer_offers
    count = await conn.scalar(
        select(func.count())
        .select_from(offers)
        .where(offers.c.company_id == company_id, offers.c.status.in_(COUNTED))
    )
    return int(count or 0)


async def trusted(conn: AsyncConnection, company_id: int, email: str) -> bool:
    """May this address publish for this company without a coordinator? Only once the company is
    checked and the association has already published an offer of it from this same address: a
    SIRET is public, so knowing one must not be enough."""
    offers, companies = tables.employer_offers, tables.companies
    checked = await conn.scalar(select(companies.c.checked_at).where(companies.c.id == company_id))
    if checked is None:
        return False
    seen = await conn.scalar(
        select(func.count())
        .select_from(offers)
        .where(
            offers.c.company_id == company_id,
            offers.c.contact_email == email,
            offers.c.published_at.is_not(None),
        )
    )
    return bool(seen)
