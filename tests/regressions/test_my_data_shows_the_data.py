""" "My data" showed counts ("saved answers: 31"), not the data, though the README says it shows
all of it (issue 15): each stored answer is now shown, in the person's language, paged."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.support import Person, running
from tests.test_directory_flows import CV, set_cv, to_menu, with_samples

EXPERIENCE = [
    {"job": {"text": f"Métier {n}", "fr": f"Métier {n}"}, "country": "SY"} for n in range(1, 9)
]


async def test_every_answer_paged(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(with_samples(sqlite_only), clock) as app:
        person = Person(app, "amina")
        await to_menu(person)
        await set_cv(app, person, {**CV, "experience": EXPERIENCE})
        pages = ["\n".join(await person.send("mes données"))]
        while "➡️ La suite de mes données" in pages[-1]:
            pages.append("\n".join(await person.send("1")))
        everything = "\n".join(pages)
        assert len(pages) > 1 and "(page 2 sur" in pages[1]
        assert "réponses enregistrées" not in everything.lower()  # no bare count
        for answer in ("Amina K", "Lyon 3e", "Cuisinier", "A2", "Réfugié"):
            assert answer in everything, answer
        for n in range(1, 9):
            assert f"Métier {n}" in everything
        assert all(len(page.splitlines()) <= 30 for page in pages)  # a small screen's worth
        # A tester found no way back from the last page: "the page before" goes back, one by one.
        earlier = "\n".join(await person.send("⬅️ La page d'avant"))
        assert earlier.split("\n\n")[0] == pages[-2].split("\n\n")[0], earlier
        assert "⬅️ La page d'avant" not in pages[0]  # nothing before the first page
