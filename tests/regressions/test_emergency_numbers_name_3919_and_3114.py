"""The emergency numbers include 3919 (violence against women) and 3114 (suicide prevention).

Issue 14: the message listed 112, 15, 17, 18, 115, 119 and 114 only, although suicide words were
detected; both lines are free and national.
"""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import PROJECT_DIR, Settings
from bot.i18n.catalogs import Catalogs, load_po, po_path
from tests.support import Person, running
from tests.test_broadcast import Labelled
from tests.test_engine import onboard


def test_every_language_names_both_lines_with_what_they_are_for() -> None:
    locales = PROJECT_DIR / "content" / "locales"
    for lang in Catalogs(PROJECT_DIR / "content").codes:
        text = str(load_po(po_path(locales, lang), lang)["emergency.numbers"].string)
        for number in ("3919", "3114"):
            line = next((x for x in text.splitlines() if x.startswith(f"• {number} — ")), "")
            assert len(line) > len(f"• {number} — ") + 5, (lang, number, text)


async def test_someone_thinking_of_suicide_is_given_3114(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        person = Person(app, "nadia")
        await onboard(person)
        replies = "\n".join(await person.send("je veux en finir, je n'en peux plus"))
        assert "3114 — si vous pensez au suicide" in replies
