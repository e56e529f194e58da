"""What the regression tests of conversations with volunteers share: a volunteer on duty, a person
who finished onboarding in their language, and a translation double that has no model for some
languages (in either direction), as Argos has none for Pashto and Tigrinya."""

from __future__ import annotations

from collections.abc import Sequence

from bot.app import App
from tests.support import Person
from tests.test_broadcast_chat import volunteer


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


async def onboarded(app: App, name: str, greeting: str) -> Person:
    """Someone who greeted in their language, took the suggested one and agreed."""
    person = Person(app, name)
    await person.send(greeting)
    await person.send("1")
    await person.send("1")
    return person


def joined(replies: list[str]) -> str:
    return "\n".join(replies)
