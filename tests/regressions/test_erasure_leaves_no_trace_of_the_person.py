"""Issue 17, item 1: "delete my data" left the person's words in rows addressed to volunteers —
the request notice with "(original : …)", the backlog shown at `/take`, the 🚨 alerts (one carried
a first name and a neighbourhood) — because erasure cascaded only over the person's own rows.

Through the real webhooks: a person on WhatsApp asks for a volunteer and writes emergency words;
two volunteers on duty on Telegram are told; one takes the request, reads the backlog and the
original, and answers. Before erasure, a scan of every table (found from the live schema) and of
every file of the data folder finds the person's words, number and message ids (the positive
control); after it, nothing — on SQLite down to the bytes of the database and its log — except
the one id the README names: the message that asked for the erasure, linked to no one.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select, update

from bot.app import App
from bot.config import Settings
from bot.server import PASSERELLE, make_server
from bot.store import tables
from tests.standins.telegram import TelegramStandIn, updates
from tests.standins.twilio import TwilioStandIn, inbound, signature
from tests.telegram_support import HEADERS, telegram_settings
from tests.test_broadcast import Labelled
from tests.traces import files_mentioning, rows_mentioning, rows_pointing_at
from tests.twilio_support import PUBLIC, twilio_settings

NUMBER = "+33655598765"
WORDS = ("Zenobia", "Quillfeather", "Tourmaline", "Zénobie")
VOLUNTEERS = (5550001, 5550002)


class World:
    """The server with both stand-ins: a WhatsApp person, Telegram volunteers."""

    def __init__(self, client: TestClient, telegram: TelegramStandIn, twilio: TwilioStandIn):  # type: ignore[type-arg]
        self.client, self.telegram, self.twilio = client, telegram, twilio
        self.sids: list[str] = []

    @property
    def app(self) -> App:
        return self.client.server.app[PASSERELLE]

    async def person(self, body: str) -> None:
        sid = f"SMzenobia{len(self.sids):025d}"  # not to be mistaken for the stand-in's own
        form = inbound(f"whatsapp:{NUMBER}", body, MessageSid=sid, SmsMessageSid=sid)
        self.sids.append(sid)
        signed = {"X-Twilio-Signature": signature(PUBLIC + "/webhooks/twilio", form)}
        assert (await self.client.post("/webhooks/twilio", data=form, headers=signed)).status == 200

    async def volunteer(self, chat: int, text: str) -> None:
        update_ = updates.text(chat, text)
        response = await self.client.post("/webhooks/telegram", json=update_, headers=HEADERS)
        assert response.status == 200

    def to_person(self) -> list[str]:
        return [m.get("Body", "") for m in self.twilio.sent(f"whatsapp:{NUMBER}")]


async def seen(texts: Callable[[], list[str]], wanted: str, within: float = 20) -> str:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        found = [t for t in texts() if wanted in t]
        if found:
            return found[-1]
        await asyncio.sleep(0.05)
    raise AssertionError(f"never received {wanted!r}: {texts()}")


@asynccontextmanager
async def world(settings: Settings) -> AsyncIterator[World]:
    telegram, twilio = TelegramStandIn(), TwilioStandIn()
    await telegram.start()
    await twilio.start()
    both = twilio_settings(telegram_settings(settings, telegram.base_url), twilio.base_url)
    try:
        async with TestClient(TestServer(make_server(both), host="127.0.0.1")) as client:
            client.server.app[PASSERELLE].translator.backend = Labelled()
            yield World(client, telegram, twilio)
    finally:
        await telegram.stop()
        await twilio.stop()


async def on_duty(w: World) -> None:
    for chat in VOLUNTEERS:
        for text in ("bonjour", "1", "1"):
            await w.volunteer(chat, text)
        await seen(lambda chat=chat: w.telegram.texts(chat), "Que voulez-vous faire")
    async with w.app.database.write() as conn:
        await conn.execute(
            update(tables.users)
            .where(tables.users.c.external_id.in_([str(c) for c in VOLUNTEERS]))
            .values(roles=["volunteer"])
        )
    for chat in VOLUNTEERS:
        await w.volunteer(chat, "/duty")
        await seen(lambda chat=chat: w.telegram.texts(chat), "permanence")


async def delivered(w: World, within: float = 20) -> None:
    """Every queued message has been sent (so the volunteers' copies are `sent` rows)."""
    outbox = tables.outbox
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        async with w.app.database.read() as conn:
            waiting = (
                await conn.execute(
                    select(outbox.c.id).where(outbox.c.status.in_(("pending", "sending")))
                )
            ).all()
        if not waiting:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("messages still waiting to be sent")


async def traces(w: World, settings: Settings, user_id: int, sids: list[str]) -> dict[str, Any]:
    needles = [*WORDS, NUMBER, NUMBER.lstrip("+"), *sids]
    return {
        "rows": await rows_mentioning(w.app.database, needles),
        "keys": await rows_pointing_at(w.app.database, user_id),
        "files": files_mentioning(settings.data_dir, needles),
    }


async def test_erasure_leaves_no_trace_of_the_person(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with world(settings) as w:
        await on_duty(w)
        for text in ("hello", "1", "1", "5"):  # English, agree, talk to a volunteer
            await w.person(text)
            await seen(w.to_person, "")
        await seen(w.to_person, "112")
        await w.person("My name is Zenobia Quillfeather, I sleep near rue Tourmaline")
        await seen(lambda: w.telegram.texts(VOLUNTEERS[1]), "🙋 Nouvelle demande n°1")
        await w.person("Zénobie is in danger tonight")  # emergency words: 🚨 to both
        await seen(lambda: w.telegram.texts(VOLUNTEERS[1]), "🚨")
        await w.volunteer(VOLUNTEERS[0], "/take 1")  # the backlog, quoted
        await seen(lambda: w.telegram.texts(VOLUNTEERS[0]), "Vous répondez à n°1")
        await w.volunteer(VOLUNTEERS[0], "Bonjour Zenobia, où êtes-vous ?")
        await seen(w.to_person, "Bonjour Zenobia")
        await w.person("Quillfeather again, near the station")
        await seen(lambda: w.telegram.texts(VOLUNTEERS[0]), "« Quillfeather again")
        await delivered(w)
        outbox = tables.outbox
        async with w.app.database.read() as conn:
            user_id = await conn.scalar(
                select(tables.users.c.id).where(tables.users.c.external_id == NUMBER)
            )
            assert user_id is not None
            sent = select(outbox.c.external_id).where(outbox.c.user_id == user_id)
            w.sids += [sid for sid in (await conn.scalars(sent)) if sid]  # Twilio's, to them

        before = await traces(w, settings, user_id, w.sids)
        # The positive control: the scan finds the person where the bug left them.
        quoted_to_volunteers = [r for r in before["rows"] if r.startswith("outbox.payload")]
        assert {f"outbox.payload: {word}" for word in WORDS} <= set(quoted_to_volunteers)
        assert any(r.startswith("handover_messages.") for r in before["rows"])
        assert any(r.startswith("translations.") for r in before["rows"])
        assert any(r.startswith("inbound_log.external_id") for r in before["rows"])
        assert "outbox.about_user_id" in before["keys"]
        if settings.is_sqlite:
            assert any(f"{NUMBER}" in f or "Zenobia" in f for f in before["files"])

        await w.person("delete my data")  # first: end the conversation with the volunteer?
        await seen(w.to_person, "End the conversation and go on")
        await w.person("1")  # end it, and go on to "delete my data"
        await seen(w.to_person, "Do you want to delete everything?")
        await w.person("1")  # yes
        erasing = w.sids.pop()
        goodbye = w.app.catalogs.text("en", "erase.done")
        await seen(w.to_person, goodbye)
        deadline = time.monotonic() + 20
        while (after := await traces(w, settings, user_id, w.sids)) != {
            "rows": [],
            "keys": [],
            "files": [],
        }:
            assert time.monotonic() < deadline, after
            await asyncio.sleep(0.1)

        log = tables.inbound_log
        async with w.app.database.read() as conn:
            kept = (await conn.execute(select(log).where(log.c.external_id == erasing))).all()
        assert [row.user_id for row in kept] == [None]  # the one id the README names

        await seen(lambda: w.telegram.texts(VOLUNTEERS[0]), "la personne a terminé")
        await w.volunteer(VOLUNTEERS[0], "Vous êtes là ?")  # nobody to send it to any more

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert logged  # the capture saw the server's log lines
    for needle in (*WORDS, NUMBER, NUMBER.lstrip("+")):
        assert needle not in logged, needle
