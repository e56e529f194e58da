"""An employer who asked for CVs through a coordinator: "I'm interested" waits in the console, the
coordinator reads the CV as the employer would receive it (the access log says so) and passes it
on — then it is mailed — or decides not to, and the person is told so when they ask again."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from tests.employers_support import EMPLOYER, confirmed, deliver, employers_site, publish
from tests.standins.smtp import attachments
from tests.support import Person
from tests.test_directory_flows import CV, set_cv, to_menu
from tests.web_support import logged_in


async def test_a_coordinator_passes_a_cv_on_or_not(settings: Settings, clock: FrozenClock) -> None:
    async with employers_site(settings, clock) as site:
        app = site.app
        await publish(app, await confirmed(site, cv_route="coordinator"))
        await deliver(app)
        sent_before = len(site.smtp.to(EMPLOYER))
        people = []
        for name in ("amina", "bilal"):
            person = Person(app, name)
            await to_menu(person)
            await set_cv(app, person, CV)
            await person.send("2")
            await person.send("1")
            said = "\n".join(await person.send("✋ Ça m'intéresse"))
            assert "Une personne de l'association transmettra votre CV" in said
            people.append(person)
        assert await deliver(app) == 0  # nothing leaves before a coordinator decides

        session = site.console
        await logged_in(session, "coordinator")
        listing = await session.text("/console/employers")
        assert listing.count('href="/console/employers/cv/') == 2
        links = re.findall(r'href="/console/employers/cv/(\d+)"', listing)
        first, second = sorted({int(n) for n in links})
        pdf = await session.client.get(f"/console/employers/cv/{first}")
        assert pdf.status == 200 and (await pdf.read()).startswith(b"%PDF")
        assert (await session.post(f"/console/employers/cv/{first}", {"send": "yes"})).status == 303
        assert (await session.post(f"/console/employers/cv/{second}", {"send": "no"})).status == 303
        assert await deliver(app) == 1
        [(name, _pdf)] = attachments(site.smtp.to(EMPLOYER)[sent_before])
        assert name == "CV Amina K.pdf"
        async with app.database.read() as conn:
            actions = list(await conn.scalars(select(tables.access_log.c.action)))
        assert {"read", "forwarded", "not_forwarded"} <= set(actions)

        bilal = people[1]
        await bilal.send("Retour aux offres")
        await bilal.send("1")
        again = "\n".join(await bilal.send("✋ Ça m'intéresse"))
        assert "L'association n'a pas transmis votre CV à cet employeur" in again
        assert (
            await session.post(f"/console/employers/cv/{second}", {"send": "yes"})
        ).status == 303
        assert await deliver(app) == 0  # a decision stands
