"""The inbox: a person asks to talk in the chat; a volunteer takes the request in the console (one
winner, as with /take), reads each message beside its translation, replies (a canned reply too),
hands it over and ends it — the person hearing everything translated — while their number never
appears; new messages reach an open inbox by server-sent events; a staff account linked to a chat
account shares its requests with the chat."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import func, select

from bot.app import App
from bot.clock import FrozenClock
from bot.config import Settings
from bot.store import tables
from bot.web import staff as accounts
from tests.support import Person
from tests.test_broadcast import Labelled
from tests.test_handover import make_volunteer
from tests.web_support import Console, add_staff, another, console, logged_in, shown

NUMBER = "+33612345678"


async def asks_to_talk(app: App, words: str = "أحتاج مساعدة في ملف اللجوء") -> Person:
    """Amal, on WhatsApp, in Arabic: the menu's "talk to a volunteer", then her first words."""
    amal = Person(app, NUMBER, channel="whatsapp")
    await amal.send("مرحبا")
    await amal.send("1")  # العربية
    await amal.send("1")  # I agree
    await amal.send("5")  # talk to a volunteer
    await amal.send(words)
    await amal.read()
    return amal


async def every_page(session: Console, request_id: int) -> str:
    """What the volunteer's pages and the admin's access log show."""
    pages = [await session.text(p) for p in ("/console/inbox", f"/console/inbox/{request_id}")]
    async with another(session) as admin:
        await logged_in(admin, "admin")
        pages += [await admin.text(p) for p in ("/console/inbox", f"/console/inbox/{request_id}")]
        pages.append(await admin.text("/console/audit"))
    return "".join(pages)


async def handover(app: App, request_id: int) -> dict[str, Any]:
    table = tables.handovers
    async with app.database.read() as conn:
        row = (await conn.execute(select(table).where(table.c.id == request_id))).one()
    return dict(row._mapping)


