"""Month and year, typed in any language, as a French CV writes them ("septembre 2025").

Accepted: "03/2025", "3-2025", "2025-03", "mars 2025", "March 2025", "مارس ٢٠٢٥", "آذار 2025",
"جوان 2025", "березня 2025", "у березні 2025", "ግንቦት 2025", "Mart'ta 2025", a year alone ("2019")
where a year is enough, and the Solar Hijri calendar of Iran and Afghanistan ("حمل ۱۴۰۲",
"فروردین 1402", "وری ۱۴۰۲", "1402"), turned into the Gregorian month. Month names come from CLDR
(through Babel) for every language Passerelle speaks and the regional variants people write
(Maghrebi, Levantine and Egyptian Arabic, Persian of Afghanistan, Amharic spellings of Tigrinya),
every wide name whatever its length ("ጥሪ", "মে", "آب"); content/cv/months.csv adds common
spellings and misspellings, Pashto's own names of the solar months, the forms "in March" takes
in Ukrainian and Russian, and the words that say nothing of the date ("in", "month", "year").
A long name with one letter wrong is still read when it is close to one month only. A month
without its year ("septembre") is not a date: the person is asked for the year; a Solar Hijri
month with a Gregorian year (or the other way round) is refused rather than guessed.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from rapidfuzz import fuzz, process

from bot.cv.normalize.digits import latin_digits
from bot.cv.normalize.lookup import LOCALES, key

SPELLINGS_FILE = Path(__file__).resolve().parents[3] / "content" / "cv" / "months.csv"
_MONTH_LOCALES = (
    *LOCALES,
    *("ar_SY", "ar_IQ", "ar_LB", "ar_JO", "ar_PS"),  # كانون الثاني، شباط…
    *("ar_DZ", "ar_TN", "ar_MA", "ar_MR", "ar_EG", "ar_SD"),  # جانفي، فيفري… ; يوليوز، غشت…
    *("ps_PK", "bn_IN", "am"),  # Tigrinya speakers from Ethiopia may write Amharic's names
)
# A typed name this close to one month only (rapidfuzz ratio), if it has this many letters.
_FUZZY_CUTOFF, _FUZZY_LENGTH = 85, 6
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
    """Every month name (wide whatever its length, abbreviated from three letters, as written
    and as said alone) and every spelling of content/cv/months.csv → 1–12."""
    found: dict[str, int] = {}
    for code in _MONTH_LOCALES:
        months = Locale.parse(code).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    folded = key(name).rstrip(".")
                    if width == "wide" or len(folded) >= 3:  # "ግን." is also "but"
                        found.setdefault(folded, number)
    found.update(_spellings()[0])
    return found


@cache
def _solar_months() -> dict[str, int]:
    found = {key(name): number for number, names in enumerate(_SOLAR, 1) for name in names}
    found.update(_spellings()[1])
    return found


@cache
def _spellings() -> tuple[dict[str, int], dict[str, int], frozenset[str]]:
    """content/cv/months.csv: Gregorian months, Solar Hijri months ("s1"…), and words around a
    date that say nothing of it ("-")."""
    gregorian: dict[str, int] = {}
    solar: dict[str, int] = {}
    fillers: set[str] = set()
    with SPELLINGS_FILE.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            meaning, written = row["meaning"], key(row["written"])
            if meaning == "-":
                fillers.add(written)
            elif meaning.startswith("s"):
                solar[written] = int(meaning[1:])
            else:
                gregorian[written] = int(meaning)
    return gregorian, solar, frozenset(fillers)


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
    words = _words(_YEAR.sub(" ", cleaned))
    gregorian = _gregorian(words)
    solar = _solar_months().get(" ".join(words)) if words else None
    if len(years) > 1 or (words and gregorian is None and solar is None):
        return Problem.NOT_A_DATE
    if not years:
        return Problem.NO_YEAR if words else Problem.NOT_A_DATE
    year = int(years[0])
    if year in _SOLAR_YEARS:
        if words and solar is None:  # a Gregorian month with a Solar Hijri year
            return Problem.NOT_A_DATE
        found = _from_solar(year, solar)
    elif words and gregorian is None:  # a Solar Hijri month with a Gregorian year
        return Problem.NOT_A_DATE
    else:
        found = MonthYear(year, gregorian)
    if found.month is None and not year_alone:
        return Problem.NO_MONTH
    return _checked(found, today)


def _words(text: str) -> list[str]:
    """The words of `text` that may name a month: without the words around a date ("in",
    "month"), an elided article ("d'avril") or a Turkish suffix ("Mart'ta", "2025'te")."""
    fillers = _spellings()[2]
    words = []
    for word in key(text).replace(",", " ").split():
        before, _apostrophe, after = word.partition("'")
        word = after if after and before in fillers else before
        word = word.strip(".-/")
        if word and word not in fillers:
            words.append(word)
    return words


def _gregorian(words: list[str]) -> int | None:
    """The month `words` name ("كانون الثاني" is two words), or the only one a long name with a
    letter wrong is close to."""
    if not words:
        return None
    joined = " ".join(words)
    exact = _months().get(joined)
    if exact is not None or len(joined) < _FUZZY_LENGTH:
        return exact
    close = process.extract(joined, list(_months()), scorer=fuzz.ratio, limit=8)
    best = max((score for _name, score, _i in close), default=0)
    months = {_months()[name] for name, score, _i in close if score == best}
    return months.pop() if best >= _FUZZY_CUTOFF and len(months) == 1 else None


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
