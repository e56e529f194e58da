"""Broadcasts: audiences and exclusions, one translation per language, batches that survive a
crash, scheduling, cancelling, corrections, and the `passerelle volunteers|broadcast` commands."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from bot.app import App
from bot.broadcast import planner, queries
from bot.broadcast.audience import Audience, AudienceError
from bot.clock import FrozenClock, SystemClock
from bot.config import Settings, load_settings
from bot.messages import Outgoing, OutKind
from bot.people.roles import parse_account
from bot.store import tables
from tests.conftest import FROZEN_AT
from tests.support import running

LANGUAGES = ["fr", "en", "ar", "fa", "ps", "ti", "uk", "ru", "bn", "tr"]


class Labelled:
    """A translation model double that says which language it made ("[ar] …"); like Argos today,
    it has nothing for Pashto or Tigrinya. It counts its calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def route(self, source: str, target: str) -> str | None:
        return None if target in ("ps", "ti") else "direct"

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        self.calls.append((source, target))
        return [f"[{target}] {text}" for text in texts]


async def add_person(
    app: App,
    external_id: str,
    *,
    channel: str = "telegram",
    language: str = "fr",
    status: str = "active",
    inbound_ago: dt.timedelta | None = dt.timedelta(hours=1),
    interests: Sequence[tuple[str, str]] = (),
) -> int:
    users = tables.users
    async with app.database.write() as conn:
        new_id = await conn.scalar(
            users.insert()
            .values(
                channel=channel,
                external_id=external_id,
                language=language,
                status=status,
                roles=[],
                consent="given",
                created_at=FROZEN_AT,
                last_inbound_at=FROZEN_AT - inbound_ago if inbound_ago else None,
            )
            .returning(users.c.id)
        )
        for kind, value in interests:
            await conn.execute(
                tables.interests.insert().values(
                    user_id=new_id, kind=kind, value=value, updated_at=FROZEN_AT
                )
            )
    return int(new_id or 0)


async def create(app: App, text: str = "Cours de français gratuit mardi à 18 h.", **kw: Any) -> int:
    async with app.database.write() as conn:
        return await queries.create(
            conn,
            author="cli:test",
            text=text,
            language=kw.pop("language", "fr"),
            audience=kw.pop("audience", Audience()),
            now=app.engine.clock.now(),
            **kw,
        )


async def outbox(app: App, broadcast_id: int) -> dict[str, Any]:
    """The broadcast's outbox rows by address."""
    box = tables.outbox
    async with app.database.read() as conn:
        rows = (await conn.execute(select(box).where(box.c.broadcast_id == broadcast_id))).all()
    by_address: dict[str, Any] = {}
    for row in rows:
        assert row.address not in by_address, f"{row.address} queued twice"
        by_address[row.address] = row
    return by_address


def test_an_audience_is_parsed_checked_and_described() -> None:
    audience = Audience.parse(
        ["language=ar,fa", "channel=WhatsApp", "département=69,2a", "interest=food", "trade=G"],
        LANGUAGES,
    )
    assert audience.languages == ("ar", "fa") and audience.channels == ("whatsapp",)
    assert audience.departments == ("69", "2A") and audience.trades == ("G",)
    assert Audience.from_json(audience.to_json(), LANGUAGES) == audience
    assert audience.describe().startswith("languages=ar,fa channels=whatsapp")
    assert Audience().describe() == "everyone"
    for bad, says in [
        ("language=xx", "unknown language xx"),
        ("channel=fax", "unknown channel fax"),
        ("department=7", "not a department: 7"),
        ("interest=beer", "unknown interest beer"),
        ("trade=G16", "not a trade: G16"),
        ("colour=red", "KEY=VALUE"),
        ("language=", "at least one value"),
    ]:
        with pytest.raises(AudienceError, match=says):
            Audience.parse([bad], LANGUAGES)


def test_accounts_are_checked() -> None:
    assert parse_account("telegram:12345") == ("telegram", "12345")
    assert parse_account("WhatsApp:+33612345678") == ("whatsapp", "+33612345678")
    for bad in ("12345", "telegram:abc", "whatsapp:0612345678", "fax:1", "sms:"):
        with pytest.raises(ValueError):
            parse_account(bad)


