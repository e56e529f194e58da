""" "back" from "which Saint-Denis?" went to the main menu (issue 15): a "which one?" question is
asked on the way, and "back" returns to the question the person answered — "where?" — with its
prompt."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.support import Person, running
from tests.test_directory_flows import to_menu, with_samples


async def test_which_then_back(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(with_samples(sqlite_only), clock) as app:
        person = Person(app, "sara")
        await to_menu(person)
        await person.send("3")  # find help near me
        await person.send("1")  # a kind of help
        which = (await person.send("Saint-Denis"))[-1]
        assert (await person.row())["step"] == "help.place_which", which
        back = (await person.send("retour"))[-1]
        assert (await person.row())["step"] == "help.place"
        assert "Où êtes-vous" in back or "où" in back.lower(), back
