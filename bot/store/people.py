"""People and their conversations in the store: read (and lock) them for a batch, create the new
ones, write back what their turns changed (erasure is bot/store/erasure.py).

`UserState` and `ConversationState` are plain copies of the stored rows that a turn changes; the
engine writes them back in the same transaction as the outgoing messages. `set_blocked` is for a
platform telling us the person blocked the bot (no conversation turn involved).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, and_, bindparam, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store import tables
from bot.store.database import Database
from bot.store.dialect import insert_for

Key = tuple[str, str]  # (channel, the platform's id for the person)


@dataclass
class UserState:
    id: int | None
    channel: str
    external_id: str
    language: str | None = None
    consent: str | None = None  # "given" | "refused" | None (not asked yet)
    consent_at: dt.datetime | None = None
    status: str = "active"  # active | stopped | blocked
    roles: list[str] = field(default_factory=list)
    created_at: dt.datetime | None = None
    last_inbound_at: dt.datetime | None = None
    erased: bool = False


@dataclass
class ConversationState:
    step: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    nav: dict[str, Any] = field(default_factory=dict)
    version: int = 0
    expires_at: dt.datetime | None = None

    @property
    def choices(self) -> list[str]:
        """The option ids shown with the current question, in order: "2" picks the second."""
        return list(self.nav.get("choices", []))

    @property
    def history(self) -> list[str]:
        """Steps to go "back" to, most recent last."""
        history: list[str] = self.nav.setdefault("history", [])
        return history

    @property
    def stack(self) -> list[str]:
        """Steps to RETURN to (the question that called "language", "my data"…), last on top."""
        stack: list[str] = self.nav.setdefault("stack", [])
        return stack


@dataclass(slots=True)
class Person:
    user: UserState
    state: ConversationState


async def lock(conn: AsyncConnection, keys: Iterable[Key]) -> dict[Key, Person]:
    """The people of a batch with their conversations; on PostgreSQL their rows stay locked until
    the transaction ends (in id order, so two batches cannot deadlock). Unknown people come back
    with no id."""
    users, conversations = tables.users, tables.conversations
    wanted = set(keys)
    by_channel: dict[str, list[str]] = {}
    for channel, external_id in wanted:
        by_channel.setdefault(channel, []).append(external_id)
    statement = (
        select(
            users,
            conversations.c.step,
            conversations.c.data,
            conversations.c.nav,
            conversations.c.version,
            conversations.c.expires_at,
        )
        .outerjoin(conversations, conversations.c.user_id == users.c.id)
        .where(
            or_(
                *(
                    and_(users.c.channel == channel, users.c.external_id.in_(ids))
                    for channel, ids in by_channel.items()
                )
            )
        )
        .order_by(users.c.id)
    )
    if conn.dialect.name == "postgresql":
        # NO KEY UPDATE: other transactions may still insert rows that point at these people (a
        # message told to a volunteer takes a KEY SHARE lock on them), or two batches telling each
        # other's people something would deadlock.
        statement = statement.with_for_update(of=users, key_share=True)
    found = {(row.channel, row.external_id): _person(row) for row in await conn.execute(statement)}
    for channel, external_id in wanted - set(found):
        found[(channel, external_id)] = Person(
            UserState(id=None, channel=channel, external_id=external_id), ConversationState()
        )
    return found


def _person(row: Row[Any]) -> Person:
    user = UserState(
        id=row.id,
        channel=row.channel,
        external_id=row.external_id,
        language=row.language,
        consent=row.consent,
        consent_at=row.consent_at,
        status=row.status,
        roles=list(row.roles or []),
        created_at=row.created_at,
        last_inbound_at=row.last_inbound_at,
    )
    if row.step is None:
        return Person(user, ConversationState())
    state = ConversationState(row.step, row.data or {}, row.nav or {}, row.version, row.expires_at)
    return Person(user, state)


async def create(
    conn: AsyncConnection, people: dict[Key, Person], keys: Sequence[Key], now: dt.datetime
) -> None:
    """Give the people of `keys` who have no id yet a row (or the one another process has just
    created for them)."""
    missing = sorted({key for key in keys if people[key].user.id is None})
    if not missing:
        return
    users = tables.users
    statement = (
        insert_for(conn, users)
        .on_conflict_do_nothing()
        .returning(users.c.id, users.c.channel, users.c.external_id)
    )
    rows = [
        {
            "channel": channel,
            "external_id": external_id,
            "roles": [],
            "status": "active",
            "created_at": now,
        }
        for channel, external_id in missing
    ]
    for row in await conn.execute(statement, rows):
        person = people[(row.channel, row.external_id)]
        person.user.id, person.user.created_at = row.id, now
    raced = {key for key in missing if people[key].user.id is None}
    if raced:  # another process created them a moment ago: take theirs
        people.update(await lock(conn, raced))


async def save(conn: AsyncConnection, people: Sequence[Person], now: dt.datetime) -> None:
    """Write back what turns changed for the people who are kept (those who asked to be erased
    are erased by bot/store/erasure.py)."""
    kept = [p for p in people if not p.user.erased]
    await _save_conversations(conn, kept, now)
    if kept:
        await conn.execute(
            update(tables.users)
            .where(tables.users.c.id == bindparam("b_id"))
            .values(
                language=bindparam("b_language"),
                consent=bindparam("b_consent"),
                consent_at=bindparam("b_consent_at"),
                status=bindparam("b_status"),
                last_inbound_at=bindparam("b_last"),
            ),
            [
                {
                    "b_id": p.user.id,
                    "b_language": p.user.language,
                    "b_consent": p.user.consent,
                    "b_consent_at": p.user.consent_at,
                    "b_status": p.user.status,
                    "b_last": p.user.last_inbound_at,
                }
                for p in kept
            ],
        )


async def _save_conversations(
    conn: AsyncConnection, people: Sequence[Person], now: dt.datetime
) -> None:
    conversations = tables.conversations
    params = [
        {
            "b_user": p.user.id,
            "b_flow": (p.state.step or "").split(".", 1)[0],
            "b_step": p.state.step or "",
            "b_data": p.state.data,
            "b_nav": p.state.nav,
            "b_version": p.state.version + 1,
            "b_updated": now,
            "b_expires": p.state.expires_at,
        }
        for p in people
    ]
    existing = [q for q, p in zip(params, people, strict=True) if p.state.version > 0]
    created = [q for q, p in zip(params, people, strict=True) if p.state.version == 0]
    if existing:
        await conn.execute(
            update(conversations)
            .where(conversations.c.user_id == bindparam("b_user"))
            .values(
                flow=bindparam("b_flow"),
                step=bindparam("b_step"),
                data=bindparam("b_data"),
                nav=bindparam("b_nav"),
                version=bindparam("b_version"),
                updated_at=bindparam("b_updated"),
                expires_at=bindparam("b_expires"),
            ),
            existing,
        )
    if created:
        await conn.execute(
            conversations.insert(),
            [
                {
                    "user_id": q["b_user"],
                    "flow": q["b_flow"],
                    "step": q["b_step"],
                    "data": q["b_data"],
                    "nav": q["b_nav"],
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                    "expires_at": q["b_expires"],
                }
                for q in created
            ],
        )
    for person in people:
        person.state.version += 1


async def set_blocked(database: Database, channel: str, external_id: str, blocked: bool) -> None:
    """The person blocked the bot (no message may be sent) or unblocked it (back to active)."""
    users = tables.users
    statement = update(users).where(users.c.channel == channel, users.c.external_id == external_id)
    if blocked:
        statement = statement.values(status="blocked")
    else:  # someone who had said STOP stays stopped
        statement = statement.where(users.c.status == "blocked").values(status="active")
    async with database.write() as conn:
        await conn.execute(statement)
