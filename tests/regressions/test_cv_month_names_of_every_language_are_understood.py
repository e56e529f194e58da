"""Tester's report (issue 21, #3): the Tigrinya months ጥሪ (January) and ሰነ (June) and the common
spelling ግንቦት (May) were refused ("እዚ ዕለት ኣይተረድኣንን"): month names under three letters were
dropped (`_months`), and ግንቦት is not CLDR's spelling. Maghrebi Arabic months (جانفي…) were
refused too. Every wide name is now kept whatever its length, more regional variants are read,
and content/cv/months.csv adds common spellings and the words around a date; a table per
language below."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.clock import FrozenClock
from bot.config import Settings
from bot.cv.normalize import dates
from tests.cv_support import begin_cv, cv_data, step
from tests.support import Person, running

TODAY = dt.date(2026, 11, 28)

# (what is typed, (year, month)) per language; each a way people write it.
TABLES: dict[str, list[tuple[str, tuple[int, int]]]] = {
    "ti": [
        ("ጥሪ 2020", (2020, 1)),
        ("ሰነ 2020", (2020, 6)),
        ("ግንቦት 2019", (2019, 5)),
        ("ጉንበት 2019", (2019, 5)),
        ("ሰኔ 2018", (2018, 6)),
        ("ሓምለ 2021", (2021, 7)),
        ("ወርሒ መስከረም 2022", (2022, 9)),
        ("ታሕሳስ 2015", (2015, 12)),
    ],
    "ar": [
        ("جانفي 2020", (2020, 1)),
        ("فيفري ٢٠٢٠", (2020, 2)),
        ("أفريل 2020", (2020, 4)),
        ("ماي 2020", (2020, 5)),
        ("جوان 2020", (2020, 6)),
        ("جويلية 2020", (2020, 7)),
        ("أوت 2020", (2020, 8)),
        ("سبتمبر 2020", (2020, 9)),
        ("أكتوبر 2020", (2020, 10)),
        ("نوفمبر 2020", (2020, 11)),
        ("ديسمبر 2020", (2020, 12)),
        ("كانون الثاني 2021", (2021, 1)),
        ("كانون ثاني 2021", (2021, 1)),
        ("آب 2021", (2021, 8)),
        ("تشرين الأول 2021", (2021, 10)),
        ("غشت 2019", (2019, 8)),  # Moroccan
        ("يونيه 2019", (2019, 6)),  # Egyptian
        ("في شهر مارس 2019", (2019, 3)),
    ],
    "fa": [
        ("ژانویه ۲۰۲۰", (2020, 1)),
        ("مه 2020", (2020, 5)),
        ("می 2020", (2020, 5)),
        ("جولای 2020", (2020, 7)),
        ("آگوست 2020", (2020, 8)),
        ("فروردین ۱۴۰۲", (2023, 4)),
        ("اردبهشت ۱۴۰۲", (2023, 5)),  # misspelt
        ("ماه مهر سال ۱۴۰۰", (2021, 10)),
        ("حمل ۱۴۰۲", (2023, 4)),
    ],
    "ps": [
        ("جنوري 2020", (2020, 1)),
        ("مۍ 2020", (2020, 5)),
        ("اګسټ 2020", (2020, 8)),
        ("سپټمبر 2020", (2020, 9)),
        ("ډسمبر 2020", (2020, 12)),
        ("وری ۱۴۰۰", (2021, 4)),  # Pashto's names of the solar months
        ("لړم ۱۴۰۰", (2021, 11)),
        ("په مارچ کې 2020", (2020, 3)),
    ],
    "bn": [
        ("মে ২০২০", (2020, 5)),
        ("জানুয়ারি 2020", (2020, 1)),
        ("জানুয়ারী 2020", (2020, 1)),
        ("ফেব্রুয়ারী 2020", (2020, 2)),
        ("আগষ্ট 2020", (2020, 8)),
        ("২০২০ সালের মার্চ", (2020, 3)),
    ],
    "tr": [
        ("Mart 2020", (2020, 3)),
        ("mayis 2020", (2020, 5)),
        ("Ağustos 2020", (2020, 8)),
        ("agustos 2020", (2020, 8)),
        ("Mart'ta 2020", (2020, 3)),
        ("Eylül 2020'de", (2020, 9)),
        ("2020 yılı ekim", (2020, 10)),
    ],
    "uk": [
        ("березня 2025", (2025, 3)),
        ("березень 2025", (2025, 3)),
        ("у березні 2025", (2025, 3)),
        ("трав. 2024", (2024, 5)),
        ("листопада 2023 р.", (2023, 11)),
    ],
    "ru": [
        ("марта 2025", (2025, 3)),
        ("март 2025", (2025, 3)),
        ("в марте 2025", (2025, 3)),
        ("мая 2024", (2024, 5)),
        ("сен 2024", (2024, 9)),
        ("сентебря 2024", (2024, 9)),  # one letter wrong, close to September only
        ("декабря 2023 г.", (2023, 12)),
    ],
    "fr": [
        ("mars 2025", (2025, 3)),
        ("fevrier 2025", (2025, 2)),
        ("en avril 2024", (2024, 4)),
        ("d'août 2024", (2024, 8)),
        ("sept. 2023", (2023, 9)),
    ],
    "en": [
        ("March 2025", (2025, 3)),
        ("in May 2024", (2024, 5)),
        ("Sept 2023", (2023, 9)),
        ("septembr 2023", (2023, 9)),
    ],
}
CASES = [(lang, typed, want) for lang, rows in TABLES.items() for typed, want in rows]


@pytest.mark.parametrize(("lang", "typed", "want"), CASES, ids=[c[1] for c in CASES])
def test_month_names_are_understood(lang: str, typed: str, want: tuple[int, int]) -> None:
    assert dates.parse(typed, TODAY) == dates.MonthYear(*want)


@pytest.mark.parametrize(
    "typed",
    [
        "مهر 2020",  # a Solar Hijri month with a Gregorian year: not guessed
        "مارس ۱۴۰۰",  # and the other way round
        "бересня 2020",  # as close to березня (March) as to вересня (September)
        "ግን 2020",  # "but" (an abbreviation of ግንቦት): not a month
        "mangue 2020",
    ],
)
def test_what_is_not_a_month_is_still_refused(typed: str) -> None:
    assert dates.parse(typed, TODAY) is dates.Problem.NOT_A_DATE


async def test_a_tigrinya_date_in_the_chat(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        selam = Person(app, "selam")
        await begin_cv(selam, "ሰላም", "1")
        for answer in ("Selam Tesfay", "1", "ሕለፍ", "ሕለፍ", "Lyon", "1"):
            await selam.send(answer)  # … asylum seeker: "since when?"
        assert await step(selam) == "cv.status_since"
        await selam.send("ሰነ 2024")
        assert (await cv_data(selam))["status_since"] == {"year": 2024, "month": 6}
