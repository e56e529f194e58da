"""Month and year, typed in any language, as a French CV writes them ("septembre 2025").

Accepted: "03/2025", "3-2025", "2025-03", "mars 2025", "March 2025", "مارس ٢٠٢٥", "آذار 2025",
"березня 2025", "መጋቢት 2025", a year alone ("2019") where a year is enough, and the Solar Hijri
calendar of Iran and Afghanistan ("حمل ۱۴۰۲", "فروردین 1402", "1402"), turned into the Gregorian
month. Month names come from CLDR (through Babel) for every language Passerelle speaks and their
regional variants. A month without its year ("septembre") is not a date: the person is asked
for the year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from functools import cache

from babel import Locale
from babel.dates import format_date

from bot.cv.normalize.digits import latin_digits
from bot.cv.normalize.lookup import LOCALES, key

_MONTH_LOCALES = (*LOCALES, "ar_SY", "ar_IQ", "ar_SD", "ps_PK", "bn_IN")
# Solar Hijri month names: Iran's, then Afghanistan's (the signs of the zodiac).
_SOLAR = (
    ("فروردین", "حمل"),
    ("اردیبهشت", "ثور"),
    ("خرداد", "جوزا"),
    ("تیر", "سرطان"),
    ("مرداد", "اسد"),
    ("شهریور", "سنبله"),
    ("مهر", "میزان"),
    ("آبان", "عقرب"),
    ("آذر", "قوس"),
    ("دی", "جدی"),
    ("بهمن", "دلو"),
    ("اسفند", "حوت"),
)
_SOLAR_YEARS = range(1300, 1460)
_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{4})$|^(\d{4})\s*[/.\-]\s*(\d{1,2})$")
_YEAR = re.compile(r"\b(\d{4})\b")


class Problem(Enum):
    NO_YEAR = "no_year"  # "septembre"
    NO_MONTH = "no_month"  # "2025" where the month is needed
    NOT_A_DATE = "not_a_date"
    OUT_OF_RANGE = "out_of_range"  # before 1950, or too far in the future


@dataclass(frozen=True, slots=True)
class MonthYear:
    year: int
    month: int | None = None  # None: the year alone

    def as_dict(self) -> dict[str, int]:
        return {"year": self.year, **({"month": self.month} if self.month else {})}

    @classmethod
    def from_dict(cls, value: object) -> MonthYear | None:
        if isinstance(value, dict) and isinstance(value.get("year"), int):
            month = value.get("month")
            return cls(value["year"], month if isinstance(month, int) else None)
        return None

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, 1)


@cache
def _months() -> dict[str, int]:
    """Every month name (wide and abbreviated, as written and as said alone) → 1–12."""
    found: dict[str, int] = {}
    for code in _MONTH_LOCALES:
        months = Locale.parse(code).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    folded = key(name).rstrip(".")
                    if len(folded) >= 3:
                        found.setdefault(folded, number)
    return found


@cache
def _solar_months() -> dict[str, int]:
    return {key(name): number for number, names in enumerate(_SOLAR, 1) for name in names}


def parse(text: str, today: dt.date, *, year_alone: bool = True) -> MonthYear | Problem:
    """The month and year in `text` (Gregorian), or what is wrong with it."""
    cleaned = latin_digits(text).strip()
    numeric = _NUMERIC.match(cleaned)
    if numeric:
        month = int(numeric[1] or numeric[4])
        year = int(numeric[2] or numeric[3])
        if not 1 <= month <= 12:
            return Problem.NOT_A_DATE
        found = _from_solar(year, month) if year in _SOLAR_YEARS else MonthYear(year, month)
        return _checked(found, today)
    years = _YEAR.findall(cleaned)
    words = key(_YEAR.sub(" ", cleaned)).replace(",", " ").split()
    named = _month_in(words)
    if len(years) > 1 or (words and named is None):
        return Problem.NOT_A_DATE
    if not years:
        return Problem.NO_YEAR if named is not None else Problem.NOT_A_DATE
    year = int(years[0])
    if year in _SOLAR_YEARS:
        solar = _solar_months().get(" ".join(words)) if words else None
        if words and solar is None:  # a Gregorian month with a Solar Hijri year
            return Problem.NOT_A_DATE
        found = _from_solar(year, solar)
    else:
        found = MonthYear(year, named)
    if found.month is None and not year_alone:
        return Problem.NO_MONTH
    return _checked(found, today)


def _month_in(words: list[str]) -> int | None:
    if not words:
        return None
    joined = " ".join(words)  # "كانون الثاني" is two words
    return _months().get(joined) or _solar_months().get(joined)


def _from_solar(year: int, month: int | None) -> MonthYear:
    """Solar Hijri → the Gregorian month holding the 15th of that month (the year's first day,
    1 Farvardin, falls on 20 or 21 March)."""
    if month is None:
        return MonthYear(year + 621)
    days = 15 + sum(31 if m <= 6 else 30 for m in range(1, month))
    day = dt.date(year + 621, 3, 21) + dt.timedelta(days=days - 1)
    return MonthYear(day.year, day.month)


def _checked(value: MonthYear, today: dt.date) -> MonthYear | Problem:
    if value.year < 1950 or value.year > today.year + 5:
        return Problem.OUT_OF_RANGE
    return value


def french(value: MonthYear) -> str:
    """ "septembre 2025", or "2019" for a year alone."""
    return written(value, "fr")


def written(value: MonthYear, lang: str) -> str:
    """The month and year in `lang`, digits as that language writes them."""
    if value.month is None:
        return format_date(value.first_day(), "y", locale=_locale(lang))
    return format_date(value.first_day(), "LLLL y", locale=_locale(lang))


def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang)
    except ValueError:
        return Locale.parse("fr")
