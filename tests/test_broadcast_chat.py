"""Composing an announcement in the chat: only volunteers can, by any path; the audience is shown
with its size; translations arrive after the turn and can be corrected; sending, scheduling,
following and cancelling."""

from __future__ import annotations

import asyncio
import datetime as dt
import time

from sqlalchemy import select, update

from bot.app import App
from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from flows.broadcast import parse_when
from tests.support import Person, running
from tests.test_broadcast import Labelled, add_person
from tests.test_engine import onboard


async def volunteer(app: App, name: str = "vol") -> Person:
    person = Person(app, name)
    await onboard(person)  # in French
    users = tables.users
    async with app.database.write() as conn:
        await conn.execute(
            update(users).where(users.c.external_id == name).values(roles=["volunteer"])
        )
    return person


async def translations(person: Person, replies: list[str], within: float = 10.0) -> str:
    """The listing the after-commit job sends: among the replies if it was quick, else later."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        for reply in replies:
            if "Voici ce que recevra chaque langue" in reply:
                return reply
        replies = await person.read()
        await asyncio.sleep(0.05)
    raise AssertionError("no message from the after-commit job")


def number_of(reply: str, label: str) -> str:
    line = next(line for line in reply.splitlines() if label in line)
    return line.strip().split(".")[0].strip("\u200f\u2067\u2069 ")


async def test_only_volunteers_can_announce(settings: Settings, clock: FrozenClock) -> None:
    async with running(settings, clock) as app:
        person = Person(app, "someone")
        await onboard(person)
        menu = await person.send("menu")
        assert "annonce" not in menu[-1]
        for attempt in ("/broadcast", "annonce", "broadcast"):
            replies = await person.send(attempt)
            assert "📣" not in "".join(replies)
            assert (await person.row())["step"] == "menu.main"
        helps = await person.send("/help")
        assert "broadcast" not in helps[0]
        # A step of the flow cannot be reached by pressing an old button either.
        replies = await person.press("continue", "broadcast.audience")
        assert (await person.row())["step"] == "menu.main", replies
        # A volunteer whose role is removed mid-way goes back to the menu.
        vol = await volunteer(app)
        await vol.send("/broadcast")
        users = tables.users
        async with app.database.write() as conn:
            await conn.execute(update(users).where(users.c.external_id == "vol").values(roles=[]))
        await vol.send("Distribution de repas samedi")
        assert (await vol.row())["step"] == "menu.main"
        async with app.database.read() as conn:
            assert await conn.scalar(select(tables.broadcasts.c.id)) is None


async def test_a_volunteer_composes_checks_corrects_and_sends(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        model = Labelled()
        app.translator.backend = model
        await add_person(app, "1", language="ar")
        await add_person(app, "2", language="uk")
        await add_person(app, "3", language="fr", status="stopped")
        vol = await volunteer(app)
        menu = await vol.send("menu")
        assert "📣 Envoyer une annonce (bénévoles)" in menu[-1]
        prompt = await vol.send("annonce")
        assert prompt[-1].startswith("📣 Écrivez votre annonce")
        replies = await vol.send("Cours de français gratuit mardi à 18 h, salle des fêtes.")
        # everyone, the volunteer included
        assert "Qui la reçoit : tout le monde — personnes aujourd'hui : 3" in replies[0]
        choose = await vol.send(number_of(replies[-1], "Ajouter une langue"))
        replies = await vol.send(number_of(choose[-1], "العربية"))
        assert "Qui la reçoit : العربية — personnes aujourd'hui : 1" in replies[0]
        choose = await vol.send(number_of(replies[-1], "Ajouter une langue"))
        replies = await vol.send(number_of(choose[-1], "Українська"))
        assert "Українська — personnes aujourd'hui : 2" in replies[0]
        replies = await vol.send(number_of(replies[-1], "voir les traductions"))
        assert "Je prépare les traductions" in replies[0]
        review = next(r for r in replies if "On l'envoie ?" in r)
        listing = await translations(vol, replies)
        assert "(traduction automatique) : [ar] Cours de français" in listing
        assert sorted(model.calls) == [("fr", "ar"), ("fr", "uk")]
        # Correct the Arabic.
        choose = await vol.send(number_of(review, "Corriger une traduction"))
        await vol.send(number_of(choose[-1], "العربية"))
        done = await vol.send("درس فرنسي مجاني يوم الثلاثاء الساعة 6 مساءً")
        assert "Merci" in done[0]
        shown = await vol.send(number_of(done[-1], "Revoir les traductions"))
        assert "(corrigé par un·e bénévole) : درس فرنسي مجاني" in shown[0]
        sent = await vol.send(number_of(shown[-1], "Envoyer maintenant"))
        assert "C'est parti : l'annonce est en route (personnes : 2)" in sent[0]
        assert await app.scheduler().run("broadcasts") != []
        # Planning reused the texts made for the review: no translation again.
        assert sorted(model.calls) == [("fr", "ar"), ("fr", "uk")]
        box = tables.outbox
        async with app.database.read() as conn:
            texts = {
                row.address: row.payload["text"]
                for row in await conn.execute(select(box).where(box.c.broadcast_id.is_not(None)))
            }
        assert set(texts) == {"1", "2"}
        assert "درس فرنسي مجاني" in texts["1"] and "🤖" not in texts["1"]
        assert "[uk] Cours de français" in texts["2"] and "🤖" in texts["2"]
        progress = await vol.send(number_of(sent[-1], "Où en est l'envoi"))
        assert progress[0].startswith("En cours d'envoi : personnes 2 · envoyés 0")
        stopped = await vol.send(number_of(progress[-1], "Arrêter cette annonce"))
        assert "annulée" in stopped[0]
        progress = await vol.send(number_of(stopped[-1], "Où en est l'envoi"))
        assert progress[0].startswith("Annulée : personnes 2") and "non envoyés 2" in progress[0]


async def test_a_volunteer_schedules_for_later(settings: Settings, clock: FrozenClock) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        await add_person(app, "1", language="fr", interests=[("category", "food")])
        vol = await volunteer(app)
        await vol.send("/broadcast")
        replies = await vol.send("Distribution alimentaire samedi 10 h")
        choose = await vol.send(number_of(replies[-1], "type d'aide"))
        replies = await vol.send(number_of(choose[-1], "Manger"))
        assert "— personnes aujourd'hui : 1" in replies[0]
        replies = await vol.send(number_of(replies[-1], "voir les traductions"))
        review = next(r for r in replies if "On l'envoie ?" in r)
        await translations(vol, replies)
        ask = await vol.send(number_of(review, "Envoyer plus tard"))
        assert "Quand ?" in ask[-1]
        wrong = await vol.send("n'importe quand")
        assert "Je n'ai pas compris cette heure" in wrong[0]
        done = await vol.send("1/12 18:00")
        assert "le 01/12 18:00 (heure de Paris)" in done[0]
        assert await app.scheduler().run("broadcasts") == []
        clock.advance(days=4)
        assert len(await app.scheduler().run("broadcasts")) == 1


def test_times_are_read_in_french_time() -> None:
    now = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)  # 11:00 in Paris
    at = parse_when("18h", now)
    assert at == dt.datetime(2026, 11, 28, 17, 0, tzinfo=dt.UTC)  # Paris is UTC+1 in winter
    assert parse_when("09:00", now) == dt.datetime(2026, 11, 29, 8, 0, tzinfo=dt.UTC)  # tomorrow
    assert parse_when("1/12 18:00", now) == dt.datetime(2026, 12, 1, 17, 0, tzinfo=dt.UTC)
    assert parse_when("2026-12-01 18:00", now) == dt.datetime(2026, 12, 1, 17, 0, tzinfo=dt.UTC)
    for bad in ("25:00", "31/02 10:00", "2020-01-01 10:00", "1/11 10:00", "demain", ""):
        assert parse_when(bad, now) is None, bad
