"""The directories' tables: services, job offers, where they are, and what people asked of them
(offers they marked, their job alert, the kinds of help they looked for).

Rows about a person point at `users` with `ON DELETE CASCADE`, like every personal table.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.models import Base, Id, Json, UTCDateTime


class Service(Base):
    """A place that helps: a shelter, a food bank, a French class… (imported; see bot/directory)."""

    __tablename__ = "services"
    __table_args__ = (
        UniqueConstraint("source", "source_id"),
        Index("ix_services_national", "national"),  # the few phone lines, found without a scan
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    source: Mapped[str] = mapped_column(String(64))
    source_id: Mapped[str] = mapped_column(String(128))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    categories: Mapped[list[str]] = mapped_column(Json, default=list)
    address: Mapped[str] = mapped_column(String(300), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    opening_hours: Mapped[str] = mapped_column(String(500), default="")
    languages: Mapped[list[str]] = mapped_column(Json, default=list)
    publics: Mapped[list[str]] = mapped_column(Json, default=list)
    conditions: Mapped[str] = mapped_column(Text, default="")
    price: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    last_verified: Mapped[dt.date | None] = mapped_column(Date)
    national: Mapped[bool] = mapped_column(Boolean, default=False)  # e.g. the 115, everywhere
    sample: Mapped[bool] = mapped_column(Boolean, default=False)
    content_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class ServicePlace(Base):
    """One row per (category, service) with the service's coordinates: what the "near me" search
    reads, through an index on (category, latitude)."""

    __tablename__ = "service_places"
    __table_args__ = (Index("ix_service_places_lookup", "category", "latitude", "longitude"),)

    category: Mapped[str] = mapped_column(String(32), primary_key=True)
    service_id: Mapped[int] = mapped_column(
        Id, ForeignKey("services.id", ondelete="CASCADE"), primary_key=True
    )
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)


class Job(Base):
    """A job offer (imported: our own files, France Travail's JSON; see bot/directory), or an
    employer's offer while it is published (source "employer", `employer_offer_id` set; closing
    the offer deletes the row, so the search never finds a closed one)."""

    __tablename__ = "jobs"
    __table_args__ = (
        UniqueConstraint("source", "source_id"),
        Index("ix_jobs_rome_place", "rome", "latitude", "longitude"),
        Index("ix_jobs_place", "latitude", "longitude"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    source: Mapped[str] = mapped_column(String(64))
    source_id: Mapped[str] = mapped_column(String(128))
    title: Mapped[str] = mapped_column(String(200))
    title_words: Mapped[str] = mapped_column(Text, default="")  # bot/directory/trades.py
    description: Mapped[str] = mapped_column(Text, default="")
    employer: Mapped[str] = mapped_column(String(200), default="")
    sector: Mapped[str] = mapped_column(String(200), default="")
    rome: Mapped[str] = mapped_column(String(8), default="")
    contract: Mapped[str] = mapped_column(String(16), default="other")
    city: Mapped[str] = mapped_column(String(100), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    salary: Mapped[str] = mapped_column(String(200), default="")
    hours: Mapped[str] = mapped_column(String(200), default="")
    experience: Mapped[str] = mapped_column(String(200), default="")
    french_level: Mapped[str] = mapped_column(String(4), default="")
    driving_licence: Mapped[bool] = mapped_column(Boolean, default=False)
    refugee_friendly: Mapped[bool] = mapped_column(Boolean, default=False)
    how_to_apply: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[dt.date | None] = mapped_column(Date)
    updated_on: Mapped[dt.date | None] = mapped_column(Date)
    sample: Mapped[bool] = mapped_column(Boolean, default=False)
    content_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    employer_offer_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("employer_offers.id", ondelete="CASCADE"), unique=True
    )


class JobInterest(Base):
    """Someone said "I'm interested" in an offer: theirs, erased with them."""

    __tablename__ = "job_interests"

    user_id: Mapped[int] = mapped_column(
        Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    job_id: Mapped[int] = mapped_column(
        Id, ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class JobAlert(Base):
    """Someone asked to hear about new offers matching their criteria."""

    __tablename__ = "job_alerts"

    user_id: Mapped[int] = mapped_column(
        Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    criteria: Mapped[dict[str, Any]] = mapped_column(Json)  # a search.JobQuery
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Interest(Base):
    """What someone asked about — a kind of help, a trade (ROME code), a département — so that
    volunteers can announce to the people concerned. Kept only with consent; shown in "my data"."""

    __tablename__ = "interests"

    user_id: Mapped[int] = mapped_column(
        Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)  # category|trade|department
    value: Mapped[str] = mapped_column(String(16), primary_key=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
