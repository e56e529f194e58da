"""What people type, made French: phones, dates, countries, languages, trades, names, digits."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from bot.cv import trades
from bot.cv.normalize import countries, dates, languages, names, phones
from bot.cv.normalize.digits import latin_digits
from bot.cv.vocabulary import OCCUPATIONS
from bot.i18n.catalogs import Catalogs

CONTENT = Path(__file__).resolve().parent.parent / "content"
TODAY = dt.date(2026, 11, 28)


def test_digits_of_every_script_become_ascii() -> None:
    assert latin_digits("٠٦١٢ ۰۶۱۲ ০৬১২ 0612") == "0612 0612 0612 0612"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("0612345678", "06 12 34 56 78"),
        ("٠٦١٢٣٤٥٦٧٨", "06 12 34 56 78"),
        ("+33 6 12 34 56 78", "06 12 34 56 78"),
        ("0033612345678", "06 12 34 56 78"),
        ("+49 30 1234567", "+49 30 1234567"),
        ("+380 67 123 4567", "+380 67 123 4567"),
    ],
)
def test_phones_are_written_the_french_way(typed: str, shown: str) -> None:
    found = phones.parse(typed)
    assert isinstance(found, phones.Phone) and found.display == shown


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("06 12 34", phones.Problem.TOO_SHORT),
        ("06 12 34 56 78 90 12", phones.Problem.TOO_LONG),
        ("hello", phones.Problem.INVALID),
    ],
)
def test_a_number_that_cannot_be_called_says_why(typed: str, problem: phones.Problem) -> None:
    assert phones.parse(typed) is problem


@pytest.mark.parametrize(
    ("typed", "french"),
    [
        ("03/2025", "mars 2025"),
        ("2025-03", "mars 2025"),
        ("مارس ٢٠٢٥", "mars 2025"),
        ("آذار 2025", "mars 2025"),
        ("березня 2025", "mars 2025"),
        ("መጋቢት 2025", "mars 2025"),
        ("সেপ্টেম্বর ২০২৪", "septembre 2024"),
        ("Eylül 2024", "septembre 2024"),
        ("مارچ 2023", "mars 2023"),
        ("حمل ۱۴۰۲", "avril 2023"),
        ("فروردین 1402", "avril 2023"),
        ("2019", "2019"),
    ],
)
def test_dates_in_any_language_become_french_months(typed: str, french: str) -> None:
    found = dates.parse(typed, TODAY)
    assert isinstance(found, dates.MonthYear), found
    assert dates.french(found) == french


def test_what_is_not_a_month_and_year_is_refused_with_its_reason() -> None:
    assert dates.parse("septembre", TODAY) is dates.Problem.NO_YEAR
    assert dates.parse("2025", TODAY, year_alone=False) is dates.Problem.NO_MONTH
    assert dates.parse("13/2025", TODAY) is dates.Problem.NOT_A_DATE
    assert dates.parse("hello", TODAY) is dates.Problem.NOT_A_DATE
    assert dates.parse("1900", TODAY) is dates.Problem.OUT_OF_RANGE
    assert dates.parse("سپتامبر ۱۴۰۲", TODAY) is dates.Problem.NOT_A_DATE  # two calendars


@pytest.mark.parametrize(
    ("typed", "french"),
    [
        ("سوريا", "Syrie"),
        ("سورية", "Syrie"),
        ("Сирія", "Syrie"),
        ("ሶርያ", "Syrie"),
        ("افغانستان", "Afghanistan"),
        ("ኤርትራ", "Érythrée"),
        ("বাংলাদেশ", "Bangladesh"),
        ("Türkiye", "Turquie"),
        ("السودان", "Soudan"),
    ],
)
def test_countries_typed_in_any_language_have_their_french_name(typed: str, french: str) -> None:
    assert [countries.name(code) for code in countries.find(typed)] == [french]


def test_a_name_two_countries_share_gives_both() -> None:
    assert set(countries.find("Congo")) == {"CG", "CD"}


@pytest.mark.parametrize(
    ("typed", "french"),
    [
        ("الكردية", "kurde"),
        ("ኣምሓርኛ", "amharique"),
        ("Kurdish", "kurde"),
        ("دری", "dari"),
        ("پښتو", "pachto"),
        ("англійська", "anglais"),
        ("Wolof", "wolof"),
    ],
)
def test_languages_typed_in_any_language_have_their_french_name(typed: str, french: str) -> None:
    assert [languages.name(code) for code in languages.find(typed)] == [french]


@pytest.fixture(scope="module")
def catalogs() -> Catalogs:
    return Catalogs(CONTENT)


@pytest.mark.parametrize(
    ("typed", "feminine", "rome"),
    [
        ("لحامة", "Soudeuse", "H2913"),
        ("كنت لحّامة", "Soudeuse", "H2913"),
        ("آشپز", "Cuisinière", "G1602"),
        ("кухар", "Cuisinière", "G1602"),
        ("électricienne", "Électricienne du bâtiment", "F1602"),
        ("aide soignante", "Aide-soignante", "J1501"),
        ("plombier chauffagiste", "Plombière chauffagiste", "F1603"),
    ],
)
def test_trades_typed_in_any_language_are_found_with_both_genders(
    catalogs: Catalogs, typed: str, feminine: str, rome: str
) -> None:
    found = trades.find(typed, catalogs)
    assert found and found[0].french("f") == feminine and found[0].rome == rome


def test_a_trade_is_written_as_the_person_chose(catalogs: Catalogs) -> None:
    welder = trades.named()["electrician"]
    assert welder.french("f") == "Électricienne du bâtiment"
    assert welder.french("m") == "Électricien du bâtiment"
    assert welder.french("x") == "Électricien du bâtiment / Électricienne du bâtiment"


def test_every_trade_has_a_name_in_the_catalogs_and_the_offered_ones_agree_with_rome() -> None:
    with (CONTENT / "cv" / "trades.csv").open(encoding="utf-8") as rows:
        listed = {row["id"]: row["rome"] for row in csv.DictReader(rows)}
    assert set(listed) == set(trades.LABELS)
    assert {o.id: o.code for o in OCCUPATIONS} == {i: listed[i] for i in trades.SHOWN}


@pytest.mark.parametrize(
    ("written", "latin"),
    [
        ("Олександр Коваленко", "Oleksandr Kovalenko"),
        ("Сергей Иванов", "Sergei Ivanov"),
        ("ሰላም ተስፋይ", "Selam Tesfay"),
        ("زهرا احمدی", "Zahra Ahmadi"),
        ("فاطمة حسين", "Fatima Hussein"),
        ("حلب", "Alep"),
        ("Amal Haddad", "Amal Haddad"),
    ],
)
def test_names_get_the_latin_spelling_papers_use(written: str, latin: str) -> None:
    assert names.suggest(written) == latin
