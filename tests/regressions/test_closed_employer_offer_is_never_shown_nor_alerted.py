"""Issue 19: "the bot never shows, and no alert points to, a closed offer". An employer's offer
closed (by its employer, its end date or the association) disappears from the search at that
commit; a person who had it open is told it is no longer available and nothing is recorded or
sent; and the alerts of later offers never name it."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from bot.clock import FrozenClock
from bot.config import Settings
from bot.directory import importer
from bot.directory.places import gazetteer
from bot.store import tables
from tests.employers_support import confirmed, deliver, employers_site, last_mail_links, publish
from tests.support import Person
from tests.test_directory_flows import CV, LYON_3, set_cv, to_menu

CONTENT = Path(__file__).resolve().parents[2] / "content"


async def test_a_closed_offer_is_never_shown_nor_announced(
    settings: Settings, clock: FrozenClock, tmp_path: Path
) -> None:
    async with employers_site(settings, clock) as site:
        app = site.app
        offer_id = await confirmed(site)
        await publish(app, offer_id)
        person = Person(app, "amina")
        await to_menu(person)
        await set_cv(app, person, CV)
        await person.send("2")
        opened = (await person.send("1"))[-1]
        assert opened.startswith("📄 Cuisinier / Cuisinière")
        await person.send("🔔")  # not an option here: stays on the offer
        [manage] = [link for link in await last_mail_links(site) if "/offre/" in link]
        assert (await site.employer.post(f"{manage}/fermer")).status == 303

        replies = await person.send("✋ Ça m'intéresse")
        assert "Cette offre n'est plus disponible." in replies[0]
        assert await deliver(app) == 0  # no CV went anywhere
        async with app.database.read() as conn:
            kept = await conn.scalar(select(func.count()).select_from(tables.employer_referrals))
        assert kept == 0
        await person.send("menu")
        assert "Cuisinier / Cuisinière" not in (await person.send("2"))[-1]

        await person.send("🔔 M'alerter")
        await person.send("Oui, m'alerter")
        await person.read()
        path = tmp_path / "new.json"
        new = {"source_id": "n1", "title": "Cuisinier de collectivité", "rome": "G1602"}
        new.update(contract="cdi", latitude=LYON_3[0], longitude=LYON_3[1])
        path.write_text(json.dumps([new]), encoding="utf-8")
        await importer.import_file(
            app.database, "jobs", path, gazetteer(CONTENT), app.catalogs, clock.now(), source="asso"
        )
        [alert] = await person.read()
        assert "Cuisinier de collectivité" in alert and "Cuisinier / Cuisinière" not in alert
