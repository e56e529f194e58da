"""Who an announcement is for: everyone, or people of some languages, channels, départements,
interests (kinds of help asked about) or trades (ROME codes, or a whole ROME domain by its letter).

An audience is written `language=ar,fa channel=whatsapp department=69` on the command line and kept
as JSON with the broadcast. Within a key the values are alternatives; keys narrow each other. It
always leaves out people who said STOP or blocked the bot (erased people are gone already).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import ColumnElement, exists, or_, select

from bot.directory import categories
from bot.store import tables

CHANNELS = ("telegram", "whatsapp", "sms", "console")
_PATTERNS = {
    "departments": re.compile(r"^(\d{2}|2[AB]|97\d)$"),
    "trades": re.compile(r"^[A-N](\d{4})?$"),
}
# What people may type before "=", singular or plural, English or French.
_KEYS = {
    "language": "languages",
    "languages": "languages",
    "langue": "languages",
    "channel": "channels",
    "channels": "channels",
    "canal": "channels",
    "department": "departments",
    "departments": "departments",
    "departement": "departments",
    "département": "departments",
    "interest": "interests",
    "interests": "interests",
    "category": "interests",
    "trade": "trades",
    "trades": "trades",
    "rome": "trades",
    "metier": "trades",
    "métier": "trades",
}


class AudienceError(ValueError):
    pass


@dataclass(frozen=True)
class Audience:
    languages: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()  # service categories asked about (bot/directory/categories)
    trades: tuple[str, ...] = ()  # ROME codes ("G1605") or domains ("G")

    @classmethod
    def parse(cls, specs: Iterable[str], languages: Iterable[str]) -> Audience:
        """`["language=ar,fa", "department=69"]` → an Audience; AudienceError says what is wrong."""
        found: dict[str, list[str]] = {}
        for spec in specs:
            key, sep, values = spec.partition("=")
            name = _KEYS.get(key.strip().casefold())
            if not sep or name is None:
                raise AudienceError(
                    f"{spec!r}: write KEY=VALUE[,VALUE…] with KEY one of language, channel, "
                    "department, interest, trade"
                )
            words = [v.strip() for v in values.split(",") if v.strip()]
            if not words:
                raise AudienceError(f"{spec!r}: give at least one value")
            found.setdefault(name, []).extend(words)
        return cls.from_json(found, languages)

    @classmethod
    def from_json(cls, data: Mapping[str, Any], languages: Iterable[str] = ()) -> Audience:
        known_languages = set(languages)
        values: dict[str, tuple[str, ...]] = {}
        for field in fields(cls):
            raw = [str(v) for v in data.get(field.name) or ()]
            if field.name in ("languages", "channels", "interests"):
                raw = [v.casefold() for v in raw]
            else:
                raw = [v.upper() for v in raw]
            values[field.name] = tuple(dict.fromkeys(raw))
        audience = cls(**values)
        if known_languages:
            audience._check(known_languages)
        return audience

    def _check(self, languages: set[str]) -> None:
        def wrong(values: Iterable[str], allowed: Iterable[str], what: str) -> None:
            bad = [v for v in values if v not in set(allowed)]
            if bad:
                raise AudienceError(
                    f"unknown {what} {', '.join(bad)} (known: {', '.join(sorted(allowed))})"
                )

        wrong(self.languages, languages, "language")
        wrong(self.channels, CHANNELS, "channel")
        wrong(self.interests, categories.IDS, "interest")
        for name, pattern in _PATTERNS.items():
            bad = [v for v in getattr(self, name) if not pattern.match(v)]
            if bad:
                example = "69, 2A, 974" if name == "departments" else "G1605, or G for a domain"
                raise AudienceError(f"not a {name[:-1]}: {', '.join(bad)} (e.g. {example})")

    def to_json(self) -> dict[str, list[str]]:
        return {f.name: list(getattr(self, f.name)) for f in fields(self) if getattr(self, f.name)}

    def describe(self) -> str:
        parts = [f"{f.name}={','.join(getattr(self, f.name))}" for f in fields(self)]
        return " ".join(p for p in parts if not p.endswith("=")) or "everyone"

    def where(self) -> list[ColumnElement[bool]]:
        """Conditions on `users` selecting the audience."""
        users = tables.users
        conditions: list[ColumnElement[bool]] = [users.c.status == "active"]
        if self.languages:
            conditions.append(users.c.language.in_(self.languages))
        if self.channels:
            conditions.append(users.c.channel.in_(self.channels))
        if self.departments:
            conditions.append(_asked("department", users.c.id, self.departments))
        if self.interests:
            conditions.append(_asked("category", users.c.id, self.interests))
        if self.trades:
            conditions.append(_asked("trade", users.c.id, self.trades))
        return conditions


def _asked(kind: str, user_id: Any, values: tuple[str, ...]) -> ColumnElement[bool]:
    interests = tables.interests
    exact = [v for v in values if len(v) > 1 or kind != "trade"]
    domains = [v for v in values if len(v) == 1 and kind == "trade"]
    matches: list[ColumnElement[bool]] = [interests.c.value.in_(exact)] if exact else []
    matches += [interests.c.value.startswith(domain) for domain in domains]
    return exists(
        select(1).where(interests.c.user_id == user_id, interests.c.kind == kind, or_(*matches))
    )
