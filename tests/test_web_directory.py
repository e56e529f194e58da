"""The directory in the console: search, edit with the importer's checks, opening hours checked as
they are typed, "checked today", a file imported all or nothing with its report by line and field,
and the CSV export that imports back unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from aiohttp import FormData
from sqlalchemy import func, select

from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from tests.web_support import Console, console, logged_in, shown

SERVICES = """\
source_id;source;name;categories;address;postcode;city;opening_hours;languages;last_verified
s1;asso;Halte de nuit;shelter;12 rue X;75011;Paris;Mo-Su 20:00-08:00;fr, ar;03/11/2026
s2;asso;Épicerie solidaire;food;;69003;;Tu 14:00-18:00;fr;2026-11-01
s3;asso;Cours de français;french;;;Villeurbanne;;;
"""
BAD = """\
source_id;source;name;categories;postcode;opening_hours
b1;asso;Bon;food;75011;Mo-Fr 09:00-12:00
b2;asso;;food;75011;
b3;asso;Horaires faux;food;75011;lundi matin
b4;asso;Nulle part;food;00000;
"""


async def upload(session: Console, kind: str, name: str, body: str) -> Any:
    form = FormData()
    form.add_field("csrf", await session.page_token())  # first: checked before the file is read
    form.add_field("kind", kind)
    form.add_field("file", io.BytesIO(body.encode()), filename=name, content_type="text/csv")
    return await session.client.post("/console/directory/import", data=form)


async def services(session: Console) -> list[Any]:
    table = tables.services
    async with session.app.database.read() as conn:
        return list((await conn.execute(select(table).order_by(table.c.id))).all())


async def test_search_edit_and_check_a_service(settings: Settings, clock: FrozenClock) -> None:
    async with console(settings, clock) as session:
        await logged_in(session, "coordinator")
        assert (await upload(session, "services", "services.csv", SERVICES)).status == 200
        found = await session.text("/console/directory/services?q=villeur")
        assert "Cours de français" in found and "Halte de nuit" not in found
        halte = next(s for s in await services(session) if s.source_id == "s1")
        page = await session.text(f"/console/directory/services/{halte.id}")
        assert "Mo-Su 20:00-08:00" in page
        form = {
            "name": "Halte de nuit",
            "categories": ["shelter", "hygiene"],
            "postcode": "75011",
            "opening_hours": "lundi matin",
            "languages": "fr, ar, ps",
        }
        refused = await session.post(f"/console/directory/services/{halte.id}", form)
        assert refused.status == 400
        assert session.app.catalogs.text("fr", "web.directory.not_saved") in (await refused.text())
        assert (await services(session))[0].opening_hours == "Mo-Su 20:00-08:00"
        form["opening_hours"] = "Mo-Fr 09:00-17:00; PH off"
        saved = await session.post(f"/console/directory/services/{halte.id}", form)
        assert saved.status == 303
        after = next(s for s in await services(session) if s.source_id == "s1")
        assert after.opening_hours == "Mo-Fr 09:00-17:00; PH off"
        assert after.languages == ["fr", "ar", "ps"] and after.content_hash != halte.content_hash
        places = tables.service_places
        async with session.app.database.read() as conn:
            indexed = await conn.scalars(
                select(places.c.category).where(places.c.service_id == halte.id)
            )
            assert sorted(indexed) == ["hygiene", "shelter"]
        clock.advance(days=3)
        await session.login("coordinator@example.org")  # the session ended meanwhile
        checked = await session.post(f"/console/directory/services/{halte.id}/checked")
        assert checked.status == 303
        stamped = next(s for s in await services(session) if s.source_id == "s1")
        assert stamped.last_verified == dt.date(2026, 12, 1)
        log = tables.access_log
        async with session.app.database.read() as conn:
            actions = list(await conn.scalars(select(log.c.action).order_by(log.c.id)))
        assert actions == ["login", "imported", "edited", "login", "checked"]


async def test_a_new_service_finds_its_place_from_the_postcode(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as session:
        await logged_in(session, "coordinator")
        form = {"name": "Vestiaire", "categories": "equipment", "postcode": "69003"}
        made = await session.post("/console/directory/services/new", form)
        assert made.status == 303
        (row,) = await services(session)
        assert row.source == "console" and row.source_id.startswith("console-")
        assert row.latitude is not None and 45 < row.latitude < 46
        assert made.headers["Location"] == f"/console/directory/services/{row.id}?saved=1"


async def test_hours_are_checked_as_they_are_typed(settings: Settings, clock: FrozenClock) -> None:
    async with console(settings, clock) as session:  # Saturday 28 November 2026, 11:00 in Paris
        await logged_in(session, "coordinator")

        async def check(value: str, postcode: str = "75011") -> str:
            return await session.text(f"/console/directory/hours?value={value}&postcode={postcode}")

        assert "data-invalid" in await check("lundi matin")
        opened = await check("Sa 09:00-12:00")
        assert session.app.catalogs.text("fr", "web.hours.open_now") in opened
        closed = await check("Mo-Fr 09:00-12:00")
        assert session.app.catalogs.text("fr", "web.hours.closed_now") in closed
        assert "lundi 09:00" in closed
        reunion = await check("Sa 09:00-12:00", "97400")  # 14:00 in La Réunion
        assert session.app.catalogs.text("fr", "web.hours.closed_now") in reunion


async def test_an_import_with_a_bad_row_writes_nothing_and_says_where(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as session:
        await logged_in(session, "coordinator")
        refused = await upload(session, "services", "bad.csv", BAD)
        assert refused.status == 400
        page = await refused.text()
        report = page[page.index('id="import-report"') :]
        for line, field in (("3", "name"), ("4", "opening_hours"), ("5", "postcode")):
            assert f'<td class="number">{line}</td><td dir="ltr"><code>{field}</code>' in report
        assert session.app.catalogs.text("fr", "web.problem.missing") in report
        assert session.app.catalogs.text("fr", "web.problem.place") in report
        assert await services(session) == []  # not even the good row
        unreadable = await upload(session, "services", "x.json", '[{"name": "a",')
        assert unreadable.status == 400
        wrong_type = await upload(session, "services", "x.xlsx", "PK")
        assert wrong_type.status == 400
        big = await upload(session, "services", "big.csv", "x" * 2_000_000)
        assert big.status == 400  # under the limit: read, and refused as a bad file
        async with console(settings, clock, console_upload_max_mb=1) as small:
            await logged_in(small, "coordinator", "other@example.org")
            too_big = await upload(small, "services", "big.csv", "x" * 2_000_000)
            assert too_big.status == 413
        uploads = settings.data_dir / "uploads"
        assert not list(uploads.iterdir())  # nothing left behind


async def test_the_export_imports_back_unchanged(settings: Settings, clock: FrozenClock) -> None:
    async with console(settings, clock) as session:
        await logged_in(session, "admin")
        await upload(session, "services", "services.csv", SERVICES)
        exported = await session.client.get("/console/directory/services.csv")
        assert exported.status == 200
        assert exported.headers["Content-Disposition"].startswith("attachment;")
        body = (await exported.read()).decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(body)))
        assert [r["name"] for r in rows] == [
            "Halte de nuit",
            "Épicerie solidaire",
            "Cours de français",
        ]
        assert rows[0]["languages"] == "fr; ar" and rows[0]["last_verified"] == "2026-11-03"
        again = await upload(session, "services", "export.csv", body)
        text = await again.text()
        assert again.status == 200
        assert (
            session.app.catalogs.text(
                "fr", "web.import.done", {"added": 0, "updated": 0, "unchanged": 3}
            )
            in text
        )
        jobs = await session.client.get("/console/directory/jobs.csv")
        assert (await jobs.read()).decode("utf-8-sig").startswith("source,source_id,title")
        async with session.app.database.read() as conn:
            log = tables.access_log
            exports = await conn.scalar(select(func.count()).where(log.c.action == "exported"))
        assert exports == 2


async def test_a_job_offer_is_made_and_edited(settings: Settings, clock: FrozenClock) -> None:
    async with console(settings, clock) as session:
        await logged_in(session, "coordinator")
        assert "french_level" in await session.text("/console/directory/jobs/new")
        form = {"title": "Commis de cuisine (H/F)", "contract": "cdd", "postcode": "69003"}
        made = await session.post("/console/directory/jobs/new", form)
        assert made.status == 303
        job_id = made.headers["Location"].split("/")[-1].split("?")[0]
        page = await session.text(f"/console/directory/jobs/{job_id}")
        assert "Commis de cuisine (H/F)" in page and 'value="cdd" selected' in page
        wrong = await session.post(f"/console/directory/jobs/{job_id}", {**form, "rome": "cuisine"})
        assert (
            wrong.status == 400 and shown(session.app, "web.problem.pattern") in await wrong.text()
        )
        found = await session.text("/console/directory/jobs?q=commis")
        assert "Commis de cuisine" in found
        canned = await session.text("/console/canned")
        assert shown(session.app, "web.canned.intro") in canned
