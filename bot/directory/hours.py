"""Is it open now, and what are today's hours? From an OpenStreetMap `opening_hours` expression.

Evaluated in the place's own time zone (mainland France, or an overseas département's), with
French public holidays, so "PH off" closes a service on 25 December and "Mo-Su 20:00-08:00" is
open at 01:00 on Tuesday because it opened on Monday evening.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import opening_hours

PARIS = ZoneInfo("Europe/Paris")
OVERSEAS = {  # the first three digits of a postcode
    "971": "America/Guadeloupe",
    "972": "America/Martinique",
    "973": "America/Cayenne",
    "974": "Indian/Reunion",
    "976": "Indian/Mayotte",
}


@dataclass(frozen=True, slots=True)
class Today:
    open_now: bool | None  # None: the expression says "unknown" now
    intervals: tuple[tuple[dt.time, dt.time], ...]  # today's opening times, local
    closes_at: dt.datetime | None = None  # when open now, until when (local)
    opens_at: dt.datetime | None = None  # when closed now, next opening (local, within 7 days)


def zone(postcode: str) -> ZoneInfo:
    name = OVERSEAS.get(postcode[:3])
    return ZoneInfo(name) if name else PARIS


@lru_cache(maxsize=4096)
def _parsed(expression: str, zone_name: str) -> opening_hours.OpeningHours:
    return opening_hours.OpeningHours(
        expression, timezone=ZoneInfo(zone_name), country="FR", max_interval_days=8
    )


def today(expression: str, postcode: str, now: dt.datetime) -> Today | None:
    """None when there are no hours, or they cannot be read."""
    if not expression:
        return None
    place_zone = zone(postcode)
    local = now.astimezone(place_zone)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    tomorrow = (midnight + dt.timedelta(days=1)).replace(tzinfo=None).replace(tzinfo=place_zone)
    try:
        hours = _parsed(expression, place_zone.key)
        state, _comment = hours.state(local)
        intervals = tuple(
            (start.astimezone(place_zone).time(), _until(end, tomorrow, place_zone))
            for start, end, kind, _comments in hours.intervals(midnight, tomorrow)
            if kind == opening_hours.State.OPEN
        )
        change = hours.next_change(local)
    except (ValueError, SyntaxError, OverflowError):
        return None
    open_now = None if state == opening_hours.State.UNKNOWN else state == opening_hours.State.OPEN
    if change is not None:
        change = change.astimezone(place_zone)
        if change - local > dt.timedelta(days=7):
            change = None
    return Today(
        open_now,
        intervals,
        closes_at=change if open_now else None,
        opens_at=change if open_now is False else None,
    )


def _until(end: dt.datetime | None, tomorrow: dt.datetime, place_zone: ZoneInfo) -> dt.time:
    """The end of an interval today; "until midnight or later" is 23:59."""
    return dt.time(23, 59) if end is None or end >= tomorrow else end.astimezone(place_zone).time()
