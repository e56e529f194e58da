"""The engine through the real flows: de-duplication, commands, numbers, stale buttons, expiry."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.clock import FrozenClock
from bot.config import Settings
from bot.messages import Inbound, Kind
from bot.store import tables
from tests.support import Person, running


async def onboard(person: Person, language: str = "1") -> None:
    await person.send("bonjour")
    await person.send(language)  # the language picker: 1 is the suggested language
    await person.send("1")  # I agree


async def test_first_message_gets_the_language_picker_in_the_suggested_language(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        replies = await Person(app, "amal").send("مرحبا")
    assert len(replies) == 1
    first_option = next(line for line in replies[0].splitlines() if "1." in line)
    assert "العربية" in first_option


async def test_the_same_message_twice_is_handled_once(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        message = Inbound("console", "sam", "same-id", text="hello")
        first = await app.engine.handle(message)
        second = await app.engine.handle(message)
        replies = await Person(app, "sam").read()
    assert (first.duplicate, second.duplicate) == (False, True)
    assert len(replies) == 1


async def test_a_number_picks_the_numbered_choice_and_out_of_range_gets_help(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        person = Person(app, "noor")
        await onboard(person)
        out_of_range = await person.send("42")
        assert "1 à 7" in out_of_range[0]
        mydata = await person.send("7")
        assert "Voici tout ce que je garde sur vous" in mydata[0]
        assert (await person.row())["step"] == "privacy.mydata"


async def test_global_commands_win_over_the_open_question(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        person = Person(app, "omid")
        await onboard(person)
        await person.send("7")  # my data
        assert "Que voulez-vous faire ? Envoyez un numéro." in (await person.send("MENU"))[0]
        assert (await person.row())["step"] == "menu.main"
        assert "/help" in (await person.send("/help"))[0]
        await person.send("arrêt")
        assert (await person.row())["status"] == "stopped"
        await person.send("/start")
        assert (await person.row())["status"] == "active"


async def test_back_returns_to_the_previous_question(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        person = Person(app, "lina")
        await person.send("hello")
        await person.send("1")  # English, suggested from "hello"
        assert (await person.row())["step"] == "onboarding.privacy"
        replies = await person.send("back")
        assert (await person.row())["step"] == "onboarding.language"
        assert "Which language" in replies[0]


async def test_language_command_comes_back_to_the_open_question(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        person = Person(app, "karim")
        await onboard(person)
        await person.send("7")  # my data
        await person.send("langue")
        replies = await person.send("english")
        assert (await person.row())["language"] == "en"
        assert (await person.row())["step"] == "privacy.mydata"
        assert "OK, I will speak English with you." in replies[0]
        assert "Here is everything I keep about you" in replies[0]


async def test_a_button_from_an_old_question_is_answered_gently(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        person = Person(app, "tg")
        await onboard(person)
        replies = await person.press("agree", step="onboarding.privacy")
        assert "Cette question est passée" in replies[0]
        assert "Que voulez-vous faire" in replies[0]
        replies = await person.press("mydata", step="menu.main")
        assert "Voici tout ce que je garde" in replies[0]


async def test_after_a_long_silence_the_person_may_continue_or_start_again(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        person = Person(app, "ali")
        await onboard(person)
        await person.send("7")  # my data
        clock.advance(days=13)
        assert "Voici tout ce que je garde" in (await person.send("/mydata"))[0]
        clock.advance(days=15)
        offer = await person.send("1")
        assert "Bon retour" in offer[0]
        assert (await person.row())["step"] == "resume.ask"
        continued = await person.send("1")  # continue where I left off
        assert "Voici tout ce que je garde" in continued[0]
        clock.advance(days=15)
        await person.send("1")
        restarted = await person.send("2")  # start again
        assert "Que voulez-vous faire" in restarted[0]


async def test_media_and_locations_get_a_polite_answer_and_the_question_again(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        person = Person(app, "voice")
        await onboard(person)
        voice = await person.send(kind=Kind.MEDIA, media_type="voice")
        assert "Je ne sais lire que du texte" in voice[0]
        located = await person.send(kind=Kind.LOCATION, latitude=48.85, longitude=2.35)
        assert "pas besoin d'une position" in located[0]
        assert (await person.row())["step"] == "menu.main"


async def test_refusing_consent_still_allows_browsing(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        person = Person(app, "anon")
        await person.send("bonjour")
        await person.send("1")
        replies = await person.send("non")
        assert "Pas de problème" in replies[0]
        assert "Créer mon CV" not in replies[0]
        assert "Trouver de l'aide près de moi" in replies[0]
        assert (await person.row())["consent"] == "refused"


async def test_every_menu_entry_leads_somewhere(settings: Settings, clock: FrozenClock) -> None:
    async with running(settings, clock) as app:
        person = Person(app, "cv")
        await onboard(person)
        for number, step in [("1", "cv."), ("2", "jobs."), ("3", "help."), ("4", "translate.")]:
            await person.send(number)
            assert (await person.row())["step"].startswith(step), number
            await person.send("menu")
        await person.send("5")  # talk to a volunteer
        assert (await person.row())["step"] == "handover.talk"


async def test_counters_count_without_naming_anyone(settings: Settings, clock: FrozenClock) -> None:
    async with running(settings, clock) as app:
        await onboard(Person(app, "c1"))
        await onboard(Person(app, "c2"))
        async with app.database.read() as conn:
            inbound = await conn.scalar(
                select(func.sum(tables.counters.c.value)).where(
                    tables.counters.c.metric == "inbound"
                )
            )
            new_users = await conn.scalar(
                select(func.sum(tables.counters.c.value)).where(
                    tables.counters.c.metric == "new_user"
                )
            )
    assert (inbound, new_users) == (6, 2)
