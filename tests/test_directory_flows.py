""" "Find help near me" and "find a job" as people use them: shared locations, typed places,
paging, translations, interest, the CV for the employer, and alerts fired by an import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from bot.app import App
from bot.clock import FrozenClock
from bot.config import Settings
from bot.directory import importer
from bot.directory.places import gazetteer
from bot.messages import Kind
from bot.outbox.queries import ALERT
from bot.store import tables
from tests.regressions.support import NoModelFor, on_duty
from tests.support import Person, running
from tests.test_cv import documents
from tests.test_privacy import count_rows

CONTENT = Path(__file__).parent.parent / "content"
LYON_3 = (45.7612, 4.8518)


def with_samples(settings: Settings) -> Settings:
    return settings.model_copy(update={"load_samples": True})


async def to_menu(person: Person, english: bool = False) -> None:
    """First contact in French (or English), that language picked, consent given."""
    await person.send("hello" if english else "bonjour")
    await person.send("1")  # the language suggested first
    await person.send("1")


async def set_cv(app: App, person: Person, cv: dict[str, Any]) -> None:
    """A CV as the CV flow leaves it (the flow itself is tested in test_cv and the goldens)."""
    user_id = (await person.row())["id"]
    conversations = tables.conversations
    async with app.database.write() as conn:
        data = await conn.scalar(
            select(conversations.c.data).where(conversations.c.user_id == user_id)
        )
        await conn.execute(
            update(conversations)
            .where(conversations.c.user_id == user_id)
            .values(data={**data, "cv": cv})
        )


# --- find help near me ---------------------------------------------------------------------


async def test_help_from_a_shared_location(settings: Settings, clock: FrozenClock) -> None:
    async with running(with_samples(settings), clock) as app:
        person = Person(app, "amina")
        await to_menu(person)
        await person.send("3")  # Trouver de l'aide près de moi
        await person.send("1")  # Dormir, se loger
        replies = await person.send(kind=Kind.LOCATION, latitude=48.8600, longitude=2.3800)
        text = replies[-1]
        assert "près de Paris 11e Arrondissement" in text
        assert text.index("115") < text.index("Halte de nuit")  # the national line first
        assert "Halte de nuit (exemple) (100 m)" in text
        assert "⚠️ Exemple, pas un vrai service." in text
        # Saturday 11:00 in Paris: the night shelter is closed and opens at 20:00.
        assert "🔴 Fermé maintenant. Ouvre 20:00" in text
        assert "🗺️ Plan : https://www.openstreetmap.org/?mlat=48.85890&mlon=2.38020" in text
        assert "✅ Vérifié le 28 nov. 2026" in text
        assert (await person.row())["step"] == "help.results"


async def test_help_pages_translations_and_places(
    settings: Settings, clock: FrozenClock, installed: object
) -> None:
    async with running(with_samples(settings), clock) as app:
        person = Person(app, "ben")
        await to_menu(person, english=True)
        await person.send("Find help near me")
        await person.send("3")  # Health
        unknown = await person.send("Atlantis")
        assert "I don't know the place “Atlantis”" in unknown[0]
        which = await person.send("saint denis")
        assert "Several places have this name" in which[-1]
        assert "Saint-Denis (Seine-Saint-Denis)" in which[-1]
        picked = (await person.send("Saint-Denis (Seine-Saint-Denis)"))[-1]
        assert "Health, doctor near Saint-Denis" in picked
        # The descriptions, machine-translated (the test model answers "hello my friend").
        assert "🤖 hello my friend (machine translation)" in picked
        # Short texts keep the French beside them: it is what the service will say.
        assert "💶 Price: hello my friend (in French: gratuit)" in picked
        assert "Results 1 to 3 of" in picked
        more = (await person.send("More results"))[-1]
        assert "Results 4 to" in more
        original = (await person.send("French original"))[-1]
        assert "🇫🇷 " in original and "machine translation" not in original
        assert "💶 Price: gratuit" in original
        again = (await person.send("Another place"))[-1]
        assert "📍 Saint-Denis, like last time" in again
        lyon = (await person.send("69003"))[-1]
        assert "near Lyon 3e Arrondissement" in lyon
        assert "📍 Permanence d'accès aux soins (exemple) (50 m)" in lyon


async def test_help_with_nothing_near(settings: Settings, clock: FrozenClock) -> None:
    async with running(settings, clock) as app:  # an empty directory
        person = Person(app, "chen")
        await to_menu(person)
        await person.send("3")
        await person.send("2")  # Manger
        replies = await person.send("Brest")
        assert "Je n'ai rien trouvé pour « 🍲 Manger » près de Brest" in replies[-1]
        assert "115" in replies[-1]
        assert "Parler à un bénévole" in replies[-1]  # a person may know what the directory doesn't


async def test_only_national_lines_near_a_place_says_so_and_offers_a_volunteer(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(with_samples(settings), clock) as app:
        volunteer = await on_duty(app)
        person = Person(app, "calais")
        await to_menu(person)
        await person.send("3")
        await person.send("1")  # a bed: the samples know the 115, and nothing near Calais
        shown = (await person.send("Calais"))[-1]
        assert "☎️ 115" in shown
        assert "Je ne connais pas encore de lieu pour « 🛏️ Dormir, se loger » près de" in shown
        assert "1. Parler à un bénévole" in shown
        opened = await person.send("1")
        assert "Demande n°1" in opened[-1], opened
        # The volunteers on duty learn what they looked for and where, and read it again on /take.
        told = "\n".join(await volunteer.read())
        assert (
            "🔎 Aide près de moi : cette personne cherche « 🛏️ Dormir, se loger » près de Calais"
            in told
        )
        taken = "\n".join(await volunteer.send("/take 1"))
        assert "cette personne cherche « 🛏️ Dormir, se loger » près de Calais" in taken, taken


# --- find a job -----------------------------------------------------------------------------

CV = {
    "complete": True,
    "share": True,
    "name": {"text": "Amina K", "fr": "Amina K"},
    "city": {"text": "Lyon 3e", "fr": "Lyon 3e"},
    "jobs": [{"id": "cook", "rome": "G1602", "text": "Cuisinier", "fr": "Cuisinier"}],
    "french": "A2",
    "distance": "30",
    "status": "refugee",
}


async def test_jobs_ranked_from_the_cv_interest_and_cv_for_the_employer(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(with_samples(settings), clock) as app:
        person = Person(app, "dawit")
        await to_menu(person)
        await set_cv(app, person, CV)
        listing = (await person.send("2"))[-1]  # Trouver un travail: straight to the offers
        assert "Offres d'emploi près de Lyon 3e Arrondissement" in listing
        assert listing.index("Cuisinier / cuisinière") < listing.index("Préparateur")
        offer = (await person.send("1"))[-1]
        assert offer.startswith("📄 Cuisinier / cuisinière (exemple)")
        assert "💶 Salaire : 12 € brut de l'heure" in offer
        replies = await person.send("✋ Ça m'intéresse")
        assert "Pour postuler :\nPassez au restaurant" in replies[0]
        assert "Je vous envoie votre CV en français" in replies[0]
        [pdf] = await documents(app, person)
        assert Path(pdf).read_bytes().startswith(b"%PDF")
        assert await count_rows(app, tables.job_interests) == 1
        report = (await person.send("mes données"))[0]
        while "Offre qui vous a intéressé" not in report and "➡️" in report:
            report = (await person.send("1"))[0]  # the next page
        assert "• Offre qui vous a intéressé : Cuisinier / cuisinière (exemple)" in report
        assert "Alerte emploi" not in report  # none was asked for


async def test_a_trade_typed_in_the_persons_words_finds_its_offers(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(with_samples(settings), clock) as app:
        person = Person(app, "farid")
        await to_menu(person)
        typed = {
            "id": None,
            "rome": None,
            "text": "فروشنده نانوایی",
            "fr": "Vendeuse en boulangerie",
        }
        await set_cv(app, person, {**CV, "jobs": [typed]})
        replies = await person.send("2")
        assert not any("Astuce" in reply for reply in replies)  # the CV names a trade
        listing = replies[-1]
        # Lyon 7e, yet before the cook in Lyon 3e: it is the person's trade.
        assert listing.index("Vendeur / vendeuse en boulangerie") < listing.index("Cuisinier")


async def test_jobs_ask_for_a_place_and_filter(settings: Settings, clock: FrozenClock) -> None:
    async with running(with_samples(settings), clock) as app:
        person = Person(app, "emre")
        await to_menu(person)
        first = await person.send("2")
        assert "Astuce : ajoutez à votre CV les métiers" in first[0]
        assert "Où voulez-vous travailler ?" in first[-1]
        listing = (await person.send("Lyon"))[-1]
        assert "Page 1 sur 2 — offres trouvées : 6" in listing
        await person.send("Filtres")
        await person.send("Intérim")  # the CV's label for temporary work
        listing = (await person.send("Jusqu'à 10 km"))[-1]
        assert "Préparateur" in listing and "Page 1 sur 1 — offres trouvées : 1" in listing
        asked = (await person.send("🔔 M'alerter"))[-1]  # the alert says every filter it keeps
        assert "(Intérim)" in asked and "10 km" in asked, asked


async def test_offers_no_model_can_translate_say_so_and_offer_no_same_text_original(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(with_samples(settings), clock) as app:
        app.translator.backend = NoModelFor("en")  # whatever other tests installed
        person = Person(app, "sam")
        await to_menu(person, english=True)
        await person.send("2")
        listing = (await person.send("Lyon"))[-1]
        assert listing.count("Some of this is still in French") == 1  # said once, under the list
        offer = (await person.send("1"))[-1]
        assert "🇫🇷 " in offer and "Some of this is still in French" in offer
        assert "French original" not in offer  # it would show the very same text


async def test_alert_fired_by_an_import_respects_stop(
    settings: Settings, clock: FrozenClock, tmp_path: Path
) -> None:
    async with running(with_samples(settings), clock) as app:
        fan = Person(app, "fan")
        await to_menu(fan, english=True)
        await set_cv(app, fan, CV)
        await fan.send("Find a job")
        prompt = (await fan.send("🔔 Alert me"))[-1]
        assert "Cuisinier" in prompt and "within 30 km of Lyon 3e Arrondissement" in prompt
        assert "I will write to you" in (await fan.send("Yes, alert me"))[0]
        quitter = Person(app, "quitter")
        await to_menu(quitter)
        await set_cv(app, quitter, CV)
        await quitter.send("2")
        await quitter.send("🔔 M'alerter")
        await quitter.send("Oui, m'alerter")
        await quitter.send("stop")

        offers = [
            {
                "source_id": "n1",
                "title": "Cuisinier de collectivité",
                "rome": "G1602",
                "contract": "cdi",
                "latitude": LYON_3[0],
                "longitude": LYON_3[1],
            },
            {
                "source_id": "n2",
                "title": "Cuisinier à Paris",
                "rome": "G1602",
                "contract": "cdi",
                "city": "Paris",
            },  # too far
            {
                "source_id": "n3",
                "title": "Maçon",
                "rome": "F1703",
                "contract": "cdi",
                "latitude": LYON_3[0],
                "longitude": LYON_3[1],
            },  # another trade
        ]
        path = tmp_path / "new.json"
        path.write_text(json.dumps(offers), encoding="utf-8")
        summary = await importer.import_file(
            app.database,
            "jobs",
            path,
            gazetteer(CONTENT),
            app.catalogs,
            clock.now(),
            source="asso",
        )
        assert summary.alerts == 1
        [alert] = await fan.read()
        assert alert.startswith("🔔 New job offers for you: 1")
        # The file gave coordinates only: the import named the commune.
        assert (
            "• Cuisinier de collectivité — Lyon 3e Arrondissement (Permanent contract (CDI))"
            in alert
        )
        assert await quitter.read() == []  # said STOP: nothing queued
        async with app.database.read() as conn:
            priorities = (
                await conn.execute(
                    select(tables.outbox.c.priority)
                    .where(tables.outbox.c.address == "fan")
                    .order_by(tables.outbox.c.id.desc())
                )
            ).scalars()
            assert next(iter(priorities)) == ALERT
        # The same file again: nothing new, nobody told twice.
        again = await importer.import_file(
            app.database,
            "jobs",
            path,
            gazetteer(CONTENT),
            app.catalogs,
            clock.now(),
            source="asso",
        )
        assert (again.unchanged, again.alerts) == (3, 0)
        # Erasing the person erases their alert and interests.
        await fan.send("delete my data")
        await fan.send("Yes, delete everything")
        assert await count_rows(app, tables.job_alerts) == 1  # the quitter's
