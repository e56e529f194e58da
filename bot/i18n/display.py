"""Numbers, distances, dates, times and language names written the way a language writes them
(CLDR data through Babel: Persian digits in Persian, "3 déc." in French…)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_time
from babel.lists import format_list
from babel.numbers import format_decimal


@lru_cache(maxsize=64)
def locale_of(lang: str) -> Locale:
    """Parsed once per language: Babel's parsing cost more than the formatting it serves."""
    try:
        return Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        return Locale.parse("fr")


def distance(km: float, lang: str) -> str:
    """ "350 m", "1,2 km", "12 km" (the unit symbols are international)."""
    locale = locale_of(lang)
    if km < 1:
        return f"{format_decimal(max(50, round(km * 1000 / 50) * 50), locale=locale)} m"
    pattern = "#,##0.#" if km < 10 else "#,##0"
    return f"{format_decimal(km, format=pattern, locale=locale)} km"


def date(day: dt.date | dt.datetime, lang: str) -> str:
    return format_date(day, format="medium", locale=locale_of(lang))


def time(moment: dt.time | dt.datetime, lang: str) -> str:
    if isinstance(moment, dt.time) and moment >= dt.time(23, 59):
        moment = dt.time(0, 0)  # "until midnight"
    return format_time(moment, format="short", locale=locale_of(lang))


def weekday_time(moment: dt.datetime, lang: str) -> str:
    """ "lundi 09:00": when something next opens."""
    return format_datetime(
        moment, format="EEEE HH:mm", tzinfo=moment.tzinfo, locale=locale_of(lang)
    )


_CLDR = {"prs": "fa_AF"}  # Dari: CLDR names it as Persian of Afghanistan


def languages(codes: Iterable[str], lang: str) -> str:
    """["fr", "ar"] → "français, arabe" in French, "فرانسوی، عربی" in Persian."""
    locale = locale_of(lang)
    names = [locale.languages.get(_CLDR.get(code, code), code) for code in codes]
    return format_list(names, style="standard", locale=locale) if names else ""


def language_name(code: str, lang: str) -> str:
    """A language named in another one ("ps" in French: "pachto"). Passerelle's "fa" is Dari and
    Persian, so both names are given: "dari (persan)"."""
    names = locale_of(lang).languages
    if code == "fa":
        dari, persian = names.get("fa_AF"), names.get("fa")
        if dari and persian:
            return f"{dari} ({persian})"
    return str(names.get(_CLDR.get(code, code), code))
