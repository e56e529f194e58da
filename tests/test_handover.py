"""Talking to a volunteer: the whole conversation in two languages, the race to take a request,
the timeout, emergency words at any step, a language with no model, erasure — and one full
handover between a person on WhatsApp and a volunteer on Telegram through the stand-ins."""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select, update

from bot.app import App
from bot.clock import FrozenClock
from bot.config import Settings
from bot.i18n.bidi import strip_marks
from bot.server import PASSERELLE, make_server
from bot.store import tables
from tests.standins.telegram import TelegramStandIn, updates
from tests.standins.twilio import TwilioStandIn, inbound, signature
from tests.support import Person, running
from tests.telegram_support import HEADERS, telegram_settings
from tests.test_broadcast import Labelled
from tests.test_broadcast_chat import volunteer
from tests.test_engine import onboard
from tests.twilio_support import PUBLIC, twilio_settings


async def make_volunteer(app: App, name: str, on_duty: bool = True) -> Person:
    person = await volunteer(app, name)
    if on_duty:
        replies = await person.send("/duty")
        assert "permanence" in replies[0]
    return person


async def arabic_speaker(app: App, name: str = "amal") -> Person:
    person = Person(app, name)
    await person.send("مرحبا")
    await person.send("1")  # العربية, suggested
    await person.send("1")  # I agree
    return person


def joined(replies: list[str]) -> str:
    return "\n".join(replies)


async def count(app: App, table: Any, *where: Any) -> int:
    async with app.database.read() as conn:
        return int(await conn.scalar(select(func.count()).select_from(table).where(*where)) or 0)


