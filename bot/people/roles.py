"""Roles: volunteers (may announce, answer requests) and admins; a role is a word in `users.roles`.

Also how an account is written on the command line (`telegram:12345`, `whatsapp:+33…`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.broadcast.audience import CHANNELS

VOLUNTEER = "volunteer"
ADMIN = "admin"
_PHONE = re.compile(r"^\+\d{6,15}$")


def is_volunteer(roles: Iterable[str] | None) -> bool:
    return bool(set(roles or ()) & {VOLUNTEER, ADMIN})


def parse_account(account: str) -> tuple[str, str]:
    """`telegram:12345`, `whatsapp:+33612345678`, `sms:+33…`, `console:name` → (channel, id)."""
    channel, sep, external_id = account.strip().partition(":")
    channel, external_id = channel.casefold(), external_id.strip()
    if not sep or channel not in CHANNELS or not external_id:
        raise ValueError(
            f"{account!r}: write CHANNEL:ID with CHANNEL one of {', '.join(CHANNELS)} "
            "(e.g. telegram:12345 or whatsapp:+33612345678)"
        )
    if channel == "telegram" and not external_id.lstrip("-").isdigit():
        raise ValueError(f"{account!r}: a Telegram id is a number (ask @userinfobot)")
    if channel in ("whatsapp", "sms") and not _PHONE.match(external_id):
        raise ValueError(f"{account!r}: write the number in international form, e.g. +33612345678")
    return channel, external_id
