"""Tester's report (issue 21, #6): an employer typed in Arabic script was suggested letter by
letter, "مطعم الياسمين" → "Mtm Alyasmyn", which no French employer can read. Its common nouns
(content/cv/employer_words.csv, a short list per script) now come out in their usual French —
"Restaurant Alyasmyn" — and the rest is spelled as a name, as before. Before/after figures:
`python bench/employers.py` (README)."""

from __future__ import annotations

import pytest

from bot.clock import FrozenClock
from bot.config import Settings
from bot.cv.normalize import employers, names
from bot.i18n.bidi import strip_marks
from tests.cv_support import begin_cv, cv_data, step
from tests.support import Person, running


@pytest.mark.parametrize(
    ("typed", "lang", "noun", "name"),
    [
        ("مطعم الياسمين", "ar", "Restaurant", "الياسمين"),
        ("المخبز الشامي", "ar", "Boulangerie", "الشامي"),  # with the article
        ("شركة مقاولات النور", "ar", "Entreprise de construction", "النور"),  # two words
        ("رستوران علی", "fa", "Restaurant", "علی"),
        ("هوټل سپین غر", "ps", "Hôtel", "سپین غر"),  # a name of two words, spelled together
        ("ቤት ብልዒ ሰላም", "ti", "Restaurant", "ሰላም"),
        ("Ресторан Київ", "uk", "Restaurant", "Київ"),
        ("Кафе Ромашка", "ru", "Café", "Ромашка"),
    ],
)
def test_common_nouns_in_french_the_rest_as_a_name(
    typed: str, lang: str, noun: str, name: str
) -> None:
    assert employers.suggest(typed, lang) == f"{noun} {names.suggest(name, lang)}"


def test_a_name_alone_and_latin_letters_are_as_before() -> None:
    assert employers.suggest("আলম দোকান", "bn") == f"{names.suggest('আলম', 'bn')} Magasin"
    assert employers.suggest("Garage Martin", "fr") == "Garage Martin"
    assert employers.suggest("الياسمين", "ar") == names.suggest("الياسمين", "ar")


async def test_the_chat_suggests_it(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        amal = Person(app, "amal")
        await begin_cv(amal, "مرحبا", "1")
        # name, feminine, no phone, no e-mail, Lyon, refugee, continue, no job sought, add a job
        for answer in ("Amal Haddad", "1", "تخطي", "تخطي", "Lyon", "2", "1", "17", "1", "تخطي"):
            await amal.send(answer)
        asked = strip_marks("\n".join(await amal.send("مطعم الياسمين")))
        assert await step(amal) == "cv.latin" and "Restaurant Alyasmyn" in asked
        await amal.send("1")  # that's right
        employer = (await cv_data(amal))["experience"][0]["employer"]
        assert employer == {"text": "مطعم الياسمين", "latin": "Restaurant Alyasmyn"}
