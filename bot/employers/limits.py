"""Limits on the public form, counted in the store so every process agrees: submissions per
network address and per SIRET within EMPLOYER_SUBMISSION_WINDOW_HOURS, requests for new links per
address and per e-mail, and a ceiling of open offers per company.

The counts share the console's attempt windows (bot/web/throttle.py: a fixed window per key, kept
a day), under keys of their own.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.config import Settings
from bot.web import throttle


def _window(settings: Settings) -> dt.timedelta:
    return dt.timedelta(hours=settings.employer_submission_window_hours)


def address_key(settings: Settings, address: str) -> dict[str, int]:
    return {f"employer-address:{address[:200]}": settings.employer_submissions_per_address}


def submission_keys(settings: Settings, address: str, siret: str) -> dict[str, int]:
    return {
        **address_key(settings, address),
        f"employer-siret:{siret[:20]}": settings.employer_submissions_per_siret,
    }


def link_keys(settings: Settings, address: str, email: str) -> dict[str, int]:
    # Asking for links costs nothing to the asker and sends a mail to someone: the same limits.
    return {
        f"employer-links-address:{address[:200]}": settings.employer_submissions_per_address,
        f"employer-links-email:{email[:254]}": settings.employer_submissions_per_siret,
    }


async def reached(
    conn: AsyncConnection, limits: dict[str, int], settings: Settings, now: dt.datetime
) -> bool:
    """Has any of these keys used up its allowance in the current window?"""
    return await throttle.blocked(conn, limits, now, _window(settings))


async def count(
    conn: AsyncConnection, limits: dict[str, int], settings: Settings, now: dt.datetime
) -> None:
    """One more use of each key (a window that ended starts again)."""
    await throttle.failed(conn, tuple(limits), now, _window(settings))
