"""Staff accounts in the store: who may use the console, with which role, and which person they are.

Three roles: an admin may do everything (accounts, exports, the audit log, and all below); a
coordinator writes announcements, keeps the directory and reads the figures; a volunteer answers
requests in the inbox. A volunteer's account points at their person in `users`: their chat account
when they have one (`passerelle staff add … --account telegram:123`), else a row made for the
console alone (channel "web", never in an announcement's audience). Taking a request records that
person as its volunteer, so `/queue` in the chat and the console's inbox are one desk.

Passwords are set through a one-time link (its SHA-256 is stored, never the token) and kept as
Argon2id hashes (argon2-cffi, its default parameters: RFC 9106's second recommendation).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.i18n.msg import Msg, _
from bot.people.roles import VOLUNTEER
from bot.store import tables

ADMIN = "admin"
COORDINATOR = "coordinator"
VOLUNTEER_ROLE = "volunteer"
ROLES = (ADMIN, COORDINATOR, VOLUNTEER_ROLE)
WEB_CHANNEL = "web"  # the person of a volunteer who has no chat account
WEB_STATUS = "staff"  # never "active": such a person is in no announcement's audience
PASSWORD_MIN = 12
PASSWORD_MAX = 256
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified when the e-mail is unknown, so an unknown address takes as long as a wrong
    password (made on first use: hashing costs 64 MiB and tens of milliseconds)."""
    return _hasher.hash(secrets.token_urlsafe(16))


class StaffError(ValueError):
    """Bad input for an account (the message is for the shell; the console shows its own)."""


@dataclass(frozen=True, slots=True)
class Member:
    """A staff account as the console sees it on each request."""

    id: int
    email: str
    role: str
    language: str
    user_id: int | None
    epoch: int
    active: bool

    def may(self, roles: frozenset[str]) -> bool:
        return self.active and (self.role == ADMIN or self.role in roles)

    @property
    def answers_requests(self) -> bool:
        return self.role in (ADMIN, VOLUNTEER_ROLE)


def member(row: Any) -> Member:
    return Member(
        row.id, row.email, row.role, row.language, row.user_id, row.sessions_epoch, row.active
    )


def normal_email(email: str) -> str:
    address = email.strip().casefold()
    if len(address) > 254 or not _EMAIL.match(address):
        raise StaffError(f"{email!r} is not an e-mail address")
    return address


def check_role(role: str) -> str:
    if role not in ROLES:
        raise StaffError(f"unknown role {role!r} (one of {', '.join(ROLES)})")
    return role


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def get(conn: AsyncConnection, staff_id: int) -> Member | None:
    row = (await conn.execute(select(tables.staff).where(tables.staff.c.id == staff_id))).first()
    return member(row) if row is not None else None


async def by_email(conn: AsyncConnection, email: str) -> Any:
    staff = tables.staff
    return (await conn.execute(select(staff).where(staff.c.email == email))).first()


async def add(
    conn: AsyncConnection,
    *,
    email: str,
    role: str,
    language: str,
    now: dt.datetime,
    link_hours: int,
    user_id: int | None = None,
) -> tuple[int, str]:
    """A new account and its one-time link token."""
    address, role = normal_email(email), check_role(role)
    if await by_email(conn, address) is not None:
        raise StaffError(f"{address} already has an account")
    token = secrets.token_urlsafe(32)
    new_id = await conn.scalar(
        tables.staff.insert()
        .values(
            email=address,
            role=role,
            language=language,
            user_id=user_id,
            setup_token=token_hash(token),
            setup_expires_at=now + dt.timedelta(hours=link_hours),
            sessions_epoch=0,
            active=True,
            created_at=now,
        )
        .returning(tables.staff.c.id)
    )
    return int(new_id or 0), token


async def new_link(conn: AsyncConnection, staff_id: int, now: dt.datetime, hours: int) -> str:
    """A fresh one-time link (the old one stops working)."""
    token = secrets.token_urlsafe(32)
    await conn.execute(
        update(tables.staff)
        .where(tables.staff.c.id == staff_id)
        .values(setup_token=token_hash(token), setup_expires_at=now + dt.timedelta(hours=hours))
    )
    return token


