"""The tables of employers' offers (bot/employers): companies, the offers they submit, the CVs
people asked to send them, and the mails waiting to go out.

An offer lives here from its submission to its end; while it is published, a row of `jobs`
(source "employer") points at it, so the bot's search and alerts read it like any other offer,
and closing it deletes that row. What concerns a person (a CV sent through the association, the
mail carrying it) points at `users` with `ON DELETE CASCADE`, like every personal table.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.models import Base, Id, UTCDateTime


class Company(Base):
    """An employer, known by its SIRET; `checked_at` once a coordinator checked it (its SIRET in
    the public register, a call), with the note they kept."""

    __tablename__ = "companies"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    siret: Mapped[str] = mapped_column(String(14), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    checked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    checked_by: Mapped[int | None] = mapped_column(Id, ForeignKey("staff.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")  # the coordinator's note of their call
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class EmployerOffer(Base):
    """One offer from its submission to its end.

    status: unconfirmed (the e-mail link not followed yet) → pending (waiting for a coordinator)
    → published → closed; or refused. `link_secret` goes into every link's signature, so a link
    names one offer for good and a new secret revokes every link sent.
    """

    __tablename__ = "employer_offers"
    __table_args__ = (
        Index("ix_employer_offers_status", "status", "ends_on"),
        Index("ix_employer_offers_company", "company_id", "status"),
        Index("ix_employer_offers_email", "contact_email"),
        {"sqlite_autoincrement": True},  # an id is never reused: links name offers by id
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    company_id: Mapped[int] = mapped_column(Id, ForeignKey("companies.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(12), default="unconfirmed")
    language: Mapped[str] = mapped_column(String(8), default="fr")  # of the pages and mails
    contact_name: Mapped[str] = mapped_column(String(200))
    contact_email: Mapped[str] = mapped_column(String(254))
    contact_phone: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))  # "Soudeur / Soudeuse", both genders
    ogr: Mapped[str] = mapped_column(String(8))  # the ROME appellation
    rome: Mapped[str] = mapped_column(String(8))
    contract: Mapped[str] = mapped_column(String(16))
    hours_per_week: Mapped[float] = mapped_column(Float)
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    city: Mapped[str] = mapped_column(String(100))
    postcode: Mapped[str] = mapped_column(String(10))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    salary: Mapped[str] = mapped_column(String(200), default="")
    french_level: Mapped[str] = mapped_column(String(4), default="")  # "" = none asked
    description: Mapped[str] = mapped_column(Text)
    how_to_apply: Mapped[str] = mapped_column(Text)
    cv_route: Mapped[str] = mapped_column(String(12))  # mail | coordinator | none
    link_secret: Mapped[str] = mapped_column(String(32))
    interested: Mapped[int] = mapped_column(Integer, default=0)  # anonymous count
    reason: Mapped[str] = mapped_column(Text, default="")  # a refusal's or a closure's
    closed_reason: Mapped[str] = mapped_column(String(16), default="")
    decided_by: Mapped[int | None] = mapped_column(Id, ForeignKey("staff.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # e-mail confirmed
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # The employer's last sign of life (publication, an edit, "still open"): 60 days after it,
    # they are asked to confirm (reminded_at), and the offer closes if they do not.
    alive_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    reminded_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Referral(Base):
    """Someone said "I'm interested" in an employer's offer and agreed that employers may see
    their CV: the association sends it (by mail, or a coordinator forwards it). Theirs, erased
    with them."""

    __tablename__ = "employer_referrals"
    __table_args__ = (
        UniqueConstraint("user_id", "offer_id"),
        Index("ix_employer_referrals_waiting", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"))
    offer_id: Mapped[int] = mapped_column(
        Id, ForeignKey("employer_offers.id", ondelete="CASCADE"), index=True
    )
    route: Mapped[str] = mapped_column(String(12))  # mail | coordinator
    status: Mapped[str] = mapped_column(String(12))  # queued|waiting → sent|dropped|failed
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    staff_id: Mapped[int | None] = mapped_column(Id, ForeignKey("staff.id", ondelete="SET NULL"))


class Mail(Base):
    """One mail to send, written in the transaction that decided it and sent afterwards by the
    scheduler (bot/mail). `attachment` names what to attach, made when it is sent ("cv": the French
    CV of `about_user_id`). A mail about a person is erased with them; a sent mail's body (it may
    hold a private link) is emptied."""

    __tablename__ = "mail_outbox"
    __table_args__ = (Index("ix_mail_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    attachment: Mapped[str] = mapped_column(String(16), default="")
    about_user_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    referral_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("employer_referrals.id", ondelete="CASCADE")
    )
    status: Mapped[str] = mapped_column(String(12), default="pending")  # → sending → sent|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    error: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