async def test_a_broadcast_reaches_its_audience_once_each_in_their_language(
    settings: Settings, clock: FrozenClock
) -> None:
    settings = load_settings(**{**settings.model_dump(), "broadcast_batch": 2})
    async with running(settings, clock) as app:
        model = Labelled()
        app.translator.backend = model
        await add_person(app, "1", language="fr")
        await add_person(app, "2", language="ar")
        await add_person(app, "+33600000001", channel="whatsapp", language="uk")
        late = dt.timedelta(days=3)  # outside WhatsApp's window, and no template configured
        await add_person(app, "+33600000002", channel="whatsapp", language="uk", inbound_ago=late)
        await add_person(app, "+33600000003", channel="sms", language="ps")
        await add_person(app, "3", language="ar", status="stopped")
        await add_person(app, "4", language="fr", status="blocked")
        broadcast_id = await create(app)

        assert await app.scheduler().run("broadcasts") == [broadcast_id]
        assert await app.scheduler().run("broadcasts") == []  # it fires once

        rows = await outbox(app, broadcast_id)
        assert sorted(rows) == ["+33600000001", "+33600000002", "+33600000003", "1", "2"]
        assert sorted(model.calls) == [("fr", "ar"), ("fr", "uk")]  # once per language
        french, arabic = rows["1"].payload["text"], rows["2"].payload["text"]
        assert "Cours de français gratuit" in french and "🤖" not in french
        assert "STOP" in french
        assert "[ar] Cours de français" in arabic and "🤖" in arabic and rows["2"].payload["rtl"]
        pashto = rows["+33600000003"].payload["text"]
        assert "Cours de français gratuit" in pashto and "ژباړه" in pashto  # said untranslated
        assert rows["+33600000002"].status == "skipped"
        assert rows["+33600000002"].error == planner.OUTSIDE_WINDOW
        assert {r.priority for r in rows.values()} == {9}
        async with app.database.read() as conn:
            row = await queries.get(conn, broadcast_id)
            progress = await queries.progress(conn, broadcast_id)
        assert row is not None and progress is not None
        assert (row.status, row.queued) == ("sending", 5)
        assert {k: v["origin"] for k, v in row.translations.items()} == {
            "fr": "original",
            "ar": "machine",
            "uk": "machine",
            "ps": "missing",
        }
        assert progress.counts == {"pending": 4, "skipped": 1} and progress.done == 1


