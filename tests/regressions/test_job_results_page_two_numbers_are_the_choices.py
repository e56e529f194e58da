"""On the second page of job results the offers were numbered 4, 5, 6 while the choices under
them were 1…4, and the prompt said "type the offer's number": "4" opened "alert me" (issue 15).
Offers are now numbered as the choices that open them, on every page; services, which are not
opened, carry no number at all."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.support import Person, running
from tests.test_directory_flows import to_menu, with_samples


async def test_page_two(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(with_samples(sqlite_only), clock) as app:
        person = Person(app, "emre")
        await to_menu(person)
        await person.send("2")  # find a job
        await person.send("Lyon")
        second = (await person.send("Plus d'offres"))[-1]
        assert "Page 2 sur 2 — offres trouvées : 6" in second
        assert "\n1. " in second.split("Offres 4 à 6")[0]  # the first offer shown is "1."
        opened = await person.send("1")
        assert (await person.row())["step"] == "jobs.offer", opened


async def test_services_are_not_numbered(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(with_samples(sqlite_only), clock) as app:
        person = Person(app, "lea")
        await to_menu(person)
        await person.send("3")  # find help near me
        await person.send("3")  # a doctor
        listing = (await person.send("69003"))[-1]
        before_choices = listing.split("\n1. ")[0]
        assert "📍" in before_choices and "\n1." not in before_choices
