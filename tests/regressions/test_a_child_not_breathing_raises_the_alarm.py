"""Someone else's medical emergency — a child not breathing — gets the emergency numbers.

A tester found that "طفلم نفس نمی‌کشد" (Dari), "ابني لا يتنفس" and "طفلي لا يتنفس" (Arabic), "ماشوم
مې ساه نه شي اخیستلی" (Pashto) and "ቆልዓይ ትንፋስ የብሉን" (Tigrinya) — my child is not breathing —
got "sorry, I didn't understand": the Dari and Arabic rules knew only "I can't breathe". The rules
now cover another person (a child, a baby, a husband, a wife, a mother) not breathing, unconscious,
fainted, bleeding or having a seizure in every language — and not a son breathing better, or a
fit two years ago.
"""

from __future__ import annotations

import pytest

from bot.clock import FrozenClock
from bot.config import Settings
from bot.emergency import detect
from tests.regressions.support import on_duty, raises_the_alarm, speaking, stays_calm
from tests.support import running
from tests.test_broadcast import Labelled

TESTER = [
    ("fa", "طفلم نفس نمی‌کشد"),
    ("ar", "ابني لا يتنفس"),
    ("ar", "طفلي لا يتنفس"),
    ("ps", "ماشوم مې ساه نه شي اخیستلی"),
    ("ti", "ቆልዓይ ትንፋስ የብሉን"),
]


async def test_the_testers_messages_raise_the_alarm(settings: Settings, clock: FrozenClock) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        volunteer = await on_duty(app)
        for number, (lang, text) in enumerate(TESTER):
            await raises_the_alarm(await speaking(app, f"tester{number}", lang), volunteer, text)
        calm = await speaking(app, "parent", "ar")
        await stays_calm(calm, volunteer, "ابني عم يتنفس احسن اليوم")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "ma fille ne respire plus"),
        ("fr", "mon mari s'est évanoui"),
        ("en", "my baby stopped breathing"),
        ("en", "my wife passed out and won't wake up"),
        ("fa", "دخترم نفس نمیکشد"),
        ("fa", "مادرم بیهوش است"),
        ("fa", "شوهرم غش کرد"),
        ("ps", "لور مې ساه نه شي اخیستلی"),
        ("ps", "مور مې بې هوښه شوه"),
        ("ar", "بنتي لا تتنفس"),
        ("ar", "زوجي فاقد الوعي"),
        ("ar", "ابوي عم ينزف"),
        ("ti", "ህጻነይ ትንፋስ የብላን"),
        ("ti", "ኣደይ ዓኒዳ"),
        ("uk", "донька не дихає"),
        ("uk", "мама без свідомості"),
        ("ru", "дочь не дышит"),
        ("ru", "муж упал и не просыпается"),
        ("bn", "ছেলে শ্বাস নিচ্ছে না"),
        ("bn", "স্বামী জ্ঞান হারিয়েছে"),
        ("tr", "oğlum nefes almıyor"),
        ("tr", "eşim baygın"),
    ],
)
def test_someone_elses_emergency_in_every_language(lang: str, text: str) -> None:
    found = detect.detect(text, lang)
    assert found is not None and found.category == "medical", found


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "mon fils respire mieux"),
        ("en", "my son is breathing better"),
        ("fa", "پسرم حالا خوب نفس میکشد"),
        ("ar", "ابني صار يتنفس منيح"),
        ("uk", "син вже краще дихає"),
        ("ru", "сын уже лучше дышит"),
        ("tr", "oğlum artık rahat nefes alıyor"),
        ("en", "my son had a seizure two years ago, i need a neurologist"),
    ],
)
def test_breathing_better_or_an_old_fit_is_not_an_alarm(lang: str, text: str) -> None:
    assert detect.detect(text, lang) is None
