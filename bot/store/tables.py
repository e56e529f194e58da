"""Short names for the tables, for Core queries on hot paths (no ORM unit of work there)."""

from sqlalchemy import Table

from bot.store.models import Conversation, Counter, InboundLog, Outbox, TranslationCache, User

users: Table = User.__table__  # type: ignore[assignment]
conversations: Table = Conversation.__table__  # type: ignore[assignment]
inbound_log: Table = InboundLog.__table__  # type: ignore[assignment]
outbox: Table = Outbox.__table__  # type: ignore[assignment]
counters: Table = Counter.__table__  # type: ignore[assignment]
translations: Table = TranslationCache.__table__  # type: ignore[assignment]