async def test_a_person_and_a_volunteer_talk_each_in_their_language(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        vol = await make_volunteer(app, "vol")
        amal = await arabic_speaker(app)
        opened = joined(await amal.send("5"))  # the menu's "talk to a volunteer"
        assert "112" in opened and (await amal.row())["step"] == "handover.talk"
        passed = await amal.send("أحتاج مساعدة في ملف اللجوء")
        assert "✅" in passed[0]
        (request,) = await vol.read()
        assert request.startswith("🙋 Nouvelle demande n°1 · arabe :\n« أحتاج مساعدة")
        assert "🤖 traduction automatique : « [fr] أحتاج مساعدة" in request
        assert "/take 1" in request
        taken = joined(await vol.send("/take 1"))
        assert "Vous répondez à n°1" in taken and "[fr] أحتاج مساعدة في ملف اللجوء" in taken
        assert (await vol.row())["step"] == "handover.desk"
        (here,) = await amal.read()
        assert "🙋" in here
        await vol.send("Bonjour, je peux vous aider. Quand est votre rendez-vous ?")
        (answer,) = await amal.read()
        assert "[ar] Bonjour, je peux vous aider" in answer and "🤖" in answer
        original = await amal.send("الأصل")  # the volunteer's own words
        assert "Bonjour, je peux vous aider. Quand est votre rendez-vous ?" in original[0]
        await amal.send("الأسبوع القادم")
        (their_words,) = await vol.read()
        assert their_words.startswith("n°1 · arabe :\n« الأسبوع القادم »")
        assert "🤖 traduction automatique : « [fr] الأسبوع القادم »" in their_words
        ended = await vol.send("/end")
        assert "La conversation n°1 est terminée" in ended[0]
        assert (await vol.row())["step"] == "menu.main"
        (bye,) = await amal.read()
        assert "أنهى المتطوع المحادثة" in bye
        after = await amal.send("شكرا")
        assert (await amal.row())["step"] == "menu.main" and after
        log = tables.access_log
        async with app.database.read() as conn:
            actions = (await conn.execute(select(log.c.action).order_by(log.c.id))).scalars()
            assert list(actions) == ["notified", "took", "wrote", "read", "ended"]
        mine = "\n".join(await amal.send("/mydata"))
        while "➡️" in mine and "الطلب رقم" not in mine:  # the requests are on a later page
            mine = "\n".join(await amal.send("1"))
        assert "الطلب رقم 1 للتحدث مع المتطوعين" in strip_marks(mine)
        assert "منتهٍ، 3 رسائل" in strip_marks(mine)


async def test_two_volunteers_race_and_exactly_one_takes_it(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        first, second = await make_volunteer(app, "v1"), await make_volunteer(app, "v2")
        amal = await arabic_speaker(app)
        await amal.send("5")
        await amal.send("مرحبا، أريد التحدث مع شخص")
        for vol in (first, second):
            assert "/take 1" in (await vol.read())[0]
        results = await asyncio.gather(first.send("/take 1"), second.send("/take 1"))
        won = [r for r in results if "Vous répondez à n°1" in joined(r)]
        lost = [r for r in results if "Un·e autre bénévole répond déjà à n°1" in joined(r)]
        assert len(won) == 1 and len(lost) == 1
        handovers = tables.handovers
        assert await count(app, handovers, handovers.c.status == "taken") == 1
        loser = first if lost[0] is results[0] else second
        told = joined(lost[0]) + joined(await loser.read())
        assert "Un·e autre bénévole répond à n°1" in told


async def test_a_request_nobody_takes_is_answered_after_the_timeout(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        vol = await make_volunteer(app, "vol")
        amal = await arabic_speaker(app)
        await amal.send("5")
        await amal.send("هل يوجد أحد؟")
        clock.advance(minutes=9)
        await app.scheduler().run("handover-timeouts")
        assert await amal.read() == []
        clock.advance(minutes=2)
        await app.scheduler().run("handover-timeouts")
        (told,) = await amal.read()
        assert "لا يوجد متطوع متاح الآن" in told
        await app.scheduler().run("handover-timeouts")
        assert await amal.read() == []  # once
        queue = joined(await vol.send("/queue"))
        assert "🚨" not in queue and "n°1 — arabe — depuis 11 min" in queue
        kept = joined(await amal.send("2"))  # a number is a message for the volunteers
        assert (await amal.row())["step"] == "handover.talk" and "✅" in kept


async def test_emergency_words_in_any_language_at_any_step(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        vol = await make_volunteer(app, "vol")
        cases = [
            ("fr", "bonjour", "1", "Il me frappe, j'ai peur"),
            ("uk", "Привіт", "1", "Мені потрібна допомога, я в небезпеці"),
            ("ar", "مرحبا", "1", "لا يوجد مكان للنوم الليلة"),
            ("en", "hello", "1", "I have nowhere to sleep tonight"),
        ]
        for name, hello, language, words in cases:
            person = Person(app, name)
            await person.send(hello)
            await person.send(language)
            await person.send("1")
            step = (await person.row())["step"]
            replies = joined(await person.send(words))
            assert "112" in replies and "115" in replies and "119" in replies, (name, replies)
            row = await person.row()  # talking with the volunteers, back to `step` at the end
            assert row["step"] == "handover.talk" and row["nav"]["mode"]["from"] == step
            alert = joined(await vol.read())
            assert alert.startswith("🚨 URGENT"), (name, alert)
        handovers = tables.handovers
        assert await count(app, handovers, handovers.c.urgent.is_(True)) == len(cases)
        calm = Person(app, "calm")
        await onboard(calm)
        replies = joined(await calm.send("Je cherche un cours de français"))
        assert "112" not in replies


async def test_first_message_emergency_is_answered_before_anything(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        person = Person(app, "first")
        replies = joined(await person.send("SOS"))
        assert "112" in replies


async def test_a_language_with_no_model_passes_the_original(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()  # nothing for Pashto
        vol = await make_volunteer(app, "vol")
        gul = Person(app, "gul")
        await gul.send("سلام")
        replies = await gul.send("سلام")
        picker = replies[-1]
        number = next(
            line.split(".")[0].strip("\u200f\u2067\u2069 ")
            for line in picker.splitlines()
            if "پښتو" in line
        )
        await gul.send(number)
        await gul.send("1")
        await gul.send("5")
        await gul.send("زه مرستې ته اړتیا لرم")
        (request,) = await vol.read()
        assert "زه مرستې ته اړتیا لرم" in request
        await vol.send("/take 1")
        await gul.read()
        await vol.send("Bonjour, je suis là.")
        (answer,) = await gul.read()
        assert "Bonjour, je suis là." in answer and "🤖" not in answer


async def test_erasing_after_a_handover_removes_the_conversation_and_keeps_the_log(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        vol = await make_volunteer(app, "vol")
        amal = await arabic_speaker(app)
        await amal.send("5")
        await amal.send("سؤال")
        await vol.send("/take 1")
        await vol.send("Oui ?")
        asked = joined(await amal.send("/delete"))  # first: end the conversation, or stay?
        assert (await amal.row())["step"] == "handover.leave", asked
        await amal.send("1")  # end it, and go on to "delete my data"
        assert "la personne a terminé la conversation" in joined(await vol.read())
        await amal.send("1")  # yes, erase
        assert await count(app, tables.handovers) == 0
        assert await count(app, tables.handover_messages) == 0
        log = tables.access_log
        assert await count(app, log) >= 2
        assert await count(app, log, log.c.handover_id.is_not(None)) == 0
        await vol.send("Vous êtes là ?")  # nothing to send it to: back where they were
        assert (await vol.row())["step"] == "menu.main"


async def test_only_volunteers_have_the_volunteer_commands(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        app.translator.backend = Labelled()
        amal = await arabic_speaker(app)
        await amal.send("5")
        await amal.send("مرحبا")
        other = Person(app, "other")
        await onboard(other)
        for attempt in ("/take 1", "/duty", "/queue"):
            replies = joined(await other.send(attempt))
            assert "n°1" not in replies and "permanence" not in replies, attempt
        handovers = tables.handovers
        assert await count(app, handovers, handovers.c.status == "waiting") == 1


async def test_whatsapp_person_and_telegram_volunteer_through_the_stand_ins(
    settings: Settings,
) -> None:
    telegram, twilio = TelegramStandIn(), TwilioStandIn()
    await telegram.start()
    await twilio.start()
    both = twilio_settings(telegram_settings(settings, telegram.base_url), twilio.base_url)
    server = TestServer(make_server(both), host="127.0.0.1")
    try:
        async with TestClient(server) as client:
            passerelle: App = client.server.app[PASSERELLE]
            passerelle.translator.backend = Labelled()

            async def whatsapp(body: str) -> None:
                form = inbound("whatsapp:+33600000042", body)
                signed = {"X-Twilio-Signature": signature(PUBLIC + "/webhooks/twilio", form)}
                response = await client.post("/webhooks/twilio", data=form, headers=signed)
                assert response.status == 200

            async def on_telegram(text: str) -> None:
                response = await client.post(
                    "/webhooks/telegram", json=updates.text(777, text), headers=HEADERS
                )
                assert response.status == 200

            async def seen(texts: Any, wanted: str) -> str:
                for _ in range(400):
                    found = [t for t in texts() if wanted in t]
                    if found:
                        return found[-1]
                    await asyncio.sleep(0.05)
                raise AssertionError(f"never received {wanted!r}: {texts()}")

            def on_whatsapp() -> list[str]:
                return [m["Body"] for m in twilio.sent("whatsapp:+33600000042") if "Body" in m]

            for text in ("bonjour", "1", "1"):  # the volunteer, in French
                await on_telegram(text)
            await seen(lambda: telegram.texts(777), "Que voulez-vous faire")
            users = tables.users
            async with passerelle.database.write() as conn:
                await conn.execute(
                    update(users).where(users.c.external_id == "777").values(roles=["volunteer"])
                )
            await on_telegram("/duty")
            await seen(lambda: telegram.texts(777), "permanence")
            for text in ("مرحبا", "1", "1", "5"):
                await whatsapp(text)
                await asyncio.sleep(0.2)
            await seen(on_whatsapp, "112")
            await whatsapp("أحتاج إلى محامٍ")
            request = await seen(lambda: telegram.texts(777), "🙋 Nouvelle demande n°1")
            assert "arabe" in request and "[fr] أحتاج إلى محامٍ" in request
            await on_telegram("/take 1")
            await seen(lambda: telegram.texts(777), "Vous répondez à n°1")
            await seen(on_whatsapp, "🙋")
            await on_telegram("Bonjour, quel est votre problème ?")
            await seen(on_whatsapp, "[ar] Bonjour, quel est votre problème ?")
            await whatsapp("أحتاج إلى محامٍ من أجل الطعن")
            await seen(lambda: telegram.texts(777), "[fr] أحتاج إلى محامٍ من أجل الطعن")
    finally:
        await telegram.stop()
        await twilio.stop()
