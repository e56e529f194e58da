"""Searching the directories: the nearest services of a kind, and job offers ranked for a CV.

`Directory` is bound to the turn's connection (flows reach it as `t.services.directory`). Both
searches read a bounding box through an index, then measure and rank the candidates here:

- services: the box grows (2, 5, 10… up to 100 km) until it holds enough results; the first national
  service of the category (a phone line such as the 115) comes first, without a distance, and
  the others after the places nearby;
- jobs: offers for the person's target occupations (ROME codes, or trades they typed matched on
  the offer's title: bot/directory/trades.py) first, from the smallest ring
  around them that holds a page's worth; among them refugee-friendly employers first (offers posted
  by employers themselves, committed to hiring refugees, before the others: bot/employers), then
  those whose French level the person has, then the nearest and the newest; other offers nearby
  follow.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, delete, func, not_, or_, select, true
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.directory import trades
from bot.directory.places import box, distance_km
from bot.directory.records import EMPLOYER_SOURCE
from bot.store import dialect, tables

RADII_KM = (2, 5, 10, 20, 50, 100)  # beyond 100 km, a place is no help "near me"
LEVEL_ORDER = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6, "native": 7}
JOB_RADII_KM = (5, 10, 20, 50, 100, 200)  # then the person's radius, or anywhere


@dataclass(frozen=True, slots=True)
class Hit:
    id: int
    distance_km: float | None  # None: national, or no place given


@dataclass(frozen=True)
class JobQuery:
    """What someone looks for (from their CV and filters); also what an alert keeps."""

    rome: tuple[str, ...] = ()
    words: tuple[str, ...] = ()  # typed trades (trades.phrases), matched on titles
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None  # None: anywhere
    contracts: tuple[str, ...] = ()  # empty: any
    french_level: str = ""  # the person's: A1…C2, "native" or unknown
    place: str = ""  # the place's name, to remind people what they asked for

    def to_json(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> JobQuery:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for key in ("rome", "words", "contracts"):
            known[key] = tuple(known.get(key) or ())
        return cls(**known)

    def distance(self, latitude: float | None, longitude: float | None) -> float | None:
        if self.latitude is None or self.longitude is None or latitude is None or longitude is None:
            return None
        return distance_km(self.latitude, self.longitude, latitude, longitude)

    def within(self, distance: float | None) -> bool:
        return self.radius_km is None or (distance is not None and distance <= self.radius_km)

    @property
    def targeted(self) -> bool:
        return bool(self.rome or self.words)

    def wants(self, rome: str, title_words: str) -> bool:
        """Is the offer in one of the person's trades (by its code or by its title)?"""
        return rome in self.rome or any(trades.matches(p, title_words) for p in self.words)

    def accepts(self, rome: str, title_words: str, contract: str, distance: float | None) -> bool:
        """Does an offer match an alert? (Its occupation, its contract, its distance.)"""
        return (
            (not self.targeted or self.wants(rome, title_words))
            and (not self.contracts or contract in self.contracts)
            and self.within(distance)
        )

    def trade_condition(self) -> ColumnElement[bool]:
        """`wants` in SQL."""
        jobs = tables.jobs
        by_title = (
            and_(*(jobs.c.title_words.like(f"% {word} %") for word in phrase.split()))
            for phrase in self.words
        )
        return or_(*([jobs.c.rome.in_(self.rome)] if self.rome else []), *by_title)

    def too_hard(self, wanted: str) -> bool:
        """The offer asks for more French than the person has (unknown levels never are)."""
        have, need = LEVEL_ORDER.get(self.french_level), LEVEL_ORDER.get(wanted)
        return have is not None and need is not None and have < need


