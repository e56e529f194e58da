"""A bare "help me" raises the alarm in every language; "help me find a job" does not.

A tester found that "ساعدوني" (Arabic) raised the alarm but "کمکم کنید" (Dari), "ሓግዙኒ" (Tigrinya),
"допоможіть" (Ukrainian) and "помогите" (Russian) did not: the last three were even words of the
help command, so a cry for help got the list of commands. Now a call for help that stands alone —
with at most "please", "now", "quickly", "someone" around it — is found in every language, Latin
transliterations too, and the person is asked at once whether they are in danger now ("aidez-moi"
is also how many people greet a helpline): "yes" is the alarm; "help me" followed by anything to do
("with my CV", "find a job", "translate this letter") is a request for ordinary help, and so is a
polite "can you help me?". The neutral word for help ("help", "aide", "کمک", "помощь", "ሓገዝ") stays
the help command.
"""

from __future__ import annotations

import pytest

from bot.clock import FrozenClock
from bot.config import Settings
from bot.emergency import detect
from tests.regressions.support import asks_then_alarms, on_duty, speaking, stays_calm
from tests.support import running
from tests.test_broadcast import Labelled

TESTER = [
    ("fa", "کمکم کنید"),
    ("ti", "ሓግዙኒ"),
    ("uk", "допоможіть"),
    ("ru", "помогите"),
    ("ar", "ساعدوني"),
]


async def test_the_testers_calls_raise_the_alarm(settings: Settings, clock: FrozenClock) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        volunteer = await on_duty(app)
        for number, (lang, text) in enumerate(TESTER):
            await asks_then_alarms(await speaking(app, f"tester{number}", lang), volunteer, text)


async def test_ordinary_help_and_the_help_command_stay_calm(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        volunteer = await on_duty(app)
        for lang, ordinary, command in (
            ("ru", "помогите найти работу", "помощь"),
            ("fa", "کمکم کنید کار پیدا کنم", "کمک"),
            ("en", "can you help me with my CV", "help"),
        ):
            person = await speaking(app, f"asker-{lang}", lang)
            await stays_calm(person, volunteer, ordinary)
            listing = "\n".join(await stays_calm(person, volunteer, command))
            assert "(/help)" in listing and "(/menu)" in listing, listing


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "aidez-moi"),
        ("fr", "svp aidez moi vite"),
        ("en", "help me"),
        ("en", "please someone help us"),
        ("fa", "کمکم کنید"),
        ("fa", "لطفا کمکم کن"),
        ("fa", "komakam konid"),
        ("ps", "راسره مرسته وکړئ"),
        ("ps", "mrasta wakrai"),
        ("ar", "ساعدني"),
        ("ar", "الله يخليكم ساعدوني"),
        ("ar", "sa3douni"),
        ("ti", "በጃኹም ሓግዙኒ"),
        ("ti", "hagezuni"),
        ("uk", "допоможіть будь ласка"),
        ("uk", "dopomozhit"),
        ("ru", "помогите мне пожалуйста"),
        ("ru", "pomogite"),
        ("bn", "আমাকে সাহায্য করুন"),
        ("bn", "amake bachan"),
        ("tr", "lütfen yardım edin"),
        ("tr", "yardim edin"),
    ],
)
def test_a_call_for_help_alone_is_an_alarm(lang: str, text: str) -> None:
    found = detect.detect(text, lang)
    assert found is not None and found.category == "call", found


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "aidez-moi à faire mon CV"),
        ("fr", "pouvez-vous m'aider s'il vous plaît"),
        ("en", "help me find a job"),
        ("en", "can you help me please"),
        ("fa", "لطفا در نوشتن سی وی کمکم کنید"),
        ("ps", "د کار په موندلو کې راسره مرسته وکړئ"),
        ("ar", "ساعدني لاقي شغل"),
        ("ti", "ስራሕ ክረክብ ሓግዙኒ"),
        ("uk", "допоможіть знайти роботу"),
        ("ru", "помогите составить резюме"),
        ("bn", "কাজ খুঁজতে সাহায্য করুন"),
        ("tr", "iş bulmama yardım edin"),
    ],
)
def test_help_with_something_to_do_is_not_an_alarm(lang: str, text: str) -> None:
    assert detect.detect(text, lang) is None
