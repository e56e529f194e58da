"""At the menu, "CV" or a label's words without its emoji were not understood; someone who picked
the wrong language could not type "language" in their own; "human" as a very first message only
showed the language list (found by testing as users would)."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.support import Person, running
from tests.test_engine import onboard


async def test_words_and_ways_out(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        ana = Person(app, "ana")
        await onboard(ana)  # French
        await ana.send("CV")
        assert (await ana.row())["step"].startswith("cv."), (await ana.row())["step"]
        gul = Person(app, "gul")
        await gul.send("bonjour")
        await gul.send("5")  # Pashto, by mistake
        await gul.send("1")
        await gul.send("мова")  # "language", in Ukrainian
        assert (await gul.row())["step"] == "onboarding.language"
        first = Person(app, "first")
        await first.send("/human")
        assert (await first.row())["step"] == "handover.talk"