async def test_take_read_reply_with_canned_text_and_end(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as session:
        app = session.app
        app.translator.backend = Labelled()
        on_duty = await make_volunteer(app, "chatvol")
        await logged_in(session, "volunteer")
        amal = await asks_to_talk(app)
        await on_duty.read()
        inbox = await session.text("/console/inbox")
        assert 'data-request="1"' in inbox and "العربية" in inbox
        assert shown(app, "web.inbox.age_minutes", count=0) in inbox
        page = await session.text("/console/inbox/1")
        assert "أحتاج مساعدة في ملف اللجوء" in page and "[fr] أحتاج مساعدة" in page
        assert shown(app, "web.inbox.machine") in page
        assert (await session.post("/console/inbox/1/take")).status == 303
        (here,) = await amal.read()
        assert "🙋" in here
        assert "n°1" in (await on_duty.read())[0]  # the chat's volunteers hear it is taken
        lost = await on_duty.send("/take 1")
        assert "n°1" in lost[0] and "Vous répondez" not in lost[0]
        await session.post(
            "/console/inbox/1/reply", {"text": "Bonjour, je suis là.", "language": "fr"}
        )
        (answer,) = await amal.read()
        assert "[ar] Bonjour, je suis là." in answer and "🤖" in answer
        await amal.send("شكرا")
        conversation = await session.text("/console/inbox/1?fragment=messages")
        assert "شكرا" in conversation and "[fr] شكرا" in conversation
        async with another(session) as coordinator:
            await logged_in(coordinator, "coordinator")
            text = "Voici l'adresse de la permanence juridique : 12 rue de la Paix."
            await coordinator.post("/console/canned", {"title": "Adresse", "text": text})
        assert "Adresse" in await session.text("/console/inbox/1")
        await session.post("/console/inbox/1/reply", {"canned": "1", "text": ""})
        (canned,) = await amal.read()
        assert f"[ar] {text}" in canned
        assert NUMBER not in await every_page(session, 1)
        ended = await session.post("/console/inbox/1/end")
        assert ended.status == 303
        (bye,) = await amal.read()
        assert (await handover(app, 1))["status"] == "ended" and bye
        assert 'data-request="1"' not in await session.text("/console/inbox")
        said = tables.handover_messages
        async with app.database.read() as conn:
            authors = list(await conn.scalars(select(said.c.author).order_by(said.c.id)))
        assert authors == ["person", "volunteer", "person", "volunteer"]
        await app.scheduler().run(
            "console-housekeeping"
        )  # the copies queued for a console-only volunteer go
        async with app.database.read() as conn:
            web_rows = await conn.scalar(
                select(func.count()).where(tables.outbox.c.channel == accounts.WEB_CHANNEL)
            )
        assert web_rows == 0


async def test_a_console_take_and_a_chat_take_race(settings: Settings, clock: FrozenClock) -> None:
    async with console(settings, clock) as session:
        app = session.app
        app.translator.backend = Labelled()
        chat = await make_volunteer(app, "chatvol")
        await logged_in(session, "volunteer")
        await asks_to_talk(app)
        await chat.read()
        token = await session.page_token()
        web_take, chat_take = await asyncio.gather(
            session.client.post(
                "/console/inbox/1/take", data={"csrf": token}, allow_redirects=False
            ),
            chat.send("/take 1"),
        )
        row = await handover(app, 1)
        async with app.database.read() as conn:
            took = await conn.scalar(
                select(func.count()).where(tables.access_log.c.action == "took")
            )
        assert row["status"] == "taken" and took == 1
        console_won = web_take.headers["Location"] == "/console/inbox/1"
        chat_won = any("Vous répondez à n°1" in reply for reply in chat_take)
        assert console_won != chat_won


async def test_hand_over_to_a_colleague_on_their_chat_account(
    settings: Settings, clock: FrozenClock
) -> None:
    async with console(settings, clock) as session:
        app = session.app
        app.translator.backend = Labelled()
        chat = await make_volunteer(app, "nour", on_duty=False)
        colleague = await add_staff(app, "nour@example.org", "volunteer")
        async with app.database.write() as conn:
            await accounts.link(conn, colleague.id, "console", "nour", clock.now())
        me = await logged_in(session, "volunteer")
        amal = await asks_to_talk(app)
        await session.post("/console/inbox/1/take")
        await amal.read()
        handed = await session.post("/console/inbox/1/hand", {"to": str(colleague.id)})
        assert handed.status == 303
        (told,) = await chat.read()
        assert "n°1" in told
        assert (await session.client.get("/console/inbox/1")).status == 403  # no longer mine
        await amal.send("هل أنت هنا؟")
        (heard,) = await chat.read()  # the chat account now holds the conversation
        assert "هل أنت هنا؟" in heard
        queue = await chat.send("/take 1")
        assert "n°1" in queue[0]
        async with another(session) as nour:
            await nour.login("nour@example.org")
            assert 'data-request="1"' in await nour.text("/console/inbox")
            await nour.post("/console/inbox/1/reply", {"text": "Oui.", "language": "fr"})
        assert "[ar] Oui." in (await amal.read())[0]
        log = tables.access_log
        async with app.database.read() as conn:
            handed_by = await conn.scalar(select(log.c.staff_id).where(log.c.action == "handed"))
        assert handed_by == me.id


async def test_a_new_message_reaches_an_open_inbox(settings: Settings, clock: FrozenClock) -> None:
    async with console(settings, clock) as session:
        app = session.app
        app.translator.backend = Labelled()
        await logged_in(session, "volunteer")
        stream = await session.client.get("/console/live")
        assert stream.headers["Content-Type"].startswith("text/event-stream")

        async def next_event() -> str:
            block = ""
            while not block.endswith("\n\n"):
                block += (await stream.content.readline()).decode().replace("\r\n", "\n")
            return block

        assert "event: hello" in await asyncio.wait_for(next_event(), 5)
        await asks_to_talk(app)
        event = await asyncio.wait_for(next_event(), 5)
        assert event.startswith("event: inbox") and NUMBER not in event
        stream.close()
