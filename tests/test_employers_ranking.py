"""Employers' own offers come first among equals: for the same trade at the same distance, an offer
its employer posted (committed to hiring refugees, checked by the association) before an imported
offer marked refugee-friendly, before the others — and never before an offer in the person's trade
when it is not in theirs."""

from __future__ import annotations

import json
from pathlib import Path

from bot.clock import FrozenClock
from bot.config import Settings
from bot.directory import importer
from bot.directory.places import gazetteer
from bot.directory.search import Directory, JobQuery
from tests.employers_support import confirmed, employers_site, publish
from tests.test_directory_flows import LYON_3

CONTENT = Path(__file__).parent.parent / "content"


async def test_first_among_equals(settings: Settings, clock: FrozenClock, tmp_path: Path) -> None:
    async with employers_site(settings, clock) as site:
        app = site.app
        await publish(app, await confirmed(site))  # a cook in Lyon 3e, published today
        # The same day, the same place, added later (the newest first would put them first).
        here = {
            "latitude": LYON_3[0],
            "longitude": LYON_3[1],
            "contract": "cdi",
            "published": "2026-11-28",
        }
        rows = [
            {"source_id": "plain", "title": "Cuisinier A", "rome": "G1602", **here},
            {
                "source_id": "friendly",
                "title": "Cuisinier B",
                "rome": "G1602",
                "refugee_friendly": True,
                **here,
            },
            {
                "source_id": "mason",
                "title": "Maçon",
                "rome": "F1703",
                "refugee_friendly": True,
                **here,
            },
        ]
        path = tmp_path / "jobs.json"
        path.write_text(json.dumps(rows), encoding="utf-8")
        await importer.import_file(
            app.database, "jobs", path, gazetteer(CONTENT), app.catalogs, clock.now(), source="asso"
        )
        query = JobQuery(rome=("G1602",), latitude=LYON_3[0], longitude=LYON_3[1], radius_km=30)
        async with app.database.read() as conn:
            directory = Directory(conn)
            hits = await directory.rank_jobs(query)
            found = await directory.jobs([h.id for h in hits])
        order = [found[h.id].title for h in hits]
        assert order == ["Cuisinier / Cuisinière", "Cuisinier B", "Cuisinier A", "Maçon"]
