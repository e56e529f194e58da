"""What the regression tests of conversations with volunteers share: a volunteer on duty, a person
who finished onboarding in their language (from a greeting, or picked after "bonjour"), and a
translation double that has no model for some languages (in either direction), as Argos has none
for Pashto and Tigrinya."""

from __future__ import annotations

from collections.abc import Sequence

from bot.app import App
from tests.support import Person
from tests.test_broadcast_chat import volunteer

PICKER = ("fr", "en", "fa", "ps", "ar", "ti", "uk", "ru", "bn", "tr")  # content/locales/LINGUAS


class NoModelFor:
    """Translates anything else as "[target] text"; nothing to or from `languages`."""

    def __init__(self, *languages: str) -> None:
        self.languages = set(languages)

    def route(self, source: str, target: str) -> str | None:
        return None if {source, target} & self.languages else "direct"

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return [f"[{target}] {text}" for text in texts]


async def on_duty(app: App, name: str = "vol") -> Person:
    """A volunteer who chose French and typed /duty."""
    person = await volunteer(app, name)
    await person.send("/duty")
    return person


async def speaking(app: App, name: str, lang: str) -> Person:
    """Someone who said "bonjour", picked `lang` in the language picker and agreed."""
    person = Person(app, name)
    await person.send("bonjour")
    await person.send(str(PICKER.index(lang) + 1))
    await person.send("1")
    return person


async def onboarded(app: App, name: str, greeting: str) -> Person:
    """Someone who greeted in their language, took the suggested one and agreed."""
    person = Person(app, name)
    await person.send(greeting)
    await person.send("1")
    await person.send("1")
    return person


def joined(replies: list[str]) -> str:
    return "\n".join(replies)


async def raises_the_alarm(
    person: Person, volunteer: Person, text: str, quoted: str | None = None
) -> None:
    """`text` gets the emergency numbers, and reaches the volunteer on duty marked 🚨 with
    `quoted` (by default `text` itself)."""
    replies = joined(await person.send(text))
    assert "🚨" in replies and "112" in replies and "115" in replies, (text, replies)
    alert = joined(await volunteer.read())
    assert alert.startswith("🚨") and (quoted or text) in alert, (text, alert)


async def asks_then_alarms(person: Person, volunteer: Person, text: str) -> None:
    """A bare cry for help: asked first whether they are in danger now (nobody told yet);
    "yes" gets the numbers and reaches the volunteer on duty marked 🚨."""
    asked = joined(await person.send(text))
    # a question (which gives 112 for a life at risk), not yet the list of numbers
    assert "1. " in asked and "🚨" not in asked and "3919" not in asked, (text, asked)
    assert await volunteer.read() == [], text
    await raises_the_alarm(person, volunteer, "1", quoted=text)


async def stays_calm(person: Person, volunteer: Person, text: str) -> list[str]:
    """`text` gets no emergency numbers and tells no volunteer; its replies, for more checks."""
    replies = await person.send(text)
    assert "🚨" not in joined(replies) and "3919" not in joined(replies), (text, replies)
    assert await volunteer.read() == [], text
    return replies
