"""The tables: people, their conversation state, the inbound log, the outbox and anonymous counters,
the translation cache, announcements and conversations with volunteers. The directories' tables
(services, job offers and what people asked of them) are in `directory_models.py`.

Every table that holds personal data points at `users` with `ON DELETE CASCADE` (or `SET NULL` where
the row must outlive the person and names nothing of them, as the access log does), so erasing a
user is one `DELETE` (see bot/store/erasure.py for the little it cannot do alone).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Integer ids that are BIGINT on PostgreSQL but stay INTEGER PRIMARY KEY (rowid) on SQLite.
Id = BigInteger().with_variant(Integer(), "sqlite")
Json = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite has no time zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use UTC-aware datetimes")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class User(Base):
    """A person on one channel. Channel + external id is how the platform names them."""

    __tablename__ = "users"
    # AUTOINCREMENT: an erased person's id is never given to someone else, so old logs stay
    # unambiguous.
    __table_args__ = (UniqueConstraint("channel", "external_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(128))
    language: Mapped[str | None] = mapped_column(String(8))
    consent: Mapped[str | None] = mapped_column(String(8))  # "given" | "refused" | None
    consent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    roles: Mapped[list[str]] = mapped_column(Json, default=list)
    status: Mapped[str] = mapped_column(String(8), default="active")  # active|stopped|blocked
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_inbound_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Conversation(Base):
    """Where a user is in the conversation; `version` guards against concurrent writers."""

    __tablename__ = "conversations"

    user_id: Mapped[int] = mapped_column(
        Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    flow: Mapped[str] = mapped_column(String(32))
    step: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    nav: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class InboundLog(Base):
    """Every inbound message id once: the de-duplication record. It never holds the text. Erased
    with the person, except the id of the message that asked for the erasure (unlinked, until
    INBOUND_LOG_RETENTION_DAYS), so a platform re-delivering it does not start a new person."""

    __tablename__ = "inbound_log"
    __table_args__ = (
        UniqueConstraint("channel", "external_id"),
        Index("ix_inbound_log_received_at", "received_at"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(128))
    user_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Outbox(Base):
    """One outgoing message, from its creation in a transaction to its final delivery status."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_pending", "status", "channel", "priority", "id"),
        Index("ix_outbox_address", "channel", "address", "status"),
        Index("ix_outbox_user", "user_id", "status"),
        Index("ix_outbox_broadcast", "broadcast_id", "status"),
        Index("ix_outbox_about_user_id", "about_user_id"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(128))
    payload: Mapped[dict[str, Any]] = mapped_column(Json)
    priority: Mapped[int] = mapped_column(SmallInteger, default=0)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # The announcement this message carries, if any (its counts are read from here).
    broadcast_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("broadcasts.id", ondelete="SET NULL")
    )
    # Whose words or request this message carries, when it goes to someone else (a volunteer
    # reading a person's message): erasing that person deletes it, wherever it was addressed.
    about_user_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("users.id", ondelete="CASCADE")
    )