@dataclass
class Directory:
    conn: AsyncConnection
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    # --- services -------------------------------------------------------------------------
    async def nearest_services(
        self, category: str, latitude: float, longitude: float, limit: int = 30
    ) -> list[Hit]:
        national = await self._national(category)
        places = tables.service_places
        found: dict[int, float] = {}
        async with self.lock:
            for radius in RADII_KM:
                south, north, west, east = box(latitude, longitude, radius)
                rows = await self.conn.execute(
                    select(places.c.service_id, places.c.latitude, places.c.longitude).where(
                        places.c.category == category,
                        places.c.latitude.between(south, north),
                        places.c.longitude.between(west, east),
                    )
                )
                found = {}
                for service_id, lat, lon in rows:
                    distance = distance_km(latitude, longitude, lat, lon)
                    if distance <= radius:
                        found[service_id] = distance
                if len(found) + min(len(national), 1) >= limit:
                    break
        nearest = [Hit(i, d) for i, d in sorted(found.items(), key=lambda item: item[1])]
        # The first national line leads (the 115 for a bed tonight); the others follow the
        # places nearby, so three emergency numbers do not hide the clinic down the street.
        lines = [Hit(i, None) for i in national]
        return (lines[:1] + nearest + lines[1:])[:limit]

    async def _national(self, category: str) -> list[int]:
        services = tables.services
        async with self.lock:
            rows = await self.conn.execute(
                select(services.c.id, services.c.categories)
                .where(services.c.national == true())  # `IS TRUE` would miss the index
                .order_by(services.c.id)
            )
            return [r.id for r in rows if category in r.categories]

    async def services(self, ids: Sequence[int]) -> dict[int, Row[Any]]:
        return await self._rows(tables.services, ids)

    # --- jobs -----------------------------------------------------------------------------
    async def rank_jobs(self, query: JobQuery, limit: int = 30) -> list[Hit]:
        """The best `limit` offers for `query`: its occupations first, then other offers nearby."""
        jobs = tables.jobs
        where: list[ColumnElement[bool]] = (
            [jobs.c.contract.in_(query.contracts)] if query.contracts else []
        )
        matched: list[Any] = []
        async with self.lock:
            trade = query.trade_condition() if query.targeted else None
            if trade is not None:
                matched = await self._nearest_jobs(query, [trade, *where], limit)
            others: list[Any] = []
            if len(matched) < limit:
                if trade is not None:
                    where.append(not_(trade))
                others = await self._nearest_jobs(query, where, limit - len(matched))
        ranked = []
        for row in matched + others:
            distance = query.distance(row.latitude, row.longitude)
            published = row.published_at.toordinal() if row.published_at else 0
            key = (
                not (query.targeted and query.wants(row.rome, row.title_words)),
                not row.refugee_friendly,
                row.source != EMPLOYER_SOURCE,  # the employer's own commitment, among equals
                query.too_hard(row.french_level),
                round(distance / 5) if distance is not None else 0,  # 5 km steps
                -published,
                -row.id,
            )
            ranked.append((key, Hit(row.id, distance)))
        ranked.sort(key=lambda item: item[0])
        return [hit for _key, hit in ranked[:limit]]

    async def _nearest_jobs(self, query: JobQuery, where: list[Any], wanted: int) -> list[Any]:
        """Offers matching `where`, from the smallest ring around the person holding `wanted`.

        Rings grow as for services (5, 10, 20… km, never beyond the person's radius), each read
        through an index on the place. Without a radius, past the last ring come the nearest
        offers anywhere (and those with no place at all). Without a place, the newest offers,
        refugee-friendly employers first.
        """
        jobs = tables.jobs
        columns = select(
            jobs.c.id,
            jobs.c.rome,
            jobs.c.title_words,
            jobs.c.latitude,
            jobs.c.longitude,
            jobs.c.refugee_friendly,
            jobs.c.source,
            jobs.c.french_level,
            jobs.c.published_at,
        ).where(*where)
        enough = max(wanted * 4, 100)  # room for the ranking to choose among
        if query.latitude is None or query.longitude is None:
            newest = columns.order_by(
                jobs.c.refugee_friendly.desc(), jobs.c.published_at.desc(), jobs.c.id.desc()
            )
            return list((await self.conn.execute(newest.limit(enough))).all())
        latitude, longitude = query.latitude, query.longitude
        cap = query.radius_km
        for radius in [r for r in JOB_RADII_KM if cap is None or r < cap] + [cap]:
            if radius is None:
                # Squared degrees, the longitude shrunk by the latitude: enough to order by.
                shrink = math.cos(math.radians(latitude))
                near = func.coalesce(
                    (jobs.c.latitude - latitude) * (jobs.c.latitude - latitude)
                    + (jobs.c.longitude - longitude)
                    * (jobs.c.longitude - longitude)
                    * (shrink * shrink),
                    1e9,  # no place: after every place
                )
                rows = await self.conn.execute(columns.order_by(near, jobs.c.id).limit(enough))
                return list(rows.all())
            south, north, west, east = box(latitude, longitude, radius)
            rows = await self.conn.execute(
                columns.where(
                    jobs.c.latitude.between(south, north), jobs.c.longitude.between(west, east)
                )
            )
            inside = [
                row
                for row in rows
                if distance_km(latitude, longitude, row.latitude, row.longitude) <= radius
            ]
            if len(inside) >= wanted or radius == cap:
                return inside
        raise AssertionError("the last ring is the cap or unbounded")

    async def jobs(self, ids: Sequence[int]) -> dict[int, Row[Any]]:
        return await self._rows(tables.jobs, ids)

    async def record_interest(self, user_id: int, job_id: int, now: dt.datetime) -> bool:
        """Remember the interest; whether it is the first for this offer."""
        table = tables.job_interests
        statement = dialect.insert_for(self.conn, table).values(
            user_id=user_id, job_id=job_id, created_at=now
        )
        async with self.lock:
            added = await self.conn.execute(statement.on_conflict_do_nothing())
        return bool(added.rowcount)

    async def set_alert(self, user_id: int, query: JobQuery | None, now: dt.datetime) -> None:
        """Subscribe `user_id` to offers matching `query` (one alert each; None removes it)."""
        table = tables.job_alerts
        async with self.lock:
            await self.conn.execute(delete(table).where(table.c.user_id == user_id))
            if query is not None:
                await self.conn.execute(
                    table.insert().values(user_id=user_id, criteria=query.to_json(), created_at=now)
                )

    async def alert(self, user_id: int) -> JobQuery | None:
        table = tables.job_alerts
        async with self.lock:
            criteria = await self.conn.scalar(
                select(table.c.criteria).where(table.c.user_id == user_id)
            )
        return JobQuery.from_json(criteria) if criteria is not None else None

    async def interests(self, user_id: int) -> int:
        table = tables.job_interests
        async with self.lock:
            count = await self.conn.scalar(
                select(func.count()).select_from(table).where(table.c.user_id == user_id)
            )
        return int(count or 0)

    async def forget(self, user_id: int | None) -> None:
        """Drop what was kept because the person agreed (on withdrawing that agreement)."""
        if user_id is None:
            return
        async with self.lock:
            for table in (tables.interests, tables.job_interests, tables.job_alerts):
                await self.conn.execute(delete(table).where(table.c.user_id == user_id))

    async def note_interests(
        self, user_id: int | None, items: Iterable[tuple[str, str]], now: dt.datetime
    ) -> None:
        """Remember what someone asked about (kind, value), for volunteers' audiences."""
        if user_id is None:
            return
        rows = [
            {"user_id": user_id, "kind": kind, "value": value[:16], "updated_at": now}
            for kind, value in dict.fromkeys(items)
            if value
        ]
        if not rows:
            return
        table = tables.interests
        statement = dialect.insert_for(self.conn, table)
        async with self.lock:
            await self.conn.execute(
                statement.on_conflict_do_update(
                    index_elements=["user_id", "kind", "value"],
                    set_={"updated_at": statement.excluded.updated_at},
                ),
                rows,
            )

    # --- shared ---------------------------------------------------------------------------
    async def _rows(self, table: Any, ids: Iterable[int]) -> dict[int, Row[Any]]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        async with self.lock:
            rows = await self.conn.execute(select(table).where(and_(table.c.id.in_(wanted))))
            return {row.id: row for row in rows}