async def test_audiences_narrow_by_language_channel_place_and_interest(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        await add_person(app, "1", language="ar", interests=[("department", "69")])
        await add_person(
            app, "+33600000009", channel="whatsapp", language="ar", interests=[("trade", "G1605")]
        )
        await add_person(
            app, "2", language="uk", interests=[("category", "food"), ("department", "75")]
        )
        await add_person(app, "3", language="uk", status="stopped", interests=[("trade", "G1602")])

        async def size(*specs: str) -> dict[str, int]:
            async with app.database.read() as conn:
                return await queries.audience_size(conn, Audience.parse(specs, LANGUAGES))

        assert await size() == {"ar": 2, "uk": 1}
        assert await size("language=ar") == {"ar": 2}
        assert await size("channel=whatsapp") == {"ar": 1}
        assert await size("department=69,75") == {"ar": 1, "uk": 1}
        assert await size("interest=food") == {"uk": 1}
        assert await size("trade=G") == {"ar": 1}  # the ROME domain; the stopped one is out
        assert await size("trade=G1602") == {}
        assert await size("language=uk", "department=69") == {}


async def test_a_scheduled_broadcast_waits_for_its_time(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        await add_person(app, "1")
        broadcast_id = await create(app, at=clock.now() + dt.timedelta(hours=2))
        assert await app.scheduler().run("broadcasts") == []
        clock.advance(hours=2, seconds=1)
        assert await app.scheduler().run("broadcasts") == [broadcast_id]
        assert sorted(await outbox(app, broadcast_id)) == ["1"]


async def test_cancelling_stops_planning_and_skips_what_is_not_sent(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        for n in range(3):
            await add_person(app, str(n))
        planned = await create(app)
        assert await app.scheduler().run("broadcasts") == [planned]
        # One message went out before the cancel; the others had not.
        box = tables.outbox
        async with app.database.write() as conn:
            await conn.execute(
                update(box).where(box.c.address == "0").values(status="sent", sent_at=clock.now())
            )
            assert await queries.cancel(conn, planned, "telegram:99", clock.now())
            assert not await queries.cancel(conn, planned, "telegram:99", clock.now())
        statuses = {a: (r.status, r.error) for a, r in (await outbox(app, planned)).items()}
        assert statuses == {
            "0": ("sent", None),
            "1": ("skipped", "cancelled"),
            "2": ("skipped", "cancelled"),
        }
        # Cancelled while planning: the planner stops at its next batch.
        stopped = await create(app)
        claimed = await planner.claim(app.database, clock.now(), dt.timedelta(minutes=2))
        assert claimed is not None and claimed.id == stopped
        async with app.database.write() as conn:
            await queries.cancel(conn, stopped, "cli:test", clock.now())
        done = await planner.queue(
            app.database,
            claimed,
            planner.messages(app.catalogs, {"fr": {"text": "x", "origin": "original"}}, "fr"),
            batch=1,
            lease=dt.timedelta(minutes=2),
            templates={},
            clock=clock,
        )
        assert done is False and await outbox(app, stopped) == {}


async def test_a_volunteers_correction_is_sent_as_written(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        model = Labelled()
        app.translator.backend = model
        await add_person(app, "1", language="ar")
        await add_person(app, "2", language="uk")
        broadcast_id = await create(app)
        async with app.database.write() as conn:
            assert await queries.correct(conn, broadcast_id, "ar", "درس فرنسي مجاني", clock.now())
        await app.scheduler().run("broadcasts")
        rows = await outbox(app, broadcast_id)
        assert "درس فرنسي مجاني" in rows["1"].payload["text"]
        assert "🤖" not in rows["1"].payload["text"]
        assert model.calls == [("fr", "uk")]
        async with app.database.write() as conn:  # too late once planned
            assert not await queries.correct(conn, broadcast_id, "uk", "…", clock.now())


async def test_a_planner_that_dies_is_taken_over_after_its_lease(
    settings: Settings, clock: FrozenClock
) -> None:
    """In-process version of the crash: a claim whose holder stops renewing it (the subprocess
    test below kills a real worker)."""
    settings = load_settings(**{**settings.model_dump(), "broadcast_batch": 3})
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        for n in range(10):
            await add_person(app, f"{n:02}")
        broadcast_id = await create(app)
        lease = dt.timedelta(minutes=2)
        claimed = await planner.claim(app.database, clock.now(), lease)
        assert claimed is not None
        # It queued one batch, then died: the cursor says where it stopped.
        box, table = tables.outbox, tables.broadcasts
        async with app.database.write() as conn:
            first = [
                planner.new_row(
                    i,
                    "telegram",
                    f"{i - 1:02}",
                    Outgoing(OutKind.TEXT, "x"),
                    clock.now(),
                    9,
                    claimed.id,
                )
                for i in (1, 2, 3)
            ]
            await conn.execute(box.insert(), first)
            await conn.execute(
                update(table).where(table.c.id == claimed.id).values(cursor=3, queued=3)
            )
        assert await app.scheduler().run("broadcasts") == []  # still held
        clock.advance(seconds=lease.total_seconds() + 1)
        assert await app.scheduler().run("broadcasts") == [broadcast_id]
        rows = await outbox(app, broadcast_id)  # raises if anyone is queued twice
        assert sorted(rows) == [f"{n:02}" for n in range(10)]


async def test_two_schedulers_on_postgresql_plan_a_broadcast_once(
    postgres_settings: Settings, clock: FrozenClock
) -> None:
    settings = load_settings(**{**postgres_settings.model_dump(), "broadcast_batch": 7})
    async with running(settings, clock) as one, running(settings, clock) as two:
        one.translator.backend = Labelled()
        two.translator.backend = Labelled()
        for n in range(50):
            await add_person(one, f"{n:02}", language=("fr", "ar", "uk")[n % 3])
        first, second = await create(one), await create(one, "Forum de l'emploi jeudi")
        done = await asyncio.gather(
            one.scheduler().run("broadcasts"), two.scheduler().run("broadcasts")
        )
        assert sorted(done[0] + done[1]) == [first, second]
        for broadcast_id in (first, second):
            assert len(await outbox(one, broadcast_id)) == 50


# --- commands -------------------------------------------------------------------------------------
def passerelle(settings: Settings, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": settings.database_url, "LOAD_SAMPLES": "false"}
    if settings.database_schema:
        env["DATABASE_SCHEMA"] = settings.database_schema
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


async def test_the_volunteers_command_adds_lists_and_removes(
    settings: Settings, clock: FrozenClock
) -> None:
    run = asyncio.to_thread
    added = await run(passerelle, settings, "volunteers", "add", "telegram:777", "--admin")
    assert added.returncode == 0, added.stderr
    assert "volunteer and admin" in added.stdout
    again = await run(passerelle, settings, "volunteers", "add", "whatsapp:+33612345678")
    assert again.returncode == 0, again.stderr
    listed = await run(passerelle, settings, "volunteers", "list")
    assert "telegram:777  admin, volunteer" in listed.stdout
    assert "whatsapp:+33612345678  volunteer" in listed.stdout
    bad = await run(passerelle, settings, "volunteers", "add", "whatsapp:0612")
    assert bad.returncode == 2 and "international form" in bad.stderr
    removed = await run(passerelle, settings, "volunteers", "remove", "telegram:777")
    assert removed.returncode == 0, removed.stderr
    missing = await run(passerelle, settings, "volunteers", "remove", "telegram:777")
    assert missing.returncode == 1 and "not a volunteer" in missing.stderr
    async with running(settings, clock) as app:  # the volunteer can then talk to the bot
        users = tables.users
        async with app.database.read() as conn:
            roles = await conn.scalar(select(users.c.roles).where(users.c.external_id == "777"))
        assert roles == []


async def test_the_broadcast_command_creates_lists_follows_and_cancels(
    settings: Settings, clock: FrozenClock, tmp_path: Path
) -> None:
    run = asyncio.to_thread
    async with running(settings, clock) as app:
        await add_person(app, "1", language="ar", interests=[("category", "food")])
        await add_person(app, "2", language="fr")
    refused = await run(
        passerelle, settings, "broadcast", "create", "--text", "Hi", "--segment", "lang=ar"
    )
    assert refused.returncode == 2 and "KEY=VALUE" in refused.stderr
    for args, says in [
        ((), "give --text TEXT or --file FILE"),
        (("--text", "  "), "empty"),
        (("--text", "x", "--at", "demain"), "write a date and time"),
        (("--text", "x", "--at", "2020-01-01 10:00"), "in the past"),
        (("--text", "x", "--lang", "xx"), "unknown language"),
    ]:
        done = await run(passerelle, settings, "broadcast", "create", *args, "--yes")
        assert done.returncode == 2 and says in done.stderr, (args, done.stderr)
    declined = await run(
        passerelle, settings, "broadcast", "create", "--text", "Distribution", stdin="n\n"
    )
    assert declined.returncode == 1 and "2 people" in declined.stdout
    note = tmp_path / "note.txt"
    note.write_text("Distribution alimentaire samedi 10 h, place Bellecour.\n", encoding="utf-8")
    created = await run(
        passerelle,
        settings,
        "broadcast",
        "create",
        "--file",
        str(note),
        "--segment",
        "interest=food",
        stdin="y\n",
    )
    assert created.returncode == 0, created.stderr
    assert "interests=food → 1 people (ar 1)" in created.stdout
    broadcast_id = int(created.stdout.split("broadcast ")[1].split()[0])
    listed = await run(passerelle, settings, "broadcast", "list")
    assert f"{broadcast_id:>5}  scheduled" in listed.stdout and "[interests=food]" in listed.stdout
    later = FrozenClock(SystemClock().now() + dt.timedelta(minutes=1))  # the CLI used real time
    async with running(settings, later) as app:
        app.translator.backend = Labelled()
        assert await app.scheduler().run("broadcasts") == [broadcast_id]
    status = await run(passerelle, settings, "broadcast", "status", str(broadcast_id))
    assert status.returncode == 0, status.stderr
    assert "[ar, machine] [ar] Distribution alimentaire" in status.stdout
    assert "0/1 sending (pending 1)" in status.stdout
    cancelled = await run(passerelle, settings, "broadcast", "cancel", str(broadcast_id))
    assert cancelled.returncode == 0 and "cancelled" in cancelled.stdout
    followed = await run(passerelle, settings, "broadcast", "status", str(broadcast_id), "--follow")
    assert followed.returncode == 0 and "1/1 cancelled (skipped 1)" in followed.stdout
    again = await run(passerelle, settings, "broadcast", "cancel", str(broadcast_id))
    assert again.returncode == 1 and "already cancelled" in again.stderr
    unknown = await run(passerelle, settings, "broadcast", "status", "999")
    assert unknown.returncode == 1 and "no broadcast 999" in unknown.stderr
    assert Counter(line.split()[1] for line in listed.stdout.splitlines())["scheduled"] == 1