class Counter(Base):
    """Anonymous daily counters: what remains of people after they erase their data."""

    __tablename__ = "counters"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    metric: Mapped[str] = mapped_column(String(32), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class TranslationCache(Base):
    """Translations already made, shared by every process. `origin` is "machine" or "human" (a
    volunteer's correction, which always wins). Rows made from a person's own words belong to them
    (`user_id`) and are erased with them."""

    __tablename__ = "translations"
    __table_args__ = (UniqueConstraint("source", "target", "text_hash", "origin"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    source: Mapped[str] = mapped_column(String(8))
    target: Mapped[str] = mapped_column(String(8))
    text_hash: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(8))
    user_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Broadcast(Base):
    """An announcement from a volunteer and its audit: who, when, the text, the audience, each
    language's text (machine or human), and how far its planning got (`cursor`, the last user id
    queued, written in the same transaction as the queued messages)."""

    __tablename__ = "broadcasts"
    __table_args__ = (Index("ix_broadcasts_due", "status", "scheduled_at"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    author: Mapped[str] = mapped_column(String(160))  # "telegram:123" or "cli:login"
    author_user_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("users.id", ondelete="SET NULL")
    )
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    segment: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    # language → {"text": …, "origin": "original" | "human" | "machine" | "missing"}
    translations: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    # scheduled → planning → sending → done; or cancelled
    status: Mapped[str] = mapped_column(String(12), default="scheduled")
    scheduled_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    lease_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    cursor: Mapped[int] = mapped_column(Id, default=0)
    queued: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    cancelled_by: Mapped[str | None] = mapped_column(String(160))


class Sender(Base):
    """A process delivering a channel, seen recently: live senders share the channel's rate limit
    (each sends at rate / number of live senders), so the limit holds across processes."""

    __tablename__ = "senders"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # random, per process+channel
    channel: Mapped[str] = mapped_column(String(16), index=True)
    seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Handover(Base):
    """Someone asked to talk to a volunteer: waiting, taken by one volunteer, or ended. Erased
    with the person (its messages too); `urgent` when they wrote emergency words."""

    __tablename__ = "handovers"
    __table_args__ = (Index("ix_handovers_open", "status", "created_at"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(8), default="waiting")  # waiting|taken|ended
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    volunteer_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    taken_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    timed_out_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # told "no one yet"


class HandoverMessage(Base):
    """One message of a handover, as written and as translated for the other side."""

    __tablename__ = "handover_messages"
    __table_args__ = (Index("ix_handover_messages_handover", "handover_id", "id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    handover_id: Mapped[int] = mapped_column(Id, ForeignKey("handovers.id", ondelete="CASCADE"))
    author: Mapped[str] = mapped_column(String(10))  # person | volunteer
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    translated: Mapped[str] = mapped_column(Text, default="")
    translated_language: Mapped[str] = mapped_column(String(8), default="")
    # what the message is about when the bot sends it for the person (a CV answer to write in
    # French, a search that found nothing): a catalog message, bot.i18n.msg.to_stored
    context: Mapped[dict[str, Any] | None] = mapped_column(Json)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class AccessLog(Base):
    """Every time a volunteer is shown or acts on someone's conversation, and every action in the
    web console (a login, an export, an edit, an announcement). It names the volunteer or staff
    member and what they acted on, never the person or their words; erasing the person leaves the
    entry without its handover. Kept AUDIT_RETENTION_DAYS (bot/web/audit.py)."""

    __tablename__ = "access_log"
    __table_args__ = (
        Index("ix_access_log_at", "at"),
        Index("ix_access_log_staff", "staff_id", "at"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    volunteer_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("users.id", ondelete="SET NULL")
    )
    handover_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("handovers.id", ondelete="SET NULL")
    )
    action: Mapped[str] = mapped_column(String(16))  # notified|took|read|wrote|ended|login|…
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    staff_id: Mapped[int | None] = mapped_column(Id, ForeignKey("staff.id", ondelete="SET NULL"))
    target: Mapped[str] = mapped_column(String(64), default="")  # "service:12", "broadcast:3"…


class Duty(Base):
    """A volunteer on duty: told when someone asks to talk (present = on duty)."""

    __tablename__ = "duty"

    user_id: Mapped[int] = mapped_column(
        Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    since: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Staff(Base):
    """Someone who uses the web console: an admin, a coordinator or a volunteer. A volunteer's
    account points at their person in `users` (their chat account, or one made for the console
    alone), so the chat and the console share one notion of who is a volunteer."""

    __tablename__ = "staff"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    role: Mapped[str] = mapped_column(String(12))  # admin | coordinator | volunteer
    language: Mapped[str] = mapped_column(String(8))
    user_id: Mapped[int | None] = mapped_column(Id, ForeignKey("users.id", ondelete="SET NULL"))
    password_hash: Mapped[str | None] = mapped_column(String(200))  # Argon2id
    setup_token: Mapped[str | None] = mapped_column(String(64), unique=True)  # its SHA-256
    setup_expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    sessions_epoch: Mapped[int] = mapped_column(Integer, default=0)  # +1: log out everywhere
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class LoginAttempt(Base):
    """Failed logins in the current window, per account ("account:…") and per address
    ("address:…"), shared by every process."""

    __tablename__ = "login_attempts"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class CannedReply(Base):
    """A reply written once in French, sent to each person translated into their language."""

    __tablename__ = "canned_replies"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    staff_id: Mapped[int | None] = mapped_column(Id, ForeignKey("staff.id", ondelete="SET NULL"))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