async def by_token(conn: AsyncConnection, token: str, now: dt.datetime) -> Member | None:
    staff = tables.staff
    row = (
        await conn.execute(
            select(staff).where(
                staff.c.setup_token == token_hash(token),
                staff.c.setup_expires_at > now,
                staff.c.active.is_(True),
            )
        )
    ).first()
    return member(row) if row is not None else None


async def set_password(conn: AsyncConnection, staff_id: int, password_hash: str) -> None:
    """Store the new hash, spend the link, and end every session opened with the old password."""
    staff = tables.staff
    await conn.execute(
        update(staff)
        .where(staff.c.id == staff_id)
        .values(
            password_hash=password_hash,
            setup_token=None,
            setup_expires_at=None,
            sessions_epoch=staff.c.sessions_epoch + 1,
        )
    )


async def end_sessions(conn: AsyncConnection, staff_id: int) -> None:
    """Log out everywhere: every session carries the epoch it was opened in."""
    staff = tables.staff
    await conn.execute(
        update(staff)
        .where(staff.c.id == staff_id)
        .values(sessions_epoch=staff.c.sessions_epoch + 1)
    )


async def person_of(conn: AsyncConnection, account: Member, now: dt.datetime) -> int:
    """The `users` row that acts as this volunteer: their linked chat account, or one made for
    the console the first time they take a request."""
    if account.user_id is not None:
        return account.user_id
    users = tables.users
    external_id = f"staff-{account.id}"
    found = await conn.scalar(
        select(users.c.id).where(users.c.channel == WEB_CHANNEL, users.c.external_id == external_id)
    )
    if found is None:
        found = await conn.scalar(
            users.insert()
            .values(
                channel=WEB_CHANNEL,
                external_id=external_id,
                language=account.language,
                roles=[VOLUNTEER],
                status=WEB_STATUS,
                created_at=now,
            )
            .returning(users.c.id)
        )
    await conn.execute(
        update(tables.staff).where(tables.staff.c.id == account.id).values(user_id=found)
    )
    return int(found or 0)


async def link(
    conn: AsyncConnection, staff_id: int, channel: str, external_id: str, now: dt.datetime
) -> int:
    """Point the account at a chat account (made if it never wrote yet), which becomes a
    volunteer; requests held by a console-only person move to it."""
    users, staff = tables.users, tables.staff
    row = (
        await conn.execute(
            select(users.c.id, users.c.roles).where(
                users.c.channel == channel, users.c.external_id == external_id
            )
        )
    ).first()
    if row is None:
        user_id = await conn.scalar(
            users.insert()
            .values(
                channel=channel,
                external_id=external_id,
                roles=[VOLUNTEER],
                status="active",
                created_at=now,
            )
            .returning(users.c.id)
        )
    else:
        user_id = row.id
        roles = list(dict.fromkeys([*(row.roles or []), VOLUNTEER]))
        await conn.execute(update(users).where(users.c.id == row.id).values(roles=roles))
    before = await conn.scalar(select(staff.c.user_id).where(staff.c.id == staff_id))
    await conn.execute(update(staff).where(staff.c.id == staff_id).values(user_id=user_id))
    if before is not None and before != user_id:
        old = await conn.scalar(select(users.c.channel).where(users.c.id == before))
        if old == WEB_CHANNEL:
            handovers = tables.handovers
            await conn.execute(
                update(handovers)
                .where(handovers.c.volunteer_id == before, handovers.c.status == "taken")
                .values(volunteer_id=user_id)
            )
    return int(user_id or 0)


# --- passwords ----------------------------------------------------------------------------------
def password_problem(password: str) -> Msg | None:
    """What is wrong with a new password (a catalog message), or None."""
    if len(password) < PASSWORD_MIN:
        return _("web.password.too_short", min=PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        return _("web.password.too_long", max=PASSWORD_MAX)
    return None


async def hash_password(password: str) -> str:
    # Argon2 takes tens of milliseconds of CPU and 64 MiB: off the event loop.
    return await asyncio.to_thread(_hasher.hash, password)


async def verify(password_hash: str | None, password: str) -> bool:
    def check() -> bool:
        try:
            return _hasher.verify(password_hash or _dummy_hash(), password) and bool(password_hash)
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(check)
