"""Nowhere to sleep tonight, however it is said, gets the emergency numbers and a volunteer.

A tester writing as real people do found that "امشب جایی برای خواب ندارم" and "امشب جایی برای
خوابیدن ندارم" (Dari: tonight I have nowhere to sleep), "امشب کجا بخوابم" (where do I sleep
tonight?) and the Tigrinya "ኣብ ጎደና እየ ዝሓድር" (I spend the night in the street) got "sorry, I
didn't understand": no number, no volunteer told. Only "امشب جای خواب ندارم" was known. The rules
now cover the family in every language: where will I sleep tonight, nowhere to sleep or to spend
the night, sleeping in the street, a station or a park — and not a baby who sleeps well or a place
to sleep next month.
"""

from __future__ import annotations

import pytest

from bot.clock import FrozenClock
from bot.config import Settings
from bot.emergency import detect
from bot.store import tables
from tests.regressions.support import on_duty, raises_the_alarm, speaking, stays_calm
from tests.support import running
from tests.test_broadcast import Labelled
from tests.test_handover import count

TESTER = [
    ("fa", "امشب جایی برای خواب ندارم"),
    ("fa", "امشب جایی برای خوابیدن ندارم"),
    ("fa", "امشب کجا بخوابم"),
    ("ti", "ኣብ ጎደና እየ ዝሓድር"),
]


async def test_the_testers_messages_raise_the_alarm(settings: Settings, clock: FrozenClock) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        volunteer = await on_duty(app)
        for number, (lang, text) in enumerate(TESTER):
            await raises_the_alarm(await speaking(app, f"tester{number}", lang), volunteer, text)
        calm = await speaking(app, "planner", "fa")
        await stays_calm(calm, volunteer, "برای ماه آینده کجا جای خواب پیدا کنم")
        urgent = tables.handovers.c.urgent.is_(True)
        assert await count(app, tables.handovers, urgent) == len(TESTER)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "je sais pas où je vais dormir ce soir"),
        ("fr", "on dort à la gare avec les enfants"),
        ("en", "where am i going to sleep tonight"),
        ("en", "we are sleeping in the park"),
        ("fa", "امشب جای خوابیدن نداریم"),
        ("fa", "امشب کجا بخوابیم"),
        ("fa", "در ایستگاه میخوابم"),
        ("ps", "نن شپه چېرته ویده شو"),
        ("ps", "په پارک کې ویده کېږو"),
        ("ar", "وين بدنا ننام الليلة"),
        ("ar", "نايم بالحديقة"),
        ("ti", "ሎሚ ለይቲ ኣበይ ክንሓድር"),
        ("ti", "ኣብ ጎደና ኢና እንሓድር"),
        ("uk", "де нам спати сьогодні"),
        ("uk", "ночуємо на вокзалі"),
        ("ru", "где нам ночевать сегодня"),
        ("ru", "спим на вокзале"),
        ("bn", "আজ রাতে কোথায় থাকবো"),
        ("bn", "স্টেশনে রাত কাটাচ্ছি"),
        ("tr", "bu gece nerede kalacağım"),
        ("tr", "parkta yatıyoruz"),
    ],
)
def test_every_language_says_it_many_ways(lang: str, text: str) -> None:
    found = detect.detect(text, lang)
    assert found is not None and found.category == "shelter", found


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "le bébé dort bien"),
        ("fr", "où trouver un logement pour dormir le mois prochain"),
        ("en", "the baby sleeps well"),
        ("en", "where can i find a place to sleep next month"),
        ("fa", "طفلم خوب خواب میکند"),
        ("ar", "البيبي بينام منيح"),
        ("ti", "ህጻነይ ጽቡቕ ይድቅስ ኣሎ"),
        ("uk", "де знайти житло на наступний місяць"),
        ("ru", "где найти жилье на следующий месяц"),
        ("tr", "gelecek ay nerede kalacağım bilmiyorum"),
    ],
)
def test_sleeping_well_or_a_place_for_later_is_not_an_alarm(lang: str, text: str) -> None:
    assert detect.detect(text, lang) is None
